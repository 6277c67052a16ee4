//! wara (วาระ): a static site generator for the meeting minutes, budget tables,
//! contest announcements and documents of a Thai government office.
//!
//! Data flow: `cli` → `options::BuildOptions` → `config` (site.yaml) →
//! `content::load` (front matter, audience rule, shortcode scan) → `markdown`
//! (shortcodes, anchors, TOC, resolutions) → `render` (Tera, view structs) →
//! `site` (listings, feeds, calendar, search; staging dir swapped in whole).
//! `check` is the same pipeline without the write; `serve` is it plus a
//! watcher and an HTTP thread.

pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod files;
pub mod markdown;
pub mod new;
pub mod options;
pub mod preview;
pub mod qr;
pub mod render;
pub mod serve;
pub mod site;
pub mod slug;
pub mod tables;
pub mod thai;
pub mod yaml;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use cli::{AudienceArg, Cli, Command, NewKind, ServeAudience};
use options::{Audience, BuildOptions};
use site::BuildOutcome;

/// Exit codes: success, content errors, bad usage or environment.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Run wara with these arguments; returns the process exit code. Output goes to
/// stdout (summary) and stderr (diagnostics).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // No arguments (a double-click) or a folder dropped on the program: preview it.
    if let Some(code) = preview::from_args(&args) {
        return code;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            EXIT_USAGE
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Build {
            root,
            out,
            audience,
            base_url,
        } => {
            let mut opts = BuildOptions::new(&root);
            if let Some(out) = out {
                opts.out = out;
            }
            opts.audiences = match audience {
                AudienceArg::Public => vec![Audience::Public],
                AudienceArg::Internal => vec![Audience::Internal],
                AudienceArg::All => vec![Audience::Public, Audience::Internal],
            };
            opts.base_url = base_url;
            report(site::build(&opts)?, false)
        }
        Command::Check { root } => {
            let mut opts = BuildOptions::new(&root);
            opts.dry_run = true;
            report(site::build(&opts)?, true)
        }
        Command::Serve {
            root,
            bind,
            port,
            audience,
        } => {
            let audience = match audience {
                ServeAudience::Public => Audience::Public,
                ServeAudience::Internal => Audience::Internal,
            };
            serve::serve(serve::ServeOptions {
                root,
                bind,
                port,
                audience,
            })?;
            Ok(EXIT_OK)
        }
        Command::New { what } => {
            let path = match what {
                NewKind::Minutes {
                    meeting,
                    date,
                    root,
                } => new::minutes(&root, &meeting, &date)?,
                NewKind::Contest(n) => new::contest(&n.root, n.slug(), n.title.as_deref())?,
                NewKind::Page(n) => new::page(&n.root, n.slug(), n.title.as_deref())?,
            };
            println!("created {}", diag::slash(&path));
            Ok(EXIT_OK)
        }
    }
}

/// Print diagnostics and the summary; the exit code follows the errors.
fn report(outcome: BuildOutcome, check: bool) -> anyhow::Result<i32> {
    let mut err = std::io::stderr().lock();
    match outcome {
        BuildOutcome::Built(r) => {
            write!(err, "{}", r.warnings.render())?;
            if check {
                println!(
                    "checked {} pages, {} tables, {} QR codes: no errors",
                    r.pages, r.tables, r.qr_codes
                );
            } else {
                println!("{}", r.summary());
            }
            Ok(EXIT_OK)
        }
        BuildOutcome::Failed(d) => {
            write!(err, "{}", d.render())?;
            let n = d.error_count();
            writeln!(
                err,
                "{}: {n} error{}; nothing was written",
                if check {
                    "check failed"
                } else {
                    "build failed"
                },
                if n == 1 { "" } else { "s" }
            )?;
            Ok(EXIT_CONTENT)
        }
    }
}
