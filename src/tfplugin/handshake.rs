//! Starting as a go-plugin: check that Terraform launched us, listen on a
//! private unix socket, serve TLS with a fresh certificate, print the one
//! handshake line on stdout, and exit when Terraform calls Shutdown.
//!
//! `--debug` instead serves plaintext until Ctrl-C and prints a
//! `TF_REATTACH_PROVIDERS` value for attaching Terraform by hand.

use std::future::Future;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::pin::Pin;
use std::time::Duration;

use base64::Engine;
use futures_util::StreamExt as _;
use tokio::net::UnixListener;
use tokio::sync::watch;
use tokio_stream::wrappers::UnixListenerStream;
use tonic::transport::Server;
use tonic::{Request, Response, Status};

use super::proto::plugin;
use super::proto::tfplugin6::provider_server::ProviderServer;
use super::provider::Provider;
use super::server::ProviderService;
use super::tls::{self, ServerCertificate, TlsError};

/// The go-plugin magic cookie Terraform sets for its providers.
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
pub const MAGIC_COOKIE_VALUE: &str = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// The only plugin protocol version served.
const PROTOCOL_VERSION: u32 = 6;

/// How to serve.
pub struct ServeOptions {
    /// Source address, e.g. `registry.terraform.io/eventbridge-rs/eventbridge`,
    /// used in the `TF_REATTACH_PROVIDERS` line.
    pub provider_address: &'static str,
    /// Plaintext, no cookie check, reattach line instead of handshake.
    pub debug: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "This binary is a plugin. These are not meant to be executed directly.\n\
         Please execute the program that consumes these plugins, which will\n\
         load any plugins automatically"
    )]
    NotLaunchedByTerraform,
    #[error("Terraform offered plugin protocol versions {0:?}; this provider speaks only version 6")]
    UnsupportedProtocol(String),
    #[error("cannot create the plugin socket: {0}")]
    Socket(std::io::Error),
    #[error("cannot set up TLS: {0}")]
    Tls(#[from] TlsError),
    #[error("gRPC server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
}

/// Serves `provider` until Terraform is done with it.
pub async fn serve<P: Provider>(provider: P, options: ServeOptions) -> Result<(), ServeError> {
    if !options.debug {
        check_launched_by_terraform()?;
    }
    let socket_dir = tempfile::Builder::new()
        .prefix("plugin")
        .tempdir()
        .map_err(ServeError::Socket)?;
    std::fs::set_permissions(socket_dir.path(), std::fs::Permissions::from_mode(0o700)).map_err(ServeError::Socket)?;
    let socket_path = socket_dir.path().join("provider.sock");
    let listener = UnixListener::bind(&socket_path).map_err(ServeError::Socket)?;

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    // Terraform's AutoMTLS: TLS whenever it hands us its client certificate.
    let tls = match std::env::var("PLUGIN_CLIENT_CERT") {
        Ok(client_cert) if !options.debug => {
            let cert = ServerCertificate::generate()?;
            let acceptor = tls::pinned_acceptor(&cert, &client_cert)?;
            Some((cert, acceptor))
        }
        _ => None,
    };

    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status("plugin", tonic_health::ServingStatus::Serving)
        .await;

    let router = Server::builder()
        .add_service(health_service)
        .add_service(plugin::grpc_controller_server::GrpcControllerServer::new(Controller {
            shutdown: shutdown_tx.clone(),
        }))
        .add_service(plugin::grpc_stdio_server::GrpcStdioServer::new(Stdio {
            shutdown: shutdown_rx.clone(),
        }))
        .add_service(ProviderServer::new(ProviderService::new(provider)));

    if options.debug {
        announce_reattach(options.provider_address, &socket_path);
    } else {
        announce_handshake(&socket_path, tls.as_ref().map(|(cert, _)| cert.der.as_slice()));
    }
    watch_interrupts(options.debug, shutdown_tx.clone());
    if !options.debug {
        watch_parent(shutdown_tx.clone());
    }

    let mut stopped = shutdown_rx.clone();
    let shutdown_signal = async move {
        let _ = stopped.wait_for(|s| *s).await;
    };
    let serving: Pin<Box<dyn Future<Output = Result<(), tonic::transport::Error>> + Send>> = match tls {
        Some((_, acceptor)) => {
            Box::pin(router.serve_with_incoming_shutdown(tls::incoming(listener, acceptor), shutdown_signal))
        }
        None => Box::pin(router.serve_with_incoming_shutdown(UnixListenerStream::new(listener), shutdown_signal)),
    };
    tokio::pin!(serving);
    let mut stopped = shutdown_rx.clone();
    tokio::select! {
        result = &mut serving => result?,
        _ = stopped.wait_for(|s| *s) => {
            // Let the Shutdown reply and in-flight answers go out, but never
            // hang on a client that keeps its connection open: Terraform
            // kills plugins that take longer than 2 s.
            if tokio::time::timeout(Duration::from_millis(500), &mut serving).await.is_err() {
                tracing::debug!("connections still open at shutdown; exiting anyway");
            }
        }
    }
    drop(socket_dir);
    Ok(())
}

fn check_launched_by_terraform() -> Result<(), ServeError> {
    if std::env::var(MAGIC_COOKIE_KEY).ok().as_deref() != Some(MAGIC_COOKIE_VALUE) {
        return Err(ServeError::NotLaunchedByTerraform);
    }
    // Empty or absent: go-plugin falls back to the plugin's own version.
    let offered = std::env::var("PLUGIN_PROTOCOL_VERSIONS").unwrap_or_default();
    if !offered.trim().is_empty() && !offered.split(',').any(|v| v.trim().parse() == Ok(PROTOCOL_VERSION)) {
        return Err(ServeError::UnsupportedProtocol(offered));
    }
    Ok(())
}

/// `CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT`: the certificate is base64
/// without padding, as go-plugin expects.
fn announce_handshake(socket: &std::path::Path, certificate_der: Option<&[u8]>) {
    let cert = certificate_der.map(|der| base64::engine::general_purpose::STANDARD_NO_PAD.encode(der));
    let line = format!(
        "1|{PROTOCOL_VERSION}|unix|{}|grpc|{}\n",
        socket.display(),
        cert.unwrap_or_default()
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(line.as_bytes());
    let _ = stdout.flush();
}

fn announce_reattach(provider_address: &str, socket: &std::path::Path) {
    let value = serde_json::json!({
        provider_address: {
            "Protocol": "grpc",
            "ProtocolVersion": PROTOCOL_VERSION,
            "Pid": std::process::id(),
            // Terraform 1.0.x panics on protocol 6 reattach without it.
            "Test": true,
            "Addr": { "Network": "unix", "String": socket.display().to_string() },
        }
    });
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "Provider started in debug mode. To attach Terraform, set in its environment:\n\n\
         \tTF_REATTACH_PROVIDERS='{value}'\n"
    );
    let _ = stdout.flush();
}

/// Terraform cancels with StopProvider, not signals; a Ctrl-C in the
/// terminal reaches the whole process group, so plugins ignore it. In debug
/// mode Ctrl-C is how the developer stops the provider.
fn watch_interrupts(debug: bool, shutdown: watch::Sender<bool>) {
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if debug {
                shutdown.send_replace(true);
                return;
            }
            tracing::debug!("ignoring interrupt; Terraform stops providers with StopProvider");
        }
    });
}

/// How often the provider checks that Terraform is still alive.
const PARENT_CHECK: Duration = Duration::from_millis(200);

/// Terraform killed outright (SIGKILL from a CI timeout or the OOM killer)
/// never sends Shutdown; its plugins would live on, retrying AWS calls for
/// nobody. When the parent process changes (we were reparented), stop.
fn watch_parent(shutdown: watch::Sender<bool>) {
    let parent = std::os::unix::process::parent_id();
    if parent <= 1 {
        return; // Already orphaned at start: nothing to compare with.
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PARENT_CHECK);
        loop {
            tick.tick().await;
            if std::os::unix::process::parent_id() != parent {
                tracing::warn!(parent, "Terraform (the parent process) is gone; stopping");
                shutdown.send_replace(true);
                return;
            }
        }
    });
}

struct Controller {
    shutdown: watch::Sender<bool>,
}

#[tonic::async_trait]
impl plugin::grpc_controller_server::GrpcController for Controller {
    async fn shutdown(&self, _request: Request<plugin::Empty>) -> Result<Response<plugin::Empty>, Status> {
        tracing::debug!("Shutdown requested by Terraform");
        self.shutdown.send_replace(true);
        Ok(Response::new(plugin::Empty {}))
    }
}

struct Stdio {
    shutdown: watch::Receiver<bool>,
}

type StdioStream = Pin<Box<dyn futures_util::Stream<Item = Result<plugin::StdioData, Status>> + Send>>;

#[tonic::async_trait]
impl plugin::grpc_stdio_server::GrpcStdio for Stdio {
    type StreamStdioStream = StdioStream;

    /// Logs go to stderr directly, so the stream carries nothing; it stays
    /// open (as go-plugin expects) until shutdown.
    async fn stream_stdio(&self, _request: Request<()>) -> Result<Response<StdioStream>, Status> {
        let mut shutdown = self.shutdown.clone();
        let stream = futures_util::stream::once(async move {
            let _ = shutdown.wait_for(|s| *s).await;
        })
        .filter_map(|()| async { None::<Result<plugin::StdioData, Status>> });
        Ok(Response::new(Box::pin(stream)))
    }
}
