//! The preview HTTP server: files from the current output dir (and only from
//! it), the live-reload long-poll, and the script + banner injected into HTML
//! responses at response time (never into files on disk).

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use percent_encoding::{CONTROLS, percent_decode_str, utf8_percent_encode};

use super::State;
use super::host::Hosts;
use super::server::{Body, Ended, Reply, Request, Response, Server};
use crate::options::Audience;

/// How long `/__wara/poll` waits for a new generation before answering anyway.
pub(crate) const POLL_WAIT: Duration = Duration::from_secs(25);

const RELOAD_JS: &str = include_str!("reload.js");

/// The server's threads: the accept loop and the one holding long-polls.
pub(crate) struct Threads {
    pub(crate) accept: thread::JoinHandle<Ended>,
    pub(crate) polls: thread::JoinHandle<()>,
}

/// Start accepting requests (one short-lived thread per connection, within
/// the server's limits) and the long-poll thread.
pub(crate) fn spawn(
    server: Arc<Server>,
    state: Arc<State>,
    hosts: Hosts,
) -> std::io::Result<Threads> {
    let handler_state = Arc::clone(&state);
    let handler: Arc<super::server::Handler> = Arc::new(move |req: &Request, local: SocketAddr| {
        handle(req, local, &handler_state, &hosts)
    });
    let accept_server = Arc::clone(&server);
    let accept = thread::Builder::new()
        .name("wara-http".into())
        .spawn(move || accept_server.run(handler))?;
    let polls = thread::Builder::new()
        .name("wara-polls".into())
        .spawn(move || server.run_polls(&state, &|s| poll_response(s)))?;
    Ok(Threads { accept, polls })
}

/// Answer one request.
pub(crate) fn handle(req: &Request, local: SocketAddr, state: &State, hosts: &Hosts) -> Reply {
    let host_ok = req
        .host
        .as_deref()
        .is_some_and(|h| hosts.allows(h, local.ip()));
    if !host_ok {
        return Reply::Now(Response::text(421, &hosts.refusal()));
    }
    if req.method != "GET" && req.method != "HEAD" {
        let body = format!("{}\n", crate::messages::http_method_not_allowed());
        return Reply::Now(Response::text(405, &body));
    }
    let url = req.target.as_str();
    let path = url.split(['?', '#']).next().unwrap_or("");
    match path {
        "/__wara/poll" => poll(url, state),
        "/__wara/reload.js" => Reply::Now(Response::bytes(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        )),
        _ => Reply::Now(respond_file(url, state)),
    }
}

fn poll(url: &str, state: &State) -> Reply {
    let status = state.status();
    match query_param(url, "gen").and_then(|g| g.parse::<u64>().ok()) {
        Some(seen) if seen == status.generation && !state.is_stopping() => Reply::Park {
            seen,
            deadline: Instant::now() + POLL_WAIT,
        },
        _ => Reply::Now(poll_response(&status)),
    }
}

fn poll_response(status: &super::Status) -> Response {
    let body = serde_json::json!({
        "generation": status.generation,
        "errors": status.errors,
        "warnings": status.warnings,
    });
    Response::bytes(200, "application/json", body.to_string().into_bytes())
}

fn query_param<'a>(url: &'a str, key: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn respond_file(url: &str, state: &State) -> Response {
    let root = state.site_root();
    match resolve(root, url) {
        Resolved::Bad => Response::text(400, &format!("{}\n", crate::messages::http_bad_path())),
        Resolved::Redirect(to) => {
            // Header values must be ASCII: a client may send raw UTF-8 in the path.
            let to = utf8_percent_encode(&to, CONTROLS).to_string();
            Response::text(301, "moved\n").with_header("Location", to)
        }
        Resolved::NotFound => not_found(root, state),
        Resolved::File(path) => {
            let ctype = content_type(&path);
            if ctype.starts_with("text/html") {
                match std::fs::read(&path) {
                    Ok(bytes) => html_response(200, &bytes, state),
                    Err(_) => not_found(root, state),
                }
            } else {
                let opened = File::open(&path).and_then(|f| Ok((f.metadata()?.len(), f)));
                match opened {
                    Ok((len, file)) => Response {
                        status: 200,
                        headers: vec![("Content-Type", ctype.to_owned())],
                        body: Body::File(file, len),
                    },
                    Err(_) => not_found(root, state),
                }
            }
        }
    }
}

fn not_found(root: &Path, state: &State) -> Response {
    let page = std::fs::canonicalize(root.join("404.html"))
        .ok()
        .filter(|p| p.starts_with(root.canonicalize().unwrap_or_default()))
        .and_then(|p| std::fs::read(p).ok());
    let bytes = page.unwrap_or_else(|| FALLBACK_404.as_bytes().to_vec());
    html_response(404, &bytes, state)
}

const FALLBACK_404: &str = "<!doctype html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">\
<title>ไม่พบหน้า (404)</title></head><body><h1>ไม่พบหน้านี้ (page not found)</h1></body></html>\n";

fn html_response(status: u16, bytes: &[u8], state: &State) -> Response {
    let html = String::from_utf8_lossy(bytes);
    let injected = inject(&html, state.status().generation, state.audience());
    Response::bytes(status, "text/html; charset=utf-8", injected.into_bytes())
}

/// The banner + reload script added before `</body>` of every served HTML page.
pub(crate) fn inject(html: &str, generation: u64, audience: Audience) -> String {
    let label = match audience {
        Audience::Internal => "ภายใน",
        Audience::Public => "สาธารณะ",
    };
    let snippet = format!(
        "<style>.serve-banner{{position:fixed;right:.5rem;bottom:.5rem;z-index:2147483646;\
background:#5b2a86;color:#fff;font:600 14px/1.4 Sarabun,sans-serif;padding:.25rem .6rem;\
border-radius:.3rem;pointer-events:none;opacity:.92}}\
@media print{{.serve-banner{{display:none}}}}</style>\
<div class=\"serve-banner\" role=\"status\">ตัวอย่าง (preview) — {label}</div>\
<script src=\"/__wara/reload.js\" defer data-generation=\"{generation}\"></script>\n"
    );
    // ASCII lowercasing keeps byte offsets, so the index is valid in `html`.
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

/// Where a request path leads inside the output root.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    File(PathBuf),
    /// A directory asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// Traversal attempts, backslashes, NUL, double encoding, bad UTF-8.
    Bad,
}

/// Map a request target to a file under `root`, refusing anything that could
/// leave it. `root` need not exist (then everything is `NotFound`).
pub(crate) fn resolve(root: &Path, url: &str) -> Resolved {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let Some(segments) = safe_segments(raw) else {
        return Resolved::Bad;
    };
    let Ok(canon_root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    let mut path = canon_root.clone();
    path.extend(&segments);
    if path.is_dir() {
        if !raw.ends_with('/') {
            return Resolved::Redirect(directory_url(raw));
        }
        path.push("index.html");
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(&canon_root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// The directory's URL with its trailing slash, from the raw (still encoded)
/// path with empty and `.` segments dropped: `//evil.example/x` must become
/// `/evil.example/x/`, never the protocol-relative `//evil.example/x/`.
fn directory_url(raw: &str) -> String {
    let mut url = String::from("/");
    for seg in raw.split('/').filter(|s| !s.is_empty() && *s != ".") {
        url.push_str(seg);
        url.push('/');
    }
    url
}

/// The decoded path segments, or `None` when the path is unsafe or malformed.
pub(crate) fn safe_segments(raw: &str) -> Option<Vec<String>> {
    if !raw.starts_with('/') || raw.contains('\\') {
        return None;
    }
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    if decoded.contains('%') {
        // Double encoding: `%252e%252e` must not become `..` in anyone's hands.
        let twice = percent_decode_str(&decoded).decode_utf8_lossy();
        let traverses = twice.split(['/', '\\']).any(|s| s == "..");
        if traverses
            || twice.contains(['\\', '\0'])
            || twice.matches('/').count() != decoded.matches('/').count()
        {
            return None;
        }
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => segments.push(s.to_owned()),
        }
    }
    Some(segments)
}

/// The `Content-Type` for a file, by extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
pub(crate) mod tests;
