//! What the tests share: the emulator and the fault proxy in front of it,
//! the AWS service model they are checked against, the terraform binary and
//! working directories, a protocol-level client, and the release build with
//! a registry that serves it. A crate of its own
//! (`eventbridge-test-support`, a dev-dependency of the provider), so that
//! a test binary may use part of it while the dead-code lint stays on here:
//! its public items are what the tests and `make bench` use, and one that
//! nothing uses any more is removed with its last caller.
//!
//! Tests that need a tool (moto, terraform) get it through
//! [`emulator::start_or_skip`], [`terraform::find_or_skip`] or
//! [`terraform_and_emulator`]. When the tool is not installed, the test
//! prints one line and passes without running — unless [`tools_required`]
//! (`TF_ACC=1`, the Terraform convention, or CI), where it fails loudly.
//! A tool that is installed but does not work always fails.

pub mod aws_model;
pub mod emulator;
pub mod fault_proxy;
pub mod http_proxy;
pub mod imds;
pub mod loopback;
pub mod peer_aws;
pub mod processes;
pub mod protocol;
pub mod readme;
pub mod recording;
pub mod registry;
pub mod release;
pub mod terraform;
pub mod tls_front;
pub mod windows;

use std::path::Path;

/// The repository's root directory, two levels above this crate's.
pub fn repo_root() -> &'static Path {
    let support = Path::new(env!("CARGO_MANIFEST_DIR"));
    support
        .parent()
        .and_then(Path::parent)
        .expect("tests/support lies two directories below the repository's root")
}

/// True when running under CI, where a missing tool fails the run.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// True when `TF_ACC` is set (to anything but empty, `0` or `false`): the
/// acceptance tests were asked for, so they must run.
pub fn acceptance_requested() -> bool {
    std::env::var("TF_ACC").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// True when a test that needs a missing tool must fail rather than skip:
/// under CI or with `TF_ACC` set.
pub fn tools_required() -> bool {
    in_ci() || acceptance_requested()
}

/// The running test's name, as the test harness named its thread.
pub fn test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => name.to_string(),
        _ => "this test".to_string(),
    }
}

/// A test cannot run because `tool` is missing (`why`; `install` says how
/// to get it). Fails the test when [`tools_required`]; otherwise prints one
/// line on stderr (past the test harness's capture, so `cargo test` shows
/// it) and the caller skips the test.
#[track_caller]
pub fn missing_tool(tool: &str, why: &str, install: &str) {
    if tools_required() {
        let reason = if in_ci() { "CI" } else { "TF_ACC is set" };
        panic!("{tool} is required ({reason}): {why}. {install}");
    }
    // One write of the whole line, so that the harness's own output running
    // in parallel does not land in the middle of it.
    let line = format!(
        "skipped {}: {tool} is not installed ({why}); `make test` installs it, TF_ACC=1 makes this a failure\n",
        test_name()
    );
    use std::io::Write;
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// For an end-to-end test: terraform is installed and the emulator runs.
/// None (one line printed) when either is not installed.
pub fn terraform_and_emulator() -> Option<emulator::Emulator> {
    terraform::find_or_skip()?;
    emulator::start_or_skip()
}

/// The Terraform platform of this machine, e.g. `linux_amd64` or
/// `darwin_arm64`, as provider packages and mirrors name it
/// (`scripts/platform.sh` says the same).
pub fn host_platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        other => other,
    };
    format!("{}_{arch}", std::env::consts::OS)
}

/// `http://127.0.0.1:PORT` with nothing listening: a port bound, then let go.
pub fn closed_port_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
