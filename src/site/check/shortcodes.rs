//! Shortcode targets: the page an `internal_link(page=…)` or a `qr(page=…)` names must
//! exist, and a public page's QR code may not point to an internal page. Takes the corpus
//! and the shortcodes found at load; gives diagnostics at each call. The render stage asks
//! the same functions only to know that such a call renders nothing.

use super::links::{normalize_page_url, target_access};
use crate::content::{Access, Corpus, Page};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::messages;
use crate::source::Span;

/// What is wrong with a target, and what to do about it.
pub(crate) type Problem = (Msg, Msg);

/// A page a QR code points to (`target`, normalized; `written` as in the call) must exist,
/// and a public page may not point to an internal one.
pub(crate) fn qr_page_problem(
    corpus: &Corpus<'_>,
    page: &Page,
    target: &str,
    written: &str,
) -> Option<Problem> {
    match target_access(corpus, target) {
        None => Some((
            messages::qr_page_missing(written),
            messages::site_path_help(),
        )),
        Some(Access::Internal) if page.access == Access::Public => Some((
            messages::qr_public_to_internal(target),
            messages::public_links_internal_help(),
        )),
        Some(_) => None,
    }
}

/// The page an `internal_link` names (`written`) must exist, for some audience.
pub(crate) fn internal_link_problem(corpus: &Corpus<'_>, written: &str) -> Option<Problem> {
    target_access(corpus, &normalize_page_url(written))
        .is_none()
        .then(|| {
            (
                messages::internal_link_missing(written),
                messages::site_path_help(),
            )
        })
}

/// The page targets of a page's `qr(page=…)` and `internal_link` calls.
pub(crate) fn check_shortcode_targets(corpus: &Corpus<'_>, page: &Page, diags: &mut Diagnostics) {
    // Only these calls are held from load: see `content::targets_checked`.
    for sc in &page.target_calls {
        let written = sc.arg("page").unwrap_or_default();
        let problem = match sc.name.as_str() {
            "internal_link" => internal_link_problem(corpus, written),
            "qr" if sc.arg("url").is_none() => {
                qr_page_problem(corpus, page, &normalize_page_url(written), written)
            }
            _ => None,
        };
        if let Some((msg, hint)) = problem {
            diags.push(Diagnostic::error_at(&page.text(), Span::at(sc.at), msg).with_hint(hint));
        }
    }
}
