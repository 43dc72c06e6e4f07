//! Tier 3 for eventbridge_target's protocol features that Terraform 1.0.3
//! never uses: its list resource (6.10, `terraform query`) by rule and by
//! target ARN on one bus and on every bus, its identity, and moves from
//! hashicorp/aws's `aws_cloudwatch_event_target` (6.5) in its v5 and v6
//! shapes, after which the next plan changes nothing.

use serde_json::json;
use support::fault_proxy::FaultProxy;
use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, value_of};
use terraform_provider_eventbridge::target::schema::schema as target_schema;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{encode_msgpack, object, Type, Value};
use tonic::transport::Channel;

const TYPE: &str = "eventbridge_target";
const DESTINATION: &str = "arn:aws:events:us-east-1:123456789012:api-destination/crm/0f1e2d3c";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:audit";

type Client = pb::provider_client::ProviderClient<Channel>;

fn ty() -> Type {
    target_schema().value_type()
}

fn identity_type() -> Type {
    Type::Object(
        ["event_bus_name", "rule", "target_id", "region"]
            .iter()
            .map(|k| (k.to_string(), Type::String))
            .collect(),
    )
}

async fn collect(
    client: &mut Client,
    rule: Option<&str>,
    target_arn: Option<&str>,
    bus: Option<&str>,
    include: bool,
) -> Vec<pb::list_resource::Event> {
    let keys = ["region", "rule", "target_arn", "event_bus_name"];
    let ty = Type::Object(keys.iter().map(|k| (k.to_string(), Type::String)).collect());
    let config = object([
        ("region", Value::Null),
        ("rule", Value::opt_string(rule)),
        ("target_arn", Value::opt_string(target_arn)),
        ("event_bus_name", Value::opt_string(bus)),
    ]);
    let req = pb::list_resource::Request {
        type_name: TYPE.into(),
        config: dv(&config, &ty),
        include_resource_object: include,
        limit: 1000,
    };
    support::protocol::list_events(client, req).await
}

/// The resource object of the one result of a listing.
fn object_of_listed(events: &[pb::list_resource::Event]) -> Value {
    value_of(events[0].resource_object.as_ref(), &ty())
}

/// "BUS/RULE/TARGET_ID" of each result, from its identity, sorted.
fn found(events: &[pb::list_resource::Event]) -> Vec<String> {
    let mut found: Vec<String> = events
        .iter()
        .filter_map(|e| e.identity.as_ref())
        .map(|id| {
            let v = value_of(id.identity_data.as_ref(), &identity_type());
            let s = |k: &str| v.attr(k).as_str().unwrap_or_default().to_string();
            format!("{}/{}/{}", s("event_bus_name"), s("rule"), s("target_id"))
        })
        .collect();
    found.sort();
    found
}

fn rule(proxy: &FaultProxy, name: &str, bus: &str) {
    let (status, body) = proxy.call(
        "us-east-1",
        "PutRule",
        json!({"Name": name, "EventBusName": bus, "EventPattern": "{\"source\":[\"shop\"]}"}),
    );
    assert_eq!(status, 200, "{body}");
}

fn target(proxy: &FaultProxy, rule: &str, bus: &str, id: &str, arn: &str) {
    let (status, body) = proxy.call(
        "us-east-1",
        "PutTargets",
        json!({"Rule": rule, "EventBusName": bus, "Targets": [{"Id": id, "Arn": arn,
            "RoleArn": "arn:aws:iam::123456789012:role/invoke",
            "HttpParameters": {"HeaderParameters": {"x-a": "b"}},
            "RetryPolicy": {"MaximumRetryAttempts": 3}}]}),
    );
    assert_eq!((status, &body["FailedEntryCount"]), (200, &json!(0)), "{body}");
}

#[tokio::test]
async fn the_list_finds_a_rules_targets_and_every_target_sending_to_an_arn() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let (_plugin, mut client) = support::protocol::configured(&proxy.endpoint).await;
    let (status, _) = proxy.call("us-east-1", "CreateEventBus", json!({"Name": "payments"}));
    assert_eq!(status, 200);
    rule(&proxy, "orders", "default");
    rule(&proxy, "refunds", "payments");
    target(&proxy, "orders", "default", "crm", DESTINATION);
    target(&proxy, "orders", "default", "audit", QUEUE);
    target(&proxy, "refunds", "payments", "crm-refunds", DESTINATION);

    let by_rule = collect(&mut client, Some("orders"), None, None, false).await;
    assert_eq!(found(&by_rule), ["default/orders/audit", "default/orders/crm"]);
    let by_arn = collect(&mut client, None, Some(DESTINATION), None, false).await;
    assert_eq!(found(&by_arn), ["default/orders/crm", "payments/refunds/crm-refunds"]);
    assert_eq!(proxy.calls("ListEventBuses"), 1);
    assert_eq!(proxy.calls("ListRuleNamesByTarget"), 2);
    let on_bus = collect(&mut client, None, Some(DESTINATION), Some("payments"), true).await;
    assert_eq!(found(&on_bus), ["payments/refunds/crm-refunds"]);
    let listed = object_of_listed(&on_bus);
    assert_eq!(listed.attr("id"), &Value::string("payments/refunds/crm-refunds"));
    assert_eq!(listed.attr("arn"), &Value::string(DESTINATION));
    assert_eq!(
        listed.attr("retry_policy").elements()[0].attr("maximum_retry_attempts"),
        &Value::int(3)
    );
    let text = describe_diagnostics(&on_bus.iter().flat_map(|e| e.diagnostic.clone()).collect::<Vec<_>>());
    assert_eq!(text, "");

    // Import by identity (Terraform 1.12+ sends no id): the same target.
    let identity = object([
        ("event_bus_name", Value::string("payments")),
        ("rule", Value::string("refunds")),
        ("target_id", Value::string("crm-refunds")),
        ("region", Value::Null),
    ]);
    let imported = client
        .import_resource_state(pb::import_resource_state::Request {
            type_name: TYPE.into(),
            id: String::new(),
            client_capabilities: None,
            identity: Some(pb::ResourceIdentityData {
                identity_data: Some(pb::DynamicValue {
                    msgpack: encode_msgpack(&identity, &identity_type()).unwrap(),
                    json: vec![],
                }),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&imported.diagnostics);
    let resource = &imported.imported_resources[0];
    assert_eq!(value_of(resource.state.as_ref(), &ty()), listed);
    let imported_identity = value_of(
        resource.identity.as_ref().and_then(|i| i.identity_data.as_ref()),
        &identity_type(),
    );
    assert_eq!(imported_identity.attr("region"), &Value::string("us-east-1"));

    // Neither filter: refused before any call.
    let calls = proxy.calls("ListTargetsByRule");
    let none = collect(&mut client, None, None, None, false).await;
    let text = describe_diagnostics(&none.iter().flat_map(|e| e.diagnostic.clone()).collect::<Vec<_>>());
    assert!(text.contains("Set rule"), "{text}");
    assert_eq!(proxy.calls("ListTargetsByRule"), calls);
}

/// hashicorp/aws's state: 5.x has no `region`; the id is
/// `BUS-RULE-TARGET_ID`; SDKv2 writes "" and 0 for what is unset.
fn aws_state(with_region: bool) -> String {
    let region = if with_region { r#""region":"us-east-1","# } else { "" };
    format!(
        r#"{{"arn":"{DESTINATION}","batch_target":[],"dead_letter_config":[],"ecs_target":[],
        "event_bus_name":"payments","force_destroy":false,
        "http_target":[{{"header_parameters":{{"x-a":"b"}},"path_parameter_values":[],"query_string_parameters":{{}}}}],
        "id":"payments-refunds-crm-refunds","input":"","input_path":"","input_transformer":[],"kinesis_target":[],
        "redshift_target":[],{region}"retry_policy":[{{"maximum_event_age_in_seconds":0,"maximum_retry_attempts":3}}],
        "role_arn":"arn:aws:iam::123456789012:role/invoke","rule":"refunds","run_command_targets":[],
        "sagemaker_pipeline_target":[],"sqs_target":[],"target_id":"crm-refunds"}}"#
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
    rule(&proxy, "refunds", "payments");
    target(&proxy, "refunds", "payments", "crm-refunds", DESTINATION);

    for with_region in [true, false] {
        let moved = client
            .move_resource_state(pb::move_resource_state::Request {
                source_provider_address: "registry.terraform.io/hashicorp/aws".into(),
                source_type_name: "aws_cloudwatch_event_target".into(),
                source_schema_version: 1,
                source_state: Some(pb::RawState {
                    json: aws_state(with_region).into_bytes(),
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
        assert_eq!(state.attr("id"), &Value::string("payments/refunds/crm-refunds"));
        assert_eq!(state.attr("input"), &Value::Null, "SDKv2's \"\" is unset");

        let without_computed = |refreshed: &Value| {
            let mut config = refreshed.clone();
            for computed in ["id", "region"] {
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
        assert_eq!(refreshed.attr("region"), &Value::string("us-east-1"));
        let identity = value_of(
            read.new_identity.as_ref().and_then(|i| i.identity_data.as_ref()),
            &identity_type(),
        );
        assert_eq!(identity.attr("target_id"), &Value::string("crm-refunds"));
    }
}
