//! A small HTTP proxy on loopback that records what passes through it:
//! `CONNECT host:port` tunnels (HTTPS endpoints) and absolute-form requests
//! (`POST http://host:port/ HTTP/1.1`, plain-HTTP endpoints), with the
//! User-Agent of the latter. Each forwarded request gets its own upstream
//! connection (`Connection: close`), so every request is seen. Hosts under
//! `.test` (which DNS never resolves) are reached at 127.0.0.1: an endpoint
//! such as `http://events.proxy.test:PORT` works only through the proxy.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One request the proxy handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// `CONNECT` or the forwarded request's method.
    pub method: String,
    /// `host:port` the client asked for.
    pub host: String,
    /// The User-Agent of a forwarded request (a tunnel's is encrypted).
    pub user_agent: Option<String>,
}

pub struct HttpProxy {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// Reads a request or response head up to the blank line; the bytes
/// after it that were already read come back too.
async fn read_head(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end + 4]).to_string();
            return Some((head, buf[end + 4..].to_vec()));
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 1 << 20 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Where to connect for `host:port`: `*.test` is the emulator's loopback.
fn address_of(host: &str) -> String {
    match host.rsplit_once(':') {
        Some((name, port)) if name.ends_with(".test") => format!("127.0.0.1:{port}"),
        _ => host.to_string(),
    }
}

/// `host:port` of an authority, with the scheme's default port.
fn with_port(authority: &str, default_port: u16) -> String {
    if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        authority.to_string()
    } else {
        format!("{authority}:{default_port}")
    }
}

async fn handle(mut client: TcpStream, seen: Arc<Mutex<Vec<Seen>>>) {
    let Some((head, rest)) = read_head(&mut client).await else {
        return;
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_string();
    let mut parts = request_line.split_whitespace();
    let (method, target, version) = (
        parts.next().unwrap_or_default().to_string(),
        parts.next().unwrap_or_default().to_string(),
        parts.next().unwrap_or("HTTP/1.1").to_string(),
    );
    let headers: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let header = |name: &str| {
        headers.iter().find_map(|h| {
            let (k, v) = h.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    };
    if method == "CONNECT" {
        let host = with_port(&target, 443);
        seen.lock().expect("seen").push(Seen {
            method,
            host: host.clone(),
            user_agent: None,
        });
        let Ok(mut upstream) = TcpStream::connect(address_of(&host)).await else {
            let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
            return;
        };
        if client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await
            .is_err()
        {
            return;
        }
        if !rest.is_empty() && upstream.write_all(&rest).await.is_err() {
            return;
        }
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    let Some(after_scheme) = target.strip_prefix("http://") else {
        let _ = client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        return;
    };
    let (authority, path) = match after_scheme.find('/') {
        Some(i) => (&after_scheme[..i], &after_scheme[i..]),
        None => (after_scheme, "/"),
    };
    let host = with_port(authority, 80);
    seen.lock().expect("seen").push(Seen {
        method: method.clone(),
        host: host.clone(),
        user_agent: header("user-agent"),
    });
    let Ok(mut upstream) = TcpStream::connect(address_of(&host)).await else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
        return;
    };
    let mut forwarded = format!("{method} {path} {version}\r\n");
    for h in &headers {
        let name = h.split(':').next().unwrap_or_default().trim().to_ascii_lowercase();
        if !matches!(name.as_str(), "connection" | "proxy-connection" | "proxy-authorization") {
            forwarded.push_str(h);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    if upstream.write_all(forwarded.as_bytes()).await.is_err() || upstream.write_all(&rest).await.is_err() {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}

impl HttpProxy {
    pub fn start() -> HttpProxy {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = seen.clone();
        let port = super::loopback::serve(move |client| handle(client, recorded.clone()));
        HttpProxy {
            url: format!("http://127.0.0.1:{port}"),
            seen,
        }
    }

    /// Everything handled so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }

    /// Requests for `host` (`host:port`).
    pub fn seen_for(&self, host: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.host == host).collect()
    }
}
