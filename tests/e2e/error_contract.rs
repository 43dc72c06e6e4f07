//! AWS's error contract, end to end: real Terraform, the emulator behind
//! the fault proxy answering each operation with AWS's own errors. A quota
//! fails at once and says how to raise it; a conflicting change converges;
//! a denied or failed call fails in one line and keeps the state; a delete
//! of what is already gone succeeds; import takes the ARN the console shows.

use std::time::Instant;

use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::{Output, Workdir};

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const BASIC: &str = include_str!("../../examples/resources/eventbridge_connection/basic.tf");
const KMS: &str = include_str!("../../examples/resources/eventbridge_connection/kms_key_identifier.tf");
const NAME: &str = "billing-basic";
const ADDRESS: &str = "eventbridge_connection.basic";

/// The emulator behind a fault proxy, and a working directory using it with
/// `resources` and at most `retries` retries; None (the test skips) when
/// terraform or the emulator is not installed.
fn setup(resources: &str, retries: u32) -> Option<(Emulator, FaultProxy, Workdir)> {
    let emulator = support::terraform_and_emulator()?;
    let proxy = FaultProxy::start(emulator.port);
    let wd = workdir(&proxy, resources, retries);
    Some((emulator, proxy, wd))
}

/// The provider block with at most `retries` retries, and `resources`.
fn config(resources: &str, retries: u32) -> String {
    let provider = PROVIDER.replace(
        "region = \"us-east-1\"",
        &format!("region = \"us-east-1\"\n  max_retries = {retries}"),
    );
    format!("{provider}\n{resources}")
}

fn workdir(proxy: &FaultProxy, resources: &str, retries: u32) -> Workdir {
    let wd = Workdir::new(&config(resources, retries));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    wd
}

fn apply(wd: &Workdir) -> Output {
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"])
}

fn destroy(wd: &Workdir) -> Output {
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"])
}

/// The error output of a failed command, on one line per diagnostic.
#[track_caller]
fn failed(out: Output) -> String {
    assert_ne!(out.status_code, 0, "expected a failure:\n{}", out.stdout);
    out.stderr.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_quota_on_create_fails_at_once_and_says_how_to_raise_it() {
    // 25 retries, the default: throttling would be retried for minutes.
    let Some((emulator, proxy, wd)) = setup(BASIC, 25) else {
        return;
    };
    proxy.fail_always("CreateConnection", Fault::QuotaReached);
    let started = Instant::now();
    let error = failed(apply(&wd));
    let took = started.elapsed();
    eprintln!(
        "quota: apply failed after {:.2}s with {} CreateConnection call(s)",
        took.as_secs_f64(),
        proxy.calls("CreateConnection")
    );
    assert_eq!(proxy.calls("CreateConnection"), 1, "a quota is never retried");
    for words in [
        "LimitExceededException",
        "quota of EventBridge connections in us-east-1",
        "\"Connections\", 3,000 by default",
        "--service-code events --quota-code L-595D6D42",
    ] {
        assert!(error.contains(words), "{words:?} missing from: {error}");
    }
    assert!(emulator.connection_names().is_empty());
    assert!(wd.state_json()["values"].is_null(), "nothing in state");

    // Throttling keeps its retries.
    proxy.clear();
    proxy.fail_next("CreateConnection", Fault::Throttle, 2);
    apply(&wd).ok();
    assert_eq!(proxy.calls("CreateConnection"), 4);
    destroy(&wd).ok();
}

#[test]
fn conflicting_changes_converge_and_a_lasting_conflict_keeps_the_state() {
    let Some((emulator, proxy, wd)) = setup(BASIC, 2) else {
        return;
    };
    apply(&wd).ok();
    let changed = BASIC.replace("Billing API, basic authorization", "Billing API v2");
    wd.write("main.tf", &config(&changed, 2));

    proxy.fail_next("UpdateConnection", Fault::Conflict, 2);
    apply(&wd).ok();
    assert_eq!(proxy.calls("UpdateConnection"), 3, "two conflicts, then the update");
    let described = emulator.describe(NAME, "us-east-1").expect("the connection");
    assert_eq!(described["Description"], "Billing API v2");

    let back = BASIC.replace("Billing API, basic authorization", "Billing API v3");
    wd.write("main.tf", &config(&back, 2));
    proxy.fail_always("UpdateConnection", Fault::Conflict);
    let error = failed(apply(&wd));
    assert!(
        error.contains("ConcurrentModificationException") && error.contains("after 5 attempts"),
        "{error}"
    );
    assert_eq!(proxy.calls("UpdateConnection"), 3 + 5);
    proxy.clear();
    assert_eq!(wd.plan_exit_code(), 2, "the change is still to be made");
    assert_eq!(
        wd.state_json()["values"]["root_module"]["resources"][0]["values"]["description"],
        "Billing API v2",
        "the prior state is kept"
    );

    proxy.fail_next("DeleteConnection", Fault::Conflict, 2);
    destroy(&wd).ok();
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn each_operation_fails_in_one_line_with_aws_words_and_keeps_the_state() {
    let Some((emulator, proxy, wd)) = setup(BASIC, 1) else {
        return;
    };
    // Create, denied: nothing made, nothing in state.
    proxy.fail_next("CreateConnection", Fault::Denied, 1);
    let error = failed(apply(&wd));
    assert!(
        error.contains("creating EventBridge connection \"billing-basic\" in us-east-1: AccessDeniedException")
            && error.contains("not authorized to perform: events:CreateConnection")
            && error.contains("lists the permissions each operation needs"),
        "{error}"
    );
    // Create, an internal error retried, then reported.
    proxy.fail_next("CreateConnection", Fault::Internal, 2);
    let error = failed(apply(&wd));
    assert!(error.contains("InternalException"), "{error}");
    assert!(emulator.connection_names().is_empty());

    apply(&wd).ok();
    let changed = BASIC.replace("Billing API, basic authorization", "changed");
    wd.write("main.tf", &config(&changed, 1));
    for (operation, fault, words) in [
        (
            "DescribeConnection",
            Fault::Denied,
            "reading EventBridge connection \"billing-basic\" in us-east-1: AccessDeniedException",
        ),
        (
            "UpdateConnection",
            Fault::Denied,
            "updating EventBridge connection \"billing-basic\" in us-east-1: AccessDeniedException",
        ),
        ("UpdateConnection", Fault::Internal, "InternalException"),
    ] {
        proxy.clear();
        proxy.fail_always(operation, fault);
        let error = failed(apply(&wd));
        assert!(error.contains(words), "{operation}: {error}");
        proxy.clear();
        assert_eq!(
            wd.state_json()["values"]["root_module"]["resources"][0]["values"]["name"],
            NAME,
            "{operation}: the state is kept"
        );
    }
    apply(&wd).ok();

    proxy.fail_always("DeleteConnection", Fault::Denied);
    let error = failed(destroy(&wd));
    assert!(
        error.contains("deleting EventBridge connection \"billing-basic\" in us-east-1: AccessDeniedException")
            && error.contains("events:DeleteConnection"),
        "{error}"
    );
    proxy.clear();
    assert_eq!(emulator.connection_names(), [NAME], "still there, still in state");

    // Already gone: the delete succeeds.
    proxy.fail_next("DeleteConnection", Fault::NotFound, 1);
    destroy(&wd).ok();
    assert!(wd.state_json()["values"].is_null());
    emulator.delete_connection(NAME, "us-east-1");
}

#[test]
fn a_kms_key_eventbridge_cannot_use_fails_the_create_naming_the_key_permission() {
    let Some((emulator, proxy, wd)) = setup(KMS, 1) else {
        return;
    };
    proxy.fail_next("CreateConnection", Fault::KmsDenied, 1);
    let error = failed(apply(&wd));
    assert!(
        error.contains("AccessDeniedException") && error.contains("kms:DescribeKey"),
        "{error}"
    );
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn import_takes_the_arn_and_refuses_another_accounts() {
    let Some((_emulator, proxy, wd)) = setup(BASIC, 1) else {
        return;
    };
    apply(&wd).ok();
    let state = wd.state_json();
    let values = &state["values"]["root_module"]["resources"][0]["values"];
    let arn = values["arn"].as_str().expect("an ARN").to_string();

    let fresh = workdir(&proxy, BASIC, 1);
    let out = fresh.run(&["import", "-input=false", "-no-color", ADDRESS, &arn]).ok();
    assert!(out.stdout.contains("Import successful"), "{}", out.stdout);
    let imported = fresh.state_json();
    let imported = &imported["values"]["root_module"]["resources"][0]["values"];
    for attribute in [
        "arn",
        "name",
        "region",
        "description",
        "authorization_type",
        "secret_arn",
    ] {
        assert_eq!(imported[attribute], values[attribute], "{attribute}");
    }

    let account = arn.split(':').nth(4).expect("the account").to_string();
    let elsewhere = arn.replace(&account, "999999999999");
    let other = workdir(&proxy, BASIC, 1);
    let error = failed(other.run(&["import", "-input=false", "-no-color", ADDRESS, &elsewhere]));
    assert!(
        error.contains("999999999999") && error.contains(&account),
        "both accounts named: {error}"
    );
    destroy(&wd).ok();
}
