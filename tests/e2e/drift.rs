//! Secrets that follow outside changes, end to end: real Terraform, the
//! emulator behind the fault proxy (which keeps LastModifiedTime and serves
//! DeauthorizeConnection as AWS does), and someone else changing the
//! connection with the AWS SDK through the same proxy.

use aws_sdk_eventbridge::types::{
    ConnectionAuthorizationType, UpdateConnectionApiKeyAuthRequestParameters, UpdateConnectionAuthRequestParameters,
};
use aws_smithy_types::date_time::Format;
use support::emulator::Emulator;
use support::fault_proxy::FaultProxy;
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_connection/resource.tf");
const WRITE_ONLY: &str = include_str!("../../examples/resources/eventbridge_connection/write-only/main.tf");
/// The API key given to `resource.tf` (`var.crm_api_key`).
const CONFIGURED_KEY: &str = "example-api-key-value";
/// The connection `resource.tf` makes.
const NAME: &str = "crm-api";

/// Terraform and the emulator behind the proxy, in a working directory
/// with `example`; None (one line printed) when a tool is missing.
fn setup(example: &str) -> Option<(Emulator, FaultProxy, Workdir)> {
    let emulator = support::terraform_and_emulator()?;
    let proxy = FaultProxy::start(emulator.port);
    let wd = Workdir::new(&format!("{PROVIDER}\n{example}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.env("TF_VAR_crm_api_key", CONFIGURED_KEY);
    wd.init();
    Some((emulator, proxy, wd))
}

fn apply(wd: &Workdir) {
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
}

/// `terraform plan -detailed-exitcode`: (exit code, everything printed,
/// with Terraform's line wrapping undone).
fn plan(wd: &Workdir) -> (i32, String) {
    let out = wd.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
    let text = format!("{}{}", out.stdout, out.stderr);
    (out.status_code, text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Someone else's EventBridge client, through the same proxy.
fn outsider(proxy: &FaultProxy) -> (tokio::runtime::Runtime, aws_sdk_eventbridge::Client) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let config = aws_sdk_eventbridge::Config::builder()
        .behavior_version_latest()
        .region(aws_sdk_eventbridge::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::from_keys(
            "outsider", "outsider", None,
        ))
        .endpoint_url(&proxy.endpoint)
        .build();
    (runtime, aws_sdk_eventbridge::Client::from_conf(config))
}

/// The API key of the connection, rotated outside Terraform.
fn rotate_outside(proxy: &FaultProxy, name: &str, key: &str) {
    let (runtime, client) = outsider(proxy);
    let auth = UpdateConnectionAuthRequestParameters::builder()
        .api_key_auth_parameters(
            UpdateConnectionApiKeyAuthRequestParameters::builder()
                .api_key_name("x-api-key")
                .api_key_value(key)
                .build(),
        )
        .build();
    runtime
        .block_on(
            client
                .update_connection()
                .name(name)
                .authorization_type(ConnectionAuthorizationType::ApiKey)
                .auth_parameters(auth)
                .send(),
        )
        .expect("UpdateConnection from outside");
}

/// The time the proxy says the connection last changed, as the provider
/// writes it.
fn last_modified(proxy: &FaultProxy, name: &str) -> String {
    let seconds = proxy.last_modified(name).expect("a LastModifiedTime");
    aws_smithy_types::DateTime::from_millis((seconds * 1000.0).round() as i64)
        .fmt(Format::DateTime)
        .expect("RFC 3339")
}

/// The ApiKeyValue of the last UpdateConnection the emulator received.
fn last_sent_key(emulator: &Emulator) -> serde_json::Value {
    let updates = emulator.requests("UpdateConnection");
    updates.last().expect("an UpdateConnection")["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"].clone()
}

#[test]
fn a_key_changed_outside_terraform_is_sent_again_and_the_next_plan_is_clean() {
    let Some((emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    apply(&wd);
    let describes = proxy.calls("DescribeConnection");
    assert_eq!(plan(&wd).0, 0, "nothing changed outside yet");
    assert_eq!(
        proxy.calls("DescribeConnection") - describes,
        1,
        "no call beyond the refresh"
    );
    assert_eq!(proxy.calls("UpdateConnection"), 0);

    rotate_outside(&proxy, NAME, "rotated-by-someone");
    let at = last_modified(&proxy, NAME);
    let (code, text) = plan(&wd);
    assert_eq!(code, 2, "an update is planned:\n{text}");
    assert!(text.contains("Connection changed outside Terraform"), "{text}");
    assert!(text.contains(&at), "the warning names {at}:\n{text}");
    assert!(text.contains("will be updated in-place"), "{text}");
    assert!(!text.contains(CONFIGURED_KEY), "{text}");

    apply(&wd);
    assert_eq!(last_sent_key(&emulator), CONFIGURED_KEY, "the configured key went back");
    assert_eq!(plan(&wd).0, 0, "clean once the key is back");
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn a_connection_deauthorized_outside_terraform_is_authorized_again() {
    let Some((emulator, proxy, wd)) = setup(RESOURCE) else {
        return;
    };
    apply(&wd);
    let (runtime, client) = outsider(&proxy);
    runtime
        .block_on(client.deauthorize_connection().name(NAME).send())
        .expect("DeauthorizeConnection");
    // Someone looks at it once it is done: DEAUTHORIZED, with a reason.
    let (status, body) = proxy.call("us-east-1", "DescribeConnection", serde_json::json!({"Name": NAME}));
    assert_eq!(status, 200, "{body}");
    let (code, text) = plan(&wd);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("is DEAUTHORIZED: Connection was deauthorized"),
        "the warning gives AWS's reason:\n{text}"
    );
    assert!(text.contains("connection_state"), "{text}");

    // A saved plan carries the decision to the apply.
    wd.run(&["plan", "-out=tfplan", "-input=false", "-no-color"]).ok();
    wd.run(&["apply", "-input=false", "-no-color", "tfplan"]).ok();
    assert_eq!(last_sent_key(&emulator), CONFIGURED_KEY);
    let state = wd.state_json();
    let values = &state["values"]["root_module"]["resources"][0]["values"];
    assert_eq!(values["connection_state"], "AUTHORIZED", "{values}");
    assert_eq!(plan(&wd).0, 0);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn write_only_secrets_are_sent_again_from_the_configuration() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    if !support::terraform::at_least_or_skip((1, 11), "write-only arguments") {
        return;
    }
    let Some((emulator, proxy, wd)) = setup(WRITE_ONLY) else {
        return;
    };
    apply(&wd);
    rotate_outside(&proxy, "write-only", "rotated-by-someone");
    let (code, text) = plan(&wd);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("Terraform will send the configured secrets again"),
        "{text}"
    );
    apply(&wd);
    assert_eq!(last_sent_key(&emulator), "wo-key-first");
    let updates = emulator.requests("UpdateConnection");
    let headers = &updates.last().unwrap()["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"];
    assert_eq!(headers[0]["Value"], "wo-header-first", "{headers}");
    assert_eq!(plan(&wd).0, 0);
    let written = wd.read("terraform.tfstate");
    assert!(
        !written.contains("wo-key-first"),
        "a write-only value reached the state"
    );
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}
