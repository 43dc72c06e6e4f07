//! eventbridge_target end to end: the real terraform, moto behind the
//! fault proxy (which checks every request against AWS's model), on the
//! registry examples. The whole HTTP target (connection, API destination,
//! rule, target with http_target, input_transformer, retry policy and
//! dead-letter queue) and a target of a rule on a bus made outside
//! Terraform; updates in place; the bus switched from its name to its ARN
//! with no change; drift both ways; imports in every form; a target id
//! that exists refused; a sixth target refused at plan, and at once when
//! the rule's targets were made outside Terraform; FailedEntries as
//! failures (conflicts sent again, the limit never); the data source; a
//! rule or target AWS does not show yet waited for.

use serde_json::{json, Value as Json};
use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_target/resource.tf");
const CUSTOM_BUS: &str = include_str!("../../examples/resources/eventbridge_target/custom-bus.tf");
const DATA_SOURCE: &str = include_str!("../../examples/data-sources/eventbridge_target/data-source.tf");
const ADDRESS: &str = "eventbridge_target.orders";
const ON_BUS: &str = "eventbridge_target.payments";
const RULE: &str = "orders-placed";
const TARGET_ID: &str = "orders-webhook";
const BUS: &str = "payments";
const BUS_ARN: &str = "arn:aws:events:us-east-1:123456789012:event-bus/payments";

/// Moto behind the proxy, with the `payments` bus made outside Terraform.
fn setup(resources: &str) -> Option<(Emulator, FaultProxy, Workdir)> {
    let emulator = support::terraform_and_emulator()?;
    let proxy = FaultProxy::start(emulator.port);
    let (status, body) = proxy.call("us-east-1", "CreateEventBus", json!({ "Name": BUS }));
    assert_eq!(status, 200, "{body}");
    let wd = Workdir::new(&format!("{PROVIDER}\n{resources}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    Some((emulator, proxy, wd))
}

/// The targets of `rule` on `bus` as AWS (the emulator) lists them.
fn targets(proxy: &FaultProxy, rule: &str, bus: &str) -> Vec<Json> {
    let (status, body) = proxy.call(
        "us-east-1",
        "ListTargetsByRule",
        json!({ "Rule": rule, "EventBusName": bus }),
    );
    assert_eq!(status, 200, "{body}");
    body["Targets"].as_array().cloned().unwrap_or_default()
}

fn put_target(proxy: &FaultProxy, rule: &str, bus: &str, id: &str) {
    let (status, body) = proxy.call(
        "us-east-1",
        "PutTargets",
        json!({"Rule": rule, "EventBusName": bus, "Targets": [{"Id": id, "Arn": format!("arn:aws:sqs:us-east-1:123456789012:{id}")}]}),
    );
    assert_eq!((status, &body["FailedEntryCount"]), (200, &json!(0)), "{body}");
}

#[test]
fn the_whole_http_target_is_created_updated_in_place_switched_to_the_bus_arn_and_destroyed() {
    let Some((_emulator, proxy, wd)) = setup(&format!("{RESOURCE}\n{CUSTOM_BUS}")) else {
        return;
    };
    wd.apply().ok();
    // Per target: ListTargetsByRule (is the id free? is there room?),
    // PutTargets, ListTargetsByRule (read back).
    assert_eq!(proxy.calls("PutTargets"), 2);
    assert_eq!(proxy.calls("ListTargetsByRule"), 4);
    let orders = wd.attributes(ADDRESS);
    assert_eq!(orders["id"], format!("{RULE}/{TARGET_ID}"));
    assert_eq!(orders["event_bus_name"], "default");
    assert_eq!(orders["http_target"][0]["path_parameter_values"], json!(["placed"]));
    assert_eq!(orders["retry_policy"][0]["maximum_retry_attempts"], 10);
    let payments = wd.attributes(ON_BUS);
    let generated = payments["target_id"].as_str().unwrap().to_string();
    assert!(
        generated.starts_with("terraform-") && generated.len() == 36,
        "{generated}"
    );
    assert_eq!(payments["id"], format!("payments/payments-failed/{generated}"));

    let aws = targets(&proxy, RULE, "default");
    assert_eq!(aws.len(), 1);
    let target = &aws[0];
    assert_eq!(target["Id"], TARGET_ID);
    assert_eq!(
        target["RoleArn"],
        "arn:aws:iam::123456789012:role/orders-webhook-invoke"
    );
    assert_eq!(
        target["HttpParameters"]["HeaderParameters"],
        json!({"x-source": "eventbridge"})
    );
    assert_eq!(
        target["InputTransformer"]["InputPathsMap"],
        json!({"order": "$.detail.id", "total": "$.detail.total"})
    );
    assert_eq!(
        target["RetryPolicy"],
        json!({"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 10})
    );
    assert_eq!(
        target["DeadLetterConfig"]["Arn"],
        "arn:aws:sqs:us-east-1:123456789012:orders-webhook-dlq"
    );
    assert_eq!(targets(&proxy, "payments-failed", BUS)[0]["InputPath"], "$.detail");
    assert_eq!(wd.plan_exit_code(), 0, "a plan right after the apply changes nothing");

    // In place: the whole target in one PutTargets.
    wd.edit("maximum_retry_attempts       = 10", "maximum_retry_attempts       = 3");
    wd.edit("\"x-source\" = \"eventbridge\"", "\"x-source\" = \"shop\"");
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("0 to add, 1 to change, 0 to destroy"),
        "{}",
        planned.stdout
    );
    let puts = proxy.calls("PutTargets");
    wd.apply().ok();
    assert_eq!(proxy.calls("PutTargets"), puts + 1);
    let target = &targets(&proxy, RULE, "default")[0];
    assert_eq!(target["RetryPolicy"]["MaximumRetryAttempts"], 3);
    assert_eq!(target["HttpParameters"]["HeaderParameters"]["x-source"], "shop");
    assert_eq!(wd.plan_exit_code(), 0);

    // The bus by its ARN is the same bus: no change, no replacement.
    wd.edit(
        "event_bus_name = eventbridge_rule.payments.event_bus_name",
        &format!("event_bus_name = \"{BUS_ARN}\""),
    );
    assert_eq!(wd.plan_exit_code(), 0, "name → ARN plans no change");

    let puts = proxy.calls("PutTargets");
    wd.destroy().ok();
    assert_eq!(proxy.calls("PutTargets"), puts);
    assert_eq!(proxy.calls("RemoveTargets"), 2);
    // The targets went first, so each rule could be deleted at once.
    assert_eq!(proxy.calls("DeleteRule"), 2);
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

#[test]
fn changed_outside_is_set_back_and_removed_outside_is_created_again() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    // Changed outside: another endpoint path and retry policy.
    let mut changed = targets(&proxy, RULE, "default")[0].clone();
    changed["RetryPolicy"] = json!({"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60});
    changed["HttpParameters"]["PathParameterValues"] = json!(["other"]);
    let (status, body) = proxy.call("us-east-1", "PutTargets", json!({"Rule": RULE, "Targets": [changed]}));
    assert_eq!(status, 200, "{body}");
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("1 to change") && planned.stdout.contains("maximum_retry_attempts       = 0 -> 10"),
        "{}",
        planned.stdout
    );
    wd.apply().ok();
    let target = &targets(&proxy, RULE, "default")[0];
    assert_eq!(target["RetryPolicy"]["MaximumRetryAttempts"], 10);
    assert_eq!(target["HttpParameters"]["PathParameterValues"], json!(["placed"]));

    // Removed outside: planned again.
    proxy.call("us-east-1", "RemoveTargets", json!({"Rule": RULE, "Ids": [TARGET_ID]}));
    let planned = wd.plan().ok();
    assert!(planned.stdout.contains("1 to add, 0 to change"), "{}", planned.stdout);
    wd.apply().ok();
    assert_eq!(targets(&proxy, RULE, "default").len(), 1);
    assert_eq!(wd.plan_exit_code(), 0);
    wd.destroy().ok();
}

#[test]
fn imports_in_every_form_read_back_what_the_create_left() {
    let Some((_emulator, _proxy, wd)) = setup(&format!("{RESOURCE}\n{CUSTOM_BUS}")) else {
        return;
    };
    wd.apply().ok();
    let generated = wd.attributes(ON_BUS)["target_id"].as_str().unwrap().to_string();
    for (address, ids) in [
        (
            ADDRESS,
            vec![
                format!("{RULE}/{TARGET_ID}"),
                format!("{RULE}/{TARGET_ID}@us-east-1"),
                format!("default/{RULE}/{TARGET_ID}"),
            ],
        ),
        (
            ON_BUS,
            vec![
                format!("payments/payments-failed/{generated}"),
                format!("{BUS_ARN}/payments-failed/{generated}"),
            ],
        ),
    ] {
        let created = wd.attributes(address);
        for id in ids {
            wd.run(&["state", "rm", "-no-color", address]).ok();
            wd.run(&["import", "-input=false", "-no-color", address, &id]).ok();
            let imported = wd.attributes(address);
            assert_eq!(imported, created, "imported with {id:?}");
            let after = wd.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
            assert_eq!(after.status_code, 0, "a plan after importing {id:?}:\n{}", after.stdout);
        }
    }
    wd.run(&["state", "rm", "-no-color", ADDRESS]).ok();
    let error = wd
        .run(&["import", "-input=false", "-no-color", ADDRESS, "orders-placed/nope"])
        .failed();
    assert!(error.contains("has no target \"nope\""), "{error}");
    let error = wd
        .run(&["import", "-input=false", "-no-color", ADDRESS, "orders-placed"])
        .failed();
    assert!(error.contains("Use RULE/TARGET_ID"), "{error}");
    wd.run(&[
        "import",
        "-input=false",
        "-no-color",
        ADDRESS,
        &format!("{RULE}/{TARGET_ID}"),
    ])
    .ok();
    wd.destroy().ok();
}

#[test]
fn a_target_id_in_use_is_refused_naming_the_import_and_a_sixth_target_fails_at_once() {
    let Some((_emulator, proxy, wd)) = setup(CUSTOM_BUS) else {
        return;
    };
    // The rule first, then a target of the id the configuration will ask.
    let config = wd.read("main.tf");
    wd.write(
        "main.tf",
        &config.replace(
            "  input_path     = \"$.detail\"\n",
            "  input_path     = \"$.detail\"\n  target_id      = \"audit\"\n",
        ),
    );
    wd.run(&[
        "apply",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-target=eventbridge_rule.payments",
    ])
    .ok();
    put_target(&proxy, "payments-failed", BUS, "audit");
    let error = wd.apply().failed();
    assert!(
        error.contains("PutTargets would overwrite the target of this id")
            && error.contains("terraform import <address> payments/payments-failed/audit@us-east-1"),
        "{error}"
    );
    assert_eq!(proxy.calls("PutTargets"), 1, "only the test's own PutTargets");

    // Five targets made outside Terraform: the create fails at once, naming
    // them, without a PutTargets.
    for id in ["t2", "t3", "t4", "t5"] {
        put_target(&proxy, "payments-failed", BUS, id);
    }
    wd.write("main.tf", &wd.read("main.tf").replace("\"audit\"", "\"sixth\""));
    let puts = proxy.calls("PutTargets");
    let error = wd.apply().failed();
    assert!(
        error.contains("already has 5 targets")
            && error.contains("\"t5\" (arn:aws:sqs:us-east-1:123456789012:t5)")
            && error.contains("at most 5 targets per rule, a limit that cannot be raised"),
        "{error}"
    );
    assert_eq!(proxy.calls("PutTargets"), puts, "no PutTargets");
    proxy.call(
        "us-east-1",
        "RemoveTargets",
        json!({"Rule": "payments-failed", "EventBusName": BUS, "Ids": ["audit", "t2", "t3", "t4", "t5"]}),
    );
    wd.destroy().ok();
}

#[test]
fn failed_entries_fail_with_aws_words_conflicts_are_retried_and_the_limit_is_never_retried() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    // A failed entry on create: a failure, in AWS's words; nothing in state.
    proxy.fail_entry("PutTargets", TARGET_ID, Fault::Internal, 1);
    let error = wd.apply().failed();
    assert!(
        error.contains("creating EventBridge target \"orders-placed/orders-webhook\" in us-east-1: AWS refused the target: InternalException"),
        "{error}"
    );
    assert!(targets(&proxy, RULE, "default").is_empty());
    // A conflicting change, as a failed entry: sent again.
    proxy.fail_entry("PutTargets", TARGET_ID, Fault::Conflict, 2);
    let puts = proxy.calls("PutTargets");
    wd.apply().ok();
    assert_eq!(proxy.calls("PutTargets"), puts + 3);
    assert_eq!(targets(&proxy, RULE, "default").len(), 1);
    // LimitExceededException from PutTargets: once, never retried.
    wd.edit("maximum_retry_attempts       = 10", "maximum_retry_attempts       = 3");
    proxy.fail_always("PutTargets", Fault::QuotaReached);
    let puts = proxy.calls("PutTargets");
    let error = wd.apply().failed();
    assert_eq!(proxy.calls("PutTargets"), puts + 1, "the limit is never retried");
    assert!(
        error.contains("LimitExceededException") && error.contains("at most 5 targets per rule"),
        "{error}"
    );
    proxy.clear();
    // A missing permission: AWS's words and where the permissions are.
    proxy.fail_next("PutTargets", Fault::Denied, 1);
    let error = wd.apply().failed();
    assert!(
        error.contains("AccessDeniedException")
            && error.contains("the eventbridge_target documentation lists the permissions"),
        "{error}"
    );
    assert_eq!(
        wd.attributes(ADDRESS)["retry_policy"][0]["maximum_retry_attempts"],
        10,
        "a failed update keeps the prior state"
    );
    // A failed entry on destroy: the target stays in state and in AWS.
    proxy.fail_entry("RemoveTargets", TARGET_ID, Fault::Internal, 1);
    let error = wd.destroy().failed();
    assert!(
        error.contains("AWS did not remove the target: InternalException"),
        "{error}"
    );
    assert_eq!(wd.attributes(ADDRESS)["target_id"], TARGET_ID);
    assert_eq!(targets(&proxy, RULE, "default").len(), 1);
    wd.destroy().ok();
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

/// A rule and `n` targets of it, sending to `arn(i)`.
fn fan_out(n: usize, arn: impl Fn(usize) -> String) -> String {
    let mut config = String::from(
        "resource \"eventbridge_rule\" \"fan\" {\n  name          = \"fan-out\"\n  event_pattern = jsonencode({ source = [\"shop\"] })\n}\n",
    );
    for i in 0..n {
        config.push_str(&format!(
            "resource \"eventbridge_target\" \"t{i}\" {{\n  rule = eventbridge_rule.fan.name\n  arn  = \"{}\"\n}}\n",
            arn(i)
        ));
    }
    format!("{PROVIDER}\n{config}")
}

#[test]
fn six_targets_of_one_rule_in_a_configuration_are_refused_at_plan_with_no_call() {
    let Some((_emulator, proxy, wd)) = setup("") else {
        return;
    };
    wd.write(
        "main.tf",
        &fan_out(6, |i| format!("arn:aws:sqs:us-east-1:123456789012:q{i}")),
    );
    let error = wd.plan().failed();
    assert!(
        error.contains("Too many targets for one rule")
            && error.contains("gives rule \"fan-out\" (event bus \"default\", us-east-1) 6 targets"),
        "{error}"
    );
    assert_eq!(proxy.calls("PutRule") + proxy.calls("PutTargets"), 0);
    // Five are fine, and Terraform planning them again at apply, with their
    // ARNs known by then, does not count them twice.
    wd.write("main.tf", &fan_out(5, |i| format!("${{eventbridge_rule.fan.arn}}-{i}")));
    wd.apply().ok();
    assert_eq!(targets(&proxy, "fan-out", "default").len(), 5);
    // Replacing them all (another rule) plans each twice: still five.
    wd.edit("\"fan-out\"", "\"fan-in\"");
    wd.apply().ok();
    assert_eq!(targets(&proxy, "fan-in", "default").len(), 5);
    wd.destroy().ok();
}

#[test]
fn the_data_source_example_reads_the_target_and_a_missing_one_is_a_clear_error() {
    let Some((_emulator, _proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    let main = wd.read("main.tf");
    wd.write("main.tf", &format!("{main}\n{DATA_SOURCE}"));
    wd.apply().ok();
    let outputs = wd.state_json()["values"]["outputs"].clone();
    assert_eq!(
        outputs["orders_target_arn"]["value"],
        wd.attributes(ADDRESS)["arn"],
        "{outputs}"
    );
    let state = wd.state_json();
    let read = state["values"]["root_module"]["resources"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["address"] == "data.eventbridge_target.orders"))
        .map(|r| r["values"].clone())
        .expect("the data source in state");
    assert_eq!(read["input_transformer"][0]["input_paths"]["order"], "$.detail.id");
    assert_eq!(read["retry_policy"][0]["maximum_event_age_in_seconds"], 3600);
    wd.write(
        "main.tf",
        &format!("{main}\n{}", DATA_SOURCE.replace("\"orders-webhook\"", "\"nope\"")),
    );
    let error = wd.plan().failed();
    assert!(
        error.contains("Target not found")
            && error.contains("Rule \"orders-placed\" on event bus \"default\" in us-east-1 has no target \"nope\""),
        "{error}"
    );
    wd.write("main.tf", &main);
    wd.destroy().ok();
}

#[test]
fn a_rule_not_yet_found_and_a_target_not_yet_listed_are_waited_for() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.run(&[
        "apply",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-target=eventbridge_rule.orders",
    ])
    .ok();
    // The rule just made is not found twice; the target just put is not
    // listed once (AWS is eventually consistent).
    proxy.fail_next("ListTargetsByRule", Fault::NotFound, 2);
    proxy.fail_next("ListTargetsByRule", Fault::Pass, 1);
    proxy.fail_next("ListTargetsByRule", Fault::NotFound, 1);
    let lists = proxy.calls("ListTargetsByRule");
    wd.apply().ok();
    assert_eq!(proxy.calls("PutTargets"), 1);
    assert_eq!(proxy.calls("ListTargetsByRule") - lists, 5);
    assert_eq!(wd.attributes(ADDRESS)["target_id"], TARGET_ID);
    assert_eq!(wd.plan_exit_code(), 0);
    wd.destroy().ok();
}

#[test]
fn bad_input_is_refused_at_plan_with_no_aws_call() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    let good = wd.read("main.tf");
    for (from, to, expected) in [
        (
            "  arn       = eventbridge_api_destination.orders.arn\n  role_arn  = var.invoke_role_arn\n",
            "  arn       = \"arn:aws:events:us-east-1:123456789012:api-destination/orders-webhook/1\"\n",
            "A target that sends to an API destination needs role_arn",
        ),
        (
            "  target_id = \"orders-webhook\"",
            "  target_id = \"orders webhook\"",
            "A target id may only contain",
        ),
        (
            "    maximum_event_age_in_seconds = 3600",
            "    maximum_event_age_in_seconds = 30",
            "AWS takes a whole number from 60 to 86400",
        ),
        (
            "  rule      = eventbridge_rule.orders.name",
            "  rule      = \"payments/orders-placed\"",
            "eventbridge_rule.NAME.name",
        ),
        (
            "  dead_letter_config {",
            "  input = \"{}\"\n  dead_letter_config {",
            "input and input_transformer cannot be set together",
        ),
        (
            "      order = \"$.detail.id\"",
            "      AWSorder = \"$.detail.id\"",
            "starts with \"AWS\"",
        ),
        (
            "      \"x-source\" = \"eventbridge\"",
            "      \"x source\" = \"eventbridge\"",
            "a header name is an HTTP token",
        ),
    ] {
        wd.write("main.tf", &good.replace(from, to));
        let error = wd.plan().failed();
        assert!(error.contains(expected), "{to:?}: {error}");
    }
    assert_eq!(proxy.calls("PutTargets") + proxy.calls("ListTargetsByRule"), 0);
}
