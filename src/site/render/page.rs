//! Rendering one content page: shortcodes expanded (tables, charts, downloads,
//! QR codes, deadlines), Markdown rendered, links checked, bundle files copied,
//! the template applied and the file written.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::Ctx;
use crate::content::{Access, Page};
use crate::diag::{Diagnostic, Diagnostics, SourceLines};
use crate::files;
use crate::markdown::{self, Issue};
use crate::messages;
use crate::render::views::{DownloadView, PageView};
use crate::site::check::links::{check_links, folder_listing};
use crate::site::check::refs::RefError;

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
    report_problems(page, &rendered.problems, &mut res.diags);
    if !rendered.images.is_empty() {
        let html_of = crate::site::assets::markdown_images(ctx, page, &rendered.images, res);
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
pub(crate) fn resolve_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Option<(PathBuf, PathBuf)> {
    match crate::site::check::refs::use_file(ctx, page, rel) {
        Ok(f) => Some((f.abs, f.shown)),
        Err(RefError::Missing { shown }) => Some((ctx.root.join(&shown), shown)),
        Err(RefError::Refused { .. }) => None,
    }
}

pub(crate) fn short_io(e: &std::io::Error) -> crate::diag::Msg {
    messages::io_reason(e)
}

pub(crate) fn file_name(p: &str) -> String {
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
    let (line, col) = crate::content::front_matter::pos(file);
    download_at(ctx, page, &file.value, title, (line, col), res)
}

/// Copy a download into the page's output folder and describe it (type, size, QR).
pub(crate) fn download_at(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &str,
    title: &str,
    (line, col): (usize, usize),
    res: &mut PageResult,
) -> Option<DownloadView> {
    let fref = match crate::site::check::refs::use_file(ctx, page, file) {
        Ok(f) => f,
        Err(RefError::Missing { shown }) => {
            res.diags.push(
                Diagnostic::error(
                    &page.path,
                    line,
                    col,
                    messages::missing_download(file, &crate::diag::slash(&shown)),
                )
                .with_hint(folder_listing(&ctx.root.join(&shown), &shown))
                .with_source(&page.text),
            );
            return None;
        }
        Err(RefError::Refused { msg, help }) => {
            res.diags.push(crate::site::check::refs::refused_diag(
                page,
                (line, col),
                msg,
                help,
            ));
            return None;
        }
    };
    let info = match files::describe(&fref.abs) {
        Ok(i) => i,
        Err(e) => {
            res.diags.push(
                Diagnostic::error(
                    &page.path,
                    line,
                    col,
                    messages::cannot_read_file(file, &short_io(&e)),
                )
                .with_hint(messages::io_help())
                .with_source(&page.text),
            );
            return None;
        }
    };
    let rel = crate::site::check::refs::output_path(page, &fref);
    if let Err(e) = crate::site::check::refs::publish(ctx, &rel, &fref) {
        res.diags.push(
            Diagnostic::error(
                &page.path,
                line,
                col,
                messages::cannot_copy(file, &e.root_cause().to_string()),
            )
            .with_hint(messages::io_help())
            .with_source(&page.text),
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
                Diagnostic::error(&page.path, line, col, messages::qr_for_file(file, &msg))
                    .with_hint(messages::qr_shorten_help())
                    .with_source(&page.text),
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

/// What the Markdown renderer did not publish as written: raw HTML (a warning),
/// refused link schemes and images it could not read (errors).
fn report_problems(page: &Page, problems: &[markdown::Problem], diags: &mut Diagnostics) {
    let source = SourceLines::new(&page.text);
    for p in problems {
        let d = match &p.issue {
            Issue::RawHtml => {
                Diagnostic::warning(&page.path, p.line, p.col, messages::raw_html_dropped())
                    .with_hint(messages::raw_html_dropped_help())
            }
            Issue::UnsafeLink { href, scheme } => Diagnostic::error(
                &page.path,
                p.line,
                p.col,
                messages::unsafe_link(href, scheme),
            )
            .with_hint(messages::unsafe_link_help()),
            Issue::ImageWithSpace { path } => {
                Diagnostic::error(&page.path, p.line, p.col, messages::image_with_space(path))
                    .with_hint(messages::image_with_space_help(path))
            }
        };
        diags.push(source.attach(d));
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
            url: files::encode_path(&ctx.corpus.tag_url(t)),
        })
        .collect();
    v.internal = page.access == Access::Internal;
    v.draft = page.front.draft;
    v.breadcrumbs = ctx.breadcrumbs(&page.url);
    v
}
