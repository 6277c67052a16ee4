//! Markdown to HTML with pulldown-cmark, in three named steps after zola:
//! shortcodes out (placeholders), Markdown through (anchors, TOC, resolutions),
//! shortcodes back in. Bodies without shortcodes skip the first and last step.
//!
//! Staff content needs no raw HTML: every HTML block and inline tag is dropped (with a
//! warning at its line), HTML comments are dropped silently, and links and images may
//! only use `http`, `https`, `mailto` and `tel` (or a path in the site).
//!
//! The headings of a body (their ids, texts and lines) are made by the same two functions
//! (`heading_at`, `assign_ids`) in the survey before rendering ([`survey`]: deadline
//! anchors, the minutes structure) and in the renderer itself, so the page, its TOC and its
//! deadline links always agree. The same one parse at load finds the links and images a
//! body holds, for the check stage.

pub(crate) mod anchors;
pub(crate) mod shortcodes;

use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

pub(crate) use shortcodes::Shortcode;

/// The resolution marker that starts a paragraph: มติที่ประชุม:
pub(crate) const RESOLUTION: &str = "มติที่ประชุม:";

/// The word of [`RESOLUTION`] without its colon.
const RESOLUTION_WORD: &str = "มติที่ประชุม";

/// One table-of-contents entry.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct TocEntry {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) level: u8,
    pub(crate) children: Vec<TocEntry>,
}

/// A resolution paragraph and the item it belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Resolution {
    pub(crate) anchor: Option<String>,
    pub(crate) item: Option<String>,
    pub(crate) text: String,
}

/// A link or image found in the body, with where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub(crate) href: String,
    /// Byte offset in the file where the link starts.
    pub(crate) at: usize,
    /// An image (`![…](…)`), which must exist, rather than a link.
    pub(crate) image: bool,
}

/// Something in the body that was not published as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Issue {
    /// Raw HTML (not a comment), dropped from the page.
    RawHtml,
    /// A link or image whose scheme is not allowed (`javascript:`, `data:`, …); only
    /// its words were kept.
    UnsafeLink { href: String, scheme: String },
    /// `![…](a b.jpg)`: a path with a space, which Markdown does not take as an image.
    ImageWithSpace { path: String },
}

/// An [`Issue`] at a byte offset of the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub(crate) at: usize,
    pub(crate) issue: Issue,
}

/// What rendering a body produced.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) resolutions: Vec<Resolution>,
    /// The body as plain text, cut into passages at each h2–h4 heading (for search).
    /// The first passage is the text before the first such heading, with no id.
    pub(crate) sections: Vec<PlainSection>,
    pub(crate) problems: Vec<Problem>,
    /// The images (`![alt](src)`), in order; the HTML holds a placeholder for each
    /// until `restore_images` puts the processed photo in (the asset stage decides).
    pub(crate) images: Vec<ImageRef>,
    /// The placeholder word of images in `html` (a nonce the body cannot contain).
    image_marker: String,
}

/// A Markdown image: where it points, its alt text and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImageRef {
    pub(crate) src: String,
    pub(crate) alt: String,
    pub(crate) title: String,
    /// Byte offset in the file.
    pub(crate) at: usize,
}

/// `rendered.html` with each image's HTML (`html_of[i]` for `images[i]`) where its
/// placeholder is.
pub(crate) fn restore_images(rendered: &Rendered, html_of: &[String]) -> String {
    let marker = &rendered.image_marker;
    let html = &rendered.html;
    if marker.is_empty() {
        return html.clone();
    }
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    while let Some(found) = html[pos..].find(marker.as_str()) {
        let at = pos + found;
        let digits_at = at + marker.len();
        let digits = html[digits_at..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        out.push_str(&html[pos..at]);
        match html[digits_at..digits_at + digits].parse::<usize>() {
            Ok(i) if html[digits_at + digits..].starts_with('e') => {
                out.push_str(html_of.get(i).map_or("", String::as_str));
                pos = digits_at + digits + 1;
            }
            _ => {
                out.push_str(marker);
                pos = digits_at;
            }
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// A passage of the body as plain text: a heading (h2–h4) and the text up to the next one.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct PlainSection {
    /// The heading's anchor; empty for the text before the first heading.
    pub(crate) id: String,
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// One heading of a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    /// Its anchor (the `{#id}` written, or one made from its number or words).
    pub(crate) id: String,
    pub(crate) text: String,
    /// Whether the id was written as `{#id}`.
    pub(crate) explicit: bool,
    /// Byte offset in the body where the heading starts.
    pub(crate) offset: usize,
    /// Byte offset in the file.
    pub(crate) at: usize,
}

/// The headings of a body and the paragraphs that start like a resolution but are not one.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub(crate) headings: Vec<Heading>,
    /// File byte offset of each paragraph starting `มติที่ประชุม` without the colon.
    pub(crate) colonless_resolutions: Vec<usize>,
}

/// The Markdown extensions wara uses.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

type Events<'s> = Vec<(Event<'s>, Range<usize>)>;

/// A part of the Markdown source: copied from the body, or a shortcode's placeholder.
#[derive(Debug, Clone, Copy)]
struct Segment {
    source_start: usize,
    body_start: usize,
    copied: bool,
}

/// Step 1: the body with each shortcode replaced by a placeholder word that the
/// body cannot contain (a nonce checked against it), and the map back to body offsets.
struct Prepared<'b> {
    source: String,
    /// `wara<nonce>sc`: followed by the shortcode's index and `b` (block) or `i` (inline).
    prefix: String,
    segments: Vec<Segment>,
    body: &'b str,
    /// Where the body starts in its file.
    base: usize,
}

impl<'b> Prepared<'b> {
    fn new(body: &'b str, base: usize, shortcodes: &[Shortcode]) -> Self {
        Self::with_prefix(body, base, shortcodes, None)
    }

    /// [`Prepared::new`] with the placeholders' prefix of an earlier preparation of the same
    /// body, when given (see [`Shared`]).
    fn with_prefix(
        body: &'b str,
        base: usize,
        shortcodes: &[Shortcode],
        prefix: Option<String>,
    ) -> Self {
        if shortcodes.is_empty() {
            return Self {
                source: body.to_owned(),
                prefix: String::new(),
                segments: Vec::new(),
                body,
                base,
            };
        }
        let prefix = prefix.unwrap_or_else(|| nonce_prefix(body));
        let mut source = String::with_capacity(body.len() + shortcodes.len() * 32);
        let mut segments = Vec::with_capacity(shortcodes.len() * 2 + 1);
        let mut last = 0;
        for (i, sc) in shortcodes.iter().enumerate() {
            if sc.start < last || sc.end > body.len() || !body.is_char_boundary(sc.start) {
                continue;
            }
            segments.push(Segment {
                source_start: source.len(),
                body_start: last,
                copied: true,
            });
            source.push_str(&body[last..sc.start]);
            segments.push(Segment {
                source_start: source.len(),
                body_start: sc.start,
                copied: false,
            });
            if sc.block {
                // A paragraph of its own, which step 3 replaces whole.
                source.push('\n');
                source.push_str(&prefix);
                source.push_str(&i.to_string());
                source.push_str("b\n");
            } else {
                source.push_str(&prefix);
                source.push_str(&i.to_string());
                source.push('i');
            }
            last = sc.end;
        }
        segments.push(Segment {
            source_start: source.len(),
            body_start: last,
            copied: true,
        });
        source.push_str(&body[last..]);
        Self {
            source,
            prefix,
            segments,
            body,
            base,
        }
    }

    /// The body offset of a source offset (a placeholder maps to its shortcode).
    fn body_offset(&self, at: usize) -> usize {
        let k = self.segments.partition_point(|s| s.source_start <= at);
        match k.checked_sub(1).map(|k| self.segments[k]) {
            None => at,
            Some(s) if s.copied => s.body_start + (at - s.source_start),
            Some(s) => s.body_start,
        }
    }

    /// The file byte offset of a source offset.
    fn position(&self, at: usize) -> usize {
        self.base + self.body_offset(at)
    }

    /// The body offset where the line holding source offset `at` ends.
    fn line_end(&self, at: usize) -> usize {
        let at = self.body_offset(at).min(self.body.len());
        self.body.as_bytes()[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.body.len(), |i| at + i)
    }

    /// Each placeholder in `s` as `f` makes it: `f(out, index, block, rest)` returns how
    /// many bytes of `rest` (what follows the placeholder) it consumed.
    fn replace(
        &self,
        s: &str,
        mut f: impl FnMut(&mut String, usize, bool, &str) -> usize,
    ) -> String {
        if self.prefix.is_empty() {
            return s.to_owned();
        }
        let mut out = String::with_capacity(s.len());
        let mut pos = 0;
        while let Some(found) = find_word(&s[pos..], &self.prefix) {
            let at = pos + found;
            let digits_at = at + self.prefix.len();
            let digits = s[digits_at..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let kind = s.as_bytes().get(digits_at + digits).copied();
            let index = s[digits_at..digits_at + digits].parse::<usize>().ok();
            out.push_str(&s[pos..at]);
            match (index, kind) {
                (Some(i), Some(k @ (b'b' | b'i'))) => {
                    let after = digits_at + digits + 1;
                    pos = after + f(&mut out, i, k == b'b', &s[after..]);
                }
                _ => {
                    out.push_str(&self.prefix);
                    pos = digits_at;
                }
            }
        }
        out.push_str(&s[pos..]);
        out
    }

    /// Text without its placeholders (a block one with its line end).
    fn strip(&self, s: &str) -> String {
        self.replace(s, |_, _, block, rest| {
            usize::from(block && rest.starts_with('\n'))
        })
    }

    /// Step 3: put the shortcodes' HTML where their placeholders ended up; a block
    /// placeholder's paragraph is replaced whole.
    fn restore(&self, html: &str, expanded: &[String]) -> String {
        self.replace(html, |out, i, block, rest| {
            let h = expanded.get(i).map_or("", String::as_str);
            if block && out.ends_with("<p>") && rest.starts_with("</p>") {
                out.truncate(out.len() - "<p>".len());
                out.push_str(h);
                "</p>".len()
            } else {
                out.push_str(h);
                0
            }
        })
    }
}

/// Where `word` (non-empty ASCII, like a placeholder prefix) first is in `s`: its first
/// byte found by `memchr`, then the rest compared. Cheaper than `str::find`, which builds
/// a two-way searcher on every call, on the many short texts `replace` sees (headings,
/// passages, resolutions), nearly all of them without a placeholder.
fn find_word(s: &str, word: &str) -> Option<usize> {
    if !word.is_ascii() {
        return s.find(word);
    }
    let first = char::from(*word.as_bytes().first()?);
    let mut pos = 0;
    while let Some(k) = s[pos..].find(first) {
        let at = pos + k;
        if s[at..].starts_with(word) {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// `wara<16 hex digits>sc`, random per call and absent from `body`, so text cannot
/// forge a placeholder (placeholders are ASCII letters and digits: Markdown leaves them be).
fn nonce_prefix(body: &str) -> String {
    let state = std::collections::hash_map::RandomState::new();
    let mut salt: u64 = 0;
    loop {
        let mut h = state.build_hasher();
        h.write_u64(salt);
        h.write_usize(body.len());
        let prefix = format!("wara{:016x}sc", h.finish());
        if !body.contains(&prefix) {
            return prefix;
        }
        salt += 1;
    }
}

fn parse(source: &str) -> Events<'_> {
    Parser::new_ext(source, options())
        .into_offset_iter()
        .collect()
}

/// The headings of parsed events, each with the index of its `Start` event.
fn headings(events: &Events<'_>, prep: &Prepared<'_>) -> Vec<(usize, Heading)> {
    let mut found = Vec::new();
    for (i, (ev, range)) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { level, id, .. }) = ev {
            let end = find_end(events, i);
            let plain = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
            found.push((
                i,
                heading_at(prep, *level, id.as_ref(), &plain, range.start),
            ));
        }
    }
    assign_ids(&mut found);
    found
}

/// Read the events of an element whose `Start` was just read, up to and including its
/// `End`, handing each inner event to `each`.
fn read_to_end<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
    mut each: impl FnMut(&Event<'e>),
) {
    let mut depth = 1usize;
    for (e, _) in events.by_ref() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => each(&e),
        }
    }
}

/// A heading starting at source offset `start`, whose inner events read `plain`; its
/// id is the one written, or empty until [`assign_ids`].
fn heading_at(
    prep: &Prepared<'_>,
    level: HeadingLevel,
    id: Option<&CowStr<'_>>,
    plain: &str,
    start: usize,
) -> Heading {
    let text = prep.strip(plain).trim().to_owned();
    Heading {
        level: level_num(level),
        id: id.map(|s| s.to_string()).unwrap_or_default(),
        explicit: id.is_some(),
        text,
        offset: prep.body_offset(start),
        at: prep.position(start),
    }
}

/// Every heading's anchor: the one written, or one made from its words, unique in the body.
fn assign_ids(found: &mut [(usize, Heading)]) {
    let requests: Vec<anchors::Request> = found
        .iter()
        .map(|(_, h)| anchors::Request {
            text: &h.text,
            explicit: h.explicit.then_some(h.id.as_str()),
        })
        .collect();
    let ids = anchors::assign(&requests);
    for ((_, h), id) in found.iter_mut().zip(ids) {
        h.id = id;
    }
}

/// What [`survey`] looks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Want {
    pub(crate) outline: bool,
    pub(crate) links: bool,
}

/// What [`survey`] found (each part empty when not wanted).
#[derive(Debug, Default)]
pub(crate) struct Survey {
    pub(crate) outline: Outline,
    pub(crate) links: Vec<Link>,
}

/// A body's outline and links in one pass over the parser's events, without rendering it
/// (`base`: where the body starts in its file; `shortcodes`: the calls found in it).
///
/// The outline: the headings (ids as the page will have them) and the colonless
/// resolutions. The links and images the check stage looks at, with their file byte
/// offsets; left out, as the renderer leaves them unchecked: links whose scheme is refused
/// (reported when the page renders), photos (the asset stage's), and links inside headings
/// and resolution paragraphs (their words are kept). A body without `[` or `<` has no links.
pub(crate) fn survey(body: &str, base: usize, shortcodes: &[Shortcode], want: Want) -> Survey {
    let want_links = want.links && body.contains(['[', '<']);
    if !want.outline && !want_links {
        return Survey::default();
    }
    let prep = Prepared::new(body, base, shortcodes);
    // No events kept: a heading's inner events are read as they come (headings hold only
    // inline events), and a paragraph's first event is peeked at.
    let mut found: Vec<(usize, Heading)> = Vec::new();
    let mut colonless_resolutions = Vec::new();
    let mut links = Vec::new();
    let mut events = Parser::new_ext(&prep.source, options())
        .into_offset_iter()
        .peekable();
    let mut plain = String::new();
    while let Some((ev, range)) = events.next() {
        match &ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                plain.clear();
                read_to_end(&mut events, |e| match e {
                    Event::Text(t) | Event::Code(t) => plain.push_str(t),
                    Event::SoftBreak | Event::HardBreak => plain.push(' '),
                    _ => {}
                });
                if want.outline {
                    let heading = heading_at(&prep, *level, id.as_ref(), &plain, range.start);
                    found.push((0, heading));
                }
            }
            Event::Start(Tag::HtmlBlock) => read_to_end(&mut events, |_| {}),
            Event::Start(Tag::Paragraph) => {
                // A paragraph's first event is inline (never a heading or a paragraph).
                let first = match events.peek() {
                    Some((Event::Text(t), _)) => t.trim_start(),
                    _ => "",
                };
                if first.starts_with(RESOLUTION) {
                    read_to_end(&mut events, |_| {});
                } else if first.starts_with(RESOLUTION_WORD) && want.outline {
                    colonless_resolutions.push(prep.position(range.start));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let image = matches!(ev, Event::Start(Tag::Image { .. }));
                let refused = unsafe_scheme(dest_url).is_some();
                // A photo goes through the asset stage (its renditions are what is
                // published); any other image (a drawing) is a file reference like a link.
                let photo = image
                    && crate::images::is_raster(std::path::Path::new(
                        dest_url.split(['#', '?']).next().unwrap_or(""),
                    ));
                if want_links && !refused && !photo {
                    links.push(Link {
                        href: dest_url.to_string(),
                        at: prep.position(range.start),
                        image,
                    });
                }
                // The renderer reads no further into an image or a refused link.
                if refused || image {
                    read_to_end(&mut events, |_| {});
                }
            }
            _ => {}
        }
    }
    assign_ids(&mut found);
    Survey {
        outline: Outline {
            headings: found.into_iter().map(|(_, h)| h).collect(),
            colonless_resolutions,
        },
        links,
    }
}

/// The outline alone (see [`survey`]).
#[cfg(test)]
pub(crate) fn outline(body: &str, base: usize, shortcodes: &[Shortcode]) -> Outline {
    let want = Want {
        outline: true,
        links: false,
    };
    survey(body, base, shortcodes, want).outline
}

/// The links alone (see [`survey`]).
#[cfg(test)]
pub(crate) fn links(body: &str, base: usize, shortcodes: &[Shortcode]) -> Vec<Link> {
    let want = Want {
        outline: false,
        links: true,
    };
    survey(body, base, shortcodes, want).links
}

/// Render `body` (which starts at byte `base` of its file). `shortcodes` are the
/// calls found in it, in order; `expanded[i]` is the HTML for `shortcodes[i]`.
pub(crate) fn render(
    body: &str,
    base: usize,
    shortcodes: &[Shortcode],
    expanded: &[String],
) -> Rendered {
    render_shared(body, base, shortcodes, expanded, &mut Shared::default())
}

/// The Markdown of one body rendered before its shortcodes are put in, which does not depend
/// on the audience: kept for the next audience that renders the same page (`keep`).
#[derive(Default)]
pub(crate) struct Shared {
    /// Another audience renders this body after this one.
    pub(crate) keep: bool,
    /// The body's render, and what it was made from: where the body starts, its length, and
    /// the prefix of its shortcodes' placeholders (a nonce of that preparation).
    rendered: Option<(usize, usize, String, Rendered)>,
}

/// [`render`], taking the audience-independent part from `shared` when it holds this body's.
pub(crate) fn render_shared(
    body: &str,
    base: usize,
    shortcodes: &[Shortcode],
    expanded: &[String],
    shared: &mut Shared,
) -> Rendered {
    let (prep, mut out) = match shared.rendered.take() {
        Some((b, len, prefix, r)) if b == base && len == body.len() => (
            Prepared::with_prefix(body, base, shortcodes, Some(prefix)),
            r,
        ),
        _ => {
            let prep = Prepared::new(body, base, shortcodes);
            let r = render_markdown(&prep);
            (prep, r)
        }
    };
    if shared.keep {
        shared.rendered = Some((base, body.len(), prep.prefix.clone(), out.clone()));
    }
    if !shortcodes.is_empty() {
        out.html = prep.restore(&out.html, expanded);
        for sec in &mut out.sections {
            sec.heading = prep.strip(&sec.heading);
            sec.text = prep.strip(&sec.text);
        }
    }
    // The summary carries a resolution as rendered: a shortcode in it (a deadline's
    // date, a download's title) gives its text, not nothing.
    for r in &mut out.resolutions {
        let text = prep.replace(&r.text, |out, i, _, _| {
            out.push_str(&visible_text(expanded.get(i).map_or("", String::as_str)));
            0
        });
        // Whitespace collapsed, as the summary is one line.
        r.text = collapse_spaces(&text);
    }
    out
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

/// The schemes a link or image may use; anything else with a scheme is refused.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `href` when it is not allowed, as a browser would read it: leading
/// spaces and control characters skipped, tabs and line breaks inside ignored, any case.
/// `None` for an allowed scheme, a path, a `#fragment` or `//host/…`.
pub(crate) fn unsafe_scheme(href: &str) -> Option<String> {
    let cleaned: String = href
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    if scheme.contains(['/', '?', '#']) {
        return None; // the colon is in a path, a query or a fragment
    }
    let lower = scheme.to_ascii_lowercase();
    (!ALLOWED_SCHEMES.contains(&lower.as_str())).then_some(lower)
}

/// Whether an HTML fragment is only comments and white space.
fn only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return true, // an unclosed comment runs to the end of its block
        }
    }
    rest.is_empty()
}

/// The renderer's state between events.
struct Renderer<'p, 'b> {
    prep: &'p Prepared<'b>,
    out: Rendered,
    /// The body offset where the last line warned about raw HTML ends, to warn once per line.
    raw_html_until: Option<usize>,
}

impl Renderer<'_, '_> {
    fn raw_html(&mut self, html: &str, at: usize) {
        if only_comments(html) {
            return;
        }
        if self
            .raw_html_until
            .is_none_or(|end| self.prep.body_offset(at) > end)
        {
            self.raw_html_until = Some(self.prep.line_end(at));
            self.out.problems.push(Problem {
                at: self.prep.position(at),
                issue: Issue::RawHtml,
            });
        }
    }

    /// Note a link or image whose scheme is refused; true when it is. (The links that
    /// name a place of the site are gathered at load, by [`survey`].)
    fn refused(&mut self, dest: &str, at: usize) -> bool {
        let Some(scheme) = unsafe_scheme(dest) else {
            return false;
        };
        self.out.problems.push(Problem {
            at: self.prep.position(at),
            issue: Issue::UnsafeLink {
                href: dest.to_string(),
                scheme,
            },
        });
        true
    }

    /// `![…](a b.jpg)` left as text: where `!` starts a text event and no image began.
    fn images_with_spaces(&mut self, events: &Events<'_>) {
        let source = &self.prep.source;
        if !source.contains("![") {
            return;
        }
        let mut texts: Vec<Range<usize>> = Vec::new();
        let mut images: Vec<usize> = Vec::new();
        for (ev, range) in events {
            match ev {
                Event::Text(_) => texts.push(range.clone()),
                Event::Start(Tag::Image { .. }) => images.push(range.start),
                _ => {}
            }
        }
        for (at, _) in source.match_indices("![") {
            let k = texts.partition_point(|r| r.start <= at);
            let in_text = k > 0 && texts[k - 1].end > at;
            if !in_text || images.binary_search(&at).is_ok() {
                continue;
            }
            let line_end = source[at..].find('\n').map_or(source.len(), |e| at + e);
            let rest = &source[at..line_end];
            let Some(open) = rest.find("](") else {
                continue;
            };
            let Some(close) = rest[open..].find(')') else {
                continue;
            };
            let path = rest[open + 2..open + close].trim();
            if path.contains(char::is_whitespace) && !path.starts_with('<') {
                self.out.problems.push(Problem {
                    at: self.prep.position(at),
                    issue: Issue::ImageWithSpace {
                        path: path.to_owned(),
                    },
                });
            }
        }
    }
}

/// Step 2: Markdown with ids, TOC and resolutions.
///
/// Longer than 60 lines on purpose, for now: it is one pass over the events whose
/// arms share the pass's state (the current agenda item, the TOC, the heading
/// cursor). Its next split (heading arm, resolution arm) waits for the position
/// rework of this file (issue 11, `source.rs` spans) so the two do not collide.
fn render_markdown(prep: &Prepared<'_>) -> Rendered {
    let events = parse(&prep.source);
    let mut heads = headings(&events, prep).into_iter().peekable();
    let mut r = Renderer {
        prep,
        out: Rendered {
            sections: vec![PlainSection::default()],
            image_marker: if prep.source.contains("![") {
                format!("{}img", nonce_prefix(&prep.source))
            } else {
                String::new()
            },
            ..Rendered::default()
        },
        raw_html_until: None,
    };
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
            Event::Start(Tag::Heading { classes, .. }) => {
                let end = find_end(&events, i);
                let Some((_, head)) = heads.next_if(|(at, _)| *at == i) else {
                    i += 1; // not reached: every heading is in `heads`
                    continue;
                };
                let n = head.level;
                if (2..=4).contains(&n) {
                    flat_toc.push(TocEntry {
                        id: head.id.clone(),
                        title: head.text.clone(),
                        level: n,
                        children: Vec::new(),
                    });
                }
                if n == 2 || n == 3 || (n > 3 && current_item.is_none()) {
                    current_item = Some((head.id.clone(), head.text.clone()));
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
                    escape(&head.id)
                ))));
                for (e, _) in &events[i + 1..end] {
                    match e {
                        Event::Html(h) | Event::InlineHtml(h) => r.raw_html(h, range.start),
                        other => result.push(other.clone()),
                    }
                }
                result.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                if (2..=4).contains(&n) {
                    r.out.sections.push(PlainSection {
                        id: head.id.clone(),
                        heading: head.text.clone(),
                        text: String::new(),
                    });
                } else {
                    push_plain(&mut r.out, &head.text);
                    push_plain(&mut r.out, "\n");
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(&events, i);
                let mut block = String::new();
                for (e, _) in &events[i + 1..end] {
                    if let Event::Html(h) | Event::InlineHtml(h) | Event::Text(h) = e {
                        block.push_str(h);
                    }
                }
                r.raw_html(&block, range.start);
                i = end + 1;
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                r.raw_html(h, range.start);
            }
            Event::Start(Tag::Paragraph) => {
                if let Some((Event::Text(t), _)) = events.get(i + 1)
                    && let Some(rest) = t.trim_start().strip_prefix(RESOLUTION)
                {
                    let end = find_end(&events, i);
                    let mut inner: Vec<Event> = Vec::with_capacity(end - i);
                    inner.push(Event::Text(CowStr::from(rest.to_owned())));
                    for (e, at) in &events[i + 2..end] {
                        match e {
                            Event::Html(h) | Event::InlineHtml(h) => r.raw_html(h, at.start),
                            other => inner.push(other.clone()),
                        }
                    }
                    let text = plain_text(&inner).trim().to_owned();
                    r.out.resolutions.push(Resolution {
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
                            " <span class=\"resolution-of\">{}</span>",
                            crate::messages::resolution_of(&escape(number))
                        ))));
                    }
                    result.extend(inner);
                    result.push(Event::Html(CowStr::from("</p>\n")));
                    push_plain(&mut r.out, RESOLUTION);
                    push_plain(&mut r.out, " ");
                    push_plain(&mut r.out, &prep.strip(&text));
                    push_plain(&mut r.out, "\n");
                    i = end + 1;
                    continue;
                }
                result.push(ev.clone());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                if r.refused(dest_url, range.start) {
                    let end = find_end(&events, i);
                    // A refused link keeps its words (not an autolink's address); a
                    // refused image, its description.
                    if !matches!(link_type, LinkType::Autolink | LinkType::Email) {
                        for (e, _) in &events[i + 1..end] {
                            if let Event::Text(t) | Event::Code(t) = e {
                                push_plain(&mut r.out, t);
                                result.push(Event::Text(t.clone()));
                            }
                        }
                    }
                    i = end + 1;
                    continue;
                }
                if let Event::Start(Tag::Image { title, .. }) = ev {
                    // A placeholder the asset stage fills (see `restore_images`).
                    let end = find_end(&events, i);
                    let inner: Vec<Event> =
                        events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                    let at = prep.position(range.start);
                    result.push(Event::Html(CowStr::from(format!(
                        "{}{}e",
                        r.out.image_marker,
                        r.out.images.len()
                    ))));
                    r.out.images.push(ImageRef {
                        src: dest_url.to_string(),
                        alt: prep.strip(&plain_text(&inner)),
                        title: title.to_string(),
                        at,
                    });
                    i = end + 1;
                    continue;
                }
                result.push(ev.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                push_plain(&mut r.out, t);
                result.push(ev.clone());
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                push_plain(
                    &mut r.out,
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
    r.images_with_spaces(&events);
    let mut out = r.out;
    html::push_html(&mut out.html, result.into_iter());
    out.toc = nest_toc(flat_toc);
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

/// Append body text to the current passage.
fn push_plain(out: &mut Rendered, s: &str) {
    if let Some(sec) = out.sections.last_mut() {
        sec.text.push_str(s);
    }
}

/// Index of the event closing the tag opened at `start`.
fn find_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
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

fn plain_text<'e, 's: 'e>(events: impl IntoIterator<Item = &'e Event<'s>>) -> String {
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

/// Runs of white space (`char::is_whitespace`) become one space; none at either end.
/// The same as `s.split_whitespace().collect::<Vec<_>>().join(" ")`, in one pass and
/// one allocation.
pub(crate) fn collapse_spaces(s: &str) -> String {
    collapse_spaces_past(s, usize::MAX)
}

/// [`collapse_spaces`] of `s` up to the end of the first word that takes it past `chars`
/// characters (all of it when it is shorter): a prefix of the whole result that ends
/// where a word ends, so cutting it anywhere within `chars` cuts the whole the same way.
pub(crate) fn collapse_spaces_past(s: &str, chars: usize) -> String {
    let mut out = String::with_capacity(s.len().min(chars.saturating_mul(4)));
    let mut count = 0usize;
    let mut push = |out: &mut String, word: &str| {
        if !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        out.push_str(word);
        count += word.chars().count();
        count > chars
    };
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = word.take()
                && push(&mut out, &s[start..i])
            {
                return out;
            }
        } else if word.is_none() {
            word = Some(i);
        }
    }
    if let Some(start) = word {
        push(&mut out, &s[start..]);
    }
    out
}

/// Escape text for HTML element content and quoted attributes (`&`, `<`, `>`, `"`
/// and `'`), as pulldown-cmark does.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a `String` never fails.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod never_panics;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn one_survey_finds_what_the_outline_and_the_links_alone_find() {
        let body = "# หัวข้อ [ลิงก์ในหัวข้อ](/a/)\n\nมติที่ประชุม: [ในมติ](/b/)\n\n\
                    มติที่ประชุม ไม่มีทวิภาค [c](/c/)\n\n<div>\n[d](/d/)\n</div>\n\n\
                    ## วาระที่ 1 ![แผนผัง](plan.svg)\n\n- [e](/e/) ![รูป](x.jpg)\n\n> ### อ้าง\n";
        let both = survey(
            body,
            7,
            &[],
            Want {
                outline: true,
                links: true,
            },
        );
        let outline = outline(body, 7, &[]);
        let links = links(body, 7, &[]);
        let ids = |o: &Outline| {
            o.headings
                .iter()
                .map(|h| (h.id.clone(), h.at))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&both.outline), ids(&outline));
        assert_eq!(both.outline.headings.len(), 3);
        assert_eq!(
            both.outline.colonless_resolutions,
            outline.colonless_resolutions
        );
        assert_eq!(outline.colonless_resolutions.len(), 1);
        let hrefs: Vec<&str> = both.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["/c/", "/e/"]);
        assert_eq!(
            hrefs,
            links.iter().map(|l| l.href.as_str()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_body_rendered_for_a_second_audience_is_what_rendering_it_alone_gives() {
        let body = "## ๑.๑ เรื่อง\n\nให้ส่ง {{ deadline(date=\"2020-05-15\", task=\"ส่ง\") }}\n\n\
                    {{ table(src=\"t.yaml\") }}\n\nมติที่ประชุม: รับทราบ {{ deadline(date=\"2020-05-16\", task=\"ก\") }}\n";
        let scs = scs_of(body);
        assert_eq!(scs.len(), 3);
        let public: Vec<String> = ["<b>p1</b>", "<table>p</table>", "<i>p3</i>"]
            .map(String::from)
            .to_vec();
        let internal: Vec<String> = ["<b>i1</b>", "<table>i</table>", "<i>i3</i>"]
            .map(String::from)
            .to_vec();
        let mut shared = Shared {
            keep: true,
            ..Shared::default()
        };
        let first = render_shared(body, 0, &scs, &public, &mut shared);
        shared.keep = false;
        let second = render_shared(body, 0, &scs, &internal, &mut shared);
        assert!(shared.rendered.is_none(), "the last audience keeps nothing");
        let alone = |expanded: &[String]| render(body, 0, &scs, expanded);
        for (got, want) in [(&first, alone(&public)), (&second, alone(&internal))] {
            assert_eq!(got.html, want.html);
            assert_eq!(got.resolutions, want.resolutions);
            assert_eq!(got.sections, want.sections);
        }
        assert!(second.html.contains("<table>i</table>") && !second.html.contains("p1"));
        assert!(
            second.resolutions[0].text.contains("i3"),
            "{:?}",
            second.resolutions
        );
    }

    const BODY: &str = "## ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ทราบ\n\n### ๑.๑ การประชุม\n\nข้อความ [ดู](/contests/x/)\n\nมติที่ประชุม: รับทราบ\n\n## ระเบียบวาระที่ ๓ เรื่องเพื่อทราบ\n\n### ๓.๓ สถิติ\n\n#### ๓.๓.๒ เรื่อง\n\nมติที่ประชุม: รับทราบ / ให้ *ส่ง*\n";

    #[test]
    fn headings_get_ascii_anchors_and_a_nested_toc() {
        let r = render(BODY, 0, &[], &[]);
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
        let r = render(BODY, 0, &[], &[]);
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

    /// The shortcodes of a body that is a whole file.
    fn scs_of(body: &str) -> Vec<Shortcode> {
        let source = std::sync::Arc::new(SourceFile::new("p.md", body));
        shortcodes::find(&source, 0, &mut crate::diag::Diagnostics::new())
    }

    /// Line and column of byte `at` of `text`.
    fn lc(text: &str, at: usize) -> (usize, usize) {
        SourceFile::new("p.md", text).line_col(at)
    }

    #[test]
    fn links_carry_file_lines_even_after_block_shortcodes() {
        let head = "---\ntitle: x\n---\n";
        let body = "a\n{{ table(src=\"t.yaml\") }}\nb [x](/y/)\n";
        let file = format!("{head}{body}");
        let source = std::sync::Arc::new(SourceFile::new("p.md", file.as_str()));
        let scs = shortcodes::find(&source, head.len(), &mut crate::diag::Diagnostics::new());
        let r = render(body, head.len(), &scs, &["<figure>T</figure>".to_owned()]);
        assert!(r.html.contains("<figure>T</figure>"), "{}", r.html);
        assert!(!r.html.contains("<p><figure>"), "{}", r.html);
        let found = links(body, head.len(), &scs);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].href.as_str(), found[0].image), ("/y/", false));
        assert_eq!(lc(&file, found[0].at), (6, 3));
    }

    /// The links the check stage sees are those the renderer leaves as links: not in
    /// headings or resolution paragraphs, not photos, not refused; drawings and images
    /// inside links are.
    #[test]
    fn links_are_those_the_page_keeps_as_links() {
        let body = "## [h](/in-heading/)\n\nมติที่ประชุม: [r](/in-resolution/)\n\n[![d](plan.svg)](/around/) ![p](photo.jpg) [x](javascript:x) [ok](a/b/)\n\n- [li](/item/)\n";
        let found = links(body, 0, &[]);
        assert!(found.iter().all(|l| body[l.at..].starts_with(['[', '!'])));
        let found: Vec<(&str, bool)> = found.iter().map(|l| (l.href.as_str(), l.image)).collect();
        assert_eq!(
            found,
            [
                ("/around/", false),
                ("plan.svg", true),
                ("a/b/", false),
                ("/item/", false)
            ]
        );
        assert!(links("no links here", 0, &[]).is_empty());
    }

    #[test]
    fn inline_shortcodes_stay_in_their_paragraph() {
        let body = "ภายในวันที่ {{ deadline(date=\"2020-06-01\", task=\"x\") }} นะ\n";
        let scs = scs_of(body);
        let r = render(body, 0, &scs, &["<mark>๑ มิ.ย.</mark>".to_owned()]);
        assert_eq!(r.html.trim(), "<p>ภายในวันที่ <mark>๑ มิ.ย.</mark> นะ</p>");
    }

    fn issues(body: &str, r: &Rendered) -> Vec<(usize, usize, Issue)> {
        r.problems
            .iter()
            .map(|p| {
                let (line, col) = lc(body, p.at);
                (line, col, p.issue.clone())
            })
            .collect()
    }

    #[test]
    fn raw_html_is_dropped_with_a_warning_and_comments_silently() {
        let body = "a <b>bold</b> word\n\n<script>alert(1)</script>\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n\n<!-- หมายเหตุภายใน MARKER -->\n\nx <!-- inline MARKER --> y\n";
        let r = render(body, 0, &[], &[]);
        for bad in ["<script", "javascript:", "<!--", "MARKER", "<iframe", "<b>"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        assert!(r.html.contains("<p>a bold word</p>"), "{}", r.html);
        assert_eq!(
            issues(body, &r),
            [
                (1, 3, Issue::RawHtml),
                (3, 1, Issue::RawHtml),
                (5, 1, Issue::RawHtml)
            ]
        );
    }

    #[test]
    fn links_and_images_with_a_refused_scheme_lose_their_address() {
        let body = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1))\n[c](data:text/html,<b>x</b>) [d](<  javascript:x>)\n[e](&#106;avascript:x) [f](vbscript:x) ![g](data:image/png;base64,AA)\n<javascript:alert(1)>\n[ok](https://x.go.th/) [m](mailto:a@b.th) [t](tel:036411000) [p](/a/b/) [h](#item-3-1)\n";
        let r = render(body, 0, &[], &[]);
        let refused: Vec<(usize, String)> = r
            .problems
            .iter()
            .filter_map(|p| match &p.issue {
                Issue::UnsafeLink { scheme, .. } => Some((lc(body, p.at).0, scheme.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            refused,
            [
                (1, "javascript".into()),
                (1, "javascript".into()),
                (2, "data".into()),
                (2, "javascript".into()),
                (3, "javascript".into()),
                (3, "vbscript".into()),
                (3, "data".into()),
                (4, "javascript".into()),
            ]
        );
        for bad in ["javascript:", "JaVaScRiPt", "data:", "vbscript:"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        let found = links(body, 0, &[]);
        let kept: Vec<&str> = found.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(
            kept,
            [
                "https://x.go.th/",
                "mailto:a@b.th",
                "tel:036411000",
                "/a/b/",
                "#item-3-1"
            ]
        );
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for (href, want) in [
            ("javascript:x", Some("javascript")),
            (" \u{1}JAVASCRIPT:x", Some("javascript")),
            ("java\tscr\nipt:x", Some("javascript")),
            ("data:,x", Some("data")),
            ("file:///etc/passwd", Some("file")),
            ("HTTPS://x", None),
            ("mailto:x@y", None),
            ("tel:+66", None),
            ("files/a:b.pdf", None),
            ("#a:b", None),
            ("//cdn.example/x", None),
            ("photo.jpg", None),
        ] {
            assert_eq!(unsafe_scheme(href).as_deref(), want, "{href:?}");
        }
    }

    #[test]
    fn find_word_finds_what_str_find_finds() {
        let prefix = "wara0123456789abcdefsc";
        for s in [
            "",
            "ไม่มี",
            "wara",
            "wwara0123456789abcdefsc7i",
            "ก wara01 wara0123456789abcdefsc12b\n",
            "wara0123456789abcdefs",
            "มติ wara0123456789abcdefsc0i และ wara0123456789abcdefsc1i",
        ] {
            assert_eq!(find_word(s, prefix), s.find(prefix), "{s:?}");
        }
        // A non-ASCII word is searched as `str::find` does.
        assert_eq!(find_word("ก ข ค", "ข"), Some("ก ".len()));
    }

    #[test]
    fn collapse_spaces_is_split_whitespace_joined() {
        for s in [
            "",
            " ",
            "ก",
            "  ก  ข\tค\n\n",
            "มติที่ประชุม\u{a0}รับทราบ\u{3000}และ\u{2028}ให้ ",
            "a\u{85}b\u{200b}c",
        ] {
            assert_eq!(
                collapse_spaces(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn text_cannot_forge_a_shortcode_placeholder() {
        let body = "<div data-wara-sc=\"0\"></div>\n\nx \u{E000}0\u{E001} y\n\n{{ deadline(date=\"2020-06-01\", task=\"t\") }}\n";
        let scs = scs_of(body);
        assert_eq!(scs.len(), 1);
        let r = render(body, 0, &scs, &["<mark>SC</mark>".to_owned()]);
        assert_eq!(r.html.matches("<mark>SC</mark>").count(), 1, "{}", r.html);
        assert!(r.html.contains("x \u{E000}0\u{E001} y"), "{}", r.html);
        assert!(!r.html.contains("data-wara-sc"), "{}", r.html);
        assert!(
            !r.html.contains("wara") || !r.html.contains("sc0"),
            "{}",
            r.html
        );
        // A body that holds a would-be prefix still gets one of its own.
        let p = nonce_prefix("wara0000000000000000sc");
        assert!(p.starts_with("wara") && p.ends_with("sc") && p.len() == 22);
    }

    #[test]
    fn block_shortcodes_leave_no_trace_in_plain_text() {
        let body = "a\n\n{{ table(src=\"t.yaml\") }}\n\nb\n";
        let scs = scs_of(body);
        let r = render(body, 0, &scs, &["<figure>T</figure>".to_owned()]);
        assert_eq!(r.html, "<p>a</p>\n<figure>T</figure>\n<p>b</p>\n");
        assert_eq!(r.sections[0].text, "a\nb\n");
    }

    #[test]
    fn outline_and_page_agree_on_custom_and_setext_headings() {
        let body = "ระเบียบวาระที่ ๓ เรื่องเพื่อทราบ\n---------------------\n\n### ๓.๑ x {#custom}\n\n### ๓.๑ ซ้ำ\n\n#### ๓.๑.๒ y\n\n    ### not a heading\n\n### ๓.๒ z {{ deadline(date=\"2020-06-01\", task=\"t\") }}\n";
        let scs = scs_of(body);
        let o = outline(body, 0, &scs);
        let ids: Vec<(&str, usize)> = o
            .headings
            .iter()
            .map(|h| (h.id.as_str(), lc(body, h.at).0))
            .collect();
        assert_eq!(
            ids,
            [
                ("agenda-3", 1),
                ("custom", 4),
                ("item-3-1", 6),
                ("item-3-1-2", 8),
                ("item-3-2", 12)
            ]
        );
        assert_eq!(o.headings[4].text, "๓.๒ z");
        let r = render(body, 0, &scs, &["<mark>D</mark>".to_owned()]);
        for (id, _) in &ids {
            assert!(
                r.html.contains(&format!(" id=\"{id}\"")),
                "{id}: {}",
                r.html
            );
        }
        let toc: Vec<&str> = r.toc[0].children.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(toc, ["custom", "item-3-1", "item-3-2"]);
    }

    #[test]
    fn colonless_resolutions_are_found_at_their_line() {
        let body = "มติที่ประชุม: รับทราบ\n\nมติที่ประชุม รับรอง\n\n  มติที่ประชุมเห็นชอบ\n";
        let o = outline(body, 0, &[]);
        let at: Vec<(usize, usize)> = o
            .colonless_resolutions
            .iter()
            .map(|&a| lc(body, a))
            .collect();
        assert_eq!(at, [(3, 1), (5, 3)]);
    }

    #[test]
    fn an_image_path_with_a_space_is_an_issue_not_text() {
        let body = "![ภาพ](my photo.jpg)\n\n![ภาพ](<my photo.jpg>) ![t](a.jpg \"title\") `![c](d e.jpg)`\n";
        let r = render(body, 0, &[], &[]);
        assert_eq!(
            issues(body, &r),
            [(
                1,
                1,
                Issue::ImageWithSpace {
                    path: "my photo.jpg".into()
                }
            )]
        );
        // Photos become placeholders for the asset stage, with their alt text.
        let got: Vec<(&str, &str, usize)> = r
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.alt.as_str(), lc(body, i.at).0))
            .collect();
        assert_eq!(got, [("my photo.jpg", "ภาพ", 3), ("a.jpg", "t", 3)]);
        let html = restore_images(&r, &["<img A>".into(), "<img B>".into()]);
        assert!(html.contains("<img A> <img B> <code>"), "{html}");
        assert!(links(body, 0, &[]).iter().all(|l| !l.image));
    }

    /// A 1 MB page of links and deadlines renders in time linear in its size
    /// (it took over 20 s when positions were counted from the top for each link).
    #[test]
    fn a_large_page_renders() {
        let mut body = String::new();
        for i in 0..20_000 {
            body.push_str(&format!(
                "### ๓.{i} x\n\n[l](/a/{i}/) ภายใน {{{{ deadline(date=\"2020-06-01\", task=\"t\") }}}}\n\n"
            ));
        }
        let scs = scs_of(&body);
        assert_eq!(scs.len(), 20_000);
        let expanded = vec!["<mark>D</mark>".to_owned(); scs.len()];
        let r = render(&body, 0, &scs, &expanded);
        let found = links(&body, 0, &scs);
        assert_eq!(found.len(), 20_000);
        assert_eq!(lc(&body, found[19_999].at).0, 19_999 * 4 + 3);
        assert_eq!(r.html.matches("<mark>D</mark>").count(), 20_000);
        assert_eq!(outline(&body, 0, &scs).headings.len(), 20_000);
    }

    #[test]
    fn plain_text_is_cut_into_passages_at_h2_to_h4() {
        let body = "เปิด\n\n## ระเบียบวาระที่ ๑\n\n### ๑.๑ ปลูกผักสวนครัว\n\nข้อ ก\n\n##### ย่อย\n\nข้อ ข\n\nมติที่ประชุม: รับทราบ\n\n#### ๑.๑.๑ ต่อ\n\n| ก | ข |\n|---|---|\n| ๑ | ๒ |\n";
        let r = render(body, 0, &[], &[]);
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
        let scs = scs_of(body);
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
        assert!(!s.heading.contains("wara") && !s.text.contains("wara"));
    }

    #[test]
    fn a_resolution_after_the_last_sub_item_belongs_to_the_item() {
        let body = "### ๓.๑๗ โครงการ\n\n#### ๓.๑๗.๑ ผัก\n\nก\n\n#### ๓.๑๗.๓ บวร\n\nข\n\nมติที่ประชุม: รับทราบ\n\n### ๓.๑๘ ใสสะอาด\n\nมติที่ประชุม: รับทราบ\n";
        let r = render(body, 0, &[], &[]);
        let anchors: Vec<_> = r.resolutions.iter().map(|x| x.anchor.as_deref()).collect();
        assert_eq!(anchors, vec![Some("item-3-17"), Some("item-3-18")]);
    }

    #[test]
    fn the_summary_carries_shortcodes_as_rendered() {
        let body = "### ๑.๒ การบรรจุ\n\nมติที่ประชุม: รับทราบ / ไปรายงานตัวในวันที่ {{ deadline(date=\"2020-05-14\", task=\"x\") }}\n";
        let scs = scs_of(body);
        let html = "<mark class=\"deadline\" title=\"x\"><time datetime=\"2020-05-14\">๑๔ พฤษภาคม ๒๕๖๓</time></mark>";
        let r = render(body, 0, &scs, &[html.to_owned()]);
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
}
