//! Starting as a go-plugin: check that Terraform launched us, listen on the
//! transport go-plugin uses on this system (`transport.rs`: a private Unix
//! socket, or 127.0.0.1 TCP on Windows), serve TLS with a fresh certificate,
//! print the one handshake line on stdout, and stop when Terraform calls
//! Shutdown or is gone (`lifetime.rs`).
//!
//! `--debug` instead serves plaintext until Ctrl-C and prints a
//! `TF_REATTACH_PROVIDERS` value for attaching Terraform by hand.

use std::future::Future;
use std::io::Write;
use std::pin::Pin;

use base64::Engine;
use futures_util::StreamExt as _;
use tokio::sync::watch;
use tonic::transport::Server;
use tonic::{Request, Response, Status};

use super::lifetime::{self, HangUp};
use super::proto::plugin;
use super::proto::tfplugin6::provider_server::ProviderServer;
use super::provider::Provider;
use super::server::ProviderService;
use super::tls::{self, ServerCertificate, TlsError};
use super::transport::{Listener, TransportError};

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
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("cannot set up TLS: {0}")]
    Tls(#[from] TlsError),
    #[error("gRPC server failed: {0}")]
    Grpc(#[from] tonic::transport::Error),
}

/// Serves `provider` until Terraform is done with it.
pub async fn serve<P: Provider>(provider: P, options: ServeOptions) -> Result<(), ServeError> {
    if !options.debug {
        check_launched_by_terraform()?;
    }
    // Before anything can block: on Windows an unhandled Ctrl-C ends the
    // process.
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    lifetime::watch_interrupts(options.debug, shutdown_tx.clone());
    let listener = Listener::bind_from_env()?;

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
            shutdown: shutdown_tx.clone(),
            exit_on_hang_up: !options.debug,
        }))
        .add_service(ProviderServer::new(ProviderService::new(provider)));

    tracing::debug!(
        network = listener.transport.network(),
        address = %listener.address,
        "serving Terraform"
    );
    if options.debug {
        announce_reattach(options.provider_address, &listener);
    } else {
        announce_handshake(&listener, tls.as_ref().map(|(cert, _)| cert.der.as_slice()));
        lifetime::watch_parent(shutdown_tx.clone());
    }

    let mut stopped = shutdown_rx.clone();
    let shutdown_signal = async move {
        let _ = stopped.wait_for(|s| *s).await;
    };
    let connections = listener.incoming();
    let serving: Pin<Box<dyn Future<Output = Result<(), tonic::transport::Error>> + Send>> = match tls {
        Some((_, acceptor)) => {
            Box::pin(router.serve_with_incoming_shutdown(tls::incoming(connections, acceptor), shutdown_signal))
        }
        None => Box::pin(router.serve_with_incoming_shutdown(connections, shutdown_signal)),
    };
    tokio::pin!(serving);
    let mut stopped = shutdown_rx.clone();
    tokio::select! {
        result = &mut serving => result?,
        _ = stopped.wait_for(|s| *s) => {
            // Let the Shutdown reply and in-flight answers go out, but never
            // hang on a client that keeps its connection open.
            if tokio::time::timeout(lifetime::DRAIN, &mut serving).await.is_err() {
                tracing::debug!("connections still open at shutdown; exiting anyway");
            }
        }
    }
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
fn announce_handshake(listener: &Listener, certificate_der: Option<&[u8]>) {
    let cert = certificate_der.map(|der| base64::engine::general_purpose::STANDARD_NO_PAD.encode(der));
    let line = format!(
        "1|{PROTOCOL_VERSION}|{}|{}|grpc|{}\n",
        listener.transport.network(),
        listener.address,
        cert.unwrap_or_default()
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(line.as_bytes());
    let _ = stdout.flush();
}

fn announce_reattach(provider_address: &str, listener: &Listener) {
    let value = serde_json::json!({
        provider_address: {
            "Protocol": "grpc",
            "ProtocolVersion": PROTOCOL_VERSION,
            "Pid": std::process::id(),
            // Terraform 1.0.x panics on protocol 6 reattach without it.
            "Test": true,
            "Addr": { "Network": listener.transport.network(), "String": listener.address },
        }
    });
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", reattach_instructions(&value.to_string(), cfg!(windows)));
    let _ = stdout.flush();
}

/// How to hand the reattach value to Terraform in the system's shells: a
/// POSIX shell, or on Windows cmd and PowerShell.
fn reattach_instructions(value: &str, windows: bool) -> String {
    let mut text = String::from("Provider started in debug mode. To attach Terraform, set in its environment:\n\n");
    if windows {
        // cmd takes the quotes around the whole assignment; PowerShell a
        // single-quoted string, whose only special character is the quote.
        text.push_str(&format!(
            "\tcmd:         set \"TF_REATTACH_PROVIDERS={value}\"\n\
             \tPowerShell:  $env:TF_REATTACH_PROVIDERS='{}'\n",
            value.replace('\'', "''")
        ));
    } else {
        text.push_str(&format!("\tTF_REATTACH_PROVIDERS='{value}'\n"));
    }
    text.push_str("\nCtrl-C stops it.\n");
    text
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
    shutdown: watch::Sender<bool>,
    /// Stop when Terraform drops the stream without a Shutdown.
    exit_on_hang_up: bool,
}

type StdioStream = Pin<Box<dyn futures_util::Stream<Item = Result<plugin::StdioData, Status>> + Send>>;

#[tonic::async_trait]
impl plugin::grpc_stdio_server::GrpcStdio for Stdio {
    type StreamStdioStream = StdioStream;

    /// Logs go to stderr directly, so the stream carries nothing; it stays
    /// open (as go-plugin expects) until shutdown. Dropped before that, it
    /// means Terraform is gone (`lifetime.rs`).
    async fn stream_stdio(&self, _request: Request<()>) -> Result<Response<StdioStream>, Status> {
        let mut shutdown = self.shutdown.subscribe();
        let hang_up = HangUp::new(&self.shutdown, self.exit_on_hang_up);
        let stream = futures_util::stream::once(async move {
            let _ = shutdown.wait_for(|s| *s).await;
            drop(hang_up);
        })
        .filter_map(|()| async { None::<Result<plugin::StdioData, Status>> });
        Ok(Response::new(Box::pin(stream)))
    }
}

#[cfg(test)]
mod tests {
    use super::reattach_instructions;

    const VALUE: &str = r#"{"registry.terraform.io/x/y":{"Addr":{"Network":"tcp","String":"127.0.0.1:10000"}}}"#;

    #[test]
    fn the_reattach_value_is_quoted_for_a_posix_shell() {
        let text = reattach_instructions(VALUE, false);
        assert!(text.contains(&format!("\tTF_REATTACH_PROVIDERS='{VALUE}'\n")), "{text}");
        assert!(!text.contains("PowerShell"));
    }

    #[test]
    fn on_windows_it_is_given_for_cmd_and_powershell() {
        let text = reattach_instructions(VALUE, true);
        assert!(
            text.contains(&format!("set \"TF_REATTACH_PROVIDERS={VALUE}\"\n")),
            "{text}"
        );
        assert!(
            text.contains(&format!("$env:TF_REATTACH_PROVIDERS='{VALUE}'\n")),
            "{text}"
        );
        // PowerShell's single quotes double a quote inside.
        let quoted = reattach_instructions(r#"{"a":"it's"}"#, true);
        assert!(
            quoted.contains(r#"$env:TF_REATTACH_PROVIDERS='{"a":"it''s"}'"#),
            "{quoted}"
        );
    }
}
