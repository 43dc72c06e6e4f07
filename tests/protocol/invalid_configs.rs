//! Hostile input: a corpus of invalid configurations
//! (tests/fixtures/invalid_configs.json), each rejected by the built
//! provider at validation with its expected summary at its attribute path,
//! no secret in any message, no crash, and not one AWS call.

use support::protocol::{dv, Plugin};
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{decode_json, Value};

const API_KEY: &str = r#"{"name":"crm","description":"d","authorization_type":"API_KEY",
  "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"s3cr3t-key"}],"basic":[],"oauth":[],"connectivity_parameters":[],
    "invocation_http_parameters":[{"body":[],"query_string":[],"header":[{"key":"x-tenant","value":"acme","is_value_secret":false}]}]}],
  "invocation_connectivity_parameters":[]}"#;

const OAUTH: &str = r#"{"name":"partner","authorization_type":"OAUTH_CLIENT_CREDENTIALS",
  "auth_parameters":[{"api_key":[],"basic":[],"connectivity_parameters":[],"invocation_http_parameters":[],
    "oauth":[{"authorization_endpoint":"https://auth.example.com/token","http_method":"POST",
      "client_parameters":[{"client_id":"partner","client_secret":"s3cr3t-client"}],
      "oauth_http_parameters":[{"body":[{"key":"scope","value":"events","is_value_secret":false}],"header":[],"query_string":[]}]}]}],
  "invocation_connectivity_parameters":[]}"#;

/// Sets `value` at `path` (`a[0].b`) in a JSON configuration.
fn set(config: &mut serde_json::Value, path: &str, value: serde_json::Value) {
    let mut cur = config;
    let steps: Vec<&str> = path.split('.').collect();
    for (i, step) in steps.iter().enumerate() {
        let (name, index) = match step.split_once('[') {
            Some((n, rest)) => (n, Some(rest.trim_end_matches(']').parse::<usize>().expect("index"))),
            None => (*step, None),
        };
        let last = i == steps.len() - 1;
        if last && index.is_none() {
            cur[name] = value;
            return;
        }
        cur = &mut cur[name];
        if let Some(index) = index {
            if last {
                cur[index] = value;
                return;
            }
            cur = &mut cur[index];
        }
    }
}

#[tokio::test]
async fn every_invalid_configuration_is_rejected_at_its_attribute_without_aws_calls() {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../fixtures/invalid_configs.json")).expect("the corpus");
    assert!(cases.len() >= 40, "the corpus must hold at least 40 configurations");
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    support::protocol::configure(&mut client, &emulator.endpoint).await;
    let ty = connection_schema().value_type();
    let print = std::env::var_os("PRINT_SUMMARIES").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["case"].as_str().unwrap();
        let set_map = case["set"].as_object().unwrap();
        let mut config: serde_json::Value =
            serde_json::from_str(if set_map.contains_key("@oauth") { OAUTH } else { API_KEY }).unwrap();
        for (path, value) in set_map.iter().filter(|(k, _)| !k.starts_with('@')) {
            set(&mut config, path, value.clone());
        }
        let value: Value = decode_json(config.to_string().as_bytes(), &ty, false).expect(name);
        let resp = client
            .validate_resource_config(pb::validate_resource_config::Request {
                type_name: "eventbridge_connection".into(),
                config: dv(&value, &ty),
                client_capabilities: Some(pb::ClientCapabilities {
                    deferral_allowed: false,
                    write_only_attributes_allowed: true,
                }),
            })
            .await
            .expect("an answer");
        let diags = resp.into_inner().diagnostics;
        let errors: Vec<(String, String)> = diags
            .iter()
            .filter(|d| d.severity == pb::diagnostic::Severity::Error as i32)
            .map(|d| (path_text(d.attribute.as_ref()), d.summary.clone()))
            .collect();
        for d in &diags {
            let text = format!("{} {}", d.summary, d.detail);
            if text.contains("s3cr3t") {
                failures.push(format!("{name}: a secret is quoted in {text:?}"));
            }
            if d.summary.contains("crashed") {
                failures.push(format!("{name}: the provider crashed"));
            }
        }
        if print {
            println!("{name} => {errors:?}");
            continue;
        }
        let expected = (
            case["path"].as_str().unwrap().to_string(),
            case["summary"].as_str().unwrap().to_string(),
        );
        if errors.first() != Some(&expected) {
            failures.push(format!("{name}: expected {expected:?}, got {errors:?}"));
        }
    }
    let calls: usize = [
        "CreateConnection",
        "DescribeConnection",
        "UpdateConnection",
        "DeleteConnection",
        "ListConnections",
    ]
    .iter()
    .map(|op| emulator.requests(op).len())
    .sum();
    assert_eq!(calls, 0, "validation made AWS calls");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn path_text(path: Option<&pb::AttributePath>) -> String {
    use pb::attribute_path::step::Selector;
    let mut out = String::new();
    for step in path.map(|p| p.steps.as_slice()).unwrap_or_default() {
        match &step.selector {
            Some(Selector::AttributeName(n)) if out.is_empty() => out.push_str(n),
            Some(Selector::AttributeName(n)) => out.push_str(&format!(".{n}")),
            Some(Selector::ElementKeyInt(i)) => out.push_str(&format!("[{i}]")),
            Some(Selector::ElementKeyString(k)) => out.push_str(&format!("[{k:?}]")),
            None => {}
        }
    }
    out
}
