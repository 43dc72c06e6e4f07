//! The release as `make release` makes it: the release binary
//! (`scripts/build-release.sh`, linked against glibc 2.17 at most on
//! Linux), packaged by `scripts/package.sh` and signed by
//! `scripts/checksums.sh` with a throwaway GPG key made for the test.
//! `make test` builds the binary before the tests run; without it the
//! tests that need it skip, or fail under `TF_ACC` / CI.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The provider's version, read from Cargo.toml as the scripts read it.
pub fn version() -> String {
    let manifest = std::fs::read_to_string(super::repo_root().join("Cargo.toml")).expect("Cargo.toml");
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("a version line in Cargo.toml")
        .to_string()
}

/// `terraform-provider-eventbridge_VERSION`: how every release file begins.
pub fn file_prefix() -> String {
    format!("terraform-provider-eventbridge_{}", version())
}

/// The release binary of this machine, where `scripts/build-release.sh`
/// leaves it. Not built: None after one line saying so, or a failure under
/// `TF_ACC` / CI.
#[track_caller]
pub fn binary_or_skip() -> Option<PathBuf> {
    let script = super::repo_root().join("scripts/build-release.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("--path")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(out.status.success(), "{} --path failed", script.display());
    let binary = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if binary.exists() {
        return Some(binary);
    }
    super::missing_tool(
        "the release build",
        &format!("no {}", binary.display()),
        "Run `bash scripts/build-release.sh` or `make release` (`make test` does).",
    );
    None
}

/// `gpg`, for a test that signs or checks a release. Not installed: None
/// after one line saying so, or a failure under `TF_ACC` / CI.
#[track_caller]
pub fn gpg_or_skip() -> Option<()> {
    let found = Command::new("gpg")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        super::missing_tool(
            "gpg",
            "no gpg on the PATH",
            "Install GnuPG (Debian: apt-get install gpg).",
        );
        return None;
    }
    Some(())
}

/// A GPG signing key made for one test, in a keyring of its own (a
/// temporary GNUPGHOME), with no passphrase. Its gpg-agent is stopped when
/// the key is dropped.
pub struct SigningKey {
    home: tempfile::TempDir,
    /// The key's fingerprint (40 hex digits), what `GPG_FINGERPRINT` names.
    pub fingerprint: String,
}

impl SigningKey {
    /// A new RSA key (Terraform 1.0's OpenPGP library reads RSA keys, not
    /// EdDSA ones). Needs [`gpg_or_skip`] first.
    pub fn generate(name: &str) -> SigningKey {
        // Short: gpg-agent's socket lives in it, and socket paths are short.
        let home = tempfile::Builder::new()
            .prefix("gpg")
            .tempdir_in("/tmp")
            .expect("GNUPGHOME");
        let mut key = SigningKey {
            home,
            fingerprint: String::new(),
        };
        key.gpg(&[
            "--passphrase",
            "",
            "--quick-generate-key",
            &format!("{name} <release-test@eventbridge-rs.invalid>"),
            "rsa2048",
            "sign",
            "never",
        ]);
        let listing = key.gpg(&["--with-colons", "--list-secret-keys"]);
        key.fingerprint = listing
            .lines()
            .find_map(|l| l.strip_prefix("fpr:"))
            .and_then(|rest| rest.split(':').find(|f| f.len() == 40))
            .expect("the new key's fingerprint")
            .to_string();
        key
    }

    /// The long key ID a registry lists: the fingerprint's last 16 digits.
    pub fn key_id(&self) -> String {
        self.fingerprint[self.fingerprint.len() - 16..].to_string()
    }

    /// The ASCII-armored public key.
    pub fn public_key(&self) -> String {
        self.gpg(&["--armor", "--export", &self.fingerprint])
    }

    /// Sets what `scripts/checksums.sh` signs with.
    pub fn sign_with(&self, cmd: &mut Command) {
        cmd.env("GNUPGHOME", self.home.path())
            .env("GPG_FINGERPRINT", &self.fingerprint)
            .env_remove("GPG_PASSPHRASE");
    }

    /// Runs gpg in batch mode on this keyring; its stdout.
    #[track_caller]
    pub fn gpg(&self, args: &[&str]) -> String {
        let out = Command::new("gpg")
            .env("GNUPGHOME", self.home.path())
            .args(["--batch", "--pinentry-mode", "loopback"])
            .args(args)
            .output()
            .expect("run gpg");
        assert!(
            out.status.success(),
            "gpg {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .env("GNUPGHOME", self.home.path())
            .args(["--kill", "gpg-agent"])
            .output();
    }
}

/// What `scripts/package.sh` printed.
pub struct Packaged {
    pub stdout: String,
}

/// `scripts/package.sh BINARY OUT VERSION [OS_ARCH]` as `make release` runs
/// it, signing with `key` (or, without one, with `GPG_FINGERPRINT` unset);
/// must succeed.
#[track_caller]
pub fn package(binary: &Path, out: &Path, platform: Option<&str>, key: Option<&SigningKey>) -> Packaged {
    let mut cmd = Command::new("bash");
    cmd.arg(super::repo_root().join("scripts/package.sh"))
        .arg(binary)
        .arg(out)
        .arg(version())
        .args(platform);
    match key {
        Some(key) => key.sign_with(&mut cmd),
        None => {
            cmd.env_remove("GPG_FINGERPRINT");
        }
    }
    let result = cmd.output().expect("run scripts/package.sh");
    let stdout = String::from_utf8_lossy(&result.stdout).to_string();
    assert!(
        result.status.success(),
        "scripts/package.sh failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    Packaged { stdout }
}
