//! Stage 2, check: whole-site checks over one audience's corpus → diagnostics, before
//! render: every page link must name a page that exists and, from a public page, a public
//! one ([`links::check_page_links`], over the links the load stage found); so must the page
//! a `qr(page=…)` names, and an `internal_link`'s page must exist ([`shortcodes`]).
//!
//! Still run as pages render, through the render `Ctx`, because they look at the disk or
//! publish what they check: links to files ([`links::check_file_links`]); file references
//! (`download`, `attachments`, tables, charts), which must stay inside `content/` and belong
//! to a page the referring page may use ([`refs`]); `qr(url=…)`, whose address may name a
//! file or a page.

pub(crate) mod links;
pub(crate) mod refs;
pub(crate) mod shortcodes;

use crate::content::{Corpus, Page};
use crate::diag::Diagnostics;

/// The whole-site checks of `pages` (of `corpus`, one audience's), as diagnostics.
pub(crate) fn check(corpus: &Corpus<'_>, pages: &[&Page]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for page in pages {
        links::check_page_links(corpus, page, &mut diags);
        shortcodes::check_shortcode_targets(corpus, page, &mut diags);
    }
    diags
}
