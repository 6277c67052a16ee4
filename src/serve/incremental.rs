//! The builds of `wara serve`: a full staged build at first and whenever a change needs one;
//! an edit of an existing page reloads that file and re-renders only what it affects, and
//! merges those files into the live output. A file with errors keeps its last good version
//! served, and its errors are reported until it is fixed.
//!
//! What an edit affects is read from the corpus, before and after the reload: what each
//! listing, feed and derived file shows of the page ([`Shown`]) is compared, and only the
//! outputs that show a field that changed are made again (its sections, tag pages, minutes
//! neighbours, the pages that certify it, the deadlines, the feed, the sitemap); an edit of
//! the body alone re-renders the page and the search index. Outputs are compared with the
//! hashes of what the previous builds wrote, so an unchanged file is not rewritten.
//!
//! Takes the build options and the changed files of a batch; gives a build outcome, and keeps
//! between builds the loaded site, the search entries of its last render and the hashes of
//! its outputs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;

use crate::content::{Access, Corpus, Kind, MeetingNo, Page};
use crate::diag::Diagnostics;
use crate::options::{Audience, BuildOptions};
use crate::site::load::Update;
use crate::site::render::search::SearchEntry;
use crate::site::render::{Derive, DerivedSet, Rerender, SEARCH_INDEX, SearchIndex};
use crate::site::write::{Hashes, Output, Prune, Sink};
use crate::site::{BuildOutcome, BuildReport, Session};

/// What `wara serve` keeps between builds.
#[derive(Default)]
pub(crate) struct Incremental {
    /// The site as loaded by the last full build, kept up to date by every incremental one.
    session: Option<Session>,
    /// The search entries of the last render, by URL: an incremental build re-renders a few
    /// pages but writes the whole index.
    search: SearchIndex,
    /// Hashes of the files the builds wrote, by output path (not the files themselves).
    hashes: Hashes,
    /// The output's manifest as the last build left it (serve is its only writer).
    manifest: Option<Arc<BTreeSet<String>>>,
    /// Errors of files changed since the last full build, by file.
    failing: BTreeMap<PathBuf, Diagnostics>,
    /// Tests: panic once the session has reloaded the changed files.
    #[cfg(test)]
    panic_after_update: bool,
}

impl Incremental {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Build `opts` (one audience); `changed` is `None` for a full build.
    pub(crate) fn build(
        &mut self,
        opts: &BuildOptions,
        changed: Option<&[PathBuf]>,
    ) -> anyhow::Result<BuildOutcome> {
        let start = Instant::now();
        let audience = opts
            .audiences
            .first()
            .copied()
            .unwrap_or(Audience::Internal);
        let Some(files) = changed else {
            return self.full(opts, audience, start);
        };
        // Taken out while it is updated, and put back only when the build ends normally: after
        // a panic or an error half-way (some files reloaded, their pages not rendered), the
        // next build is a full one rather than one from a half-updated session.
        let Some(mut session) = self.session.take() else {
            return self.full(opts, audience, start);
        };
        let outcome = self.changed(&mut session, opts, audience, files, start)?;
        if let Some(outcome) = outcome {
            self.session = Some(session);
            Ok(outcome)
        } else {
            self.full(opts, audience, start)
        }
    }

    /// Reload `files` into `session` and re-render what they affect; `None` when the change
    /// needs a full build.
    fn changed(
        &mut self,
        session: &mut Session,
        opts: &BuildOptions,
        audience: Audience,
        files: &[PathBuf],
        start: Instant,
    ) -> anyhow::Result<Option<BuildOutcome>> {
        let mut diags = Diagnostics::new();
        // Pages name their file from the site's root (`content/a.md`).
        let sources: Vec<PathBuf> = files
            .iter()
            .map(|f| f.strip_prefix(&session.root).unwrap_or(f).to_path_buf())
            .collect();
        let t = Instant::now();
        let (before, tag_slugs) = {
            let corpus = session.corpus(audience);
            let shown: BTreeMap<String, Shown> = files
                .iter()
                .filter_map(|f| session.page_of(f))
                .filter_map(|p| corpus.get(&p.url))
                .map(|p| (p.url.clone(), Shown::of(&corpus, p)))
                .collect();
            (shown, corpus.tag_slugs.clone())
        };
        crate::site::log_time("shown before", t);
        let t = Instant::now();
        let update = session.update(files, &mut diags);
        crate::site::log_time("reload", t);
        let urls = match update {
            Update::Full => return Ok(None),
            Update::Failed => {
                for f in files {
                    self.failing.insert(f.clone(), diags.clone());
                }
                return Ok(Some(BuildOutcome::Failed(self.all_failing())));
            }
            Update::Pages(urls) => urls,
        };
        #[cfg(test)]
        if self.panic_after_update {
            panic!("a panic injected by a test");
        }
        for f in files {
            self.failing.remove(f);
        }
        let t = Instant::now();
        let corpus = session.corpus(audience);
        crate::site::log_time("corpus", t);
        if tag_slugs
            .iter()
            .any(|(k, v)| corpus.tag_slugs.get(k).is_some_and(|w| w != v))
        {
            // A tag now spelled otherwise in its URL: other pages link to it there.
            return Ok(None);
        }
        let t = Instant::now();
        let Some(what) = plan(&corpus, &sources, &before, &urls) else {
            return Ok(None);
        };
        crate::site::log_time("plan", t);
        let t = Instant::now();
        let known_manifest = self.manifest.take();
        let (output, mut sink) = open_output(&opts.out, audience, known_manifest.clone())?;
        crate::site::log_time("open output", t);
        sink.track_hashes(std::mem::take(&mut self.hashes));
        // The search entries of the pages re-rendered, as the written index has them: a
        // failed build's entries never reach it, and the next edit is compared with these.
        let search_before: Vec<(String, Option<SearchEntry>)> = what
            .pages
            .iter()
            .map(|u| (u.clone(), self.search.get(u).cloned()))
            .collect();
        let search_len = self.search.len();
        let rendered = session.render_changed(
            &corpus,
            audience,
            &sink,
            &what,
            &mut self.search,
            &mut diags,
        );
        drop(corpus);
        let (mut known, made) = sink.take_hashes();
        if diags.has_errors() || rendered.is_err() {
            drop(output); // discards what was staged
            self.hashes = known;
            self.manifest = known_manifest;
            if !self.restore_search(search_before, search_len) {
                // Entries of pages that left the corpus were dropped: a full build remakes them.
                return Ok(None);
            }
            rendered?;
            for f in files {
                self.failing.insert(f.clone(), diags.clone());
            }
            return Ok(Some(BuildOutcome::Failed(self.all_failing())));
        }
        let files_written = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        let t = Instant::now();
        let manifest = sink.manifest_after(Prune::Keep);
        output.commit(vec![sink], Prune::Keep)?;
        crate::site::log_time("commit", t);
        self.manifest = Some(manifest);
        known.extend(made);
        self.hashes = known;
        if !self.failing.is_empty() {
            return Ok(Some(BuildOutcome::Failed(self.all_failing())));
        }
        let report = BuildReport {
            pages: urls.len(),
            files: files_written,
            elapsed: start.elapsed(),
            warnings: diags,
            ..Default::default()
        };
        Ok(Some(BuildOutcome::Built(report)))
    }

    /// Put back the search entries `before` (by URL, `None` for none) that a failed build
    /// replaced; `false` when the index also lost entries (it had `len` before).
    fn restore_search(&mut self, before: Vec<(String, Option<SearchEntry>)>, len: usize) -> bool {
        for (url, entry) in before {
            match entry {
                Some(e) => self.search.insert(url, e),
                None => self.search.remove(&url),
            };
        }
        self.search.len() == len
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
        opts: &BuildOptions,
        audience: Audience,
        start: Instant,
    ) -> anyhow::Result<BuildOutcome> {
        self.failing.clear();
        self.search.clear();
        self.hashes.clear();
        self.manifest = None;
        let mut diags = Diagnostics::new();
        // As `build`: render even when some pages have errors, so the overlay lists them all.
        let Some(mut session) = Session::for_build(opts, &mut diags) else {
            self.session = None;
            return Ok(BuildOutcome::Failed(diags));
        };
        session.warn_unpublished_in = audience;
        let (output, mut sink) = open_output(&opts.out, audience, None)?;
        sink.track_hashes(Hashes::new());
        let (stats, search) = session
            .render_all(&[(audience, &sink)], &mut diags)?
            .pop()
            .unwrap_or_default();
        self.search = search;
        let (_, made) = sink.take_hashes();
        if diags.has_errors() {
            drop(output); // discards what was staged
            self.session = None;
            return Ok(BuildOutcome::Failed(diags));
        }
        let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        let manifest = sink.manifest_after(Prune::Stale);
        output.commit(vec![sink], Prune::Stale)?;
        self.manifest = Some(manifest);
        self.hashes = made;
        self.session = Some(session);
        let report = BuildReport {
            pages: stats.pages,
            tables: stats.tables,
            qr_codes: stats.qr_codes,
            files,
            elapsed: start.elapsed(),
            warnings: diags,
        };
        Ok(BuildOutcome::Built(report))
    }
}

/// What the listings, feeds and derived files show of a page, and what shows it: compared
/// before and after an edit to decide what to make again.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    kind: Kind,
    title: String,
    date: Option<NaiveDate>,
    summary: Option<String>,
    meeting: Option<MeetingNo>,
    certifies: Option<MeetingNo>,
    access: Access,
    weight: Option<i64>,
    /// A contest's closing date.
    deadline: Option<NaiveDate>,
    /// Its deadlines: date, task, anchor.
    deadlines: Vec<(NaiveDate, String, Option<String>)>,
    /// Its tags' pages, by URL, sorted.
    tags: Vec<String>,
    /// The contests its text links to (a contest's deadline is not listed twice), when it
    /// has deadlines.
    contests_linked: Vec<String>,
    /// Its previous and next minutes.
    neighbours: Vec<String>,
}

impl Shown {
    fn of(corpus: &Corpus<'_>, p: &Page) -> Shown {
        let mut tags: Vec<String> = p
            .front
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(|t| corpus.tag_url(t))
            .collect();
        tags.sort();
        tags.dedup();
        // Compared only with its deadlines (see `dated`): a large site has many contests.
        let dated = !p.deadlines.is_empty() || (p.kind == Kind::Contest && p.deadline.is_some());
        let contests_linked = if dated {
            corpus
                .contests()
                .iter()
                .filter(|c| c.url != p.url && p.mentions_contest(&c.url))
                .map(|c| c.url.clone())
                .collect()
        } else {
            Vec::new()
        };
        Shown {
            kind: p.kind,
            title: p.title.clone(),
            date: p.date,
            summary: p.front.summary.clone(),
            meeting: p.meeting,
            certifies: p.certifies,
            access: p.access,
            weight: p.front.weight,
            deadline: p.deadline,
            deadlines: p
                .deadlines
                .iter()
                .map(|d| (d.date, d.task.clone(), d.anchor.clone()))
                .collect(),
            tags,
            contests_linked,
            neighbours: neighbours(corpus, p),
        }
    }

    /// What a listing entry shows (title, date, summary, meeting, deadline…) and its order.
    fn entry(&self) -> impl PartialEq + '_ {
        (
            self.kind,
            &self.title,
            self.date,
            &self.summary,
            self.meeting,
            self.access,
            self.weight,
            self.deadline,
        )
    }

    /// What the deadlines page and the calendar show of the page, when it has deadlines.
    fn dated(&self) -> Option<impl PartialEq + '_> {
        let has =
            !self.deadlines.is_empty() || (self.kind == Kind::Contest && self.deadline.is_some());
        has.then_some((
            &self.deadlines,
            self.deadline,
            &self.title,
            self.date,
            &self.contests_linked,
            self.kind,
        ))
    }

    /// In the Atom feed: dated minutes and contests.
    fn in_feed(&self) -> bool {
        matches!(self.kind, Kind::Minutes | Kind::Contest) && self.date.is_some()
    }
}

/// The minutes before and after `p`, when it is minutes.
fn neighbours(corpus: &Corpus<'_>, p: &Page) -> Vec<String> {
    let Some(i) = (p.kind == Kind::Minutes)
        .then(|| corpus.minutes_position(p))
        .flatten()
    else {
        return Vec::new();
    };
    let all = corpus.minutes();
    [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| all.get(j))
        .map(|n| n.url.clone())
        .collect()
}

/// The pages to re-render after the pages at `urls` were reloaded from `sources` (paths
/// from the site's root), and the
/// derived outputs to make again; `before` is what the corpus showed of the edited pages
/// before the reload. `None` when a full build is needed (a page entered or left the corpus).
fn plan(
    corpus: &Corpus<'_>,
    sources: &[PathBuf],
    before: &BTreeMap<String, Shown>,
    urls: &[String],
) -> Option<Rerender> {
    let mut pages = BTreeSet::new();
    let mut set = DerivedSet::default();
    set.files.insert(SEARCH_INDEX);
    // How many pages each tag gained (or lost) by the edits.
    let mut tag_gains: BTreeMap<String, isize> = BTreeMap::new();
    for url in urls {
        let Some(p) = corpus.get(url) else {
            if before.contains_key(url) {
                return None; // left this audience's corpus
            }
            continue; // not in this audience's corpus, before or after
        };
        pages.insert(url.clone());
        if !sources.contains(&p.path) {
            continue; // a table, image or download of the page changed, not its text
        }
        let b = before.get(url)?; // `None`: it entered the corpus
        let a = Shown::of(corpus, p);
        if *b == a {
            continue; // its body only
        }
        let entry = b.entry() != a.entry();
        if entry || b.tags != a.tags {
            // Its sections list it, the home page may.
            pages.insert("/".to_owned());
            pages.extend(crate::content::ancestors(url));
            set.tag_pages.extend(b.tags.iter().chain(&a.tags).cloned());
        }
        set.tag_index |= b.tags != a.tags;
        for t in a.tags.iter().filter(|t| !b.tags.contains(t)) {
            *tag_gains.entry(t.clone()).or_default() += 1;
        }
        for gone in b.tags.iter().filter(|t| !a.tags.contains(t)) {
            if !crate::site::render::tags::tag_counts(corpus).contains_key(gone) {
                return None; // its page is removed, which only a full build does
            }
            *tag_gains.entry(gone.clone()).or_default() -= 1;
        }
        if b.kind == Kind::Section && b.title != a.title {
            // Breadcrumbs of everything under it.
            pages.extend(
                corpus
                    .pages
                    .iter()
                    .filter(|q| q.url.starts_with(url.as_str()))
                    .map(|q| q.url.clone()),
            );
        }
        if b.neighbours != a.neighbours || b.title != a.title || b.meeting != a.meeting {
            pages.extend(b.neighbours.iter().chain(&a.neighbours).cloned());
        }
        if b.meeting != a.meeting {
            // The minutes that certify it link to it.
            let meetings = [b.meeting, a.meeting];
            pages.extend(
                corpus
                    .minutes()
                    .iter()
                    .filter(|q| q.certifies.is_some() && meetings.contains(&q.certifies))
                    .map(|q| q.url.clone()),
            );
        }
        if b.dated() != a.dated() {
            // A site of many deadlines has a page per year (`/deadlines/2567/`) that a changed
            // deadline may add or remove and the sitemap lists: only a full build redoes those.
            let count = |s: &Shown| {
                s.deadlines.len() + usize::from(s.kind == Kind::Contest && s.deadline.is_some())
            };
            let now = deadline_bound(corpus);
            let then = (now + count(b)).saturating_sub(count(&a));
            if now.max(then) > crate::site::render::deadlines::ONE_PAGE_MAX {
                return None;
            }
            set.deadlines = true;
            set.files.insert(CALENDAR);
            pages.insert("/".to_owned()); // its deadlines ahead
        }
        if (b.in_feed() || a.in_feed())
            && (b.kind, &b.title, b.date, &b.summary) != (a.kind, &a.title, a.date, &a.summary)
        {
            set.files.insert(FEED);
        }
        if b.date != a.date || b.tags != a.tags {
            // Its lastmod, or a tag page that may be new.
            set.files.insert(SITEMAP);
        }
    }
    if pages_of_a_tag_changed(corpus, &tag_gains) {
        return None;
    }
    Some(Rerender {
        pages,
        derive: Derive::Only(set),
    })
}

/// Whether a tag that gained or lost pages (`gains`, by its page's URL) now has more or
/// fewer pages of its own (`/tags/<slug>/page/3/`): a page made or gone, and the sitemap
/// lists them; only a full build redoes those. A tag's pages of the same count are all made
/// again with the tag.
fn pages_of_a_tag_changed(corpus: &Corpus<'_>, gains: &BTreeMap<String, isize>) -> bool {
    use crate::site::render::tags::page_count;
    if gains.values().all(|&g| g == 0) {
        return false;
    }
    let now = crate::site::render::tags::tag_counts(corpus);
    gains.iter().filter(|&(_, &g)| g != 0).any(|(url, &g)| {
        let after = now.get(url.as_str()).copied().unwrap_or(0);
        let before = after.saturating_add_signed(-g);
        page_count(before) != page_count(after)
    })
}

/// At least as many deadlines as `/deadlines/` lists (a contest's closing date counts, though
/// the page is left out when minutes already state it).
fn deadline_bound(corpus: &Corpus<'_>) -> usize {
    corpus
        .pages
        .iter()
        .map(|q| q.deadlines.len() + usize::from(q.kind == Kind::Contest && q.deadline.is_some()))
        .sum()
}

/// Derived files, by name (see `site::render::feeds::DERIVED`).
const FEED: &str = "feed.xml";
const SITEMAP: &str = "sitemap.xml";
const CALENDAR: &str = "deadlines.ics";

#[cfg(test)]
mod tests;

/// The output folder of `audience` under `out`, opened for one build, and its sink; `known` is
/// its manifest, when kept from the build before.
fn open_output(
    out: &Path,
    audience: Audience,
    known: Option<Arc<BTreeSet<String>>>,
) -> anyhow::Result<(Output, Sink)> {
    let (output, mut sinks) = Output::open_known(out, &[audience.dir_name()], known)?;
    // One sink per folder name asked for.
    let sink = sinks
        .pop()
        .ok_or_else(|| anyhow::anyhow!("no output sink"))?;
    Ok((output, sink))
}
