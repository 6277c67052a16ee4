//! The builds of `wara serve`: a full staged build at first and whenever a change needs one;
//! an edit of an existing page reloads that file and re-renders only what it affects (the page,
//! what lists it, its neighbours) and merges those files into the live output. A file with
//! errors keeps its last good version served, and its errors are reported until it is fixed.
//!
//! Takes the build options and the changed files of a batch; gives a build outcome, and keeps
//! between builds the loaded site and the search entries of its last render.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use crate::content::{Corpus, Kind};
use crate::diag::Diagnostics;
use crate::options::{Audience, BuildOptions};
use crate::site::load::Update;
use crate::site::render::SearchIndex;
use crate::site::write::{Output, Prune};
use crate::site::{BuildOutcome, BuildReport, Session};

/// What `wara serve` keeps between builds.
#[derive(Default)]
pub(crate) struct Incremental {
    /// The site as loaded by the last full build, kept up to date by every incremental one.
    session: Option<Session>,
    /// The search entries of the last render, by URL: an incremental build re-renders a few
    /// pages but writes the whole index.
    search: SearchIndex,
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
        let urls = match session.update(files, &mut diags) {
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
        let (output, sinks) = Output::open(&opts.out, &[audience.dir_name()])?;
        let sink = sinks
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no output sink"))?;
        let t = Instant::now();
        let corpus = session.corpus(audience);
        crate::site::log_time("corpus", t);
        let affected = affected(&corpus, &urls);
        session.render_changed(
            &corpus,
            audience,
            &sink,
            &affected,
            &mut self.search,
            &mut diags,
        )?;
        drop(corpus);
        if diags.has_errors() {
            drop(output); // discards what was staged
            for f in files {
                self.failing.insert(f.clone(), diags.clone());
            }
            return Ok(Some(BuildOutcome::Failed(self.all_failing())));
        }
        let files_written = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], Prune::Keep)?;
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
        let mut diags = Diagnostics::new();
        // As `build`: render even when some pages have errors, so the overlay lists them all.
        let Some(mut session) = Session::for_build(opts, &mut diags) else {
            self.session = None;
            return Ok(BuildOutcome::Failed(diags));
        };
        session.warn_unpublished_in = audience;
        let (output, sinks) = Output::open(&opts.out, &[audience.dir_name()])?;
        let sink = sinks
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("no output sink"))?;
        let stats = session.render_all(audience, &sink, &mut self.search, &mut diags)?;
        if diags.has_errors() {
            drop(output); // discards what was staged
            self.session = None;
            return Ok(BuildOutcome::Failed(diags));
        }
        let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], Prune::Stale)?;
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

/// A changed page and the pages that list it or link to it as a neighbour.
fn affected(corpus: &Corpus<'_>, urls: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert("/".to_owned());
    for url in urls {
        out.insert(url.clone());
        out.extend(crate::content::ancestors(url));
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

#[cfg(test)]
mod tests;
