//! The HTTP client behind every AWS call, when the provider block or the
//! environment asks for more than the SDK's default client: a custom CA
//! bundle (`custom_ca_bundle`, `AWS_CA_BUNDLE`), `insecure`, and proxies
//! (`http_proxy`, `https_proxy`, `no_proxy`, and `HTTP_PROXY`,
//! `HTTPS_PROXY`, `NO_PROXY` in either case).
//!
//! Everything but `insecure` is aws-smithy-http-client's own connector: its
//! TLS trust store (the system roots plus the bundle) and its proxy matcher.
//! The SDK's proxy setting holds one proxy, so plain-HTTP and HTTPS
//! endpoints get a connector each, chosen by the request's scheme. The SDK
//! has no way to skip certificate checks, so `insecure` HTTPS goes through a
//! small hyper-rustls connector of its own (tunnelling through the HTTPS
//! proxy, if any).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Connector;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo};

use super::paths::expand_home;

/// Proxies for plain-HTTP and HTTPS endpoints, and the hosts that bypass
/// them; `None` means no proxy. A proxy URL may carry `user:password@`:
/// its `Debug` (which the SDK prints in trace logs) shows it redacted.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    pub http: Option<String>,
    pub https: Option<String>,
    pub no_proxy: Option<String>,
}

impl std::fmt::Debug for Proxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proxies")
            .field("http", &self.http.as_deref().map(redacted))
            .field("https", &self.https.as_deref().map(redacted))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// `url` without the `user:password@` a proxy URL may carry, for messages
/// and logs: `http://***@proxy:3128`.
pub fn redacted(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}***{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// The proxies in effect, and whether `http_proxy` stands in for a missing
/// HTTPS proxy (hashicorp/aws warns about that).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedProxies {
    pub proxies: Proxies,
    pub http_proxy_used_for_https: bool,
}

/// What the provider block says about the network; `None`: not set.
/// No `Debug`: the proxy URLs may carry credentials.
#[derive(Clone, Default)]
pub struct NetworkArguments {
    pub custom_ca_bundle: Option<String>,
    pub insecure: bool,
    pub http_proxy: Option<String>,
    pub https_proxy: Option<String>,
    pub no_proxy: Option<String>,
}

/// A network setting that cannot be used, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("cannot read the CA bundle {path}: {cause}")]
    UnreadableBundle { path: String, cause: String },
    #[error("the CA bundle {path} holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")")]
    EmptyBundle { path: String },
    #[error("the CA bundle {path} holds a certificate that cannot be used: {cause}")]
    BadCertificate { path: String, cause: String },
    #[error("{0}")]
    BadProxy(String),
}

/// The first of the environment variables that is set and not empty.
fn first_env(env: &dyn Fn(&str) -> Option<String>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| env(n).filter(|v| !v.trim().is_empty()))
}

/// The proxies hashicorp/aws would use: each argument wins over its
/// environment variables, `""` means none; `http_proxy` also serves HTTPS
/// when no HTTPS proxy is set anywhere (its "legacy" proxy mode).
pub fn resolve_proxies(args: &NetworkArguments, env: &dyn Fn(&str) -> Option<String>) -> ResolvedProxies {
    let given = |v: &Option<String>| v.as_ref().map(|s| s.trim().to_string());
    let non_empty = |v: String| (!v.is_empty()).then_some(v);
    let http_arg = given(&args.http_proxy);
    let http = match &http_arg {
        Some(v) => non_empty(v.clone()),
        None => first_env(env, &["HTTP_PROXY", "http_proxy"]),
    };
    let env_https = first_env(env, &["HTTPS_PROXY", "https_proxy"]);
    let mut http_proxy_used_for_https = false;
    let https = match given(&args.https_proxy) {
        Some(v) => non_empty(v),
        None if env_https.is_some() => env_https,
        None => {
            let legacy = http_arg.and_then(non_empty);
            http_proxy_used_for_https = legacy.is_some();
            legacy
        }
    };
    let no_proxy = match given(&args.no_proxy) {
        Some(v) => non_empty(v),
        None => first_env(env, &["NO_PROXY", "no_proxy"]),
    };
    ResolvedProxies {
        proxies: Proxies { http, https, no_proxy },
        http_proxy_used_for_https,
    }
}

/// `host:port` → `http://host:port` (Go accepts a proxy without a scheme).
fn with_scheme(url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        format!("http://{url}")
    }
}

/// Why `url` cannot be a proxy, in one sentence; None when it can.
pub fn proxy_problem(url: &str) -> Option<String> {
    let full = with_scheme(url.trim());
    match full.parse::<http::Uri>() {
        Err(e) => Some(format!(
            "{:?} is not a URL ({e}), e.g. \"http://proxy.example.com:3128\".",
            redacted(url)
        )),
        Ok(uri) if !matches!(uri.scheme_str(), Some("http" | "https")) => Some(format!(
            "{:?} is not an http:// or https:// proxy URL, e.g. \"http://proxy.example.com:3128\".",
            redacted(url)
        )),
        Ok(uri) if uri.host().is_none_or(str::is_empty) => Some(format!(
            "{:?} names no proxy host, e.g. \"http://proxy.example.com:3128\".",
            redacted(url)
        )),
        Ok(_) => None,
    }
}

/// The certificates of a PEM bundle, re-encoded as clean PEM (the SDK
/// panics on PEM it cannot parse, so only what parsed is handed on).
pub fn read_ca_bundle(path: &str) -> Result<Vec<u8>, NetworkError> {
    use base64::Engine;
    let file = expand_home(path);
    let pem = std::fs::read(&file).map_err(|e| NetworkError::UnreadableBundle {
        path: path.to_string(),
        cause: e.to_string(),
    })?;
    let certs = rustls_pemfile::certs(&mut pem.as_slice())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| NetworkError::BadCertificate {
            path: path.to_string(),
            cause: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(NetworkError::EmptyBundle { path: path.to_string() });
    }
    let mut roots = rustls::RootCertStore::empty();
    let mut clean = String::new();
    for cert in certs {
        let text = base64::engine::general_purpose::STANDARD.encode(cert.as_ref());
        roots.add(cert).map_err(|e| NetworkError::BadCertificate {
            path: path.to_string(),
            cause: e.to_string(),
        })?;
        clean.push_str("-----BEGIN CERTIFICATE-----\n");
        for line in text.as_bytes().chunks(64) {
            clean.push_str(&String::from_utf8_lossy(line));
            clean.push('\n');
        }
        clean.push_str("-----END CERTIFICATE-----\n");
    }
    Ok(clean.into_bytes())
}

/// The HTTP client for these settings; None when the SDK's default client
/// does (no bundle, no proxy, certificates checked).
pub fn http_client(
    ca_bundle: Option<Vec<u8>>,
    insecure: bool,
    proxies: &Proxies,
) -> Result<Option<SharedHttpClient>, NetworkError> {
    // `no_proxy = "*"` bypasses every proxy; `no_proxy` alone (common in
    // CI) has no proxy to bypass. Either way the SDK's own client does.
    let bypass_all = proxies
        .no_proxy
        .as_deref()
        .is_some_and(|n| n.split(',').any(|h| h.trim() == "*"));
    let proxied = !bypass_all && (proxies.http.is_some() || proxies.https.is_some());
    if ca_bundle.is_none() && !insecure && !proxied {
        return Ok(None);
    }
    for url in [&proxies.http, &proxies.https].into_iter().flatten() {
        if let Some(problem) = proxy_problem(url) {
            return Err(NetworkError::BadProxy(problem));
        }
    }
    let proxies = if proxied { proxies.clone() } else { Proxies::default() };
    let mut trust = TrustStore::default();
    if let Some(pem) = ca_bundle {
        trust = trust.with_pem_certificate(pem);
    }
    let tls = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|e| NetworkError::BadCertificate {
            path: "custom_ca_bundle".into(),
            cause: e.to_string(),
        })?;
    Ok(Some(SharedHttpClient::new(ProviderHttpClient {
        tls,
        insecure,
        proxies,
        connectors: Mutex::new(HashMap::new()),
    })))
}

/// Hosts never proxied, whatever `no_proxy` says: localhost and loopback
/// addresses, as Go's proxy rules (so hashicorp/aws) have it. An emulator
/// on the developer's machine stays reachable behind a corporate proxy.
const NEVER_PROXIED: &str = "localhost,127.0.0.0/8,::1";

/// The bypass rules for the proxy matcher: the user's plus loopback.
fn bypass_rules(no_proxy: Option<&str>) -> String {
    match no_proxy.map(str::trim).filter(|r| !r.is_empty()) {
        Some(rules) => format!("{NEVER_PROXIED},{rules}"),
        None => NEVER_PROXIED.to_string(),
    }
}

/// Connectors are cached per timeout settings, as the SDK's client does.
type ConnectorKey = (Option<Duration>, Option<Duration>);

#[derive(Debug)]
struct ProviderHttpClient {
    tls: TlsContext,
    insecure: bool,
    proxies: Proxies,
    connectors: Mutex<HashMap<ConnectorKey, SharedHttpConnector>>,
}

impl ProviderHttpClient {
    fn proxy_config(&self, url: &Option<String>, https: bool) -> Option<ProxyConfig> {
        let url = with_scheme(url.as_deref()?);
        let config = if https {
            ProxyConfig::https(url.as_str())
        } else {
            ProxyConfig::http(url.as_str())
        };
        // Checked in `http_client`; a URL the SDK still refuses means no proxy.
        Some(config.ok()?.no_proxy(bypass_rules(self.proxies.no_proxy.as_deref())))
    }

    fn sdk_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
        proxy: Option<ProxyConfig>,
    ) -> SharedHttpConnector {
        let mut builder = Connector::builder().connector_settings(settings.clone());
        builder.set_sleep_impl(components.sleep_impl());
        builder.set_proxy_config(proxy);
        SharedHttpConnector::new(
            builder
                .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
                .tls_context(self.tls.clone())
                .build(),
        )
    }
}

impl HttpClient for ProviderHttpClient {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        let key = (settings.connect_timeout(), settings.read_timeout());
        let mut cache = match self.connectors.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        cache
            .entry(key)
            .or_insert_with(|| {
                let http = self.sdk_connector(settings, components, self.proxy_config(&self.proxies.http, false));
                let https = if self.insecure {
                    SharedHttpConnector::new(InsecureConnector::new(settings, &self.proxies))
                } else {
                    self.sdk_connector(settings, components, self.proxy_config(&self.proxies.https, true))
                };
                SharedHttpConnector::new(ByScheme { http, https })
            })
            .clone()
    }
}

/// Plain-HTTP and HTTPS requests each to their own connector.
#[derive(Debug)]
struct ByScheme {
    http: SharedHttpConnector,
    https: SharedHttpConnector,
}

impl HttpConnector for ByScheme {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if request.uri().starts_with("https://") {
            self.https.call(request)
        } else {
            self.http.call(request)
        }
    }
}

/// `insecure = true`: HTTPS without certificate checks, directly or
/// through a CONNECT tunnel of the HTTPS proxy.
struct InsecureConnector {
    client: hyper_util::client::legacy::Client<hyper_rustls::HttpsConnector<MaybeTunnel>, SdkBody>,
}

impl std::fmt::Debug for InsecureConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InsecureConnector")
    }
}

impl InsecureConnector {
    fn new(settings: &HttpConnectorSettings, proxies: &Proxies) -> InsecureConnector {
        let mut direct = hyper_util::client::legacy::connect::HttpConnector::new();
        direct.enforce_http(false);
        direct.set_nodelay(true);
        direct.set_connect_timeout(settings.connect_timeout());
        let matcher = proxies.https.as_deref().map(|url| {
            Arc::new(
                Matcher::builder()
                    .https(with_scheme(url))
                    .no(bypass_rules(proxies.no_proxy.as_deref()))
                    .build(),
            )
        });
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config =
            match rustls::ClientConfig::builder_with_provider(provider.clone()).with_safe_default_protocol_versions() {
                Ok(builder) => builder,
                // The aws-lc provider supports the default versions; keep the
                // build infallible all the same.
                Err(_) => rustls::ClientConfig::builder_with_protocol_versions(rustls::DEFAULT_VERSIONS),
            }
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let https = hyper_rustls::HttpsConnector::from((MaybeTunnel { direct, matcher }, config));
        InsecureConnector {
            client: hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(https),
        }
    }
}

impl HttpConnector for InsecureConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(e) => return HttpConnectorFuture::ready(Err(ConnectorError::user(e.into()))),
        };
        let response = self.client.request(request);
        HttpConnectorFuture::new(async move {
            match response.await {
                Ok(response) => HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                    .map_err(|e| ConnectorError::other(e.into(), None)),
                Err(e) if e.is_connect() => Err(ConnectorError::io(e.into())),
                Err(e) => Err(ConnectorError::other(e.into(), None)),
            }
        })
    }
}

/// TCP to the destination, or to the proxy with a CONNECT to it.
#[derive(Clone)]
struct MaybeTunnel {
    direct: hyper_util::client::legacy::connect::HttpConnector,
    matcher: Option<Arc<Matcher>>,
}

type Connecting = Pin<Box<dyn Future<Output = Result<TokioIo<tokio::net::TcpStream>, BoxError>> + Send>>;

impl tower::Service<http::Uri> for MaybeTunnel {
    type Response = TokioIo<tokio::net::TcpStream>;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: http::Uri) -> Self::Future {
        let intercept = self.matcher.as_ref().and_then(|m| m.intercept(&dst));
        let mut direct = self.direct.clone();
        match intercept {
            Some(proxy) => {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), direct);
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                Box::pin(async move { tower::Service::call(&mut tunnel, dst).await.map_err(Into::into) })
            }
            None => Box::pin(async move { tower::Service::call(&mut direct, dst).await.map_err(Into::into) }),
        }
    }
}

/// Accepts any server certificate, still checking the handshake's
/// signatures: what `insecure = true` asks for.
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::{proxy_problem, redacted, Proxies};

    #[test]
    fn proxy_credentials_never_reach_a_message_or_a_debug_print() {
        assert_eq!(redacted("http://user:s3cr3t@proxy:3128/x"), "http://***@proxy:3128/x");
        assert_eq!(redacted("user:s3cr3t@proxy:3128"), "***@proxy:3128");
        assert_eq!(redacted("http://proxy:3128"), "http://proxy:3128");
        let bad = proxy_problem("http://user:p#ss w@rd@proxy:3128").unwrap_or_default();
        assert!(!bad.contains("p#ss") && !bad.contains("w@rd"), "{bad}");
        let proxies = Proxies {
            http: Some("http://user:s3cr3t@proxy:3128".into()),
            ..Default::default()
        };
        assert!(!format!("{proxies:?}").contains("s3cr3t"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    fn args(http: Option<&str>, https: Option<&str>, no: Option<&str>) -> NetworkArguments {
        NetworkArguments {
            http_proxy: http.map(str::to_string),
            https_proxy: https.map(str::to_string),
            no_proxy: no.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn arguments_win_over_the_environment_and_empty_means_none() {
        let env = env_of(&[("HTTPS_PROXY", "http://env:1"), ("no_proxy", "a.test")]);
        let r = resolve_proxies(&args(None, Some(""), None), &env);
        assert_eq!(r.proxies.https, None);
        assert_eq!(r.proxies.no_proxy.as_deref(), Some("a.test"));
        let r = resolve_proxies(&args(None, None, Some("b.test")), &env);
        assert_eq!(r.proxies.https.as_deref(), Some("http://env:1"));
        assert_eq!(r.proxies.no_proxy.as_deref(), Some("b.test"));
    }

    #[test]
    fn http_proxy_serves_https_only_when_no_https_proxy_is_set_anywhere() {
        let none = env_of(&[]);
        let r = resolve_proxies(&args(Some("http://p:3128"), None, None), &none);
        assert_eq!(r.proxies.https.as_deref(), Some("http://p:3128"));
        assert!(r.http_proxy_used_for_https);
        let env = env_of(&[("https_proxy", "http://e:1")]);
        let r = resolve_proxies(&args(Some("http://p:3128"), None, None), &env);
        assert_eq!(r.proxies.https.as_deref(), Some("http://e:1"));
        assert!(!r.http_proxy_used_for_https);
        // HTTP_PROXY from the environment never serves HTTPS (Go's rule).
        let env = env_of(&[("HTTP_PROXY", "http://e:2")]);
        let r = resolve_proxies(&args(None, None, None), &env);
        assert_eq!(r.proxies.http.as_deref(), Some("http://e:2"));
        assert_eq!(r.proxies.https, None);
    }

    #[test]
    fn loopback_is_never_proxied_and_no_proxy_adds_to_it() {
        let matcher = Matcher::builder()
            .http("http://proxy:3128")
            .no(bypass_rules(Some(".corp")))
            .build();
        let proxied = |url: &str| matcher.intercept(&url.parse().expect("uri")).is_some();
        assert!(proxied("http://events.proxy.test:5000"));
        for direct in [
            "http://127.0.0.1:5000",
            "http://localhost:4566",
            "http://[::1]:80",
            "http://a.corp/",
        ] {
            assert!(!proxied(direct), "{direct}");
        }
    }

    #[test]
    fn a_proxy_needs_an_http_scheme_and_a_host() {
        assert_eq!(proxy_problem("http://proxy:3128"), None);
        assert_eq!(proxy_problem("proxy.corp:3128"), None);
        assert!(proxy_problem("socks5://proxy:1080").is_some());
        assert!(proxy_problem("http://").is_some());
        assert!(proxy_problem("http://a b").is_some());
    }

    #[test]
    fn a_bundle_without_certificates_is_refused_with_its_path() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").expect("write");
        let text = read_ca_bundle(path.to_str().expect("path")).unwrap_err().to_string();
        assert!(
            text.contains("holds no PEM certificate") && text.contains("ca.pem"),
            "{text}"
        );
        let missing = read_ca_bundle("/nonexistent/ca.pem").unwrap_err().to_string();
        assert!(
            missing.contains("cannot read the CA bundle /nonexistent/ca.pem"),
            "{missing}"
        );
    }

    #[test]
    fn a_generated_ca_reads_back_as_clean_pem() {
        let key = rcgen::KeyPair::generate().expect("key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca = params.self_signed(&key).expect("ca");
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, format!("junk before\n{}", ca.pem())).expect("write");
        let pem = read_ca_bundle(path.to_str().expect("path")).expect("bundle");
        let text = String::from_utf8(pem).expect("utf8");
        assert!(text.starts_with("-----BEGIN CERTIFICATE-----\n"), "{text}");
        assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 1);
    }
}
