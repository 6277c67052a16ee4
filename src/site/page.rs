//! Rendering one content page: shortcodes expanded (tables, charts, downloads,
//! QR codes, deadlines), Markdown rendered, links checked, bundle files copied,
//! the template applied and the file written.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::Ctx;
use super::refs::RefError;
use crate::content::{Access, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files;
use crate::markdown::{self, Issue};
use crate::messages;
use crate::render::views::{DownloadView, PageView};
use crate::source::Span;

/// Counts one page contributes to the build summary, and its search entry.
#[derive(Debug, Default)]
pub struct PageResult {
    pub diags: Diagnostics,
    pub tables: usize,
    pub qr_codes: usize,
    pub sections: Vec<markdown::PlainSection>,
}

/// Everything a page's body produced, ready for its view.
pub struct Body {
    pub rendered: markdown::Rendered,
    pub attachments: Vec<DownloadView>,
}

/// The output folder of a page URL, relative: `/a/b/` → `a/b/`.
pub fn out_dir(url: &str) -> String {
    url.trim_start_matches('/').to_owned()
}

/// Render a page's body and its downloads; copy its bundle files.
pub fn render_body(ctx: &Ctx<'_>, page: &Page, res: &mut PageResult) -> Body {
    let mut expanded = Vec::with_capacity(page.shortcodes.len());
    for sc in &page.shortcodes {
        expanded.push(super::shortcodes::expand(ctx, page, sc, res));
    }
    let mut rendered = markdown::render(page.body(), page.body_start, &page.shortcodes, &expanded);
    report_problems(page, &rendered.problems, &mut res.diags);
    if !rendered.images.is_empty() {
        let html_of = super::photos::markdown_images(ctx, page, &rendered.images, res);
        rendered.html = markdown::restore_images(&rendered, &html_of);
    }
    check_links(ctx, page, &rendered.links, &mut res.diags);
    let mut attachments = Vec::new();
    for f in page
        .front
        .attachments
        .iter()
        .chain(page.front.documents.iter())
    {
        if let Some(d) = download(ctx, page, &f.file, &f.title, res) {
            attachments.push(d);
        }
    }
    Body {
        rendered,
        attachments,
    }
}

/// A file a page refers to, checked like every reference (inside `content/`, symlinks
/// resolved, a page this one may use): its path on disk and as the user sees it. A
/// refused reference is reported at `at` and gives `None`; a missing file gives its
/// would-be path, for the caller's own message.
pub(super) fn resolve_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Option<(PathBuf, PathBuf)> {
    match super::refs::use_file(ctx, page, rel) {
        Ok(f) => Some((f.abs, f.shown)),
        Err(RefError::Missing { shown }) => Some((ctx.root.join(&shown), shown)),
        Err(RefError::Refused { .. }) => None,
    }
}

pub(super) fn short_io(e: &std::io::Error) -> crate::diag::Msg {
    messages::io_reason(e)
}

pub(super) fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_owned())
}

fn download(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &Spanned<String>,
    title: &str,
    res: &mut PageResult,
) -> Option<DownloadView> {
    download_at(ctx, page, &file.value, title, page.span_of(file), res)
}

/// Copy a download into the page's output folder and describe it (type, size, QR).
pub(super) fn download_at(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &str,
    title: &str,
    at: Span,
    res: &mut PageResult,
) -> Option<DownloadView> {
    let fref = match super::refs::use_file(ctx, page, file) {
        Ok(f) => f,
        Err(RefError::Missing { shown }) => {
            res.diags.push(
                Diagnostic::error_at(
                    &page.text,
                    at,
                    messages::missing_download(file, &crate::diag::slash(&shown)),
                )
                .with_hint(folder_listing(&ctx.root.join(&shown), &shown)),
            );
            return None;
        }
        Err(RefError::Refused { msg, help }) => {
            res.diags
                .push(super::refs::refused_diag(page, at, msg, help));
            return None;
        }
    };
    let info = match files::describe(&fref.abs) {
        Ok(i) => i,
        Err(e) => {
            res.diags.push(
                Diagnostic::error_at(
                    &page.text,
                    at,
                    messages::cannot_read_file(file, &short_io(&e)),
                )
                .with_hint(messages::io_help()),
            );
            return None;
        }
    };
    let rel = super::refs::output_path(page, &fref);
    if let Err(e) = super::refs::publish(ctx, &rel, &fref) {
        res.diags.push(
            Diagnostic::error_at(
                &page.text,
                at,
                messages::cannot_copy(file, &e.root_cause().to_string()),
            )
            .with_hint(messages::io_help()),
        );
        return None;
    }
    let url = format!("/{}", files::encode_path(&rel));
    // `absolute` encodes the real (decoded) path itself.
    let absolute_url = ctx.absolute(&format!("/{rel}"));
    let qr_svg = match crate::qr::svg(&absolute_url, title) {
        Ok(s) => {
            res.qr_codes += 1;
            s
        }
        Err(msg) => {
            res.diags.push(
                Diagnostic::error_at(&page.text, at, messages::qr_for_file(file, &msg))
                    .with_hint(messages::qr_shorten_help()),
            );
            String::new()
        }
    };
    Some(DownloadView {
        title: title.to_owned(),
        url,
        absolute_url,
        kind: info.kind,
        size: files::format_size(info.bytes, ctx.config.digits),
        qr_svg,
    })
}

/// `/a/b` or `a/b/` → `/a/b/`; fragments and queries dropped.
pub fn normalize_page_url(u: &str) -> String {
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
pub(super) fn target_access(ctx: &Ctx<'_>, url: &str) -> Option<Access> {
    if super::GENERATED_PAGES.contains(&url) {
        return Some(Access::Public);
    }
    if ctx.corpus.unloaded.contains(url) {
        return Some(Access::Public); // it exists, with errors reported for its own file
    }
    if ctx.corpus.by_url.contains_key(url) {
        return ctx.corpus.get(url).map(|p| p.access);
    }
    ctx.corpus
        .internal_urls
        .contains_key(url)
        .then_some(Access::Internal)
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

/// Links and images in the body (Markdown or raw HTML): a page link must name a
/// page that exists and, from a public page, is public; a link to a local file
/// goes through the same checks as a download and publishes the file.
fn check_links(ctx: &Ctx<'_>, page: &Page, links: &[markdown::Link], diags: &mut Diagnostics) {
    for link in links {
        let href = link.href.trim();
        if href.is_empty()
            || href.starts_with(['#', '?'])
            || href.starts_with("//")
            || has_scheme(href)
        {
            continue;
        }
        let path = href.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned();
        let last = decoded.rsplit('/').next().unwrap_or("");
        if last.contains('.') && last != "." && last != ".." {
            file_link(ctx, page, link, href, &decoded, diags);
            continue;
        }
        let target = if decoded.starts_with('/') {
            Some(normalize_page_url(&decoded))
        } else {
            resolve_relative_url(&page.url, &decoded)
        };
        match target
            .as_deref()
            .and_then(|t| target_access(ctx, t).map(|a| (t, a)))
        {
            Some((target, Access::Internal)) if page.access == Access::Public => diags.push(
                Diagnostic::error_at(
                    &page.text,
                    Span::at(link.at),
                    messages::public_links_internal(target),
                )
                .with_hint(messages::public_links_internal_help()),
            ),
            Some(_) => {}
            None if page.kind == Kind::Section && page.body().is_empty() => {}
            None => diags.push(
                Diagnostic::error_at(&page.text, Span::at(link.at), messages::link_no_page(href))
                    .with_hint(messages::link_no_page_help()),
            ),
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
            ctx.root
                .join("content")
                .join(decoded.trim_start_matches('/')),
        )
        .is_ok();
    if !in_content {
        if !ctx.file_exists(decoded) {
            diags.push(
                Diagnostic::warning_at(&page.text, Span::at(link.at), messages::link_no_file(href))
                    .with_hint(messages::link_no_file_help()),
            );
        }
        return;
    }
    match super::refs::use_file(ctx, page, decoded) {
        Ok(fref) => {
            let out = super::refs::output_path(page, &fref);
            if let Err(e) = super::refs::publish(ctx, &out, &fref) {
                diags.push(
                    Diagnostic::error_at(
                        &page.text,
                        Span::at(link.at),
                        messages::cannot_copy(decoded, &e.root_cause().to_string()),
                    )
                    .with_hint(messages::io_help()),
                );
            }
        }
        Err(RefError::Missing { shown }) if link.image => diags.push(super::refs::refused_diag(
            page,
            at,
            messages::missing_image(href, &crate::diag::slash(&shown)),
            folder_listing(&ctx.root.join(&shown), &shown),
        )),
        Err(RefError::Missing { shown }) => diags.push(super::refs::refused_diag(
            page,
            at,
            messages::ref_missing(href, &crate::diag::slash(&shown)),
            messages::ref_missing_help(),
        )),
        Err(RefError::Refused { msg, help }) => {
            diags.push(super::refs::refused_diag(page, at, msg, help));
        }
    }
}

/// What the Markdown renderer did not publish as written: raw HTML (a warning),
/// refused link schemes and images it could not read (errors).
fn report_problems(page: &Page, problems: &[markdown::Problem], diags: &mut Diagnostics) {
    for p in problems {
        let d = match &p.issue {
            Issue::RawHtml => {
                Diagnostic::warning_at(&page.text, Span::at(p.at), messages::raw_html_dropped())
                    .with_hint(messages::raw_html_dropped_help())
            }
            Issue::UnsafeLink { href, scheme } => Diagnostic::error_at(
                &page.text,
                Span::at(p.at),
                messages::unsafe_link(href, scheme),
            )
            .with_hint(messages::unsafe_link_help()),
            Issue::ImageWithSpace { path } => {
                Diagnostic::error_at(&page.text, Span::at(p.at), messages::image_with_space(path))
                    .with_hint(messages::image_with_space_help(path))
            }
        };
        diags.push(d);
    }
}

/// A link's address resolved against the page's URL, decoded, without query or
/// fragment: `photo.jpg` on `/a/b/` → `/a/b/photo.jpg`; `None` for an external
/// address or one that climbs above the site.
pub(super) fn site_path(page_url: &str, href: &str) -> Option<String> {
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
fn folder_listing(abs: &Path, shown: &Path) -> crate::diag::Msg {
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

/// A page's view with the common fields filled.
pub fn base_view(ctx: &Ctx<'_>, page: &Page, kind: &'static str) -> PageView {
    let mut v = PageView::new(
        kind,
        page.title.clone(),
        page.url.clone(),
        ctx.absolute(&page.url),
    );
    v.date = page
        .date
        .map(|d| crate::render::views::DateView::new(d, ctx.config.digits));
    v.summary = page.front.summary.clone();
    v.tags = page
        .front
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| crate::render::views::LinkView {
            title: t.trim().to_owned(),
            url: files::encode_path(&ctx.corpus.tag_url(t)),
        })
        .collect();
    v.internal = page.access == Access::Internal;
    v.draft = page.front.draft;
    v.breadcrumbs = ctx.breadcrumbs(&page.url);
    v
}
