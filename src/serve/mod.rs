//! `wara serve`: build into a private temp dir, serve it over HTTP, watch the
//! sources, rebuild on change and make open pages reload (SPEC §9).
//!
//! Threads: the caller's thread watches and rebuilds; `server` accepts
//! connections (a bounded number, one short-lived thread each) and parks
//! long-polls on one thread of their own. They share a [`State`]: the
//! generation counter and the last build's errors.

mod host;
mod http;
mod incremental;
mod out;
mod server;
pub(crate) mod watch;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};

use crate::messages;
use crate::options::{Audience, BuildOptions};
use crate::site::BuildOutcome;
use incremental::Incremental;

pub use watch::{Change, classify};

/// What `wara serve` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (holds `site.yaml`, `content/`, ...).
    pub root: PathBuf,
    /// Address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port to listen on; 0 picks any free port.
    pub port: u16,
    /// Which audience's build is shown; `None` picks by the bind address
    /// (see [`ServeOptions::shown_audience`]).
    pub audience: Option<Audience>,
    /// Leave drafts out, as `build` does (they are shown by default).
    pub hide_drafts: bool,
}

impl ServeOptions {
    /// The defaults of SPEC §2: `127.0.0.1:1111`, internal audience, drafts shown.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            audience: None,
            hide_drafts: false,
        }
    }

    /// The audience shown: the one asked for, else internal on a loopback
    /// bind and public on any other (the staff portal stays off the network
    /// unless asked for by name).
    pub fn shown_audience(&self) -> Audience {
        self.audience.unwrap_or(if self.bind.is_loopback() {
            Audience::Internal
        } else {
            Audience::Public
        })
    }

    /// Whether the internal portal is shown beyond this machine.
    fn exposes_internal(&self) -> bool {
        self.shown_audience() == Audience::Internal && !self.bind.is_loopback()
    }
}

/// Build, serve and rebuild until Ctrl-C (SIGINT) or SIGTERM; `Ok(())` on a
/// clean stop, after removing the temp output dir.
pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    signal::install();
    let mut builds = Incremental::new();
    let mut build = |o: &BuildOptions, changed: Option<&[PathBuf]>| builds.build(o, changed);
    run(
        &opts,
        &mut build,
        &signal::requested,
        &mut std::io::stdout(),
    )
}

/// How a site gets built: incrementally through `incremental::Incremental`
/// (`changed` lists the content files of this batch; `None` asks for a full
/// build), or a fake in tests.
type Builder<'a> =
    dyn FnMut(&BuildOptions, Option<&[PathBuf]>) -> anyhow::Result<BuildOutcome> + 'a;

/// The serve loop, with the build, the stop request and the console passed in.
fn run(
    opts: &ServeOptions,
    builder: &mut Builder<'_>,
    stop: &dyn Fn() -> bool,
    console: &mut dyn Write,
) -> anyhow::Result<()> {
    let root = opts
        .root
        .canonicalize()
        .with_context(|| messages::site_root_not_found(&opts.root))?;
    let server = Arc::new(listen(opts.bind, opts.port)?);
    let port = server.port();
    let lan = (!opts.bind.is_loopback())
        .then(|| lan_address(opts.bind))
        .flatten();
    let shown_ip = match lan {
        Some(ip) => ip,
        None if opts.bind.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        None => opts.bind,
    };

    let shown = opts.shown_audience();
    let out = out::TempOut::create()?;
    let state = Arc::new(State::new(out.path.join(shown.dir_name()), shown));
    let build_opts = BuildOptions {
        root: root.clone(),
        out: out.path.clone(),
        audiences: vec![shown],
        base_url: Some(url(shown_ip, port)),
        dry_run: false,
        include_drafts: !opts.hide_drafts,
    };
    // Watch before the first build, so edits made during it are not lost.
    let mut watcher = watch::SourceWatcher::new(&root, &out.path)?;
    let hosts = host::Hosts::new(opts.bind, port);
    let threads = http::spawn(Arc::clone(&server), Arc::clone(&state), hosts)
        .with_context(messages::cannot_start_server)?;
    let first = rebuild(builder, &build_opts, None, &state);

    let audience = shown.dir_name();
    writeln!(console, "serving {audience} on {}/", url(opts.bind, port))?;
    writeln!(
        console,
        "{}",
        messages::serve_audience_line(shown, opts.hide_drafts)
    )?;
    if opts.exposes_internal() {
        writeln!(console, "{}", internal_warning(opts.bind))?;
    }
    if let Some(ip) = lan {
        print_phone_hint(console, &url(ip, port))?;
    }
    writeln!(console, "{first}")?;
    console.flush()?;

    let mut failure = None;
    while !stop() {
        if threads.accept.is_finished() {
            failure = Some(match threads.accept.join() {
                Ok(server::Ended::Failed(why)) => why,
                Ok(server::Ended::Stopped) => messages::accept_stopped().to_string(),
                Err(_) => messages::accept_panicked().to_string(),
            });
            break;
        }
        if let Some(batch) = watcher.next_batch(Duration::from_millis(100)) {
            let incremental = batch.change == Change::Content && !batch.lost_events;
            let changed = incremental.then_some(batch.paths.as_slice());
            let line = rebuild(builder, &build_opts, changed, &state);
            let (change, n) = (batch.change, batch.paths.len());
            writeln!(console, "{}: {line}", messages::serve_change(change, n))?;
            console.flush()?;
        }
    }

    state.stop();
    server.stop();
    let _ = threads.polls.join();
    drop(out);
    if let Some(why) = failure {
        bail!("{}", messages::server_stopped(&why));
    }
    writeln!(console, "{}", messages::serve_stopped())?;
    console.flush()?;
    Ok(())
}

/// Bind the HTTP server; with port 0 the OS picks the port.
fn listen(ip: IpAddr, port: u16) -> anyhow::Result<server::Server> {
    let addr = SocketAddr::new(ip, port);
    server::Server::bind(addr, server::Limits::default())
        .map_err(|e| anyhow!("{}", messages::cannot_listen(addr, &e)))
}

/// Said when `--audience internal` is asked for on a non-loopback bind.
fn internal_warning(bind: IpAddr) -> String {
    format!(
        "คำเตือน: พอร์ทัลภายในสำหรับเจ้าหน้าที่จะเปิดให้ทุกเครื่องในเครือข่ายที่เข้าถึง {bind} ได้เห็น \
         ใช้ --audience public หรือ --bind 127.0.0.1 หากไม่ได้ตั้งใจ \
         (warning: the internal staff portal is visible to every device that can reach {bind})"
    )
}

/// `http://IP:PORT` (IPv6 in brackets), no trailing slash.
fn url(ip: IpAddr, port: u16) -> String {
    format!("http://{}", SocketAddr::new(ip, port))
}

fn print_phone_hint(out: &mut dyn Write, url: &str) -> std::io::Result<()> {
    writeln!(out, "{}", messages::serve_phone(&format!("{url}/")))?;
    match crate::qr::terminal(&format!("{url}/")) {
        Ok(qr) => writeln!(out, "{qr}"),
        Err(e) => writeln!(out, "({})", messages::serve_no_qr(&e)),
    }
}

/// The address other devices on the LAN can reach us at. For an unspecified
/// bind, ask the OS which local address routes to a private network: a UDP
/// `connect` only picks a route, it sends nothing.
fn lan_address(bind: IpAddr) -> Option<IpAddr> {
    if !bind.is_unspecified() {
        return Some(bind);
    }
    let (local, probe) = match bind {
        IpAddr::V4(_) => ("0.0.0.0:0", "10.254.254.254:9"),
        IpAddr::V6(_) => ("[::]:0", "[fd00::1]:9"),
    };
    let sock = UdpSocket::bind(local).ok()?;
    sock.connect(probe).ok()?;
    let ip = sock.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// Run one full build and publish its outcome as a new generation. Never
/// fails: a failed or even panicking build becomes the overlay's text. After a
/// panic, `Incremental` has dropped its session, so the next build is a full one.
fn rebuild(
    builder: &mut Builder<'_>,
    opts: &BuildOptions,
    changed: Option<&[PathBuf]>,
    state: &State,
) -> String {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| builder(opts, changed)));
    let ms = started.elapsed().as_millis();
    let kept = state.site_root().is_dir();
    let mut warnings = String::new();
    let (errors, line) = match result {
        Ok(Ok(BuildOutcome::Built(r))) => {
            if !r.warnings.is_empty() {
                warnings = r.warnings.render();
                eprint!("{warnings}");
            }
            (String::new(), messages::serve_built(r.pages, r.files, ms))
        }
        Ok(Ok(BuildOutcome::Failed(diags))) => {
            let text = diags.render();
            eprint!("{text}");
            let n = diags.error_count();
            (text, messages::serve_failed(Some(n), ms, kept))
        }
        Ok(Err(e)) => {
            let text = format!("{}: {e:#}\n", messages::error_word());
            eprint!("{text}");
            (text, messages::serve_failed(None, ms, kept))
        }
        Err(_) => {
            let text = format!(
                "{}: {}\n",
                messages::error_word(),
                messages::serve_panic_overlay()
            );
            (text, messages::serve_panicked(ms, kept))
        }
    };
    let generation = state.publish(errors, warnings);
    messages::serve_generation(&line, generation).to_string()
}

/// What the watcher publishes and the HTTP threads read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status {
    /// Bumped after every build, good or failed.
    pub(crate) generation: u64,
    /// The failed build's diagnostics; empty when the last build was good.
    pub(crate) errors: String,
    /// The good build's warnings (shown without blocking the preview).
    pub(crate) warnings: String,
}

/// State shared between the rebuild loop and the HTTP threads.
pub(crate) struct State {
    site_root: PathBuf,
    audience: Audience,
    status: Mutex<Status>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl State {
    pub(crate) fn new(site_root: PathBuf, audience: Audience) -> Self {
        Self {
            site_root,
            audience,
            status: Mutex::new(Status {
                generation: 0,
                errors: String::new(),
                warnings: String::new(),
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    /// The output dir of the shown audience (may not exist before a good build).
    pub(crate) fn site_root(&self) -> &Path {
        &self.site_root
    }

    pub(crate) fn audience(&self) -> Audience {
        self.audience
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn status(&self) -> Status {
        self.lock().clone()
    }

    /// Record a finished build and wake every waiting long-poll.
    pub(crate) fn publish(&self, errors: String, warnings: String) -> u64 {
        let mut s = self.lock();
        s.generation += 1;
        s.errors = errors;
        s.warnings = warnings;
        self.changed.notify_all();
        s.generation
    }

    /// Wait until the generation differs from `seen`, the server stops, or
    /// `timeout` passes; then return the current status.
    pub(crate) fn wait_for_change(&self, seen: u64, timeout: Duration) -> Status {
        let deadline = Instant::now() + timeout;
        let mut s = self.lock();
        while s.generation == seen && !self.is_stopping() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            s = self
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        s.clone()
    }

    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.lock();
        self.changed.notify_all();
    }

    pub(crate) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

/// Ctrl+C (SIGINT, and SIGTERM on Unix; the console's Ctrl+C on Windows) sets a
/// flag the rebuild loop polls, so the preview folder is cleaned up on the way out.
mod signal {
    use std::sync::atomic::{AtomicBool, Ordering};

    static REQUESTED: AtomicBool = AtomicBool::new(false);

    pub(super) fn install() {
        // A second install (tests start several servers in one process) is refused by
        // ctrlc: the first handler sets the same flag, so that is fine.
        let _ = ctrlc::set_handler(|| REQUESTED.store(true, Ordering::SeqCst));
    }

    pub(super) fn requested() -> bool {
        REQUESTED.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests;
