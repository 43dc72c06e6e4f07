//! Tier 2 for secrets that follow outside changes: what the emulator cannot
//! show, with canned SDK responses fed to the resource — the times AWS
//! reports after a write, after an outside change, after an OAuth token
//! refresh; a connection deauthorized by its own apply; a state written
//! before the record existed; a refresh that fails.

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_eventbridge::operation::create_connection::CreateConnectionOutput;
use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::operation::update_connection::UpdateConnectionOutput;
use aws_sdk_eventbridge::types::{
    ConnectionApiKeyAuthResponseParameters, ConnectionAuthResponseParameters, ConnectionAuthorizationType,
    ConnectionBodyParameter, ConnectionHttpParameters, ConnectionOAuthClientResponseParameters,
    ConnectionOAuthHttpMethod, ConnectionOAuthResponseParameters, ConnectionState,
};
use aws_sdk_eventbridge::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use aws_smithy_types::DateTime;
use terraform_provider_eventbridge::aws::poll::PollPolicy;
use terraform_provider_eventbridge::aws::AwsClient;
use terraform_provider_eventbridge::connection::schema::schema;
use terraform_provider_eventbridge::connection::ConnectionResource;
use terraform_provider_eventbridge::tfplugin::{
    decode_json, flags, ApplyRequest, ClientCapabilities, Context, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, Resource, Severity, StopSignal, Value,
};

const ARN: &str = "arn:aws:events:us-east-1:123456789012:connection/crm/5f0c";
/// 2026-01-01T00:00:00Z, in ms.
const T0: i64 = 1_767_225_600_000;
const API_KEY: &str = "s3cr3t-api-key";

const API_KEY_CONFIG: &str = r#"{"name":"crm","authorization_type":"API_KEY",
    "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"s3cr3t-api-key"}],"basic":[],"oauth":[],
    "connectivity_parameters":[],"invocation_http_parameters":[]}],"invocation_connectivity_parameters":[]}"#;

const OAUTH_CONFIG: &str = r#"{"name":"crm","authorization_type":"OAUTH_CLIENT_CREDENTIALS",
    "auth_parameters":[{"api_key":[],"basic":[],"connectivity_parameters":[],"invocation_http_parameters":[],
      "oauth":[{"authorization_endpoint":"https://auth.example.com/token","http_method":"POST",
        "client_parameters":[{"client_id":"crm","client_secret":"s3cr3t-client"}],
        "oauth_http_parameters":[{"body":[{"key":"scope","value":"events","is_value_secret":false}],"header":[],"query_string":[]}]}]}],
    "invocation_connectivity_parameters":[]}"#;

fn config(json: &str) -> Value {
    decode_json(json.as_bytes(), &schema().value_type(), false).expect("config")
}

/// The resource, talking to canned responses served in order.
fn aws(rules: &[&Rule]) -> Context<AwsClient> {
    let client: Client = mock_client!(aws_sdk_eventbridge, RuleMode::Sequential, rules);
    let poll = PollPolicy {
        first: Duration::from_millis(1),
        max: Duration::from_millis(5),
    };
    let factory = Box::new(move |_: &str| client.clone());
    Context {
        client: Arc::new(AwsClient::new("us-east-1".into(), factory, poll)),
        stop: StopSignal::never(),
    }
}

/// What AWS describes: no secret, the given state and times (ms).
fn described(
    oauth: bool,
    state: ConnectionState,
    reason: Option<&'static str>,
    modified: i64,
    authorized: i64,
) -> DescribeConnectionOutput {
    let auth = if oauth {
        ConnectionAuthResponseParameters::builder().o_auth_parameters(
            ConnectionOAuthResponseParameters::builder()
                .authorization_endpoint("https://auth.example.com/token")
                .http_method(ConnectionOAuthHttpMethod::Post)
                .client_parameters(
                    ConnectionOAuthClientResponseParameters::builder()
                        .client_id("crm")
                        .build(),
                )
                .o_auth_http_parameters(
                    ConnectionHttpParameters::builder()
                        .body_parameters(
                            ConnectionBodyParameter::builder()
                                .key("scope")
                                .value("events")
                                .is_value_secret(false)
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
    } else {
        ConnectionAuthResponseParameters::builder().api_key_auth_parameters(
            ConnectionApiKeyAuthResponseParameters::builder()
                .api_key_name("x-api-key")
                .build(),
        )
    };
    DescribeConnectionOutput::builder()
        .name("crm")
        .connection_arn(ARN)
        .connection_state(state)
        .set_state_reason(reason.map(str::to_string))
        .authorization_type(if oauth {
            ConnectionAuthorizationType::OauthClientCredentials
        } else {
            ConnectionAuthorizationType::ApiKey
        })
        .auth_parameters(auth.build())
        .creation_time(DateTime::from_millis(T0))
        .last_modified_time(DateTime::from_millis(modified))
        .last_authorized_time(DateTime::from_millis(authorized))
        .build()
}

fn describe(oauth: bool, modified: i64, authorized: i64) -> Rule {
    mock!(Client::describe_connection)
        .then_output(move || described(oauth, ConnectionState::Authorized, None, modified, authorized))
}

/// The connection created from `json`, as AWS settled it at `T0`: its
/// state and private state.
async fn created(json: &str, settled: DescribeConnectionOutput) -> (Value, Vec<u8>) {
    let create = mock!(Client::create_connection).then_output(|| {
        CreateConnectionOutput::builder()
            .connection_arn(ARN)
            .connection_state(ConnectionState::Creating)
            .build()
    });
    let settle = mock!(Client::describe_connection).then_output(move || settled.clone());
    let ctx = aws(&[&create, &settle]);
    let cfg = config(json);
    let block = &schema().block;
    let proposed = flags::proposal(block, &Value::Null, &cfg, &cfg);
    let planned = plan(&ctx, &Value::Null, &proposed, &cfg, &[]).await.planned_state;
    let applied = ConnectionResource
        .create(&ctx, change(&Value::Null, &planned, &cfg, &[]))
        .await;
    assert!(!applied.diagnostics.has_errors(), "{:?}", applied.diagnostics);
    (applied.new_state, applied.private)
}

/// An ApplyResourceChange as the server hands it on.
fn change<'a>(prior: &'a Value, planned: &'a Value, config: &'a Value, private: &'a [u8]) -> ApplyRequest<'a> {
    ApplyRequest {
        prior_state: prior,
        planned_state: planned,
        config,
        planned_private: private,
    }
}

async fn plan(ctx: &Context<AwsClient>, prior: &Value, proposed: &Value, cfg: &Value, private: &[u8]) -> PlanResponse {
    ConnectionResource
        .plan(
            ctx,
            PlanRequest {
                prior_state: prior,
                proposed_new_state: proposed,
                config: cfg,
                prior_private: private,
                capabilities: ClientCapabilities::default(),
            },
        )
        .await
}

/// A refresh answered by `rule`, and the plan of an unchanged
/// configuration on top of it (the proposal is then the refreshed state).
async fn refresh_and_plan(rule: &Rule, state: &Value, private: &[u8], json: &str) -> (ReadResponse, PlanResponse) {
    let ctx = aws(&[rule]);
    let read = ConnectionResource
        .read(
            &ctx,
            ReadRequest {
                current_state: state,
                private,
            },
        )
        .await;
    let planned = plan(&ctx, &read.new_state, &read.new_state, &config(json), &read.private).await;
    (read, planned)
}

fn warnings(p: &PlanResponse) -> String {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| format!("{}: {}", d.summary, d.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

fn settled_at(modified: i64) -> DescribeConnectionOutput {
    described(false, ConnectionState::Authorized, None, modified, modified)
}

#[tokio::test]
async fn nothing_changed_outside_means_no_diff_and_no_call_beyond_the_refresh() {
    let (state, private) = created(API_KEY_CONFIG, settled_at(T0)).await;
    let rule = describe(false, T0, T0);
    let (read, planned) = refresh_and_plan(&rule, &state, &private, API_KEY_CONFIG).await;
    assert_eq!(
        rule.num_calls(),
        1,
        "the refresh's own DescribeConnection, nothing else"
    );
    assert_eq!(read.new_state, state);
    assert_eq!(planned.planned_state, state, "no diff");
    assert!(planned.diagnostics.is_empty(), "{:?}", planned.diagnostics);
}

#[tokio::test]
async fn an_outside_change_is_planned_applied_with_the_secret_and_then_clean() {
    let (state, private) = created(API_KEY_CONFIG, settled_at(T0)).await;
    let later = T0 + 61_250;
    let (read, planned) = refresh_and_plan(&describe(false, later, later), &state, &private, API_KEY_CONFIG).await;
    assert_eq!(
        planned.planned_state.attr("connection_state"),
        &Value::Unknown,
        "an update"
    );
    assert!(
        warnings(&planned).contains("changed outside Terraform at 2026-01-01T00:01:01.25Z"),
        "{}",
        warnings(&planned)
    );
    assert!(!warnings(&planned).contains(API_KEY));

    // The apply sends the configured key, though nothing else changed.
    let update = mock!(Client::update_connection)
        .match_requests(|req| {
            req.auth_parameters()
                .and_then(|a| a.api_key_auth_parameters())
                .and_then(|k| k.api_key_value())
                == Some(API_KEY)
        })
        .then_output(|| UpdateConnectionOutput::builder().connection_arn(ARN).build());
    let after = later + 5_000;
    let settle = mock!(Client::describe_connection).then_output(move || settled_at(after));
    let ctx = aws(&[&update, &settle]);
    let cfg = config(API_KEY_CONFIG);
    let applied = ConnectionResource
        .update(
            &ctx,
            change(&read.new_state, &planned.planned_state, &cfg, &planned.planned_private),
        )
        .await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(update.num_calls(), 1);
    assert_eq!(applied.new_state.attr("connection_state"), &Value::string("AUTHORIZED"));

    // Its own write recorded: the next plan is clean.
    let (_, next) = refresh_and_plan(
        &describe(false, after, after),
        &applied.new_state,
        &applied.private,
        API_KEY_CONFIG,
    )
    .await;
    assert_eq!(next.planned_state, applied.new_state);
    assert!(next.diagnostics.is_empty());
}

#[tokio::test]
async fn an_oauth_token_refresh_moving_both_times_is_not_a_change() {
    let (state, private) = created(OAUTH_CONFIG, described(true, ConnectionState::Authorized, None, T0, T0)).await;
    let hour = T0 + 3_600_000;
    // The token refreshed an hour later: both times moved together.
    let (_, refreshed) = refresh_and_plan(&describe(true, hour, hour - 20), &state, &private, OAUTH_CONFIG).await;
    assert_eq!(refreshed.planned_state, state, "{}", warnings(&refreshed));
    // Modified without a new authorization: changed outside Terraform.
    let (_, changed) = refresh_and_plan(&describe(true, hour, T0), &state, &private, OAUTH_CONFIG).await;
    assert_eq!(changed.planned_state.attr("connection_state"), &Value::Unknown);
    assert!(warnings(&changed).contains("changed outside Terraform"));
}

#[tokio::test]
async fn a_connection_its_own_apply_left_deauthorized_only_warns() {
    let bad = described(false, ConnectionState::Deauthorized, Some("Invalid API key"), T0, T0);
    let (state, private) = created(API_KEY_CONFIG, bad.clone()).await;
    let same = mock!(Client::describe_connection).then_output(move || bad.clone());
    let (_, planned) = refresh_and_plan(&same, &state, &private, API_KEY_CONFIG).await;
    assert_eq!(planned.planned_state, state, "the same key would not help: no diff");
    let text = warnings(&planned);
    assert!(
        text.contains("still DEAUTHORIZED, as the last apply left it: Invalid API key"),
        "{text}"
    );
}

#[tokio::test]
async fn a_connection_deauthorized_since_the_last_apply_is_authorized_again() {
    let (state, private) = created(API_KEY_CONFIG, settled_at(T0)).await;
    let deauthorized = mock!(Client::describe_connection).then_output(|| {
        described(
            false,
            ConnectionState::Deauthorized,
            Some("The endpoint answered 401"),
            T0,
            T0,
        )
    });
    let (_, planned) = refresh_and_plan(&deauthorized, &state, &private, API_KEY_CONFIG).await;
    assert_eq!(planned.planned_state.attr("connection_state"), &Value::Unknown);
    assert!(
        warnings(&planned).contains("is DEAUTHORIZED: The endpoint answered 401"),
        "{}",
        warnings(&planned)
    );
}

#[tokio::test]
async fn a_state_without_a_record_adopts_the_refresh_and_shows_no_diff() {
    let (state, _) = created(API_KEY_CONFIG, settled_at(T0)).await;
    // Written by a version of the provider that kept no record.
    let (read, planned) = refresh_and_plan(&describe(false, T0 + 86_400_000, T0), &state, &[], API_KEY_CONFIG).await;
    assert_eq!(planned.planned_state, state);
    assert!(planned.diagnostics.is_empty());
    // From then on, changes are seen.
    let (_, next) = refresh_and_plan(
        &describe(false, T0 + 90_000_000, T0),
        &read.new_state,
        &read.private,
        API_KEY_CONFIG,
    )
    .await;
    assert_eq!(next.planned_state.attr("connection_state"), &Value::Unknown);
}

/// AccessDeniedException, as AWS answers it (not retried).
fn denied() -> aws_smithy_runtime_api::client::orchestrator::HttpResponse {
    let body = r#"{"__type":"AccessDeniedException","message":"denied"}"#;
    aws_smithy_runtime_api::client::orchestrator::HttpResponse::new(
        aws_smithy_runtime_api::http::StatusCode::try_from(400).unwrap(),
        aws_smithy_types::body::SdkBody::from(body),
    )
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_record() {
    let (state, private) = created(API_KEY_CONFIG, settled_at(T0)).await;
    let failing = mock!(Client::describe_connection).then_http_response(denied);
    let ctx = aws(&[&failing]);
    let read = ConnectionResource
        .read(
            &ctx,
            ReadRequest {
                current_state: &state,
                private: &private,
            },
        )
        .await;
    assert!(read.diagnostics.has_errors());
    assert_eq!(read.private, private);
}

#[tokio::test]
async fn a_failed_resend_is_planned_again() {
    let (state, private) = created(API_KEY_CONFIG, settled_at(T0)).await;
    let later = T0 + 1_000;
    let (read, planned) = refresh_and_plan(&describe(false, later, later), &state, &private, API_KEY_CONFIG).await;
    let refused = mock!(Client::update_connection).then_http_response(denied);
    let cfg = config(API_KEY_CONFIG);
    let applied = ConnectionResource
        .update(
            &aws(&[&refused]),
            change(&read.new_state, &planned.planned_state, &cfg, &planned.planned_private),
        )
        .await;
    assert!(applied.diagnostics.has_errors());
    assert_eq!(applied.new_state, read.new_state, "the prior state stays");
    // The record of the last write that did happen stands: still changed.
    let (_, again) = refresh_and_plan(
        &describe(false, later, later),
        &applied.new_state,
        &applied.private,
        API_KEY_CONFIG,
    )
    .await;
    assert!(
        warnings(&again).contains("changed outside Terraform"),
        "{}",
        warnings(&again)
    );
}
