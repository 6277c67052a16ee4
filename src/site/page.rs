//! Rendering one content page: shortcodes expanded (tables, charts, downloads,
//! QR codes, deadlines), Markdown rendered, links checked, bundle files copied,
//! the template applied and the file written.

use std::path::{Component, Path, PathBuf};

use serde_saphyr::Spanned;

use super::Ctx;
use crate::content::{Access, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files;
use crate::markdown;
use crate::render::views::{DownloadView, PageView};

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
    let mut rendered = markdown::render(page.body(), page.body_line, &page.shortcodes, &expanded);
    if !rendered.images.is_empty() {
        let html_of = super::photos::markdown_images(ctx, page, &rendered.images, res);
        rendered.html = markdown::restore_images(&rendered.html, &html_of);
    }
    check_links(ctx, page, &rendered.links, &mut res.diags);
    publish_linked_photos(ctx, page, &rendered.links, &mut res.diags);
    if page.is_bundle {
        copy_bundle(ctx, page, &mut res.diags);
    }
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

pub(super) fn short_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => e.to_string(),
    }
}

pub(super) fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_owned())
}

/// A path from content, relative to the page folder (or to `content/` when it
/// starts with `/`): the absolute file and the root-relative path for messages.
/// `None` when it would leave the site.
pub(super) fn resolve_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Option<(PathBuf, PathBuf)> {
    let p = Path::new(rel);
    if rel.is_empty()
        || p.components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return None;
    }
    let (base, shown_base) = if let Some(stripped) = rel.strip_prefix('/') {
        (
            ctx.root.join("content"),
            PathBuf::from("content").join(stripped),
        )
    } else {
        let shown_dir = page
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        (page.dir.clone(), shown_dir.join(rel))
    };
    Some((base.join(rel.trim_start_matches('/')), shown_base))
}

fn download(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &Spanned<String>,
    title: &str,
    res: &mut PageResult,
) -> Option<DownloadView> {
    let (line, col) = crate::content::front_matter::pos(file);
    download_at(ctx, page, &file.value, title, (line, col), res)
}

/// Copy a download into the page's output folder and describe it (type, size, QR).
pub(super) fn download_at(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &str,
    title: &str,
    (line, col): (usize, usize),
    res: &mut PageResult,
) -> Option<DownloadView> {
    let Some((abs, shown)) = resolve_file(ctx, page, file).filter(|_| !file.starts_with('/'))
    else {
        res.diags.push(
            Diagnostic::error(
                &page.path,
                line,
                col,
                format!("download `{file}` is not a path inside the page's folder"),
            )
            .with_hint("give the file relative to the page, e.g. files/order.pdf")
            .with_source(&page.text),
        );
        return None;
    };
    // A photo offered as a download is published without its metadata.
    let abs = if abs.is_file() && crate::images::is_raster(&abs) && !ctx.sink.is_dry() {
        super::photos::stripped_copy(ctx, &abs).unwrap_or(abs)
    } else {
        abs
    };
    let info = match files::describe(&abs) {
        Ok(i) if abs.is_file() => i,
        _ => {
            res.diags.push(
                Diagnostic::error(
                    &page.path,
                    line,
                    col,
                    format!(
                        "download `{file}` not found: there is no file `{}`",
                        shown.display()
                    ),
                )
                .with_hint("put the file beside the page (in its folder) or correct the name")
                .with_source(&page.text),
            );
            return None;
        }
    };
    let rel = format!("{}{}", out_dir(&page.url), file);
    if !ctx.sink.contains(&rel)
        && let Err(e) = ctx.sink.copy(&rel, &abs)
    {
        res.diags.push(Diagnostic::error(
            &page.path,
            line,
            col,
            format!("cannot copy `{file}`: {e}"),
        ));
        return None;
    }
    let url = format!("/{}", files::encode_path(&rel));
    let absolute_url = ctx.absolute(&url);
    let qr_svg = match crate::qr::svg(&absolute_url, title) {
        Ok(s) => {
            res.qr_codes += 1;
            s
        }
        Err(msg) => {
            res.diags.push(Diagnostic::error(
                &page.path,
                line,
                col,
                format!("QR code for `{file}`: {msg}"),
            ));
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

/// A photo of the page's folder that the page links to (`[ดูภาพ](garden.jpg)`) is
/// published at its own name as a full-size copy with no metadata: never the original.
fn publish_linked_photos(
    ctx: &Ctx<'_>,
    page: &Page,
    links: &[markdown::Link],
    diags: &mut Diagnostics,
) {
    if ctx.sink.is_dry() {
        return;
    }
    for link in links {
        let href = link.href.split(['#', '?']).next().unwrap_or("");
        if href.starts_with("//")
            || href.contains(':')
            || !crate::images::is_raster(Path::new(href))
        {
            continue;
        }
        let decoded = percent_encoding::percent_decode_str(href)
            .decode_utf8_lossy()
            .into_owned();
        let Some((abs, _)) = resolve_file(ctx, page, &decoded).filter(|(a, _)| a.is_file()) else {
            continue;
        };
        let rel = match decoded.strip_prefix('/') {
            Some(site_path) => site_path.to_owned(),
            None => format!("{}{}", out_dir(&page.url), decoded),
        };
        if ctx.sink.contains(&rel) {
            continue;
        }
        let copied = super::photos::stripped_copy(ctx, &abs)
            .ok_or_else(|| "not a readable image".to_owned())
            .and_then(|f| ctx.sink.copy(&rel, &f).map_err(|e| e.to_string()));
        if let Err(why) = copied {
            diags.push(
                Diagnostic::error(
                    &page.path,
                    link.line,
                    link.col,
                    crate::messages::photo_undecodable(&decoded, &why),
                )
                .with_hint(crate::messages::photo_undecodable_help())
                .with_source(&page.text),
            );
        }
    }
}

/// Copy a bundle's own files (not Markdown or data YAML, not nested bundles). Photos
/// are not copied: they are published re-encoded (see `photos`), or not at all.
fn copy_bundle(ctx: &Ctx<'_>, page: &Page, diags: &mut Diagnostics) {
    let walker = walkdir::WalkDir::new(&page.dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !(e.path().join("index.md").exists() || e.path().join("_index.md").exists())
        });
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "md" | "yaml" | "yml")
            || entry.file_name().to_string_lossy().starts_with('.')
            || crate::images::is_raster(entry.path())
        {
            continue;
        }
        if crate::images::is_unsupported(entry.path()) {
            let shown = page
                .path
                .parent()
                .unwrap_or(Path::new(""))
                .join(entry.path().strip_prefix(&page.dir).unwrap_or(entry.path()));
            diags.push(Diagnostic::warning(
                &page.path,
                1,
                1,
                crate::messages::photo_unsupported(&shown.display().to_string()),
            ));
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&page.dir) else {
            continue;
        };
        let rel = format!(
            "{}{}",
            out_dir(&page.url),
            rel.to_string_lossy().replace('\\', "/")
        );
        if !ctx.sink.contains(&rel)
            && let Err(e) = ctx.sink.copy(&rel, entry.path())
        {
            diags.push(Diagnostic::error(
                &page.path,
                1,
                1,
                format!("cannot copy a bundle file: {e}"),
            ));
        }
    }
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

/// Site-relative links: to a page that exists, never from a public page to an internal one.
fn check_links(ctx: &Ctx<'_>, page: &Page, links: &[markdown::Link], diags: &mut Diagnostics) {
    for link in links {
        let href = link.href.as_str();
        if !href.starts_with('/') || href.starts_with("//") {
            continue;
        }
        let path = href.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned();
        let last = decoded.rsplit('/').next().unwrap_or("");
        if last.contains('.') {
            if !ctx.file_exists(&decoded) {
                diags.push(
                    Diagnostic::warning(
                        &page.path,
                        link.line,
                        link.col,
                        format!("link to `{href}`: no such file in the site"),
                    )
                    .with_source(&page.text),
                );
            }
            continue;
        }
        let target = normalize_page_url(&decoded);
        match target_access(ctx, &target) {
            Some(Access::Internal) if page.access == Access::Public => diags.push(
                Diagnostic::error(&page.path, link.line, link.col, format!("public page links to the internal page `{target}`"))
                    .with_hint("internal pages are staff-only: remove the link, or use {{ internal_link(page=\"…\", title=\"…\") }} which shows it only in the internal portal")
                    .with_source(&page.text),
            ),
            Some(_) => {}
            None if page.kind == Kind::Section && page.body().is_empty() => {}
            None => diags.push(
                Diagnostic::error(&page.path, link.line, link.col, format!("link to `{href}`: there is no such page"))
                    .with_hint("check the address; pages are /folder/name/ for content/folder/name.md")
                    .with_source(&page.text),
            ),
        }
    }
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
            url: files::encode_path(&super::listings::tag_url(t)),
        })
        .collect();
    v.internal = page.access == Access::Internal;
    v.breadcrumbs = ctx.breadcrumbs(&page.url);
    v
}
