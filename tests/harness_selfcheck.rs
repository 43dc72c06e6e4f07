//! Checks the test harness itself: the emulator starts, answers the
//! EventBridge API and stops on drop; the terraform under test runs; a
//! working directory installs this provider from its filesystem mirror.
//! When one of these fails, the failures of the end-to-end tests are about
//! the machine, not the provider.

mod support;

use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use support::{emulator, terraform};

#[test]
fn emulator_starts_answers_and_stops_on_drop() {
    let emu = emulator::require();
    let port = emu.port;
    assert_eq!(emu.endpoint, format!("http://127.0.0.1:{port}"));

    assert_eq!(emu.connection_names(), Vec::<String>::new());
    assert_eq!(emu.connection_names_in("eu-west-1"), Vec::<String>::new());
    assert!(emu.describe("harness-selfcheck-missing", "us-east-1").is_none());

    // An unknown connection is moto's typed not-found error, as on AWS.
    let (status, body) = emu.call(
        "us-east-1",
        "DescribeConnection",
        serde_json::json!({ "Name": "harness-selfcheck-missing" }),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["__type"], "ResourceNotFoundException", "{body}");

    drop(emu);
    assert!(
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1)).is_err(),
        "the emulator still listens on {port} after drop"
    );
}

#[test]
fn terraform_binary_runs_version() {
    let bin = terraform::terraform_binary();
    let scratch = tempfile::tempdir().expect("temp dir");
    let cli = scratch.path().join("empty.tfrc");
    std::fs::write(&cli, "").expect("cli config");
    let out = Command::new(&bin)
        .arg("version")
        .current_dir(scratch.path())
        .env("TF_CLI_CONFIG_FILE", &cli)
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{} version failed:\n{stdout}\n{}",
        bin.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Terraform v") || first.starts_with("OpenTofu v"),
        "unexpected `version` output: {stdout}"
    );
    if std::env::var_os("TERRAFORM").is_none() {
        assert_eq!(first, "Terraform v1.0.3", "target/terraform/terraform is not 1.0.3");
    }
}

#[test]
fn workdir_installs_the_provider_from_the_mirror() {
    let provider_tf = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/provider/provider.tf"))
        .expect("examples/provider/provider.tf");
    let wd = terraform::Workdir::new(&provider_tf);
    let out = wd.init();
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains(&format!("eventbridge-rs/eventbridge v{}", env!("CARGO_PKG_VERSION"))),
        "init did not install this provider from the mirror:\n{text}"
    );
    assert!(
        wd.read(".terraform.lock.hcl")
            .contains("registry.terraform.io/eventbridge-rs/eventbridge"),
        "no lock file entry for the provider"
    );
}
