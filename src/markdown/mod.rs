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
    /// The body as plain text (for search and summaries).
    pub plain: String,
}

const INLINE_OPEN: char = '\u{E000}';
const INLINE_CLOSE: char = '\u{E001}';

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
        out.plain = strip_placeholders(&out.plain);
    }
    out
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

/// The `href`, `src` and `action` attribute values of raw HTML, with the byte
/// offset of each attribute, quoted or not. Entities are not decoded beyond `&amp;`.
fn html_urls(html: &str) -> Vec<(usize, String)> {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in ["href", "src", "action"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name).map(|i| i + from) {
            from = i + name.len();
            let before_ok = i > 0 && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'/');
            let mut j = from;
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if !before_ok || bytes.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            let value = match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = j + 1;
                    let end = html[start..]
                        .find(char::from(q))
                        .map_or(html.len(), |e| start + e);
                    &html[start..end]
                }
                Some(_) => {
                    let end = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(html.len(), |e| j + e);
                    &html[j..end]
                }
                None => "",
            };
            found.push((i, value.replace("&amp;", "&")));
        }
    }
    found.sort();
    found
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
    let mut out = Rendered::default();
    let mut anchors = anchors::Anchors::default();
    let mut flat_toc: Vec<TocEntry> = Vec::new();
    let mut current_item: Option<(String, String)> = None;
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
                if n >= 2 {
                    current_item = Some((anchor.clone(), text.clone()));
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
                out.plain.push_str(&text);
                out.plain.push('\n');
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
                        text: strip_placeholders(&text),
                    });
                    result.push(Event::Html(CowStr::from(format!("<p class=\"resolution\"><strong class=\"resolution-label\">{RESOLUTION}</strong>"))));
                    result.extend(inner);
                    result.push(Event::Html(CowStr::from("</p>\n")));
                    out.plain.push_str(RESOLUTION);
                    out.plain.push_str(&text);
                    out.plain.push('\n');
                    i = end + 1;
                    continue;
                }
                result.push(ev.clone());
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(Link {
                    href: dest_url.to_string(),
                    line: line_of(range.start),
                    col: col_of(range.start),
                });
                result.push(ev.clone());
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                // Raw `<a href>` and `<img src>` are links too: they get the same checks.
                let exact = source.get(range.clone()) == Some(t.as_ref());
                for (at, href) in html_urls(t) {
                    let offset = if exact { range.start + at } else { range.start };
                    out.links.push(Link {
                        href,
                        line: line_of(offset),
                        col: col_of(offset),
                    });
                }
                result.push(ev.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                out.plain.push_str(t);
                result.push(ev.clone());
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                out.plain
                    .push(if matches!(ev, Event::End(TagEnd::TableCell)) {
                        ' '
                    } else {
                        '\n'
                    });
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
    fn resolutions_are_styled_and_collected_with_their_item() {
        let r = render(BODY, 10, &[], &[]);
        assert!(r.html.contains("<p class=\"resolution\"><strong class=\"resolution-label\">มติที่ประชุม:</strong> รับทราบ</p>"), "{}", r.html);
        assert_eq!(r.resolutions.len(), 2);
        assert_eq!(r.resolutions[0].anchor.as_deref(), Some("item-1-1"));
        assert_eq!(r.resolutions[1].anchor.as_deref(), Some("item-3-3-2"));
        assert_eq!(r.resolutions[1].text, "รับทราบ / ให้ ส่ง");
    }

    #[test]
    fn raw_html_links_are_found_with_their_lines() {
        let r = render(
            "Intro\n\n<p>See <a class=x href=\"/staff/secret/\">this</a></p>\n\nText <img src='a.png'> and <A HREF=b.pdf>b</A>\n",
            5,
            &[],
            &[],
        );
        let got: Vec<(&str, usize)> = r.links.iter().map(|l| (l.href.as_str(), l.line)).collect();
        assert_eq!(got, vec![("/staff/secret/", 7), ("a.png", 9), ("b.pdf", 9)]);
        assert_eq!(r.links[0].col, 19);
        assert!(html_urls("<a data-href=\"x\" hreflang=th>").is_empty());
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
    fn inline_shortcodes_stay_in_their_paragraph() {
        let body = "ภายในวันที่ {{ deadline(date=\"2020-06-01\", task=\"x\") }} นะ\n";
        let mut d = crate::diag::Diagnostics::new();
        let scs = shortcodes::find(body, 1, std::path::Path::new("p.md"), body, &mut d);
        let r = render(body, 1, &scs, &["<mark>๑ มิ.ย.</mark>".to_owned()]);
        assert_eq!(r.html.trim(), "<p>ภายในวันที่ <mark>๑ มิ.ย.</mark> นะ</p>");
    }
}
