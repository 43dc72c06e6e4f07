//! Tier 3 for eventbridge_rule's protocol features that Terraform 1.0.3
//! never uses: its list resource (6.10, `terraform query`) on one bus and on
//! every bus, from the emulator behind the fault proxy, and moves from
//! hashicorp/aws's `aws_cloudwatch_event_rule` (6.5) in its v5 and v6
//! shapes, after which the next plan changes nothing.

use serde_json::json;
use support::fault_proxy::FaultProxy;
use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, value_of};
use terraform_provider_eventbridge::aws::regional::identity;
use terraform_provider_eventbridge::rule::schema::schema as rule_schema;
use terraform_provider_eventbridge::rule::KIND;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{object, Type, Value};
use tonic::transport::Channel;

const TYPE: &str = "eventbridge_rule";

type Client = pb::provider_client::ProviderClient<Channel>;

fn ty() -> Type {
    rule_schema().value_type()
}

fn list_config(prefix: Option<&str>, bus: Option<&str>) -> (Value, Type) {
    let ty = Type::Object(
        ["region", "name_prefix", "event_bus_name"]
            .iter()
            .map(|k| (k.to_string(), Type::String))
            .collect(),
    );
    let value = object([
        ("region", Value::Null),
        ("name_prefix", Value::opt_string(prefix)),
        ("event_bus_name", Value::opt_string(bus)),
    ]);
    (value, ty)
}

async fn collect(
    client: &mut Client,
    prefix: Option<&str>,
    bus: Option<&str>,
    include: bool,
) -> Vec<pb::list_resource::Event> {
    let (config, ty) = list_config(prefix, bus);
    let req = pb::list_resource::Request {
        type_name: TYPE.into(),
        config: dv(&config, &ty),
        include_resource_object: include,
        limit: 1000,
    };
    support::protocol::list_events(client, req).await
}

/// (bus, name) of each result, from its identity.
fn found(events: &[pb::list_resource::Event]) -> Vec<(String, String)> {
    let identity_type = identity::schema(&KIND).value_type();
    events
        .iter()
        .filter_map(|e| e.identity.as_ref())
        .map(|id| {
            let v = value_of(id.identity_data.as_ref(), &identity_type);
            let s = |k: &str| v.attr(k).as_str().unwrap_or_default().to_string();
            (s("event_bus_name"), s("name"))
        })
        .collect()
}

fn rule(proxy: &FaultProxy, name: &str, bus: &str) -> String {
    let (status, body) = proxy.call(
        "us-east-1",
        "PutRule",
        json!({"Name": name, "EventBusName": bus, "EventPattern": "{\"source\":[\"shop\"]}",
            "Tags": [{"Key": "team", "Value": "orders"}]}),
    );
    assert_eq!(status, 200, "{body}");
    body["RuleArn"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_list_filters_by_prefix_and_bus_and_walks_every_bus_without_one() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let (_plugin, mut client) = support::protocol::configured(&proxy.endpoint).await;
    let (status, _) = proxy.call("us-east-1", "CreateEventBus", json!({"Name": "payments"}));
    assert_eq!(status, 200);
    for i in 0..3 {
        rule(&proxy, &format!("orders-{i}"), "default");
        rule(&proxy, &format!("orders-pay-{i}"), "payments");
    }
    rule(&proxy, "audit", "payments");

    let pair = |bus: &str, name: &str| (bus.to_string(), name.to_string());
    let every_bus = collect(&mut client, Some("orders-"), None, false).await;
    let mut listed = found(&every_bus);
    listed.sort();
    assert_eq!(
        listed,
        [
            pair("default", "orders-0"),
            pair("default", "orders-1"),
            pair("default", "orders-2"),
            pair("payments", "orders-pay-0"),
            pair("payments", "orders-pay-1"),
            pair("payments", "orders-pay-2"),
        ]
    );
    assert_eq!(proxy.calls("ListEventBuses"), 1);
    let on_bus = collect(&mut client, None, Some("payments"), false).await;
    assert_eq!(found(&on_bus).len(), 4);

    let described = collect(&mut client, Some("audit"), Some("payments"), true).await;
    assert_eq!(found(&described), [pair("payments", "audit")]);
    let object = value_of(described[0].resource_object.as_ref(), &ty());
    assert_eq!(object.attr("id"), &Value::string("payments/audit"));
    assert_eq!(object.attr("event_bus_name"), &Value::string("payments"));
    assert_eq!(object.attr("state"), &Value::string("ENABLED"));
    assert!(matches!(object.attr("tags_all"), Value::Map(m) if m.len() == 1));
    let text = describe_diagnostics(&described.iter().flat_map(|e| e.diagnostic.clone()).collect::<Vec<_>>());
    assert_eq!(text, "");
}

/// hashicorp/aws's state: 5.x has no `region`; the id is `BUS/NAME` with
/// the bus as written (here its ARN).
fn aws_state(arn: &str, bus: &str, with_region: bool) -> String {
    let region = if with_region { r#""region":"us-east-1","# } else { "" };
    format!(
        r#"{{"arn":"{arn}","description":"","event_bus_name":"{bus}","event_pattern":"{{\"source\":[\"shop\"]}}",
        "force_destroy":false,"id":"{bus}/moved-rule","is_enabled":true,"name":"moved-rule","name_prefix":"",
        "role_arn":"","schedule_expression":"","state":"ENABLED",{region}"tags":{{"team":"orders"}},
        "tags_all":{{"team":"orders"}}}}"#
    )
}

#[tokio::test]
async fn a_move_from_hashicorp_aws_v5_and_v6_then_plans_no_change() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let (_plugin, mut client) = support::protocol::configured(&proxy.endpoint).await;
    proxy.call("us-east-1", "CreateEventBus", json!({"Name": "payments"}));
    let arn = rule(&proxy, "moved-rule", "payments");
    let bus_arn = "arn:aws:events:us-east-1:123456789012:event-bus/payments";

    for with_region in [true, false] {
        let moved = client
            .move_resource_state(pb::move_resource_state::Request {
                source_provider_address: "registry.terraform.io/hashicorp/aws".into(),
                source_type_name: "aws_cloudwatch_event_rule".into(),
                source_schema_version: 1,
                source_state: Some(pb::RawState {
                    json: aws_state(&arn, bus_arn, with_region).into_bytes(),
                    flatmap: Default::default(),
                }),
                target_type_name: TYPE.into(),
                ..Default::default()
            })
            .await
            .unwrap()
            .into_inner();
        assert_no_diagnostics(&moved.diagnostics);
        let state = value_of(moved.target_state.as_ref(), &ty());
        assert_eq!(state.attr("id"), &Value::string("payments/moved-rule"));
        assert_eq!(state.attr("description"), &Value::Null, "SDKv2's \"\" is unset");
        assert_eq!(state.attr("schedule_expression"), &Value::Null);

        let without_computed = |refreshed: &Value| {
            let mut config = refreshed.clone();
            for computed in ["id", "tags_all", "arn", "state", "is_enabled", "region"] {
                *config.attr_mut(computed).unwrap() = Value::Null;
            }
            config
        };
        let read = support::protocol::refreshed_and_planned_without_change(
            &mut client,
            TYPE,
            moved.target_state.clone(),
            &ty(),
            without_computed,
        )
        .await;
        let refreshed = value_of(read.new_state.as_ref(), &ty());
        assert_eq!(
            refreshed.attr("event_bus_name"),
            &Value::string(bus_arn),
            "kept as written"
        );
        assert_eq!(refreshed.attr("region"), &Value::string("us-east-1"));
    }

    let refused = support::protocol::move_state(
        &mut client,
        "registry.terraform.io/hashicorp/aws",
        "aws_cloudwatch_event_target",
        "{}",
        TYPE,
    )
    .await;
    assert!(describe_diagnostics(&refused.diagnostics).contains("Unsupported move"));
}
