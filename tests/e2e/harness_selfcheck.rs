//! Checks the test harness itself: the emulator starts, answers the
//! EventBridge API and stops on drop; the terraform under test runs; a
//! working directory installs this provider from its filesystem mirror; the
//! AWS service model is read and evaluated with Java's regex semantics; the
//! fault proxy refuses what AWS refuses and plays what moto lacks
//! (LastModifiedTime, DeauthorizeConnection). When one of these fails, the
//! failures of the end-to-end tests are about the machine or the harness,
//! not the provider.

use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use serde_json::json;
use support::aws_model::{self, java_regex, utf16_len};
use support::fault_proxy::{Fault, FaultProxy};
use support::{emulator, terraform};
use terraform_provider_eventbridge::PROVIDER_ADDRESS;

#[test]
fn emulator_starts_answers_and_stops_on_drop() {
    let Some(emu) = emulator::start_or_skip() else {
        return;
    };
    let port = emu.port;
    assert_eq!(emu.endpoint, format!("http://127.0.0.1:{port}"));

    assert_eq!(emu.connection_names(), Vec::<String>::new());
    assert_eq!(emu.connection_names_in("eu-west-1"), Vec::<String>::new());
    assert!(emu.describe("harness-selfcheck-missing", "us-east-1").is_none());

    // An unknown connection is moto's typed not-found error, as on AWS.
    let (status, body) = emu.call(
        "us-east-1",
        "DescribeConnection",
        serde_json::json!({ "Name": "harness-selfcheck-missing" }),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["__type"], "ResourceNotFoundException", "{body}");

    drop(emu);
    assert!(
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1)).is_err(),
        "the emulator still listens on {port} after drop"
    );
}

#[test]
fn terraform_binary_runs_version() {
    let Some(bin) = terraform::find_or_skip() else {
        return;
    };
    let scratch = tempfile::tempdir().expect("temp dir");
    let cli = scratch.path().join("empty.tfrc");
    std::fs::write(&cli, "").expect("cli config");
    let out = Command::new(&bin)
        .arg("version")
        .current_dir(scratch.path())
        .env("TF_CLI_CONFIG_FILE", &cli)
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{} version failed:\n{stdout}\n{}",
        bin.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Terraform v") || first.starts_with("OpenTofu v"),
        "unexpected `version` output: {stdout}"
    );
    if std::env::var_os("TERRAFORM").is_none() {
        assert_eq!(first, "Terraform v1.0.3", "target/terraform/terraform is not 1.0.3");
    }
}

#[test]
fn workdir_installs_the_provider_from_the_mirror() {
    if terraform::find_or_skip().is_none() {
        return;
    }
    let provider_tf = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/provider/provider.tf"))
        .expect("examples/provider/provider.tf");
    let wd = terraform::Workdir::new(&provider_tf);
    let out = wd.init();
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains(&format!(
            "{} v{}",
            terraform::short_address(),
            env!("CARGO_PKG_VERSION")
        )),
        "init did not install this provider from the mirror:\n{text}"
    );
    assert!(
        wd.read(".terraform.lock.hcl").contains(PROVIDER_ADDRESS),
        "no lock file entry for the provider"
    );
}

#[test]
fn java_patterns_keep_java_semantics_in_rust() {
    let dot = java_regex(".*").expect(".*");
    for refused in ["a\nb", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "\n"] {
        assert!(!dot.is_match(refused), "Java's .* refuses {refused:?}");
    }
    for accepted in ["", "a\tb", "é日\u{1F600}", "a\u{7F}b", "a\u{0}b"] {
        assert!(dot.is_match(accepted), "Java's .* accepts {accepted:?}");
    }
    // The whole value must match, not a part of it.
    assert!(!java_regex("[a-z]+").unwrap().is_match("abc1"));
    // A lookahead of the model, by its equivalent: not blank, one line.
    let path_parameter = java_regex(r"^(?!\s*$).+").expect("PathParameter");
    for accepted in ["a", " a ", "placed", "\ta"] {
        assert!(path_parameter.is_match(accepted), "{accepted:?}");
    }
    for refused in ["", " ", "\t \u{B}", "a\nb"] {
        assert!(!path_parameter.is_match(refused), "{refused:?}");
    }
    assert!(java_regex("[a-z]+").unwrap().is_match("abc"));
    // \d, \w and \s are ASCII-only in Java.
    assert!(java_regex(r"\d+").unwrap().is_match("0123456789"));
    assert!(
        !java_regex(r"\d+").unwrap().is_match("\u{663}"),
        "ARABIC-INDIC DIGIT THREE"
    );
    assert!(!java_regex(r"\w+").unwrap().is_match("é"));
    assert!(!java_regex(r"\s").unwrap().is_match("\u{A0}"));
    assert!(java_regex(r"[\d\s]+").unwrap().is_match("1 2\t3"));
    assert!(!java_regex(r"[\D]").unwrap().is_match("7"));
    // \x26 is '&'; `+-.` in a class is the range + , - . in both engines.
    assert!(java_regex(r"[\x26]").unwrap().is_match("&"));
    let header_key = java_regex(r"^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$").unwrap();
    assert!(header_key.is_match("a,b") && header_key.is_match("x-api-key"));
    assert!(!header_key.is_match("a b") && !header_key.is_match("a:b"));
    // A dot inside a class is a dot; Rust-only class operators are literals.
    assert!(!java_regex("[.]").unwrap().is_match("a"));
    assert!(java_regex("[a~~b]+").unwrap().is_match("a~b"));
    // The pattern that hangs backtracking engines answers at once here.
    let credential = java_regex(r"^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$").unwrap();
    assert!(!credential.is_match(&format!("{}\u{1}", "a".repeat(39))));
    assert!(!credential.is_match(&format!("{}\u{1}", "a b".repeat(170))));
    assert!(credential.is_match(" a b\t"));
    // What the regex crate cannot do is refused, not guessed.
    assert!(java_regex(r"(a)\1").is_err());
    assert!(java_regex(r"a(?=b)").is_err());
    // Java counts UTF-16 code units.
    assert_eq!(utf16_len("a\u{1F600}"), 3);
    assert_eq!(utf16_len("日é"), 2);
}

#[test]
fn the_aws_model_is_read_and_evaluated_like_aws() {
    let Some(model) = aws_model::model_or_skip("the AWS model self-check") else {
        return;
    };
    let name = model.constraints("CreateConnection", "Name").expect("Name");
    assert_eq!((name.min, name.max), (Some(1), Some(64)));
    assert!(!name.sensitive);
    let key_value = model
        .constraints("CreateConnection", "AuthParameters.ApiKeyAuthParameters.ApiKeyValue")
        .expect("ApiKeyValue");
    assert!(key_value.sensitive);
    let header_key = model
        .constraints(
            "UpdateConnection",
            "AuthParameters.InvocationHttpParameters.HeaderParameters.Key",
        )
        .expect("a member of a list");
    assert!(aws_model::accepts(&header_key, "a,b"), "the model's ranges allow ','");
    assert!(!aws_model::accepts(&header_key, "a b"));
    let credential = model
        .constraints("CreateConnection", "AuthParameters.BasicAuthParameters.Username")
        .expect("Username");
    assert!(!aws_model::accepts(&credential, &format!("{}\u{1}", "a".repeat(39))));
    assert!(
        aws_model::accepts(&credential, &"\u{1F600}".repeat(256)),
        "512 UTF-16 units"
    );
    assert!(
        !aws_model::accepts(&credential, &format!("a{}", "\u{1F600}".repeat(256))),
        "513 units"
    );

    let good = json!({
        "Name": "model-check",
        "AuthorizationType": "API_KEY",
        "AuthParameters": {
            "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "s3cr3t"},
            "InvocationHttpParameters": {
                "HeaderParameters": [{"Key": "x-a", "Value": "b"}, {"Key": "x-b", "Value": "c", "IsValueSecret": true}],
                "BodyParameters": [],
            },
        },
    });
    assert_eq!(model.validate("CreateConnection", &good).unwrap(), vec![]);
    let mut bad = good.clone();
    bad["Description"] = json!("two\nlines");
    bad["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"][1]["Value"] = json!("s3cr3t\u{1}");
    bad["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"] = json!("");
    bad.as_object_mut().unwrap().remove("AuthorizationType");
    let violations = model.validate("CreateConnection", &bad).unwrap();
    let mut paths: Vec<&str> = violations.iter().map(|v| v.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            // Empty: both too short and not matching the pattern.
            "authParameters.apiKeyAuthParameters.apiKeyValue",
            "authParameters.apiKeyAuthParameters.apiKeyValue",
            "authParameters.invocationHttpParameters.headerParameters.2.member.value",
            "authorizationType",
            "description",
        ]
    );
    let message = aws_model::validation_message(&violations);
    assert!(
        message.starts_with(&format!("{} validation errors detected: ", violations.len())),
        "{message}"
    );
    assert!(
        message.contains("Value 'two\nlines' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: .*"),
        "{message}"
    );
    assert!(
        message.contains("Value null at 'authorizationType' failed to satisfy constraint: Member must not be null"),
        "{message}"
    );
    assert!(
        message.contains("Value at 'authParameters.invocationHttpParameters.headerParameters.2.member.value' failed"),
        "{message}"
    );
    assert!(!message.contains("s3cr3t"), "a sensitive value is quoted: {message}");
    assert!(model.validate("NoSuchOperation", &good).is_err());

    // A map's keys are checked too, as AWS words it.
    let target = |header: &str| {
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q",
            "HttpParameters": {"HeaderParameters": {header: "v"}}}]})
    };
    assert_eq!(model.validate("PutTargets", &target("x-a")).unwrap(), vec![]);
    let violations = model.validate("PutTargets", &target("x a")).unwrap();
    let message = aws_model::validation_message(&violations);
    assert!(
        message.contains("Value 'x a' at 'targets.1.member.httpParameters.headerParameters' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern:"),
        "{message}"
    );
}

/// An SDK client for `endpoint` with test credentials and no retries.
pub(crate) fn sdk(endpoint: &str) -> aws_sdk_eventbridge::Client {
    let config = aws_sdk_eventbridge::Config::builder()
        .behavior_version_latest()
        .region(aws_sdk_eventbridge::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::from_keys("testing", "testing", None))
        .retry_config(aws_sdk_eventbridge::config::retry::RetryConfig::disabled())
        .endpoint_url(endpoint)
        .build();
    aws_sdk_eventbridge::Client::from_conf(config)
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn api_key_connection(name: &str) -> serde_json::Value {
    json!({
        "Name": name,
        "Description": "self-check",
        "AuthorizationType": "API_KEY",
        "AuthParameters": {
            "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "s3cr3t-key"},
            "InvocationHttpParameters": {
                "HeaderParameters": [
                    {"Key": "x-public", "Value": "visible", "IsValueSecret": false},
                    {"Key": "x-private", "Value": "s3cr3t-header", "IsValueSecret": true},
                ],
            },
        },
    })
}

#[test]
fn the_fault_proxy_refuses_what_aws_refuses_and_fails_the_test() {
    if aws_model::model_or_skip("the fault proxy's model check").is_none() {
        return;
    }
    let Some(emu) = emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emu.port);

    let (status, body) = proxy.call("us-east-1", "CreateConnection", api_key_connection("proxy-valid"));
    assert_eq!(status, 200, "a valid create passes: {body}");
    assert!(proxy.violations().is_empty());

    let mut multi_line = api_key_connection("proxy-multi-line");
    multi_line["Description"] = json!("first line\nsecond line");
    multi_line["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"] = json!("s3cr3t\n");
    let (status, body) = proxy.call("us-east-1", "CreateConnection", multi_line);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["__type"], "ValidationException", "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("2 validation errors detected: "), "{message}");
    assert!(
        message.contains("at 'description' failed to satisfy constraint"),
        "{message}"
    );
    assert!(
        !message.contains("s3cr3t"),
        "a sensitive value in the answer: {message}"
    );
    assert!(
        emu.describe("proxy-multi-line", "us-east-1").is_none(),
        "a refused request was forwarded"
    );
    assert_eq!(proxy.calls("CreateConnection"), 2);

    // The SDK sees AWS's error, with its code.
    let runtime = runtime();
    let client = sdk(&proxy.endpoint);
    let err = runtime
        .block_on(client.describe_connection().name("bad name!").send())
        .expect_err("refused");
    assert_eq!(
        aws_sdk_eventbridge::error::ProvideErrorMetadata::code(&err),
        Some("ValidationException")
    );

    let mut violations = proxy.take_violations();
    violations.sort();
    assert_eq!(violations.len(), 3, "{violations:?}");
    assert!(
        violations[0].starts_with("CreateConnection: 'authParameters.apiKeyAuthParameters.apiKeyValue' failed"),
        "{violations:?}"
    );
    assert!(
        violations[1].starts_with("CreateConnection: 'description' failed"),
        "{violations:?}"
    );
    assert!(
        violations[2].starts_with("DescribeConnection: 'name' failed"),
        "{violations:?}"
    );
    assert!(!violations.join("\n").contains("s3cr3t"));
    assert!(proxy.violations().is_empty(), "taken");
    drop(proxy);

    // Not taken: dropping the proxy fails the test, without the values.
    let proxy = FaultProxy::start(emu.port);
    let mut bad = api_key_connection("proxy-bad");
    bad["Name"] = json!("bad name");
    assert_eq!(proxy.call("us-east-1", "CreateConnection", bad).0, 400);
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(proxy)));
    let payload = dropped.expect_err("the drop panics");
    let text = payload.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        text.contains("CreateConnection: 'name' failed to satisfy constraint"),
        "{text}"
    );
    assert!(!text.contains("bad name"), "{text}");

    // A panic of the proxy itself: answered with an error the SDK does not
    // retry, and the test fails at the drop.
    let proxy = FaultProxy::start(emu.port);
    proxy.fail_next("ListConnections", Fault::HarnessPanic, 1);
    let (status, body) = proxy.call("us-east-1", "ListConnections", json!({}));
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("FaultProxyFailure")),
        "{body}"
    );
    assert_eq!(
        proxy.call("us-east-1", "ListConnections", json!({})).0,
        200,
        "only that call"
    );
    let violations = proxy.take_violations();
    assert!(
        violations.len() == 1
            && violations[0].contains("the fault proxy failed on a request: the panic a test asked for"),
        "{violations:?}"
    );
}

/// The same instant, allowing for the float ↔ DateTime round trip.
pub(crate) fn same_time(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-5)
}

#[test]
fn the_fault_proxy_keeps_last_modified_time_and_deauthorizes_like_aws() {
    if aws_model::model_or_skip("the fault proxy's AWS emulation").is_none() {
        return;
    }
    let Some(emu) = emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emu.port);
    let runtime = runtime();
    let client = sdk(&proxy.endpoint);
    let name = "proxy-times";

    let (status, created) = proxy.call("us-east-1", "CreateConnection", api_key_connection(name));
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["LastModifiedTime"], created["CreationTime"], "{created}");
    let described = runtime
        .block_on(client.describe_connection().name(name).send())
        .expect("describe");
    let first = described.last_modified_time().expect("LastModifiedTime").as_secs_f64();
    assert!(same_time(proxy.last_modified(name), first));
    assert!(same_time(created["CreationTime"].as_f64(), first));

    let (status, updated) = proxy.call(
        "us-east-1",
        "UpdateConnection",
        json!({"Name": name, "Description": "moved"}),
    );
    assert_eq!(status, 200, "{updated}");
    let second = proxy.last_modified(name).expect("kept");
    assert!(second > first, "{second} > {first}");
    assert!(same_time(updated["LastModifiedTime"].as_f64(), second), "{updated}");
    let described = runtime
        .block_on(client.describe_connection().name(name).send())
        .expect("describe");
    assert!(same_time(
        described.last_modified_time().map(|t| t.as_secs_f64()),
        second
    ));
    let (_, listed) = proxy.call("us-east-1", "ListConnections", json!({}));
    assert!(
        same_time(listed["Connections"][0]["LastModifiedTime"].as_f64(), second),
        "{listed}"
    );

    // Deauthorize (moto: HTTP 500) through the SDK.
    let deauthorized = runtime
        .block_on(client.deauthorize_connection().name(name).send())
        .expect("deauthorize");
    assert_eq!(
        deauthorized.connection_state().map(|s| s.as_str()),
        Some("DEAUTHORIZING")
    );
    assert!(deauthorized
        .connection_arn()
        .is_some_and(|a| a.contains(":connection/proxy-times/")));
    let third = deauthorized
        .last_modified_time()
        .expect("LastModifiedTime")
        .as_secs_f64();
    assert!(third > second);
    assert!(deauthorized.last_authorized_time().is_some());
    let states: Vec<(String, Option<String>)> = (0..3)
        .map(|_| {
            let (status, body) = proxy.call("us-east-1", "DescribeConnection", json!({"Name": name}));
            assert_eq!(status, 200, "{body}");
            let text = body.to_string();
            assert!(!text.contains("s3cr3t"), "a secret after deauthorization: {text}");
            assert!(same_time(body["LastModifiedTime"].as_f64(), third), "{body}");
            let headers = &body["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"];
            assert_eq!(headers[0]["Value"], "visible", "{body}");
            assert!(headers[1].get("Value").is_none(), "{body}");
            (
                body["ConnectionState"].as_str().unwrap_or_default().to_string(),
                body["StateReason"].as_str().map(str::to_string),
            )
        })
        .collect();
    let deauthorized_reason = Some("Connection was deauthorized".to_string());
    assert_eq!(
        states,
        [
            ("DEAUTHORIZING".to_string(), None),
            ("DEAUTHORIZED".to_string(), deauthorized_reason.clone()),
            ("DEAUTHORIZED".to_string(), deauthorized_reason),
        ]
    );
    let (_, listed) = proxy.call("us-east-1", "ListConnections", json!({}));
    assert_eq!(listed["Connections"][0]["ConnectionState"], "DEAUTHORIZED", "{listed}");

    // An update without auth parameters leaves it deauthorized; one with
    // them authorizes it again.
    let (_, updated) = proxy.call(
        "us-east-1",
        "UpdateConnection",
        json!({"Name": name, "Description": "still deauthorized"}),
    );
    assert_eq!(updated["ConnectionState"], "DEAUTHORIZED", "{updated}");
    let mut again = api_key_connection(name);
    again.as_object_mut().unwrap().remove("Description");
    let (status, updated) = proxy.call("us-east-1", "UpdateConnection", again);
    assert_eq!(status, 200, "{updated}");
    let (_, body) = proxy.call("us-east-1", "DescribeConnection", json!({"Name": name}));
    assert_eq!(body["ConnectionState"], "AUTHORIZED", "{body}");
    assert!(body.get("StateReason").is_none(), "{body}");
    let fourth = body["LastModifiedTime"].as_f64().expect("LastModifiedTime");
    assert!(fourth > third);
    assert!(same_time(body["LastAuthorizedTime"].as_f64(), fourth), "{body}");

    // Unknown names are AWS's not-found error; delete forgets the times.
    let err = runtime
        .block_on(client.deauthorize_connection().name("proxy-missing").send())
        .expect_err("not found");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );
    assert_eq!(
        proxy.call("us-east-1", "DeleteConnection", json!({"Name": name})).0,
        200
    );
    assert_eq!(proxy.last_modified(name), None);
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

fn oauth_connection(name: &str) -> serde_json::Value {
    json!({
        "Name": name,
        "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
        "AuthParameters": {
            "OAuthParameters": {
                "AuthorizationEndpoint": "https://auth.example.com/oauth2/token",
                "HttpMethod": "POST",
                "ClientParameters": {"ClientID": "client", "ClientSecret": "s3cr3t-client"},
            },
        },
    })
}

/// The state and StateReason of a connection answer.
fn state_of(body: &serde_json::Value) -> (String, Option<String>) {
    (
        body["ConnectionState"].as_str().unwrap_or_default().to_string(),
        body["StateReason"].as_str().map(str::to_string),
    )
}

fn state(s: &str) -> (String, Option<String>) {
    (s.to_string(), None)
}

#[test]
fn the_fault_proxy_plays_the_connection_states_aws_answered() {
    if aws_model::model_or_skip("the fault proxy's connection states").is_none() {
        return;
    }
    let Some(emu) = emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emu.port);
    let describe = |name: &str| proxy.call("us-east-1", "DescribeConnection", json!({"Name": name}));

    // OAuth: AUTHORIZING in the create's answer and in the describe right
    // after (listed so meanwhile), then AUTHORIZED; no StateReason anywhere.
    let (status, created) = proxy.call("us-east-1", "CreateConnection", oauth_connection("proxy-oauth"));
    assert_eq!(status, 200, "{created}");
    assert_eq!(state_of(&created), state("AUTHORIZING"), "{created}");
    let (_, listed) = proxy.call("us-east-1", "ListConnections", json!({}));
    assert_eq!(state_of(&listed["Connections"][0]), state("AUTHORIZING"), "{listed}");
    let (_, first) = describe("proxy-oauth");
    assert_eq!(state_of(&first), state("AUTHORIZING"), "{first}");
    assert!(
        first["LastAuthorizedTime"].is_number(),
        "present while AUTHORIZING: {first}"
    );
    assert_eq!(state_of(&describe("proxy-oauth").1), state("AUTHORIZED"));

    // An update with auth parameters authorizes it again; one without does not.
    let (_, updated) = proxy.call(
        "us-east-1",
        "UpdateConnection",
        json!({"Name": "proxy-oauth", "Description": "d"}),
    );
    assert_eq!(state_of(&updated).0, "AUTHORIZED", "{updated}");
    let mut again = oauth_connection("proxy-oauth");
    again.as_object_mut().unwrap().remove("AuthorizationType");
    let (_, updated) = proxy.call("us-east-1", "UpdateConnection", again);
    assert_eq!(state_of(&updated), state("AUTHORIZING"), "{updated}");
    proxy.oauth_authorizing_for(usize::MAX);
    let (_, updated) = proxy.call("us-east-1", "UpdateConnection", oauth_connection("proxy-oauth"));
    assert_eq!(state_of(&updated), state("AUTHORIZING"), "{updated}");
    for _ in 0..3 {
        assert_eq!(state_of(&describe("proxy-oauth").1), state("AUTHORIZING"));
    }

    // Basic and API key: AUTHORIZED at once.
    let (_, created) = proxy.call("us-east-1", "CreateConnection", api_key_connection("proxy-gone"));
    assert_eq!(state_of(&created), state("AUTHORIZED"), "{created}");
    assert_eq!(state_of(&describe("proxy-gone").1), state("AUTHORIZED"));

    // Delete: DELETING in the answer and the next two describes (secrets
    // still left out), then gone in AWS's words.
    let (status, deleted) = proxy.call("us-east-1", "DeleteConnection", json!({"Name": "proxy-gone"}));
    assert_eq!(status, 200, "{deleted}");
    assert_eq!(state_of(&deleted), state("DELETING"), "{deleted}");
    assert!(deleted["LastModifiedTime"].is_number(), "{deleted}");
    assert!(emu.describe("proxy-gone", "us-east-1").is_none(), "moto deleted it");
    for _ in 0..2 {
        let (status, body) = describe("proxy-gone");
        assert_eq!(status, 200, "{body}");
        assert_eq!(state_of(&body), state("DELETING"), "{body}");
        assert_eq!(body["Name"], "proxy-gone");
        assert!(!body.to_string().contains("s3cr3t"), "{body}");
    }
    let (status, gone) = describe("proxy-gone");
    assert_eq!(status, 400, "{gone}");
    assert_eq!(gone["__type"], "ResourceNotFoundException");
    assert_eq!(
        gone["message"],
        "Failed to describe the connection(s). Connection 'proxy-gone' does not exist."
    );

    // Made again while DELETING: the new one is described.
    proxy.call("us-east-1", "CreateConnection", api_key_connection("proxy-again"));
    proxy.call("us-east-1", "DeleteConnection", json!({"Name": "proxy-again"}));
    assert_eq!(state_of(&describe("proxy-again").1), state("DELETING"));
    let (status, _) = proxy.call("us-east-1", "CreateConnection", api_key_connection("proxy-again"));
    assert_eq!(status, 200);
    assert_eq!(state_of(&describe("proxy-again").1), state("AUTHORIZED"));

    // As moto does, on request.
    proxy.deleting_for(0);
    proxy.call("us-east-1", "DeleteConnection", json!({"Name": "proxy-again"}));
    assert_eq!(describe("proxy-again").0, 400);
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}
