//! eventbridge_rule end to end: the real terraform, moto behind the fault
//! proxy (which checks every request against AWS's model), on the registry
//! examples. A rule on the default bus and one on a bus made outside
//! Terraform; updates in place; the bus switched from its name to its ARN
//! with no change; drift both ways; imports in every form; bad input
//! refused at plan with no call; a rule that exists refused; the quota;
//! IAM propagation and eventual consistency waited for; a delete refused
//! while the rule has targets retried, then failed naming them.

use serde_json::{json, Value as Json};
use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_rule/resource.tf");
const CUSTOM_BUS: &str = include_str!("../../examples/resources/eventbridge_rule/custom-bus.tf");
const ADDRESS: &str = "eventbridge_rule.orders";
const ON_BUS: &str = "eventbridge_rule.payments";
const NAME: &str = "orders-placed";
const BUS: &str = "payments";
const BUS_ARN: &str = "arn:aws:events:us-east-1:123456789012:event-bus/payments";

const RULE_OPERATIONS: [&str; 8] = [
    "PutRule",
    "DescribeRule",
    "DeleteRule",
    "ListRules",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
    "ListTargetsByRule",
];

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

/// The rule calls so far, by operation.
fn rule_calls(proxy: &FaultProxy) -> Vec<(&'static str, usize)> {
    RULE_OPERATIONS
        .into_iter()
        .map(|op| (op, proxy.calls(op)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn described(proxy: &FaultProxy, name: &str, bus: &str) -> Option<Json> {
    let (status, body) = proxy.call(
        "us-east-1",
        "DescribeRule",
        json!({ "Name": name, "EventBusName": bus }),
    );
    (status == 200).then_some(body)
}

fn tags_of(proxy: &FaultProxy, arn: &str) -> Json {
    proxy
        .call("us-east-1", "ListTagsForResource", json!({ "ResourceARN": arn }))
        .1["Tags"]
        .clone()
}

#[test]
fn both_buses_created_updated_in_place_switched_to_the_bus_arn_and_destroyed() {
    let Some((_emulator, proxy, wd)) = setup(&format!("{RESOURCE}\n{CUSTOM_BUS}")) else {
        return;
    };
    wd.apply().ok();
    // Per rule: DescribeRule (is the name free?), PutRule, DescribeRule.
    assert_eq!(rule_calls(&proxy), [("PutRule", 2), ("DescribeRule", 4)]);
    let orders = wd.attributes(ADDRESS);
    assert_eq!(orders["id"], NAME);
    assert_eq!(orders["event_bus_name"], "default");
    assert_eq!(orders["state"], "ENABLED");
    assert_eq!(orders["is_enabled"], true);
    assert_eq!(orders["tags_all"], json!({"team": "orders"}));
    assert_eq!(
        orders["arn"],
        "arn:aws:events:us-east-1:123456789012:rule/orders-placed"
    );
    let payments = wd.attributes(ON_BUS);
    assert_eq!(payments["id"], "payments/payments-failed");
    assert_eq!(payments["state"], "DISABLED");
    assert_eq!(payments["is_enabled"], false);
    assert_eq!(
        payments["arn"],
        "arn:aws:events:us-east-1:123456789012:rule/payments/payments-failed"
    );
    assert_eq!(
        tags_of(&proxy, orders["arn"].as_str().unwrap()),
        json!([{"Key": "team", "Value": "orders"}])
    );
    assert_eq!(wd.plan_exit_code(), 0, "a plan right after the apply changes nothing");
    // A refresh: DescribeRule and ListTagsForResource per rule.
    let before = proxy.calls("DescribeRule");
    assert_eq!(proxy.calls("ListTagsForResource"), 2 + 1);
    assert_eq!(before, 4 + 2);

    // In place: the settings in one PutRule, the tags by Tag/UntagResource.
    wd.edit("Orders placed in the shop", "Orders placed or paid");
    wd.edit("[\"OrderPlaced\"]", "[\"OrderPlaced\", \"OrderPaid\"]");
    wd.edit("team = \"orders\"", "owner = \"shop\"");
    wd.edit("state          = \"DISABLED\"", "state          = \"ENABLED\"");
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("2 to change, 0 to destroy"),
        "{}",
        planned.stdout
    );
    let puts = proxy.calls("PutRule");
    wd.apply().ok();
    assert_eq!(proxy.calls("PutRule"), puts + 2);
    assert_eq!((proxy.calls("TagResource"), proxy.calls("UntagResource")), (1, 1));
    let aws = described(&proxy, NAME, "default").expect("the rule");
    assert_eq!(aws["Description"], "Orders placed or paid");
    assert!(aws["EventPattern"].as_str().unwrap().contains("OrderPaid"));
    assert_eq!(described(&proxy, "payments-failed", BUS).unwrap()["State"], "ENABLED");
    assert_eq!(
        tags_of(&proxy, orders["arn"].as_str().unwrap()),
        json!([{"Key": "owner", "Value": "shop"}])
    );
    assert_eq!(wd.plan_exit_code(), 0);

    // The bus by its ARN is the same bus: no change, no call but reads.
    wd.edit(
        "event_bus_name = \"payments\"",
        &format!("event_bus_name = \"{BUS_ARN}\""),
    );
    assert_eq!(wd.plan_exit_code(), 0, "name → ARN plans no change");
    wd.apply().ok();
    wd.edit(
        &format!("event_bus_name = \"{BUS_ARN}\""),
        "event_bus_name = \"payments\"",
    );
    assert_eq!(wd.plan_exit_code(), 0, "ARN → name plans no change");
    // The same pattern written otherwise is no change either.
    wd.edit(
        "source        = [\"shop.orders\"]",
        "source        = [ \"shop.orders\" ] # same JSON",
    );
    assert_eq!(wd.plan_exit_code(), 0);

    let puts = proxy.calls("PutRule");
    wd.destroy().ok();
    assert_eq!(proxy.calls("PutRule"), puts);
    assert_eq!(proxy.calls("DeleteRule"), 2);
    assert!(described(&proxy, NAME, "default").is_none());
    assert!(described(&proxy, "payments-failed", BUS).is_none());
}

#[test]
fn default_tags_join_tags_all_and_ignored_tags_are_left_alone() {
    let provider = PROVIDER.replace(
        "  region = \"us-east-1\"\n",
        "  region = \"us-east-1\"\n  default_tags {\n    tags = { env = \"prod\", team = \"platform\" }\n  }\n  \
         ignore_tags {\n    key_prefixes = [\"ops:\"]\n  }\n",
    );
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let wd = Workdir::new(&format!("{provider}\n{RESOURCE}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    wd.apply().ok();
    let state = wd.attributes(ADDRESS);
    assert_eq!(state["tags"], json!({"team": "orders"}));
    assert_eq!(state["tags_all"], json!({"env": "prod", "team": "orders"}));
    let arn = state["arn"].as_str().unwrap().to_string();
    let mut aws = tags_of(&proxy, &arn).as_array().unwrap().clone();
    aws.sort_by_key(|t| t["Key"].as_str().unwrap().to_string());
    assert_eq!(
        aws,
        [
            json!({"Key": "env", "Value": "prod"}),
            json!({"Key": "team", "Value": "orders"})
        ]
    );
    // A tag another tool owns is neither drift nor removed.
    let (status, _) = proxy.call(
        "us-east-1",
        "TagResource",
        json!({"ResourceARN": arn, "Tags": [{"Key": "ops:owner", "Value": "oncall"}]}),
    );
    assert_eq!(status, 200);
    assert_eq!(wd.plan_exit_code(), 0);
    // A tag added outside Terraform is drift, removed by the next apply.
    proxy.call(
        "us-east-1",
        "TagResource",
        json!({"ResourceARN": arn, "Tags": [{"Key": "stray", "Value": "x"}]}),
    );
    assert_eq!(wd.plan_exit_code(), 2);
    wd.apply().ok();
    let keys: Vec<String> = tags_of(&proxy, &arn)
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Key"].as_str().unwrap().to_string())
        .collect();
    assert!(
        keys.contains(&"ops:owner".to_string()) && !keys.contains(&"stray".to_string()),
        "{keys:?}"
    );
    wd.destroy().ok();
}

#[test]
fn changed_outside_is_set_back_and_deleted_outside_is_created_again() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    // PutRule outside Terraform: another description, disabled.
    let (status, _) = proxy.call(
        "us-east-1",
        "PutRule",
        json!({"Name": NAME, "EventPattern": "{\"source\":[\"elsewhere\"]}", "State": "DISABLED"}),
    );
    assert_eq!(status, 200);
    let planned = wd.plan().ok();
    // (Terraform 1.0 and 1.11 render the pattern diff differently.)
    for shown in ["+ description", "elsewhere", "shop.orders", "1 to change"] {
        assert!(planned.stdout.contains(shown), "{shown}: {}", planned.stdout);
    }
    // state is not in the configuration: the rule keeps the state it has
    // (as in hashicorp/aws), shown in the state and not changed.
    assert!(!planned.stdout.contains("\"DISABLED\" ->"), "{}", planned.stdout);
    wd.apply().ok();
    let aws = described(&proxy, NAME, "default").unwrap();
    assert_eq!(aws["Description"], "Orders placed in the shop");
    assert!(aws["EventPattern"].as_str().unwrap().contains("OrderPlaced"));
    assert_eq!(aws["State"], "DISABLED");
    let state = wd.attributes(ADDRESS);
    assert_eq!(
        (state["state"].as_str(), state["is_enabled"].as_bool()),
        (Some("DISABLED"), Some(false))
    );
    assert_eq!(wd.plan_exit_code(), 0);

    proxy.call("us-east-1", "DeleteRule", json!({"Name": NAME}));
    let planned = wd.plan().ok();
    assert!(planned.stdout.contains("1 to add"), "{}", planned.stdout);
    wd.apply().ok();
    assert!(described(&proxy, NAME, "default").is_some());
    wd.destroy().ok();
}

#[test]
fn imports_by_name_bus_region_and_arn_read_back_what_the_create_left() {
    let Some((_emulator, _proxy, wd)) = setup(&format!("{RESOURCE}\n{CUSTOM_BUS}")) else {
        return;
    };
    wd.apply().ok();
    for (address, ids) in [
        (
            ADDRESS,
            vec![NAME.to_string(), format!("{NAME}@us-east-1"), format!("default/{NAME}")],
        ),
        (
            ON_BUS,
            vec![
                "payments/payments-failed".to_string(),
                "payments/payments-failed@us-east-1".to_string(),
            ],
        ),
    ] {
        let created = wd.attributes(address);
        let arn = created["arn"].as_str().unwrap().to_string();
        for id in ids.into_iter().chain([arn]) {
            wd.run(&["state", "rm", "-no-color", address]).ok();
            wd.run(&["import", "-input=false", "-no-color", address, &id]).ok();
            assert_eq!(wd.attributes(address), created, "imported with {id:?}");
            let after = wd.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
            assert_eq!(after.status_code, 0, "a plan after importing {id:?}:\n{}", after.stdout);
        }
    }
    wd.run(&["state", "rm", "-no-color", ON_BUS]).ok();
    let error = wd
        .run(&["import", "-input=false", "-no-color", ON_BUS, "payments-failed"])
        .failed();
    assert!(
        error.contains("rule \"payments-failed\" does not exist in us-east-1"),
        "{error}"
    );
    let error = wd
        .run(&["import", "-input=false", "-no-color", ON_BUS, "pay ments/x"])
        .failed();
    assert!(error.contains("Use NAME or BUS/NAME"), "{error}");
    wd.run(&[
        "import",
        "-input=false",
        "-no-color",
        ON_BUS,
        "payments/payments-failed",
    ])
    .ok();
    wd.destroy().ok();
}

#[test]
fn bad_input_is_refused_at_plan_with_no_aws_call() {
    let Some((_emulator, proxy, wd)) = setup(CUSTOM_BUS) else {
        return;
    };
    let good = wd.read("main.tf");
    let long = format!("jsonencode({{ source = [\"{}\"] }})", "a".repeat(4096));
    let cases: Vec<(&str, String, &str)> = vec![
        ("event_pattern", "\"{\\\"source\\\": \"".into(), "not valid JSON"),
        ("event_pattern", "\"[1, 2]\"".into(), "not an object"),
        ("event_pattern", long, "AWS allows at most 4096"),
        ("state", "\"PAUSED\"".into(), "Invalid rule state"),
        ("event_bus_name", "\"pay ments\"".into(), "Invalid event bus"),
        ("name", "\"payments failed\"".into(), "Invalid rule name"),
        (
            "schedule_expression",
            "\"every 5 minutes\"".into(),
            "Invalid schedule expression",
        ),
        (
            "schedule_expression",
            "\"rate(5 minutes)\"".into(),
            "only on the default bus",
        ),
        (
            "name_prefix",
            "\"payments-\"".into(),
            "name and name_prefix cannot both be set",
        ),
        ("is_enabled", "true".into(), "state and is_enabled cannot both be set"),
        ("role_arn", "\"\"".into(), "Invalid role ARN"),
        ("tags", "{ \"aws:owner\" = \"x\" }".into(), "starts with \"aws:\""),
    ];
    for (attribute, value, words) in cases {
        let bad = good.replacen(
            "  state          = \"DISABLED\"\n",
            &format!("  state          = \"DISABLED\"\n  {attribute} = {value}\n"),
            1,
        );
        let bad = if attribute == "state" || attribute == "name" || attribute == "event_bus_name" {
            good.replace(
                &good
                    .lines()
                    .find(|l| l.trim_start().starts_with(&format!("{attribute} ")))
                    .unwrap()
                    .to_string(),
                &format!("  {attribute} = {value}"),
            )
        } else if attribute == "event_pattern" {
            let start = good.find("  event_pattern = jsonencode").unwrap();
            let end = start + good[start..].find("\n  })\n").unwrap() + "\n  })\n".len();
            format!("{}  event_pattern = {value}\n{}", &good[..start], &good[end..])
        } else {
            bad
        };
        wd.write("main.tf", &bad);
        let error = wd.plan().failed();
        assert!(
            error.contains(words),
            "{attribute} = {value}: {words:?} not in: {error}"
        );
    }
    // Neither a pattern nor a schedule.
    let start = good.find("  event_pattern = jsonencode").unwrap();
    let end = start + good[start..].find("\n  })\n").unwrap() + "\n  })\n".len();
    wd.write("main.tf", &format!("{}{}", &good[..start], &good[end..]));
    assert!(wd.plan().failed().contains("A rule needs event_pattern"));
    assert_eq!(rule_calls(&proxy), [], "no rule call for bad input");
}

#[test]
fn a_rule_that_exists_is_refused_naming_the_import_and_the_quota_fails_at_once() {
    let Some((_emulator, proxy, wd)) = setup(CUSTOM_BUS) else {
        return;
    };
    let (status, _) = proxy.call(
        "us-east-1",
        "PutRule",
        json!({"Name": "payments-failed", "EventBusName": BUS, "EventPattern": "{\"source\":[\"x\"]}"}),
    );
    assert_eq!(status, 200);
    let error = wd.apply().failed();
    assert!(
        error.contains("PutRule would overwrite the rule of this name on event bus \"payments\"")
            && error.contains("terraform import <address> payments/payments-failed@us-east-1"),
        "{error}"
    );
    assert_eq!(proxy.calls("PutRule"), 1, "only the test's own PutRule");
    assert!(described(&proxy, "payments-failed", BUS).unwrap()["EventPattern"]
        .as_str()
        .unwrap()
        .contains("\"x\""));
    proxy.call(
        "us-east-1",
        "DeleteRule",
        json!({"Name": "payments-failed", "EventBusName": BUS}),
    );

    proxy.fail_always("PutRule", Fault::QuotaReached);
    let error = wd.apply().failed();
    assert_eq!(proxy.calls("PutRule"), 2, "the quota is never retried");
    assert!(
        error.contains("LimitExceededException")
            && error.contains(
                "quota of EventBridge rules on one event bus in us-east-1 (\"Rules per event bus\", 300 by default)"
            )
            && error.contains("--quota-code L-244521F2"),
        "{error}"
    );
    proxy.clear();
    assert!(wd.state_json()["values"].is_null(), "nothing in state");
}

#[test]
fn an_unpropagated_role_and_a_rule_not_yet_readable_are_waited_for() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    proxy.fail_next("PutRule", Fault::RoleNotAssumable, 2);
    // The first DescribeRule looks for the name; the next ones read back.
    proxy.fail_next("DescribeRule", Fault::Pass, 1);
    proxy.fail_next("DescribeRule", Fault::NotFound, 2);
    wd.apply().ok();
    assert_eq!(proxy.calls("PutRule"), 3);
    assert_eq!(proxy.calls("DescribeRule"), 4);
    assert_eq!(
        wd.attributes(ADDRESS)["arn"],
        "arn:aws:events:us-east-1:123456789012:rule/orders-placed"
    );
    wd.destroy().ok();
}

#[test]
fn a_delete_refused_for_targets_is_retried_then_fails_naming_them() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    // Targets removed a moment ago: AWS refuses twice, then deletes.
    proxy.fail_next("DeleteRule", Fault::HasTargets, 2);
    wd.destroy().ok();
    assert_eq!(proxy.calls("DeleteRule"), 3);
    assert!(described(&proxy, NAME, "default").is_none());

    // A target added outside Terraform stays: refused (by moto, as AWS)
    // until the bound, then the failure names it; the state keeps the rule.
    wd.apply().ok();
    let (status, body) = proxy.call(
        "us-east-1",
        "PutTargets",
        json!({"Rule": NAME, "Targets": [{"Id": "audit-queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:audit"}]}),
    );
    assert_eq!(status, 200, "{body}");
    let error = wd.destroy().failed();
    assert!(
        error.contains("Rule can't be deleted since it has targets")
            && error.contains("1 target(s): \"audit-queue\" (arn:aws:sqs:us-east-1:123456789012:audit)"),
        "{error}"
    );
    assert!(proxy.calls("DeleteRule") > 4, "retried: {}", proxy.calls("DeleteRule"));
    assert_eq!(proxy.calls("ListTargetsByRule"), 1);
    assert_eq!(wd.attributes(ADDRESS)["id"], NAME);
    proxy.call(
        "us-east-1",
        "RemoveTargets",
        json!({"Rule": NAME, "Ids": ["audit-queue"]}),
    );
    wd.destroy().ok();
    assert!(described(&proxy, NAME, "default").is_none());
}
