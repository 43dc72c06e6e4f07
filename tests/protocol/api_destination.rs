//! Tier 3 for eventbridge_api_destination's protocol features that
//! Terraform 1.0.3 never uses: its list resource (6.10, `terraform query`),
//! listing from the emulator behind the fault proxy, which filters and
//! pages ListApiDestinations as AWS does (moto ignores NamePrefix,
//! ConnectionArn, Limit and NextToken), and moves from hashicorp/aws (6.5)
//! after which the next plan changes nothing.

use serde_json::json;
use support::fault_proxy::FaultProxy;
use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, value_of, Plugin};
use terraform_provider_eventbridge::api_destination::schema::schema as destination_schema;
use terraform_provider_eventbridge::api_destination::KIND;
use terraform_provider_eventbridge::aws::regional::identity;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{object, Type, Value};
use tonic::transport::Channel;

const TYPE: &str = "eventbridge_api_destination";

type Client = pb::provider_client::ProviderClient<Channel>;

fn ty() -> Type {
    destination_schema().value_type()
}

fn list_config_type() -> Type {
    Type::Object(
        ["region", "name_prefix", "connection_arn"]
            .iter()
            .map(|k| (k.to_string(), Type::String))
            .collect(),
    )
}

fn list_config(prefix: Option<&str>, connection_arn: Option<&str>) -> Value {
    object([
        ("region", Value::Null),
        ("name_prefix", Value::opt_string(prefix)),
        ("connection_arn", Value::opt_string(connection_arn)),
    ])
}

async fn collect(
    client: &mut Client,
    config: &Value,
    include_resource: bool,
    limit: i64,
) -> Vec<pb::list_resource::Event> {
    let req = pb::list_resource::Request {
        type_name: TYPE.into(),
        config: dv(config, &list_config_type()),
        include_resource_object: include_resource,
        limit,
    };
    support::protocol::list_events(client, req).await
}

/// MoveResourceState from hashicorp/aws's `source_type` with state `json`.
async fn move_from(client: &mut Client, source_type: &str, json: &str) -> pb::move_resource_state::Response {
    support::protocol::move_state(client, "registry.terraform.io/hashicorp/aws", source_type, json, TYPE).await
}

fn names(events: &[pb::list_resource::Event]) -> Vec<String> {
    let identity_type = identity::schema(&KIND).value_type();
    events
        .iter()
        .filter_map(|e| e.identity.as_ref())
        .map(|id| {
            value_of(id.identity_data.as_ref(), &identity_type)
                .attr("name")
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// A connection made outside Terraform; its ARN.
fn connection(proxy: &FaultProxy, name: &str) -> String {
    let (status, body) = proxy.call(
        "us-east-1",
        "CreateConnection",
        json!({"Name": name, "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k3y-value"}}}),
    );
    assert_eq!(status, 200, "{body}");
    body["ConnectionArn"].as_str().unwrap().to_string()
}

fn destination(proxy: &FaultProxy, name: &str, connection_arn: &str) {
    let (status, body) = proxy.call(
        "us-east-1",
        "CreateApiDestination",
        json!({"Name": name, "ConnectionArn": connection_arn,
            "InvocationEndpoint": "https://orders.example.com/events", "HttpMethod": "POST"}),
    );
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_list_filters_by_prefix_and_connection_pages_and_describes() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let (_plugin, mut client) = support::protocol::configured(&proxy.endpoint).await;
    let crm = connection(&proxy, "crm-api");
    let erp = connection(&proxy, "erp-api");
    for i in 0..45 {
        destination(&proxy, &format!("crm-hook-{i:02}"), &crm);
    }
    for i in 0..20 {
        destination(&proxy, &format!("erp-hook-{i:02}"), &erp);
    }
    destination(&proxy, "crm-odd-one", &erp);
    proxy.list_page_size(10);

    let by_prefix = collect(&mut client, &list_config(Some("crm-hook-"), None), false, 1000).await;
    let expected: Vec<String> = (0..45).map(|i| format!("crm-hook-{i:02}")).collect();
    assert_eq!(names(&by_prefix), expected);
    assert!(by_prefix.iter().all(|e| e.resource_object.is_none()));

    let by_connection = collect(&mut client, &list_config(Some("crm-"), Some(&erp)), false, 1000).await;
    assert_eq!(names(&by_connection), ["crm-odd-one"]);

    let before = proxy.calls("ListApiDestinations");
    let limited = collect(&mut client, &list_config(None, None), false, 25).await;
    assert_eq!(names(&limited).len(), 25);
    assert_eq!(proxy.calls("ListApiDestinations") - before, 3, "pages of 10, 10 and 5");

    let described = collect(&mut client, &list_config(Some("erp-hook-0"), None), true, 1000).await;
    assert_eq!(names(&described).len(), 10);
    let object = value_of(described[0].resource_object.as_ref(), &ty());
    assert_eq!(object.attr("name"), &Value::string("erp-hook-00"));
    assert_eq!(object.attr("connection_arn"), &Value::string(&erp));
    assert_eq!(object.attr("invocation_rate_limit_per_second"), &Value::int(300));
    assert_eq!(object.attr("region"), &Value::string("us-east-1"));
    assert!(object
        .attr("arn_for_policy")
        .as_str()
        .unwrap()
        .ends_with(":api-destination/erp-hook-00"));
    let text = describe_diagnostics(&described.iter().flat_map(|e| e.diagnostic.clone()).collect::<Vec<_>>());
    assert_eq!(text, "");
}

#[tokio::test]
async fn the_list_configuration_is_checked_with_the_resources_rules() {
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    let bad = object([
        ("region", Value::string("mars-1")),
        ("name_prefix", Value::string("crm hooks")),
        (
            "connection_arn",
            Value::string("arn:aws:lambda:us-east-1:123456789012:function:x"),
        ),
    ]);
    let diags = client
        .validate_list_resource_config(pb::validate_list_resource_config::Request {
            type_name: TYPE.into(),
            config: dv(&bad, &list_config_type()),
            include_resource_object: dv(&Value::Bool(false), &Type::Bool),
            limit: dv(&Value::int(10), &Type::Number),
        })
        .await
        .unwrap()
        .into_inner()
        .diagnostics;
    let text = describe_diagnostics(&diags);
    assert_eq!(diags.len(), 3, "{text}");
    for needle in ["mars-1", "' '", "not of EventBridge"] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
}

/// hashicorp/aws v6 and v5 (no `region`) states of
/// `aws_cloudwatch_event_api_destination`.
fn aws_state(arn: &str, connection_arn: &str, with_region: bool) -> String {
    let region = if with_region { r#""region":"us-east-1","# } else { "" };
    format!(
        r#"{{"arn":"{arn}","connection_arn":"{connection_arn}","description":"","http_method":"POST",
        "id":"moved-hook","invocation_endpoint":"https://orders.example.com/events",
        "invocation_rate_limit_per_second":300,"name":"moved-hook",{region}"tags":null}}"#
    )
}

#[tokio::test]
async fn a_move_from_hashicorp_aws_then_plans_no_change() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let (_plugin, mut client) = support::protocol::configured(&proxy.endpoint).await;
    let connection_arn = connection(&proxy, "moved-api");
    destination(&proxy, "moved-hook", &connection_arn);
    let (_, aws) = proxy.call("us-east-1", "DescribeApiDestination", json!({"Name": "moved-hook"}));
    let arn = aws["ApiDestinationArn"].as_str().unwrap().to_string();

    for with_region in [true, false] {
        let aws_json = aws_state(&arn, &connection_arn, with_region);
        let moved = move_from(&mut client, "aws_cloudwatch_event_api_destination", &aws_json).await;
        assert_no_diagnostics(&moved.diagnostics);
        let state = value_of(moved.target_state.as_ref(), &ty());
        assert_eq!(state.attr("description"), &Value::Null, "SDKv2's \"\" is unset");
        assert_eq!(state.attr("name"), &Value::string("moved-hook"));

        // Terraform refreshes, then plans with the same arguments.
        let config = object([
            ("id", Value::Null),
            ("name", Value::string("moved-hook")),
            ("description", Value::Null),
            ("connection_arn", Value::string(&connection_arn)),
            (
                "invocation_endpoint",
                Value::string("https://orders.example.com/events"),
            ),
            ("http_method", Value::string("POST")),
            ("invocation_rate_limit_per_second", Value::Null),
            ("region", Value::Null),
            ("arn", Value::Null),
            ("arn_for_policy", Value::Null),
            ("api_destination_state", Value::Null),
        ]);
        let read = support::protocol::refreshed_and_planned_without_change(
            &mut client,
            TYPE,
            moved.target_state.clone(),
            &ty(),
            |_| config,
        )
        .await;
        let refreshed = value_of(read.new_state.as_ref(), &ty());
        assert_eq!(refreshed.attr("region"), &Value::string("us-east-1"));
        assert_eq!(refreshed.attr("api_destination_state"), &Value::string("ACTIVE"));
    }

    let refused = move_from(&mut client, "aws_cloudwatch_event_connection", "{}").await;
    let text = describe_diagnostics(&refused.diagnostics);
    assert!(
        text.contains("Unsupported move") && text.contains("aws_cloudwatch_event_api_destination"),
        "{text}"
    );
}
