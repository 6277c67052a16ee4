//! Files a page offers: downloads (the `download` shortcode, `attachments`, `documents`)
//! published beside the page and described (type, size, QR code), and the resolution of a
//! file a page refers to.

use std::path::Path;

use serde_saphyr::Spanned;

use super::{Ctx, PageResult};
use crate::content::{FrontMatter, Page};
use crate::diag::Diagnostic;
use crate::files;
use crate::messages;
use crate::render::views::DownloadView;
use crate::site::check::links::folder_listing;
use crate::site::check::refs::{self, RefError};
use crate::source::{SourceFile, Span};

pub(crate) fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_owned())
}

/// A download named in the front matter (`own`, the page's, read from `text`).
pub(super) fn download(
    ctx: &Ctx<'_>,
    page: &Page,
    (own, text): (&FrontMatter, &SourceFile),
    file: &Spanned<String>,
    title: &str,
    res: &mut PageResult,
) -> Option<DownloadView> {
    download_at(ctx, page, &file.value, title, own.span(text, file), res)
}

/// Copy a download into the page's output folder and describe it (type, size, QR).
pub(crate) fn download_at(
    ctx: &Ctx<'_>,
    page: &Page,
    file: &str,
    title: &str,
    at: Span,
    res: &mut PageResult,
) -> Option<DownloadView> {
    let fref = match refs::use_file(ctx, page, file) {
        Ok(f) => f,
        Err(RefError::Missing { shown }) => {
            res.diags.push(
                Diagnostic::error_at(
                    &page.text(),
                    at,
                    messages::missing_download(file, &crate::diag::slash(&shown)),
                )
                .with_hint(folder_listing(&ctx.root.join(&shown), &shown)),
            );
            return None;
        }
        Err(RefError::Refused { msg, help }) => {
            res.diags.push(refs::refused_diag(page, at, msg, help));
            return None;
        }
    };
    let info = match files::describe(&fref.abs) {
        Ok(i) => i,
        Err(e) => {
            res.diags.push(
                Diagnostic::error_at(
                    &page.text(),
                    at,
                    messages::cannot_read_file(file, &messages::io_reason(&e)),
                )
                .with_hint(messages::io_help()),
            );
            return None;
        }
    };
    let rel = refs::output_path(page, &fref);
    if let Err(e) = refs::publish(ctx, &rel, &fref) {
        res.diags.push(
            Diagnostic::error_at(
                &page.text(),
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
                Diagnostic::error_at(&page.text(), at, messages::qr_for_file(file, &msg))
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
