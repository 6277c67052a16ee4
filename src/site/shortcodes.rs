//! Rendering the shortcodes of a page: tables and charts, downloads, QR codes,
//! deadlines and internal links. Each returns its HTML or a problem that becomes
//! an error at the shortcode's line.

use std::path::Path;

use chrono::NaiveDate;

use super::Ctx;
use super::page::{
    PageResult, download_at, file_name, normalize_page_url, out_dir, resolve_file, short_io,
    target_access,
};
use crate::content::{Access, Page};
use crate::diag::Diagnostic;
use crate::files;
use crate::markdown::{Shortcode, escape};
use crate::options::Audience;
use crate::render::views::DownloadView;
use crate::tables::{self, TableContext};
use crate::thai;

/// A shortcode problem: the message and what to do about it.
type Problem = (String, &'static str);

/// One shortcode call being rendered.
struct Call<'c, 'a> {
    ctx: &'c Ctx<'a>,
    page: &'c Page,
    sc: &'c Shortcode,
}

impl Call<'_, '_> {
    fn arg(&self, k: &str) -> &str {
        self.sc.arg(k).unwrap_or_default()
    }
}

/// The HTML of one shortcode; problems go to `res` as errors at its line.
pub(super) fn expand(ctx: &Ctx<'_>, page: &Page, sc: &Shortcode, res: &mut PageResult) -> String {
    let call = Call { ctx, page, sc };
    let out = match sc.name.as_str() {
        "table" | "chart" => table_or_chart(&call, res),
        "download" => Ok(download(&call, res)),
        "qr" => qr(&call, res),
        "deadline" => Ok(deadline(&call)),
        "internal_link" => internal_link(&call),
        "gallery" => Ok(super::photos::gallery(ctx, page, sc, res)),
        other => Err((format!("shortcode `{other}` is not implemented"), "")),
    };
    out.unwrap_or_else(|(msg, hint)| {
        let mut d = Diagnostic::error(&page.path, sc.line, sc.col, msg).with_source(&page.text);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        res.diags.push(d);
        String::new()
    })
}

fn table_or_chart(call: &Call<'_, '_>, res: &mut PageResult) -> Result<String, Problem> {
    let (ctx, name, src) = (call.ctx, call.sc.name.as_str(), call.arg("src"));
    let Some((abs, shown)) = resolve_file(ctx, call.page, src) else {
        return Err((
            format!("shortcode `{name}`: `{src}` is not a path inside the site"),
            "give a path relative to the page, e.g. src=\"budget.yaml\"",
        ));
    };
    let text = std::fs::read_to_string(&abs).map_err(|e| {
        (
            format!(
                "shortcode `{name}`: cannot read `{}`: {}",
                shown.display(),
                short_io(&e)
            ),
            "check the file name; it is relative to the page's folder",
        )
    })?;
    let tctx = TableContext {
        districts: &ctx.config.districts,
        digits: ctx.config.digits,
    };
    let Some(table) = tables::load(&text, &shown, &tctx, &mut res.diags) else {
        return Ok(String::new()); // its problems are already reported at their YAML lines
    };
    if name == "table" {
        res.tables += 1;
        let stem = Path::new(src)
            .file_stem()
            .map_or_else(|| "table".into(), |s| s.to_string_lossy().into_owned());
        let csv_name = format!("{stem}.csv");
        let rel = format!("{}{}", out_dir(&call.page.url), csv_name);
        ctx.sink
            .write(&rel, &table.to_csv())
            .map_err(|e| (format!("cannot write `{rel}`: {e}"), ""))?;
        return Ok(table.to_html(&files::encode_path(&csv_name), ctx.config.digits));
    }
    let marks: Vec<f64> = call
        .arg("marks")
        .split(',')
        .filter_map(thai::parse_number)
        .collect();
    let svg = table
        .chart_svg(call.arg("value"), &marks, ctx.config.digits)
        .map_err(|msg| (format!("shortcode `chart`: {msg}"), ""))?;
    let title = call.sc.arg("title").unwrap_or(table.title());
    // The caption says what is plotted: the column, and what the dashed lines mark.
    let label = table.column_label(call.arg("value")).unwrap_or_default();
    let shown_marks: Vec<String> = marks
        .iter()
        .filter(|m| m.is_finite() && **m > 0.0)
        .map(|m| {
            let n = thai::apply_digits(&tables::raw_number(*m), ctx.config.digits);
            format!("{n}{}", table.column_unit(call.arg("value")))
        })
        .collect();
    let mut what = format!("ความยาวแท่งคือ “{label}” ของแต่ละแถวในตาราง");
    if !shown_marks.is_empty() {
        what.push_str(&format!(" เส้นประแสดงระดับ {}", shown_marks.join(" ")));
    }
    // Focusable so a chart that still overflows can scroll by keyboard.
    Ok(format!(
        "<figure class=\"chart\" tabindex=\"0\" aria-label=\"{}\">{svg}<figcaption>{}<span class=\"chart-what\">{}</span></figcaption></figure>",
        escape(&format!("แผนภูมิ: {title}")),
        escape(title),
        escape(&what)
    ))
}

fn download(call: &Call<'_, '_>, res: &mut PageResult) -> String {
    let file = call.arg("file");
    let title = call
        .sc
        .arg("title")
        .map_or_else(|| file_name(file), str::to_owned);
    download_at(
        call.ctx,
        call.page,
        file,
        &title,
        (call.sc.line, call.sc.col),
        res,
    )
    .map(|d| download_html(&d, call.sc.block))
    .unwrap_or_default()
}

/// A download: a link that opens the file (a PDF opens in the browser), its type and
/// size, a separate control that saves it, and a QR code for paper. On a line of its
/// own it is a block; inside running text it stays phrasing content (spans, no
/// `<div>` or `<figure>` inside the paragraph), and its QR code shows only in print.
fn download_html(d: &DownloadView, block: bool) -> String {
    let (url, title) = (escape(&d.url), escape(&d.title));
    let meta = escape(&format!("{} {}", d.kind, d.size));
    let save = format!(
        "<a class=\"download-save\" href=\"{url}\" download aria-label=\"ดาวน์โหลด {title}\">ดาวน์โหลด</a>"
    );
    if block {
        format!(
            "<div class=\"download\"><a class=\"download-link\" href=\"{url}\">{title}</a> <span class=\"file-meta\">{meta}</span> {save}<figure class=\"qr\">{}<figcaption>{title}</figcaption></figure></div>",
            d.qr_svg
        )
    } else {
        format!(
            "<span class=\"download download-inline\"><a class=\"download-link\" href=\"{url}\">{title}</a> <span class=\"file-meta\">({meta})</span> {save}<span class=\"qr qr-inline\">{}<span class=\"qr-caption\">{title}</span></span></span>",
            d.qr_svg
        )
    }
}

fn qr(call: &Call<'_, '_>, res: &mut PageResult) -> Result<String, Problem> {
    let (ctx, page) = (call.ctx, call.page);
    let (url, label) = if let Some(u) = call.sc.arg("url") {
        (u.to_owned(), call.sc.arg("caption").unwrap_or(u).to_owned())
    } else {
        let target = normalize_page_url(call.arg("page"));
        match target_access(ctx, &target) {
            None => {
                return Err((
                    format!(
                        "shortcode `qr`: the page `{}` does not exist",
                        call.arg("page")
                    ),
                    "use a site path such as page=\"/contests/fabric-2563/\"",
                ));
            }
            Some(Access::Internal) if page.access == Access::Public => {
                return Err((
                    format!(
                        "shortcode `qr`: this public page points to the internal page `{target}`"
                    ),
                    "internal pages are staff-only; link them only from internal pages",
                ));
            }
            Some(_) => {}
        }
        if !ctx.corpus.by_url.contains_key(&target) {
            return Ok(String::new());
        }
        (
            ctx.absolute(&target),
            call.sc.arg("caption").unwrap_or(&target).to_owned(),
        )
    };
    let svg = crate::qr::svg(&url, &label)
        .map_err(|msg| (format!("shortcode `qr`: {msg}"), "shorten the URL"))?;
    res.qr_codes += 1;
    Ok(format!(
        "<figure class=\"qr\">{svg}<figcaption>{}</figcaption></figure>",
        escape(&label)
    ))
}

fn deadline(call: &Call<'_, '_>) -> String {
    // A bad date was reported when the page was scanned.
    let Some(d): Option<NaiveDate> = thai::parse_date(call.arg("date")) else {
        return String::new();
    };
    format!(
        "<mark class=\"deadline\" title=\"{}\"><time datetime=\"{}\">{}</time></mark>",
        escape(call.arg("task")),
        d.format("%Y-%m-%d"),
        escape(&thai::format_date(d, call.ctx.config.digits))
    )
}

fn internal_link(call: &Call<'_, '_>) -> Result<String, Problem> {
    let target = normalize_page_url(call.arg("page"));
    if target_access(call.ctx, &target).is_none() {
        return Err((
            format!(
                "shortcode `internal_link`: the page `{}` does not exist",
                call.arg("page")
            ),
            "",
        ));
    }
    if call.ctx.audience == Audience::Public {
        return Ok(String::new());
    }
    Ok(format!(
        "<a class=\"internal-link\" href=\"{}\">{}</a>",
        escape(&files::encode_path(&target)),
        escape(call.arg("title"))
    ))
}
