//! Tier 2 for `eventbridge_connection`: AWS behaviour the emulator lacks,
//! with canned SDK responses — secrets absent from DescribeConnection,
//! state transitions, duplicate names, throttling, wait timeouts,
//! cancellation.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_eventbridge::config::retry::RetryConfig;
use aws_sdk_eventbridge::operation::create_connection::CreateConnectionOutput;
use aws_sdk_eventbridge::operation::delete_connection::DeleteConnectionOutput;
use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::types::{
    ConnectionApiKeyAuthResponseParameters, ConnectionAuthResponseParameters, ConnectionAuthorizationType,
    ConnectionHeaderParameter, ConnectionHttpParameters, ConnectionState,
};
use aws_sdk_eventbridge::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use terraform_provider_eventbridge::aws::poll::PollPolicy;
use terraform_provider_eventbridge::aws::AwsClient;
use terraform_provider_eventbridge::connection::schema::schema;
use terraform_provider_eventbridge::connection::ConnectionResource;
use terraform_provider_eventbridge::tfplugin::{
    decode_json, ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, PlanRequest, ReadRequest,
    ReadResponse, Resource, Severity, StopSignal, Value,
};

const ARN: &str = "arn:aws:events:us-east-1:123456789012:connection/crm/5f0c";
const SECRET_ARN: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/crm/5f0c-AbCdEf";

/// A configuration as Terraform sends it (every attribute present).
const CONFIG: &str = r#"{"name":"crm","authorization_type":"API_KEY","timeouts":{"create":"2s","update":null,"delete":"2s"},
    "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"s3cr3t-api-key"}],"basic":[],"oauth":[],
    "connectivity_parameters":[],
    "invocation_http_parameters":[{"body":[],"query_string":[],"header":[
        {"key":"x-public","value":"visible","is_value_secret":false},
        {"key":"x-private","value":"hidden-header-value","is_value_secret":true}]}]}],
    "invocation_connectivity_parameters":[]}"#;

fn config() -> Value {
    value(CONFIG)
}

fn value(json: &str) -> Value {
    decode_json(json.as_bytes(), &schema().value_type(), false).expect("a connection value")
}

fn context(rules: &[&Rule]) -> Context<AwsClient> {
    context_with_stop(rules, StopSignal::never())
}

fn context_with_stop(rules: &[&Rule], stop: StopSignal) -> Context<AwsClient> {
    let client: Client = mock_client!(aws_sdk_eventbridge, RuleMode::Sequential, rules, |c| c.retry_config(
        RetryConfig::standard()
            .with_max_attempts(3)
            .with_initial_backoff(Duration::from_millis(1))
    ));
    let poll = PollPolicy {
        first: Duration::from_millis(5),
        max: Duration::from_millis(20),
    };
    let aws = AwsClient::new("us-east-1".into(), Box::new(move |_region: &str| client.clone()), poll);
    Context {
        client: Arc::new(aws),
        stop,
    }
}

/// A create plan as the server makes it: the generic rules of the schema's
/// flags, then the resource's own.
async fn planned_create(ctx: &Context<AwsClient>) -> Value {
    let cfg = config();
    let block = &terraform_provider_eventbridge::connection::schema::schema().block;
    let proposed = terraform_provider_eventbridge::tfplugin::flags::proposal(block, &Value::Null, &cfg, &cfg);
    let plan = ConnectionResource
        .plan(
            ctx,
            PlanRequest {
                prior_state: &Value::Null,
                proposed_new_state: &proposed,
                config: &cfg,
                prior_private: &[],
                capabilities: ClientCapabilities::default(),
            },
        )
        .await;
    assert!(plan.diagnostics.is_empty());
    plan.planned_state
}

async fn create(ctx: &Context<AwsClient>) -> ApplyResponse {
    let planned = planned_create(ctx).await;
    ConnectionResource
        .create(
            ctx,
            ApplyRequest {
                prior_state: &Value::Null,
                planned_state: &planned,
                config: &config(),
                planned_private: &[],
            },
        )
        .await
}

fn created(state: ConnectionState) -> Rule {
    mock!(Client::create_connection).then_output(move || {
        CreateConnectionOutput::builder()
            .connection_arn(ARN)
            .connection_state(state.clone())
            .build()
    })
}

/// What AWS returns: no secrets at all, the secret header without value.
fn described(state: ConnectionState, reason: Option<&'static str>) -> DescribeConnectionOutput {
    DescribeConnectionOutput::builder()
        .name("crm")
        .connection_arn(ARN)
        .secret_arn(SECRET_ARN)
        .connection_state(state)
        .set_state_reason(reason.map(str::to_string))
        .authorization_type(ConnectionAuthorizationType::ApiKey)
        .auth_parameters(
            ConnectionAuthResponseParameters::builder()
                .api_key_auth_parameters(
                    ConnectionApiKeyAuthResponseParameters::builder()
                        .api_key_name("x-api-key")
                        .build(),
                )
                .invocation_http_parameters(
                    ConnectionHttpParameters::builder()
                        .header_parameters(
                            ConnectionHeaderParameter::builder()
                                .key("x-private")
                                .is_value_secret(true)
                                .build(),
                        )
                        .header_parameters(
                            ConnectionHeaderParameter::builder()
                                .key("x-public")
                                .value("visible")
                                .is_value_secret(false)
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .build()
}

fn describe(state: ConnectionState, reason: Option<&'static str>) -> Rule {
    mock!(Client::describe_connection).then_output(move || described(state.clone(), reason))
}

fn errors(diags: &Diagnostics) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.summary, d.detail))
        .collect()
}

fn assert_no_secret(text: &str) {
    for secret in ["s3cr3t-api-key", "hidden-header-value"] {
        assert!(!text.contains(secret), "secret leaked in {text}");
    }
}

#[tokio::test]
async fn secrets_absent_from_describe_stay_in_state_and_refresh_shows_no_diff() {
    let ctx = context(&[
        &created(ConnectionState::Creating),
        &describe(ConnectionState::Authorized, None),
        &describe(ConnectionState::Authorized, None),
    ]);
    let applied = create(&ctx).await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    let refreshed = ConnectionResource
        .read(
            &ctx,
            ReadRequest {
                current_state: &applied.new_state,
                private: &[],
            },
        )
        .await;
    assert!(refreshed.diagnostics.is_empty());
    assert_eq!(
        refreshed.new_state, applied.new_state,
        "refresh must not change anything"
    );
    let auth = &refreshed.new_state.attr("auth_parameters").elements()[0];
    assert_eq!(
        auth.attr("api_key").elements()[0].attr("value"),
        &Value::string("s3cr3t-api-key")
    );
    assert_eq!(refreshed.new_state.attr("secret_arn"), &Value::string(SECRET_ARN));
}

#[tokio::test]
async fn authorizing_three_times_then_authorized_settles_the_create() {
    let authorizing = mock!(Client::describe_connection)
        .sequence()
        .output(|| described(ConnectionState::Authorizing, None))
        .times(3)
        .output(|| described(ConnectionState::Authorized, None))
        .build();
    let ctx = context(&[&created(ConnectionState::Creating), &authorizing]);
    let applied = create(&ctx).await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(applied.new_state.attr("connection_state"), &Value::string("AUTHORIZED"));
    assert_eq!(authorizing.num_calls(), 4);
}

#[tokio::test]
async fn deauthorized_is_a_warning_with_the_reason() {
    let ctx = context(&[
        &created(ConnectionState::Authorizing),
        &describe(ConnectionState::Deauthorized, Some("Invalid client credentials")),
    ]);
    let applied = create(&ctx).await;
    assert!(!applied.diagnostics.has_errors());
    let warning = applied
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .expect("a warning");
    assert!(warning.detail.contains("Invalid client credentials"));
    assert_eq!(
        applied.new_state.attr("connection_state"),
        &Value::string("DEAUTHORIZED")
    );
}

#[tokio::test]
async fn failed_connectivity_is_an_error_with_the_state_reason_and_the_connection_is_kept() {
    let ctx = context(&[
        &created(ConnectionState::Creating),
        &describe(ConnectionState::FailedConnectivity, Some("Endpoint unreachable")),
    ]);
    let applied = create(&ctx).await;
    let errs = errors(&applied.diagnostics);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].contains("FAILED_CONNECTIVITY") && errs[0].contains("Endpoint unreachable"),
        "{errs:?}"
    );
    assert_eq!(
        applied.new_state.attr("arn"),
        &Value::string(ARN),
        "kept in state, so Terraform taints it"
    );
}

#[tokio::test]
async fn a_duplicate_name_is_a_clear_error_suggesting_import() {
    let duplicate = mock!(Client::create_connection)
        .then_http_response(|| aws_error(400, "ResourceAlreadyExistsException", "Connection crm already exists."));
    let ctx = context(&[&duplicate]);
    let applied = create(&ctx).await;
    let errs = errors(&applied.diagnostics);
    assert!(
        errs[0].contains("ResourceAlreadyExistsException") && errs[0].contains("terraform import"),
        "{errs:?}"
    );
    assert!(errs[0].contains("\"crm\"") && errs[0].contains("us-east-1"));
    assert_eq!(applied.new_state, Value::Null);
    assert_no_secret(&errs.join("\n"));
}

/// An error response as AWS sends it, so the SDK's own deserializer
/// classifies it (error code, retryability).
fn aws_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let body = serde_json::json!({"__type": code, "message": message}).to_string();
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body))
}

fn throttled() -> HttpResponse {
    aws_error(400, "ThrottlingException", "Rate exceeded")
}

fn not_found() -> HttpResponse {
    aws_error(400, "ResourceNotFoundException", "Connection 'crm' does not exist.")
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk() {
    let create_rule = mock!(Client::create_connection)
        .sequence()
        .http_response(throttled)
        .times(2)
        .output(|| {
            CreateConnectionOutput::builder()
                .connection_arn(ARN)
                .connection_state(ConnectionState::Creating)
                .build()
        })
        .build();
    let ctx = context(&[&create_rule, &describe(ConnectionState::Authorized, None)]);
    let applied = create(&ctx).await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(create_rule.num_calls(), 3);
}

#[tokio::test]
async fn a_wait_timeout_is_an_error_and_keeps_the_connection_in_state() {
    let stuck = mock!(Client::describe_connection)
        .sequence()
        .output(|| described(ConnectionState::Authorizing, None))
        .repeatedly()
        .build();
    let ctx = context(&[&created(ConnectionState::Creating), &stuck]);
    let started = Instant::now();
    let applied = create(&ctx).await; // timeouts.create = "2s"
    assert!(started.elapsed() < Duration::from_secs(5));
    let errs = errors(&applied.diagnostics);
    assert!(
        errs[0].contains("Timed out") && errs[0].contains("AUTHORIZING"),
        "{errs:?}"
    );
    assert_eq!(applied.new_state.attr("arn"), &Value::string(ARN));
    assert_eq!(applied.new_state.attr("name"), &Value::string("crm"));
}

#[tokio::test]
async fn stop_provider_cancels_a_long_wait_within_a_second() {
    let (stop_sender, stop) = StopSignal::new();
    let stuck = mock!(Client::describe_connection)
        .sequence()
        .output(|| described(ConnectionState::Authorizing, None))
        .repeatedly()
        .build();
    let ctx = context_with_stop(&[&created(ConnectionState::Creating), &stuck], stop);
    let planned = {
        let mut p = planned_create(&ctx).await;
        if let Some(t) = p.attr_mut("timeouts") {
            *t = Value::Null; // the default 20 minutes
        }
        p
    };
    let started = Instant::now();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop_sender.send_replace(true);
    });
    let applied = ConnectionResource
        .create(
            &ctx,
            ApplyRequest {
                prior_state: &Value::Null,
                planned_state: &planned,
                config: &config(),
                planned_private: &[],
            },
        )
        .await;
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
    assert!(errors(&applied.diagnostics)[0].contains("Cancelled"));
    assert_eq!(applied.new_state.attr("arn"), &Value::string(ARN));
}

#[tokio::test]
async fn deleting_a_connection_already_gone_succeeds() {
    let ctx0 = context(&[
        &created(ConnectionState::Creating),
        &describe(ConnectionState::Authorized, None),
    ]);
    let state = create(&ctx0).await.new_state;
    let gone = mock!(Client::delete_connection).then_http_response(not_found);
    let ctx = context(&[&gone]);
    let applied = ConnectionResource
        .delete(
            &ctx,
            ApplyRequest {
                prior_state: &state,
                planned_state: &Value::Null,
                config: &Value::Null,
                planned_private: &[],
            },
        )
        .await;
    assert!(applied.diagnostics.is_empty());
    assert_eq!(applied.new_state, Value::Null);
}

#[tokio::test]
async fn delete_waits_through_deleting_until_gone() {
    let ctx0 = context(&[
        &created(ConnectionState::Creating),
        &describe(ConnectionState::Authorized, None),
    ]);
    let state = create(&ctx0).await.new_state;
    let delete = mock!(Client::delete_connection).then_output(|| {
        DeleteConnectionOutput::builder()
            .connection_arn(ARN)
            .connection_state(ConnectionState::Deleting)
            .build()
    });
    let deleting = mock!(Client::describe_connection)
        .sequence()
        .output(|| described(ConnectionState::Deleting, None))
        .times(2)
        .http_response(not_found)
        .build();
    let ctx = context(&[&delete, &deleting]);
    let applied = ConnectionResource
        .delete(
            &ctx,
            ApplyRequest {
                prior_state: &state,
                planned_state: &Value::Null,
                config: &Value::Null,
                planned_private: &[],
            },
        )
        .await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(applied.new_state, Value::Null);
    assert_eq!(deleting.num_calls(), 3);
}

/// A refresh, after a create that settled, of a connection AWS then
/// describes as `described` says.
async fn read_after_create(described: &Rule) -> ReadResponse {
    let ctx0 = context(&[
        &created(ConnectionState::Creating),
        &describe(ConnectionState::Authorized, None),
    ]);
    let state = create(&ctx0).await.new_state;
    let ctx = context(&[described]);
    ConnectionResource
        .read(
            &ctx,
            ReadRequest {
                current_state: &state,
                private: &[],
            },
        )
        .await
}

#[tokio::test]
async fn a_connection_deleted_outside_terraform_reads_as_gone() {
    let gone = mock!(Client::describe_connection).then_http_response(not_found);
    let read = read_after_create(&gone).await;
    assert!(read.diagnostics.is_empty());
    assert_eq!(read.new_state, Value::Null);
}

#[tokio::test]
async fn a_connection_found_deleting_reads_as_gone_with_a_warning() {
    let read = read_after_create(&describe(ConnectionState::Deleting, None)).await;
    assert_eq!(
        read.new_state,
        Value::Null,
        "removed from state: Terraform plans to create it again"
    );
    assert!(errors(&read.diagnostics).is_empty(), "{:?}", read.diagnostics);
    let warnings: Vec<String> = read
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| format!("{} {}", d.summary, d.detail))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("\"crm\"") && warnings[0].contains("DELETING"),
        "{warnings:?}"
    );
}

/// An update of `prior` to `planned` with `config`, against an AWS that
/// accepts UpdateConnection only when `sent` holds.
async fn update_sending(
    prior: &Value,
    planned: &Value,
    config: &Value,
    sent: impl Fn(&aws_sdk_eventbridge::operation::update_connection::UpdateConnectionInput) -> bool + Send + Sync + 'static,
) -> (ApplyResponse, usize) {
    let update = mock!(Client::update_connection).match_requests(sent).then_output(|| {
        aws_sdk_eventbridge::operation::update_connection::UpdateConnectionOutput::builder()
            .connection_arn(ARN)
            .build()
    });
    let settle = describe(ConnectionState::Authorized, None);
    let ctx = context(&[&update, &settle]);
    let applied = ConnectionResource
        .update(
            &ctx,
            ApplyRequest {
                prior_state: prior,
                planned_state: planned,
                config,
                planned_private: &[],
            },
        )
        .await;
    (applied, update.num_calls())
}

#[tokio::test]
async fn an_update_that_leaves_the_authorization_alone_sends_none() {
    let prior = config();
    let changed = value(&CONFIG.replace(r#""name":"crm","#, r#""name":"crm","description":"new","#));
    let (applied, calls) = update_sending(&prior, &changed, &changed, |req| {
        req.description() == Some("new") && req.auth_parameters().is_none() && req.authorization_type().is_none()
    })
    .await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(calls, 1, "one UpdateConnection, without authorization");
}

#[tokio::test]
async fn a_changed_authorization_is_sent_whole_with_its_write_only_secret() {
    let in_state = CONFIG.replace(r#""value":"s3cr3t-api-key""#, r#""value":null"#);
    let prior = value(&in_state);
    let planned = value(&in_state.replace(r#""value":"visible""#, r#""value":"visible-2""#));
    let config = value(
        &in_state
            .replace(r#""value":"visible""#, r#""value":"visible-2""#)
            .replace(r#""value":null"#, r#""value":null,"value_wo":"s3cr3t-wo-key""#),
    );
    let (applied, calls) = update_sending(&prior, &planned, &config, |req| {
        let auth = req.auth_parameters();
        let key = auth
            .and_then(|a| a.api_key_auth_parameters())
            .and_then(|k| k.api_key_value());
        let private = auth.and_then(|a| a.invocation_http_parameters()).map(|h| {
            h.header_parameters()
                .iter()
                .any(|p| p.value() == Some("hidden-header-value"))
        });
        key == Some("s3cr3t-wo-key") && private == Some(true)
    })
    .await;
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(calls, 1, "one UpdateConnection, with the whole authorization");
}
