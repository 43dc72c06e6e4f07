//! Moving from hashicorp/aws: the real hashicorp/aws (from the machine
//! image's filesystem mirror, `support::peer_aws`) creates connections, an
//! API destination, rules on two buses and a target through the fault
//! proxy; then the configuration names the same resources as this
//! provider's types with `moved` blocks (Terraform 1.8 or later), and
//! Terraform plans nothing but the moves, applies them without an AWS
//! call that changes anything, keeps the connection's secret, and plans no
//! change afterwards. Without hashicorp/aws or with an older Terraform the
//! test skips with one line; tests/protocol proves the same moves at the
//! protocol level without either.
//!
//! The configuration is one table: each resource's arguments are written
//! once, for both providers, and `{connection}`, `{api_destination}`,
//! `{rule}`, `{target}` in them name the other resources' types on the
//! side being written.

use serde_json::{json, Value as Json};
use support::fault_proxy::FaultProxy;
use support::peer_aws::{self, Kind, Side, API_DESTINATION, CONNECTION, RULE, TARGET};
use support::terraform::{Output, Workdir};

/// One resource: its type, its name, what must be the same in state after
/// the move, and its arguments, the same for both providers.
struct Resource {
    kind: &'static Kind,
    name: &'static str,
    kept: &'static [&'static str],
    body: &'static str,
}

const SECRET: &str = "peer-moves-api-key-value";
const BUS: &str = "payments";

/// What moves from hashicorp/aws to this provider.
const MOVED: [Resource; 5] = [
    Resource {
        kind: &CONNECTION,
        name: "crm",
        kept: &["arn", "id", "name", "secret_arn", "authorization_type"],
        body: r#"
  name               = "crm-api"
  description        = "CRM webhook"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "peer-moves-api-key-value"
    }
    invocation_http_parameters {
      header {
        key             = "x-tenant"
        value           = "acme"
        is_value_secret = false
      }
    }
  }
"#,
    },
    Resource {
        kind: &API_DESTINATION,
        name: "crm",
        kept: &[
            "arn",
            "id",
            "name",
            "connection_arn",
            "invocation_rate_limit_per_second",
        ],
        body: r#"
  name                             = "crm-webhook"
  description                      = "CRM events"
  connection_arn                   = {connection}.crm.arn
  invocation_endpoint              = "https://crm.example.com/events/*"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 20
"#,
    },
    Resource {
        kind: &RULE,
        name: "orders",
        kept: &["arn", "id", "name", "event_pattern", "tags_all"],
        body: r#"
  name        = "orders-placed"
  description = "Orders placed in the shop"
  event_pattern = jsonencode({
    source        = ["shop.orders"]
    "detail-type" = ["OrderPlaced"]
  })
  tags = {
    team = "orders"
  }
"#,
    },
    Resource {
        kind: &RULE,
        name: "payments",
        kept: &["arn", "id", "name", "event_bus_name", "state"],
        body: r#"
  name           = "payments-failed"
  event_bus_name = "payments"
  state          = "DISABLED"
  event_pattern = jsonencode({
    "detail-type" = ["PaymentFailed"]
  })
"#,
    },
    Resource {
        kind: &TARGET,
        name: "orders",
        kept: &["arn", "rule", "target_id", "role_arn", "event_bus_name"],
        body: r#"
  rule      = {rule}.orders.name
  target_id = "crm"
  arn       = {api_destination}.crm.arn
  role_arn  = "arn:aws:iam::123456789012:role/invoke-crm"
  http_target {
    header_parameters       = { "x-source" = "eventbridge" }
    query_string_parameters = { tenant = "acme" }
    path_parameter_values   = ["orders"]
  }
  input_transformer {
    input_paths    = { id = "$.detail.id" }
    input_template = "{\"order\": <id>}"
  }
  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 5
  }
  dead_letter_config {
    arn = "arn:aws:sqs:us-east-1:123456789012:orders-dlq"
  }
"#,
    },
];

/// The calls that change something in EventBridge.
const CHANGING: [&str; 14] = [
    "CreateConnection",
    "UpdateConnection",
    "DeleteConnection",
    "CreateApiDestination",
    "UpdateApiDestination",
    "DeleteApiDestination",
    "PutRule",
    "DeleteRule",
    "EnableRule",
    "DisableRule",
    "TagResource",
    "UntagResource",
    "PutTargets",
    "RemoveTargets",
];

/// The resources, the moved ones as `side`'s types; with `moved` blocks
/// when they are this provider's.
fn configuration(endpoint: &str, side: Side) -> String {
    let mut tf = peer_aws::providers_tf(endpoint, true);
    for resource in &MOVED {
        tf.push_str(&peer_aws::resource(resource.kind, side, resource.name, resource.body));
    }
    if side == Side::Ours {
        for resource in &MOVED {
            tf.push_str(&format!(
                "\nmoved {{\n  from = {}\n  to   = {}\n}}\n",
                address(resource, Side::Aws),
                address(resource, Side::Ours)
            ));
        }
    }
    tf
}

fn address(resource: &Resource, side: Side) -> String {
    format!("{}.{}", resource.kind.type_name(side), resource.name)
}

fn changing_calls(proxy: &FaultProxy) -> Vec<(&'static str, usize)> {
    CHANGING
        .into_iter()
        .map(|op| (op, proxy.calls(op)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// What EventBridge holds for the resources, as the proxy answers: the
/// ARNs, the times the connection and the destination last changed, and
/// the rules and their targets as described.
fn objects(proxy: &FaultProxy) -> Json {
    let call = |operation: &str, body: Json| {
        let (status, answer) = proxy.call("us-east-1", operation, body);
        assert_eq!(status, 200, "{operation}: {answer}");
        answer
    };
    let connection = call("DescribeConnection", json!({"Name": "crm-api"}));
    let destination = call("DescribeApiDestination", json!({"Name": "crm-webhook"}));
    json!({
        "connection": [connection["ConnectionArn"], connection["LastModifiedTime"]],
        "destination": [destination["ApiDestinationArn"], destination["LastModifiedTime"]],
        "orders": call("DescribeRule", json!({"Name": "orders-placed"})),
        "payments": call("DescribeRule", json!({"Name": "payments-failed", "EventBusName": BUS})),
        "targets": call("ListTargetsByRule", json!({"Rule": "orders-placed"})),
        "tags": call("ListTagsForResource", json!({
            "ResourceARN": "arn:aws:events:us-east-1:123456789012:rule/orders-placed"
        })),
    })
}

/// The attributes of every resource in state, by address.
fn state_by_address(wd: &Workdir) -> serde_json::Map<String, Json> {
    let state = wd.state_json();
    state["values"]["root_module"]["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r["address"].as_str()?.to_string(), r["values"].clone())))
        .collect()
}

/// `terraform COMMAND -input=false -no-color ARGS…` (a plan file last).
fn run(wd: &Workdir, args: &[&str]) -> Output {
    let mut all = args[..1].to_vec();
    all.extend(["-input=false", "-no-color"]);
    all.extend(&args[1..]);
    wd.run(&all)
}

#[test]
fn resources_made_by_hashicorp_aws_move_without_a_change_and_keep_the_secret() {
    if support::terraform::find_or_skip().is_none()
        || !support::terraform::at_least_or_skip((1, 8), "a moved block across providers")
    {
        return;
    }
    let Some(peer) = peer_aws::find_or_skip() else {
        return;
    };
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    // The custom bus is made outside Terraform.
    let (status, body) = proxy.call("us-east-1", "CreateEventBus", json!({ "Name": BUS }));
    assert_eq!(status, 200, "{body}");

    let wd = Workdir::new(&configuration(&proxy.endpoint, Side::Aws));
    wd.also_install_from(&peer.mirror, peer_aws::ADDRESS);
    wd.use_endpoint(&proxy.endpoint);
    for (key, value) in peer_aws::ENV {
        wd.env(key, value);
    }
    wd.init();
    run(&wd, &["apply", "-auto-approve"]).ok();
    let made = state_by_address(&wd);
    for resource in &MOVED {
        assert!(made.contains_key(&address(resource, Side::Aws)), "{made:?}");
    }
    let before = objects(&proxy);
    let calls = changing_calls(&proxy);

    // The same resources as this provider's, with moved blocks.
    wd.write("main.tf", &configuration(&proxy.endpoint, Side::Ours));
    let planned = run(&wd, &["plan", "-detailed-exitcode", "-out=moves.tfplan"]);
    // Terraform counts a move as a change (the state is written anew): 2.
    assert!(
        [0, 2].contains(&planned.status_code),
        "{}\n{}",
        planned.stdout,
        planned.stderr
    );
    assert!(
        planned.stdout.contains("Plan: 0 to add, 0 to change, 0 to destroy."),
        "{}",
        planned.stdout
    );
    for resource in &MOVED {
        let line = format!(
            "# {} has moved to {}",
            address(resource, Side::Aws),
            address(resource, Side::Ours)
        );
        assert!(planned.stdout.contains(&line), "{line} not in:\n{}", planned.stdout);
    }
    let plan: Json =
        serde_json::from_str(&wd.run(&["show", "-json", "-no-color", "moves.tfplan"]).ok().stdout).expect("plan JSON");
    for change in plan["resource_changes"].as_array().expect("resource_changes") {
        assert_eq!(
            change["change"]["actions"],
            json!(["no-op"]),
            "{} is not only moved: {}",
            change["address"],
            change["change"]
        );
    }
    run(&wd, &["apply", "moves.tfplan"]).ok();

    let moved = state_by_address(&wd);
    for resource in &MOVED {
        let (from, to) = (address(resource, Side::Aws), address(resource, Side::Ours));
        assert!(!moved.contains_key(&from), "{from} still in state");
        for attribute in resource.kept {
            assert_eq!(
                moved[&to][attribute], made[&from][attribute],
                "{to}.{attribute} after the move"
            );
        }
    }
    let auth = &moved["eventbridge_connection.crm"]["auth_parameters"][0];
    assert_eq!(
        auth["api_key"][0]["value"], SECRET,
        "the API key's value is kept in state"
    );
    assert_eq!(auth["invocation_http_parameters"][0]["header"][0]["value"], "acme");
    assert_eq!(moved["eventbridge_rule.orders"]["tags_all"], json!({"team": "orders"}));
    assert_eq!(moved["eventbridge_rule.payments"]["state"], "DISABLED");
    let target = &moved["eventbridge_target.orders"];
    assert_eq!(
        target["id"], "orders-placed/crm",
        "this provider's id, not hashicorp/aws's"
    );
    assert_eq!(target["arn"], moved["eventbridge_api_destination.crm"]["arn"]);
    for block in ["http_target", "input_transformer", "retry_policy", "dead_letter_config"] {
        assert_eq!(
            target[block], made["aws_cloudwatch_event_target.orders"][block],
            "the target's {block}"
        );
    }

    assert_eq!(
        changing_calls(&proxy),
        calls,
        "the move changed something in EventBridge"
    );
    assert_eq!(objects(&proxy), before, "the objects in EventBridge after the move");
    let again = run(&wd, &["plan", "-detailed-exitcode"]);
    assert_eq!(again.status_code, 0, "a plan after the move:\n{}", again.stdout);

    run(&wd, &["destroy", "-auto-approve"]).ok();
    assert!(emulator.connection_names().is_empty());
    assert!(emulator.destination_names().is_empty());
}
