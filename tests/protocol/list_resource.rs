//! Tier 3 for protocol 6.10's list resources (`terraform query`, which
//! needs Terraform 1.14): the built binary, spoken to as Terraform speaks
//! it, listing from the emulator behind the fault proxy, which filters and
//! pages ListConnections as AWS does (moto ignores NamePrefix,
//! ConnectionState, Limit and NextToken).

use std::time::Duration;

use support::emulator::Emulator;
use support::fault_proxy::{Fault, FaultProxy};
use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, value_of, Plugin};
use terraform_provider_eventbridge::connection::list::ConnectionList;
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{object, ListResource, Type, Value};
use tonic::transport::Channel;

const TYPE: &str = "eventbridge_connection";
const ACCOUNT: &str = "123456789012";

type Client = pb::provider_client::ProviderClient<Channel>;

fn config_type() -> Type {
    ConnectionList.schema().value_type()
}

fn identity_type() -> Type {
    terraform_provider_eventbridge::aws::regional::identity::schema(&terraform_provider_eventbridge::connection::KIND)
        .value_type()
}

/// The `config` block of a `list` block.
fn list_config(region: Option<&str>, prefix: Option<&str>, state: Option<&str>) -> Value {
    object([
        ("region", Value::opt_string(region)),
        ("name_prefix", Value::opt_string(prefix)),
        ("connection_state", Value::opt_string(state)),
    ])
}

fn request(config: &Value, include_resource: bool, limit: i64) -> pb::list_resource::Request {
    pb::list_resource::Request {
        type_name: TYPE.into(),
        config: dv(config, &config_type()),
        include_resource_object: include_resource,
        limit,
    }
}

async fn collect(client: &mut Client, req: pb::list_resource::Request) -> Vec<pb::list_resource::Event> {
    support::protocol::list_events(client, req).await
}

fn names(events: &[pb::list_resource::Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| e.identity.as_ref())
        .map(|id| {
            value_of(id.identity_data.as_ref(), &identity_type())
                .attr("name")
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn diagnostics(events: &[pb::list_resource::Event]) -> String {
    let all: Vec<pb::Diagnostic> = events.iter().flat_map(|e| e.diagnostic.clone()).collect();
    describe_diagnostics(&all)
}

/// Makes `name` in moto directly, as someone outside Terraform would.
fn create(emulator: &Emulator, region: &str, name: &str) {
    let (status, body) = emulator.call(
        region,
        "CreateConnection",
        serde_json::json!({"Name": name, "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k3y-value"}}}),
    );
    assert_eq!(status, 200, "{body}");
}

/// A configured provider listing from the emulator behind the proxy.
struct Setup {
    emulator: Emulator,
    proxy: FaultProxy,
    /// Kept for the life of the test: dropping it stops the provider.
    _plugin: Plugin,
    client: Client,
}

/// None (one line printed) when the emulator is not installed.
async fn setup() -> Option<Setup> {
    let emulator = support::emulator::start_or_skip()?;
    let proxy = FaultProxy::start(emulator.port);
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    support::protocol::configure(&mut client, &proxy.endpoint).await;
    Some(Setup {
        emulator,
        proxy,
        _plugin: plugin,
        client,
    })
}

#[tokio::test]
async fn metadata_and_schema_advertise_the_list_resource() {
    let plugin = Plugin::start().await;
    let metadata = plugin
        .provider()
        .get_metadata(pb::get_metadata::Request {})
        .await
        .unwrap()
        .into_inner();
    let mut listed: Vec<&str> = metadata.list_resources.iter().map(|l| l.type_name.as_str()).collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            "eventbridge_api_destination",
            TYPE,
            "eventbridge_rule",
            "eventbridge_target"
        ]
    );
    let schema = plugin.schema().await;
    let block = schema.list_resource_schemas[TYPE].block.clone().expect("a block");
    let attributes: Vec<(&str, bool)> = block
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.optional && !a.required && !a.computed))
        .collect();
    assert_eq!(
        attributes,
        [("region", true), ("name_prefix", true), ("connection_state", true)]
    );
    // Terraform needs the managed resource type of the same name to have
    // an identity schema.
    assert!(schema.resource_schemas.contains_key(TYPE));
    let identities = plugin
        .provider()
        .get_resource_identity_schemas(pb::get_resource_identity_schemas::Request {})
        .await
        .unwrap()
        .into_inner();
    assert!(identities.identity_schemas.contains_key(TYPE));
}

async fn validate(client: &mut Client, config: &Value, limit: Value) -> Vec<pb::Diagnostic> {
    client
        .validate_list_resource_config(pb::validate_list_resource_config::Request {
            type_name: TYPE.into(),
            config: dv(config, &config_type()),
            include_resource_object: dv(&Value::Bool(false), &Type::Bool),
            limit: dv(&limit, &Type::Number),
        })
        .await
        .unwrap()
        .into_inner()
        .diagnostics
}

#[tokio::test]
async fn the_list_configuration_is_validated_with_the_resources_rules() {
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    let good = list_config(Some("eu-west-1"), Some("crm-"), Some("AUTHORIZED"));
    assert_no_diagnostics(&validate(&mut client, &good, Value::int(100)).await);
    assert_no_diagnostics(&validate(&mut client, &list_config(None, None, None), Value::Null).await);
    let unknown = object([
        ("region", Value::Unknown),
        ("name_prefix", Value::Unknown),
        ("connection_state", Value::Unknown),
    ]);
    assert_no_diagnostics(&validate(&mut client, &unknown, Value::Unknown).await);

    let bad = list_config(Some("mars-1"), Some("crm api"), Some("SLEEPING"));
    let diags = validate(&mut client, &bad, Value::int(-1)).await;
    let text = describe_diagnostics(&diags);
    let paths: Vec<String> = diags
        .iter()
        .filter_map(|d| d.attribute.as_ref())
        .map(|p| format!("{p:?}"))
        .collect();
    assert_eq!(diags.len(), 4, "{text}");
    assert_eq!(
        paths.len(),
        3,
        "region, name_prefix and connection_state carry paths: {text}"
    );
    for needle in ["mars-1", "' '", "SLEEPING", "AUTHORIZED", "negative"] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
}

#[tokio::test]
async fn hundreds_of_connections_stream_across_pages_filtered_and_limited() {
    let Some(mut s) = setup().await else {
        return;
    };
    for i in 0..150 {
        create(&s.emulator, "us-east-1", &format!("crm-{i:03}"));
    }
    for i in 0..100 {
        create(&s.emulator, "us-east-1", &format!("erp-{i:03}"));
    }
    create(&s.emulator, "eu-west-1", "crm-ireland");
    s.proxy.list_page_size(30);

    let crm = collect(
        &mut s.client,
        request(&list_config(None, Some("crm-"), None), false, 1000),
    )
    .await;
    assert_eq!(diagnostics(&crm), "");
    let expected: Vec<String> = (0..150).map(|i| format!("crm-{i:03}")).collect();
    assert_eq!(names(&crm), expected, "every crm- connection, once, in order");
    assert_eq!(s.proxy.calls("ListConnections"), 5, "150 in pages of 30");
    let first = value_of(
        crm[0].identity.as_ref().unwrap().identity_data.as_ref(),
        &identity_type(),
    );
    assert_eq!(
        first,
        object([
            ("name", Value::string("crm-000")),
            ("region", Value::string("us-east-1")),
            ("account_id", Value::string(ACCOUNT)),
        ])
    );
    assert_eq!(crm[0].display_name, "crm-000");
    assert!(
        crm.iter().all(|e| e.resource_object.is_none()),
        "no object unless asked"
    );
    for sent in s.emulator.requests("ListConnections") {
        assert_eq!(sent["NamePrefix"], "crm-", "the filter goes to AWS: {sent}");
        assert!(sent["Limit"].as_u64().is_some_and(|l| (1..=100).contains(&l)), "{sent}");
    }

    let everything = collect(&mut s.client, request(&list_config(None, None, None), false, 1000)).await;
    assert_eq!(names(&everything).len(), 250);

    // The limit stops paging early: 40 = a page of 30, then one of 10.
    let before = s.proxy.calls("ListConnections");
    let limited = collect(&mut s.client, request(&list_config(None, None, None), false, 40)).await;
    assert_eq!(names(&limited).len(), 40);
    assert_eq!(s.proxy.calls("ListConnections") - before, 2);
    let last = s.emulator.requests("ListConnections").pop().unwrap();
    assert_eq!(last["Limit"], 10, "only what is still wanted");

    let ireland = collect(
        &mut s.client,
        request(&list_config(Some("eu-west-1"), None, None), false, 100),
    )
    .await;
    assert_eq!(names(&ireland), ["crm-ireland"]);
    let id = value_of(
        ireland[0].identity.as_ref().unwrap().identity_data.as_ref(),
        &identity_type(),
    );
    assert_eq!(id.attr("region"), &Value::string("eu-west-1"));

    // A limit below 1 wants nothing: no call at all.
    let before = s.proxy.calls("ListConnections");
    assert!(
        collect(&mut s.client, request(&list_config(None, None, None), false, 0))
            .await
            .is_empty()
    );
    assert_eq!(s.proxy.calls("ListConnections"), before);
}

#[tokio::test]
async fn the_state_filter_finds_a_deauthorized_connection() {
    let Some(mut s) = setup().await else {
        return;
    };
    for name in ["a-one", "a-two", "a-three"] {
        create(&s.emulator, "us-east-1", name);
    }
    let (status, body) = s.proxy.call(
        "us-east-1",
        "DeauthorizeConnection",
        serde_json::json!({"Name": "a-two"}),
    );
    assert_eq!(status, 200, "{body}");
    let found = collect(
        &mut s.client,
        request(&list_config(None, None, Some("DEAUTHORIZING")), false, 100),
    )
    .await;
    assert_eq!(names(&found), ["a-two"]);
    let authorized = collect(
        &mut s.client,
        request(&list_config(None, Some("a-"), Some("AUTHORIZED")), false, 100),
    )
    .await;
    assert_eq!(names(&authorized), ["a-one", "a-three"]);
}

#[tokio::test]
async fn with_include_resource_each_object_is_what_an_import_reads_without_secrets() {
    let Some(mut s) = setup().await else {
        return;
    };
    for name in ["inc-1", "inc-2", "inc-3"] {
        let (status, body) = s.proxy.call(
            "us-east-1",
            "CreateConnection",
            serde_json::json!({"Name": name, "AuthorizationType": "API_KEY", "Description": "found",
                "AuthParameters": {
                    "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k3y-secret"},
                    "InvocationHttpParameters": {"HeaderParameters": [
                        {"Key": "x-tenant", "Value": "acme", "IsValueSecret": false},
                        {"Key": "x-signing", "Value": "header-secret", "IsValueSecret": true}]}}}),
        );
        assert_eq!(status, 200, "{body}");
    }
    s.proxy.list_page_size(2);
    let events = collect(
        &mut s.client,
        request(&list_config(None, Some("inc-"), None), true, 100),
    )
    .await;
    assert_eq!(diagnostics(&events), "");
    assert_eq!(names(&events), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(s.proxy.calls("DescribeConnection"), 3, "one read per connection");
    let ty = connection_schema().value_type();
    for event in &events {
        let bytes = &event.resource_object.as_ref().expect("an object").msgpack;
        assert!(
            !contains(bytes, b"k3y-secret") && !contains(bytes, b"header-secret"),
            "no secret in a listed object"
        );
    }
    let listed = value_of(events[1].resource_object.as_ref(), &ty);
    assert_eq!(listed.attr("description"), &Value::string("found"));
    let auth = &listed.attr("auth_parameters").elements()[0];
    let api_key = &auth.attr("api_key").elements()[0];
    assert_eq!(api_key.attr("key"), &Value::string("x-api-key"));
    assert_eq!(api_key.attr("value"), &Value::Null);

    // The same as an import of it reads.
    let imported = s
        .client
        .import_resource_state(pb::import_resource_state::Request {
            type_name: TYPE.into(),
            id: "inc-2".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&imported.diagnostics);
    let imported = value_of(imported.imported_resources[0].state.as_ref(), &ty);
    assert_eq!(listed, imported);
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_an_error_after_what_was_found() {
    let Some(mut s) = setup().await else {
        return;
    };
    for i in 0..25 {
        create(&s.emulator, "us-east-1", &format!("page-{i:02}"));
    }
    s.proxy.list_page_size(10);
    s.proxy.fail_next("ListConnections", Fault::Pass, 1);
    s.proxy.fail_next("ListConnections", Fault::Denied, 1);
    let events = collect(&mut s.client, request(&list_config(None, None, None), false, 100)).await;
    assert_eq!(names(&events).len(), 10, "the first page arrived");
    let last = events.last().unwrap();
    assert!(last.identity.is_none());
    let text = describe_diagnostics(&last.diagnostic);
    assert!(
        text.contains("listing EventBridge connections in us-east-1") && text.contains("AccessDeniedException"),
        "{text}"
    );
    assert_eq!(s.proxy.calls("ListConnections"), 2, "not retried, not continued");
}

#[tokio::test]
async fn stop_provider_ends_a_listing_at_once() {
    let Some(mut s) = setup().await else {
        return;
    };
    create(&s.emulator, "us-east-1", "slow-1");
    s.proxy
        .fail_next("ListConnections", Fault::Slow(Duration::from_secs(30)), 1);
    let mut stopper = s.client.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = stopper.stop_provider(pb::stop_provider::Request {}).await;
    });
    let started = std::time::Instant::now();
    let events = collect(&mut s.client, request(&list_config(None, None, None), false, 100)).await;
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(diagnostics(&events).contains("Cancelled"), "{}", diagnostics(&events));
    assert!(names(&events).is_empty());
}

#[tokio::test]
async fn an_unknown_list_type_is_an_error_event_not_a_hang() {
    let Some(mut s) = setup().await else {
        return;
    };
    let mut req = request(&list_config(None, None, None), false, 10);
    req.type_name = "eventbridge_nothing".into();
    let events = collect(&mut s.client, req).await;
    assert_eq!(events.len(), 1);
    assert!(diagnostics(&events).contains("no list resource type \"eventbridge_nothing\""));
}
