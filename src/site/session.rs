//! A loaded site kept in memory: `build` renders it once; `serve` keeps it and,
//! when one page changes, reloads that file and re-renders only that page and
//! what lists it (sections, archive, home, neighbours, feeds, calendar, search).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::output::{Output, Prune, Sink};
use super::{Ctx, SearchEntry, listings, log_time, render_page, today};
use crate::config::Config;
use crate::content::load::{self, Reload};
use crate::content::{Corpus, Kind, Page};
use crate::diag::Diagnostics;
use crate::options::Audience;
use crate::render::Theme;
use crate::render::views::SiteView;

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub pages: usize,
    pub tables: usize,
    pub qr_codes: usize,
}

/// A site loaded once and kept for rebuilds.
pub struct Session {
    pub root: PathBuf,
    pub config: Config,
    theme: Theme,
    pages: Vec<Page>,
    base_url: Option<String>,
    /// Drafts are kept (`wara serve`); never in a build.
    include_drafts: bool,
    search: BTreeMap<Audience, BTreeMap<String, SearchEntry>>,
    asset_version: String,
    /// URLs of content files that failed to load.
    unloaded: Vec<String>,
    /// The audience whose render names the bundle files left unpublished: the
    /// last one built, which has seen every reference (internal pages use files too).
    pub warn_unpublished_in: Audience,
}

/// What a change to some files asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Update {
    /// Re-render these pages (and what lists them).
    Pages(Vec<String>),
    /// Load and render everything again.
    Full,
    /// The changed files have errors: nothing to render.
    Failed,
}

impl Session {
    /// Read `site.yaml`, the theme and every page. `None` when the configuration
    /// or the theme is unusable; content errors go to `diags` and the page is left out.
    pub fn open(root: &Path, base_url: Option<String>, diags: &mut Diagnostics) -> Option<Session> {
        Self::open_with(root, base_url, false, diags)
    }

    /// [`Session::open`], with drafts kept (marked ฉบับร่าง) when `include_drafts`
    /// is true: `wara serve` only.
    pub fn open_with(
        root: &Path,
        base_url: Option<String>,
        include_drafts: bool,
        diags: &mut Diagnostics,
    ) -> Option<Session> {
        let config = super::read_config(root, diags)?;
        let t = Instant::now();
        let (pages, unloaded) = load::load_all(root, config.digits, include_drafts, diags);
        log_time("load content", t);
        let theme = Theme::load(root, config.digits, diags)?;
        let asset_version = theme.asset_version();
        Some(Session {
            root: root.to_path_buf(),
            config,
            theme,
            pages,
            base_url,
            include_drafts,
            search: BTreeMap::new(),
            asset_version,
            unloaded,
            warn_unpublished_in: Audience::Internal,
        })
    }

    fn base_url(&self, audience: Audience) -> String {
        let b = match (&self.base_url, audience) {
            (Some(b), _) => b.clone(),
            (None, Audience::Internal) => self
                .config
                .internal_base_url
                .clone()
                .unwrap_or_else(|| self.config.base_url.clone()),
            (None, Audience::Public) => self.config.base_url.clone(),
        };
        b.trim_end_matches('/').to_owned()
    }

    fn ctx<'s>(
        &'s self,
        corpus: &'s Corpus<'s>,
        audience: Audience,
        sink: &'s Sink,
    ) -> anyhow::Result<Ctx<'s>> {
        let base_url = self.base_url(audience);
        let config = &self.config;
        let today = today();
        let site_view = SiteView {
            title: &config.title,
            title_en: config.title_en.as_deref(),
            description: config.description.as_deref(),
            base_url: &base_url,
            language: &config.language,
            audience: audience.dir_name(),
            internal: audience == Audience::Internal,
            menu: &config.menu,
            today: today.format("%Y-%m-%d").to_string(),
            asset_version: self.asset_version.clone(),
            digits: config.digits,
        };
        Ok(Ctx {
            root: &self.root,
            config,
            corpus,
            audience,
            site: tera::to_value(&site_view)?,
            id: super::next_ctx_id(),
            base_url,
            theme: &self.theme,
            sink,
            today,
            deadlines: std::sync::OnceLock::new(),
            content: std::fs::canonicalize(self.root.join("content"))
                .unwrap_or_else(|_| self.root.join("content")),
            referenced: std::sync::Mutex::default(),
        })
    }

    /// Render every page and derived file of one audience into `sink`.
    pub fn render_all(
        &mut self,
        audience: Audience,
        sink: &Sink,
        diags: &mut Diagnostics,
    ) -> anyhow::Result<Stats> {
        let corpus = load::corpus_for(&self.pages, &self.unloaded, audience);
        let ctx = self.ctx(&corpus, audience, sink)?;
        let (stats, entries) = render_pages(&ctx, &corpus.pages, diags);
        let warn = audience == self.warn_unpublished_in;
        super::refs::sweep_bundles(&ctx, &corpus.pages, warn, diags);
        let index: BTreeMap<String, SearchEntry> =
            entries.into_iter().map(|e| (e.url.clone(), e)).collect();
        let t = Instant::now();
        let extra = write_derived(&ctx, &index, diags)?;
        super::copy_static(&ctx, diags)?;
        for d in sink.collisions() {
            diags.push(d);
        }
        log_time("listings, feeds, static", t);
        drop(ctx);
        drop(corpus);
        self.search.insert(audience, index);
        Ok(Stats {
            pages: stats.pages + extra,
            ..stats
        })
    }

    /// Reload changed files. Only Markdown edits of existing pages are done in
    /// place; anything else (config, theme, new or removed files) asks for `Full`.
    pub fn update(&mut self, files: &[PathBuf], diags: &mut Diagnostics) -> Update {
        let content = self.root.join("content");
        let mut urls = BTreeSet::new();
        for f in files {
            // Outside content/, a folder, or a file that is gone: start again.
            if !f.starts_with(&content) || f.is_dir() || !f.exists() {
                return Update::Full;
            }
            if f.extension().is_some_and(|e| e == "md") {
                match load::reload_one(&self.root, &mut self.pages, f, self.include_drafts, diags) {
                    Reload::Replaced(url) => {
                        urls.insert(url);
                    }
                    Reload::Failed => return Update::Failed,
                    Reload::NeedsFull => return Update::Full,
                }
            } else {
                // A table, image or download: re-render the pages of its folder.
                let dir = f.parent().unwrap_or(&content);
                let owners: Vec<String> = self
                    .pages
                    .iter()
                    .filter(|p| p.dir == dir || dir.starts_with(&p.dir) && p.is_bundle)
                    .map(|p| p.url.clone())
                    .collect();
                if owners.is_empty() {
                    return Update::Full;
                }
                urls.extend(owners);
            }
        }
        Update::Pages(urls.into_iter().collect())
    }

    /// Re-render `urls` and everything that lists them, writing into `sink`.
    pub fn render_changed(
        &mut self,
        audience: Audience,
        sink: &Sink,
        urls: &[String],
        diags: &mut Diagnostics,
    ) -> anyhow::Result<()> {
        let mut index = self.search.remove(&audience).unwrap_or_default();
        let t = Instant::now();
        let corpus = load::corpus_for(&self.pages, &self.unloaded, audience);
        log_time("corpus", t);
        let ctx = self.ctx(&corpus, audience, sink)?;
        let affected = affected(&corpus, urls);
        let pages: Vec<&Page> = affected.iter().filter_map(|u| corpus.get(u)).collect();
        let (_, entries) = render_pages(&ctx, &pages, diags);
        super::refs::sweep_bundles(&ctx, &pages, false, diags);
        for e in entries {
            index.insert(e.url.clone(), e);
        }
        index.retain(|u, _| corpus.by_url.contains_key(u));
        let t = Instant::now();
        let result = write_derived(&ctx, &index, diags);
        log_time("derived files", t);
        drop(ctx);
        drop(corpus);
        self.search.insert(audience, index);
        result.map(|_| ())
    }
}

/// A changed page and the pages that list it or link to it as a neighbour.
fn affected(corpus: &Corpus<'_>, urls: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert("/".to_owned());
    for url in urls {
        out.insert(url.clone());
        let mut acc = String::from("/");
        for seg in url.trim_matches('/').split('/').filter(|s| !s.is_empty()) {
            out.insert(acc.clone());
            acc.push_str(seg);
            acc.push('/');
        }
        if let Some(p) = corpus.get(url) {
            if p.kind == Kind::Minutes
                && let Some(i) = corpus.minutes_position(p)
            {
                let all = corpus.minutes();
                for j in [i.wrapping_sub(1), i + 1] {
                    if let Some(n) = all.get(j) {
                        out.insert(n.url.clone());
                    }
                }
            }
            if p.kind == Kind::Contest {
                out.insert("/contests/".to_owned());
            }
        }
    }
    out
}

fn render_pages(
    ctx: &Ctx<'_>,
    pages: &[&Page],
    diags: &mut Diagnostics,
) -> (Stats, Vec<SearchEntry>) {
    let t = Instant::now();
    // The search index stays near 1.5 M characters (about 4 MB of Thai) whatever
    // the site's size, so phones can load it: whole
    // pages for a small site, their openings for a large one.
    let per_page = (1_500_000 / ctx.corpus.pages.len().max(1)).clamp(150, 60_000);
    let results: Vec<_> = pages
        .par_iter()
        .map(|p| {
            let mut r = render_page(ctx, p);
            let entry = SearchEntry::new(&p.title, &p.url, p.date, &r.sections, per_page);
            // Keep only the index's share of the text: memory stays flat with site size.
            r.sections = Vec::new();
            (r, entry)
        })
        .collect();
    let (mut tables, mut qr) = (0, 0);
    let mut entries = Vec::with_capacity(results.len());
    for (r, e) in results {
        diags.extend(r.diags);
        tables += r.tables;
        qr += r.qr_codes;
        entries.push(e);
    }
    log_time("render pages", t);
    let stats = Stats {
        pages: pages.len(),
        tables,
        qr_codes: qr,
    };
    (stats, entries)
}

fn write_derived(
    ctx: &Ctx<'_>,
    index: &BTreeMap<String, SearchEntry>,
    diags: &mut Diagnostics,
) -> anyhow::Result<usize> {
    let extra = listings::write_special_pages(ctx, diags);
    let entries: Vec<&SearchEntry> = index.values().collect();
    super::feeds::write_all(ctx, &entries, diags)?;
    Ok(extra)
}

/// The builds of `wara serve`: a full staged build at first and whenever a change
/// needs one; an edit of an existing page re-renders only what it affects and
/// merges those files into the live output. A file with errors keeps its last
/// good version served, and its errors are reported until it is fixed.
#[derive(Default)]
pub struct Incremental {
    session: Option<Session>,
    /// Errors of files changed since the last full build, by file.
    failing: BTreeMap<PathBuf, Diagnostics>,
}

impl Incremental {
    pub fn new() -> Self {
        Self::default()
    }

    /// Build `opts` (one audience); `changed` is `None` for a full build.
    pub fn build(
        &mut self,
        opts: &super::BuildOptions,
        changed: Option<&[PathBuf]>,
    ) -> anyhow::Result<super::BuildOutcome> {
        let start = Instant::now();
        let audience = opts
            .audiences
            .first()
            .copied()
            .unwrap_or(Audience::Internal);
        let (Some(files), Some(session)) = (changed, self.session.as_mut()) else {
            return self.full(opts, audience, start);
        };
        let mut diags = Diagnostics::new();
        let urls = match session.update(files, &mut diags) {
            Update::Full => return self.full(opts, audience, start),
            Update::Failed => {
                for f in files {
                    self.failing.insert(f.clone(), diags.clone());
                }
                return Ok(super::BuildOutcome::Failed(self.all_failing()));
            }
            Update::Pages(urls) => urls,
        };
        for f in files {
            self.failing.remove(f);
        }
        let (output, sinks) = Output::open(&opts.out, &[audience.dir_name()])?;
        let sink = sinks
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no output sink"))?;
        session.render_changed(audience, &sink, &urls, &mut diags)?;
        if diags.has_errors() {
            drop(output); // discards what was staged
            for f in files {
                self.failing.insert(f.clone(), diags.clone());
            }
            return Ok(super::BuildOutcome::Failed(self.all_failing()));
        }
        let files_written = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], Prune::Keep)?;
        if !self.failing.is_empty() {
            return Ok(super::BuildOutcome::Failed(self.all_failing()));
        }
        let report = super::BuildReport {
            pages: urls.len(),
            files: files_written,
            elapsed: start.elapsed(),
            warnings: diags,
            ..Default::default()
        };
        Ok(super::BuildOutcome::Built(report))
    }

    fn all_failing(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        for d in self.failing.values() {
            all.extend(d.clone());
        }
        all
    }

    fn full(
        &mut self,
        opts: &super::BuildOptions,
        audience: Audience,
        start: Instant,
    ) -> anyhow::Result<super::BuildOutcome> {
        self.failing.clear();
        let mut diags = Diagnostics::new();
        // As `build`: render even when some pages have errors, so the overlay lists them all.
        let Some(mut session) = Session::open_with(
            &opts.root,
            opts.base_url.clone(),
            opts.include_drafts,
            &mut diags,
        ) else {
            self.session = None;
            return Ok(super::BuildOutcome::Failed(diags));
        };
        session.warn_unpublished_in = audience;
        let (output, sinks) = Output::open(&opts.out, &[audience.dir_name()])?;
        let sink = sinks
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no output sink"))?;
        let stats = session.render_all(audience, &sink, &mut diags)?;
        if diags.has_errors() {
            drop(output); // discards what was staged
            self.session = None;
            return Ok(super::BuildOutcome::Failed(diags));
        }
        let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], Prune::Stale)?;
        self.session = Some(session);
        let report = super::BuildReport {
            pages: stats.pages,
            tables: stats.tables,
            qr_codes: stats.qr_codes,
            files,
            elapsed: start.elapsed(),
            warnings: diags,
        };
        Ok(super::BuildOutcome::Built(report))
    }
}
