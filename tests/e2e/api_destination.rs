//! eventbridge_api_destination end to end: the real terraform, moto behind
//! the fault proxy (which checks every request against AWS's model and
//! answers what moto leaves out), on the registry examples. Create, a
//! no-op plan, updates of each argument in one call, a description cleared,
//! import by name, NAME@REGION and ARN read back attribute by attribute,
//! drift both ways, the connection replaced under its destination, and bad
//! input refused at plan with no call.

use serde_json::{json, Value as Json};
use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_api_destination/resource.tf");
const REGION: &str = include_str!("../../examples/resources/eventbridge_api_destination/region.tf");
const NAME: &str = "orders-webhook";
const ADDRESS: &str = "eventbridge_api_destination.orders";

fn setup(resources: &str) -> Option<(Emulator, FaultProxy, Workdir)> {
    let emulator = support::terraform_and_emulator()?;
    let proxy = FaultProxy::start(emulator.port);
    let wd = workdir(&proxy, resources);
    Some((emulator, proxy, wd))
}

fn workdir(proxy: &FaultProxy, resources: &str) -> Workdir {
    let wd = Workdir::new(&format!("{PROVIDER}\n{resources}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    wd
}

/// DescribeApiDestination as AWS (the proxy) answers it.
fn described(proxy: &FaultProxy, region: &str, name: &str) -> Option<Json> {
    let (status, body) = proxy.call(region, "DescribeApiDestination", json!({ "Name": name }));
    (status == 200).then_some(body)
}

/// AWS calls of the destination's operations so far, by operation.
fn destination_calls(proxy: &FaultProxy) -> Vec<(&'static str, usize)> {
    [
        "CreateApiDestination",
        "UpdateApiDestination",
        "DeleteApiDestination",
        "DescribeApiDestination",
        "ListApiDestinations",
    ]
    .into_iter()
    .map(|op| (op, proxy.calls(op)))
    .filter(|(_, n)| *n > 0)
    .collect()
}

/// The members of the last UpdateApiDestination the emulator received.
fn sent_members(emulator: &Emulator) -> Vec<String> {
    let last = emulator.requests("UpdateApiDestination").pop().expect("an update");
    let mut members: Vec<String> = last.as_object().unwrap().keys().cloned().collect();
    members.sort();
    members
}

#[test]
fn create_update_each_argument_clear_the_description_and_destroy() {
    let Some((emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    assert_eq!(proxy.calls("CreateApiDestination"), 1);
    let state = wd.attributes(ADDRESS);
    let connection = wd.attributes("eventbridge_connection.orders");
    assert_eq!(state["id"], NAME);
    assert_eq!(state["region"], "us-east-1");
    assert_eq!(state["connection_arn"], connection["arn"]);
    assert_eq!(state["invocation_rate_limit_per_second"], 20);
    assert_eq!(state["api_destination_state"], "ACTIVE");
    let arn = state["arn"].as_str().expect("arn").to_string();
    assert!(arn.starts_with("arn:aws:events:us-east-1:") && arn.contains(":api-destination/orders-webhook/"));
    assert_eq!(
        state["arn_for_policy"].as_str(),
        arn.rsplit_once('/').map(|(base, _)| base)
    );
    assert_eq!(wd.plan_exit_code(), 0, "a plan right after the apply changes nothing");

    // Each argument changes in place, in one call that sends what changed.
    let before = proxy.calls("UpdateApiDestination");
    wd.edit(
        "invocation_rate_limit_per_second = 20",
        "invocation_rate_limit_per_second = 50",
    );
    wd.edit(
        "http_method                      = \"POST\"",
        "http_method                      = \"PATCH\"",
    );
    wd.edit(
        "https://orders.example.com/events/*",
        "https://orders.example.com/v2/events/*",
    );
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("1 to change, 0 to destroy"),
        "{}",
        planned.stdout
    );
    wd.apply().ok();
    assert_eq!(proxy.calls("UpdateApiDestination"), before + 1);
    assert_eq!(
        sent_members(&emulator),
        [
            "HttpMethod",
            "InvocationEndpoint",
            "InvocationRateLimitPerSecond",
            "Name"
        ],
        "only what changed is sent"
    );
    let aws = described(&proxy, "us-east-1", NAME).expect("described");
    assert_eq!(aws["HttpMethod"], "PATCH");
    assert_eq!(aws["InvocationRateLimitPerSecond"], 50);
    assert_eq!(aws["InvocationEndpoint"], "https://orders.example.com/v2/events/*");
    assert_eq!(aws["Description"], "Order events to the orders service");
    assert_eq!(wd.plan_exit_code(), 0);

    // Removing the description clears it in AWS (hashicorp/aws keeps it).
    wd.edit(
        "  description                      = \"Order events to the orders service\"\n",
        "",
    );
    wd.apply().ok();
    assert_eq!(sent_members(&emulator), ["Description", "Name"]);
    assert_eq!(
        emulator.requests("UpdateApiDestination").last().unwrap()["Description"],
        ""
    );
    let aws = described(&proxy, "us-east-1", NAME).expect("described");
    assert!(
        aws["Description"].as_str().unwrap_or_default().is_empty(),
        "description kept in AWS: {aws}"
    );
    assert_eq!(wd.plan_exit_code(), 0);

    // Without a rate, the plan shows AWS's default and sends it.
    wd.edit("  invocation_rate_limit_per_second = 50\n", "");
    let planned = wd.plan().ok();
    assert!(planned.stdout.contains("50 -> 300"), "{}", planned.stdout);
    wd.apply().ok();
    assert_eq!(
        described(&proxy, "us-east-1", NAME).unwrap()["InvocationRateLimitPerSecond"],
        300
    );
    assert_eq!(wd.plan_exit_code(), 0);

    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert_eq!(described(&proxy, "us-east-1", NAME), None);
    assert_eq!(proxy.calls("DeleteApiDestination"), 1);
    assert!(proxy.take_violations().is_empty());
}

#[test]
fn an_unset_rate_is_awss_default_in_another_region() {
    let Some((_emulator, proxy, wd)) = setup(REGION) else {
        return;
    };
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("invocation_rate_limit_per_second = 300"),
        "{}",
        planned.stdout
    );
    wd.apply().ok();
    let state = wd.attributes("eventbridge_api_destination.orders_eu");
    assert_eq!(state["region"], "eu-west-1");
    assert_eq!(state["invocation_rate_limit_per_second"], 300);
    assert!(state["arn"].as_str().unwrap().starts_with("arn:aws:events:eu-west-1:"));
    assert_eq!(
        described(&proxy, "eu-west-1", "orders-webhook-eu").unwrap()["InvocationRateLimitPerSecond"],
        300
    );
    assert_eq!(wd.plan_exit_code(), 0);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

/// After an import, every attribute equals what the create left.
#[test]
fn imports_by_name_region_and_arn_read_back_what_the_create_left() {
    // `state rm` drops the outputs too; only the resources are compared.
    let resources = RESOURCE.split("output \"").next().unwrap();
    let Some((_emulator, proxy, wd)) = setup(resources) else {
        return;
    };
    wd.apply().ok();
    let created = wd.attributes(ADDRESS);
    let arn = created["arn"].as_str().unwrap().to_string();
    for id in [NAME.to_string(), format!("{NAME}@us-east-1"), arn.clone()] {
        wd.run(&["state", "rm", "-no-color", ADDRESS]).ok();
        wd.run(&["import", "-input=false", "-no-color", ADDRESS, &id]).ok();
        assert_eq!(wd.attributes(ADDRESS), created, "imported with {id:?}");
        let after = wd.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
        assert_eq!(
            after.status_code, 0,
            "a plan after importing {id:?} changes nothing:\n{}",
            after.stdout
        );
    }

    // Another account's ARN, or no such destination: refused, nothing in state.
    wd.run(&["state", "rm", "-no-color", ADDRESS]).ok();
    let other = arn.replacen(":123456789012:", ":210987654321:", 1);
    assert_ne!(other, arn, "moto's account is 123456789012");
    let error = wd
        .run(&["import", "-input=false", "-no-color", ADDRESS, &other])
        .failed();
    assert!(
        error.contains("account 210987654321") && error.contains("account 123456789012"),
        "{error}"
    );
    let error = wd
        .run(&["import", "-input=false", "-no-color", ADDRESS, "no-such-webhook"])
        .failed();
    assert!(
        error.contains("API destination \"no-such-webhook\" does not exist in us-east-1"),
        "{error}"
    );
    let error = wd
        .run(&[
            "import",
            "-input=false",
            "-no-color",
            ADDRESS,
            "arn:aws:events:us-east-1:123456789012:connection/orders-api/x",
        ])
        .failed();
    assert!(error.contains("is not the ARN of an API destination"), "{error}");
    wd.run(&["import", "-input=false", "-no-color", ADDRESS, NAME]).ok();
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert!(proxy.take_violations().is_empty());
}

#[test]
fn deleted_outside_is_created_again_and_changed_outside_is_set_back() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    let (status, body) = proxy.call(
        "us-east-1",
        "UpdateApiDestination",
        json!({"Name": NAME, "InvocationEndpoint": "https://elsewhere.example.com/", "HttpMethod": "GET"}),
    );
    assert_eq!(status, 200, "{body}");
    let planned = wd.plan().ok();
    for shown in ["https://elsewhere.example.com/", "\"GET\" -> \"POST\"", "1 to change"] {
        assert!(planned.stdout.contains(shown), "{shown:?} not in:\n{}", planned.stdout);
    }
    wd.apply().ok();
    let aws = described(&proxy, "us-east-1", NAME).unwrap();
    assert_eq!(aws["InvocationEndpoint"], "https://orders.example.com/events/*");
    assert_eq!(aws["HttpMethod"], "POST");

    let (status, body) = proxy.call("us-east-1", "DeleteApiDestination", json!({"Name": NAME}));
    assert_eq!(status, 200, "{body}");
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("1 to add, 0 to change, 0 to destroy"),
        "{}",
        planned.stdout
    );
    wd.apply().ok();
    assert!(described(&proxy, "us-east-1", NAME).is_some());
    assert_eq!(wd.plan_exit_code(), 0);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn a_replaced_connection_is_followed_in_place_in_the_same_apply() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    wd.apply().ok();
    let old_arn = wd.attributes("eventbridge_connection.orders")["arn"].clone();
    let destination_arn = wd.attributes(ADDRESS)["arn"].clone();
    wd.edit(
        "name               = \"orders-api\"",
        "name               = \"orders-api-v2\"",
    );
    let planned = wd.plan().ok();
    assert!(
        planned.stdout.contains("1 to add, 1 to change, 1 to destroy"),
        "{}",
        planned.stdout
    );
    wd.apply().ok();
    let new_arn = wd.attributes("eventbridge_connection.orders")["arn"].clone();
    assert_ne!(new_arn, old_arn);
    let state = wd.attributes(ADDRESS);
    assert_eq!(state["connection_arn"], new_arn);
    assert_eq!(
        state["arn"], destination_arn,
        "the destination was updated, not replaced"
    );
    assert_eq!(described(&proxy, "us-east-1", NAME).unwrap()["ConnectionArn"], new_arn);
    assert_eq!(wd.plan_exit_code(), 0);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

/// Each bad value is refused at plan, at its attribute, before any call.
#[test]
fn bad_input_is_refused_at_plan_with_no_aws_call() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    let good = wd.read("main.tf");
    let long_endpoint = format!("https://orders.example.com/{}", "a".repeat(2048));
    let long_description = "d".repeat(513);
    let cases: Vec<(&str, String, &str)> = vec![
        ("http_method", "\"FETCH\"".into(), "Invalid HTTP method"),
        (
            "invocation_endpoint",
            "\"https://orders.example.com/a b\"".into(),
            "contains ' '",
        ),
        (
            "invocation_endpoint",
            "\"https://orders.example.com/<x>\"".into(),
            "contains '<'",
        ),
        (
            "invocation_endpoint",
            format!("\"{long_endpoint}\""),
            "AWS allows at most 2048",
        ),
        (
            "invocation_endpoint",
            "\"http://orders.example.com/events\"".into(),
            "HTTPS only",
        ),
        ("invocation_rate_limit_per_second", "0".into(), "at least 1"),
        ("invocation_rate_limit_per_second", "1.5".into(), "whole number"),
        (
            "connection_arn",
            "\"arn:aws:lambda:us-east-1:123456789012:function:orders\"".into(),
            "not of EventBridge",
        ),
        (
            "connection_arn",
            "\"arn:aws:events:eu-west-1:123456789012:connection/orders-api/0f1e2d3c-4b5a-6978\"".into(),
            "names a connection in eu-west-1, but this API destination is in us-east-1 (the provider's Region)",
        ),
        ("name", "\"orders webhook\"".into(), "Invalid API destination name"),
        ("name", format!("\"{}\"", "n".repeat(65)), "1 to 64 characters"),
        ("description", "\"line one\\nline two\"".into(), "a line break"),
        ("description", format!("\"{long_description}\""), "Description too long"),
    ];
    let resource_start = good.find("resource \"eventbridge_api_destination\"").unwrap();
    for (attribute, value, words) in cases {
        let (head, tail) = good.split_at(resource_start);
        let line_start = tail
            .find(&format!("\n  {attribute} "))
            .unwrap_or_else(|| panic!("{attribute} not in the example"))
            + 1;
        let line_end = line_start + tail[line_start..].find('\n').unwrap();
        let bad = format!(
            "{head}{}  {attribute} = {value}{}",
            &tail[..line_start],
            &tail[line_end..]
        );
        wd.write("main.tf", &bad);
        let error = wd.plan().failed();
        assert!(
            error.contains(words),
            "{attribute} = {value}: {words:?} not in: {error}"
        );
        assert!(error.contains("on main.tf line"), "{error}");
        assert!(error.contains(attribute), "not at {attribute}: {error}");
    }
    assert_eq!(destination_calls(&proxy), [], "no destination call for bad input");
    assert_eq!(proxy.calls("CreateConnection"), 0);
}

/// A value only known at apply is checked at apply, before the call.
#[test]
fn a_bad_value_known_only_at_apply_fails_before_any_call() {
    let unknown = RESOURCE.replace(
        "\"https://orders.example.com/events/*\"",
        "\"https://orders.example.com/${replace(eventbridge_connection.orders.arn, \":\", \" \")}\"",
    );
    let Some((_emulator, proxy, wd)) = setup(&unknown) else {
        return;
    };
    let error = wd.apply().failed();
    assert!(
        error.contains("Invalid invocation endpoint") && error.contains("contains ' '"),
        "{error}"
    );
    assert_eq!(proxy.calls("CreateApiDestination"), 0);
    // Now known, the value is refused by every plan, a destroy's too.
    wd.write("main.tf", &format!("{PROVIDER}\n{RESOURCE}"));
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn a_quota_fails_at_once_and_a_conflict_converges() {
    let Some((_emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    proxy.fail_always("CreateApiDestination", Fault::QuotaReached);
    let error = wd.apply().failed();
    assert_eq!(proxy.calls("CreateApiDestination"), 1, "a quota is never retried");
    for words in [
        "quota of EventBridge API destinations in us-east-1",
        "\"API destinations\", 3,000 by default",
        "--quota-code L-FB1C3A6D",
    ] {
        assert!(error.contains(words), "{words:?} missing from: {error}");
    }
    proxy.clear();
    wd.apply().ok();

    proxy.fail_next("UpdateApiDestination", Fault::Conflict, 2);
    wd.edit(
        "invocation_rate_limit_per_second = 20",
        "invocation_rate_limit_per_second = 21",
    );
    wd.apply().ok();
    assert_eq!(proxy.calls("UpdateApiDestination"), 3, "two conflicts, then the update");
    assert_eq!(
        described(&proxy, "us-east-1", NAME).unwrap()["InvocationRateLimitPerSecond"],
        21
    );

    // A denied update fails in one line and keeps the prior state.
    proxy.fail_always("UpdateApiDestination", Fault::Denied);
    wd.edit(
        "invocation_rate_limit_per_second = 21",
        "invocation_rate_limit_per_second = 22",
    );
    let error = wd.apply().failed();
    assert!(
        error.contains("AccessDeniedException") && error.contains("events:UpdateApiDestination"),
        "{error}"
    );
    assert_eq!(wd.attributes(ADDRESS)["invocation_rate_limit_per_second"], 21);
    proxy.clear();

    // Gone before the destroy: destroyed all the same.
    let (status, _) = proxy.call("us-east-1", "DeleteApiDestination", json!({"Name": NAME}));
    assert_eq!(status, 200);
    proxy.fail_always("DescribeApiDestination", Fault::Pass);
    wd.run(&[
        "destroy",
        "-auto-approve",
        "-refresh=false",
        "-input=false",
        "-no-color",
    ])
    .ok();
}

#[test]
fn the_data_source_reads_what_describe_says() {
    let lookup =
        "data \"eventbridge_api_destination\" \"found\" {\n  name = eventbridge_api_destination.orders.name\n}\n\
                  output \"found\" {\n  value = data.eventbridge_api_destination.found\n}\n";
    let Some((_emulator, _proxy, wd)) = setup(&format!("{RESOURCE}\n{lookup}")) else {
        return;
    };
    wd.apply().ok();
    let resource = wd.attributes(ADDRESS);
    let out = wd.run(&["output", "-json", "found"]).ok();
    let found: Json = serde_json::from_str(&out.stdout).expect("output JSON");
    for attribute in [
        "id",
        "arn",
        "arn_for_policy",
        "connection_arn",
        "description",
        "invocation_endpoint",
        "http_method",
        "invocation_rate_limit_per_second",
        "api_destination_state",
        "region",
    ] {
        assert_eq!(found[attribute], resource[attribute], "{attribute}");
    }
    for time in ["creation_time", "last_modified_time"] {
        let text = found[time].as_str().unwrap_or_else(|| panic!("{time}: {found}"));
        assert!(text.ends_with('Z') && text.contains('T'), "{time}: {text}");
    }

    wd.write(
        "main.tf",
        &format!("{PROVIDER}\ndata \"eventbridge_api_destination\" \"missing\" {{\n  name = \"no-such-webhook\"\n}}\n"),
    );
    let error = wd.plan().failed();
    assert!(
        error.contains("There is no EventBridge API destination \"no-such-webhook\" in us-east-1"),
        "{error}"
    );
    wd.write("main.tf", &format!("{PROVIDER}\n{RESOURCE}"));
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn a_connection_that_does_not_exist_fails_the_create_with_awss_words() {
    let missing =
        "resource \"eventbridge_api_destination\" \"orphan\" {\n  name                = \"orphan-webhook\"\n  \
                   connection_arn      = \"arn:aws:events:us-east-1:123456789012:connection/gone/0f1e2d3c\"\n  \
                   invocation_endpoint = \"https://orders.example.com/events\"\n  http_method         = \"POST\"\n}\n";
    let Some((emulator, proxy, wd)) = setup(missing) else {
        return;
    };
    let error = wd.apply().failed();
    for words in [
        "creating EventBridge API destination \"orphan-webhook\" in us-east-1",
        "ResourceNotFoundException",
        "Connection 'gone' does not exist",
    ] {
        assert!(error.contains(words), "{words:?} missing from: {error}");
    }
    assert_eq!(proxy.calls("CreateApiDestination"), 1);
    assert!(emulator.destination_names().is_empty());
    assert!(wd.state_json()["values"].is_null(), "nothing in state");
}

/// An API destination whose OAuth connection is still AUTHORIZING is
/// INACTIVE in every answer, as AWS answered (the proxy plays it; moto says
/// ACTIVE): the provider records what AWS says, with no error and no diff,
/// and follows it to ACTIVE once the connection is authorized.
#[test]
fn a_destination_on_an_oauth_connection_still_authorizing_is_inactive_without_a_diff() {
    let config = r#"
data "eventbridge_connection" "partner" {
  name = "partner-oauth"
}

resource "eventbridge_api_destination" "partner" {
  name                = "partner-webhook"
  description         = "first"
  connection_arn      = data.eventbridge_connection.partner.arn
  invocation_endpoint = "https://partner.example.com/events"
  http_method         = "POST"
}
"#;
    let Some((_emulator, proxy, wd)) = setup(config) else {
        return;
    };
    proxy.oauth_authorizing_for(usize::MAX);
    let oauth = json!({
        "Name": "partner-oauth",
        "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
        "AuthParameters": {"OAuthParameters": {
            "AuthorizationEndpoint": "https://auth.example.com/oauth2/token",
            "HttpMethod": "POST",
            "ClientParameters": {"ClientID": "partner-client", "ClientSecret": "partner-secret"},
        }},
    });
    let (status, created) = proxy.call("us-east-1", "CreateConnection", oauth.clone());
    assert_eq!(status, 200, "{created}");

    wd.apply().ok();
    let address = "eventbridge_api_destination.partner";
    assert_eq!(wd.attributes(address)["api_destination_state"], "INACTIVE");
    assert_eq!(wd.plan_exit_code(), 0, "no diff:\n{}", wd.plan().stdout);

    // An update answered INACTIVE, still no diff after it.
    wd.edit("\"first\"", "\"second\"");
    wd.apply().ok();
    assert_eq!(wd.attributes(address)["api_destination_state"], "INACTIVE");
    assert_eq!(
        described(&proxy, "us-east-1", "partner-webhook").expect("described")["Description"],
        "second"
    );
    assert_eq!(wd.plan_exit_code(), 0, "no diff:\n{}", wd.plan().stdout);

    // Authorized at last: the refresh follows AWS to ACTIVE, still no diff.
    proxy.oauth_authorizing_for(0);
    let (status, _) = proxy.call("us-east-1", "UpdateConnection", oauth);
    assert_eq!(status, 200);
    assert_eq!(wd.plan_exit_code(), 0, "no diff:\n{}", wd.plan().stdout);
    wd.run(&["apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"])
        .ok();
    assert_eq!(wd.attributes(address)["api_destination_state"], "ACTIVE");
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}
