//! Command-line arguments (clap derive structs only).

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "wara",
    version,
    about = "วาระ — a static site generator for meeting minutes, budget tables and announcements"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Language of messages: th, en or both (default both: Thai, then English).
    /// The environment variable WARA_LANG sets the same.
    #[arg(long, global = true, value_name = "th|en|both")]
    pub(crate) lang: Option<String>,
}

/// Which audience to build.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum AudienceArg {
    Public,
    Internal,
    All,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into OUT/public/ and OUT/internal/.
    Build {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Which audience to build.
        #[arg(long, value_enum, default_value = "all")]
        audience: AudienceArg,
        /// Use this base URL instead of site.yaml's.
        #[arg(long)]
        base_url: Option<String>,
        /// Build the staff portal with the drafts (each marked ฉบับร่าง) into a folder of
        /// its own, OUT/drafts/, for review; the normal output is not touched.
        #[arg(long)]
        drafts: bool,
    },
    /// Run every check of `build`; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on warnings too, not only on errors.
        #[arg(long)]
        strict: bool,
    },
    /// Build, serve and rebuild on change, with live reload.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (127.0.0.1 unless you want phones on the LAN to see it).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Which audience to show (default: internal on a loopback bind, public on any other).
        #[arg(long, value_enum)]
        audience: Option<ServeAudience>,
        /// Leave drafts out, as `build` does (by default they are shown, marked ฉบับร่าง).
        #[arg(long, visible_alias = "no-drafts")]
        hide_drafts: bool,
    },
    /// Create a new content file from the theme's archetype.
    New {
        #[command(subcommand)]
        what: NewKind,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ServeAudience {
    Public,
    Internal,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewKind {
    /// New meeting minutes: content/minutes/<BE year>/<NN>/index.md
    Minutes {
        /// Meeting number and BE year, e.g. 6/2563.
        #[arg(long)]
        meeting: String,
        /// Meeting date, YYYY-MM-DD (Common Era).
        #[arg(long)]
        date: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// New contest announcement: content/contests/<slug>.md
    Contest(Named),
    /// New page: content/pages/<slug>.md (or a path under content/).
    Page(Named),
}

/// A new file named by its URL slug: `wara new contest fabric-2564` or `--slug fabric-2564`.
#[derive(Debug, Args)]
pub(crate) struct Named {
    /// URL name, e.g. fabric-2564 (or give it with --slug).
    #[arg(required_unless_present = "slug_flag")]
    slug: Option<String>,
    #[arg(long = "slug", id = "slug_flag", conflicts_with = "slug")]
    slug_flag: Option<String>,
    #[arg(long)]
    pub(crate) title: Option<String>,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

impl Named {
    /// The slug, however it was given.
    pub(crate) fn slug(&self) -> &str {
        self.slug
            .as_deref()
            .or(self.slug_flag.as_deref())
            .unwrap_or_default()
    }
}
