//! Rendering the shortcodes of a page: tables and charts, downloads, QR codes,
//! deadlines and internal links. Each returns its HTML or a problem that becomes
//! an error at the shortcode's line; page targets of `qr(page=…)` and `internal_link`
//! are reported by the check stage (`site::check::shortcodes`), not here.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Ctx;
use super::PageResult;
use super::downloads::{download_at, file_name};
use crate::content::Page;
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::files;
use crate::markdown::{Shortcode, escape};
use crate::messages;
use crate::options::Audience;
use crate::render::views::DownloadView;
use crate::site::check::links::{normalize_page_url, target_access};
use crate::site::check::refs::RefError;
use crate::site::check::shortcodes::{internal_link_problem, qr_page_problem};
use crate::site::write::out_dir;
use crate::source::Span;
use crate::tables::{self, TableContext};
use crate::thai;

/// A shortcode problem: the message and what to do about it.
struct Problem {
    msg: Msg,
    hint: Msg,
}

impl<M: Into<Msg>, H: Into<Msg>> From<(M, H)> for Problem {
    fn from((msg, hint): (M, H)) -> Self {
        Self {
            msg: msg.into(),
            hint: hint.into(),
        }
    }
}

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
        "gallery" => Ok(crate::site::assets::gallery(ctx, page, sc, res)),
        other => Err((
            messages::shortcode_not_implemented(other),
            messages::shortcode_not_implemented_help(),
        )
            .into()),
    };
    out.unwrap_or_else(|Problem { msg, hint }| {
        res.diags
            .push(Diagnostic::error_at(&page.text(), Span::at(sc.at), msg).with_hint(hint));
        String::new()
    })
}

fn table_or_chart(call: &Call<'_, '_>, res: &mut PageResult) -> Result<String, Problem> {
    let (ctx, name, src) = (call.ctx, call.sc.name.as_str(), call.arg("src"));
    let fref = match crate::site::check::refs::use_file(ctx, call.page, src) {
        Ok(f) => f,
        Err(RefError::Missing { shown }) => {
            return Err((
                messages::shortcode_file_missing(name, &crate::diag::slash(&shown)),
                messages::file_name_help(),
            )
                .into());
        }
        Err(RefError::Refused { msg, help }) => {
            let at = Span::at(call.sc.at);
            res.diags.push(crate::site::check::refs::refused_diag(
                call.page, at, msg, help,
            ));
            return Ok(String::new());
        }
    };
    let shown = fref.shown;
    let text = std::fs::read_to_string(&fref.abs).map_err(|e| {
        (
            messages::shortcode_cannot_read(
                name,
                &crate::diag::slash(&shown),
                &messages::io_reason(&e),
            ),
            messages::file_name_help(),
        )
    })?;
    let tctx = TableContext {
        districts: &ctx.config.districts,
    };
    let Some(table) = load_table(&text, &shown, &tctx, &mut res.diags) else {
        return Ok(String::new()); // its problems are already reported at their YAML lines
    };
    if name == "table" {
        res.tables += 1;
        let stem = Path::new(src)
            .file_stem()
            .map_or_else(|| "table".into(), |s| s.to_string_lossy().into_owned());
        let csv_name = format!("{stem}.csv");
        let rel = format!("{}{}", out_dir(&call.page.url), csv_name);
        let (html, csv) = &*table_files(&table, &files::encode_path(&csv_name), ctx.config.digits);
        ctx.sink.write(&rel, csv).map_err(|e| {
            (
                messages::cannot_write_output(&rel, &e.root_cause().to_string()),
                messages::io_help(),
            )
        })?;
        return Ok(html.clone());
    }
    let marks: Vec<f64> = call
        .arg("marks")
        .split(',')
        .filter_map(thai::parse_number)
        .collect();
    let svg = table
        .chart_svg(call.arg("value"), &marks, ctx.config.digits)
        .map_err(|msg| (msg, messages::chart_help()))?;
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
    let what = messages::chart_reading(label, &shown_marks);
    // Focusable so a chart that still overflows can scroll by keyboard.
    Ok(format!(
        "<figure class=\"chart\" tabindex=\"0\" aria-label=\"{}\">{svg}<figcaption>{}<span class=\"chart-what\">{}</span></figcaption></figure>",
        escape(&messages::chart_label(title)),
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
    download_at(call.ctx, call.page, file, &title, Span::at(call.sc.at), res)
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
        "<a class=\"download-save\" href=\"{url}\" download aria-label=\"{DOWNLOAD} {title}\">{DOWNLOAD}</a>",
        DOWNLOAD = messages::DOWNLOAD
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
    let ctx = call.ctx;
    let (url, label) = if let Some(u) = call.sc.arg("url") {
        let Some(url) = qr_url(call, u)? else {
            return Ok(String::new()); // a page of the other audience only
        };
        (url, call.sc.arg("caption").unwrap_or(u).to_owned())
    } else {
        let target = normalize_page_url(call.arg("page"));
        // A missing page, or one this page may not point to, was reported by the check stage.
        if qr_page_problem(ctx.corpus, call.page, &target, call.arg("page")).is_some()
            || !ctx.corpus.by_url.contains_key(&target)
        {
            return Ok(String::new());
        }
        (
            ctx.absolute(&target),
            call.sc.arg("caption").unwrap_or(&target).to_owned(),
        )
    };
    let svg = crate::qr::svg(&url, &label)
        .map_err(|msg| (messages::shortcode_qr(&msg), messages::qr_shorten_help()))?;
    res.qr_codes += 1;
    Ok(format!(
        "<figure class=\"qr\">{svg}<figcaption>{}</figcaption></figure>",
        escape(&label)
    ))
}

/// A page the QR code points to must exist, and a public page may not point to an internal one.
fn page_access_ok(call: &Call<'_, '_>, target: &str, written: &str) -> Result<(), Problem> {
    match qr_page_problem(call.ctx.corpus, call.page, target, written) {
        Some(problem) => Err(problem.into()),
        None => Ok(()),
    }
}

/// The address a `qr(url=…)` encodes: an absolute `http(s)` URL as written; a path
/// relative to the page, or a site path, that names a page or file of the site, as its
/// absolute URL. `None` when the page exists only for the other audience.
fn qr_url(call: &Call<'_, '_>, written: &str) -> Result<Option<String>, Problem> {
    let u = written.trim();
    let lower = u.to_ascii_lowercase();
    let has_host = |rest: &str| !rest.split(['/', '?', '#']).next().unwrap_or("").is_empty();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        && has_host(rest)
        && !u.contains(char::is_whitespace)
    {
        return Ok(Some(u.to_owned()));
    }
    let refused = || {
        Problem::from((
            messages::qr_url_refused(written),
            messages::qr_url_refused_help(),
        ))
    };
    if u.is_empty() || u.starts_with("//") || u.contains(':') {
        return Err(refused());
    }
    let Some(path) = crate::site::check::links::site_path(&call.page.url, u) else {
        return Err(refused());
    };
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        if call.ctx.file_exists(&path) {
            return Ok(Some(call.ctx.absolute(&path)));
        }
    } else {
        let target = normalize_page_url(&path);
        if target_access(call.ctx.corpus, &target).is_some() {
            page_access_ok(call, &target, written)?;
            return Ok(call
                .ctx
                .corpus
                .by_url
                .contains_key(&target)
                .then(|| call.ctx.absolute(&target)));
        }
    }
    Err((
        messages::qr_url_not_found(written, &path),
        messages::qr_url_not_found_help(),
    )
        .into())
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
    // A missing page was reported by the check stage.
    if internal_link_problem(call.ctx.corpus, call.arg("page")).is_some()
        || call.ctx.audience == Audience::Public
    {
        return Ok(String::new());
    }
    Ok(format!(
        "<a class=\"internal-link\" href=\"{}\">{}</a>",
        escape(&files::encode_path(&target)),
        escape(call.arg("title"))
    ))
}

/// The last table this thread read: its file's text and name, the districts it was checked
/// against, what loading it gave (the table, or nothing) and the diagnostics it raised.
struct LastTable {
    text: String,
    shown: PathBuf,
    districts: Vec<String>,
    table: Option<std::rc::Rc<tables::Table>>,
    diags: Diagnostics,
}

thread_local! {
    static LAST_TABLE: std::cell::RefCell<Option<LastTable>> =
        const { std::cell::RefCell::new(None) };
}

/// A table's HTML (with its CSV link) and its CSV, made once for the thread's last table:
/// the next audience's render of the page gets the same bytes. The key holds the table
/// itself, so it is the same table, not another at the same address.
fn table_files(
    table: &std::rc::Rc<tables::Table>,
    csv_href: &str,
    digits: crate::thai::Digits,
) -> std::rc::Rc<(String, Vec<u8>)> {
    type Key = (std::rc::Rc<tables::Table>, String, crate::thai::Digits);
    type Files = std::rc::Rc<(String, Vec<u8>)>;
    thread_local! {
        static LAST_FILES: std::cell::RefCell<Option<(Key, Files)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST_FILES.with(|cell| {
        let mut last = cell.borrow_mut();
        if let Some(((t, href, d), files)) = last.as_ref()
            && std::rc::Rc::ptr_eq(t, table)
            && href == csv_href
            && *d == digits
        {
            return files.clone();
        }
        let files = std::rc::Rc::new((table.to_html(csv_href, digits), table.to_csv()));
        *last = Some(((table.clone(), csv_href.to_owned(), digits), files.clone()));
        files
    })
}

/// [`tables::load`], remembered for the thread's last file: a page renders for each
/// audience in turn on one thread (and a table and its chart name the same file), so the
/// second reading of the same text is the first one's result and diagnostics, not a
/// second YAML parse. The text read and the districts (`site.yaml`, which `wara serve`
/// may reload) are compared whole: a change of either in between reads anew.
fn load_table(
    text: &str,
    shown: &Path,
    tctx: &TableContext<'_>,
    diags: &mut Diagnostics,
) -> Option<std::rc::Rc<tables::Table>> {
    LAST_TABLE.with(|cell| {
        let mut last = cell.borrow_mut();
        if let Some(l) = last.as_ref()
            && l.text == text
            && l.shown == shown
            && l.districts == tctx.districts
        {
            diags.extend(l.diags.clone());
            return l.table.clone();
        }
        let mut own = Diagnostics::new();
        let table = tables::load(text, shown, tctx, &mut own).map(std::rc::Rc::new);
        diags.extend(own.clone());
        *last = Some(LastTable {
            text: text.to_owned(),
            shown: shown.to_owned(),
            districts: tctx.districts.to_vec(),
            table: table.clone(),
            diags: own,
        });
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_read_again_with_other_districts_is_checked_again() {
        let text = "title: t\ncolumns:\n  - {key: d, label: อำเภอ, type: district}\nrows:\n  - {d: บ้านหมี่}\n";
        let shown = Path::new("content/t.yaml");
        let with = |districts: &[String]| {
            let mut d = Diagnostics::new();
            let table = load_table(text, shown, &TableContext { districts }, &mut d);
            (table.is_some(), d.error_count())
        };
        let lopburi = vec!["เมืองลพบุรี".to_owned(), "บ้านหมี่".to_owned()];
        let other = vec!["เมืองลพบุรี".to_owned()];
        let first = with(&lopburi);
        assert_eq!(
            first,
            with(&lopburi),
            "the same text and districts: the same result"
        );
        assert_ne!(
            with(&other).1,
            first.1,
            "another district list is checked anew"
        );
        assert_eq!(with(&lopburi), first);
    }
}
