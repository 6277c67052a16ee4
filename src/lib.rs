//! wara (วาระ): a static site generator for the meeting minutes, budget tables,
//! contest announcements and documents of a Thai government office.
//!
//! Data flow: `cli` → `options::BuildOptions` → `site::build`, a chain of stages:
//! `site::load` (`config`, and `content::load`: front matter, the access rule, shortcode
//! scan) → `site::check` (links, file references) → `site::render` (`markdown`, Tera
//! templates and view structs of `render`; listings, feeds, calendar, search) →
//! `site::assets` (static files, photos) → `site::write` (staged, then switched in all or
//! nothing, pruning only files its manifest says it wrote).
//! `check` is the same pipeline without the write; `serve` is it plus a
//! watcher, an HTTP thread and `serve::incremental` (rebuild what an edit affects).

mod cli;
mod config;
mod content;
mod diag;
mod files;
mod hash;
mod images;
mod markdown;
mod messages;
mod new;
mod options;
mod preview;
mod qr;
mod render;
mod serve;
mod site;
mod slug;
mod source;
mod tables;
// Shared with tests/cli and examples/make_photos.rs, each of which uses a part of it.
#[cfg(test)]
#[allow(dead_code)]
mod test_support;
mod thai;
mod yaml;

/// Entry points for the `cargo fuzz` targets in `fuzz/` and the benchmarks in `benches/`:
/// thin wrappers over crate-private internals. Not part of wara's API.
#[doc(hidden)]
pub mod fuzz_api;

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
    let lang = cli
        .lang
        .clone()
        .or_else(|| std::env::var("WARA_LANG").ok())
        .unwrap_or_default();
    match diag::Lang::parse(&lang) {
        Some(l) => l.set(),
        None => {
            eprintln!("{}", messages::bad_lang(&lang));
            return EXIT_USAGE;
        }
    }
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e}", messages::error_word());
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
            drafts,
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
            if drafts {
                // Drafts only ever go to a folder of their own, for staff to review.
                opts.out = opts.out.join("drafts");
                opts.audiences = vec![Audience::Internal];
                opts.include_drafts = true;
                eprintln!("{}", messages::drafts_folder(&opts.out));
            }
            report(site::build(&opts)?, Report::Build)
        }
        Command::Check { root, strict } => {
            let mut opts = BuildOptions::new(&root);
            opts.dry_run = true;
            report(
                site::build(&opts)?,
                if strict {
                    Report::StrictCheck
                } else {
                    Report::Check
                },
            )
        }
        Command::Serve {
            root,
            bind,
            port,
            audience,
            hide_drafts,
        } => {
            let audience = audience.map(|a| match a {
                ServeAudience::Public => Audience::Public,
                ServeAudience::Internal => Audience::Internal,
            });
            serve::serve(serve::ServeOptions {
                root,
                bind,
                port,
                audience,
                hide_drafts,
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
            println!("{}", messages::created(&path));
            Ok(EXIT_OK)
        }
    }
}

/// What the summary reports on: a build, a check, or a check that fails on warnings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Report {
    Build,
    Check,
    StrictCheck,
}

/// Print diagnostics and the summary; the exit code follows the errors (and, with
/// `check --strict`, the warnings).
fn report(outcome: BuildOutcome, kind: Report) -> anyhow::Result<i32> {
    let mut err = std::io::stderr().lock();
    let check = kind != Report::Build;
    match outcome {
        BuildOutcome::Built(r) => {
            write!(err, "{}", r.warnings.render())?;
            let warnings = r.warnings.sorted().len();
            if warnings > 0 {
                writeln!(err, "{}", messages::warnings_count(warnings))?;
            }
            if kind == Report::StrictCheck && warnings > 0 {
                writeln!(err, "{}", messages::strict_failed(warnings))?;
                return Ok(EXIT_CONTENT);
            }
            if check {
                println!("{}", messages::check_ok(r.pages, r.tables, r.qr_codes));
            } else {
                println!("{}", r.summary());
            }
            Ok(EXIT_OK)
        }
        BuildOutcome::Failed(d) => {
            write!(err, "{}", d.render())?;
            writeln!(err, "{}", messages::failed(check, d.error_count()))?;
            Ok(EXIT_CONTENT)
        }
    }
}
