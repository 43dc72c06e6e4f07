//! Faults, end to end: real Terraform, the emulator behind a fault proxy
//! that behaves like AWS (no secrets in Describe, duplicate names refused)
//! and injects throttling, server errors and stalls.

use std::time::{Duration, Instant};

use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const INVOCATION: &str = include_str!("../../examples/resources/eventbridge_connection/invocation_http_parameters.tf");
const NAME: &str = "orders-invocation";
const ADDRESS: &str = "eventbridge_connection.invocation";

/// The emulator behind a fault proxy and a working directory using it; None
/// (the test skips) when terraform or the emulator is not installed.
fn setup(retries: Option<u32>) -> Option<(Emulator, FaultProxy, Workdir)> {
    let emulator = support::terraform_and_emulator()?;
    let proxy = FaultProxy::start(emulator.port);
    let provider = match retries {
        Some(n) => PROVIDER.replace(
            "region = \"us-east-1\"",
            &format!("region = \"us-east-1\"\n  max_retries = {n}"),
        ),
        None => PROVIDER.to_string(),
    };
    let wd = Workdir::new(&format!("{provider}\n{INVOCATION}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    Some((emulator, proxy, wd))
}

fn args(command: &str) -> Vec<&str> {
    match command {
        "apply" | "destroy" => vec![command, "-auto-approve", "-input=false", "-no-color"],
        _ => vec![command, "-input=false", "-no-color"],
    }
}

fn throttle_every_operation_twice(proxy: &FaultProxy) {
    proxy.clear();
    for op in [
        "CreateConnection",
        "DescribeConnection",
        "UpdateConnection",
        "DeleteConnection",
    ] {
        proxy.fail_next(op, Fault::Throttle, 1);
        proxy.fail_next(op, Fault::Internal, 1);
    }
}

#[test]
fn bursts_of_throttling_and_server_errors_are_ridden_out() {
    let Some((emulator, proxy, wd)) = setup(None) else {
        return;
    };
    throttle_every_operation_twice(&proxy);
    wd.run(&args("apply")).ok();
    assert_eq!(emulator.connection_names(), [NAME]);
    throttle_every_operation_twice(&proxy);
    assert_eq!(wd.plan_exit_code(), 0, "no changes after a throttled refresh");

    let fresh = Workdir::new(&format!("{PROVIDER}\n{INVOCATION}"));
    fresh.use_endpoint(&proxy.endpoint);
    fresh.init();
    throttle_every_operation_twice(&proxy);
    fresh.run(&["import", "-input=false", "-no-color", ADDRESS, NAME]).ok();
    fresh.run(&["state", "rm", "-no-color", ADDRESS]).ok();

    throttle_every_operation_twice(&proxy);
    wd.run(&args("destroy")).ok();
    assert!(emulator.connection_names().is_empty());
    assert!(proxy.calls("CreateConnection") >= 3, "the faults were really injected");
}

#[test]
fn faults_beyond_the_retry_budget_fail_clearly_and_change_nothing() {
    let Some((emulator, proxy, wd)) = setup(Some(1)) else {
        return;
    };
    proxy.fail_always("CreateConnection", Fault::Internal);
    let out = wd.run(&args("apply"));
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("creating EventBridge connection \"orders-invocation\""),
        "{text}"
    );
    assert!(text.contains("InternalException"), "{text}");
    assert!(
        !text.contains("example-orders-password") && !text.contains("example-signing-key"),
        "{text}"
    );
    assert!(emulator.connection_names().is_empty());
    assert!(
        wd.read("terraform.tfstate").contains("\"resources\": []"),
        "nothing in state"
    );
    proxy.clear();
    wd.run(&args("apply")).ok();
    wd.run(&args("destroy")).ok();
}

#[test]
fn a_create_whose_reads_fail_is_kept_tainted_and_the_next_apply_converges() {
    let Some((emulator, proxy, wd)) = setup(Some(1)) else {
        return;
    };
    proxy.fail_always("DescribeConnection", Fault::Internal);
    let out = wd.run(&args("apply"));
    assert_ne!(out.status_code, 0);
    let state = wd.read("terraform.tfstate");
    assert!(
        state.contains(NAME) && state.contains("\"status\": \"tainted\""),
        "{state}"
    );
    assert_eq!(
        emulator.connection_names(),
        [NAME],
        "created once, not leaked, not duplicated"
    );

    proxy.clear();
    wd.run(&args("apply")).ok();
    assert_eq!(emulator.connection_names(), [NAME], "exactly one connection");
    assert_eq!(wd.plan_exit_code(), 0);
    wd.run(&args("destroy")).ok();
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn a_failed_delete_keeps_the_resource_and_the_next_destroy_finishes() {
    let Some((emulator, proxy, wd)) = setup(Some(1)) else {
        return;
    };
    wd.run(&args("apply")).ok();
    proxy.fail_always("DeleteConnection", Fault::Unavailable);
    let out = wd.run(&args("destroy"));
    assert_ne!(out.status_code, 0);
    assert!(format!("{}{}", out.stdout, out.stderr).contains("ServiceUnavailableException"));
    assert!(wd.read("terraform.tfstate").contains(NAME), "still in state");
    proxy.clear();
    wd.run(&args("destroy")).ok();
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn a_connection_reset_and_a_slow_answer_are_retried() {
    let Some((emulator, proxy, wd)) = setup(None) else {
        return;
    };
    proxy.fail_next("CreateConnection", Fault::Reset, 1);
    proxy.fail_next("DescribeConnection", Fault::Slow(Duration::from_millis(1500)), 1);
    wd.run(&args("apply")).ok();
    assert_eq!(emulator.connection_names(), [NAME]);
    wd.run(&args("destroy")).ok();
}

#[test]
fn authorizing_states_are_waited_out_and_secrets_survive_their_absence() {
    let Some((emulator, proxy, wd)) = setup(None) else {
        return;
    };
    proxy.states_first(&["CREATING", "AUTHORIZING", "AUTHORIZING"]);
    let started = Instant::now();
    wd.run(&args("apply")).ok();
    assert!(started.elapsed() > Duration::from_millis(200), "the waits happened");
    assert!(proxy.calls("DescribeConnection") >= 4);
    // The proxy strips secrets like AWS: the state keeps them, no diff.
    assert_eq!(wd.plan_exit_code(), 0);
    wd.run(&args("destroy")).ok();
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn ctrl_c_during_a_long_wait_stops_within_a_second_and_keeps_the_connection() {
    let Some((emulator, proxy, wd)) = setup(None) else {
        return;
    };
    proxy.stuck_in("AUTHORIZING");
    // Like Ctrl-C in a terminal: SIGINT to the whole process group
    // (Terraform runs itself under a parent process that ignores it).
    let mut command = wd.command(&args("apply"));
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let group = KillGroupOnDrop(child.id() as i32);
    let deadline = Instant::now() + Duration::from_secs(30);
    while proxy.calls("DescribeConnection") < 2 {
        assert!(Instant::now() < deadline, "the wait never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let interrupted = Instant::now();
    unsafe {
        libc::kill(-group.0, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let took = interrupted.elapsed();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success());
    assert!(text.contains("Cancelled") || text.contains("Stopped waiting"), "{text}");
    // Terraform itself needs a moment to exit; the provider answers at once.
    assert!(took < Duration::from_secs(3), "took {took:?} after Ctrl-C");
    assert!(
        wd.read("terraform.tfstate").contains(NAME),
        "the connection is kept in state"
    );
    proxy.clear();
    wd.run(&args("destroy")).ok();
    assert!(emulator.connection_names().is_empty());
}

/// Kills a process group when a test ends early, so that no terraform is
/// left waiting on a stuck connection.
struct KillGroupOnDrop(i32);

impl Drop for KillGroupOnDrop {
    fn drop(&mut self) {
        unsafe {
            libc::kill(-self.0, libc::SIGKILL);
        }
    }
}
