//! The build, as a chain of stages (data in → data out):
//!
//! 1. [`load`]: `site.yaml`, the theme and `content/` → a [`Session`] (every page, sections
//!    with their access, shortcodes and body links found), and per audience the `Corpus` it sees.
//! 2. [`check`]: whole-site checks over the corpus → diagnostics: page links, their audience
//!    and the pages shortcodes name, before render; file references and which page owns a
//!    bundle file still as pages render (see the module).
//! 3. [`render`]: one audience's corpus → pages, listings, feeds, sitemap, calendar and
//!    search index, handed one by one to the sink.
//! 4. [`assets`]: files that are copied or processed rather than rendered — static files and
//!    photos (renditions through `crate::images`, with its cache).
//! 5. [`write`]: the sink, the only writer: files staged, then committed into the output
//!    only when the whole build succeeded.
//!
//! Every output is deterministic (sorted, no clock but `today`).

pub(crate) mod assets;
pub(crate) mod check;
pub(crate) mod load;
pub(crate) mod render;
pub(crate) mod write;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::CONFIG_FILE;
use crate::diag::Diagnostics;
use crate::options::{Audience, BuildOptions};
pub(crate) use load::Session;
use write::{Output, Sink};

/// What a successful build did, for the one-line summary.
#[derive(Debug, Clone, Default)]
pub(crate) struct BuildReport {
    pub(crate) pages: usize,
    pub(crate) tables: usize,
    pub(crate) qr_codes: usize,
    pub(crate) files: usize,
    pub(crate) elapsed: Duration,
    /// Warnings (errors make the build fail instead).
    pub(crate) warnings: Diagnostics,
}

impl BuildReport {
    /// `built 45 pages, 14 tables, 31 QR codes, 120 files in 0.42 s`
    pub(crate) fn summary(&self) -> String {
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
pub(crate) enum BuildOutcome {
    Built(BuildReport),
    Failed(Diagnostics),
}

/// With `WARA_TIMINGS=1`, print how long a stage took (after zola's `log_time`).
pub(crate) fn log_time(stage: &str, since: Instant) {
    if std::env::var_os("WARA_TIMINGS").is_some() {
        eprintln!(
            "timing: {stage:<24} {:>8.1} ms{}",
            since.elapsed().as_secs_f64() * 1000.0,
            memory_now()
        );
    }
}

/// The process's resident memory now and at its peak (Linux: `/proc/self/status`), for
/// `WARA_TIMINGS`; empty elsewhere.
fn memory_now() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |k| k / 1024)
    };
    format!(
        "  rss {:>5} MiB, peak {:>5} MiB{}",
        kib("VmRSS:"),
        kib("VmHWM:"),
        cpu_now()
    )
}

/// The CPU time the process has used so far, user and system, all threads (Linux:
/// `/proc/self/stat`, in clock ticks of 10 ms), for `WARA_TIMINGS`: a stage's CPU against
/// its wall time says how well it uses the cores. Empty elsewhere.
fn cpu_now() -> String {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return String::new();
    };
    // After the command name, which is in parentheses and may hold spaces: fields 3 on.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    // utime and stime are fields 14 and 15, so 11 and 12 here.
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(u), Some(s)) => format!(", cpu {:>6} ms", (u + s) * 10),
        _ => String::new(),
    }
}

/// With `WARA_TIMINGS=1`, print a count (photos decoded by this build).
fn log_count(what: &str, n: usize) {
    if std::env::var_os("WARA_TIMINGS").is_some() {
        eprintln!("timing: {what:<24} {n:>8}");
    }
}

/// The date "today" for open contests and upcoming deadlines: `WARA_TODAY`
/// (YYYY-MM-DD) when set, so builds can be reproduced; otherwise the local date.
pub(crate) fn today() -> NaiveDate {
    std::env::var("WARA_TODAY")
        .ok()
        .and_then(|s| crate::thai::parse_date(&s))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Build the site. `Err` is an environment failure (IO, permissions); content
/// problems are `Ok(BuildOutcome::Failed)`. Output goes to `opts.out/<audience>/`,
/// swapped in only when every audience built.
pub(crate) fn build(opts: &BuildOptions) -> anyhow::Result<BuildOutcome> {
    let start = Instant::now();
    if !opts.root.join(CONFIG_FILE).is_file() {
        // Not a content error: wara was started in the wrong folder (exit 2).
        anyhow::bail!("{}", crate::messages::no_site_yaml(&opts.root));
    }
    // The output folder first: a folder of someone else's is refused before any work.
    let (output, staged) = if opts.dry_run {
        (None, opts.audiences.iter().map(|_| Sink::dry()).collect())
    } else {
        write::check_location(&opts.root, &opts.out)?;
        let names: Vec<&str> = opts.audiences.iter().map(|a| a.dir_name()).collect();
        let (output, sinks) = Output::open(&opts.out, &names)?;
        (Some(output), sinks)
    };
    let mut diags = Diagnostics::new();
    let decoded_before = crate::images::decoded();
    // Render even when some pages had errors, so one run reports every problem
    // (missing tables, downloads, links) and not just the first kind; nothing is
    // committed unless the whole build is clean (dropping `output` discards it all).
    let Some(mut session) = Session::for_one_build(opts, &mut diags) else {
        return Ok(BuildOutcome::Failed(diags));
    };
    if let Some(&last) = opts.audiences.last() {
        session.warn_unpublished_in = last;
    }
    let mut report = BuildReport::default();
    let targets: Vec<(Audience, &Sink)> = opts.audiences.iter().copied().zip(&staged).collect();
    for (stats, _) in session.render_all(&targets, &mut diags)? {
        report.pages = report.pages.max(stats.pages);
        report.tables = report.tables.max(stats.tables);
        report.qr_codes = report.qr_codes.max(stats.qr_codes);
    }
    for sink in &staged {
        report.files += sink.files.load(Ordering::Relaxed);
    }
    if diags.has_errors() {
        return Ok(BuildOutcome::Failed(diags));
    }
    let t = Instant::now();
    if let Some(o) = output {
        o.commit(staged, write::Prune::Stale)?;
    }
    log_time("commit output", t);
    log_count("photos decoded", crate::images::decoded() - decoded_before);
    report.elapsed = start.elapsed();
    report.warnings = diags;
    Ok(BuildOutcome::Built(report))
}
