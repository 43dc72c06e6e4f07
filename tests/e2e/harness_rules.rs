//! Checks the fault proxy's rules. moto 5.2.5 keeps rules as AWS does where
//! the provider looks (it refuses DeleteRule while the rule has targets,
//! replaces every setting on PutRule, pages ListRules, tags rules on any
//! bus), so the proxy forwards them and adds what only AWS does under
//! load or during IAM propagation: the rules quota, a role that cannot be
//! assumed yet, targets that linger after RemoveTargets, a rule not found
//! yet. Every rule request is checked against the service model. Each test
//! calls the proxy directly, in front of its own moto.

use serde_json::{json, Value as Json};
use support::aws_model;
use support::emulator::{self, Emulator};
use support::fault_proxy::{Fault, FaultProxy};

const REGION: &str = "us-east-1";

fn proxied(what: &str) -> Option<(Emulator, FaultProxy)> {
    aws_model::model_or_skip(what)?;
    let emulator = emulator::start_or_skip()?;
    let proxy = FaultProxy::start(emulator.port);
    Some((emulator, proxy))
}

/// The error code and message of a refused call.
fn refused(answer: (u16, Json)) -> (String, String) {
    let (status, body) = answer;
    assert_eq!(status, 400, "{body}");
    let text = |k: &str| body[k].as_str().unwrap_or_default().to_string();
    (text("__type"), text("message"))
}

fn put(name: &str) -> Json {
    json!({"Name": name, "EventPattern": "{\"source\":[\"shop\"]}"})
}

#[test]
fn moto_refuses_to_delete_a_rule_with_targets_as_aws_does() {
    let Some((_emulator, proxy)) = proxied("rules in moto") else {
        return;
    };
    assert_eq!(proxy.call(REGION, "PutRule", put("guarded")).0, 200);
    let target = json!({"Rule": "guarded", "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}]});
    assert_eq!(proxy.call(REGION, "PutTargets", target).0, 200);
    let (code, message) = refused(proxy.call(REGION, "DeleteRule", json!({"Name": "guarded"})));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ValidationException", "Rule can't be deleted since it has targets.")
    );
    proxy.call(REGION, "RemoveTargets", json!({"Rule": "guarded", "Ids": ["q"]}));
    assert_eq!(proxy.call(REGION, "DeleteRule", json!({"Name": "guarded"})).0, 200);
}

#[test]
fn the_injected_rule_faults_speak_as_aws_does() {
    let Some((_emulator, proxy)) = proxied("rule faults") else {
        return;
    };
    proxy.fail_next("PutRule", Fault::QuotaReached, 1);
    proxy.fail_next("PutRule", Fault::RoleNotAssumable, 1);
    let (code, message) = refused(proxy.call(REGION, "PutRule", put("nightly")));
    assert_eq!(code, "LimitExceededException");
    assert!(message.contains("maximum number allowed"), "{message}");
    let (code, message) = refused(proxy.call(REGION, "PutRule", put("nightly")));
    assert_eq!(code, "ValidationException");
    assert!(
        message.contains("cannot be assumed by principal 'events.amazonaws.com'"),
        "{message}"
    );
    assert_eq!(proxy.call(REGION, "PutRule", put("nightly")).0, 200, "then forwarded");

    proxy.fail_next("DescribeRule", Fault::NotFound, 1);
    let (code, message) = refused(proxy.call(REGION, "DescribeRule", json!({"Name": "nightly"})));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ResourceNotFoundException", "Rule nightly does not exist.")
    );
    assert_eq!(proxy.call(REGION, "DescribeRule", json!({"Name": "nightly"})).0, 200);

    proxy.fail_next("DeleteRule", Fault::HasTargets, 1);
    let (code, message) = refused(proxy.call(REGION, "DeleteRule", json!({"Name": "nightly"})));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ValidationException", "Rule can't be deleted since it has targets.")
    );
    proxy.fail_next("DeleteRule", Fault::Denied, 1);
    let (code, message) = refused(proxy.call(REGION, "DeleteRule", json!({"Name": "nightly"})));
    assert_eq!(code, "AccessDeniedException");
    assert!(
        message.contains("events:DeleteRule on resource: arn:aws:events:us-east-1:"),
        "{message}"
    );
    assert!(message.contains(":rule/nightly"), "{message}");
    assert_eq!(proxy.call(REGION, "DeleteRule", json!({"Name": "nightly"})).0, 200);
}

#[test]
fn a_rule_request_aws_would_refuse_is_refused_by_the_model_check() {
    let Some((_emulator, proxy)) = proxied("the rule model check") else {
        return;
    };
    let long = "a".repeat(4097);
    let (code, message) = refused(proxy.call(REGION, "PutRule", json!({"Name": "bad name", "EventPattern": long})));
    assert_eq!(code, "ValidationException");
    assert!(message.starts_with("2 validation errors detected"), "{message}");
    let violations = proxy.take_violations();
    assert_eq!(violations.len(), 2, "{violations:?}");
    assert_eq!(proxy.calls("PutRule"), 1);
    assert!(proxy.call(REGION, "DescribeRule", json!({"Name": "bad name"})).0 == 400);
    proxy.take_violations();
}
