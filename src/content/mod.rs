//! The content model: pages loaded from `content/`, their typed front matter,
//! and the corpus one audience sees.

mod checks;
pub(crate) mod front_matter;
pub(crate) mod load;
pub(crate) mod scan;
mod sections;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

pub(crate) use front_matter::{Front, FrontMatter, Kind};

use crate::diag::Diagnostic;
use crate::options::Audience;
use crate::source::SourceFile;

/// Who may see a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Access {
    Public,
    Internal,
}

impl Access {
    /// The access `access:` names, `None` for any other word.
    pub(crate) fn parse(s: &str) -> Option<Access> {
        match s {
            "public" => Some(Access::Public),
            "internal" => Some(Access::Internal),
            _ => None,
        }
    }

    pub(crate) fn visible_to(self, audience: Audience) -> bool {
        matches!(
            (self, audience),
            (Access::Public, _) | (Access::Internal, Audience::Internal)
        )
    }
}

/// A dated task, from a `deadline` shortcode, a `deadlines:` entry or a contest deadline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Deadline {
    pub(crate) date: NaiveDate,
    pub(crate) task: String,
    /// Anchor of the item that set it (`item-3-1`), if any.
    pub(crate) anchor: Option<String>,
}

/// A meeting number and its Buddhist Era year: `5/2563`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct MeetingNo {
    pub(crate) year: i32,
    pub(crate) number: u32,
}

/// One page, loaded and checked, before rendering.
#[derive(Debug)]
pub(crate) struct Page {
    /// Source path relative to the site root, e.g. `content/minutes/2563/05/index.md`.
    pub(crate) path: PathBuf,
    pub(crate) is_bundle: bool,
    pub(crate) kind: Kind,
    /// Site path, e.g. `/minutes/2563/05/`.
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) access: Access,
    /// What listings, feeds and checks read of the front matter; the page's own render
    /// reads the rest again ([`Page::own_front`]) unless the page holds it (`own`).
    pub(crate) front: Front,
    /// The rest of the front matter of a minutes or contest page, held from load when the
    /// site is small enough ([`load::HOLD_OWN_PAGES`]).
    pub(crate) own: Option<Box<FrontMatter>>,
    /// Byte offset of the body in the file's text.
    pub(crate) body_start: usize,
    /// The whole file: its text, and what diagnostics point into. Not held between load and
    /// render in a build (see [`PageText`]): read through [`Page::text`] and [`Page::source`].
    pub(crate) text: PageText,
    /// Minutes only.
    pub(crate) meeting: Option<MeetingNo>,
    pub(crate) time: Option<NaiveTime>,
    pub(crate) opened: Option<NaiveTime>,
    pub(crate) closed: Option<NaiveTime>,
    pub(crate) certifies: Option<MeetingNo>,
    /// Deadlines found in front matter and shortcodes (before rendering).
    pub(crate) deadlines: Vec<Deadline>,
    /// Contest dates.
    pub(crate) deadline: Option<NaiveDate>,
    pub(crate) judging: Option<NaiveDate>,
    /// The body's `internal_link` and `qr` calls, in order: those whose target page the
    /// check stage looks at ([`targets_checked`]). The render finds every call again in
    /// the text it reads ([`Page::shortcodes`]): a large site does not hold them all.
    pub(crate) target_calls: Vec<crate::markdown::Shortcode>,
    /// Where the body's calls are, found at load (see
    /// [`crate::markdown::shortcodes::find_with_lines`]): the render reads only these lines.
    pub(crate) call_lines: Box<[usize]>,
    /// Links and images in the body, found at load for the check stage.
    pub(crate) links: Vec<crate::markdown::Link>,
    /// What follows each `/contests/` in the body, found at load: see [`Page::mentions_contest`].
    pub(crate) contest_refs: Vec<Box<str>>,
}

/// Is `call` one the check stage looks at (its target page must exist): the calls a page
/// holds from load to render ([`Page::target_calls`]).
pub(crate) fn targets_checked(call: &crate::markdown::Shortcode) -> bool {
    matches!(call.name.as_str(), "internal_link" | "qr")
}

/// The start of every contest page's URL (`content/contests/…`).
pub(crate) const CONTESTS_PREFIX: &str = "/contests/";

/// The body from each `/contests/` in it (overlapping ones too) up to the first character
/// no page URL holds: a contest URL is in the body exactly when one of these starts with it.
pub(crate) fn contest_refs(body: &str) -> Vec<Box<str>> {
    body.match_indices('/')
        .filter(|(i, _)| body[*i..].starts_with(CONTESTS_PREFIX))
        .map(|(i, _)| {
            let tail = &body[i..];
            let end = tail.find(crate::slug::never_in_url).unwrap_or(tail.len());
            Box::from(&tail[..end])
        })
        .collect()
}

/// Everything under `content/` for one audience, keyed by URL. Made from a [`CorpusShape`]:
/// the maps are shared with it, so a corpus is cheap to make again for the same pages.
#[derive(Debug, Default)]
pub(crate) struct Corpus<'a> {
    pub(crate) pages: Vec<&'a Page>,
    /// URL → index into `pages`.
    pub(crate) by_url: Arc<BTreeMap<String, usize>>,
    /// URLs that exist only for the internal audience (for link errors in public builds).
    pub(crate) internal_urls: Arc<BTreeMap<String, PathBuf>>,
    /// URLs of files that failed to load (already reported): links to them are not errors.
    pub(crate) unloaded: Arc<BTreeSet<String>>,
    /// Tags by their folded slug (see `crate::slug`) → the slug their page has,
    /// from every page of both audiences, so a tag's URL is the same for both:
    /// tags that differ only in case or in characters a file name cannot hold
    /// (`OTOP`/`otop`, `จปฐ.`/`จปฐ`) share one page, named by the first spelling.
    pub(crate) tag_slugs: Arc<BTreeMap<String, String>>,
    minutes: Vec<&'a Page>,
    contests: Vec<&'a Page>,
    /// The Buddhist Era years that have a deadlines page of their own (`/deadlines/2565/`),
    /// found on first use by `site::render::deadlines::is_year_page`, so links to them hold.
    pub(crate) deadline_years: std::sync::OnceLock<Vec<i32>>,
    /// How many pages each tag has, by its page's URL, found on first use by
    /// `site::render::tags::is_tag_page`, so links to a tag's pages (`page/2/`) hold.
    pub(crate) tag_counts: std::sync::OnceLock<BTreeMap<String, usize>>,
}

/// What one audience's [`Corpus`] is made of, without borrowing the pages: which pages (by
/// index into the site's pages), its maps, and its minutes in order. `wara serve` keeps it
/// while an edit changes nothing it holds (see [`CorpusShape::key`]).
#[derive(Debug, Default)]
pub(crate) struct CorpusShape {
    pages: Vec<usize>,
    by_url: Arc<BTreeMap<String, usize>>,
    internal_urls: Arc<BTreeMap<String, PathBuf>>,
    unloaded: Arc<BTreeSet<String>>,
    tag_slugs: Arc<BTreeMap<String, String>>,
    /// Indices into `pages`, oldest first by meeting number.
    minutes: Vec<usize>,
    /// Indices into `pages`.
    contests: Vec<usize>,
}

/// What of a page its corpus shape depends on, besides its URL, file and access (a change of
/// those reloads the whole site): its kind, meeting and date (the minutes' order) and its tags.
pub(crate) type ShapeKey = (Kind, Option<MeetingNo>, Option<NaiveDate>, Vec<String>);

impl CorpusShape {
    /// The shape of the corpus `audience` sees of `pages` (sorted by URL); `unloaded` are the
    /// URLs of files that failed to load.
    pub(crate) fn of(pages: &[Page], unloaded: &[String], audience: Audience) -> CorpusShape {
        let mut tag_slugs = BTreeMap::new();
        // Each spelling once, in order: a large site repeats a few dozen tags on every page.
        let spellings: std::collections::HashSet<&str> = pages
            .iter()
            .flat_map(|p| p.front.tags.iter().map(|t| t.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        let mut spellings: Vec<&str> = spellings.into_iter().collect();
        spellings.sort_unstable();
        for t in spellings {
            let slug = crate::slug::tag(t);
            tag_slugs.entry(crate::slug::fold(&slug)).or_insert(slug);
        }
        let mut shape = CorpusShape {
            unloaded: Arc::new(unloaded.iter().cloned().collect()),
            tag_slugs: Arc::new(tag_slugs),
            ..Default::default()
        };
        let (mut by_url, mut internal_urls) = (BTreeMap::new(), BTreeMap::new());
        for (i, p) in pages.iter().enumerate() {
            if p.access.visible_to(audience) {
                by_url.insert(p.url.clone(), shape.pages.len());
                shape.pages.push(i);
            } else {
                internal_urls.insert(p.url.clone(), p.path.clone());
            }
        }
        shape.by_url = Arc::new(by_url);
        shape.internal_urls = Arc::new(internal_urls);
        let kind = |k: Kind| {
            (0..shape.pages.len())
                .filter(|&j| pages[shape.pages[j]].kind == k)
                .collect::<Vec<usize>>()
        };
        shape.minutes = kind(Kind::Minutes);
        shape.contests = kind(Kind::Contest);
        let page = |j: usize| &pages[shape.pages[j]];
        shape
            .minutes
            .sort_by(|&a, &b| minutes_key(page(a)).cmp(&minutes_key(page(b))));
        shape
    }

    /// The corpus of this shape over `pages`, the pages it was made from (or the same pages
    /// with some replaced in place, none of them differing in [`CorpusShape::key`]).
    pub(crate) fn corpus<'a>(&self, pages: &'a [Page]) -> Corpus<'a> {
        let list: Vec<&'a Page> = self.pages.iter().filter_map(|&i| pages.get(i)).collect();
        let pick = |at: &[usize]| at.iter().filter_map(|&j| list.get(j).copied()).collect();
        Corpus {
            minutes: pick(&self.minutes),
            contests: pick(&self.contests),
            by_url: Arc::clone(&self.by_url),
            internal_urls: Arc::clone(&self.internal_urls),
            unloaded: Arc::clone(&self.unloaded),
            tag_slugs: Arc::clone(&self.tag_slugs),
            pages: list,
            deadline_years: std::sync::OnceLock::new(),
            tag_counts: std::sync::OnceLock::new(),
        }
    }

    /// What a shape depends on of page `p`: when an edit leaves it the same, the shape holds.
    pub(crate) fn key(p: &Page) -> ShapeKey {
        let mut tags: Vec<String> = p.front.tags.iter().map(|t| t.trim().to_owned()).collect();
        tags.sort_unstable();
        (p.kind, p.meeting, p.date, tags)
    }
}

fn minutes_key(p: &Page) -> (Option<MeetingNo>, Option<NaiveDate>, &str) {
    (p.meeting, p.date, p.url.as_str())
}

/// The segments of a site URL: `/minutes/2563/05/` → `["minutes", "2563", "05"]`.
pub(crate) fn segments(url: &str) -> Vec<&str> {
    url.split('/').filter(|s| !s.is_empty()).collect()
}

/// The URLs above a site URL, from the home page down: `/a/b/c/` → `/`, `/a/`, `/a/b/`
/// (none for `/`). Breadcrumbs, the access rule, section pages and what a change affects
/// all walk up a URL with it.
pub(crate) fn ancestors(url: &str) -> impl Iterator<Item = String> + '_ {
    let segs = segments(url);
    (0..segs.len()).map(move |n| {
        segs[..n]
            .iter()
            .fold(String::from("/"), |acc, s| format!("{acc}{s}/"))
    })
}

impl Kind {
    /// The kind's name, as templates see it (`page.kind`; the home page says `home`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Section => "section",
            Kind::Page => "page",
            Kind::Minutes => "minutes",
            Kind::Contest => "contest",
        }
    }
}

/// A page's file text. `wara serve` keeps every page's text; a build drops it once the
/// page is loaded and checked, and reads the file again to render it (memory then stays flat
/// with the size of the site): the length and CRC-32 taken at load tell a file edited since
/// (as a person or an editor edits: CRC-32 is not proof against a forger), so an edit made
/// during the build is an error, not a page rendered from a text that was not checked.
#[derive(Debug)]
pub(crate) struct PageText {
    /// The file as it was opened (`None` for a section page wara makes up: its text is empty).
    pub(super) file: Option<PathBuf>,
    len: usize,
    crc: u32,
    /// Held between uses (serve), or only while the page is loaded or rendered (build).
    keep: bool,
    held: Mutex<Option<Arc<SourceFile>>>,
}

impl PageText {
    /// The text of `file` as loaded now (held until [`PageText::drop_held`] or forever if `keep`).
    pub(crate) fn loaded(file: &Path, source: Arc<SourceFile>, keep: bool) -> PageText {
        PageText {
            file: Some(file.to_path_buf()),
            len: source.len(),
            crc: crc32fast::hash(source.as_bytes()),
            keep,
            held: Mutex::new(Some(source)),
        }
    }

    /// A text that is not read from a file (a made-up section page).
    pub(crate) fn fixed(source: Arc<SourceFile>) -> PageText {
        PageText {
            file: None,
            len: source.len(),
            crc: crc32fast::hash(source.as_bytes()),
            keep: true,
            held: Mutex::new(Some(source)),
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Option<Arc<SourceFile>>> {
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The text held, or the file read again; an error when it cannot be read or is no
    /// longer the file that was loaded.
    fn get(&self, path: &Path, hold: bool) -> Result<Arc<SourceFile>, Diagnostic> {
        let mut held = self.held();
        if let Some(s) = &*held {
            return Ok(Arc::clone(s));
        }
        let file = self.file.as_deref().unwrap_or(path);
        let bytes = std::fs::read(file).map_err(|e| {
            Diagnostic::error(
                path,
                crate::messages::cannot_read(&crate::diag::io_error(&e)),
            )
        })?;
        if bytes.len() != self.len || crc32fast::hash(&bytes) != self.crc {
            return Err(changed(path));
        }
        let text = crate::files::utf8_string(bytes).map_err(|_| changed(path))?;
        let source = Arc::new(SourceFile::new(path, text));
        if hold {
            *held = Some(Arc::clone(&source));
        }
        Ok(source)
    }

    /// Let go of the text unless it is kept (serve).
    pub(crate) fn drop_held(&self) {
        if !self.keep {
            *self.held() = None;
        }
    }
}

fn changed(path: &Path) -> Diagnostic {
    Diagnostic::error(path, crate::messages::file_changed_during_build())
        .with_hint(crate::messages::file_changed_during_build_help())
}

impl Page {
    /// Absolute directory holding the page's bundle files (its own folder for bundles);
    /// empty for a section page wara makes up.
    pub(crate) fn dir(&self) -> &Path {
        self.text
            .file
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""))
    }

    /// The whole front matter of the page, as held (`own`) or read again from `text` (the
    /// page's file, as [`Page::source`] gives it) for its own render: what [`Front`] does not hold. Only
    /// minutes and contests have such keys; other pages get none. Its problems were
    /// reported at load, where the same text was read: none are reported again.
    pub(crate) fn own_front(&self, text: &Arc<SourceFile>) -> FrontMatter {
        match &self.own {
            Some(own) => FrontMatter::clone(own),
            None => FrontMatter::own(text, self.kind),
        }
    }

    /// The page's file text, for rendering: the text held, or the file read again and
    /// held until [`Page::done_with_text`]. An error when the file changed since it was
    /// loaded or cannot be read: the page is then not rendered.
    pub(crate) fn source(&self) -> Result<Arc<SourceFile>, Diagnostic> {
        self.text.get(&self.path, true)
    }

    /// The page's file text for a diagnostic to point into. When the file cannot be read
    /// again as it was loaded (that error is reported by [`Page::source`]), an empty text:
    /// the diagnostic still names the file.
    pub(crate) fn text(&self) -> Arc<SourceFile> {
        // Not held: a page that is not rendered (another audience's) would keep it.
        self.text
            .get(&self.path, false)
            .unwrap_or_else(|_| Arc::new(SourceFile::new(&self.path, String::new())))
    }

    /// Every shortcode call of the body, in order, found again in `text` (the page's file,
    /// as [`Page::source`] gives it) to render it. Their problems were reported at load,
    /// from the same text: none are reported again.
    pub(crate) fn shortcodes(&self, text: &Arc<SourceFile>) -> Vec<crate::markdown::Shortcode> {
        crate::markdown::shortcodes::find_on_lines(text, self.body_start, &self.call_lines)
    }

    /// Is the body (everything after the front matter) empty?
    pub(crate) fn body_is_empty(&self) -> bool {
        self.text.len <= self.body_start
    }

    /// Does the body contain this contest's URL (`/contests/…/`)? Told from what was found
    /// at load, without the body.
    pub(crate) fn mentions_contest(&self, url: &str) -> bool {
        url.starts_with(CONTESTS_PREFIX) && self.contest_refs.iter().any(|t| t.starts_with(url))
    }

    /// Does the page hold its text now?
    #[cfg(test)]
    pub(crate) fn holds_text(&self) -> bool {
        self.text.held().is_some()
    }

    /// No spare capacity in what the page holds from load to the end of the build: a large
    /// site holds a hundred thousand pages.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.path.shrink_to_fit();
        self.url.shrink_to_fit();
        self.title.shrink_to_fit();
        if let Some(s) = &mut self.front.summary {
            s.shrink_to_fit();
        }
        for t in &mut self.front.tags {
            t.shrink_to_fit();
        }
        self.front.tags.shrink_to_fit();
        for d in &mut self.deadlines {
            d.task.shrink_to_fit();
            if let Some(a) = &mut d.anchor {
                a.shrink_to_fit();
            }
        }
        self.deadlines.shrink_to_fit();
        for l in &mut self.links {
            l.href.shrink_to_fit();
        }
        self.links.shrink_to_fit();
        self.target_calls.shrink_to_fit();
        self.contest_refs.shrink_to_fit();
    }

    /// Let go of the page's text until it is needed again (a build; serve keeps it).
    pub(crate) fn done_with_text(&self) {
        self.text.drop_held();
    }
}

/// The Markdown body of a page's text (everything after the front matter).
pub(crate) fn body(text: &SourceFile, body_start: usize) -> &str {
    text.get(body_start..).unwrap_or("")
}

impl<'a> Corpus<'a> {
    /// The URL of a tag's page: `/tags/<slug>/` (Thai stays Thai; links percent-encode it).
    pub(crate) fn tag_url(&self, tag: &str) -> String {
        let slug = crate::slug::tag(tag);
        let slug = self
            .tag_slugs
            .get(&crate::slug::fold(&slug))
            .unwrap_or(&slug);
        format!("/tags/{slug}/")
    }

    pub(crate) fn get(&self, url: &str) -> Option<&'a Page> {
        self.by_url.get(url).map(|&i| self.pages[i])
    }

    /// Minutes, oldest first by meeting number (sorted once, in `finish`).
    pub(crate) fn minutes(&self) -> &[&'a Page] {
        &self.minutes
    }

    /// The position of a minutes page in [`Corpus::minutes`].
    pub(crate) fn minutes_position(&self, page: &Page) -> Option<usize> {
        self.minutes
            .binary_search_by(|p| minutes_key(p).cmp(&minutes_key(page)))
            .ok()
    }

    /// The first minutes page (in [`Corpus::minutes`] order) of meeting `m`: a binary
    /// search, as every minutes page looks up the meeting it certifies.
    pub(crate) fn minutes_of(&self, m: MeetingNo) -> Option<&'a Page> {
        let i = self.minutes.partition_point(|p| p.meeting < Some(m));
        self.minutes
            .get(i)
            .copied()
            .filter(|p| p.meeting == Some(m))
    }

    /// Contests, in URL order.
    pub(crate) fn contests(&self) -> Vec<&'a Page> {
        self.contests.clone()
    }

    /// Pages directly under a section URL (not the section itself).
    pub(crate) fn children(&self, section_url: &str) -> Vec<&'a Page> {
        self.pages
            .iter()
            .copied()
            .filter(|p| {
                p.url != section_url
                    && p.url.starts_with(section_url)
                    && p.url[section_url.len()..]
                        .trim_end_matches('/')
                        .matches('/')
                        .count()
                        == 0
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a page's body says of a contest URL is what `body.contains(url)` says.
    #[test]
    fn contest_mentions_are_what_the_body_contains() {
        let bodies = [
            "see [the contest](/contests/fabric-2563/) now",
            "/contests//contests/x/ overlapping",
            "a long line /contests/ผ้า ไทย 2563/ with a space, then\n/contests/b/",
            "/contests/c/\"quoted\" /contests/d|",
            "no link at all",
            "",
        ];
        let urls = [
            "/contests/fabric-2563/",
            "/contests/x/",
            "/contests/ผ้า ไทย 2563/",
            "/contests/b/",
            "/contests/c/",
            "/contests/d/",
            "/contests/",
        ];
        for body in bodies {
            let mut page =
                sections::virtual_section("/x/", Access::Public, crate::thai::Digits::Thai);
            page.contest_refs = contest_refs(body);
            for url in urls {
                assert_eq!(
                    page.mentions_contest(url),
                    body.contains(url),
                    "{url} in {body:?}"
                );
            }
        }
    }
}
