//! Tests of the preview HTTP layer against a fake output dir.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;
use crate::serve::State;
use crate::serve::server::Limits;
use crate::test_support::http::{exchange, get, get_as, header};

#[test]
fn splits_safe_paths_and_refuses_traversal() {
    let ok: &[(&str, &[&str])] = &[
        ("/", &[]),
        ("/hello/", &["hello"]),
        ("/a/./b//c.css", &["a", "b", "c.css"]),
        ("/%E0%B8%A7%E0%B8%B2%E0%B8%A3%E0%B8%B0/", &["วาระ"]),
        ("/files/100%25.pdf", &["files", "100%.pdf"]),
        ("/a%20b.txt", &["a b.txt"]),
    ];
    for (raw, want) in ok {
        let got = safe_segments(raw);
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, Some(want), "{raw}");
    }
    let bad = [
        "/../Cargo.toml",
        "/%2e%2e/x",
        "/%2E%2E/x",
        "/..%2fx",
        "/..%2Fx",
        "/%252e%252e/x",
        "/%252e%252e%252fx",
        "/a%252fb",
        "/a/../../x",
        "/a/..",
        "/..\\x",
        "/%5c..%5cx",
        "/a%00.html",
        "/%ff.html",
        "relative/path",
        "",
    ];
    for raw in bad {
        assert_eq!(safe_segments(raw), None, "{raw}");
    }
}

#[test]
fn injects_banner_and_script_before_the_last_body_end() {
    let cases = [
        (
            "<html><body><p>x</p></body></html>",
            "<p>x</p><style>",
            "</body></html>",
        ),
        ("<HTML><BODY>x</BODY></HTML>", "x<style>", "</BODY></HTML>"),
        ("<p>no body tag</p>", "<p>no body tag</p><style>", "\n"),
    ];
    for (html, starts, ends) in cases {
        let out = inject(html, 7, Audience::Internal);
        assert!(out.contains(starts), "{out}");
        assert!(out.ends_with(ends), "{out}");
        assert!(out.contains("<script src=\"/__wara/reload.js\" defer data-generation=\"7\">"));
        assert!(out.contains(
            "<div class=\"serve-banner\" role=\"status\">ตัวอย่าง (preview) — ภายใน</div>"
        ));
    }
    assert!(inject("<body></body>", 1, Audience::Public).contains("— สาธารณะ</div>"));
}

/// A fake output dir: an index, a page, a 404 page and a file outside the root.
fn fake_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("out/internal");
    std::fs::create_dir_all(root.join("hello")).unwrap();
    std::fs::create_dir_all(root.join("files")).unwrap();
    std::fs::write(root.join("index.html"), "<html><body>home</body></html>").unwrap();
    std::fs::write(
        root.join("hello/index.html"),
        "<html><body>hello page</body></html>",
    )
    .unwrap();
    std::fs::write(root.join("404.html"), "<html><body>site 404</body></html>").unwrap();
    std::fs::write(root.join("files/a.csv"), "อำเภอ,บาท\n").unwrap();
    std::fs::write(dir.path().join("out/secret.txt"), "SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("out/secret.txt"), root.join("link.txt")).unwrap();
    (dir, root)
}

struct Running {
    port: u16,
    state: Arc<State>,
    server: Arc<Server>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.state.stop();
        self.server.stop();
    }
}

fn start(root: &Path) -> Running {
    start_with(root, Limits::default())
}

fn start_with(root: &Path, limits: Limits) -> Running {
    let bind: std::net::IpAddr = "127.0.0.1".parse().unwrap();
    let server = Arc::new(Server::bind(SocketAddr::new(bind, 0), limits).unwrap());
    let port = server.port();
    let state = Arc::new(State::new(root.to_path_buf(), Audience::Internal));
    state.publish(String::new(), String::new());
    spawn(
        Arc::clone(&server),
        Arc::clone(&state),
        Hosts::new(bind, port),
    )
    .unwrap();
    Running {
        port,
        state,
        server,
    }
}

/// The types the page-level test in tests/cli/serve.rs does not reach: photo
/// renditions, scripts, upper-case extensions and files without one, each served from
/// disk with the bytes it holds.
#[test]
fn serves_photos_scripts_and_odd_names_with_the_type_a_browser_needs() {
    let (_dir, root) = fake_site();
    let files: [(&str, &[u8], &str); 6] = [
        (
            "search.js",
            b"let x = 1;\n",
            "text/javascript; charset=utf-8",
        ),
        ("logo.PNG", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "image/jpeg"),
        ("photo.webp", b"RIFF\0\0\0\0WEBP", "image/webp"),
        (
            "alloc.csv",
            "\u{feff}อำเภอ,บาท\n".as_bytes(),
            "text/csv; charset=utf-8",
        ),
        ("README", b"plain", "application/octet-stream"),
    ];
    for (name, bytes, _) in files {
        std::fs::write(root.join("files").join(name), bytes).unwrap();
    }
    let srv = start(&root);
    for (name, bytes, want) in files {
        let (status, head, body) = get(srv.port, &format!("/files/{name}"));
        assert_eq!(status, 200, "{name}");
        assert_eq!(header(&head, "content-type"), Some(want), "{name}: {head}");
        assert_eq!(
            body.as_bytes(),
            String::from_utf8_lossy(bytes).as_bytes(),
            "{name}"
        );
    }
}

#[test]
fn serves_pages_files_and_the_site_404() {
    let (_dir, root) = fake_site();
    let srv = start(&root);
    let (st, head, body) = get(srv.port, "/");
    assert_eq!(st, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.starts_with("<html><body>home<style>"), "{body}");
    let (st, _, body) = get(srv.port, "/hello/?x=1");
    assert_eq!(st, 200);
    assert!(
        body.contains("hello page") && body.contains("serve-banner"),
        "{body}"
    );
    let (st, head, _) = get(srv.port, "/hello");
    assert_eq!(st, 301);
    assert!(head.contains("location: /hello/"), "{head}");
    std::fs::create_dir(root.join("วาระ")).unwrap();
    let (st, head, _) = get(srv.port, "/%E0%B8%A7%E0%B8%B2%E0%B8%A3%E0%B8%B0");
    assert_eq!(st, 301);
    assert!(
        head.contains("location: /%e0%b8%a7%e0%b8%b2%e0%b8%a3%e0%b8%b0/\r"),
        "{head}"
    );
    let (st, head, body) = get(srv.port, "/files/a.csv");
    assert_eq!(st, 200);
    assert!(
        head.contains("content-type: text/csv; charset=utf-8"),
        "{head}"
    );
    assert_eq!(body, "อำเภอ,บาท\n", "CSV is served as is");
    let (st, _, body) = get(srv.port, "/nope/");
    assert_eq!(st, 404);
    assert!(
        body.contains("site 404") && body.contains("/__wara/reload.js"),
        "{body}"
    );
    let (st, head, body) = get(srv.port, "/__wara/reload.js");
    assert_eq!(st, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(body.contains("/__wara/poll"));
}

#[test]
fn never_serves_a_file_outside_the_output() {
    let (_dir, root) = fake_site();
    let srv = start(&root);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/a/../../secret.txt",
        "/link.txt",
        "/..\\secret.txt",
    ] {
        let (st, _, body) = get(srv.port, path);
        assert!(st == 400 || st == 404, "{path}: {st}");
        assert!(!body.contains("SECRET"), "{path}: {body}");
    }
}

#[test]
fn long_poll_answers_at_once_when_behind_and_waits_for_a_rebuild() {
    let (_dir, root) = fake_site();
    let srv = start(&root);
    let (_, head, body) = get(srv.port, "/__wara/poll");
    assert!(head.contains("application/json"), "{head}");
    assert_eq!(body, r#"{"errors":"","generation":1,"warnings":""}"#);
    let (_, _, body) = get(srv.port, "/__wara/poll?gen=0");
    assert_eq!(body, r#"{"errors":"","generation":1,"warnings":""}"#);

    let state = Arc::clone(&srv.state);
    let publisher = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        state.publish("content/hello.md:2:1: error: bad\n".into(), String::new());
    });
    let started = Instant::now();
    let (_, _, body) = get(srv.port, "/__wara/poll?gen=1");
    let waited = started.elapsed();
    publisher.join().unwrap();
    assert_eq!(
        body,
        r#"{"errors":"content/hello.md:2:1: error: bad\n","generation":2,"warnings":""}"#
    );
    // A good build's warnings are published beside it, for the non-blocking panel.
    srv.state.publish(
        String::new(),
        "content/hello.md:3:1: warning: มติที่ประชุม\n".into(),
    );
    let (_, _, body) = get(srv.port, "/__wara/poll?gen=2");
    assert_eq!(
        body,
        r#"{"errors":"","generation":3,"warnings":"content/hello.md:3:1: warning: มติที่ประชุม\n"}"#
    );
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    // Pages are still served from the last good output.
    let (st, _, body) = get(srv.port, "/hello/");
    assert_eq!(st, 200);
    assert!(body.contains("hello page"));
}

#[test]
fn refuses_a_host_that_does_not_name_this_server() {
    let (_dir, root) = fake_site();
    let srv = start(&root);
    let port = srv.port;
    for host in [
        "evil.example".to_owned(),
        format!("attacker.com:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1:1".to_owned(),
    ] {
        let (st, head, body) = get_as(port, "/hello/", &host);
        assert_eq!(st, 421, "{host}");
        assert!(head.contains("text/plain"), "{host}: {head}");
        assert!(
            body.contains("ไม่ตอบชื่อโฮสต์") && body.contains("does not answer"),
            "{host}: {body}"
        );
        assert!(!body.contains("hello page"), "{host}: {body}");
    }
    // No Host at all (HTTP/1.0 style) is refused too.
    let (st, _, body) = exchange(port, b"GET /hello/ HTTP/1.0\r\n\r\n");
    assert_eq!(st, 421, "{body}");
    // Two Host headers: malformed.
    let raw =
        format!("GET /hello/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(exchange(port, raw.as_bytes()).0, 400);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (st, _, body) = get_as(port, "/hello/", &host);
        assert_eq!(st, 200, "{host}");
        assert!(body.contains("hello page"), "{host}: {body}");
    }
}

#[test]
fn redirects_a_directory_only_to_a_path_on_this_server() {
    let (_dir, root) = fake_site();
    std::fs::create_dir_all(root.join("evil.example/x")).unwrap();
    let srv = start(&root);
    for (path, want) in [
        ("//hello", "/hello/"),
        ("///hello", "/hello/"),
        ("//evil.example/x", "/evil.example/x/"),
        ("/./evil.example//x", "/evil.example/x/"),
    ] {
        let (st, head, _) = get(srv.port, path);
        assert_eq!(st, 301, "{path}");
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: {head}"));
        assert_eq!(location, want, "{path}");
        assert!(!location.starts_with("//"), "{path}: {location}");
    }
}

#[test]
fn idle_connections_do_not_lock_out_a_real_request() {
    let (_dir, root) = fake_site();
    let limits = Limits {
        max_connections: 8,
        ..Limits::default()
    };
    let srv = start_with(&root, limits);
    let idle: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(("127.0.0.1", srv.port)).unwrap())
        .collect();
    // Some idle ones have sent half a request line, as slowloris does.
    for mut s in idle.iter().take(20) {
        s.write_all(b"GET / HTTP/1.1\r\nX-a: ").unwrap();
    }
    let started = Instant::now();
    let (st, _, body) = get(srv.port, "/hello/");
    assert_eq!(st, 200, "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Evictions run on the accept thread: on a loaded machine give it a moment.
    let settle = Instant::now();
    while srv.server.active() > 2 * 8 && settle.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(srv.server.active() <= 2 * 8, "{}", srv.server.active());
    drop(idle);
}

#[test]
fn a_client_that_sends_nothing_is_closed_after_the_deadline() {
    let (_dir, root) = fake_site();
    let limits = Limits {
        head_deadline: Duration::from_millis(300),
        ..Limits::default()
    };
    let srv = start_with(&root, limits);
    let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let n = s.read_to_end(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "closed without an answer");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_huge_request_head_is_refused_not_buffered() {
    let (_dir, root) = fake_site();
    let srv = start(&root);
    let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nX-Big: ").unwrap();
    // Keep sending until the server answers and closes: it must stop reading
    // long before 100 MB.
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 100 * 1024 * 1024 {
        match s.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(sent < 100 * 1024 * 1024, "the server kept reading");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    let (st, _, _) = get(srv.port, "/hello/");
    assert_eq!(st, 200, "still serving");
}

#[test]
fn long_polls_wait_without_a_thread_each_and_are_bounded() {
    let (_dir, root) = fake_site();
    let limits = Limits {
        max_parked: 10,
        ..Limits::default()
    };
    let srv = start_with(&root, limits);
    let port = srv.port;
    let waiting: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let raw = format!("GET /__wara/poll?gen=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
            s.write_all(raw.as_bytes()).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            s
        })
        .collect();
    let started = Instant::now();
    while srv.server.parked_count() < 10 {
        assert!(started.elapsed() < Duration::from_secs(5), "not parked");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(srv.server.active(), 0, "no connection thread per long-poll");
    // Over the bound: come back later.
    let (st, head, _) = get(port, "/__wara/poll?gen=1");
    assert_eq!(st, 503);
    assert!(head.contains("retry-after: 1"), "{head}");
    // A client that leaves is forgotten.
    let mut waiting = waiting;
    drop(waiting.pop());
    let started = Instant::now();
    while srv.server.parked_count() > 9 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "gone client kept"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    srv.state.publish(String::new(), String::new());
    for mut s in waiting {
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(
            answer.ends_with(r#"{"errors":"","generation":2,"warnings":""}"#),
            "{answer}"
        );
    }
}
