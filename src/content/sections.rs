//! Sections: the `access` cascade from a section's `_index.md`, section pages
//! for folders without one, and one URL per page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::front_matter::{self, Kind};
use super::{Access, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::{messages, thai};

/// The access rule, written once: a section whose `_index.md` says `access: internal` makes
/// everything below it internal, whatever a page's own front matter says (a page that says
/// `public` there gets a warning). A load applies it to every page ([`cascade_access`]);
/// `serve`'s reload of one page applies it to that page ([`AccessRule::apply`]).
pub(super) struct AccessRule {
    /// URLs of the sections that declare themselves internal.
    internal_sections: BTreeSet<String>,
}

impl AccessRule {
    /// The rule of these pages: only sections loaded from an `_index.md` declare access
    /// (a section page made for a folder without one has none of its own).
    pub(super) fn of(pages: &[Page]) -> AccessRule {
        let internal_sections = pages
            .iter()
            .filter(|p| p.kind == Kind::Section && p.front.access == Some(Access::Internal))
            .map(|p| p.url.clone())
            .collect();
        AccessRule { internal_sections }
    }

    /// Make `page` internal when a section above it is; warn when it asked to be public.
    pub(super) fn apply(&self, page: &mut Page, diags: &mut Diagnostics) {
        if page.access == Access::Internal {
            return;
        }
        let Some(sec) = super::ancestors(&page.url).find(|a| self.internal_sections.contains(a))
        else {
            return;
        };
        if page.front.access == Some(Access::Public)
            && let Some(at) = page.front.at.access
        {
            let msg = crate::messages::public_in_internal_section(&sec);
            diags.push(Diagnostic::warning_at(&page.text(), at, msg));
        }
        page.access = Access::Internal;
    }
}

/// Apply the access rule to every loaded page.
pub(super) fn cascade_access(pages: &mut [Page], diags: &mut Diagnostics) {
    let rule = AccessRule::of(pages);
    for p in pages.iter_mut() {
        rule.apply(p, diags);
    }
}

/// Every folder with pages gets a section page, even without `_index.md`.
pub(super) fn add_missing_sections(pages: &mut Vec<Page>, digits: thai::Digits) {
    let existing: BTreeMap<String, Access> =
        pages.iter().map(|p| (p.url.clone(), p.access)).collect();
    let mut missing: BTreeMap<String, Access> = BTreeMap::new();
    for p in pages.iter().filter(|p| !p.front.draft) {
        for sec in super::ancestors(&p.url) {
            if !existing.contains_key(&sec) {
                let e = missing.entry(sec).or_insert(Access::Internal);
                if p.access == Access::Public {
                    *e = Access::Public;
                }
            }
        }
    }
    for (url, access) in missing {
        pages.push(virtual_section(&url, access, digits));
    }
}

pub(super) fn virtual_section(url: &str, access: Access, digits: thai::Digits) -> Page {
    let segs: Vec<&str> = super::segments(url);
    let title = match segs.as_slice() {
        [] => messages::SECTION_HOME.to_owned(),
        ["minutes"] => messages::SECTION_MINUTES.to_owned(),
        ["minutes", year] => messages::section_minutes_year(&thai::apply_digits(year, digits)),
        ["contests"] => messages::SECTION_CONTESTS.to_owned(),
        [.., last] => (*last).to_owned(),
    };
    let path = PathBuf::from(format!("content{url}_index.md"));
    Page {
        text: super::PageText::fixed(std::sync::Arc::new(crate::source::SourceFile::new(
            &path,
            String::new(),
        ))),
        path,
        is_bundle: false,
        kind: Kind::Section,
        url: url.to_owned(),
        title,
        date: None,
        access,
        front: front_matter::Front::default(),
        own: None,
        body_start: 0,
        meeting: None,
        time: None,
        opened: None,
        closed: None,
        certifies: None,
        deadlines: Vec::new(),
        deadline: None,
        judging: None,
        target_calls: Vec::new(),
        call_lines: Box::default(),
        links: Vec::new(),
        contest_refs: Vec::new(),
    }
}

pub(super) fn check_duplicate_urls(pages: &[Page], diags: &mut Diagnostics) {
    for w in pages.windows(2) {
        if w[0].url == w[1].url {
            diags.push(
                Diagnostic::error(
                    &w[1].path,
                    crate::messages::same_page(&w[1].url, &w[0].path, &w[1].path),
                )
                .with_hint(crate::messages::same_page_help()),
            );
        }
    }
}
