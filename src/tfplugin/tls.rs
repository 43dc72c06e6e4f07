//! Mutual TLS on the plugin socket, pinned to the one client certificate
//! Terraform passed in `PLUGIN_CLIENT_CERT`: only the Terraform process that
//! started the provider can talk to it.
//!
//! Terraform's certificate is ECDSA P-521 and CA-flagged, which ordinary
//! chain verification rejects as an end-entity certificate; the pin compares
//! the exact DER instead, and the aws-lc crypto provider checks the TLS
//! signature (it supports P-521).

use std::sync::Arc;

use futures_util::Stream;
use rustls::client::danger::HandshakeSignatureValid;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// Why TLS could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("PLUGIN_CLIENT_CERT holds no PEM certificate")]
    NoClientCertificate,
    #[error("cannot create the server certificate: {0}")]
    Certificate(String),
    #[error("TLS configuration: {0}")]
    Config(#[from] rustls::Error),
}

/// A one-off self-signed server certificate for `localhost`, shaped like
/// go-plugin's own; the client trusts exactly this certificate.
pub struct ServerCertificate {
    pub der: Vec<u8>,
    key_pkcs8: Vec<u8>,
}

impl ServerCertificate {
    pub fn generate() -> Result<ServerCertificate, TlsError> {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose as Eku, IsCa, KeyPair, KeyUsagePurpose,
        };
        let err = |e: rcgen::Error| TlsError::Certificate(e.to_string());
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(err)?;
        let mut params = CertificateParams::new(vec!["localhost".to_string()]).map_err(err)?;
        params.distinguished_name.push(DnType::CommonName, "localhost");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Terraform plugin (AutoMTLS)");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![Eku::ServerAuth, Eku::ClientAuth];
        let cert = params.self_signed(&key).map_err(err)?;
        Ok(ServerCertificate {
            der: cert.der().to_vec(),
            key_pkcs8: key.serialize_der(),
        })
    }
}

/// A TLS acceptor presenting `server` and accepting only `client_cert_pem`.
pub fn pinned_acceptor(server: &ServerCertificate, client_cert_pem: &str) -> Result<TlsAcceptor, TlsError> {
    let client_der = rustls_pemfile::certs(&mut client_cert_pem.as_bytes())
        .next()
        .and_then(Result::ok)
        .ok_or(TlsError::NoClientCertificate)?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = PinnedClient {
        der: client_der.as_ref().to_vec(),
        provider: provider.clone(),
    };
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_client_cert_verifier(Arc::new(verifier))
        .with_single_cert(
            vec![CertificateDer::from(server.der.clone())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server.key_pkcs8.clone())),
        )?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Accepted connections (of either transport), each after a successful TLS
/// handshake. Handshakes run concurrently so that one stalled client cannot
/// block others; failed ones (a wrong or missing certificate) are logged and
/// dropped.
pub fn incoming<S>(
    connections: impl Stream<Item = std::io::Result<S>> + Send + 'static,
    acceptor: TlsAcceptor,
) -> impl Stream<Item = Result<TlsStream<S>, std::io::Error>>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        let mut connections = std::pin::pin!(connections);
        while let Some(accepted) = futures_util::StreamExt::next(&mut connections).await {
            let stream = match accepted {
                Ok(stream) => stream,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    continue;
                }
            };
            let acceptor = acceptor.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                match acceptor.accept(stream).await {
                    Ok(tls) => {
                        let _ = tx.send(Ok(tls)).await;
                    }
                    Err(e) => tracing::warn!(error = %e, "refused a connection: TLS handshake failed"),
                }
            });
        }
    });
    tokio_stream::wrappers::ReceiverStream::new(rx)
}

#[derive(Debug)]
struct PinnedClient {
    der: Vec<u8>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ClientCertVerifier for PinnedClient {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.der.as_slice() {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "client certificate is not the one Terraform announced".into(),
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
