//! Stage 3, render: one audience's corpus → every output file (content pages through their
//! templates, listings, tags, deadlines, Atom feed, sitemap, calendar, search index, robots.txt),
//! each handed to the sink as it is made. Pages render in parallel.

pub(crate) mod deadlines;
mod downloads;
pub(crate) mod feeds;
pub(crate) mod kinds;
pub(crate) mod listings;
pub(crate) mod page;
pub(crate) mod search;
mod shortcodes;
pub(crate) mod tags;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Context;

use super::assets::StaticFiles;
use super::write::{self as output, Sink};
use super::{Session, log_time, today};
use crate::config::Config;
use crate::content::{Corpus, Kind, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::options::Audience;
use crate::render::Theme;
use crate::render::views::{
    ContestPageView, KindView, LinkView, MinutesPageView, PageView, SiteView,
};
use search::SearchEntry;

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stats {
    pub(crate) pages: usize,
    pub(crate) tables: usize,
    pub(crate) qr_codes: usize,
}

/// Counts one page contributes to the build summary, and its search entry.
#[derive(Debug, Default)]
pub(crate) struct PageResult {
    pub(crate) diags: Diagnostics,
    pub(crate) tables: usize,
    pub(crate) qr_codes: usize,
    pub(crate) sections: Vec<crate::markdown::PlainSection>,
}

/// The search entries of the pages rendered, by URL (`wara serve` keeps them between renders).
pub(crate) type SearchIndex = BTreeMap<String, SearchEntry>;

/// The derived outputs an incremental render re-makes (`wara serve` decides from the corpus
/// which of them show what changed); a full render makes them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DerivedSet {
    /// `/deadlines/`.
    pub(crate) deadlines: bool,
    /// Tag pages, by URL.
    pub(crate) tag_pages: BTreeSet<String>,
    /// `/tags/`, the index of tags with their counts.
    pub(crate) tag_index: bool,
    /// Derived files by name (`feed.xml`, `sitemap.xml`, see `feeds::DERIVED`).
    pub(crate) files: BTreeSet<&'static str>,
}

/// What an incremental render makes again: pages by URL, and derived outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rerender {
    pub(crate) pages: BTreeSet<String>,
    pub(crate) derive: Derive,
}

/// The search index's file name (one of `feeds::DERIVED`).
pub(crate) const SEARCH_INDEX: &str = "search-index.json";

/// Every derived output, or only some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Derive {
    All,
    Only(DerivedSet),
}

impl Derive {
    /// Everything, or what `wanted` says of the set.
    fn has(&self, wanted: impl FnOnce(&DerivedSet) -> bool) -> bool {
        match self {
            Derive::All => true,
            Derive::Only(s) => wanted(s),
        }
    }

    fn deadlines(&self) -> bool {
        self.has(|s| s.deadlines)
    }

    fn tag_page(&self, url: &str) -> bool {
        self.has(|s| s.tag_pages.contains(url))
    }

    fn tag_index(&self) -> bool {
        self.has(|s| s.tag_index)
    }

    fn file(&self, name: &str) -> bool {
        self.has(|s| s.files.contains(name))
    }
}

/// Pages wara makes itself, beside the content pages: a link to one is a link to a page.
pub(crate) const GENERATED_PAGES: &[&str] =
    &[listings::DEADLINES, listings::SEARCH, listings::TAGS];

/// Is `rel` (an output path, no leading `/`) a file wara makes itself: a derived file
/// (feed, sitemap, calendar, search index, robots.txt) or the 404 page?
fn generated_file(rel: &str) -> bool {
    feeds::DERIVED.iter().any(|d| d.name == rel) || rel == output::page_file(listings::NOT_FOUND)
}

/// Everything rendering one audience needs. Its fields are the render stage's own; the
/// check and asset stages, which still run as pages render, read it through the methods below.
pub(crate) struct Ctx<'a> {
    root: &'a Path,
    config: &'a Config,
    corpus: &'a Corpus<'a>,
    audience: Audience,
    base_url: String,
    theme: &'a Theme,
    /// The site's `static/` files, as listed by the load stage.
    static_files: &'a StaticFiles,
    sink: &'a Sink,
    today: NaiveDate,
    site: tera::Value,
    /// This render's id, for the per-thread Tera context (see `write_page`).
    id: u64,
    /// Every deadline of the corpus, gathered on first use (see `deadlines::deadline_entries`).
    deadlines: std::sync::OnceLock<Vec<deadlines::DeadlineEntry<'a>>>,
    /// The tags and their pages, grouped on first use (see `tags::tags`).
    tags: std::sync::OnceLock<std::collections::BTreeMap<String, tags::TagGroup<'a>>>,
    /// `content/` with every symlink resolved: referenced files must stay inside it.
    content: std::path::PathBuf,
    /// Files pages referred to in this render (resolved paths), see `refs`.
    referenced: std::sync::Mutex<std::collections::BTreeSet<std::path::PathBuf>>,
    /// The search index was written as the pages rendered (a build, see [`Entries`]): the
    /// derived files leave it out.
    search_streamed: bool,
}

impl<'a> Ctx<'a> {
    /// The site's root folder.
    pub(crate) fn root(&self) -> &'a Path {
        self.root
    }

    pub(crate) fn config(&self) -> &'a Config {
        self.config
    }

    /// What this render's audience sees.
    pub(crate) fn corpus(&self) -> &'a Corpus<'a> {
        self.corpus
    }

    /// Where this render's files go.
    pub(crate) fn sink(&self) -> &'a Sink {
        self.sink
    }

    /// `content/` with every symlink resolved: referenced files must stay inside it.
    pub(crate) fn content_dir(&self) -> &Path {
        &self.content
    }

    /// Files pages referred to in this render (resolved paths), see `check::refs`.
    pub(crate) fn referenced(
        &self,
    ) -> &std::sync::Mutex<std::collections::BTreeSet<std::path::PathBuf>> {
        &self.referenced
    }

    /// Links from the home page down to the parent of `url`.
    pub(crate) fn breadcrumbs(&self, url: &str) -> Vec<LinkView> {
        crate::content::ancestors(url)
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
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        crate::files::absolute_url(&self.base_url, &crate::files::encode_path(site_path))
    }

    /// Does a site path (decoded, starting with `/`) name a file the output will have: one
    /// wara makes, a static file of the theme or of the site (as listed by the load stage),
    /// or a file under `content/`? The last still looks at the disk: the corpus does not list
    /// bundle files yet.
    pub(crate) fn file_exists(&self, path: &str) -> bool {
        let rel = path.trim_start_matches('/');
        generated_file(rel)
            || self.theme.static_files.contains_key(rel)
            || self.static_files.contains(rel)
            || self.root.join("content").join(rel).is_file()
    }

    /// Render a view with a template and write it at the page's URL.
    ///
    /// Per page, only the view is serialized: the site-wide `site` value goes into a
    /// per-thread Tera context once per render (see [`Scratch`]), the page's HTML and QR
    /// code are moved into the context rather than copied, and the template renders into
    /// a per-thread buffer that is written out and reused.
    pub(crate) fn write_page(
        &self,
        template: &str,
        mut view: PageView,
        source: &Path,
        diags: &mut Diagnostics,
    ) {
        let content = std::mem::take(&mut view.content);
        let qr_svg = view.qr_svg.take();
        let Some(mut value) = self.page_value(template, &view, source, diags) else {
            return;
        };
        if let tera::Value::Object(map) = &mut value {
            map.insert("content".into(), tera::Value::String(content));
            map.insert(
                "qr_svg".into(),
                qr_svg.map_or(tera::Value::Null, tera::Value::String),
            );
        }
        self.write_value(template, value, &view.url, source, false, diags);
    }

    /// A page's view as the template sees it (without `content` and `qr_svg`, see
    /// [`Ctx::write_page`]).
    pub(crate) fn page_value(
        &self,
        template: &str,
        view: &PageView,
        source: &Path,
        diags: &mut Diagnostics,
    ) -> Option<tera::Value> {
        match tera::to_value(view) {
            Ok(v) => Some(v),
            Err(e) => {
                diags.push(Diagnostic::error(
                    source,
                    crate::messages::render_failed(template, &e.to_string()),
                ));
                None
            }
        }
    }

    /// Render a page's value (see [`Ctx::page_value`]) with a template and write it at
    /// `url`: through the thread's buffer, or, for a listing that may be large (`streamed`),
    /// straight into the sink, so that its HTML is never whole in memory.
    pub(crate) fn write_value(
        &self,
        template: &str,
        value: tera::Value,
        url: &str,
        source: &Path,
        streamed: bool,
        diags: &mut Diagnostics,
    ) {
        let not_written = |e: anyhow::Error| {
            Diagnostic::error(
                source,
                crate::messages::page_not_written(&e.root_cause().to_string()),
            )
            .with_hint(crate::messages::io_help())
        };
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
            let rel = output::page_file(url);
            let written = if streamed {
                match self.sink.create_from(&rel, Some(source)) {
                    Ok(mut file) => {
                        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut file);
                        let rendered =
                            self.theme
                                .render_to(template, &scratch.context, &mut buffered, source);
                        // A write error is the file's: `finish` reports it.
                        let _ = std::io::Write::flush(&mut buffered);
                        drop(buffered);
                        match rendered {
                            // The render stopped because the file could not be written: say that.
                            Err(_) if file.has_failed() => Ok(file.finish()),
                            r => r.map(|()| file.finish()),
                        }
                    }
                    Err(e) => Ok(Err(e)),
                }
            } else {
                scratch.html.clear();
                self.theme
                    .render_to(template, &scratch.context, &mut scratch.html, source)
                    .map(|()| self.sink.write_from(&rel, &scratch.html, Some(source)))
            };
            // Drop the page's values now, not when the thread renders its next page.
            scratch.context.remove("page");
            match written {
                Ok(Ok(())) => {}
                Ok(Err(e)) => diags.push(not_written(e)),
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

impl Session {
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
            id: next_ctx_id(),
            base_url,
            theme: &self.theme,
            static_files: &self.static_files,
            sink,
            today,
            deadlines: std::sync::OnceLock::new(),
            tags: std::sync::OnceLock::new(),
            content: std::fs::canonicalize(self.root.join("content"))
                .unwrap_or_else(|_| self.root.join("content")),
            referenced: std::sync::Mutex::default(),
            search_streamed: false,
        })
    }

    /// The corpus one audience sees.
    pub(crate) fn corpus(&self, audience: Audience) -> Corpus<'_> {
        self.shape(audience).corpus(&self.pages)
    }

    /// Check (stage 2, [`super::check::check`]) and render every page and derived file of
    /// each audience into its sink; gives each audience's counts and search entries.
    ///
    /// Pages render once for all audiences: each page for every audience that sees it, in
    /// turn on one thread, so what does not depend on the audience (a table's file, read
    /// and computed) is made once (see `shortcodes::load_table`). Then each audience's
    /// derived files, one audience after the other (side by side, the two audiences'
    /// listings would be in memory at once: +26 % peak RSS at 1,584 pages).
    pub(crate) fn render_all(
        &self,
        targets: &[(Audience, &Sink)],
        diags: &mut Diagnostics,
    ) -> anyhow::Result<Vec<(Stats, SearchIndex)>> {
        let t = Instant::now();
        let corpora: Vec<Corpus<'_>> = targets.iter().map(|&(a, _)| self.corpus(a)).collect();
        for corpus in &corpora {
            diags.extend(super::check::check(corpus, &corpus.pages));
        }
        log_time("corpus and checks", t);
        let mut ctxs = targets
            .iter()
            .zip(&corpora)
            .map(|(&(audience, sink), corpus)| self.ctx(corpus, audience, sink))
            .collect::<anyhow::Result<Vec<Ctx<'_>>>>()?;
        // A build writes each search index as its pages render; `wara serve`, whose sink
        // keeps hashes, keeps the entries for its next render.
        let streamed = targets.iter().all(|(_, sink)| !sink.keeps_hashes());
        let mut entries = Vec::with_capacity(ctxs.len());
        for ctx in &mut ctxs {
            ctx.search_streamed = streamed;
            entries.push(if streamed {
                Entries::streamed(ctx.sink)?
            } else {
                Entries::Kept(Vec::new())
            });
        }
        let rendered = render_pages_for_each(&ctxs, entries, diags);
        // Each page rendered once: its QR code is no use to the derived files and goes now
        // (15 MiB at 30,000 pages). `wara serve`, whose sink keeps hashes, renders again in
        // this process and keeps the codes.
        if streamed {
            crate::qr::clear_cache();
        }
        let mut finished: Vec<anyhow::Result<(Stats, SearchIndex, Diagnostics)>> = Vec::new();
        for (ctx, (stats, entries)) in ctxs.iter().zip(rendered) {
            let kept = match entries {
                Entries::Kept(kept) => kept,
                Entries::Streamed(stream) => {
                    search::finish_stream(*stream)?;
                    Vec::new()
                }
            };
            finished.push(self.finish(ctx, stats, kept));
        }
        let mut out = Vec::with_capacity(finished.len());
        for f in finished {
            let (stats, index, d) = f?;
            diags.extend(d);
            out.push((stats, index));
        }
        Ok(out)
    }

    /// After its pages: an audience's bundle sweep, derived files and static files.
    fn finish(
        &self,
        ctx: &Ctx<'_>,
        stats: Stats,
        entries: Vec<SearchEntry>,
    ) -> anyhow::Result<(Stats, SearchIndex, Diagnostics)> {
        let mut diags = Diagnostics::new();
        let t = Instant::now();
        let warn = ctx.audience == self.warn_unpublished_in;
        super::check::refs::sweep_bundles(ctx, &ctx.corpus.pages, warn, &mut diags);
        log_time("bundle sweep", t);
        let index: SearchIndex = entries.into_iter().map(|e| (e.url.clone(), e)).collect();
        let t = Instant::now();
        let extra = write_derived(ctx, &index, &Derive::All, &mut diags)?;
        log_time("listings and feeds", t);
        let t = Instant::now();
        super::assets::copy_static(&self.theme, &self.static_files, ctx.sink, &mut diags)?;
        for d in ctx.sink.collisions() {
            diags.push(d);
        }
        log_time("static files", t);
        let stats = Stats {
            pages: stats.pages + extra,
            ..stats
        };
        Ok((stats, index, diags))
    }

    /// Check and re-render the pages and derived outputs `what` names (of `corpus`, this
    /// session's for `audience`), writing into `sink`; `index` holds the search entries of the
    /// last render and gets those of the pages re-rendered.
    pub(crate) fn render_changed(
        &self,
        corpus: &Corpus<'_>,
        audience: Audience,
        sink: &Sink,
        what: &Rerender,
        index: &mut SearchIndex,
        diags: &mut Diagnostics,
    ) -> anyhow::Result<()> {
        let t = Instant::now();
        let pages: Vec<&Page> = what.pages.iter().filter_map(|u| corpus.get(u)).collect();
        diags.extend(super::check::check(corpus, &pages));
        let ctx = self.ctx(corpus, audience, sink)?;
        log_time("check, context", t);
        let entries = render_pages(
            std::slice::from_ref(&ctx),
            &pages,
            vec![Entries::Kept(Vec::new())],
            diags,
        )
        .pop()
        .and_then(|(_, entries)| match entries {
            Entries::Kept(kept) => Some(kept),
            Entries::Streamed(_) => None,
        })
        .unwrap_or_default();
        let t = Instant::now();
        super::check::refs::sweep_bundles(&ctx, &pages, false, diags);
        let mut search_changed = false;
        for e in entries {
            search_changed |= index.get(&e.url).is_none_or(|old| old.json != e.json);
            index.insert(e.url.clone(), e);
        }
        // Its URLs are the corpus's (a page that leaves it needs a full build): a check.
        if index.len() > corpus.pages.len() {
            index.retain(|u, _| corpus.by_url.contains_key(u));
            search_changed = true;
        }
        log_time("sweep, search entries", t);
        let derive = match &what.derive {
            // The index the last build wrote holds these entries already.
            Derive::Only(set) if !search_changed => {
                let mut set = set.clone();
                set.files.remove(SEARCH_INDEX);
                std::borrow::Cow::Owned(Derive::Only(set))
            }
            d => std::borrow::Cow::Borrowed(d),
        };
        let t = Instant::now();
        let result = write_derived(&ctx, index, &derive, diags);
        log_time("derived files", t);
        result.map(|_| ())
    }
}

/// Where a render's search entries go: kept (`wara serve` keeps them between renders), or
/// written to the index file as they come, in URL order (a build).
pub(crate) enum Entries<'s> {
    Kept(Vec<SearchEntry>),
    Streamed(Box<search::IndexStream<std::io::BufWriter<output::SinkFile<'s>>>>),
}

impl<'s> Entries<'s> {
    /// The search index file of `sink`, opened to be written as pages render.
    fn streamed(sink: &'s Sink) -> anyhow::Result<Self> {
        let file = sink.create(SEARCH_INDEX)?;
        Ok(Entries::Streamed(Box::new(search::IndexStream::new(
            std::io::BufWriter::with_capacity(1 << 16, file),
        ))))
    }

    fn push(&mut self, entry: SearchEntry) {
        match self {
            Entries::Kept(kept) => kept.push(entry),
            Entries::Streamed(stream) => stream.push(entry),
        }
    }
}

/// Every page of every context's corpus, each once, in URL order (each corpus is, and its
/// search index is written in it; see [`render_pages`]).
fn render_pages_for_each<'s>(
    ctxs: &[Ctx<'s>],
    entries: Vec<Entries<'s>>,
    diags: &mut Diagnostics,
) -> Vec<(Stats, Entries<'s>)> {
    let mut seen = std::collections::HashSet::new();
    let mut pages: Vec<&Page> = ctxs
        .iter()
        .flat_map(|ctx| ctx.corpus.pages.iter().copied())
        .filter(|p| seen.insert(identity(p)))
        .collect();
    // The internal audience's own pages come after the public ones: among them, in order.
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    render_pages(ctxs, &pages, entries, diags)
}

/// A loaded page as itself (its address in the session), not by its URL: two corpora hold
/// the same `Page`, and two pages may claim one URL.
fn identity(p: &Page) -> usize {
    std::ptr::from_ref(p).addr()
}

/// `pages`, each rendered for each context that sees it, in turn on one thread; per
/// context, its counts, and its search entries given to `entries` in the pages' order.
/// Pages render in parallel a block at a time, so that the entries of only one block are
/// held before they are given.
fn render_pages<'s>(
    ctxs: &[Ctx<'_>],
    pages: &[&Page],
    entries: Vec<Entries<'s>>,
    diags: &mut Diagnostics,
) -> Vec<(Stats, Entries<'s>)> {
    let t = Instant::now();
    let budgets: Vec<usize> = ctxs.iter().map(|ctx| search_budget(ctx)).collect();
    // Which pages each context sees, by identity (one context: all of `pages`).
    let members: Vec<std::collections::HashSet<usize>> = if ctxs.len() > 1 {
        ctxs.iter()
            .map(|ctx| ctx.corpus.pages.iter().map(|p| identity(p)).collect())
            .collect()
    } else {
        Vec::new()
    };
    let sees = |i: usize, p: &Page| members.get(i).is_none_or(|m| m.contains(&identity(p)));
    let mut out: Vec<(Stats, Entries<'s>)> =
        entries.into_iter().map(|e| (Stats::default(), e)).collect();
    for block in pages.chunks(RENDER_BLOCK) {
        let results: Vec<Vec<Option<(PageResult, SearchEntry)>>> = block
            .par_iter()
            .map(|p| {
                // What the page's renders share (its Markdown, front matter read again) is made
                // for the first audience that sees it and kept until the last.
                let last = (0..ctxs.len()).rev().find(|&i| sees(i, p));
                let mut shared = Shared::default();
                let per_ctx = ctxs
                    .iter()
                    .zip(&budgets)
                    .enumerate()
                    .map(|(i, (ctx, &budget))| {
                        sees(i, p).then(|| {
                            shared.markdown.keep = last != Some(i);
                            render_with_entry(ctx, p, budget, &mut shared)
                        })
                    })
                    .collect();
                // The text read again for the page's first audience is let go after its last.
                p.done_with_text();
                per_ctx
            })
            .collect();
        for per_ctx in results {
            for ((stats, entries), r) in out.iter_mut().zip(per_ctx) {
                if let Some((r, e)) = r {
                    diags.extend(r.diags);
                    stats.pages += 1;
                    stats.tables += r.tables;
                    stats.qr_codes += r.qr_codes;
                    entries.push(e);
                }
            }
        }
    }
    log_time("render pages", t);
    out
}

/// How many pages render side by side before their search entries are given on (see
/// [`render_pages`]): small enough that a block's entries are little, large enough that the
/// threads rarely wait for the block's last page.
const RENDER_BLOCK: usize = 2_048;

/// A page's share of the search index, in characters: the index stays near 1.5 M characters
/// (about 4 MB of Thai) whatever the site's size, so phones can load it: whole pages for a
/// small site, their openings for a large one.
fn search_budget(ctx: &Ctx<'_>) -> usize {
    (1_500_000 / ctx.corpus.pages.len().max(1)).clamp(150, 60_000)
}

/// Render a page and make its search entry.
fn render_with_entry(
    ctx: &Ctx<'_>,
    p: &Page,
    budget: usize,
    shared: &mut Shared,
) -> (PageResult, SearchEntry) {
    let mut r = render_page(ctx, p, shared);
    let entry = SearchEntry::new(&p.title, &p.url, p.date, &r.sections, budget);
    // Keep only the index's share of the text: memory stays flat with site size.
    r.sections = Vec::new();
    (r, entry)
}

fn write_derived(
    ctx: &Ctx<'_>,
    index: &BTreeMap<String, SearchEntry>,
    derive: &Derive,
    diags: &mut Diagnostics,
) -> anyhow::Result<usize> {
    let entries: Vec<&SearchEntry> = index.values().collect();
    // Listings and feeds side by side; their diagnostics in this order.
    let ((extra, listed), (fed, made)) = rayon::join(
        || {
            let mut d = Diagnostics::new();
            (listings::write_special_pages(ctx, derive, &mut d), d)
        },
        || {
            let mut d = Diagnostics::new();
            (feeds::write_all(ctx, &entries, derive, &mut d), d)
        },
    );
    diags.extend(listed);
    diags.extend(made);
    fed?;
    tags::write_large_tag_pages(ctx, derive, diags);
    Ok(extra)
}

/// What the renders of one page for several audiences share: the first makes it, the
/// next take it (a page's text is the same for every audience within a build).
/// Whether another audience renders the page after this one is `markdown.keep`.
#[derive(Default)]
struct Shared {
    /// The front matter the page's own render reads again.
    own: Option<crate::content::FrontMatter>,
    markdown: crate::markdown::Shared,
}

fn render_page(ctx: &Ctx<'_>, page: &Page, shared: &mut Shared) -> PageResult {
    let mut res = PageResult::default();
    // The page's file, read again as it was loaded (a build does not hold it in between):
    // an edit made since the load is an error, the page is not rendered from it.
    let text = match page.source() {
        Ok(text) => text,
        Err(d) => {
            res.diags.push(d);
            return res;
        }
    };
    // What the page holds of its front matter is what others read; its own render reads
    // the rest again (minutes' people and place, a contest's rules, files).
    let own = shared.own.take().unwrap_or_else(|| page.own_front(&text));
    if shared.markdown.keep {
        shared.own = Some(own.clone());
    }
    let mut body = page::render_body(ctx, page, &own, &text, &mut res, &mut shared.markdown);
    res.sections = std::mem::take(&mut body.rendered.sections);
    if let (Some(summary), Some(first)) = (&page.front.summary, res.sections.first_mut()) {
        first.text = format!("{summary}\n{}", first.text);
    }
    let (template, kind) = template_for(page);
    let rendered = body.rendered;
    let document = || page::document_view(ctx, page, rendered.toc, body.attachments);
    let kind_view = match page.kind {
        Kind::Minutes => KindView::Minutes(Box::new(MinutesPageView {
            minutes: kinds::minutes_view(ctx, page, &own, rendered.resolutions),
            document: document(),
        })),
        Kind::Contest => KindView::Contest(Box::new(ContestPageView {
            document: document(),
            contest: kinds::contest_view(ctx, page, &own),
        })),
        Kind::Section => listings::section_view(ctx, page),
        Kind::Page => KindView::Document(document()),
    };
    let mut view = page::base_view(ctx, page, kind, kind_view);
    view.content = rendered.html;
    if matches!(page.kind, Kind::Minutes | Kind::Contest) {
        page_qr(&page.path, &mut view, &mut res);
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

/// The template of a page, and its kind as the template sees it (`home` for the home page).
fn template_for(page: &Page) -> (&'static str, &'static str) {
    let kind = page.kind.name();
    match page.kind {
        Kind::Minutes => ("minutes.html", kind),
        Kind::Contest => ("contest.html", kind),
        Kind::Page => ("page.html", kind),
        Kind::Section => match crate::content::segments(&page.url).as_slice() {
            [] => ("index.html", "home"),
            ["minutes"] => ("minutes_archive.html", kind),
            ["minutes", _] => ("minutes_year.html", kind),
            ["contests"] => ("contests.html", kind),
            _ => ("section.html", kind),
        },
    }
}
