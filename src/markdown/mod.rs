//! Markdown to HTML with pulldown-cmark, in three named steps after zola:
//! shortcodes out (placeholders), Markdown through (anchors, TOC, resolutions,
//! links), shortcodes back in. Bodies without shortcodes skip the first and last step.

pub mod anchors;
pub mod shortcodes;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

pub use shortcodes::Shortcode;

/// The resolution marker that starts a paragraph: มติที่ประชุม:
pub const RESOLUTION: &str = "มติที่ประชุม:";

/// One table-of-contents entry.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub children: Vec<TocEntry>,
}

/// A resolution paragraph and the item it belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Resolution {
    pub anchor: Option<String>,
    pub item: Option<String>,
    pub text: String,
}

/// A link found in the body, with its file line.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub href: String,
    pub line: usize,
    /// 1-based column (in characters) where the link starts.
    pub col: usize,
}

/// What rendering a body produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub resolutions: Vec<Resolution>,
    pub links: Vec<Link>,
    /// The images (`![alt](src)`), in order; the HTML holds a placeholder for each
    /// until `restore_images` puts the processed photo in (the asset stage decides).
    pub images: Vec<ImageRef>,
    /// The body as plain text, cut into passages at each h2–h4 heading (for search).
    /// The first passage is the text before the first such heading, with no id.
    pub sections: Vec<PlainSection>,
}

/// A passage of the body as plain text: a heading (h2–h4) and the text up to the next one.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PlainSection {
    /// The heading's anchor; empty for the text before the first heading.
    pub id: String,
    pub heading: String,
    pub text: String,
}

const INLINE_OPEN: char = '\u{E000}';
const INLINE_CLOSE: char = '\u{E001}';
const IMAGE_OPEN: char = '\u{E002}';
const IMAGE_CLOSE: char = '\u{E003}';

/// A Markdown image: where it points, its alt text and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
    pub title: String,
    pub line: usize,
    pub col: usize,
}

/// Put each image's HTML (`html_of[i]` for `images[i]`) where its placeholder is.
pub fn restore_images(html: &str, html_of: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(IMAGE_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + IMAGE_OPEN.len_utf8()..];
        let Some(len) = after.find(IMAGE_CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(h) = after[..len]
            .parse::<usize>()
            .ok()
            .and_then(|i| html_of.get(i))
        {
            out.push_str(h);
        }
        rest = &after[len + IMAGE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Render `body` (whose first line is file line `first_line`). `shortcodes` are the
/// calls found in it, in order; `expanded[i]` is the HTML for `shortcodes[i]`.
pub fn render(
    body: &str,
    first_line: usize,
    shortcodes: &[Shortcode],
    expanded: &[String],
) -> Rendered {
    let (source, added) = replace_shortcodes(body, shortcodes);
    let mut out = render_markdown(&source, first_line, &added);
    if !shortcodes.is_empty() {
        out.html = restore_shortcodes(&out.html, expanded);
        for sec in &mut out.sections {
            sec.heading = strip_placeholders(&sec.heading);
            sec.text = strip_placeholders(&sec.text);
        }
    }
    // The summary carries a resolution as rendered: a shortcode in it (a deadline's
    // date, a download's title) gives its text, not nothing.
    for r in &mut out.resolutions {
        r.text = text_with_shortcodes(&r.text, expanded);
    }
    out
}

/// `s` with each inline placeholder replaced by the visible text of its shortcode's HTML.
fn text_with_shortcodes(s: &str, expanded: &[String]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(INLINE_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + INLINE_OPEN.len_utf8()..];
        let Some(len) = after.find(INLINE_CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(h) = after[..len]
            .parse::<usize>()
            .ok()
            .and_then(|i| expanded.get(i))
        {
            out.push_str(&visible_text(h));
        }
        rest = &after[len + INLINE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    // Whitespace collapsed, as the summary is one line.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in a shortcode's HTML: tags dropped, entities decoded, and
/// nothing from inside an `<svg>` (a QR code's title) or a print-only QR block.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    // The element being skipped: its name and how deep inside same-named elements we are.
    let mut hidden: Option<(String, usize)> = None;
    while let Some(lt) = rest.find('<') {
        if hidden.is_none() {
            out.push_str(&rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match &mut hidden {
            Some((n, depth)) if *n == name && !self_closing => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        hidden = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None => {
                let hides = name == "svg" || name == "figure" || tag.contains("class=\"qr");
                if hides && !closing && !self_closing {
                    hidden = Some((name, 1));
                }
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    if hidden.is_none() {
        out.push_str(rest);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Step 1: replace each shortcode by a placeholder. Returns the new text and, for
/// line mapping, the (offset, lines added so far) of each inserted blank line.
fn replace_shortcodes(body: &str, shortcodes: &[Shortcode]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(body.len());
    let mut added = Vec::new();
    let mut last = 0;
    let mut extra = 0;
    for (i, sc) in shortcodes.iter().enumerate() {
        if sc.start < last || sc.end > body.len() {
            continue;
        }
        out.push_str(&body[last..sc.start]);
        if sc.block {
            // An HTML block needs blank lines around it to stay out of paragraphs.
            extra += 1;
            out.push('\n');
            added.push((out.len(), extra));
            out.push_str(&format!("<div data-wara-sc=\"{i}\"></div>\n"));
            extra += 1;
            added.push((out.len(), extra));
        } else {
            out.push(INLINE_OPEN);
            out.push_str(&i.to_string());
            out.push(INLINE_CLOSE);
        }
        last = sc.end;
    }
    out.push_str(&body[last..]);
    (out, added)
}

/// Step 3: put the shortcodes' HTML where their placeholders ended up.
fn restore_shortcodes(html: &str, expanded: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let block = rest.find("<div data-wara-sc=\"");
        let inline = rest.find(INLINE_OPEN);
        let (at, is_block) = match (block, inline) {
            (Some(b), Some(i)) => {
                if b < i {
                    (b, true)
                } else {
                    (i, false)
                }
            }
            (Some(b), None) => (b, true),
            (None, Some(i)) => (i, false),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let (num_start, end_marker) = if is_block {
            (at + "<div data-wara-sc=\"".len(), "\"></div>")
        } else {
            (at + INLINE_OPEN.len_utf8(), "\u{E001}")
        };
        let Some(len) = rest[num_start..].find(end_marker) else {
            out.push_str(&rest[at..]);
            return out;
        };
        let idx: Option<usize> = rest[num_start..num_start + len].parse().ok();
        if let Some(h) = idx.and_then(|i| expanded.get(i)) {
            out.push_str(h);
        }
        rest = &rest[num_start + len + end_marker.len()..];
    }
    out.push_str(rest);
    out
}

fn strip_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut skipping = false;
    for c in s.chars() {
        match c {
            INLINE_OPEN => skipping = true,
            INLINE_CLOSE => skipping = false,
            _ if !skipping => out.push(c),
            _ => {}
        }
    }
    out
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Step 2: Markdown with ids, TOC, resolutions and links.
fn render_markdown(source: &str, first_line: usize, added: &[(usize, usize)]) -> Rendered {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(source, opts).into_offset_iter().collect();
    let line_of = |offset: usize| {
        let nl = source.as_bytes()[..offset.min(source.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        let shift = added
            .iter()
            .take_while(|(o, _)| *o <= offset)
            .last()
            .map_or(0, |(_, n)| *n);
        first_line + nl - shift
    };
    let col_of = |offset: usize| {
        let before = &source[..offset.min(source.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        before[line_start..].chars().count() + 1
    };
    let mut out = Rendered {
        sections: vec![PlainSection::default()],
        ..Rendered::default()
    };
    // Every image, wherever it is (a paragraph, a heading, a resolution), becomes a
    // placeholder; the asset stage renders the photo (see `restore_images`).
    let events = take_images(events, &mut out.images, |o| (line_of(o), col_of(o)));
    let mut anchors = anchors::Anchors::default();
    let mut flat_toc: Vec<TocEntry> = Vec::new();
    // The item a resolution is filed under: the last agenda (`##`) or item (`###`)
    // heading. Sub-items (`####`) are parts of their item, as in the minutes' layout,
    // where the resolution closes the whole item after its last sub-item.
    let mut current_item: Option<(String, String)> = None;
    let mut after_sub_item = false;
    let mut result: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        match ev {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let end = find_end(&events, i);
                let inner: Vec<Event> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                let text = plain_text(&inner);
                let anchor = match id {
                    Some(explicit) => explicit.to_string(),
                    None => anchors.assign(&text),
                };
                let n = level_num(*level);
                if (2..=4).contains(&n) {
                    flat_toc.push(TocEntry {
                        id: anchor.clone(),
                        title: text.clone(),
                        level: n,
                        children: Vec::new(),
                    });
                }
                if n == 2 || n == 3 || (n > 3 && current_item.is_none()) {
                    current_item = Some((anchor.clone(), text.clone()));
                    after_sub_item = false;
                } else if n > 3 {
                    after_sub_item = true;
                }
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape(&classes.join(" ")))
                };
                result.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{}\"{class_attr}>",
                    escape(&anchor)
                ))));
                result.extend(inner);
                result.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                if (2..=4).contains(&n) {
                    out.sections.push(PlainSection {
                        id: anchor.clone(),
                        heading: text.clone(),
                        text: String::new(),
                    });
                } else {
                    push_plain(&mut out, &text);
                    push_plain(&mut out, "\n");
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) => {
                if let Some((Event::Text(t), _)) = events.get(i + 1)
                    && let Some(rest) = t.trim_start().strip_prefix(RESOLUTION)
                {
                    let end = find_end(&events, i);
                    let mut inner: Vec<Event> =
                        events[i + 2..end].iter().map(|(e, _)| e.clone()).collect();
                    inner.insert(0, Event::Text(CowStr::from(rest.to_owned())));
                    let text = plain_text(&inner).trim().to_owned();
                    out.resolutions.push(Resolution {
                        anchor: current_item.as_ref().map(|c| c.0.clone()),
                        item: current_item.as_ref().map(|c| c.1.clone()),
                        text: text.clone(),
                    });
                    result.push(Event::Html(CowStr::from(format!("<p class=\"resolution\"><strong class=\"resolution-label\">{RESOLUTION}</strong>"))));
                    // After a sub-item, say whose resolution this is (the whole item's).
                    if after_sub_item
                        && let Some(number) = current_item.as_ref().and_then(|c| item_number(&c.1))
                    {
                        result.push(Event::Html(CowStr::from(format!(
                            " <span class=\"resolution-of\">(ข้อ {} ทั้งข้อ)</span>",
                            escape(number)
                        ))));
                    }
                    result.extend(inner);
                    result.push(Event::Html(CowStr::from("</p>\n")));
                    push_plain(&mut out, RESOLUTION);
                    push_plain(&mut out, " ");
                    push_plain(&mut out, &text);
                    push_plain(&mut out, "\n");
                    i = end + 1;
                    continue;
                }
                result.push(ev.clone());
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push(Link {
                    href: dest_url.to_string(),
                    line: line_of(range.start),
                    col: col_of(range.start),
                });
                result.push(ev.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                push_plain(&mut out, t);
                result.push(ev.clone());
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                push_plain(
                    &mut out,
                    if matches!(ev, Event::End(TagEnd::TableCell)) {
                        " "
                    } else {
                        "\n"
                    },
                );
                result.push(ev.clone());
            }
            _ => result.push(ev.clone()),
        }
        i += 1;
    }
    html::push_html(&mut out.html, result.into_iter());
    out.toc = nest_toc(flat_toc);
    out
}

/// Replace each image (`Start(Image)` … `End(Image)`) by one placeholder event and
/// note it, with its alt text (the plain text inside) and position.
fn take_images<'e>(
    events: Vec<(Event<'e>, std::ops::Range<usize>)>,
    images: &mut Vec<ImageRef>,
    pos: impl Fn(usize) -> (usize, usize),
) -> Vec<(Event<'e>, std::ops::Range<usize>)> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &events[i]
        {
            let end = find_end(&events, i);
            let inner: Vec<Event> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
            let (line, col) = pos(range.start);
            out.push((
                Event::InlineHtml(CowStr::from(format!(
                    "{IMAGE_OPEN}{}{IMAGE_CLOSE}",
                    images.len()
                ))),
                range.clone(),
            ));
            images.push(ImageRef {
                src: dest_url.to_string(),
                alt: plain_text(&inner),
                title: title.to_string(),
                line,
                col,
            });
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// The number an item heading starts with (`๓.๓` of `๓.๓ สถิติ…`), if any.
fn item_number(title: &str) -> Option<&str> {
    let first = title.split_whitespace().next()?;
    let numeric = first
        .chars()
        .all(|c| c == '.' || c.is_ascii_digit() || ('๐'..='๙').contains(&c));
    (numeric && first.chars().any(|c| c != '.')).then_some(first.trim_end_matches('.'))
}

/// Index of the event closing the tag opened at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Append body text to the current passage.
fn push_plain(out: &mut Rendered, s: &str) {
    if let Some(sec) = out.sections.last_mut() {
        sec.text.push_str(s);
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    fn push(list: &mut Vec<TocEntry>, e: TocEntry) {
        if let Some(last) = list.last_mut()
            && e.level > last.level
        {
            push(&mut last.children, e);
            return;
        }
        list.push(e);
    }
    let mut out = Vec::new();
    for e in flat {
        push(&mut out, e);
    }
    out
}

/// Escape text for HTML element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "## ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ทราบ\n\n### ๑.๑ การประชุม\n\nข้อความ [ดู](/contests/x/)\n\nมติที่ประชุม: รับทราบ\n\n## ระเบียบวาระที่ ๓ เรื่องเพื่อทราบ\n\n### ๓.๓ สถิติ\n\n#### ๓.๓.๒ เรื่อง\n\nมติที่ประชุม: รับทราบ / ให้ *ส่ง*\n";

    #[test]
    fn headings_get_ascii_anchors_and_a_nested_toc() {
        let r = render(BODY, 10, &[], &[]);
        assert!(
            r.html
                .contains("<h2 id=\"agenda-1\">ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ทราบ</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"item-1-1\">"));
        assert!(r.html.contains("<h4 id=\"item-3-3-2\">"));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].children[0].id, "item-3-3-2");
    }

    #[test]
    fn plain_text_is_cut_into_passages_at_h2_to_h4() {
        let body = "เปิด\n\n## ระเบียบวาระที่ ๑\n\n### ๑.๑ ปลูกผักสวนครัว\n\nข้อ ก\n\n##### ย่อย\n\nข้อ ข\n\nมติที่ประชุม: รับทราบ\n\n#### ๑.๑.๑ ต่อ\n\n| ก | ข |\n|---|---|\n| ๑ | ๒ |\n";
        let r = render(body, 1, &[], &[]);
        let got: Vec<(&str, &str, &str)> = r
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("", "", "เปิด\n"),
                ("agenda-1", "ระเบียบวาระที่ ๑", ""),
                // An h5 stays in its item's text; a resolution keeps a space after its label.
                (
                    "item-1-1",
                    "๑.๑ ปลูกผักสวนครัว",
                    "ข้อ ก\nย่อย\nข้อ ข\nมติที่ประชุม: รับทราบ\n"
                ),
                ("item-1-1-1", "๑.๑.๑ ต่อ", "ก ข ๑ ๒ "),
            ]
        );
    }

    #[test]
    fn passages_lose_shortcode_placeholders_in_heading_and_text() {
        let body = "## วาระ {{ deadline(date=\"2020-06-01\", task=\"x\") }} ก\n\nภายใน {{ deadline(date=\"2020-06-02\", task=\"y\") }} นะ\n";
        let mut d = crate::diag::Diagnostics::new();
        let scs = shortcodes::find(body, 1, std::path::Path::new("p.md"), body, &mut d);
        assert_eq!(scs.len(), 2);
        let r = render(
            body,
            1,
            &scs,
            &["<mark>a</mark>".into(), "<mark>b</mark>".into()],
        );
        let s = &r.sections[1];
        assert_eq!(
            (s.heading.as_str(), s.text.as_str()),
            ("วาระ  ก", "ภายใน  นะ\n")
        );
        assert!(!s.heading.contains(INLINE_OPEN) && !s.text.contains(INLINE_CLOSE));
    }

    #[test]
    fn resolutions_are_styled_and_collected_with_their_item() {
        let r = render(BODY, 10, &[], &[]);
        assert!(r.html.contains("<p class=\"resolution\"><strong class=\"resolution-label\">มติที่ประชุม:</strong> รับทราบ</p>"), "{}", r.html);
        assert_eq!(r.resolutions.len(), 2);
        assert_eq!(r.resolutions[0].anchor.as_deref(), Some("item-1-1"));
        // Filed under the item ๓.๓, not its sub-item ๓.๓.๒, and the page says so.
        assert_eq!(r.resolutions[1].anchor.as_deref(), Some("item-3-3"));
        assert_eq!(r.resolutions[1].item.as_deref(), Some("๓.๓ สถิติ"));
        assert_eq!(r.resolutions[1].text, "รับทราบ / ให้ ส่ง");
        assert!(
            r.html.contains(
                "มติที่ประชุม:</strong> <span class=\"resolution-of\">(ข้อ ๓.๓ ทั้งข้อ)</span> รับทราบ / ให้"
            ),
            "{}",
            r.html
        );
        // A resolution straight after its item's heading carries no such note.
        assert_eq!(r.html.matches("resolution-of").count(), 1);
    }

    #[test]
    fn a_resolution_after_the_last_sub_item_belongs_to_the_item() {
        let body = "### ๓.๑๗ โครงการ\n\n#### ๓.๑๗.๑ ผัก\n\nก\n\n#### ๓.๑๗.๓ บวร\n\nข\n\nมติที่ประชุม: รับทราบ\n\n### ๓.๑๘ ใสสะอาด\n\nมติที่ประชุม: รับทราบ\n";
        let r = render(body, 1, &[], &[]);
        let anchors: Vec<_> = r.resolutions.iter().map(|x| x.anchor.as_deref()).collect();
        assert_eq!(anchors, vec![Some("item-3-17"), Some("item-3-18")]);
    }

    #[test]
    fn the_summary_carries_shortcodes_as_rendered() {
        let body = "### ๑.๒ การบรรจุ\n\nมติที่ประชุม: รับทราบ / ไปรายงานตัวในวันที่ {{ deadline(date=\"2020-05-14\", task=\"x\") }}\n";
        let mut d = crate::diag::Diagnostics::new();
        let scs = shortcodes::find(body, 1, std::path::Path::new("p.md"), body, &mut d);
        let html = "<mark class=\"deadline\" title=\"x\"><time datetime=\"2020-05-14\">๑๔ พฤษภาคม ๒๕๖๓</time></mark>";
        let r = render(body, 1, &scs, &[html.to_owned()]);
        assert_eq!(
            r.resolutions[0].text,
            "รับทราบ / ไปรายงานตัวในวันที่ ๑๔ พฤษภาคม ๒๕๖๓"
        );
        assert!(r.html.contains(html), "{}", r.html);
    }

    #[test]
    fn visible_text_leaves_out_qr_codes_and_decodes_entities() {
        let h = "<span class=\"download\"><a href=\"/f.pdf\">คู่มือ &amp; แบบ</a> <span class=\"file-meta\">(PDF ๒๘ กิโลไบต์)</span><span class=\"qr qr-inline\"><svg><title>คู่มือ</title></svg><span class=\"qr-caption\">คู่มือ</span></span></span>";
        assert_eq!(visible_text(h), "คู่มือ & แบบ (PDF ๒๘ กิโลไบต์)");
        assert_eq!(visible_text("<figure class=\"qr\"><svg/></figure>ก"), "ก");
        assert_eq!(visible_text("ก<b"), "ก");
        assert_eq!(item_number("๓.๓ สถิติ"), Some("๓.๓"));
        assert_eq!(item_number("ระเบียบวาระที่ ๒"), None);
        assert_eq!(item_number(". x"), None);
    }

    #[test]
    fn links_carry_file_lines_even_after_block_shortcodes() {
        let body = "a\n{{ table(src=\"t.yaml\") }}\nb [x](/y/)\n";
        let mut d = crate::diag::Diagnostics::new();
        let scs = shortcodes::find(body, 4, std::path::Path::new("p.md"), body, &mut d);
        let r = render(body, 4, &scs, &["<figure>T</figure>".to_owned()]);
        assert!(r.html.contains("<figure>T</figure>"), "{}", r.html);
        assert!(!r.html.contains("<p><figure>"), "{}", r.html);
        assert_eq!(
            r.links,
            vec![Link {
                href: "/y/".into(),
                line: 6,
                col: 3
            }]
        );
    }

    #[test]
    fn images_become_placeholders_with_alt_line_and_column() {
        let body = "ก\n\nดู ![ภาพแปลงผัก *ใหม่*](garden.jpg \"t\") และ ![](x.png)\n";
        let r = render(body, 3, &[], &[]);
        assert_eq!(
            r.images,
            vec![
                ImageRef {
                    src: "garden.jpg".into(),
                    alt: "ภาพแปลงผัก ใหม่".into(),
                    title: "t".into(),
                    line: 5,
                    col: 4
                },
                ImageRef {
                    src: "x.png".into(),
                    alt: String::new(),
                    title: String::new(),
                    line: 5,
                    col: 45
                }
            ]
        );
        assert!(r.links.is_empty());
        let html = restore_images(&r.html, &["<img A>".into(), "<img B>".into()]);
        assert_eq!(html, "<p>ก</p>\n<p>ดู <img A> และ <img B></p>\n");
        // In a heading or a resolution too.
        let r = render("## ก ![ข](h.jpg)\n\nมติที่ประชุม: ดู ![ค](r.jpg)\n", 1, &[], &[]);
        let got: Vec<(&str, &str, usize)> = r
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.alt.as_str(), i.line))
            .collect();
        assert_eq!(got, vec![("h.jpg", "ข", 1), ("r.jpg", "ค", 3)]);
        assert!(!r.html.contains("<img"), "{}", r.html);
    }

    #[test]
    fn inline_shortcodes_stay_in_their_paragraph() {
        let body = "ภายในวันที่ {{ deadline(date=\"2020-06-01\", task=\"x\") }} นะ\n";
        let mut d = crate::diag::Diagnostics::new();
        let scs = shortcodes::find(body, 1, std::path::Path::new("p.md"), body, &mut d);
        let r = render(body, 1, &scs, &["<mark>๑ มิ.ย.</mark>".to_owned()]);
        assert_eq!(r.html.trim(), "<p>ภายในวันที่ <mark>๑ มิ.ย.</mark> นะ</p>");
    }
}
