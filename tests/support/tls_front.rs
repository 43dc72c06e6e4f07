//! A TLS endpoint in front of the emulator, with a certificate authority
//! the test generates: `https://localhost:PORT` (the certificate also
//! names 127.0.0.1 and `tls.proxy.test`, the name only the test proxy
//! resolves) terminates TLS and passes the bytes on to moto. The CA's PEM
//! file is what `custom_ca_bundle` / `AWS_CA_BUNDLE` point at; without it
//! the certificate is from an unknown issuer. [`TestCa`], the CA and the
//! acceptor, also serves the test registry (`registry.rs`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;

/// A certificate authority made for one test, and a TLS acceptor with a
/// server certificate it signed for some names: clients trust the server
/// only when told to trust `ca_file` (`custom_ca_bundle`, `SSL_CERT_FILE`).
pub struct TestCa {
    /// Accepts TLS connections with the server certificate.
    pub acceptor: TlsAcceptor,
    /// PEM file of the CA.
    pub ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestCa {
    /// A new CA and a server certificate for `names` (host names or IP
    /// addresses).
    pub fn new(names: &[&str]) -> TestCa {
        let ca_key = rcgen::KeyPair::generate().expect("CA key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "eventbridge provider test CA");
        ca_params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA certificate");

        let key = rcgen::KeyPair::generate().expect("server key");
        let params = rcgen::CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("server params");
        let cert = params.signed_by(&key, &ca).expect("server certificate");

        let dir = tempfile::tempdir().expect("temp dir");
        let ca_file = dir.path().join("test-ca.pem");
        std::fs::write(&ca_file, ca.pem()).expect("write CA");

        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .expect("server config");
        TestCa {
            acceptor: TlsAcceptor::from(Arc::new(config)),
            ca_file,
            _dir: dir,
        }
    }
}

pub struct TlsFront {
    /// `https://localhost:PORT`.
    pub endpoint: String,
    /// `https://tls.proxy.test:PORT`: reachable through the test proxy only.
    pub proxied_endpoint: String,
    pub port: u16,
    /// PEM file of the CA that signed the endpoint's certificate.
    pub ca_file: PathBuf,
    /// TLS handshakes that completed (a client that refused the
    /// certificate does not count).
    handshakes: Arc<AtomicUsize>,
    _ca: TestCa,
}

impl TlsFront {
    /// Starts the front for the emulator listening on `backend_port`.
    pub fn start(backend_port: u16) -> TlsFront {
        let ca = TestCa::new(&["localhost", "127.0.0.1", "tls.proxy.test"]);
        let acceptor = ca.acceptor.clone();

        let handshakes = Arc::new(AtomicUsize::new(0));
        let counted = handshakes.clone();
        let port = super::loopback::serve(move |client| {
            let acceptor = acceptor.clone();
            let counted = counted.clone();
            async move {
                let Ok(mut tls) = acceptor.accept(client).await else {
                    return;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                let Ok(mut backend) = TcpStream::connect(("127.0.0.1", backend_port)).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut backend).await;
            }
        });
        TlsFront {
            endpoint: format!("https://localhost:{port}"),
            proxied_endpoint: format!("https://tls.proxy.test:{port}"),
            port,
            ca_file: ca.ca_file.clone(),
            handshakes,
            _ca: ca,
        }
    }

    pub fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }
}
