//! Rendering one content page: shortcodes expanded (tables, charts, downloads,
//! QR codes, deadlines), Markdown rendered, file links checked, bundle files copied,
//! the template applied and the file written.

use std::sync::Arc;

use super::downloads::download;
use super::{Ctx, PageResult};
use crate::content::{Access, FrontMatter, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files;
use crate::markdown::{self, Issue};
use crate::messages;
use crate::render::views::{DocumentView, DownloadView, KindView, PageView};
use crate::site::check::links::check_file_links;
use crate::source::{SourceFile, Span};

/// Everything a page's body produced, ready for its view.
pub(crate) struct Body {
    pub(crate) rendered: markdown::Rendered,
    pub(crate) attachments: Vec<DownloadView>,
}

/// Render a page's body (`text`, the page's file read for this render) and its downloads;
/// copy its bundle files.
pub(crate) fn render_body(
    ctx: &Ctx<'_>,
    page: &Page,
    own: &FrontMatter,
    text: &Arc<SourceFile>,
    res: &mut PageResult,
    shared: &mut markdown::Shared,
) -> Body {
    let shortcodes = page.shortcodes(text);
    let mut expanded = Vec::with_capacity(shortcodes.len());
    for sc in &shortcodes {
        expanded.push(super::shortcodes::expand(ctx, page, sc, res));
    }
    let body = crate::content::body(text, page.body_start);
    let mut rendered =
        markdown::render_shared(body, page.body_start, &shortcodes, &expanded, shared);
    report_problems(page, &rendered.problems, &mut res.diags);
    if !rendered.images.is_empty() {
        let html_of = crate::site::assets::markdown_images(ctx, page, &rendered.images, res);
        rendered.html = markdown::restore_images(&rendered, &html_of);
    }
    check_file_links(ctx, page, &mut res.diags);
    let mut attachments = Vec::new();
    for f in own.attachments.iter().chain(own.documents.iter()) {
        if let Some(d) = download(ctx, page, (own, text), &f.file, &f.title, res) {
            attachments.push(d);
        }
    }
    Body {
        rendered,
        attachments,
    }
}

/// What the Markdown renderer did not publish as written: raw HTML (a warning),
/// refused link schemes and images it could not read (errors).
fn report_problems(page: &Page, problems: &[markdown::Problem], diags: &mut Diagnostics) {
    for p in problems {
        let d = match &p.issue {
            Issue::RawHtml => {
                Diagnostic::warning_at(&page.text(), Span::at(p.at), messages::raw_html_dropped())
                    .with_hint(messages::raw_html_dropped_help())
            }
            Issue::UnsafeLink { href, scheme } => Diagnostic::error_at(
                &page.text(),
                Span::at(p.at),
                messages::unsafe_link(href, scheme),
            )
            .with_hint(messages::unsafe_link_help()),
            Issue::ImageWithSpace { path } => Diagnostic::error_at(
                &page.text(),
                Span::at(p.at),
                messages::image_with_space(path),
            )
            .with_hint(messages::image_with_space_help(path)),
        };
        diags.push(d);
    }
}

/// A page's view: the common fields filled from the page, the kind's given.
pub(crate) fn base_view(
    ctx: &Ctx<'_>,
    page: &Page,
    kind: &'static str,
    body: KindView,
) -> PageView {
    let mut v = PageView::new(
        kind,
        page.title.clone(),
        page.url.clone(),
        ctx.absolute(&page.url),
        body,
    );
    v.summary = page.front.summary.clone();
    v.internal = page.access == Access::Internal;
    v.draft = page.front.draft;
    v.breadcrumbs = ctx.breadcrumbs(&page.url);
    v
}

/// The fields of a page with a body of its own: date, tags, contents, downloads.
pub(crate) fn document_view(
    ctx: &Ctx<'_>,
    page: &Page,
    toc: Vec<markdown::TocEntry>,
    attachments: Vec<DownloadView>,
) -> DocumentView {
    DocumentView {
        date: page
            .date
            .map(|d| crate::render::views::DateView::new(d, ctx.config.digits)),
        tags: page
            .front
            .tags
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| crate::render::views::LinkView {
                title: t.trim().to_owned(),
                url: files::encode_path(&ctx.corpus.tag_url(t)),
            })
            .collect(),
        toc_html: crate::render::views::toc_html(&toc),
        toc,
        attachments,
    }
}
