//! Where the plugin listens: the one place that chooses between go-plugin's
//! two transports, and the only code that differs between them. Everything
//! above it (TLS, the gRPC services, Shutdown) sees a stream of
//! [`Connection`]s and an address for the handshake line.
//!
//! - **Unix socket** (`unix`): `provider.sock` in a fresh 0700 directory,
//!   removed when the listener is dropped. The default except on Windows.
//! - **TCP** (`tcp`): the first port that binds on `127.0.0.1`, going up
//!   from `PLUGIN_MIN_PORT` to `PLUGIN_MAX_PORT` (go-plugin's
//!   `serverListener_tcp`); both unset means any free port. Always on
//!   Windows; elsewhere when `TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp`. Any
//!   local user can reach a loopback port, so the TLS pin to Terraform's
//!   client certificate (`tls.rs`) is the guard there.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tonic::transport::server::Connected;

/// The variable that chooses the transport where there is a choice.
pub const TRANSPORT_VARIABLE: &str = "TF_EVENTBRIDGE_PLUGIN_TRANSPORT";

/// What [`TRANSPORT_VARIABLE`] may say on this system.
const CHOICES: &str = if cfg!(windows) {
    "\"tcp\" (the only one on Windows)"
} else {
    "\"tcp\" or \"unix\""
};

/// go-plugin's variables for the TCP port range; Terraform sets 10000 and
/// 25000.
const MIN_PORT_VARIABLE: &str = "PLUGIN_MIN_PORT";
const MAX_PORT_VARIABLE: &str = "PLUGIN_MAX_PORT";

/// Why the provider could not start listening.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("{TRANSPORT_VARIABLE}={0:?} is not a transport: use {CHOICES}")]
    UnknownTransport(String),
    #[error(
        "{TRANSPORT_VARIABLE}=unix: Windows has no Unix socket transport for plugins; use \"tcp\" or leave it unset"
    )]
    UnixOnWindows,
    #[error("{variable}={value:?} is not a port number (a whole number from 0 to 65535)")]
    BadPort { variable: &'static str, value: String },
    #[error("{MIN_PORT_VARIABLE} value of {min} is greater than {MAX_PORT_VARIABLE} value of {max}")]
    EmptyRange { min: u16, max: u16 },
    #[error("no port from {min} to {max} could be bound on 127.0.0.1 (last error: {last})")]
    NoFreePort { min: u16, max: u16, last: io::Error },
    #[error("cannot create the plugin socket: {0}")]
    Socket(io::Error),
}

/// go-plugin's two networks, named as in the handshake line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Unix,
    Tcp,
}

impl Transport {
    /// The transport `TF_EVENTBRIDGE_PLUGIN_TRANSPORT` asks for, or this
    /// system's default.
    pub fn from_env() -> Result<Transport, TransportError> {
        Transport::parse(std::env::var(TRANSPORT_VARIABLE).ok().as_deref())
    }

    fn parse(value: Option<&str>) -> Result<Transport, TransportError> {
        match value.map(str::trim) {
            None | Some("") => Ok(if cfg!(windows) { Transport::Tcp } else { Transport::Unix }),
            Some(v) if v.eq_ignore_ascii_case("tcp") => Ok(Transport::Tcp),
            Some(v) if v.eq_ignore_ascii_case("unix") => {
                if cfg!(windows) {
                    Err(TransportError::UnixOnWindows)
                } else {
                    Ok(Transport::Unix)
                }
            }
            Some(other) => Err(TransportError::UnknownTransport(other.to_string())),
        }
    }

    /// The network field of the handshake line and of a reattach value.
    pub fn network(self) -> &'static str {
        match self {
            Transport::Unix => "unix",
            Transport::Tcp => "tcp",
        }
    }
}

/// The TCP ports go-plugin lets a plugin choose from, both ends included.
/// `0..=0` means any free port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortRange {
    pub min: u16,
    pub max: u16,
}

impl PortRange {
    pub fn from_env() -> Result<PortRange, TransportError> {
        PortRange::parse(
            std::env::var(MIN_PORT_VARIABLE).ok().as_deref(),
            std::env::var(MAX_PORT_VARIABLE).ok().as_deref(),
        )
    }

    /// Unset or empty counts as 0, as in go-plugin.
    fn parse(min: Option<&str>, max: Option<&str>) -> Result<PortRange, TransportError> {
        let port = |variable: &'static str, value: Option<&str>| match value.map(str::trim) {
            None | Some("") => Ok(0),
            Some(v) => v.parse::<u16>().map_err(|_| TransportError::BadPort {
                variable,
                value: v.to_string(),
            }),
        };
        let range = PortRange {
            min: port(MIN_PORT_VARIABLE, min)?,
            max: port(MAX_PORT_VARIABLE, max)?,
        };
        if range.min > range.max {
            return Err(TransportError::EmptyRange {
                min: range.min,
                max: range.max,
            });
        }
        Ok(range)
    }
}

/// A bound listener, and what the handshake says of it.
pub struct Listener {
    inner: Inner,
    /// `127.0.0.1:PORT` or the socket's path.
    pub address: String,
    pub transport: Transport,
}

enum Inner {
    Tcp(TcpListener),
    #[cfg(unix)]
    Unix {
        listener: tokio::net::UnixListener,
        /// Removed (socket and all) when the listener is dropped.
        _dir: tempfile::TempDir,
    },
}

impl Listener {
    /// Binds the transport chosen by the environment.
    pub fn bind_from_env() -> Result<Listener, TransportError> {
        match Transport::from_env()? {
            Transport::Tcp => Listener::bind_tcp(PortRange::from_env()?),
            Transport::Unix => Listener::bind_unix(),
        }
    }

    /// The first port of `range` that binds on 127.0.0.1, going up.
    pub fn bind_tcp(range: PortRange) -> Result<Listener, TransportError> {
        let mut last = io::Error::other("empty range");
        for port in range.min..=range.max {
            match std::net::TcpListener::bind(("127.0.0.1", port)).and_then(|l| {
                l.set_nonblocking(true)?;
                TcpListener::from_std(l)
            }) {
                Ok(listener) => {
                    let address = listener.local_addr().map_err(TransportError::Socket)?.to_string();
                    return Ok(Listener {
                        inner: Inner::Tcp(listener),
                        address,
                        transport: Transport::Tcp,
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(TransportError::NoFreePort {
            min: range.min,
            max: range.max,
            last,
        })
    }

    #[cfg(unix)]
    fn bind_unix() -> Result<Listener, TransportError> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix("plugin")
            .tempdir()
            .map_err(TransportError::Socket)?;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).map_err(TransportError::Socket)?;
        let path = dir.path().join("provider.sock");
        let listener = tokio::net::UnixListener::bind(&path).map_err(TransportError::Socket)?;
        Ok(Listener {
            inner: Inner::Unix { listener, _dir: dir },
            address: path.display().to_string(),
            transport: Transport::Unix,
        })
    }

    #[cfg(not(unix))]
    fn bind_unix() -> Result<Listener, TransportError> {
        Err(TransportError::UnixOnWindows)
    }

    /// Accepted connections, forever. TCP connections get TCP_NODELAY
    /// (Go's default): gRPC's small frames would otherwise wait on delayed
    /// ACKs, 200 ms each on Windows.
    pub fn incoming(self) -> impl Stream<Item = io::Result<Connection>> + Send + 'static {
        futures_util::stream::unfold(self, |listener| async move {
            let accepted = match &listener.inner {
                Inner::Tcp(l) => l.accept().await.and_then(|(stream, _)| {
                    stream.set_nodelay(true)?;
                    Ok(Connection::Tcp(stream))
                }),
                #[cfg(unix)]
                Inner::Unix { listener: l, .. } => l.accept().await.map(|(stream, _)| Connection::Unix(stream)),
            };
            Some((accepted, listener))
        })
    }
}

/// One accepted connection on either transport.
pub enum Connection {
    Tcp(TcpStream),
    #[cfg(unix)]
    Unix(tokio::net::UnixStream),
}

impl Connected for Connection {
    type ConnectInfo = ();
    fn connect_info(&self) {}
}

/// Forwards to the stream inside; both kinds are `Unpin`.
macro_rules! forward {
    ($self:ident, $s:ident => $call:expr) => {
        match $self.get_mut() {
            Connection::Tcp($s) => $call,
            #[cfg(unix)]
            Connection::Unix($s) => $call,
        }
    };
}

impl AsyncRead for Connection {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        forward!(self, s => Pin::new(s).poll_read(cx, buf))
    }
}

impl AsyncWrite for Connection {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        forward!(self, s => Pin::new(s).poll_write(cx, buf))
    }
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        forward!(self, s => Pin::new(s).poll_write_vectored(cx, bufs))
    }
    fn is_write_vectored(&self) -> bool {
        match self {
            Connection::Tcp(s) => s.is_write_vectored(),
            #[cfg(unix)]
            Connection::Unix(s) => s.is_write_vectored(),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self, s => Pin::new(s).poll_flush(cx))
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self, s => Pin::new(s).poll_shutdown(cx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_transport_is_this_systems_own() {
        let expected = if cfg!(windows) { Transport::Tcp } else { Transport::Unix };
        assert_eq!(Transport::parse(None).unwrap(), expected);
        assert_eq!(Transport::parse(Some("")).unwrap(), expected);
        assert_eq!(Transport::parse(Some("tcp")).unwrap(), Transport::Tcp);
        assert_eq!(Transport::parse(Some(" TCP ")).unwrap(), Transport::Tcp);
    }

    #[test]
    fn unix_is_accepted_except_on_windows() {
        let unix = Transport::parse(Some("unix"));
        if cfg!(windows) {
            assert!(unix
                .unwrap_err()
                .to_string()
                .contains("TF_EVENTBRIDGE_PLUGIN_TRANSPORT=unix"));
        } else {
            assert_eq!(unix.unwrap(), Transport::Unix);
        }
    }

    #[test]
    fn another_transport_is_an_error_naming_the_variable() {
        let message = Transport::parse(Some("pipe")).unwrap_err().to_string();
        assert!(
            message.starts_with("TF_EVENTBRIDGE_PLUGIN_TRANSPORT=\"pipe\""),
            "{message}"
        );
    }

    #[test]
    fn ports_follow_go_plugin() {
        assert_eq!(PortRange::parse(None, None).unwrap(), PortRange { min: 0, max: 0 });
        assert_eq!(
            PortRange::parse(Some("10000"), Some("25000")).unwrap(),
            PortRange { min: 10000, max: 25000 }
        );
        // Only a minimum: the maximum is 0, below it.
        let only_min = PortRange::parse(Some("10000"), None).unwrap_err().to_string();
        assert_eq!(
            only_min,
            "PLUGIN_MIN_PORT value of 10000 is greater than PLUGIN_MAX_PORT value of 0"
        );
        for bad in ["ten", "-1", "65536", "1.5", "0x10"] {
            let message = PortRange::parse(Some(bad), Some("25000")).unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("PLUGIN_MIN_PORT={bad:?} is not a port")),
                "{message}"
            );
        }
        let message = PortRange::parse(Some("1"), Some("many")).unwrap_err().to_string();
        assert!(message.starts_with("PLUGIN_MAX_PORT=\"many\""), "{message}");
    }

    #[tokio::test]
    async fn an_occupied_port_is_skipped_and_a_full_range_is_an_error() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let full = Listener::bind_tcp(PortRange { min: port, max: port });
        let Err(error) = full else {
            panic!("bound an occupied port")
        };
        assert!(error.to_string().starts_with(&format!("no port from {port} to {port}")));
        if port < u16::MAX {
            // The next port may be taken by someone else too; either way
            // the listener is never on the occupied one.
            if let Ok(l) = Listener::bind_tcp(PortRange {
                min: port,
                max: port + 1,
            }) {
                assert_eq!(l.address, format!("127.0.0.1:{}", port + 1));
            }
        }
    }
}
