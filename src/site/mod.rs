//! The build: load → render → write to a staging dir → swap in whole.

use std::time::Duration;

use crate::diag::Diagnostics;
use crate::options::BuildOptions;

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

/// A build either succeeds or fails on content errors (each with file and line).
#[derive(Debug)]
pub enum BuildOutcome {
    Built(BuildReport),
    Failed(Diagnostics),
}

/// Build the site. `Err` is an environment failure (IO, permissions); content
/// problems are `Ok(BuildOutcome::Failed)`. Output goes to `opts.out/<audience>/`,
/// swapped in only when the whole build succeeded.
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildOutcome> {
    let _ = opts;
    anyhow::bail!("build is not implemented yet")
}
