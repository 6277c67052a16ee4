//! The build: load → render (pages in parallel) → stage the files that changed
//! → commit them into the output only when the whole build succeeded. Listings,
//! feeds, calendar and search come from the same corpus. Every output is
//! deterministic (sorted, no clock but `today`).

pub mod feeds;
pub mod kinds;
pub mod listings;
pub mod output;
pub mod page;
mod photos;
pub mod refs;
pub mod search;
pub mod session;
mod shortcodes;

use std::fs;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tera::Context;

use crate::config::{CONFIG_FILE, Config};
use crate::content::{Corpus, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::options::{Audience, BuildOptions};
use crate::render::Theme;
use crate::render::views::{LinkView, PageView};
use output::{Output, Sink};
use page::PageResult;
pub use search::SearchEntry;
pub use session::Session;

/// What a successful build did, for the one-line summary.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub tables: usize,
    pub qr_codes: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Warnings (errors make the build fail instead).
    pub warnings: Diagnostics,
}

impl BuildReport {
    /// `built 45 pages, 14 tables, 31 QR codes, 120 files in 0.42 s`
    pub fn summary(&self) -> String {
        format!(
            "built {} pages, {} tables, {} QR codes, {} files in {:.2} s",
            self.pages,
            self.tables,
            self.qr_codes,
            self.files,
            self.elapsed.as_secs_f64()
        )
    }
}

/// A build either succeeds or fails on content errors (each with file and line).
#[derive(Debug)]
pub enum BuildOutcome {
    Built(BuildReport),
    Failed(Diagnostics),
}

/// With `WARA_TIMINGS=1`, print how long a stage took (after zola's `log_time`).
fn log_time(stage: &str, since: Instant) {
    if std::env::var_os("WARA_TIMINGS").is_some() {
        eprintln!(
            "timing: {stage:<24} {:>8.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// With `WARA_TIMINGS=1`, print a count (photos decoded by this build).
fn log_count(what: &str, n: usize) {
    if std::env::var_os("WARA_TIMINGS").is_some() {
        eprintln!("timing: {what:<24} {n:>8}");
    }
}

/// Pages wara makes itself, beside the content pages.
pub const GENERATED_PAGES: &[&str] = &["/deadlines/", "/search/", "/tags/"];

/// Everything rendering one audience needs.
pub struct Ctx<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub corpus: &'a Corpus<'a>,
    pub audience: Audience,
    pub base_url: String,
    pub theme: &'a Theme,
    pub sink: &'a Sink,
    pub today: NaiveDate,
    site: tera::Value,
    /// This render's id, for the per-thread Tera context (see `write_page`).
    id: u64,
    /// Every deadline of the corpus, gathered on first use (see `listings::deadline_entries`).
    deadlines: std::sync::OnceLock<Vec<listings::DeadlineEntry<'a>>>,
    /// `content/` with every symlink resolved: referenced files must stay inside it.
    pub content: std::path::PathBuf,
    /// Files pages referred to in this render (resolved paths), see `refs`.
    pub referenced: std::sync::Mutex<std::collections::BTreeSet<std::path::PathBuf>>,
}

impl Ctx<'_> {
    /// Links from the home page down to the parent of `url`.
    pub fn breadcrumbs(&self, url: &str) -> Vec<LinkView> {
        let segs = crate::content::segments(url);
        (0..segs.len())
            .map(|n| {
                segs[..n]
                    .iter()
                    .fold(String::from("/"), |acc, s| format!("{acc}{s}/"))
            })
            .filter_map(|prefix| {
                self.corpus.get(&prefix).map(|p| LinkView {
                    title: p.title.clone(),
                    url: prefix,
                })
            })
            .collect()
    }

    /// The absolute URL of a site path for this audience (`base_url` + the path,
    /// percent-encoded): permalinks, feeds, sitemap, calendar and QR payloads.
    pub fn absolute(&self, site_path: &str) -> String {
        crate::files::absolute_url(&self.base_url, &crate::files::encode_path(site_path))
    }

    /// Does a site path (decoded, starting with `/`) name a file the output will have?
    pub fn file_exists(&self, path: &str) -> bool {
        let rel = path.trim_start_matches('/');
        const GENERATED: &[&str] = &[
            "feed.xml",
            "sitemap.xml",
            "deadlines.ics",
            "search-index.json",
            "404.html",
            "robots.txt",
        ];
        GENERATED.contains(&rel)
            || self.theme.static_files.contains_key(rel)
            || self.root.join("static").join(rel).is_file()
            || self.root.join("content").join(rel).is_file()
    }

    /// Render a view with a template and write it at the page's URL.
    ///
    /// Per page, only the view is serialized: the site-wide `site` value goes into a
    /// per-thread Tera context once per render (see [`Scratch`]), the page's HTML and QR
    /// code are moved into the context rather than copied, and the template renders into
    /// a per-thread buffer that is written out and reused.
    pub fn write_page(
        &self,
        template: &str,
        mut view: PageView,
        source: &Path,
        diags: &mut Diagnostics,
    ) {
        let content = std::mem::take(&mut view.content);
        let qr_svg = view.qr_svg.take();
        let mut value = match tera::to_value(&view) {
            Ok(v) => v,
            Err(e) => {
                diags.push(Diagnostic::error(
                    source,
                    crate::messages::render_failed(template, &e.to_string()),
                ));
                return;
            }
        };
        if let tera::Value::Object(map) = &mut value {
            map.insert("content".into(), tera::Value::String(content));
            map.insert(
                "qr_svg".into(),
                qr_svg.map_or(tera::Value::Null, tera::Value::String),
            );
        }
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            if scratch.ctx_id != self.id {
                let mut context = Context::new();
                context.insert("site", &self.site);
                scratch.context = context;
                scratch.ctx_id = self.id;
            }
            // Moved in, not serialized again: `extend` appends the map's values.
            let mut page = serde_json::Map::new();
            page.insert("page".into(), value);
            if let Ok(page) = Context::from_value(tera::Value::Object(page)) {
                scratch.context.extend(page);
            }
            scratch.html.clear();
            let rendered =
                self.theme
                    .render_to(template, &scratch.context, &mut scratch.html, source);
            // Drop the page's values now, not when the thread renders its next page.
            scratch.context.remove("page");
            match rendered {
                Ok(()) => {
                    if let Err(e) = self.sink.write_from(
                        &output::page_file(&view.url),
                        &scratch.html,
                        Some(source),
                    ) {
                        diags.push(
                            Diagnostic::error(
                                source,
                                crate::messages::page_not_written(&e.root_cause().to_string()),
                            )
                            .with_hint(crate::messages::io_help()),
                        );
                    }
                }
                Err(d) => diags.push(*d),
            }
        });
    }
}

/// Per-thread state reused across the pages a thread renders: the Tera context holding
/// the site-wide `site` value of one render (`ctx_id`), and the HTML buffer.
struct Scratch {
    ctx_id: u64,
    context: Context,
    html: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch {
        ctx_id: 0,
        context: Context::new(),
        html: Vec::new(),
    });
}

/// Ids of `Ctx` values (never 0), so a thread's cached context is never one of another render.
static NEXT_CTX_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

pub(crate) fn next_ctx_id() -> u64 {
    NEXT_CTX_ID.fetch_add(1, Ordering::Relaxed)
}

/// The date "today" for open contests and upcoming deadlines: `WARA_TODAY`
/// (YYYY-MM-DD) when set, so builds can be reproduced; otherwise the local date.
pub fn today() -> NaiveDate {
    std::env::var("WARA_TODAY")
        .ok()
        .and_then(|s| crate::thai::parse_date(&s))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Build the site. `Err` is an environment failure (IO, permissions); content
/// problems are `Ok(BuildOutcome::Failed)`. Output goes to `opts.out/<audience>/`,
/// swapped in only when every audience built.
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildOutcome> {
    let start = Instant::now();
    if !opts.root.join(CONFIG_FILE).is_file() {
        // Not a content error: wara was started in the wrong folder (exit 2).
        anyhow::bail!("{}", crate::messages::no_site_yaml(&opts.root));
    }
    // The output folder first: a folder of someone else's is refused before any work.
    let (output, staged) = if opts.dry_run {
        (None, opts.audiences.iter().map(|_| Sink::dry()).collect())
    } else {
        output::check_location(&opts.root, &opts.out)?;
        let names: Vec<&str> = opts.audiences.iter().map(|a| a.dir_name()).collect();
        let (output, sinks) = Output::open(&opts.out, &names)?;
        (Some(output), sinks)
    };
    let mut diags = Diagnostics::new();
    let decoded_before = crate::images::decoded();
    // Render even when some pages had errors, so one run reports every problem
    // (missing tables, downloads, links) and not just the first kind; nothing is
    // committed unless the whole build is clean (dropping `output` discards it all).
    let Some(mut session) = Session::open_with(
        &opts.root,
        opts.base_url.clone(),
        opts.include_drafts,
        &mut diags,
    ) else {
        return Ok(BuildOutcome::Failed(diags));
    };
    if let Some(&last) = opts.audiences.last() {
        session.warn_unpublished_in = last;
    }
    let mut report = BuildReport::default();
    for (&audience, sink) in opts.audiences.iter().zip(&staged) {
        let stats = session.render_all(audience, sink, &mut diags)?;
        report.pages = report.pages.max(stats.0);
        report.tables = report.tables.max(stats.1);
        report.qr_codes = report.qr_codes.max(stats.2);
        report.files += sink.files.load(Ordering::Relaxed);
    }
    if diags.has_errors() {
        return Ok(BuildOutcome::Failed(diags));
    }
    let t = Instant::now();
    if let Some(o) = output {
        o.commit(staged, true)?;
    }
    log_time("commit output", t);
    log_count("photos decoded", crate::images::decoded() - decoded_before);
    report.elapsed = start.elapsed();
    report.warnings = diags;
    Ok(BuildOutcome::Built(report))
}

fn read_config(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, diags),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    crate::messages::cannot_read_site_yaml(root, &crate::diag::io_error(&e)),
                )
                .with_hint(crate::messages::cannot_read_site_yaml_help()),
            );
            None
        }
    }
}

fn render_page(ctx: &Ctx<'_>, page: &Page) -> PageResult {
    let mut res = PageResult::default();
    let mut body = page::render_body(ctx, page, &mut res);
    res.sections = std::mem::take(&mut body.rendered.sections);
    if let (Some(summary), Some(first)) = (&page.front.summary, res.sections.first_mut()) {
        first.text = format!("{summary}\n{}", first.text);
    }
    let (template, kind) = template_for(page);
    let mut view = page::base_view(ctx, page, kind);
    view.content = body.rendered.html;
    view.toc = body.rendered.toc;
    view.attachments = body.attachments;
    match page.kind {
        Kind::Minutes => {
            view.minutes = Some(kinds::minutes_view(ctx, page, body.rendered.resolutions));
            page_qr(&page.path, &mut view, &mut res);
        }
        Kind::Contest => {
            view.contest = Some(kinds::contest_view(ctx, page));
            page_qr(&page.path, &mut view, &mut res);
        }
        Kind::Section => listings::fill_section(ctx, page, &mut view),
        Kind::Page => {}
    }
    ctx.write_page(template, view, &page.path, &mut res.diags);
    res
}

/// The page's own QR code (its absolute URL), for paper copies.
fn page_qr(source: &Path, view: &mut PageView, res: &mut PageResult) {
    match crate::qr::svg(&view.permalink, &format!("QR code: {}", view.title)) {
        Ok(svg) => {
            view.qr_svg = Some(svg);
            res.qr_codes += 1;
        }
        Err(msg) => res.diags.push(
            Diagnostic::warning(source, crate::messages::page_qr_missing(&view.url, &msg))
                .with_hint(crate::messages::qr_shorten_help()),
        ),
    }
}

fn template_for(page: &Page) -> (&'static str, &'static str) {
    match page.kind {
        Kind::Minutes => ("minutes.html", "minutes"),
        Kind::Contest => ("contest.html", "contest"),
        Kind::Page => ("page.html", "page"),
        Kind::Section => {
            let segs: Vec<&str> = crate::content::segments(&page.url);
            match segs.as_slice() {
                [] => ("index.html", "home"),
                ["minutes"] => ("minutes_archive.html", "section"),
                ["minutes", _] => ("minutes_year.html", "section"),
                ["contests"] => ("contests.html", "section"),
                _ => ("section.html", "section"),
            }
        }
    }
}

fn copy_static(ctx: &Ctx<'_>, diags: &mut Diagnostics) -> anyhow::Result<()> {
    for (rel, file) in &ctx.theme.static_files {
        match file {
            crate::render::StaticFile::Embedded(bytes) => ctx.sink.write(rel, bytes)?,
            crate::render::StaticFile::Disk(p) => ctx.sink.copy(rel, p)?,
        }
    }
    let dir = ctx.root.join("static");
    let mut own = Vec::new();
    // Never wara's own output, staging or preview folders (an output folder
    // once kept in static/ would republish the internal site); `.well-known/` stays.
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let skip = e.depth() > 0 && e.file_type().is_dir() && output::is_own_folder(e.path());
            if skip {
                own.push(e.path().to_path_buf());
            }
            !skip
        });
    for entry in walker.flatten() {
        if !entry.file_type().is_file() || output::is_own_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if let Err(e) = ctx.sink.copy(&rel, entry.path()) {
            diags.push(
                Diagnostic::error(
                    Path::new("static").join(&rel),
                    crate::messages::static_not_copied(&e.root_cause().to_string()),
                )
                .with_hint(crate::messages::io_help()),
            );
        }
    }
    for path in own {
        let shown = Path::new("static").join(path.strip_prefix(&dir).unwrap_or(&path));
        diags.push(
            Diagnostic::warning(shown, crate::messages::skipped_own_folder())
                .with_hint(crate::messages::skipped_own_folder_help()),
        );
    }
    Ok(())
}
