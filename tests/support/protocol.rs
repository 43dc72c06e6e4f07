//! A protocol-level client: starts the built provider the way Terraform
//! does (magic cookie, protocol versions, a P-521 CA-flagged client
//! certificate in PLUGIN_CLIENT_CERT), parses the handshake line, and talks
//! gRPC over the announced unix socket or TCP port with TLS pinned to the
//! announced certificate.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine;
use hyper_util::rt::TokioIo;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use terraform_provider_eventbridge::tfplugin::proto::plugin::grpc_controller_client::GrpcControllerClient;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6::provider_client::ProviderClient;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6::DynamicValue;
use terraform_provider_eventbridge::tfplugin::{decode_msgpack, encode_msgpack, Type, Value};
use tonic::transport::{Channel, Endpoint, Uri};

/// The provider binary cargo built with the test (or bench) binary that is
/// running: in the directory above its `deps/`, `target/debug/` (or
/// `target/release/` under `cargo bench`). Cargo builds it for every
/// integration test and bench.
pub fn provider_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the path of the running test binary");
        let dir = exe.parent().expect("the test binary's directory");
        let dir = if dir.ends_with("deps") {
            dir.parent().expect("the directory above deps/")
        } else {
            dir
        };
        let binary = dir.join(format!(
            "terraform-provider-eventbridge{}",
            std::env::consts::EXE_SUFFIX
        ));
        assert!(
            binary.is_file(),
            "no provider binary at {} (cargo builds it with the integration tests)",
            binary.display()
        );
        binary
    })
}

/// A client certificate shaped like the one Terraform (go-plugin) makes:
/// ECDSA P-521, self-signed, CA:true, CN localhost.
pub fn terraform_like_client_cert() -> (String, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose as Eku, IsCa, KeyPair};
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P521_SHA512).expect("P-521 key");
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).expect("params");
    params.distinguished_name.push(DnType::CommonName, "localhost");
    params.distinguished_name.push(DnType::OrganizationName, "HashiCorp");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.extended_key_usages = vec![Eku::ClientAuth, Eku::ServerAuth];
    let cert = params.self_signed(&key).expect("self-signed");
    (cert.pem(), key.serialize_pem())
}

/// Where a provider listens: go-plugin's two networks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    Unix(PathBuf),
    Tcp(std::net::SocketAddr),
}

impl Address {
    /// From the handshake line's (or a reattach value's) network and
    /// address fields.
    pub fn parse(network: &str, address: &str) -> Address {
        match network {
            "unix" => Address::Unix(PathBuf::from(address)),
            "tcp" => Address::Tcp(address.parse().unwrap_or_else(|_| panic!("a TCP address: {address:?}"))),
            other => panic!("unknown network {other:?}"),
        }
    }

    /// The socket's path; panics on TCP.
    pub fn socket(&self) -> &Path {
        match self {
            Address::Unix(path) => path,
            Address::Tcp(addr) => panic!("a TCP address, not a socket: {addr}"),
        }
    }
}

impl From<PathBuf> for Address {
    fn from(path: PathBuf) -> Address {
        Address::Unix(path)
    }
}

/// A running provider process and a connected channel.
pub struct Plugin {
    child: Child,
    pub address: Address,
    pub handshake: String,
    pub server_cert_der: Vec<u8>,
    /// The client certificate and key given to the provider (PEM).
    pub client: (String, String),
    pub channel: Channel,
}

impl Plugin {
    /// Starts the provider as Terraform would, with TLS.
    pub async fn start() -> Plugin {
        Plugin::start_with(&[]).await
    }

    /// Same, with extra environment variables.
    pub async fn start_with(extra_env: &[(&str, &str)]) -> Plugin {
        Plugin::start_binary(provider_binary(), extra_env).await
    }

    /// Starts `binary` (e.g. the release build) with extra environment
    /// variables.
    pub async fn start_binary(binary: &std::path::Path, extra_env: &[(&str, &str)]) -> Plugin {
        let (client_cert, client_key) = terraform_like_client_cert();
        let mut cmd = Command::new(binary);
        cmd.env(
            "TF_PLUGIN_MAGIC_COOKIE",
            terraform_provider_eventbridge::tfplugin::MAGIC_COOKIE_VALUE,
        )
        .env("PLUGIN_PROTOCOL_VERSIONS", "5,6")
        .env("PLUGIN_MIN_PORT", "10000")
        .env("PLUGIN_MAX_PORT", "25000")
        .env("PLUGIN_CLIENT_CERT", &client_cert)
        .env("TF_LOG_PROVIDER", "debug")
        .env_remove("AWS_PROFILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn provider");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err_pipe = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        });
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut handshake = String::new();
        out.read_line(&mut handshake).expect("handshake line");
        // Keep draining stdout so the provider never blocks on it.
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = out.read_to_string(&mut rest);
        });
        let handshake = handshake.trim_end().to_string();
        let fields: Vec<&str> = handshake.split('|').collect();
        assert_eq!(
            fields.len(),
            6,
            "handshake {handshake:?}; stderr: {}",
            stderr.lock().unwrap()
        );
        assert_eq!(&fields[..2], ["1", "6"]);
        assert_eq!(fields[4], "grpc");
        let address = Address::parse(fields[2], fields[3]);
        let server_cert_der = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(fields[5])
            .expect("unpadded base64 certificate");
        let client = (client_cert, client_key);
        let config = client_tls_config(server_cert_der.clone(), Some(client.clone()));
        let channel = connect_with(address.clone(), Some(config))
            .await
            .expect("TLS connection");
        Plugin {
            child,
            address,
            handshake,
            server_cert_der,
            client,
            channel,
        }
    }

    /// GetProviderSchema; panics on a transport error.
    pub async fn schema(
        &self,
    ) -> terraform_provider_eventbridge::tfplugin::proto::tfplugin6::get_provider_schema::Response {
        use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
        self.provider()
            .get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("GetProviderSchema")
            .into_inner()
    }

    pub fn provider(&self) -> ProviderClient<Channel> {
        ProviderClient::new(self.channel.clone())
    }

    pub fn controller(&self) -> GrpcControllerClient<Channel> {
        GrpcControllerClient::new(self.channel.clone())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the process to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Plugin {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// TLS client configuration pinned to `server_cert_der`, optionally
/// presenting a client certificate (PEM cert, PEM key).
pub fn client_tls_config(server_cert_der: Vec<u8>, client: Option<(String, String)>) -> rustls::ClientConfig {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedServer {
            der: server_cert_der,
            provider,
        }));
    let mut config = match client {
        None => builder.with_no_client_auth(),
        Some((cert_pem, key_pem)) => {
            let certs = rustls_pemfile::certs(&mut cert_pem.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .expect("certs");
            let key = rustls_pemfile::private_key(&mut key_pem.as_bytes())
                .expect("key")
                .expect("a key");
            builder.with_client_auth_cert(certs, key).expect("client auth")
        }
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    config
}

/// Connects with the given TLS config, or plaintext (debug mode) with None.
pub async fn connect_with(
    address: impl Into<Address>,
    tls: Option<rustls::ClientConfig>,
) -> Result<Channel, tonic::transport::Error> {
    let address = address.into();
    let tls = tls.map(|c| tokio_rustls::TlsConnector::from(Arc::new(c)));
    Endpoint::from_static("http://localhost")
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let address = address.clone();
            let tls = tls.clone();
            async move {
                let stream: Box<dyn Io> = match &address {
                    Address::Unix(path) => Box::new(tokio::net::UnixStream::connect(path).await?),
                    Address::Tcp(addr) => {
                        let stream = tokio::net::TcpStream::connect(addr).await?;
                        stream.set_nodelay(true)?;
                        Box::new(stream)
                    }
                };
                let io: Box<dyn Io> = match tls {
                    Some(tls) => {
                        let name = ServerName::try_from("localhost").expect("name");
                        Box::new(tls.connect(name, stream).await?)
                    }
                    None => Box::new(stream),
                };
                Ok::<_, std::io::Error>(TokioIo::new(io))
            }
        }))
        .await
}

pub trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Io for T {}

#[derive(Debug)]
struct PinnedServer {
    der: Vec<u8>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for PinnedServer {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.der.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "server certificate differs from the handshake's".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// msgpack DynamicValue of `value` typed `ty`.
pub fn dv(value: &Value, ty: &Type) -> Option<DynamicValue> {
    Some(DynamicValue {
        msgpack: encode_msgpack(value, ty).expect("encode"),
        json: Vec::new(),
    })
}

/// Decodes a DynamicValue from a response.
pub fn value_of(dv: Option<&DynamicValue>, ty: &Type) -> Value {
    let dv = dv.expect("a value");
    decode_msgpack(&dv.msgpack, ty).expect("decode")
}

/// Summaries and details of diagnostics, for assertions and messages.
pub fn describe_diagnostics(
    diags: &[terraform_provider_eventbridge::tfplugin::proto::tfplugin6::Diagnostic],
) -> String {
    diags
        .iter()
        .map(|d| format!("[{}] {}: {}", d.severity, d.summary, d.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The provider started and configured against `endpoint`, with its
/// client.
pub async fn configured(endpoint: &str) -> (Plugin, ProviderClient<Channel>) {
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    configure(&mut client, endpoint).await;
    (plugin, client)
}

/// ConfigureProvider as Terraform 1.12 would: Region us-east-1, dummy keys,
/// the given endpoint, write-only support declared.
pub async fn configure(client: &mut ProviderClient<Channel>, endpoint: &str) {
    use terraform_provider_eventbridge::provider::EventBridgeProvider;
    use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
    use terraform_provider_eventbridge::tfplugin::{decode_json, Provider};
    let ty = EventBridgeProvider.schema().value_type();
    let json = format!(
        r#"{{"region":"us-east-1","endpoint":"{endpoint}","access_key":"testing","secret_key":"testing","assume_role":[]}}"#
    );
    let config = decode_json(json.as_bytes(), &ty, false).expect("provider configuration");
    let resp = client
        .configure_provider(pb::configure_provider::Request {
            terraform_version: "1.12.0".into(),
            config: dv(&config, &ty),
            client_capabilities: Some(pb::ClientCapabilities {
                deferral_allowed: false,
                write_only_attributes_allowed: true,
            }),
        })
        .await
        .expect("ConfigureProvider answered")
        .into_inner();
    assert!(
        resp.diagnostics.is_empty(),
        "{}",
        describe_diagnostics(&resp.diagnostics)
    );
}

/// Fails the test, listing them, when there are any diagnostics.
#[track_caller]
pub fn assert_no_diagnostics(diags: &[terraform_provider_eventbridge::tfplugin::proto::tfplugin6::Diagnostic]) {
    assert!(diags.is_empty(), "{}", describe_diagnostics(diags));
}

/// Every event a ListResource stream sends until it ends; fails the test
/// if it does not end within a minute (a hang).
pub async fn list_events(
    client: &mut ProviderClient<Channel>,
    req: terraform_provider_eventbridge::tfplugin::proto::tfplugin6::list_resource::Request,
) -> Vec<terraform_provider_eventbridge::tfplugin::proto::tfplugin6::list_resource::Event> {
    let mut stream = client
        .list_resource(req)
        .await
        .expect("ListResource answered")
        .into_inner();
    let mut events = Vec::new();
    let all = async {
        while let Some(event) = stream.message().await.expect("a well-formed stream") {
            events.push(event);
        }
    };
    tokio::time::timeout(Duration::from_secs(60), all)
        .await
        .expect("the stream ends");
    events
}

/// MoveResourceState of a state `json` of `source_type` (schema version
/// 0) from `provider` into `target_type`.
pub async fn move_state(
    client: &mut ProviderClient<Channel>,
    provider: &str,
    source_type: &str,
    json: &str,
    target_type: &str,
) -> terraform_provider_eventbridge::tfplugin::proto::tfplugin6::move_resource_state::Response {
    use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
    client
        .move_resource_state(pb::move_resource_state::Request {
            source_provider_address: provider.into(),
            source_type_name: source_type.into(),
            source_schema_version: 0,
            source_state: Some(pb::RawState {
                json: json.as_bytes().to_vec(),
                flatmap: Default::default(),
            }),
            target_type_name: target_type.into(),
            ..Default::default()
        })
        .await
        .expect("MoveResourceState")
        .into_inner()
}

/// A refresh of `state` (a state just moved in), then a plan of the
/// configuration `config_of(refreshed)` on it, which must change nothing
/// (no diagnostics, no replacement, the refreshed state planned as it is).
/// The refresh's answer, for more checks.
pub async fn refreshed_and_planned_without_change(
    client: &mut ProviderClient<Channel>,
    type_name: &str,
    state: Option<terraform_provider_eventbridge::tfplugin::proto::tfplugin6::DynamicValue>,
    ty: &terraform_provider_eventbridge::tfplugin::Type,
    config_of: impl FnOnce(
        &terraform_provider_eventbridge::tfplugin::Value,
    ) -> terraform_provider_eventbridge::tfplugin::Value,
) -> terraform_provider_eventbridge::tfplugin::proto::tfplugin6::read_resource::Response {
    use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
    let read = client
        .read_resource(pb::read_resource::Request {
            type_name: type_name.into(),
            current_state: state,
            ..Default::default()
        })
        .await
        .expect("ReadResource")
        .into_inner();
    assert_no_diagnostics(&read.diagnostics);
    let refreshed = value_of(read.new_state.as_ref(), ty);
    let config = config_of(&refreshed);
    let plan = client
        .plan_resource_change(pb::plan_resource_change::Request {
            type_name: type_name.into(),
            prior_state: read.new_state.clone(),
            proposed_new_state: read.new_state.clone(),
            config: dv(&config, ty),
            ..Default::default()
        })
        .await
        .expect("PlanResourceChange")
        .into_inner();
    assert_no_diagnostics(&plan.diagnostics);
    assert!(plan.requires_replace.is_empty(), "{:?}", plan.requires_replace);
    assert_eq!(value_of(plan.planned_state.as_ref(), ty), refreshed, "no change");
    read
}

/// The provider started with `--debug` (and `env`), as a developer does:
/// the process, and the `TF_REATTACH_PROVIDERS` value it printed. The
/// caller kills the process.
pub fn start_debug(env: &[(&str, &str)]) -> (Child, String) {
    let mut cmd = Command::new(provider_binary());
    cmd.arg("--debug").stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start the provider in debug mode");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    let reattach = loop {
        line.clear();
        assert!(out.read_line(&mut line).expect("read stdout") > 0, "no reattach line");
        if let Some(rest) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS='") {
            break rest.trim_end_matches('\'').to_string();
        }
    };
    // Keep draining stdout so the provider never blocks on it.
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = out.read_to_string(&mut rest);
    });
    (child, reattach)
}

/// Where a reattach value says the provider listens.
pub fn reattach_address(reattach: &str) -> Address {
    let json: serde_json::Value = serde_json::from_str(reattach).expect("reattach JSON");
    let addr = &json[terraform_provider_eventbridge::PROVIDER_ADDRESS]["Addr"];
    Address::parse(
        addr["Network"].as_str().expect("a network"),
        addr["String"].as_str().expect("an address"),
    )
}
