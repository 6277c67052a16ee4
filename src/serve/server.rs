//! A small HTTP/1.1 server on `std::net`, built for a preview that must not
//! fall over (issue 15 finding 5): a bounded number of connections (the oldest
//! connection still sending its request is dropped to make room for a new
//! one), a bounded request head read within a deadline, one request per
//! connection, and long-polls parked with one thread for all of them.
//!
//! The accept loop never ends on an accept error (too many open files and the
//! like): it reports, backs off and retries; only when accepting keeps failing
//! for [`Limits::give_up_after`] does it give up, and the serve loop then
//! exits non-zero.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use super::State;

/// The bounds of the server.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Connections with a thread (reading a request or sending a response).
    pub(crate) max_connections: usize,
    /// Largest request head (request line and headers).
    pub(crate) max_head: usize,
    /// Time a client gets to send its whole request head.
    pub(crate) head_deadline: Duration,
    /// Time one write of the response may block.
    pub(crate) write_timeout: Duration,
    /// Long-polls waiting for a rebuild; more are told to come back later.
    pub(crate) max_parked: usize,
    /// How long `accept` may keep failing before the server gives up.
    pub(crate) give_up_after: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 96,
            max_head: 16 * 1024,
            head_deadline: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_parked: 64,
            give_up_after: Duration::from_secs(60),
        }
    }
}

/// One parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
    /// The `Host` header; `None` when absent.
    pub(crate) host: Option<String>,
}

/// What a handler answers.
pub(crate) enum Reply {
    /// Write this response now.
    Now(Response),
    /// A long-poll: answer when the generation passes `seen` or at `deadline`.
    Park { seen: u64, deadline: Instant },
}

/// A response; `Connection: close`, `Cache-Control: no-store` and the length
/// are added when it is written.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Body,
}

pub(crate) enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

impl Response {
    pub(crate) fn bytes(status: u16, ctype: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type", ctype.to_owned())],
            body: Body::Bytes(body),
        }
    }

    pub(crate) fn text(status: u16, text: &str) -> Self {
        Self::bytes(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

/// Answers one request; `local` is the address the client reached us at.
pub(crate) type Handler = dyn Fn(&Request, SocketAddr) -> Reply + Send + Sync;

/// The listening server.
pub(crate) struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    limits: Limits,
    slots: Mutex<Slots>,
    parked: Mutex<Vec<Parked>>,
    stopping: AtomicBool,
}

#[derive(Default)]
struct Slots {
    active: usize,
    next_id: u64,
    /// Connections still sending their request head, oldest first, with a
    /// handle to shut them down when a new connection needs the room.
    reading: VecDeque<(u64, TcpStream)>,
}

struct Parked {
    stream: TcpStream,
    seen: u64,
    deadline: Instant,
    head_only: bool,
}

/// Why the accept loop ended.
#[derive(Debug)]
pub(crate) enum Ended {
    Stopped,
    /// Accepting failed for too long; the message says why.
    Failed(String),
}

impl Server {
    pub(crate) fn bind(addr: SocketAddr, limits: Limits) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        Ok(Self {
            listener,
            addr,
            limits,
            slots: Mutex::new(Slots::default()),
            parked: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        })
    }

    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }

    fn slots(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn parked(&self) -> MutexGuard<'_, Vec<Parked>> {
        self.parked.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Connections holding a thread now (for tests).
    #[cfg(test)]
    pub(crate) fn active(&self) -> usize {
        self.slots().active
    }

    /// Stop accepting: wake the blocked `accept` with a connection of our own.
    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let _ = TcpStream::connect_timeout(
            &SocketAddr::new(ip, self.addr.port()),
            Duration::from_secs(1),
        );
    }

    fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Accept until [`Server::stop`], or until accepting keeps failing.
    pub(crate) fn run(self: &Arc<Self>, handler: Arc<Handler>) -> Ended {
        let mut failing_since: Option<Instant> = None;
        let mut reported = Instant::now() - Duration::from_secs(3600);
        let mut backoff = Duration::from_millis(1);
        loop {
            let accepted = self.listener.accept();
            if self.is_stopping() {
                return Ended::Stopped;
            }
            match accepted {
                Ok((stream, _)) => {
                    failing_since = None;
                    backoff = Duration::from_millis(1);
                    self.admit(stream, &handler);
                }
                Err(e) => {
                    let since = *failing_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= self.limits.give_up_after {
                        return Ended::Failed(format!(
                            "รับการเชื่อมต่อไม่ได้ติดต่อกันนานเกิน {} วินาที: {e} \
                             (cannot accept connections for {} s: {e})",
                            self.limits.give_up_after.as_secs(),
                            self.limits.give_up_after.as_secs()
                        ));
                    }
                    if reported.elapsed() >= Duration::from_secs(10) {
                        eprintln!(
                            "serve: รับการเชื่อมต่อใหม่ไม่ได้ จะลองอีกครั้ง: {e} \
                             (cannot accept a connection, retrying: {e})"
                        );
                        reported = Instant::now();
                    }
                    // Out of file descriptors (or threads): free some by
                    // dropping the oldest client that has sent nothing useful.
                    self.evict_oldest_reader();
                    thread::sleep(backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(1));
                }
            }
        }
    }

    /// Shut down the oldest connection still sending its request head.
    fn evict_oldest_reader(&self) {
        if let Some((_, victim)) = self.slots().reading.pop_front() {
            let _ = victim.shutdown(Shutdown::Both);
        }
    }

    /// Give a new connection a slot and a thread, making room if needed.
    fn admit(self: &Arc<Self>, stream: TcpStream, handler: &Arc<Handler>) {
        let Ok(handle) = stream.try_clone() else {
            // Out of file descriptors: close it (the client retries) and make room.
            self.evict_oldest_reader();
            return;
        };
        let id = {
            let mut slots = self.slots();
            if slots.active >= self.limits.max_connections {
                match slots.reading.pop_front() {
                    // The oldest connection that has not sent its request yet.
                    Some((_, victim)) => {
                        let _ = victim.shutdown(Shutdown::Both);
                    }
                    None => {
                        drop(slots);
                        busy(stream);
                        return;
                    }
                }
            }
            slots.active += 1;
            slots.next_id += 1;
            let id = slots.next_id;
            slots.reading.push_back((id, handle));
            id
        };
        let (server, handler) = (Arc::clone(self), Arc::clone(handler));
        let spawned = thread::Builder::new()
            .name("wara-request".into())
            .spawn(move || {
                let _slot = SlotGuard(&server, id);
                server.serve_connection(stream, id, handler.as_ref());
            });
        if spawned.is_err() {
            let mut slots = self.slots();
            slots.active -= 1;
            slots.reading.retain(|(i, _)| *i != id);
        }
    }

    fn serve_connection(self: &Arc<Self>, mut stream: TcpStream, id: u64, handler: &Handler) {
        let _ = stream.set_write_timeout(Some(self.limits.write_timeout));
        let head = read_head(&mut stream, &self.limits);
        // Leave the evictable list; if we are no longer in it we were evicted.
        let was_reading = {
            let mut slots = self.slots();
            let before = slots.reading.len();
            slots.reading.retain(|(i, _)| *i != id);
            slots.reading.len() != before
        };
        if !was_reading {
            return;
        }
        let request = match head {
            Head::Complete(bytes) => match parse_head(&bytes) {
                Some(r) => r,
                None => {
                    let _ = write(&mut stream, Response::text(400, BAD_REQUEST), false);
                    return;
                }
            },
            Head::TooLarge => {
                let _ = write(&mut stream, Response::text(431, TOO_LARGE), false);
                return;
            }
            Head::Gone => return,
        };
        let head_only = request.method == "HEAD";
        let Ok(local) = stream.local_addr() else {
            return;
        };
        match handler(&request, local) {
            Reply::Now(resp) => {
                let _ = write(&mut stream, resp, head_only);
            }
            Reply::Park { seen, deadline } => self.park(stream, seen, deadline, head_only),
        }
    }

    fn park(&self, stream: TcpStream, seen: u64, deadline: Instant, head_only: bool) {
        let mut parked = self.parked();
        if parked.len() >= self.limits.max_parked {
            drop(parked);
            let mut stream = stream;
            let resp = Response::text(503, BUSY).with_header("Retry-After", "1".into());
            let _ = write(&mut stream, resp, head_only);
            return;
        }
        // Non-blocking, so the poll thread can see a client that has gone.
        let _ = stream.set_nonblocking(true);
        parked.push(Parked {
            stream,
            seen,
            deadline,
            head_only,
        });
    }

    /// Answer parked long-polls when the generation moves, their time is up
    /// or the server stops; drop those whose client has gone. One thread.
    pub(crate) fn run_polls(&self, state: &State, answer: &dyn Fn(&super::Status) -> Response) {
        let mut seen = state.status().generation;
        loop {
            let status = state.wait_for_change(seen, Duration::from_millis(500));
            seen = status.generation;
            let stopping = state.is_stopping() || self.is_stopping();
            let now = Instant::now();
            let due: Vec<Parked> = {
                let mut parked = self.parked();
                let (due, keep): (Vec<Parked>, Vec<Parked>) = std::mem::take(&mut *parked)
                    .into_iter()
                    .partition(|p| stopping || p.seen != status.generation || now >= p.deadline);
                *parked = keep.into_iter().filter(client_still_there).collect();
                due
            };
            for mut p in due {
                let _ = p.stream.set_nonblocking(false);
                let _ = p.stream.set_write_timeout(Some(Duration::from_secs(2)));
                let _ = write(&mut p.stream, answer(&status), p.head_only);
            }
            if stopping {
                return;
            }
        }
    }

    /// Long-polls waiting now (for tests).
    #[cfg(test)]
    pub(crate) fn parked_count(&self) -> usize {
        self.parked().len()
    }
}

/// Frees a connection slot when its thread ends, even by a panic.
struct SlotGuard<'a>(&'a Server, u64);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let mut slots = self.0.slots();
        slots.active = slots.active.saturating_sub(1);
        let id = self.1;
        slots.reading.retain(|(i, _)| *i != id);
    }
}

/// A parked client that closed its side reads as end of file.
fn client_still_there(p: &Parked) -> bool {
    let mut byte = [0u8; 1];
    match p.stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
    }
}

const BAD_REQUEST: &str = "คำขอไม่ถูกต้อง (bad request)\n";
const TOO_LARGE: &str = "ส่วนหัวของคำขอยาวเกินไป (request header too large)\n";
const BUSY: &str = "เซิร์ฟเวอร์ไม่ว่าง ลองใหม่อีกครั้ง (server busy, try again)\n";

/// No slot and nobody to evict: say so quickly and close.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let resp = Response::text(503, BUSY).with_header("Retry-After", "1".into());
    let _ = write(&mut stream, resp, false);
}

enum Head {
    Complete(Vec<u8>),
    TooLarge,
    /// Closed, timed out, or evicted before the head was complete.
    Gone,
}

/// Read up to the blank line ending the request head, within the limits.
fn read_head(stream: &mut TcpStream, limits: &Limits) -> Head {
    let deadline = Instant::now() + limits.head_deadline;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Head::Gone;
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Head::Gone,
            Ok(n) => n,
        };
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&buf[from..]) {
            buf.truncate(from + end);
            return Head::Complete(buf);
        }
        if buf.len() > limits.max_head {
            return Head::TooLarge;
        }
    }
}

/// Where the head ends (just past `\r\n\r\n` or `\n\n`), if it does.
fn head_end(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find_map(|i| {
        let rest = &bytes[i..];
        if rest.starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if rest.starts_with(b"\n\n") {
            Some(i + 2)
        } else {
            None
        }
    })
}

/// The request line and the `Host` header; `None` when malformed (no
/// HTTP/1.x version, bad UTF-8, two `Host` headers).
pub(crate) fn parse_head(bytes: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !version.starts_with("HTTP/1.") || method.is_empty() {
        return None;
    }
    let mut host = None;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return None;
            }
            host = Some(value.trim().to_owned());
        }
    }
    Some(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Write a whole response and close (one request per connection).
fn write(stream: &mut TcpStream, resp: Response, head_only: bool) -> std::io::Result<()> {
    let len = match &resp.body {
        Body::Bytes(b) => b.len() as u64,
        Body::File(_, len) => *len,
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        // Values are ours or percent-encoded; never let one end the head.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {len}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        match resp.body {
            Body::Bytes(b) => stream.write_all(&b)?,
            Body::File(file, len) => {
                std::io::copy(&mut file.take(len), stream)?;
            }
        }
    }
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_request_line_and_one_host() {
        let r =
            parse_head(b"GET /a?b=1 HTTP/1.1\r\nhOsT:  127.0.0.1:1111 \r\nX: y\r\n\r\n").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a?b=1");
        assert_eq!(r.host.as_deref(), Some("127.0.0.1:1111"));
        assert_eq!(parse_head(b"GET / HTTP/1.0\n\n").unwrap().host, None);
        for bad in [
            &b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"[..],
            b"GET /\r\n\r\n",
            b"GET / HTTP/2\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
            b"",
        ] {
            assert_eq!(parse_head(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    /// A listener that cannot accept (non-blocking, and no client comes, so every
    /// accept fails with "would block") makes the loop report and, after
    /// `give_up_after`, end with the reason instead of spinning or dying silently.
    #[test]
    fn an_accept_loop_that_keeps_failing_ends_with_the_reason() {
        let limits = Limits {
            give_up_after: Duration::from_millis(300),
            ..Limits::default()
        };
        let server = Arc::new(Server::bind("127.0.0.1:0".parse().unwrap(), limits).unwrap());
        // Before the loop starts, so no accept is already blocked waiting.
        server.listener.set_nonblocking(true).unwrap();
        let handler: Arc<Handler> =
            Arc::new(|_: &Request, _: SocketAddr| Reply::Now(Response::text(200, "ok")));
        let running = Arc::clone(&server);
        let accept = thread::spawn(move || running.run(handler));
        let started = Instant::now();
        while !accept.is_finished() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the loop spins on"
            );
            thread::sleep(Duration::from_millis(20));
        }
        match accept.join().unwrap() {
            Ended::Failed(why) => {
                assert!(why.contains("cannot accept connections for 0 s"), "{why}");
                assert!(why.contains("รับการเชื่อมต่อไม่ได้"), "{why}");
            }
            Ended::Stopped => panic!("ended as if stopped"),
        }
    }
}
