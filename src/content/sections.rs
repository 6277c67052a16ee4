//! Sections: the `access` cascade from a section's `_index.md`, section pages
//! for folders without one, and one URL per page.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::front_matter::{self, Kind};
use super::{Access, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::thai;

/// Internal sections make everything below them internal.
pub(super) fn cascade_access(pages: &mut [Page], diags: &mut Diagnostics) {
    let internal_sections: Vec<String> = pages
        .iter()
        .filter(|p| p.kind == Kind::Section && p.access == Access::Internal)
        .map(|p| p.url.clone())
        .collect();
    for p in pages.iter_mut() {
        if p.access == Access::Internal {
            continue;
        }
        if let Some(sec) = internal_sections
            .iter()
            .find(|s| p.url.starts_with(s.as_str()))
        {
            if let Some(a) = p.front.access.as_ref().filter(|a| a.value == "public") {
                let at = p.span_of(a);
                let msg = crate::messages::public_in_internal_section(sec);
                diags.push(Diagnostic::warning_at(&p.text, at, msg));
            }
            p.access = Access::Internal;
        }
    }
}

/// Every folder with pages gets a section page, even without `_index.md`.
pub(super) fn add_missing_sections(pages: &mut Vec<Page>, digits: thai::Digits) {
    let existing: BTreeMap<String, Access> =
        pages.iter().map(|p| (p.url.clone(), p.access)).collect();
    let mut missing: BTreeMap<String, Access> = BTreeMap::new();
    for p in pages.iter().filter(|p| !p.front.draft) {
        let mut url = p.url.trim_end_matches('/').to_owned();
        while let Some(i) = url.rfind('/') {
            url.truncate(i);
            let sec = format!("{url}/");
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

fn virtual_section(url: &str, access: Access, digits: thai::Digits) -> Page {
    let segs: Vec<&str> = super::segments(url);
    let title = match segs.as_slice() {
        [] => "หน้าแรก".to_owned(),
        ["minutes"] => "รายงานการประชุม".to_owned(),
        ["minutes", year] => format!("รายงานการประชุม ปี {}", thai::apply_digits(year, digits)),
        ["contests"] => "การประกวด".to_owned(),
        [.., last] => (*last).to_owned(),
    };
    let path = PathBuf::from(format!("content{url}_index.md"));
    Page {
        text: std::sync::Arc::new(crate::source::SourceFile::new(&path, String::new())),
        path,
        dir: PathBuf::new(),
        is_bundle: false,
        kind: Kind::Section,
        url: url.to_owned(),
        title: title.clone(),
        date: None,
        access,
        front: front_matter::FrontMatter {
            title: Some(title),
            ..Default::default()
        },
        body_start: 0,
        meeting: None,
        time: None,
        opened: None,
        closed: None,
        certifies: None,
        deadlines: Vec::new(),
        deadline: None,
        judging: None,
        shortcodes: Vec::new(),
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
