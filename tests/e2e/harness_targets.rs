//! Checks the fault proxy's targets, where moto 5.2.5 is not AWS: a rule
//! holds at most 5 targets (moto takes any number); PutTargets and
//! RemoveTargets answer the failed entries a test scripts with HTTP 200 and
//! `FailedEntries`, and leave those targets as they were; ListTargetsByRule
//! on a missing rule names the event bus; ListTargetsByRule and
//! ListRuleNamesByTarget page by position (moto repeats targets that share
//! an ARN, takes any NextToken and answers `"NextToken": null`). And what
//! moto already does as AWS does: DeleteRule refused while the rule has
//! targets, PutTargets on a missing rule refused naming the bus. Each test
//! calls the proxy directly with raw requests, in front of its own moto.

use serde_json::{json, Value as Json};
use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};

use crate::harness_destinations::{proxied, refused};

const REGION: &str = "us-east-1";

/// Makes rule `name` on the default bus.
fn rule(proxy: &FaultProxy, name: &str) {
    let (status, body) = proxy.call(
        REGION,
        "PutRule",
        json!({"Name": name, "EventPattern": "{\"source\":[\"shop\"]}"}),
    );
    assert_eq!(status, 200, "{body}");
}

/// A target `id` sending to queue `queue`.
fn target(id: &str, queue: &str) -> Json {
    json!({"Id": id, "Arn": format!("arn:aws:sqs:us-east-1:123456789012:{queue}")})
}

/// PutTargets of `targets` on `rule`: its 200 answer.
fn put(proxy: &FaultProxy, rule: &str, targets: &[Json]) -> Json {
    let (status, body) = proxy.call(REGION, "PutTargets", json!({"Rule": rule, "Targets": targets}));
    assert_eq!(status, 200, "{body}");
    body
}

/// RemoveTargets of `ids` from `rule`: its 200 answer.
fn remove(proxy: &FaultProxy, rule: &str, ids: &[&str]) -> Json {
    let (status, body) = proxy.call(REGION, "RemoveTargets", json!({"Rule": rule, "Ids": ids}));
    assert_eq!(status, 200, "{body}");
    body
}

/// The ids of `rule`'s targets, as moto holds them.
fn ids(emulator: &Emulator, rule: &str) -> Vec<String> {
    let (status, body) = emulator.call(REGION, "ListTargetsByRule", json!({"Rule": rule}));
    assert_eq!(status, 200, "{body}");
    body["Targets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["Id"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Follows every page of `operation`, `Limit` entries at a time: the
/// entries (`list`) in order, and the number of pages.
fn every_page(proxy: &FaultProxy, operation: &str, request: Json, list: &str, limit: u64) -> (Vec<Json>, usize) {
    let mut entries = Vec::new();
    let mut request = request;
    request["Limit"] = limit.into();
    for pages in 1..=20 {
        let (status, body) = proxy.call(REGION, operation, request.clone());
        assert_eq!(status, 200, "{body}");
        let page = body[list].as_array().cloned().unwrap_or_default();
        assert!(page.len() as u64 <= limit, "{body}");
        entries.extend(page);
        match body.get("NextToken") {
            Some(Json::String(token)) => request["NextToken"] = token.as_str().into(),
            None => return (entries, pages),
            Some(other) => panic!("AWS leaves NextToken out on the last page, not {other}"),
        }
    }
    panic!("{operation} did not end in 20 pages: {entries:?}");
}

#[test]
fn a_sixth_target_is_refused_in_aws_words_and_changes_nothing() {
    let Some((emulator, proxy)) = proxied("the targets quota") else {
        return;
    };
    rule(&proxy, "fan-out");
    let five: Vec<Json> = (1..=5).map(|i| target(&format!("t{i}"), "q")).collect();
    put(&proxy, "fan-out", &five[..3]);
    put(&proxy, "fan-out", &five[3..]);

    let too_many =
        |targets: Vec<Json>| refused(proxy.call(REGION, "PutTargets", json!({"Rule": "fan-out", "Targets": targets})));
    let aws = (
        "LimitExceededException".to_string(),
        "The requested resource exceeds the maximum number allowed.".to_string(),
    );
    assert_eq!(too_many(vec![target("t6", "q")]), aws);
    // Counted over the request and the rule together: one known id and one new.
    assert_eq!(too_many(vec![target("t1", "other"), target("t6", "q")]), aws);
    assert_eq!(
        ids(&emulator, "fan-out"),
        ["t1", "t2", "t3", "t4", "t5"],
        "nothing forwarded"
    );

    // Changing the five is no new target; a removal makes room.
    put(&proxy, "fan-out", &[target("t1", "other"), target("t5", "other")]);
    remove(&proxy, "fan-out", &["t2"]);
    put(&proxy, "fan-out", &[target("t6", "q")]);
    assert_eq!(ids(&emulator, "fan-out"), ["t1", "t3", "t4", "t5", "t6"]);

    // Another rule has its own five.
    rule(&proxy, "fan-out-2");
    put(&proxy, "fan-out-2", &five);
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

#[test]
fn a_scripted_failed_entry_answers_200_and_leaves_that_target_as_it_was() {
    let Some((emulator, proxy)) = proxied("targets' failed entries") else {
        return;
    };
    rule(&proxy, "partial");

    // PutTargets: the chosen entry fails, the other is put.
    proxy.fail_entry("PutTargets", "orders", Fault::Conflict, 1);
    let answer = put(
        &proxy,
        "partial",
        &[target("audit", "audit"), target("orders", "orders")],
    );
    assert_eq!(
        answer,
        json!({"FailedEntryCount": 1, "FailedEntries": [{
            "TargetId": "orders",
            "ErrorCode": "ConcurrentModificationException",
            "ErrorMessage": "There is concurrent modification on a rule, target, archive, or replay.",
        }]})
    );
    assert_eq!(ids(&emulator, "partial"), ["audit"]);
    // Alone, it never reaches moto; then the script is spent.
    proxy.fail_entry("PutTargets", "orders", Fault::Internal, 1);
    let answer = put(&proxy, "partial", &[target("orders", "orders")]);
    assert_eq!(answer["FailedEntryCount"], 1, "{answer}");
    assert_eq!(answer["FailedEntries"][0]["ErrorCode"], "InternalException", "{answer}");
    assert_eq!(ids(&emulator, "partial"), ["audit"]);
    let answer = put(&proxy, "partial", &[target("orders", "orders")]);
    assert_eq!(answer, json!({"FailedEntryCount": 0, "FailedEntries": []}));
    assert_eq!(ids(&emulator, "partial"), ["audit", "orders"]);

    // RemoveTargets, twice: the target stays, so the rule still cannot be
    // deleted (moto refuses as AWS does).
    proxy.fail_entry("RemoveTargets", "orders", Fault::Conflict, 2);
    proxy.fail_entry("PutTargets", "orders", Fault::Conflict, 1); // another operation's script
    for _ in 0..2 {
        let answer = remove(&proxy, "partial", &["orders"]);
        assert_eq!(answer["FailedEntryCount"], 1, "{answer}");
        assert_eq!(answer["FailedEntries"][0]["TargetId"], "orders", "{answer}");
    }
    assert_eq!(ids(&emulator, "partial"), ["audit", "orders"]);
    let (code, message) = refused(proxy.call(REGION, "DeleteRule", json!({"Name": "partial"})));
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("ValidationException", "Rule can't be deleted since it has targets.")
    );
    let answer = remove(&proxy, "partial", &["audit", "orders"]);
    assert_eq!(answer["FailedEntryCount"], 0, "{answer}");
    assert_eq!(proxy.call(REGION, "DeleteRule", json!({"Name": "partial"})).0, 200);

    // clear() forgets what is scripted.
    rule(&proxy, "partial");
    proxy.clear();
    assert_eq!(
        put(&proxy, "partial", &[target("orders", "orders")])["FailedEntryCount"],
        0
    );
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

#[test]
fn a_missing_rule_is_refused_naming_its_bus_as_aws_does() {
    let Some((_emulator, proxy)) = proxied("targets of a missing rule") else {
        return;
    };
    let not_found = |operation: &str, body: Json| {
        let (code, message) = refused(proxy.call(REGION, operation, body));
        assert_eq!(code, "ResourceNotFoundException");
        message
    };
    let expected = "Rule nowhere does not exist on EventBus default.";
    assert_eq!(not_found("ListTargetsByRule", json!({"Rule": "nowhere"})), expected);
    assert_eq!(
        not_found(
            "ListTargetsByRule",
            json!({"Rule": "nowhere", "EventBusName": "arn:aws:events:us-east-1:123456789012:event-bus/default"})
        ),
        expected
    );
    assert_eq!(
        not_found("PutTargets", json!({"Rule": "nowhere", "Targets": [target("a", "q")]})),
        expected
    );
    assert_eq!(
        not_found("RemoveTargets", json!({"Rule": "nowhere", "Ids": ["a"]})),
        expected
    );
    // A bus that does not exist is named as such.
    let message = not_found(
        "ListTargetsByRule",
        json!({"Rule": "nowhere", "EventBusName": "elsewhere"}),
    );
    assert!(message.contains("elsewhere"), "{message}");
    // An injected not-found speaks of the rule the target call names.
    proxy.fail_next("PutTargets", Fault::NotFound, 1);
    assert!(not_found("PutTargets", json!({"Rule": "soon", "Targets": [target("a", "q")]})).contains("Rule soon "));
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

#[test]
fn targets_and_rule_names_page_by_position_even_when_targets_share_an_arn() {
    let Some((_emulator, proxy)) = proxied("target pages") else {
        return;
    };
    rule(&proxy, "paged");
    // Three targets on one queue: moto's own pages repeat them forever.
    let targets = [
        target("a", "q"),
        target("b", "q"),
        target("c", "q2"),
        target("d", "q"),
        target("e", "q3"),
    ];
    put(&proxy, "paged", &targets);
    let id = |t: &Json| t["Id"].as_str().unwrap_or_default().to_string();
    for limit in [1, 2, 3, 5, 100] {
        let (listed, pages) = every_page(&proxy, "ListTargetsByRule", json!({"Rule": "paged"}), "Targets", limit);
        assert_eq!(
            listed.iter().map(id).collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e"],
            "Limit {limit}"
        );
        assert_eq!(pages as u64, 5u64.div_ceil(limit), "Limit {limit}");
    }
    proxy.list_page_size(2);
    let (_, pages) = every_page(&proxy, "ListTargetsByRule", json!({"Rule": "paged"}), "Targets", 100);
    assert_eq!(pages, 3, "the page cap holds whatever the Limit");

    for name in ["paged-2", "paged-3"] {
        rule(&proxy, name);
        put(&proxy, name, &[target("x", "q")]);
    }
    let by_queue = json!({"TargetArn": "arn:aws:sqs:us-east-1:123456789012:q"});
    let (names, pages) = every_page(&proxy, "ListRuleNamesByTarget", by_queue.clone(), "RuleNames", 1);
    assert_eq!(names, [json!("paged"), json!("paged-2"), json!("paged-3")]);
    assert_eq!(pages, 3);
    let (names, _) = every_page(
        &proxy,
        "ListRuleNamesByTarget",
        json!({"TargetArn": "arn:aws:sqs:us-east-1:123456789012:q3"}),
        "RuleNames",
        100,
    );
    assert_eq!(names, [json!("paged")]);

    // A token the proxy did not hand out is refused, as AWS refuses an
    // expired one.
    for (operation, mut request) in [
        ("ListTargetsByRule", json!({"Rule": "paged"})),
        ("ListRuleNamesByTarget", by_queue),
    ] {
        request["NextToken"] = "forged".into();
        let (code, _) = refused(proxy.call(REGION, operation, request));
        assert_eq!(code, "InvalidToken", "{operation}");
    }
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}
