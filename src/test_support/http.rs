//! A raw HTTP/1.1 client for the preview server's tests: requests go out verbatim
//! (no client-side normalisation of `..` or `//`), so the tests see what the server does
//! with exactly what an attacker could send.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Send `raw` as is to `127.0.0.1:port` and read the whole answer:
/// (status, lower-cased head, body). Status 0 when no status line came back.
pub(crate) fn exchange(port: u16, raw: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("connect to 127.0.0.1:{port}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    s.write_all(raw).expect("send the request");
    let mut answer = Vec::new();
    // A server that refuses a request may reset the connection after its answer: what
    // was read until then is the answer, and a missing one shows as status 0.
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_owned())
}

/// GET `path` verbatim with `Host: 127.0.0.1:PORT`.
pub(crate) fn get(port: u16, path: &str) -> (u16, String, String) {
    get_as(port, path, &format!("127.0.0.1:{port}"))
}

/// GET `path` verbatim with the given `Host` header.
pub(crate) fn get_as(port: u16, path: &str, host: &str) -> (u16, String, String) {
    let raw = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    exchange(port, raw.as_bytes())
}

/// The value of header `name` (lower case) in a head returned by [`get`].
pub(crate) fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        l.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(str::trim)
    })
}
