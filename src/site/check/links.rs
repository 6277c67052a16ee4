//! Links in page bodies (found at load, `Page::links`). A page link must name a page that
//! exists and, from a public page, is public: [`check_page_links`] takes the corpus and gives
//! diagnostics, run by the check stage before render. A link to a local file goes through the
//! checks of [`super::refs`] and publishes the file: [`check_file_links`] still runs as the
//! page renders, because it looks at the disk and hands the file to the sink. Also the URL
//! helpers links are resolved with.

use std::path::Path;

use super::refs::{self, RefError};
use crate::content::{Access, Corpus, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::messages;
use crate::site::render::Ctx;
use crate::source::Span;

/// `/a/b` or `a/b/` → `/a/b/`; fragments and queries dropped.
pub(crate) fn normalize_page_url(u: &str) -> String {
    let u = u.split(['#', '?']).next().unwrap_or("");
    let u = u.trim();
    let mut s = if u.starts_with('/') {
        u.to_owned()
    } else {
        format!("/{u}")
    };
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

/// Whether a page URL exists, and for whom (looks at every page, not only this audience's).
pub(crate) fn target_access(corpus: &Corpus<'_>, url: &str) -> Option<Access> {
    if crate::site::render::GENERATED_PAGES.contains(&url)
        || crate::site::render::deadlines::is_year_page(corpus, url)
        || crate::site::render::tags::is_tag_page(corpus, url)
    {
        return Some(Access::Public);
    }
    if corpus.unloaded.contains(url) {
        return Some(Access::Public); // it exists, with errors reported for its own file
    }
    if corpus.by_url.contains_key(url) {
        return corpus.get(url).map(|p| p.access);
    }
    corpus
        .internal_urls
        .contains_key(url)
        .then_some(Access::Internal)
}

/// A number as it is written in a URL wara makes (`2565` in `/deadlines/2565/`, `2` in
/// `/tags/OTOP/page/2/`): ASCII digits without a leading zero, so `02` names no page.
pub(crate) fn url_number(segment: &str) -> Option<u32> {
    let plain = !segment.is_empty()
        && segment.bytes().all(|b| b.is_ascii_digit())
        && !(segment.len() > 1 && segment.starts_with('0'));
    plain.then(|| segment.parse().ok()).flatten()
}

/// Whether a link has a scheme (`https:`, `mailto:`, `tel:`…): not a file or page of the site.
fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A relative page link resolved against the page's URL as a browser does
/// (`../b/` from `/a/x/` is `/a/b/`); `None` when it climbs above the site.
fn resolve_relative_url(base: &str, rel: &str) -> Option<String> {
    let mut segs: Vec<&str> = crate::content::segments(base);
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    Some(normalize_page_url(&segs.join("/")))
}

/// What a link in a body points to.
enum Target {
    /// A page of the site, resolved against the linking page (`None`: above the site).
    Page(Option<String>),
    /// A file, by its decoded path as written (without query or fragment).
    File(String),
}

/// What `href` points to; `None` for an address outside the site (a scheme, `//host`)
/// or one inside the page (`#…`, `?…`).
fn target_of(page: &Page, href: &str) -> Option<Target> {
    if href.is_empty() || href.starts_with(['#', '?']) || href.starts_with("//") || has_scheme(href)
    {
        return None;
    }
    let path = href.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let last = decoded.rsplit('/').next().unwrap_or("");
    if last.contains('.') && last != "." && last != ".." {
        return Some(Target::File(decoded));
    }
    Some(Target::Page(if decoded.starts_with('/') {
        Some(normalize_page_url(&decoded))
    } else {
        resolve_relative_url(&page.url, &decoded)
    }))
}

/// Page links of a page's body: each must name a page that exists and, from a public
/// page, is public.
pub(crate) fn check_page_links(corpus: &Corpus<'_>, page: &Page, diags: &mut Diagnostics) {
    for link in &page.links {
        let href = link.href.trim();
        let Some(Target::Page(target)) = target_of(page, href) else {
            continue;
        };
        match target
            .as_deref()
            .and_then(|t| target_access(corpus, t).map(|a| (t, a)))
        {
            Some((target, Access::Internal)) if page.access == Access::Public => diags.push(
                Diagnostic::error_at(
                    &page.text(),
                    Span::at(link.at),
                    messages::public_links_internal(target),
                )
                .with_hint(messages::public_links_internal_help()),
            ),
            Some(_) => {}
            None if page.kind == Kind::Section && page.body_is_empty() => {}
            None => diags.push(
                Diagnostic::error_at(
                    &page.text(),
                    Span::at(link.at),
                    messages::link_no_page(href),
                )
                .with_hint(messages::link_no_page_help()),
            ),
        }
    }
}

/// File links and images of a page's body (Markdown; raw HTML is dropped): a link to a
/// local file goes through the same checks as a download and publishes the file.
pub(crate) fn check_file_links(ctx: &Ctx<'_>, page: &Page, diags: &mut Diagnostics) {
    for link in &page.links {
        let href = link.href.trim();
        if let Some(Target::File(decoded)) = target_of(page, href) {
            file_link(ctx, page, link, href, &decoded, diags);
        }
    }
}

/// A link or image to a file. Files under `content/` are checked like downloads
/// (inside the site, a regular file, a page this one may use) and published;
/// a site path to anything else (static files, the feed) must exist.
fn file_link(
    ctx: &Ctx<'_>,
    page: &Page,
    link: &markdown::Link,
    href: &str,
    decoded: &str,
    diags: &mut Diagnostics,
) {
    let at = Span::at(link.at);
    let in_content = !decoded.starts_with('/')
        || decoded.split('/').any(|s| s == "..")
        || std::fs::symlink_metadata(
            ctx.root()
                .join("content")
                .join(decoded.trim_start_matches('/')),
        )
        .is_ok();
    if !in_content {
        if !ctx.file_exists(decoded) {
            diags.push(
                Diagnostic::warning_at(
                    &page.text(),
                    Span::at(link.at),
                    messages::link_no_file(href),
                )
                .with_hint(messages::link_no_file_help()),
            );
        }
        return;
    }
    match refs::use_file(ctx, page, decoded) {
        Ok(fref) => {
            let out = refs::output_path(page, &fref);
            if let Err(e) = refs::publish(ctx, &out, &fref) {
                diags.push(
                    Diagnostic::error_at(
                        &page.text(),
                        Span::at(link.at),
                        messages::cannot_copy(decoded, &e.root_cause().to_string()),
                    )
                    .with_hint(messages::io_help()),
                );
            }
        }
        Err(RefError::Missing { shown }) if link.image => diags.push(refs::refused_diag(
            page,
            at,
            messages::missing_image(href, &crate::diag::slash(&shown)),
            folder_listing(&ctx.root().join(&shown), &shown),
        )),
        Err(RefError::Missing { shown }) => diags.push(refs::refused_diag(
            page,
            at,
            messages::ref_missing(href, &crate::diag::slash(&shown)),
            messages::ref_missing_help(),
        )),
        Err(RefError::Refused { msg, help }) => {
            diags.push(refs::refused_diag(page, at, msg, help));
        }
    }
}

/// A link's address resolved against the page's URL, decoded, without query or
/// fragment: `photo.jpg` on `/a/b/` → `/a/b/photo.jpg`; `None` for an external
/// address or one that climbs above the site.
pub(crate) fn site_path(page_url: &str, href: &str) -> Option<String> {
    if href.starts_with("//") || markdown::unsafe_scheme(href).is_some() || href.contains(':') {
        return None;
    }
    let path = href.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let joined = if decoded.starts_with('/') {
        decoded
    } else {
        format!("{}{decoded}", out_dir_url(page_url))
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let trailing = joined.ends_with('/') && !parts.is_empty();
    Some(format!(
        "/{}{}",
        parts.join("/"),
        if trailing { "/" } else { "" }
    ))
}

/// The folder URL of a page URL: `/a/b/` stays, `/a/b` → `/a/`.
fn out_dir_url(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => &url[..=i],
        None => "/",
    }
}

/// The help for a missing file: the files of the folder it was looked for in,
/// with the name nearest to the one written.
pub(crate) fn folder_listing(abs: &Path, shown: &Path) -> crate::diag::Msg {
    let wanted = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = shown
        .parent()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .unwrap_or_default();
    let mut names: Vec<String> = abs
        .parent()
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".md"))
        .collect();
    names.sort();
    // Nearest: a name holding the one written (`คำสั่ง.pdf` → `คำสั่ง 15-2564.pdf`), else
    // the fewest edits, if they are no more than half the name.
    let stem = |n: &str| {
        let n = n.to_lowercase();
        match n.rsplit_once('.') {
            Some((s, _)) if !s.is_empty() => s.to_owned(),
            _ => n,
        }
    };
    let want = stem(&wanted);
    let nearest = names
        .iter()
        .filter_map(|n| {
            let have = stem(n);
            let score = if !want.is_empty() && (have.contains(&want) || want.contains(&have)) {
                0
            } else {
                let d = crate::diag::edit_distance(&have, &want);
                (d <= (have.chars().count().max(want.chars().count()) / 2).max(1)).then_some(d)?
            };
            Some((
                score,
                have.chars().count().abs_diff(want.chars().count()),
                n,
            ))
        })
        .min()
        .map(|(_, _, n)| n.as_str());
    messages::files_in_folder(&folder, &names, nearest)
}
