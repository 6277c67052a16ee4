//! Double-click to preview (issue 16). `wara` started with no arguments (from
//! Explorer, in or beside a site folder) or with a site folder dropped on it
//! serves that site like `wara serve`, opens the default browser on the
//! preview, and tells the person at the console, in Thai, what is happening and
//! how to stop. A site it cannot find gets a message that stays on screen.
//!
//! The console shows Thai without changing its code page: Rust's standard
//! library writes to a Windows console with `WriteConsoleW` (UTF-16), so the
//! output code page (`SetConsoleOutputCP`, `chcp 65001`) only matters to
//! programs that write bytes; redirected output is UTF-8 bytes as on Linux.
//! So wara needs no `unsafe` and no `windows-sys` for it.

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::config::CONFIG_FILE;
use crate::{EXIT_OK, EXIT_USAGE, messages, serve};

/// The first arguments that are wara's own commands, never a dropped folder.
const COMMANDS: &[&str] = &["build", "check", "serve", "new", "help"];

/// The preview port wara tries first (as `wara serve`), then the next ones.
const FIRST_PORT: u16 = 1111;

/// When the arguments ask for the double-click preview (none, or one existing
/// path that is not a command or an option), run it and return the exit code.
pub fn from_args(args: &[OsString]) -> Option<i32> {
    match args {
        [_] => Some(run(None)),
        [_, one] => {
            let s = one.to_string_lossy();
            let path = Path::new(one);
            (!s.starts_with('-') && !COMMANDS.contains(&s.as_ref()) && path.exists())
                .then(|| run(Some(path)))
        }
        _ => None,
    }
}

/// The folder holding `site.yaml` for a path given (a site folder, or a file or
/// folder inside one), or else near the current folder or the program.
/// `Err` lists where it looked.
pub fn find_site(given: Option<&Path>) -> Result<PathBuf, Vec<PathBuf>> {
    if let Some(p) = given {
        let p = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        if let Some(site) = p.ancestors().find(|a| a.join(CONFIG_FILE).is_file()) {
            return Ok(site.to_path_buf());
        }
        return site_below(&p).ok_or_else(|| vec![p]);
    }
    let mut tried = Vec::new();
    let here = std::env::current_dir().ok();
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf));
    for dir in [here, exe_dir].into_iter().flatten() {
        if tried.contains(&dir) {
            continue;
        }
        if let Some(site) = site_below(&dir) {
            return Ok(site);
        }
        tried.push(dir);
    }
    Err(tried)
}

/// `dir` when it holds `site.yaml`, else its first sub-folder (by name) that does.
fn site_below(dir: &Path) -> Option<PathBuf> {
    if dir.join(CONFIG_FILE).is_file() {
        return Some(dir.to_path_buf());
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(CONFIG_FILE).is_file())
        .collect();
    subs.sort();
    subs.into_iter().next()
}

/// A free port on 127.0.0.1: 1111 if it is, else the next free one up to 1130,
/// else one the system picks.
fn free_port() -> u16 {
    (FIRST_PORT..FIRST_PORT + 20)
        .find(|&p| TcpListener::bind((Ipv4Addr::LOCALHOST, p)).is_ok())
        .or_else(|| {
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .ok()
        })
        .unwrap_or(FIRST_PORT)
}

fn run(given: Option<&Path>) -> i32 {
    let root = match find_site(given) {
        Ok(root) => root,
        Err(tried) => {
            let tried: Vec<String> = tried.iter().map(|p| shown(p)).collect();
            let m = messages::preview_no_site(&tried.join(", "));
            eprintln!("{}\n({})", m.th, m.en);
            pause();
            return EXIT_USAGE;
        }
    };
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/");
    let m = messages::preview_started(&shown(&root), &url);
    println!("{}\n({})", m.th, m.en);
    open_browser_when_ready(port);
    let mut opts = serve::ServeOptions::new(&root);
    opts.port = port;
    match serve::serve(opts) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let m = messages::preview_stopped(&format!("{e:#}"));
            eprintln!("{}\n({})", m.th, m.en);
            pause();
            EXIT_USAGE
        }
    }
}

/// A path as people read it: no `\\?\` prefix, `/` between folders.
fn shown(p: &Path) -> String {
    let s = p.display().to_string();
    s.strip_prefix(r"\\?\").unwrap_or(&s).replace('\\', "/")
}

/// On Windows, keep a console window that would close with the program open
/// until Enter is pressed, so its message can be read.
fn pause() {
    if cfg!(windows) && std::io::stdin().is_terminal() {
        eprintln!("{}", messages::press_enter_to_close());
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
}

/// Open the default browser once the preview answers (the first build done),
/// in the background; `WARA_NO_BROWSER=1` skips it (tests, servers).
fn open_browser_when_ready(port: u16) {
    if std::env::var_os("WARA_NO_BROWSER").is_some_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if answers(port) {
                if let Err(e) = open_browser(&format!("http://127.0.0.1:{port}/")) {
                    println!("{}", messages::cannot_open_browser(&e.to_string()));
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
}

/// Does the preview answer its home page with 200?
fn answers(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let req = format!("GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 16];
    let n = s.read(&mut head).unwrap_or(0);
    head[..n].starts_with(b"HTTP/1.") && head[..n].windows(5).any(|w| w == b" 200 ")
}

/// Hand a URL to the system's default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/c", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_options_are_never_a_dropped_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(from_args(&["wara".into(), "--version".into()]), None);
        assert_eq!(from_args(&["wara".into(), "build".into()]), None);
        assert_eq!(
            from_args(&["wara".into(), "serve".into(), ".".into()]),
            None
        );
        let missing = dir.path().join("nope");
        assert_eq!(from_args(&["wara".into(), missing.into()]), None);
    }

    #[test]
    fn a_site_is_found_from_inside_it_or_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("เว็บไซต์ ลพบุรี");
        std::fs::create_dir_all(site.join("content/minutes")).unwrap();
        std::fs::write(site.join(CONFIG_FILE), "title: x\n").unwrap();
        let site = site.canonicalize().unwrap();
        // The folder, a folder inside it, and the folder beside it.
        assert_eq!(find_site(Some(&site)), Ok(site.clone()));
        assert_eq!(
            find_site(Some(&site.join("content/minutes"))),
            Ok(site.clone())
        );
        assert_eq!(find_site(Some(dir.path())), Ok(site.clone()));
        let empty = tempfile::tempdir().unwrap();
        assert!(find_site(Some(empty.path())).is_err());
    }
}
