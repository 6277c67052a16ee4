//! The content model: pages loaded from `content/`, their typed front matter,
//! and the corpus one audience sees.

mod checks;
pub mod front_matter;
pub mod load;
pub mod scan;
mod sections;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

pub use front_matter::{FrontMatter, Kind};

use crate::options::Audience;

/// Who may see a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Public,
    Internal,
}

impl Access {
    pub fn visible_to(self, audience: Audience) -> bool {
        matches!(
            (self, audience),
            (Access::Public, _) | (Access::Internal, Audience::Internal)
        )
    }
}

/// A dated task, from a `deadline` shortcode, a `deadlines:` entry or a contest deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub task: String,
    /// Anchor of the item that set it (`item-3-1`), if any.
    pub anchor: Option<String>,
}

/// A meeting number and its Buddhist Era year: `5/2563`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingNo {
    pub year: i32,
    pub number: u32,
}

/// One page, loaded and checked, before rendering.
#[derive(Debug)]
pub struct Page {
    /// Source path relative to the site root, e.g. `content/minutes/2563/05/index.md`.
    pub path: PathBuf,
    /// Absolute directory holding the page's bundle files (its own folder for bundles).
    pub dir: PathBuf,
    pub is_bundle: bool,
    pub kind: Kind,
    /// Site path, e.g. `/minutes/2563/05/`.
    pub url: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub access: Access,
    pub front: FrontMatter,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// 1-based file line of the first body line.
    pub body_line: usize,
    /// The whole file text, for diagnostics that quote a line.
    pub text: String,
    /// Minutes only.
    pub meeting: Option<MeetingNo>,
    pub time: Option<NaiveTime>,
    pub opened: Option<NaiveTime>,
    pub closed: Option<NaiveTime>,
    pub certifies: Option<MeetingNo>,
    /// Deadlines found in front matter and shortcodes (before rendering).
    pub deadlines: Vec<Deadline>,
    /// Contest dates.
    pub deadline: Option<NaiveDate>,
    pub judging: Option<NaiveDate>,
    /// Shortcodes found in the body, in order.
    pub shortcodes: Vec<crate::markdown::Shortcode>,
}

/// Everything under `content/` for one audience, keyed by URL.
#[derive(Debug, Default)]
pub struct Corpus<'a> {
    pub pages: Vec<&'a Page>,
    /// URL → index into `pages`.
    pub by_url: BTreeMap<String, usize>,
    /// URLs that exist only for the internal audience (for link errors in public builds).
    pub internal_urls: BTreeMap<String, PathBuf>,
    /// URLs of files that failed to load (already reported): links to them are not errors.
    pub unloaded: std::collections::BTreeSet<String>,
    /// Tags by their folded slug (see `crate::slug`) → the slug their page has,
    /// from every page of both audiences, so a tag's URL is the same for both:
    /// tags that differ only in case or in characters a file name cannot hold
    /// (`OTOP`/`otop`, `จปฐ.`/`จปฐ`) share one page, named by the first spelling.
    pub tag_slugs: BTreeMap<String, String>,
    minutes: Vec<&'a Page>,
}

fn minutes_key(p: &Page) -> (Option<MeetingNo>, Option<NaiveDate>, &str) {
    (p.meeting, p.date, p.url.as_str())
}

/// The segments of a site URL: `/minutes/2563/05/` → `["minutes", "2563", "05"]`.
pub fn segments(url: &str) -> Vec<&str> {
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

impl Page {
    /// The Markdown body (everything after the front matter).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

impl<'a> Corpus<'a> {
    /// The URL of a tag's page: `/tags/<slug>/` (Thai stays Thai; links percent-encode it).
    pub fn tag_url(&self, tag: &str) -> String {
        let slug = crate::slug::tag(tag);
        let slug = self
            .tag_slugs
            .get(&crate::slug::fold(&slug))
            .unwrap_or(&slug);
        format!("/tags/{slug}/")
    }

    pub fn get(&self, url: &str) -> Option<&'a Page> {
        self.by_url.get(url).map(|&i| self.pages[i])
    }

    /// Minutes, oldest first by meeting number (sorted once, in `finish`).
    pub fn minutes(&self) -> &[&'a Page] {
        &self.minutes
    }

    /// The position of a minutes page in [`Corpus::minutes`].
    pub fn minutes_position(&self, page: &Page) -> Option<usize> {
        self.minutes
            .binary_search_by(|p| minutes_key(p).cmp(&minutes_key(page)))
            .ok()
    }

    /// Sort what listings need once, after all pages are in.
    pub fn finish(&mut self) {
        self.minutes = self
            .pages
            .iter()
            .copied()
            .filter(|p| p.kind == Kind::Minutes)
            .collect();
        self.minutes
            .sort_by(|a, b| minutes_key(a).cmp(&minutes_key(b)));
    }

    pub fn contests(&self) -> Vec<&'a Page> {
        self.pages
            .iter()
            .copied()
            .filter(|p| p.kind == Kind::Contest)
            .collect()
    }

    /// Pages directly under a section URL (not the section itself).
    pub fn children(&self, section_url: &str) -> Vec<&'a Page> {
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
