//! The release as `make release` makes it: a binary that starts on every
//! Linux since glibc 2.17, packaged and signed by the scripts the release
//! workflow runs too, installed by `terraform init` from a packed mirror
//! and used. Installing it from a registry or a network mirror is
//! `registry.rs`.

use std::path::Path;
use std::process::Command;

use support::release::{file_prefix, SigningKey};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const BASIC: &str = include_str!("../../examples/resources/eventbridge_connection/basic.tf");

/// The highest glibc the release binary may need: CentOS/RHEL 7's.
const GLIBC_MAX: (u32, u32) = (2, 17);

#[cfg(target_os = "linux")]
#[test]
fn the_release_binary_needs_glibc_2_17_at_most() {
    let Some(binary) = support::release::binary_or_skip() else {
        return;
    };
    let out = Command::new("objdump")
        .arg("-T")
        .arg(&binary)
        .output()
        .expect("objdump (binutils) runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8_lossy(&out.stdout);
    let needed = glibc_versions(&table);
    assert!(
        !needed.is_empty(),
        "no GLIBC_ symbol versions in `objdump -T`:\n{table}"
    );
    let above: Vec<String> = table
        .lines()
        .filter(|line| glibc_versions(line).iter().any(|v| *v > GLIBC_MAX))
        .map(str::to_string)
        .collect();
    assert!(
        above.is_empty(),
        "{} needs symbols newer than glibc {}.{}:\n{}",
        binary.display(),
        GLIBC_MAX.0,
        GLIBC_MAX.1,
        above.join("\n")
    );
}

/// The `GLIBC_X.Y[.Z]` symbol versions named in `text`, as (X, Y).
fn glibc_versions(text: &str) -> Vec<(u32, u32)> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .filter_map(|word| word.strip_prefix("GLIBC_"))
        .filter_map(|version| {
            let mut parts = version.split('.').map(|p| p.parse::<u32>());
            match (parts.next(), parts.next()) {
                (Some(Ok(major)), Some(Ok(minor))) => Some((major, minor)),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn glibc_versions_are_read_from_objdump_lines() {
    let line = "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.14)  memcpy";
    assert_eq!(glibc_versions(line), [(2, 14)]);
    assert_eq!(glibc_versions("(GLIBC_2.2.5) x  GLIBC_PRIVATE y"), [(2, 2)]);
    assert!(glibc_versions("GLIBC_2.34").iter().any(|v| *v > GLIBC_MAX));
}

#[test]
fn the_release_zip_installs_from_a_packed_mirror_and_applies() {
    let Some(binary) = support::release::binary_or_skip() else {
        return;
    };
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    support::release::package(&binary, out.path(), None, None);
    let version = support::release::version();
    let platform = support::host_platform();
    let zip = out.path().join(format!("{}_{platform}.zip", file_prefix()));
    let sums = std::fs::read_to_string(out.path().join(format!("{}_SHA256SUMS", file_prefix()))).expect("checksums");
    assert!(sums.contains(&format!("{}_{platform}.zip", file_prefix())));
    assert!(sums.contains(&format!("{}_manifest.json", file_prefix())));
    assert!(sha256sum_checks(out.path(), &sums), "checksums do not match the files");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(format!("{}_manifest.json", file_prefix()))).unwrap())
            .unwrap();
    assert_eq!(manifest["metadata"]["protocol_versions"][0], "6.0");

    let wd = Workdir::new(&format!("{PROVIDER}\n{BASIC}"));
    wd.use_packed_mirror(&zip);
    wd.use_endpoint(&emulator.endpoint);
    let init = wd.init();
    assert!(
        init.stdout
            .contains(&format!("{} v{version}", support::terraform::short_address())),
        "{}",
        init.stdout
    );
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert_eq!(emulator.connection_names(), ["billing-basic"]);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn without_a_key_the_checksums_are_written_unsigned_and_it_says_so() {
    let out = tempfile::tempdir().unwrap();
    let packaged = support::release::package(&stand_in_binary(out.path()), out.path(), None, None);
    assert!(packaged.stdout.contains("is NOT signed"), "{}", packaged.stdout);
    let sums = out.path().join(format!("{}_SHA256SUMS", file_prefix()));
    assert!(sums.exists());
    assert!(!out.path().join(format!("{}_SHA256SUMS.sig", file_prefix())).exists());
}

#[test]
fn every_platform_packaged_into_one_directory_shares_one_signed_checksum_file() {
    if support::release::gpg_or_skip().is_none() {
        return;
    }
    let key = SigningKey::generate("release test");
    let out = tempfile::tempdir().unwrap();
    let binary = stand_in_binary(out.path());
    for platform in ["linux_amd64", "darwin_arm64", "windows_amd64"] {
        support::release::package(&binary, out.path(), Some(platform), Some(&key));
    }
    let sums_name = format!("{}_SHA256SUMS", file_prefix());
    let sums = std::fs::read_to_string(out.path().join(&sums_name)).unwrap();
    let listed: Vec<&str> = sums
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, f)| f))
        .collect();
    assert_eq!(
        listed,
        [
            format!("{}_darwin_arm64.zip", file_prefix()),
            format!("{}_linux_amd64.zip", file_prefix()),
            format!("{}_windows_amd64.zip", file_prefix()),
            format!("{}_manifest.json", file_prefix()),
        ]
    );
    assert!(sha256sum_checks(out.path(), &sums));

    // A detached binary signature of exactly that file, by the key.
    let sig = out.path().join(format!("{sums_name}.sig"));
    let bytes = std::fs::read(&sig).expect("the signature");
    assert_ne!(bytes[0] & 0x80, 0, "a binary OpenPGP packet, not ASCII armor");
    let verified = key.gpg(&[
        "--status-fd",
        "1",
        "--verify",
        sig.to_str().unwrap(),
        out.path().join(&sums_name).to_str().unwrap(),
    ]);
    assert!(
        verified.contains(&format!("VALIDSIG {}", key.fingerprint)),
        "{verified}"
    );

    // Inside each zip, the one file Terraform runs, named as it looks for it.
    let version = support::release::version();
    for (platform, entry) in [
        ("linux_amd64", format!("terraform-provider-eventbridge_v{version}")),
        (
            "windows_amd64",
            format!("terraform-provider-eventbridge_v{version}.exe"),
        ),
    ] {
        let zip = std::fs::read(out.path().join(format!("{}_{platform}.zip", file_prefix()))).unwrap();
        assert_eq!(first_zip_entry(&zip), entry);
    }
}

/// A small file to package where only the packaging is under test (the
/// release workflow packages real binaries the same way).
fn stand_in_binary(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("stand-in-binary");
    std::fs::write(&path, b"#!/bin/sh\necho stand-in\n").unwrap();
    path
}

/// The name of the first file in a zip archive (its first local header).
fn first_zip_entry(zip: &[u8]) -> String {
    assert_eq!(&zip[..4], b"PK\x03\x04", "a zip archive");
    let len = u16::from_le_bytes([zip[26], zip[27]]) as usize;
    String::from_utf8_lossy(&zip[30..30 + len]).to_string()
}

/// `sha256sum -c` of `sums` in `dir`.
fn sha256sum_checks(dir: &Path, sums: &str) -> bool {
    use std::io::Write;
    let mut child = Command::new("sha256sum")
        .args(["-c", "--quiet", "-"])
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn sha256sum");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(sums.as_bytes())
        .expect("write");
    child.wait().expect("wait").success()
}
