//! Validated build options: what to build, from where, into where, for whom.

use std::path::PathBuf;

/// Who a build is for. Internal material never enters a public build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Audience {
    Public,
    Internal,
}

impl Audience {
    /// The folder name under the output directory: `public` or `internal`.
    pub(crate) fn dir_name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }
}

/// Everything `build` and `check` need, resolved once from the command line.
#[derive(Debug, Clone)]
pub(crate) struct BuildOptions {
    /// The site root (holds `site.yaml`, `content/`, ...).
    pub(crate) root: PathBuf,
    /// The output directory; each audience is written to `out/<audience>/`.
    pub(crate) out: PathBuf,
    /// Which audiences to build, in order.
    pub(crate) audiences: Vec<Audience>,
    /// Overrides `base_url` (and `internal_base_url`) from `site.yaml`, e.g. the serve URL.
    pub(crate) base_url: Option<String>,
    /// When true nothing is written (`wara check`).
    pub(crate) dry_run: bool,
    /// Include `draft: true` pages, marked ฉบับร่าง (`wara serve` only; a
    /// build never includes them).
    pub(crate) include_drafts: bool,
}

impl BuildOptions {
    /// Options for building both audiences of the site at `root` into `root/dist`.
    pub(crate) fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            out: root.join("dist"),
            root,
            audiences: vec![Audience::Public, Audience::Internal],
            base_url: None,
            dry_run: false,
            include_drafts: false,
        }
    }
}
