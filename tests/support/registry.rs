//! A release directory served over HTTPS on loopback the two ways Terraform
//! installs providers from the network:
//!
//! - as a provider registry (hashicorp/terraform
//!   `website/docs/internals/provider-registry-protocol.mdx`): service
//!   discovery at `/.well-known/terraform.json` names `providers.v1`; under
//!   it, `NAMESPACE/TYPE/versions` lists the versions and
//!   `NAMESPACE/TYPE/VERSION/download/OS/ARCH` says where the zip, the
//!   checksums and their signature are, with the checksum of the zip and
//!   the public key that signed them;
//! - as a network mirror (`provider-network-mirror-protocol.mdx`):
//!   `HOSTNAME/NAMESPACE/TYPE/index.json` and `VERSION.json`, whose
//!   `archives` point at the zips with their hashes.
//!
//! The answers are made from the files in the directory at each request
//! (the checksums from its SHA256SUMS, as a registry records them when a
//! release is published), so a test can tamper with a file after the
//! server started. The server's certificate is from a CA made for the test
//! (`ca_file`; Terraform trusts it through `SSL_CERT_FILE`) and names
//! `localhost`, the host of the registry's provider addresses.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

use super::tls_front::TestCa;

/// The public key a registry lists for a provider's signatures.
#[derive(Clone)]
pub struct PublicKey {
    /// Upper-case hex long key ID.
    pub key_id: String,
    /// The ASCII-armored public key.
    pub ascii_armor: String,
}

pub struct Registry {
    /// `localhost:PORT`: the registry's host in provider addresses.
    pub host: String,
    /// PEM file of the CA that signed the server's certificate.
    pub ca_file: PathBuf,
    requests: Arc<Mutex<Vec<String>>>,
    _ca: TestCa,
}

/// One zip of the directory, as its SHA256SUMS lists it.
struct Package {
    version: String,
    os: String,
    arch: String,
    zip: String,
    sha256: String,
}

struct Site {
    dir: PathBuf,
    key: PublicKey,
    namespace: String,
    name: String,
}

impl Registry {
    /// Serves `dir` (what `make release` writes) for the provider
    /// `NAMESPACE/TYPE` of `PROVIDER_ADDRESS`, listing `key` as the one
    /// that signs its checksums.
    pub fn serve(dir: &Path, key: PublicKey) -> Registry {
        let (namespace, name) = super::terraform::short_address()
            .split_once('/')
            .expect("NAMESPACE/TYPE");
        let site = Arc::new(Site {
            dir: dir.to_path_buf(),
            key,
            namespace: namespace.to_string(),
            name: name.to_string(),
        });
        let ca = TestCa::new(&["localhost"]);
        let acceptor = ca.acceptor.clone();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let port = super::loopback::serve(move |client| {
            let acceptor = acceptor.clone();
            let site = site.clone();
            let seen = seen.clone();
            async move {
                let Ok(tls) = acceptor.accept(client).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                    let path = req.uri().path().to_string();
                    seen.lock().expect("requests").push(path.clone());
                    let site = site.clone();
                    async move { Ok::<_, std::convert::Infallible>(site.answer(&path)) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            }
        });
        Registry {
            host: format!("localhost:{port}"),
            ca_file: ca.ca_file.clone(),
            requests,
            _ca: ca,
        }
    }

    /// The provider's address at this registry: `localhost:PORT/NAMESPACE/TYPE`.
    pub fn provider_address(&self) -> String {
        format!("{}/{}", self.host, super::terraform::short_address())
    }

    /// The base URL of the network mirror (`network_mirror { url = ... }`).
    pub fn mirror_url(&self) -> String {
        format!("https://{}/mirror/", self.host)
    }

    /// The paths requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("requests").clone()
    }
}

fn json(value: serde_json::Value) -> Response<Full<Bytes>> {
    Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(value.to_string())))
        .expect("response")
}

fn not_found() -> Response<Full<Bytes>> {
    Response::builder()
        .status(StatusCode::NOT_FOUND)
        .body(Full::new(Bytes::from_static(b"not found")))
        .expect("response")
}

impl Site {
    fn answer(&self, path: &str) -> Response<Full<Bytes>> {
        let provider = format!("{}/{}", self.namespace, self.name);
        if path == "/.well-known/terraform.json" {
            return json(serde_json::json!({ "providers.v1": "/v1/providers/" }));
        }
        if let Some(rest) = path.strip_prefix("/v1/providers/") {
            let Some(rest) = rest.strip_prefix(&format!("{provider}/")) else {
                return not_found();
            };
            if rest == "versions" {
                return self.versions();
            }
            let parts: Vec<&str> = rest.split('/').collect();
            return match parts[..] {
                [version, "download", os, arch] => self.download(version, os, arch),
                _ => not_found(),
            };
        }
        if let Some(rest) = path.strip_prefix("/mirror/") {
            let mut parts = rest.splitn(4, '/');
            let (_hostname, namespace, name, file) = (parts.next(), parts.next(), parts.next(), parts.next());
            if (namespace, name) != (Some(self.namespace.as_str()), Some(self.name.as_str())) {
                return not_found();
            }
            return match file {
                Some("index.json") => self.mirror_index(),
                Some(file) if file.ends_with(".json") => self.mirror_version(file.trim_end_matches(".json")),
                Some(file) => self.file(file),
                None => not_found(),
            };
        }
        match path.strip_prefix("/files/") {
            Some(file) => self.file(file),
            None => not_found(),
        }
    }

    /// Every zip the SHA256SUMS files of the directory list.
    fn packages(&self) -> Vec<Package> {
        let prefix = format!("terraform-provider-{}_", self.name);
        let mut found = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return found;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().to_string();
            let Some(version) = file
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix("_SHA256SUMS"))
            else {
                continue;
            };
            let sums = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in sums.lines() {
                let Some((sha256, zip)) = line.split_once("  ") else {
                    continue;
                };
                let Some(platform) = zip
                    .strip_prefix(&format!("{prefix}{version}_"))
                    .and_then(|rest| rest.strip_suffix(".zip"))
                else {
                    continue;
                };
                if let Some((os, arch)) = platform.split_once('_') {
                    found.push(Package {
                        version: version.into(),
                        os: os.into(),
                        arch: arch.into(),
                        zip: zip.into(),
                        sha256: sha256.into(),
                    });
                }
            }
        }
        found
    }

    fn protocols(&self, version: &str) -> serde_json::Value {
        let manifest = self
            .dir
            .join(format!("terraform-provider-{}_{version}_manifest.json", self.name));
        std::fs::read(manifest)
            .ok()
            .and_then(|m| serde_json::from_slice::<serde_json::Value>(&m).ok())
            .map(|m| m["metadata"]["protocol_versions"].clone())
            .unwrap_or_else(|| serde_json::json!([]))
    }

    fn versions(&self) -> Response<Full<Bytes>> {
        let packages = self.packages();
        let mut versions: Vec<&String> = packages.iter().map(|p| &p.version).collect();
        versions.sort();
        versions.dedup();
        let listed: Vec<serde_json::Value> = versions
            .iter()
            .map(|v| {
                let platforms: Vec<serde_json::Value> = packages
                    .iter()
                    .filter(|p| &&p.version == v)
                    .map(|p| serde_json::json!({ "os": p.os, "arch": p.arch }))
                    .collect();
                serde_json::json!({ "version": v, "protocols": self.protocols(v), "platforms": platforms })
            })
            .collect();
        json(serde_json::json!({ "versions": listed }))
    }

    fn download(&self, version: &str, os: &str, arch: &str) -> Response<Full<Bytes>> {
        let Some(Package { zip, sha256, .. }) = self
            .packages()
            .into_iter()
            .find(|p| (p.version.as_str(), p.os.as_str(), p.arch.as_str()) == (version, os, arch))
        else {
            return not_found();
        };
        let sums = format!("terraform-provider-{}_{version}_SHA256SUMS", self.name);
        json(serde_json::json!({
            "protocols": self.protocols(version),
            "os": os,
            "arch": arch,
            "filename": zip,
            "download_url": format!("/files/{zip}"),
            "shasums_url": format!("/files/{sums}"),
            "shasums_signature_url": format!("/files/{sums}.sig"),
            "shasum": sha256,
            "signing_keys": { "gpg_public_keys": [{
                "key_id": self.key.key_id,
                "ascii_armor": self.key.ascii_armor,
            }]},
        }))
    }

    fn mirror_index(&self) -> Response<Full<Bytes>> {
        let versions: serde_json::Map<String, serde_json::Value> = self
            .packages()
            .into_iter()
            .map(|p| (p.version, serde_json::json!({})))
            .collect();
        json(serde_json::json!({ "versions": versions }))
    }

    /// The archives of one version, each with its `zh:` hash (the SHA-256
    /// of the zip, the scheme Terraform's lock files also record).
    fn mirror_version(&self, version: &str) -> Response<Full<Bytes>> {
        let archives: serde_json::Map<String, serde_json::Value> = self
            .packages()
            .into_iter()
            .filter(|p| p.version == version)
            .map(|p| {
                (
                    format!("{}_{}", p.os, p.arch),
                    serde_json::json!({ "url": p.zip, "hashes": [format!("zh:{}", p.sha256)] }),
                )
            })
            .collect();
        if archives.is_empty() {
            return not_found();
        }
        json(serde_json::json!({ "archives": archives }))
    }

    /// A file of the directory, by its name alone.
    fn file(&self, name: &str) -> Response<Full<Bytes>> {
        if name.contains('/') || name.starts_with('.') {
            return not_found();
        }
        match std::fs::read(self.dir.join(name)) {
            Ok(bytes) => Response::builder()
                .header("content-type", "application/octet-stream")
                .body(Full::new(Bytes::from(bytes)))
                .expect("response"),
            Err(_) => not_found(),
        }
    }
}
