//! The whole serve loop in-process, with a fake build: watch → rebuild →
//! HTTP → long-poll, a failed build kept out of the served pages, clean stop.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::time::{Duration, Instant};

use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::BuildReport;
use crate::test_support::http::get;

/// Console lines go to a channel, so the test can read the port.
struct Lines(Sender<String>, Vec<u8>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.1.extend_from_slice(buf);
        while let Some(i) = self.1.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.1.drain(..=i).collect();
            let _ = self
                .0
                .send(String::from_utf8_lossy(&line).trim_end().to_owned());
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Each `content/<name>.md` becomes `/<name>/` holding its text; a file
/// containing `broken` fails the build. Written to staging, then swapped.
fn fake_build(
    opts: &BuildOptions,
    _changed: Option<&[std::path::PathBuf]>,
) -> anyhow::Result<BuildOutcome> {
    let dest = opts.out.join(opts.audiences[0].dir_name());
    let staging = opts.out.join(".staging");
    let _ = std::fs::remove_dir_all(&staging);
    let mut diags = Diagnostics::new();
    for entry in std::fs::read_dir(opts.root.join("content"))? {
        let path = entry?.path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        if text.contains("broken") {
            let rel = format!("content/{name}.md");
            diags.push(Diagnostic::error(rel, "unknown key `colour`"));
            continue;
        }
        std::fs::create_dir_all(staging.join(name))?;
        let html = format!("<html><body>{text}</body></html>");
        std::fs::write(staging.join(name).join("index.html"), html)?;
    }
    if diags.has_errors() {
        return Ok(BuildOutcome::Failed(diags));
    }
    let _ = std::fs::remove_dir_all(&dest);
    std::fs::rename(&staging, &dest)?;
    Ok(BuildOutcome::Built(BuildReport::default()))
}

fn body_of(port: u16, path: &str) -> String {
    get(port, path).2
}

/// Long-poll until the generation passes `seen`: (generation, errors).
fn after(port: u16, seen: u64) -> (u64, String) {
    let started = Instant::now();
    loop {
        let body = body_of(port, &format!("/__wara/poll?gen={seen}"));
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let generation = v["generation"].as_u64().unwrap();
        if generation > seen {
            return (generation, v["errors"].as_str().unwrap().to_owned());
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no rebuild after {seen}"
        );
    }
}

fn wait_for(what: &str, within: Duration, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < within, "not within {within:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn rebuilds_on_save_keeps_the_last_good_build_and_stops_cleanly() {
    let site = tempfile::tempdir().unwrap();
    let hello = site.path().join("content/hello.md");
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::write(&hello, "first-version").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, lines) = channel();
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::new(site.path())
    };
    let stopper = Arc::clone(&stop);
    let serving = std::thread::spawn(move || {
        let stop = move || stopper.load(Ordering::SeqCst);
        run(&opts, &mut fake_build, &stop, &mut Lines(tx, Vec::new()))
    });
    let first = lines.recv_timeout(Duration::from_secs(10)).unwrap();
    let port: u16 = first
        .strip_prefix("serving internal on http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("first line {first:?}"));
    assert!(body_of(port, "/hello/").contains("first-version"));
    assert_eq!(
        body_of(port, "/__wara/poll"),
        r#"{"errors":"","generation":1,"warnings":""}"#
    );

    std::fs::write(site.path().join("content/hello.md.tmp"), "second-version").unwrap();
    std::fs::rename(site.path().join("content/hello.md.tmp"), &hello).unwrap();
    wait_for("the atomic save served", Duration::from_secs(2), || {
        body_of(port, "/hello/").contains("second-version")
    });
    let (good, errors) = after(port, 1);
    assert_eq!(errors, "");

    std::fs::write(&hello, "broken-version").unwrap();
    let (broken, errors) = after(port, good);
    assert_eq!(errors, "content/hello.md: error: unknown key `colour`\n");
    let (status, _, page) = get(port, "/hello/");
    assert_eq!(status, 200);
    assert!(
        page.contains("second-version"),
        "last good page kept: {page}"
    );

    std::fs::write(&hello, "third-version").unwrap();
    let (_, errors) = after(port, broken);
    assert_eq!(errors, "", "the fix clears the error");
    assert!(body_of(port, "/hello/").contains("third-version"));

    let out = out::parent_dir().join(format!("wara-serve-{}", std::process::id()));
    assert!(out.is_dir());
    stop.store(true, Ordering::SeqCst);
    let started = Instant::now();
    while !serving.is_finished() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    serving.join().unwrap().unwrap();
    assert!(!out.exists(), "temp output removed");
    let rest: Vec<String> = lines.try_iter().collect();
    assert_eq!(
        rest.last().map(String::as_str),
        Some("หยุดแสดงตัวอย่างแล้ว (stopped)"),
        "{rest:?}"
    );
}

#[test]
fn finds_a_lan_address_only_for_non_loopback_binds() {
    let given: IpAddr = "192.168.1.20".parse().unwrap();
    assert_eq!(lan_address(given), Some(given));
    // On a wildcard bind the phone needs an address of this machine that is neither
    // loopback nor the wildcard: one a listener can bind. (The test needs a network
    // interface with a route, as a phone on the same network does.)
    let ip = lan_address("0.0.0.0".parse().unwrap())
        .expect("a LAN address for a wildcard bind: this machine has a non-loopback IPv4 route");
    assert!(
        ip.is_ipv4() && !ip.is_loopback() && !ip.is_unspecified(),
        "{ip}"
    );
    std::net::TcpListener::bind((ip, 0))
        .unwrap_or_else(|e| panic!("{ip} is not an address of this machine: {e}"));
    assert_eq!(
        lan_address("127.0.0.1".parse().unwrap()),
        Some("127.0.0.1".parse().unwrap())
    );
}

#[test]
fn prints_the_phone_url_with_a_terminal_qr_code() {
    let mut out = Vec::new();
    print_phone_hint(&mut out, "http://192.168.1.20:1111").unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(
            "เปิดบนโทรศัพท์ที่อยู่ในเครือข่ายเดียวกัน: http://192.168.1.20:1111/ (open on a phone: http://192.168.1.20:1111/)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains('▀') || text.contains('▄') || text.contains('█'),
        "{text}"
    );
    assert_eq!(url("::1".parse().unwrap(), 80), "http://[::1]:80");
}

#[test]
fn the_staff_portal_stays_off_the_network_unless_asked_for() {
    let at = |bind: &str, audience: Option<Audience>| ServeOptions {
        bind: bind.parse().unwrap(),
        audience,
        ..ServeOptions::new(".")
    };
    assert_eq!(at("127.0.0.1", None).shown_audience(), Audience::Internal);
    assert_eq!(at("::1", None).shown_audience(), Audience::Internal);
    assert_eq!(at("0.0.0.0", None).shown_audience(), Audience::Public);
    assert_eq!(at("::", None).shown_audience(), Audience::Public);
    assert_eq!(at("192.168.1.20", None).shown_audience(), Audience::Public);
    let asked = at("0.0.0.0", Some(Audience::Internal));
    assert_eq!(asked.shown_audience(), Audience::Internal);
    assert!(asked.exposes_internal());
    assert!(!at("127.0.0.1", Some(Audience::Internal)).exposes_internal());
    let warning = internal_warning("0.0.0.0".parse().unwrap());
    assert!(warning.starts_with("คำเตือน: พอร์ทัลภายใน"), "{warning}");
    assert!(warning.contains("visible to every device"), "{warning}");
}
