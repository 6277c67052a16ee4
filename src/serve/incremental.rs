//! The builds of `wara serve`: a full build at first and whenever a change needs one; an edit
//! of an existing page reloads that file and re-renders only what it affects.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::options::{Audience, BuildOptions};
use crate::site::load::Update;
use crate::site::write::Output;
use crate::site::{BuildOutcome, BuildReport, Session};

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
        opts: &BuildOptions,
        changed: Option<&[PathBuf]>,
    ) -> anyhow::Result<BuildOutcome> {
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
                return Ok(BuildOutcome::Failed(self.all_failing()));
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
            return Ok(BuildOutcome::Failed(self.all_failing()));
        }
        let files_written = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], false)?;
        if !self.failing.is_empty() {
            return Ok(BuildOutcome::Failed(self.all_failing()));
        }
        let report = BuildReport {
            pages: urls.len(),
            files: files_written,
            elapsed: start.elapsed(),
            warnings: diags,
            ..Default::default()
        };
        Ok(BuildOutcome::Built(report))
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
        let mut diags = Diagnostics::new();
        // As `build`: render even when some pages have errors, so the overlay lists them all.
        let Some(mut session) = Session::open_with(
            &opts.root,
            opts.base_url.clone(),
            opts.include_drafts,
            &mut diags,
        ) else {
            self.session = None;
            return Ok(BuildOutcome::Failed(diags));
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
            return Ok(BuildOutcome::Failed(diags));
        }
        let files = sink.files.load(std::sync::atomic::Ordering::Relaxed);
        output.commit(vec![sink], true)?;
        self.session = Some(session);
        let report = BuildReport {
            pages: stats.0,
            tables: stats.1,
            qr_codes: stats.2,
            files,
            elapsed: start.elapsed(),
            warnings: diags,
        };
        Ok(BuildOutcome::Built(report))
    }
}
