//! Which `Host` headers name this preview server (issue 15 finding 6): a
//! page on another site must not read the staff portal through DNS
//! rebinding, where the attacker's name resolves to 127.0.0.1 and the
//! browser sends `Host: attacker.example:1111`.
//!
//! Accepted, always with our port (a `Host` without one only when we listen
//! on port 80): `localhost`, `127.0.0.1`, `[::1]`, the address the client
//! reached us at (the bound address; for a wildcard bind, whichever local
//! interface the connection came in on), and for a wildcard bind the
//! machine's host name (and `<name>.local`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The names this server answers for.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    port: u16,
    /// Lower-case names without port or trailing dot.
    names: Vec<String>,
    ips: Vec<IpAddr>,
}

impl Hosts {
    pub(crate) fn new(bind: IpAddr, port: u16) -> Self {
        let mut names = vec!["localhost".to_owned()];
        if bind.is_unspecified()
            && let Some(name) = host_name()
        {
            let name = name.to_ascii_lowercase();
            names.push(format!("{name}.local"));
            names.push(name);
        }
        let mut ips = vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        if !bind.is_unspecified() {
            ips.push(bind.to_canonical());
        }
        Self { port, names, ips }
    }

    /// Whether `host` (a `Host` header) names this server for a connection
    /// that reached us at `local`.
    pub(crate) fn allows(&self, host: &str, local: IpAddr) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.unwrap_or(80) != self.port {
            return false;
        }
        match parse_ip(&name) {
            Some(ip) => {
                let ip = ip.to_canonical();
                self.ips.contains(&ip) || ip == local.to_canonical()
            }
            None => self.names.contains(&name),
        }
    }

    /// A short refusal for a foreign `Host`, in Thai and English.
    pub(crate) fn refusal(&self) -> String {
        let port = self.port;
        format!(
            "เซิร์ฟเวอร์แสดงตัวอย่างนี้ไม่ตอบชื่อโฮสต์ (Host) นี้ \
             โปรดเปิดที่ http://127.0.0.1:{port}/ หรือที่อยู่ที่ wara serve แสดงในเทอร์มินัล\n\
             This preview server does not answer for this Host name; \
             open http://127.0.0.1:{port}/ or the address wara serve printed.\n"
        )
    }
}

/// `name[:port]` or `[v6][:port]` → (lower-case name without trailing dot, port).
fn split_host(host: &str) -> Option<(String, Option<u16>)> {
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{inside}]"), port)
    } else {
        match host.split_once(':') {
            Some((n, p)) => (n.to_owned(), Some(p)),
            None => (host.to_owned(), None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name).to_owned();
    (!name.is_empty()).then_some((name, port))
}

/// An IP literal as it appears in `Host`: dotted IPv4, or IPv6 in brackets.
fn parse_ip(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// The machine's host name, if the system tells.
fn host_name() -> Option<String> {
    let name = sys_host_name()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())?;
    let name = name.trim().to_owned();
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    valid.then_some(name)
}

fn sys_host_name() -> Option<String> {
    gethostname::gethostname().into_string().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn loopback_bind_answers_only_its_own_names_with_the_port() {
        let hosts = Hosts::new(ip("127.0.0.1"), 1111);
        let local = ip("127.0.0.1");
        for ok in [
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
        ] {
            assert!(hosts.allows(ok, local), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "attacker.com:1111",
            "localhost",
            "localhost:80",
            "127.0.0.1:2222",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "192.168.1.20:1111",
            "localhost:1111:1111",
            "localhost:+1111",
            "[::1:1111",
            "",
            ":1111",
        ] {
            assert!(!hosts.allows(bad, local), "{bad}");
        }
        let on_80 = Hosts::new(ip("127.0.0.1"), 80);
        assert!(on_80.allows("localhost", local));
        assert!(on_80.allows("127.0.0.1", local));
    }

    #[test]
    fn wildcard_bind_answers_the_address_the_client_reached() {
        let hosts = Hosts::new(ip("0.0.0.0"), 1111);
        let lan = ip("192.168.1.20");
        assert!(hosts.allows("192.168.1.20:1111", lan));
        assert!(hosts.allows("192.168.1.20:1111", ip("::ffff:192.168.1.20")));
        assert!(!hosts.allows("192.168.1.99:1111", lan));
        assert!(!hosts.allows("attacker.com:1111", lan));
        // The machine's own name, as a phone on the LAN types it (every machine has one).
        let name = host_name()
            .expect("this machine has a valid host name")
            .to_ascii_lowercase();
        assert!(hosts.allows(&format!("{name}:1111"), lan), "{name}");
        assert!(hosts.allows(&format!("{name}.local:1111"), lan), "{name}");
        let specific = Hosts::new(ip("192.168.1.20"), 1111);
        assert!(specific.allows("192.168.1.20:1111", lan));
        assert!(
            name == "localhost" || !specific.allows(&format!("{name}:1111"), lan),
            "the host name only for a wildcard bind"
        );
    }

    #[test]
    fn the_refusal_is_thai_and_english() {
        let text = Hosts::new(ip("127.0.0.1"), 1111).refusal();
        assert!(text.contains("ไม่ตอบชื่อโฮสต์"), "{text}");
        assert!(text.contains("does not answer for this Host"), "{text}");
    }
}
