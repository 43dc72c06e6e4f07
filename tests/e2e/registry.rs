//! The signed release installed as registries serve it: `make release`'s
//! directory behind a provider registry on `https://localhost:PORT`
//! (service discovery, versions, download with the checksums, their
//! signature and the public key) and behind a network mirror, with a GPG
//! key and a TLS certificate authority made for the test
//! (`support::registry`). `terraform init` checks the zip against
//! SHA256SUMS and SHA256SUMS against its signature: a tampered zip or a
//! signature by another key fails it.

use std::path::Path;

use support::registry::{PublicKey, Registry};
use support::release::{file_prefix, SigningKey};
use support::terraform::Workdir;

const BASIC: &str = include_str!("../../examples/resources/eventbridge_connection/basic.tf");

/// The signed release directory of the release binary, and the key that
/// signed it; None when a tool is missing (one line, or a failure under
/// `TF_ACC` / CI).
fn signed_release() -> Option<(tempfile::TempDir, SigningKey)> {
    let binary = support::release::binary_or_skip()?;
    support::terraform::find_or_skip()?;
    support::release::gpg_or_skip()?;
    let key = SigningKey::generate("registry test");
    let dir = tempfile::tempdir().expect("release dir");
    support::release::package(&binary, dir.path(), None, Some(&key));
    Some((dir, key))
}

fn public_key(key: &SigningKey) -> PublicKey {
    PublicKey {
        key_id: key.key_id(),
        ascii_armor: key.public_key(),
    }
}

/// A configuration that requires the provider from `registry`, and the
/// working directory that trusts the registry's certificate.
fn workdir_for(registry: &Registry, resources: &str) -> Workdir {
    let wd = Workdir::new(&format!(
        r#"terraform {{
  required_providers {{
    eventbridge = {{ source = "{}" }}
  }}
}}

provider "eventbridge" {{
  region = "us-east-1"
}}
{resources}"#,
        registry.provider_address()
    ));
    wd.env("SSL_CERT_FILE", &registry.ca_file.display().to_string());
    wd
}

fn init_fails(wd: &Workdir) -> String {
    let init = wd.run(&["init", "-input=false", "-no-color"]);
    assert_ne!(init.status_code, 0, "terraform init succeeded:\n{}", init.stdout);
    format!("{}{}", init.stdout, init.stderr)
}

#[test]
fn terraform_init_installs_the_signed_release_from_a_registry_and_it_applies() {
    let Some((dir, key)) = signed_release() else {
        return;
    };
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let registry = Registry::serve(dir.path(), public_key(&key));
    let wd = workdir_for(&registry, BASIC);
    wd.use_endpoint(&emulator.endpoint);
    let init = wd.init();
    assert!(installed(&wd));
    let version = support::release::version();
    assert!(
        init.stdout.contains(&format!(
            "Installed {} v{version} (self-signed, key ID {})",
            registry.provider_address(),
            key.key_id()
        )),
        "{}",
        init.stdout
    );
    let requests = registry.requests();
    let sums = format!("/files/{}_SHA256SUMS", file_prefix());
    for fetched in [
        "/.well-known/terraform.json".to_string(),
        format!("/v1/providers/{}/versions", support::terraform::short_address()),
        format!("/files/{}_{}.zip", file_prefix(), support::host_platform()),
        sums.clone(),
        format!("{sums}.sig"),
    ] {
        assert!(requests.contains(&fetched), "{fetched} not requested: {requests:?}");
    }
    // The lock file records the registry's checksum of the zip.
    let lock = wd.read(".terraform.lock.hcl");
    let sums_text = std::fs::read_to_string(dir.path().join(format!("{}_SHA256SUMS", file_prefix()))).unwrap();
    let zip_sha = sums_text
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().next())
        .unwrap();
    assert!(lock.contains(&format!("zh:{zip_sha}")), "{lock}");

    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert_eq!(emulator.connection_names(), ["billing-basic"]);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn a_tampered_zip_fails_terraform_init() {
    let Some((dir, key)) = signed_release() else {
        return;
    };
    let zip = dir
        .path()
        .join(format!("{}_{}.zip", file_prefix(), support::host_platform()));
    let mut bytes = std::fs::read(&zip).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&zip, bytes).unwrap();

    let registry = Registry::serve(dir.path(), public_key(&key));
    let wd = workdir_for(&registry, "");
    let output = init_fails(&wd);
    assert!(output.contains("archive has incorrect checksum"), "{output}");
    assert!(!installed(&wd));
}

#[test]
fn a_signature_by_another_key_fails_terraform_init() {
    let Some((dir, key)) = signed_release() else {
        return;
    };
    // The same checksums, signed again by a key the registry does not list.
    let other = SigningKey::generate("someone else");
    let sums = dir.path().join(format!("{}_SHA256SUMS", file_prefix()));
    other.gpg(&[
        "--yes",
        "--detach-sign",
        "--output",
        dir.path()
            .join(format!("{}_SHA256SUMS.sig", file_prefix()))
            .to_str()
            .unwrap(),
        sums.to_str().unwrap(),
    ]);

    let registry = Registry::serve(dir.path(), public_key(&key));
    let wd = workdir_for(&registry, "");
    let output = init_fails(&wd);
    assert!(output.contains("signature from unknown issuer"), "{output}");
    assert!(!installed(&wd));
}

/// Whether `terraform init` left a provider binary under `.terraform/providers`.
fn installed(wd: &Workdir) -> bool {
    fn holds_provider(dir: &Path) -> bool {
        std::fs::read_dir(dir).into_iter().flatten().flatten().any(|entry| {
            let path = entry.path();
            if path.is_dir() {
                holds_provider(&path)
            } else {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with("terraform-provider-eventbridge")
            }
        })
    }
    holds_provider(&wd.path().join(".terraform/providers"))
}

#[test]
fn the_release_directory_served_as_a_network_mirror_installs() {
    let Some((dir, key)) = signed_release() else {
        return;
    };
    let registry = Registry::serve(dir.path(), public_key(&key));
    let wd = Workdir::new(include_str!("../../examples/provider/provider.tf"));
    wd.env("SSL_CERT_FILE", &registry.ca_file.display().to_string());
    let namespace = support::terraform::short_address().split('/').next().unwrap();
    wd.use_cli_config(&format!(
        r#"provider_installation {{
  network_mirror {{
    url     = "{}"
    include = ["registry.terraform.io/{namespace}/*"]
  }}
  direct {{
    exclude = ["registry.terraform.io/{namespace}/*"]
  }}
}}
"#,
        registry.mirror_url()
    ));
    let init = wd.init();
    let version = support::release::version();
    assert!(
        init.stdout
            .contains(&format!("Installed {} v{version}", support::terraform::short_address())),
        "{}",
        init.stdout
    );
    let requests = registry.requests();
    let mirrored = format!("/mirror/{}", terraform_provider_eventbridge::PROVIDER_ADDRESS);
    for fetched in [
        format!("{mirrored}/index.json"),
        format!("{mirrored}/{version}.json"),
        format!("{mirrored}/{}_{}.zip", file_prefix(), support::host_platform()),
    ] {
        assert!(requests.contains(&fetched), "{fetched} not requested: {requests:?}");
    }
    wd.run(&["validate", "-no-color"]).ok();
}
