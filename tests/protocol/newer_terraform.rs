//! Tier 3 for what Terraform 1.0.3 never sends: write-only attributes
//! (6.8), moves from hashicorp/aws (6.5), resource identity (6.9) and state
//! upgrades — spoken to the built binary exactly as a newer Terraform does.

use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, value_of, Plugin};
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{decode_json, encode_msgpack, Type, Value};

const TYPE: &str = "eventbridge_connection";

fn ty() -> Type {
    connection_schema().value_type()
}

fn value(json: &str) -> Value {
    decode_json(json.as_bytes(), &ty(), false).expect("JSON in the connection schema")
}

fn identity_type() -> Type {
    Type::Object(
        ["name", "region", "account_id"]
            .iter()
            .map(|k| (k.to_string(), Type::String))
            .collect(),
    )
}

async fn configured(plugin: &Plugin, endpoint: &str) -> pb::provider_client::ProviderClient<tonic::transport::Channel> {
    let mut client = plugin.provider();
    support::protocol::configure(&mut client, endpoint).await;
    client
}

const WRITE_ONLY_CONFIG: &str = r#"{"name":"wo-proto","authorization_type":"BASIC","secrets_wo_version":1,
    "auth_parameters":[{"api_key":[],"oauth":[],"connectivity_parameters":[],"invocation_http_parameters":[],
      "basic":[{"username":"u","password_wo":"pw-never-stored"}]}],
    "invocation_connectivity_parameters":[]}"#;

#[tokio::test]
async fn write_only_values_are_validated_by_capability_planned_null_and_never_stored() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let plugin = Plugin::start().await;
    let mut client = configured(&plugin, &emulator.endpoint).await;
    let config = value(WRITE_ONLY_CONFIG);

    let old = client
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: TYPE.into(),
            config: dv(&config, &ty()),
            client_capabilities: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert!(describe_diagnostics(&old.diagnostics).contains("Terraform 1.11 or later"));
    let new = client
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: TYPE.into(),
            config: dv(&config, &ty()),
            client_capabilities: Some(pb::ClientCapabilities {
                deferral_allowed: false,
                write_only_attributes_allowed: true,
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&new.diagnostics);

    let plan = client
        .plan_resource_change(pb::plan_resource_change::Request {
            type_name: TYPE.into(),
            prior_state: dv(&Value::Null, &ty()),
            proposed_new_state: dv(&config, &ty()),
            config: dv(&config, &ty()),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let planned_bytes = plan.planned_state.clone().unwrap().msgpack;
    assert!(!contains(&planned_bytes, b"pw-never-stored"), "secret in the plan");
    let applied = client
        .apply_resource_change(pb::apply_resource_change::Request {
            type_name: TYPE.into(),
            prior_state: dv(&Value::Null, &ty()),
            planned_state: plan.planned_state.clone(),
            config: dv(&config, &ty()),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&applied.diagnostics);
    assert!(
        !contains(&applied.new_state.clone().unwrap().msgpack, b"pw-never-stored"),
        "secret in the state"
    );
    let sent = emulator.requests("CreateConnection");
    assert_eq!(
        sent[0]["AuthParameters"]["BasicAuthParameters"]["Password"],
        "pw-never-stored"
    );
    // And the identity of what was created comes back with the state.
    let identity = value_of(applied.new_identity.unwrap().identity_data.as_ref(), &identity_type());
    assert_eq!(identity.attr("name"), &Value::string("wo-proto"));
    assert_eq!(identity.attr("account_id"), &Value::string("123456789012"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// hashicorp/aws state, as its schema writes it: every block set.
const AWS_STATE_EVERY_BLOCK: &str = r#"{
  "arn": "arn:aws:events:us-east-1:123456789012:connection/partner/9a1b",
  "auth_parameters": [{
    "api_key": [], "basic": [],
    "connectivity_parameters": [{"resource_parameters": [{
      "resource_association_arn": "arn:aws:vpc-lattice:us-east-1:123456789012:servicenetworkresourceassociation/snra-1",
      "resource_configuration_arn": "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0"}]}],
    "invocation_http_parameters": [{
      "body": [{"is_value_secret": false, "key": "source", "value": "eventbridge"}],
      "header": [{"is_value_secret": true, "key": "x-signing", "value": "kept-secret"}],
      "query_string": []}],
    "oauth": [{
      "authorization_endpoint": "https://auth.example.com/token",
      "client_parameters": [{"client_id": "partner", "client_secret": "client-secret-kept"}],
      "http_method": "POST",
      "oauth_http_parameters": [{"body": [{"is_value_secret": false, "key": "scope", "value": "events"}],
        "header": [], "query_string": [{"is_value_secret": false, "key": "aud", "value": ""}]}]}]}],
  "authorization_type": "OAUTH_CLIENT_CREDENTIALS",
  "description": "",
  "id": "partner",
  "invocation_connectivity_parameters": [{"resource_parameters": [{
    "resource_association_arn": "",
    "resource_configuration_arn": "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0fedcba9876543210"}]}],
  "kms_key_identifier": "alias/eventbridge",
  "name": "partner",
  "region": "eu-west-1",
  "secret_arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/partner/9a1b-AbCdEf"
}"#;

/// An older hashicorp/aws (5.x) state: no region, no connectivity blocks.
const AWS_STATE_V5: &str = r#"{"arn":"arn:aws:events:us-east-1:123456789012:connection/crm/1",
  "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"key-kept"}],"basic":[],"invocation_http_parameters":[],"oauth":[]}],
  "authorization_type":"API_KEY","description":"CRM","id":"crm","name":"crm",
  "secret_arn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/crm/1-x"}"#;

async fn move_from(
    client: &mut pb::provider_client::ProviderClient<tonic::transport::Channel>,
    provider: &str,
    type_name: &str,
    json: &str,
) -> pb::move_resource_state::Response {
    support::protocol::move_state(client, provider, type_name, json, TYPE).await
}

#[tokio::test]
async fn moves_from_hashicorp_aws_keep_every_block_and_the_secrets() {
    let plugin = Plugin::start().await;
    let schema = plugin.schema().await;
    assert!(schema.server_capabilities.unwrap().move_resource_state);
    let mut client = plugin.provider();

    let moved = move_from(
        &mut client,
        "registry.terraform.io/hashicorp/aws",
        "aws_cloudwatch_event_connection",
        AWS_STATE_EVERY_BLOCK,
    )
    .await;
    assert_no_diagnostics(&moved.diagnostics);
    let state = value_of(moved.target_state.as_ref(), &ty());
    assert_eq!(state.attr("name"), &Value::string("partner"));
    assert_eq!(state.attr("region"), &Value::string("eu-west-1"));
    assert_eq!(
        state.attr("description"),
        &Value::Null,
        "SDKv2 empty strings become null"
    );
    assert_eq!(state.attr("kms_key_identifier"), &Value::string("alias/eventbridge"));
    let auth = &state.attr("auth_parameters").elements()[0];
    let oauth = &auth.attr("oauth").elements()[0];
    assert_eq!(
        oauth.attr("client_parameters").elements()[0].attr("client_secret"),
        &Value::string("client-secret-kept")
    );
    let header = &auth.attr("invocation_http_parameters").elements()[0]
        .attr("header")
        .elements()[0];
    assert_eq!(header.attr("value"), &Value::string("kept-secret"));
    assert_eq!(header.attr("is_value_secret"), &Value::Bool(true));
    let connectivity = &auth.attr("connectivity_parameters").elements()[0]
        .attr("resource_parameters")
        .elements()[0];
    assert!(connectivity
        .attr("resource_association_arn")
        .as_str()
        .unwrap()
        .contains("snra-1"));
    let invocation = &state.attr("invocation_connectivity_parameters").elements()[0]
        .attr("resource_parameters")
        .elements()[0];
    assert_eq!(invocation.attr("resource_association_arn"), &Value::Null);

    let v5 = move_from(
        &mut client,
        "registry.terraform.io/hashicorp/aws",
        "aws_cloudwatch_event_connection",
        AWS_STATE_V5,
    )
    .await;
    assert_no_diagnostics(&v5.diagnostics);
    let state = value_of(v5.target_state.as_ref(), &ty());
    assert_eq!(
        state.attr("region"),
        &Value::Null,
        "filled in from the provider at the next refresh"
    );
    assert_eq!(
        state.attr("auth_parameters").elements()[0].attr("api_key").elements()[0].attr("value"),
        &Value::string("key-kept")
    );
}

#[tokio::test]
async fn moves_from_anything_else_are_refused_clearly() {
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    for (provider, type_name) in [
        ("registry.terraform.io/hashicorp/aws", "aws_cloudwatch_event_rule"),
        (
            "registry.terraform.io/hashicorp/awscc",
            "aws_cloudwatch_event_connection",
        ),
    ] {
        let resp = move_from(&mut client, provider, type_name, AWS_STATE_V5).await;
        assert!(resp.target_state.is_none());
        let text = describe_diagnostics(&resp.diagnostics);
        assert!(text.contains("Unsupported move") && text.contains(type_name), "{text}");
    }
    let garbage = move_from(
        &mut client,
        "registry.terraform.io/hashicorp/aws",
        "aws_cloudwatch_event_connection",
        "{not json",
    )
    .await;
    assert!(describe_diagnostics(&garbage.diagnostics).contains("Invalid source state"));
}

#[tokio::test]
async fn identity_schema_import_by_identity_and_identity_upgrade() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let plugin = Plugin::start().await;
    let mut client = configured(&plugin, &emulator.endpoint).await;
    let schemas = client
        .get_resource_identity_schemas(pb::get_resource_identity_schemas::Request {})
        .await
        .unwrap()
        .into_inner();
    let attrs: Vec<(String, bool)> = schemas.identity_schemas[TYPE]
        .identity_attributes
        .iter()
        .map(|a| (a.name.clone(), a.required_for_import))
        .collect();
    assert_eq!(
        attrs,
        [
            ("name".into(), true),
            ("region".into(), false),
            ("account_id".into(), false)
        ]
    );

    let (status, body) = emulator.call(
        "eu-west-1",
        "CreateConnection",
        serde_json::json!({"Name": "by-identity", "AuthorizationType": "BASIC",
            "AuthParameters": {"BasicAuthParameters": {"Username": "u", "Password": "p"}}}),
    );
    assert_eq!(status, 200, "{body}");
    let identity = terraform_provider_eventbridge::tfplugin::object([
        ("name", Value::string("by-identity")),
        ("region", Value::string("eu-west-1")),
        ("account_id", Value::Null),
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
    let state = value_of(resource.state.as_ref(), &ty());
    assert_eq!(state.attr("region"), &Value::string("eu-west-1"));
    let got = value_of(
        resource.identity.as_ref().unwrap().identity_data.as_ref(),
        &identity_type(),
    );
    assert_eq!(got.attr("account_id"), &Value::string("123456789012"));

    let upgraded = client
        .upgrade_resource_identity(pb::upgrade_resource_identity::Request {
            type_name: TYPE.into(),
            version: 0,
            raw_identity: br#"{"name":"by-identity","region":"eu-west-1","account_id":"123456789012"}"#.to_vec(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(upgraded.diagnostics.is_empty());
    assert_eq!(
        value_of(
            upgraded.upgraded_identity.unwrap().identity_data.as_ref(),
            &identity_type()
        ),
        got
    );
}

/// A state as release 0.1.0 of this provider wrote it before write-only
/// arguments existed: no `*_wo`, no `secrets_wo_version`.
const STATE_WITHOUT_LATER_ATTRIBUTES: &str = r#"{"id":"crm","name":"crm","description":"CRM","authorization_type":"API_KEY",
  "region":"us-east-1","arn":"arn:aws:events:us-east-1:123456789012:connection/crm/1","secret_arn":"arn:s",
  "connection_state":"AUTHORIZED","state_reason":null,"kms_key_identifier":null,"timeouts":null,
  "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"v"}],"basic":[],"oauth":[],"connectivity_parameters":[],
    "invocation_http_parameters":[{"body":[],"query_string":[],"header":[{"key":"h","value":"1","is_value_secret":false}]}]}],
  "invocation_connectivity_parameters":[]}"#;

#[tokio::test]
async fn states_written_before_later_attributes_upgrade_without_a_diff() {
    let plugin = Plugin::start().await;
    let mut client = configured(&plugin, "http://127.0.0.1:9").await;
    let upgraded = client
        .upgrade_resource_state(pb::upgrade_resource_state::Request {
            type_name: TYPE.into(),
            version: 0,
            raw_state: Some(pb::RawState {
                json: STATE_WITHOUT_LATER_ATTRIBUTES.as_bytes().to_vec(),
                flatmap: Default::default(),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&upgraded.diagnostics);
    let prior = value_of(upgraded.upgraded_state.as_ref(), &ty());
    assert_eq!(prior.attr("secrets_wo_version"), &Value::Null);

    // The same configuration as then: the plan is the prior state exactly.
    let config = value(
        r#"{"name":"crm","description":"CRM","authorization_type":"API_KEY",
        "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"v"}],"basic":[],"oauth":[],"connectivity_parameters":[],
          "invocation_http_parameters":[{"body":[],"query_string":[],"header":[{"key":"h","value":"1"}]}]}],
        "invocation_connectivity_parameters":[]}"#,
    );
    let mut proposed = config.clone();
    for name in ["id", "region", "arn", "secret_arn", "connection_state", "state_reason"] {
        *proposed.attr_mut(name).unwrap() = prior.attr(name).clone();
    }
    let header = |v: &mut Value| -> Option<()> {
        let Value::List(auth) = v.attr_mut("auth_parameters")? else {
            return None;
        };
        let Value::List(inv) = auth[0].attr_mut("invocation_http_parameters")? else {
            return None;
        };
        let Value::List(headers) = inv[0].attr_mut("header")? else {
            return None;
        };
        *headers[0].attr_mut("is_value_secret")? = Value::Bool(false);
        Some(())
    };
    header(&mut proposed);
    let plan = client
        .plan_resource_change(pb::plan_resource_change::Request {
            type_name: TYPE.into(),
            prior_state: upgraded.upgraded_state.clone(),
            proposed_new_state: dv(&proposed, &ty()),
            config: dv(&config, &ty()),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(plan.requires_replace.is_empty());
    assert_eq!(value_of(plan.planned_state.as_ref(), &ty()), prior);
    let planned_identity = value_of(plan.planned_identity.unwrap().identity_data.as_ref(), &identity_type());
    assert_eq!(planned_identity.attr("name"), &Value::string("crm"));

    // A version this provider never wrote is refused, not guessed at.
    let future = client
        .upgrade_resource_state(pb::upgrade_resource_state::Request {
            type_name: TYPE.into(),
            version: 7,
            raw_state: Some(pb::RawState {
                json: b"{}".to_vec(),
                flatmap: Default::default(),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(describe_diagnostics(&future.diagnostics).contains("schema version 7"));
}
