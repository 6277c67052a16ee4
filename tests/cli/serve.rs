//! `wara serve` end to end: the real binary on port 0 over a temp copy of
//! `tests/fixtures/serve`, raw HTTP requests, bounded waits everywhere.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{copy_tree, fixture_dir, http};

/// A running `wara serve` on a private copy of a fixture; killed on drop.
struct Served {
    child: Child,
    port: u16,
    /// The audience the first line names.
    audience: String,
    site: tempfile::TempDir,
    /// `TMPDIR` of the server: its private output dir goes in here.
    tmp: tempfile::TempDir,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(fixture: &str) -> Self {
        Self::start_with(fixture, &[], "internal")
    }

    /// Start with extra arguments; `audience` is the one the first line names.
    fn start_with(fixture: &str, args: &[&str], audience: &str) -> Self {
        let s = Self::launch(fixture, args, |_| {}, None);
        assert_eq!(s.audience, audience, "{}", s.stderr());
        s
    }

    /// Start on a copy of `fixture` changed by `prepare`, with extra
    /// arguments, under an open-file limit when one is given.
    fn launch(
        fixture: &str,
        args: &[&str],
        prepare: impl FnOnce(&Path),
        fd_limit: Option<u32>,
    ) -> Self {
        let site = tempfile::tempdir().unwrap();
        copy_tree(&fixture_dir(fixture), site.path());
        prepare(site.path());
        let tmp = tempfile::tempdir().unwrap();
        let mut command = match fd_limit {
            Some(n) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                    .arg(env!("CARGO_BIN_EXE_wara"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_wara")),
        };
        let mut child = command
            .env("TMPDIR", tmp.path())
            .args(["serve", "--root"])
            .arg(site.path())
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, stdout) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (err, sink) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let first = stdout
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!(
                    "no `serving` line within 60 s; stderr:\n{}",
                    stderr.lock().unwrap()
                )
            });
        // `serving AUDIENCE on http://ADDR:PORT/`
        let (audience, port) = first
            .strip_prefix("serving ")
            .and_then(|rest| rest.split_once(" on http://"))
            .and_then(|(audience, addr)| {
                let port = addr.strip_suffix('/')?.rsplit_once(':')?.1.parse().ok()?;
                Some((audience.to_owned(), port))
            })
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
        Served {
            child,
            port,
            audience,
            site,
            tmp,
            stdout,
            stderr,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    /// The server's private output dir.
    fn out_dir(&self) -> PathBuf {
        self.tmp
            .path()
            .join(format!("wara-serve-{}", self.child.id()))
    }

    /// GET `path` verbatim (no client normalisation): (status, lower-cased head, body).
    fn get(&self, path: &str) -> (u16, String, String) {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    /// GET `path`, trying again (up to 5 times) when the server, out of file
    /// descriptors, drops this very connection to make room: it must answer one of them.
    fn get_retrying(&self, path: &str) -> (u16, String, String) {
        for _ in 0..4 {
            let host = format!("127.0.0.1:{}", self.port);
            // A refused connect panics; a connection dropped unanswered is status 0.
            let answer =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.get_as(path, &host)));
            if let Ok(r) = answer.as_ref()
                && r.0 != 0
            {
                return r.clone();
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        self.get(path)
    }

    /// GET `path` with this `Host` header.
    fn get_as(&self, path: &str, host: &str) -> (u16, String, String) {
        http::get_as(self.port, path, host)
    }

    /// `/hello/` (fetched with `get`) is the fixture's page, answered within 10 s.
    fn assert_shows_hello_within_10s(&self, get: fn(&Self, &str) -> (u16, String, String)) {
        let started = Instant::now();
        let (status, _, body) = get(self, "/hello/");
        assert_eq!(status, 200, "{}", self.stderr());
        assert!(body.contains("first-version"), "{body}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    /// `/__wara/poll` (long-poll when `gen` is given): (generation, errors).
    fn poll(&self, generation: Option<u64>) -> (u64, String) {
        let path = match generation {
            Some(g) => format!("/__wara/poll?gen={g}"),
            None => "/__wara/poll".to_owned(),
        };
        let (status, _, body) = self.get(&path);
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        (
            v["generation"].as_u64().unwrap(),
            v["errors"].as_str().unwrap().to_owned(),
        )
    }

    /// Wait (bounded) for the generation after `seen`.
    fn next_generation(&self, seen: u64) -> (u64, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (g, errors) = self.poll(Some(seen));
            if g != seen || Instant::now() > deadline {
                return (g, errors);
            }
        }
    }

    /// The terminal lines after the first, up to the first build's line.
    fn startup_lines(&self) -> String {
        let mut lines = Vec::new();
        while let Ok(line) = self.stdout.recv_timeout(Duration::from_secs(60)) {
            let done = line.starts_with("built") || line.starts_with("build ");
            lines.push(line);
            if done {
                break;
            }
        }
        lines.join("\n")
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// SIGINT, then wait up to 10 s for the exit; returns the exit success and stdout rest.
    fn interrupt(mut self) -> (bool, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "serve did not stop within 10 s of SIGINT"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        // The reader thread ends at EOF; take what it read until then.
        let rest: Vec<String> =
            std::iter::from_fn(|| self.stdout.recv_timeout(Duration::from_secs(2)).ok()).collect();
        (status.success(), rest.join("\n"))
    }
}

impl Drop for Served {
    /// SIGINT first, so the server removes its temp output; SIGKILL if it hangs.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-INT", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replace `path` the way editors do: write a temp file, rename it over.
fn atomic_save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const HELLO_V2: &str = "---\ntitle: สวัสดี\ndate: 2020-05-14\n---\n\nข้อความที่สอง second-version\n";
const HELLO_BROKEN: &str =
    "---\ntitle: สวัสดี\ndate: 2020-05-14\ncolour: red\n---\n\nbroken-version\n";

#[test]
fn serve_answers_pages_and_files_with_their_content_types() {
    let s = Served::start("serve");
    let (status, head, body) = s.get("/hello/");
    assert_eq!(status, 200, "{body}\n{}", s.stderr());
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("first-version"), "{body}");
    assert!(
        body.contains("class=\"serve-banner\"") && body.contains("ภายใน"),
        "{body}"
    );
    assert!(
        body.contains("<script src=\"/__wara/reload.js\" defer"),
        "{body}"
    );
    let on_disk = std::fs::read_to_string(s.out_dir().join("internal/hello/index.html")).unwrap();
    assert!(
        !on_disk.contains("__wara"),
        "the reload script is injected, never written"
    );

    let (status, _, body) = s.get("/");
    assert_eq!(status, 200);
    assert!(
        body.contains("</html>") || body.contains("</body>"),
        "{body}"
    );
    let (status, head, body) = s.get("/__wara/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript"), "{head}");
    assert!(body.contains("/__wara/poll"));
    let (status, head, _) = s.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(head.contains("content-type: text/html"), "{head}");

    // What the page links (stylesheet, preloaded font), the fixture's static
    // files and the site-wide files of SPEC §7 come with their content types.
    let (_, _, page) = s.get("/hello/");
    let linked = |ext: &str| -> String {
        page.split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .find(|href| {
                href.starts_with('/') && href.split('?').next().unwrap_or("").ends_with(ext)
            })
            .unwrap_or_else(|| panic!("the page links no `{ext}`: {page}"))
            .to_owned()
    };
    for (path, ctype) in [
        (linked(".css"), "text/css; charset=utf-8"),
        (linked(".woff2"), "font/woff2"),
        ("/files/logo.svg".into(), "image/svg+xml"),
        ("/files/empty.pdf".into(), "application/pdf"),
        ("/files/budget.csv".into(), "text/csv; charset=utf-8"),
        ("/feed.xml".into(), "application/xml"),
        ("/sitemap.xml".into(), "application/xml"),
        ("/deadlines.ics".into(), "text/calendar; charset=utf-8"),
        ("/search-index.json".into(), "application/json"),
        ("/robots.txt".into(), "text/plain; charset=utf-8"),
    ] {
        let (status, head, _) = s.get(&path);
        assert_eq!(status, 200, "{path}");
        let want = format!("content-type: {ctype}");
        assert!(head.contains(&want), "{path}: {head}");
    }
}

#[test]
fn serve_shows_the_public_audience_when_asked() {
    let s = Served::start_with("serve", &["--audience", "public"], "public");
    let (status, _, body) = s.get("/hello/");
    assert_eq!(status, 200, "{}", s.stderr());
    assert!(body.contains("ตัวอย่าง (preview) — สาธารณะ</div>"), "{body}");
    assert!(s.out_dir().join("public/hello/index.html").is_file());
    assert!(
        !s.out_dir().join("internal").exists(),
        "only the shown audience is built"
    );
}

#[test]
fn serve_never_answers_with_a_file_outside_the_output() {
    let s = Served::start("serve");
    // A canary right above the served root: any traversal would reach it.
    std::fs::write(s.out_dir().join("canary.txt"), "CANARY").unwrap();
    for path in [
        "/../Cargo.toml",
        "/../canary.txt",
        "/%2e%2e/canary.txt",
        "/..%2fcanary.txt",
        "/%252e%252e/canary.txt",
        "/a/../../canary.txt",
        "/..\\canary.txt",
        "/hello/../../canary.txt",
    ] {
        let (status, _, body) = s.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("CANARY") && !body.contains("[package]"),
            "{path}: {body}"
        );
    }
}

#[test]
fn serve_shows_an_atomic_save_within_two_seconds() {
    let s = Served::start("serve");
    let (seen, _) = s.poll(None);
    atomic_save(&s.path("content/hello.md"), HELLO_V2);
    let saved = Instant::now();
    loop {
        let (_, _, body) = s.get("/hello/");
        if body.contains("second-version") {
            break;
        }
        assert!(
            saved.elapsed() < Duration::from_secs(2),
            "not rebuilt in 2 s:\n{}",
            s.stderr()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let (generation, errors) = s.next_generation(seen);
    assert!(generation > seen);
    assert_eq!(errors, "");
}

#[test]
fn serve_keeps_the_last_good_page_while_the_source_is_broken() {
    let mut s = Served::start("serve");
    let (seen, errors) = s.poll(None);
    assert_eq!(errors, "", "the fixture builds");

    atomic_save(&s.path("content/hello.md"), HELLO_BROKEN);
    let (broken, errors) = s.next_generation(seen);
    assert_eq!(broken, seen + 1);
    assert!(
        errors.contains("content/hello.md:"),
        "errors name the file: {errors}"
    );
    assert!(errors.contains("error:"), "{errors}");
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "serve survives a failed build"
    );
    let (status, _, body) = s.get("/hello/");
    assert_eq!(status, 200);
    assert!(
        body.contains("first-version") && !body.contains("broken-version"),
        "{body}"
    );
    let (again, errors_again) = s.poll(None);
    assert_eq!(
        (again, &errors_again),
        (broken, &errors),
        "the error stays until fixed"
    );

    atomic_save(&s.path("content/hello.md"), HELLO_V2);
    let (fixed, errors) = s.next_generation(broken);
    assert_eq!(fixed, broken + 1);
    assert_eq!(errors, "", "the fix clears the error");
    let (_, _, body) = s.get("/hello/");
    assert!(body.contains("second-version"), "{body}");
}

#[test]
fn serve_stops_cleanly_on_ctrl_c_and_removes_its_output() {
    let s = Served::start("serve");
    let out = s.out_dir();
    assert!(
        out.join("internal/hello/index.html").is_file(),
        "builds into {}",
        out.display()
    );
    let (ok, rest) = s.interrupt();
    assert!(ok, "exit status 0 after SIGINT");
    assert!(rest.contains("stopped"), "{rest}");
    assert!(!out.exists(), "temp output {} removed", out.display());
}

#[test]
fn serve_answers_only_host_names_of_this_server() {
    let s = Served::start("serve");
    let port = s.port;
    // DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser
    // sends the attacker's name.
    for host in [
        "evil.example".to_owned(),
        format!("attacker.com:{port}"),
        format!("evil.example:{port}"),
    ] {
        let (status, _, body) = s.get_as("/hello/", &host);
        assert_eq!(status, 421, "{host}: {body}");
        assert!(
            body.contains("ไม่ตอบชื่อโฮสต์") && body.contains("does not answer for this Host"),
            "{host}: {body}"
        );
        assert!(!body.contains("first-version"), "{host}: {body}");
    }
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, _, body) = s.get_as("/hello/", &host);
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("first-version"), "{host}: {body}");
    }
}

/// A site copy with an internal page and a draft.
fn with_internal_and_draft(site: &Path) {
    std::fs::write(
        site.join("content/staff.md"),
        "---\ntitle: เจ้าหน้าที่\naccess: internal\n---\n\nSTAFF-ONLY-MARKER\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/plan.md"),
        "---\ntitle: แผนงานร่าง\ndraft: true\n---\n\nDRAFT-MARKER\n",
    )
    .unwrap();
}

#[test]
fn serve_on_a_network_bind_shows_the_public_site_by_default() {
    let s = Served::launch(
        "serve",
        &["--bind", "0.0.0.0"],
        with_internal_and_draft,
        None,
    );
    assert_eq!(s.audience, "public", "{}", s.stderr());
    let lines = s.startup_lines();
    assert!(lines.contains("ฉบับสาธารณะ"), "{lines}");
    assert!(!lines.contains("คำเตือน"), "{lines}");
    let (status, _, body) = s.get("/staff/");
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains("STAFF-ONLY-MARKER"), "{body}");
    let (status, _, body) = s.get("/hello/");
    assert_eq!(status, 200);
    assert!(body.contains("ตัวอย่าง (preview) — สาธารณะ</div>"), "{body}");
}

#[test]
fn serve_shows_the_staff_portal_on_the_network_only_when_asked_with_a_warning() {
    let args = ["--bind", "0.0.0.0", "--audience", "internal"];
    let s = Served::launch("serve", &args, with_internal_and_draft, None);
    assert_eq!(s.audience, "internal", "{}", s.stderr());
    let lines = s.startup_lines();
    assert!(
        lines.contains("คำเตือน: พอร์ทัลภายในสำหรับเจ้าหน้าที่จะเปิดให้ทุกเครื่องในเครือข่าย"),
        "{lines}"
    );
    let (status, _, body) = s.get("/staff/");
    assert_eq!(status, 200);
    assert!(body.contains("STAFF-ONLY-MARKER"), "{body}");
}

#[cfg(unix)]
#[test]
fn serve_keeps_its_preview_folder_private() {
    use std::os::unix::fs::PermissionsExt;
    let s = Served::start("serve");
    let mode = std::fs::metadata(s.out_dir()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{mode:o}");
}

#[cfg(unix)]
#[test]
fn serve_answers_after_600_idle_connections() {
    // The usual open-file limit; tiny_http's accept thread died at ~510.
    let s = Served::launch("serve", &[], |_| {}, Some(1024));
    let idle: Vec<TcpStream> = (0..600)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok())
        .collect();
    assert!(idle.len() > 500, "{} connections made", idle.len());
    s.assert_shows_hello_within_10s(Served::get);
    drop(idle);
    // And it goes on serving.
    let (status, _, _) = s.get("/");
    assert_eq!(status, 200, "{}", s.stderr());
}

#[test]
fn serve_never_redirects_to_another_site() {
    let s = Served::launch(
        "serve",
        &[],
        |site| {
            std::fs::create_dir_all(site.join("content/contests")).unwrap();
            std::fs::write(
                site.join("content/contests/x.md"),
                "---\ntitle: ประกวด\n---\n\ntext\n",
            )
            .unwrap();
        },
        None,
    );
    for path in ["//contests/x", "///contests/x", "//contests//x"] {
        let (status, head, body) = s.get(path);
        assert_eq!(status, 301, "{path}: {body}");
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: {head}"));
        assert_eq!(location, "/contests/x/", "{path}");
    }
}

#[test]
fn serve_shows_drafts_marked_and_build_never_includes_them() {
    let s = Served::launch("serve", &[], with_internal_and_draft, None);
    let (status, _, body) = s.get("/plan/");
    assert_eq!(status, 200, "{}", s.stderr());
    assert!(body.contains("DRAFT-MARKER"), "{body}");
    assert!(
        body.contains("<strong>ฉบับร่าง</strong>"),
        "a draft is marked: {body}"
    );
    let (_, _, hello) = s.get("/hello/");
    assert!(!hello.contains("ฉบับร่าง"), "{hello}");

    let hidden = Served::launch("serve", &["--hide-drafts"], with_internal_and_draft, None);
    let (status, _, body) = hidden.get("/plan/");
    assert_eq!(status, 404, "{body}");

    let out = tempfile::tempdir().unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_wara"))
        .args(["build", "--root"])
        .arg(s.site.path())
        .arg("--out")
        .arg(out.path().join("dist"))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("DRAFT-MARKER") && !text.contains("แผนงานร่าง"),
                "{} holds the draft",
                entry.path().display()
            );
        }
    }
    assert!(!out.path().join("dist/public/plan").exists());
    assert!(!out.path().join("dist/internal/plan").exists());
}

#[cfg(unix)]
#[test]
fn serve_keeps_accepting_when_out_of_file_descriptors() {
    // So few descriptors that idle clients exhaust them long before the
    // connection cap: accept fails, and the server must make room itself.
    let s = Served::launch("serve", &[], |_| {}, Some(64));
    let _ = s.startup_lines();
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| {
            let addr = std::net::SocketAddr::from(([127, 0, 0, 1], s.port));
            TcpStream::connect_timeout(&addr, Duration::from_millis(300)).ok()
        })
        .collect();
    assert!(idle.len() > 64, "{} connections made", idle.len());
    s.assert_shows_hello_within_10s(Served::get_retrying);
    drop(idle);
    // The failure is reported, not swallowed.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !s.stderr().contains("cannot accept a connection, retrying") {
        assert!(Instant::now() < deadline, "stderr: {}", s.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(s.stderr().contains("รับการเชื่อมต่อใหม่ไม่ได้"), "{}", s.stderr());
    let (status, _, _) = s.get_retrying("/");
    assert_eq!(status, 200, "{}", s.stderr());
}
