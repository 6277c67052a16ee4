//! Rendering one content page: shortcodes expanded (tables, charts, downloads,
//! QR codes, deadlines), Markdown rendered, links checked, bundle files copied,
//! the template applied and the file written.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::Ctx;
use crate::content::{Access, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files;
use crate::markdown::{self, Shortcode, escape};
use crate::options::Audience;
use crate::render::views::{DownloadView, PageView};
use crate::tables::{self, TableContext};
use crate::thai;

/// Counts one page contributes to the build summary, and its search entry.
#[derive(Debug, Default)]
pub struct PageResult {
    pub diags: Diagnostics,
    pub tables: usize,
    pub qr_codes: usize,
    pub plain: String,
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
        expanded.push(expand(ctx, page, sc, res));
    }
    let rendered = markdown::render(page.body(), page.body_line, &page.shortcodes, &expanded);
    check_links(ctx, page, &rendered.links, &mut res.diags);
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

fn expand(ctx: &Ctx<'_>, page: &Page, sc: &Shortcode, res: &mut PageResult) -> String {
    let arg = |k: &str| sc.arg(k).unwrap_or_default();
    match sc.name.as_str() {
        "table" | "chart" => {
            let Some((abs, shown)) = resolve_file(ctx, page, arg("src")) else {
                return fail(
                    res,
                    page,
                    sc,
                    format!(
                        "shortcode `{}`: `{}` is not a path inside the site",
                        sc.name,
                        arg("src")
                    ),
                    "give a path relative to the page, e.g. src=\"budget.yaml\"",
                );
            };
            let text = match std::fs::read_to_string(&abs) {
                Ok(t) => t,
                Err(e) => {
                    return fail(
                        res,
                        page,
                        sc,
                        format!(
                            "shortcode `{}`: cannot read `{}`: {}",
                            sc.name,
                            shown.display(),
                            short_io(&e)
                        ),
                        "check the file name; it is relative to the page's folder",
                    );
                }
            };
            let tctx = TableContext {
                districts: &ctx.config.districts,
                digits: ctx.config.digits,
            };
            let Some(table) = tables::load(&text, &shown, &tctx, &mut res.diags) else {
                return String::new();
            };
            if sc.name == "table" {
                res.tables += 1;
                let stem = Path::new(arg("src"))
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "table".into());
                let csv_name = format!("{stem}.csv");
                let rel = format!("{}{}", out_dir(&page.url), csv_name);
                if let Err(e) = ctx.sink.write(&rel, &table.to_csv()) {
                    return fail(res, page, sc, format!("cannot write `{rel}`: {e}"), "");
                }
                table.to_html(&files::encode_path(&csv_name), ctx.config.digits)
            } else {
                let marks: Vec<f64> = arg("marks")
                    .split(',')
                    .filter_map(thai::parse_number)
                    .collect();
                match table.chart_svg(arg("value"), &marks, ctx.config.digits) {
                    Ok(svg) => {
                        let title = sc.arg("title").unwrap_or(table.title());
                        format!(
                            "<figure class=\"chart\" tabindex=\"0\" aria-label=\"{}\">{svg}<figcaption>{}</figcaption></figure>",
                            escape(&format!("แผนภูมิ: {title}")),
                            escape(title)
                        )
                    }
                    Err(msg) => fail(res, page, sc, format!("shortcode `chart`: {msg}"), ""),
                }
            }
        }
        "download" => {
            let title = sc
                .arg("title")
                .map(str::to_owned)
                .unwrap_or_else(|| file_name(arg("file")));
            download_at(ctx, page, arg("file"), &title, (sc.line, sc.col), res)
                .map(|d| download_html(&d))
                .unwrap_or_default()
        }
        "qr" => {
            let (url, label) = if let Some(u) = sc.arg("url") {
                (u.to_owned(), sc.arg("caption").unwrap_or(u).to_owned())
            } else {
                let target = normalize_page_url(arg("page"));
                match target_access(ctx, &target) {
                    None => {
                        return fail(
                            res,
                            page,
                            sc,
                            format!("shortcode `qr`: the page `{}` does not exist", arg("page")),
                            "use a site path such as page=\"/contests/fabric-2563/\"",
                        );
                    }
                    Some(Access::Internal) if page.access == Access::Public => {
                        return fail(
                            res,
                            page,
                            sc,
                            format!(
                                "shortcode `qr`: this public page points to the internal page `{target}`"
                            ),
                            "internal pages are staff-only; link them only from internal pages",
                        );
                    }
                    Some(_) => {}
                }
                if !ctx.corpus.by_url.contains_key(&target) {
                    return String::new();
                }
                (
                    files::absolute_url(&ctx.base_url, &files::encode_path(&target)),
                    sc.arg("caption").unwrap_or(&target).to_owned(),
                )
            };
            match crate::qr::svg(&url, &label) {
                Ok(svg) => {
                    res.qr_codes += 1;
                    format!(
                        "<figure class=\"qr\">{svg}<figcaption>{}</figcaption></figure>",
                        escape(&label)
                    )
                }
                Err(msg) => fail(
                    res,
                    page,
                    sc,
                    format!("shortcode `qr`: {msg}"),
                    "shorten the URL",
                ),
            }
        }
        "deadline" => match thai::parse_date(arg("date")) {
            Some(d) => deadline_html(d, arg("task"), ctx),
            None => String::new(), // reported when the page was scanned
        },
        "internal_link" => {
            let target = normalize_page_url(arg("page"));
            if target_access(ctx, &target).is_none() {
                return fail(
                    res,
                    page,
                    sc,
                    format!(
                        "shortcode `internal_link`: the page `{}` does not exist",
                        arg("page")
                    ),
                    "",
                );
            }
            if ctx.audience == Audience::Public {
                String::new()
            } else {
                format!(
                    "<a class=\"internal-link\" href=\"{}\">{}</a>",
                    escape(&files::encode_path(&target)),
                    escape(arg("title"))
                )
            }
        }
        other => fail(
            res,
            page,
            sc,
            format!("shortcode `{other}` is not implemented"),
            "",
        ),
    }
}

fn fail(res: &mut PageResult, page: &Page, sc: &Shortcode, msg: String, hint: &str) -> String {
    let mut d = Diagnostic::error(&page.path, sc.line, sc.col, msg).with_source(&page.text);
    if !hint.is_empty() {
        d = d.with_hint(hint);
    }
    res.diags.push(d);
    String::new()
}

fn deadline_html(d: NaiveDate, task: &str, ctx: &Ctx<'_>) -> String {
    format!(
        "<mark class=\"deadline\" title=\"{}\"><time datetime=\"{}\">{}</time></mark>",
        escape(task),
        d.format("%Y-%m-%d"),
        escape(&thai::format_date(d, ctx.config.digits))
    )
}

fn download_html(d: &DownloadView) -> String {
    format!(
        "<div class=\"download\"><a class=\"download-link\" href=\"{}\" download>{}</a> <span class=\"file-meta\">{} {}</span><figure class=\"qr\">{}<figcaption>{}</figcaption></figure></div>",
        escape(&d.url),
        escape(&d.title),
        escape(&d.kind),
        escape(&d.size),
        d.qr_svg,
        escape(&d.title)
    )
}

fn short_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => e.to_string(),
    }
}

fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_owned())
}

/// A path from content, relative to the page folder (or to `content/` when it
/// starts with `/`): the absolute file and the root-relative path for messages.
/// `None` when it would leave the site.
fn resolve_file(ctx: &Ctx<'_>, page: &Page, rel: &str) -> Option<(PathBuf, PathBuf)> {
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
fn download_at(
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
    let absolute_url = files::absolute_url(&ctx.base_url, &url);
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

/// Copy a bundle's own files (not Markdown or data YAML, not nested bundles).
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
        {
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
fn target_access(ctx: &Ctx<'_>, url: &str) -> Option<Access> {
    if super::GENERATED_PAGES.contains(&url) {
        return Some(Access::Public);
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
        files::absolute_url(&ctx.base_url, &files::encode_path(&page.url)),
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
