//! Double-click to preview (issue 16): `wara` with no arguments in a site
//! folder, or with a site folder dropped on it, serves the site and says in
//! Thai how to stop; no site gets a Thai message and a clean exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use super::Fixture;

/// Start wara with `args` in `cwd`, wait (bounded) for its preview URL, GET it,
/// stop wara, and return the console text and the page.
fn preview(cwd: &Path, args: &[&Path]) -> (String, String) {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wara"))
        .args(args)
        .current_dir(cwd)
        .env("WARA_NO_BROWSER", "1")
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn wara");
    let out = child.stdout.take().expect("stdout");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut console = String::new();
    let mut page = None;
    let start = Instant::now();
    while page.is_none() && start.elapsed() < Duration::from_secs(30) {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            console.push_str(&line);
            console.push('\n');
        }
        let port = console
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|p| p.parse::<u16>().ok());
        if let Some(port) = port {
            page = get(port);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let page = page.unwrap_or_else(|| panic!("no preview answered within 30 s:\n{console}"));
    (console, page)
}

fn get(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    let status = body.lines().next().unwrap_or("");
    (status.starts_with("HTTP/1.") && status.contains(" 200 ")).then_some(body)
}

#[test]
fn no_arguments_in_a_site_folder_previews_it_and_says_how_to_stop() {
    let f = Fixture::new("minimal");
    let (console, page) = preview(f.root(), &[]);
    assert!(console.contains("กำลังแสดงตัวอย่างเว็บไซต์"), "{console}");
    assert!(console.contains("กด Ctrl+C"), "{console}");
    assert!(page.contains("สวัสดี"), "{page}");
}

#[test]
fn a_site_folder_dropped_on_wara_is_previewed() {
    let f = Fixture::new("minimal");
    let elsewhere = tempfile::tempdir().expect("tmp");
    // Dropped: the folder itself, or the folder that holds it.
    let (_, page) = preview(elsewhere.path(), &[f.root()]);
    assert!(page.contains("สวัสดี"), "{page}");
    let parent = tempfile::tempdir().expect("tmp");
    super::copy_tree(f.root(), &parent.path().join("เว็บไซต์"));
    let (console, page) = preview(elsewhere.path(), &[parent.path()]);
    assert!(console.contains("เว็บไซต์"), "{console}");
    assert!(page.contains("สวัสดี"), "{page}");
}

#[test]
fn no_site_folder_is_a_thai_message_not_a_hang() {
    let empty = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_wara"))
        .current_dir(empty.path())
        .env("WARA_NO_BROWSER", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run wara");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ไม่พบโฟลเดอร์เว็บไซต์"), "{stderr}");
    assert!(stderr.contains("no site folder"), "{stderr}");
}
