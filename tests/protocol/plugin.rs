//! Tier 3: the built provider, started and spoken to exactly as Terraform
//! does (TLS, go-plugin services, tfplugin6 RPCs).

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use support::protocol::{assert_no_diagnostics, describe_diagnostics, dv, provider_binary, value_of, Address, Plugin};
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::provider::EventBridgeProvider;
use terraform_provider_eventbridge::tfplugin::proto::plugin::Empty;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{Provider, Type, Value};
use terraform_provider_eventbridge::PROVIDER_ADDRESS;

fn provider_type() -> Type {
    EventBridgeProvider.schema().value_type()
}

fn provider_config(fields: &[(&str, Value)]) -> Value {
    let Type::Object(attrs) = provider_type() else {
        unreachable!()
    };
    let mut v: std::collections::BTreeMap<String, Value> = attrs.keys().map(|k| (k.clone(), Value::Null)).collect();
    v.insert("assume_role".into(), Value::List(vec![]));
    for (k, val) in fields {
        v.insert(k.to_string(), val.clone());
    }
    Value::Object(v)
}

#[tokio::test]
async fn handshake_announces_a_tls_unix_socket_in_a_private_directory() {
    let plugin = Plugin::start().await;
    assert!(plugin.handshake.starts_with("1|6|unix|"), "{}", plugin.handshake);
    assert!(!plugin.handshake.ends_with('='), "certificate must be unpadded base64");
    let dir = plugin.address.socket().parent().expect("socket dir");
    let mode = std::fs::metadata(dir).expect("dir").permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    // The health service reports the plugin as serving.
    let mut health = tonic_health::pb::health_client::HealthClient::new(plugin.channel.clone());
    let status = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "plugin".into(),
        })
        .await
        .expect("health check")
        .into_inner();
    assert_eq!(
        status.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
}

#[tokio::test]
async fn the_schema_describes_the_provider_and_the_connection_resource() {
    let plugin = Plugin::start().await;
    let schema = plugin.schema().await;
    let provider = schema.provider.expect("provider schema").block.expect("block");
    let names: Vec<&str> = provider.attributes.iter().map(|a| a.name.as_str()).collect();
    for name in [
        "region",
        "profile",
        "access_key",
        "secret_key",
        "token",
        "endpoint",
        "max_retries",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let secret = provider.attributes.iter().find(|a| a.name == "secret_key").unwrap();
    assert!(secret.sensitive);
    let resource = &schema.resource_schemas["eventbridge_connection"];
    let block = resource.block.as_ref().unwrap();
    assert!(
        block.attributes.iter().all(|a| !a.description.is_empty()),
        "every attribute documented"
    );
    assert!(schema.server_capabilities.unwrap().plan_destroy);
}

#[tokio::test]
async fn an_invalid_provider_config_points_at_the_attribute() {
    let plugin = Plugin::start().await;
    let config = provider_config(&[
        ("region", Value::string("Not A Region")),
        ("access_key", Value::string("AKIA")),
    ]);
    let resp = plugin
        .provider()
        .validate_provider_config(pb::validate_provider_config::Request {
            config: dv(&config, &provider_type()),
        })
        .await
        .unwrap()
        .into_inner();
    let paths: Vec<String> = resp
        .diagnostics
        .iter()
        .map(|d| match &d.attribute.as_ref().unwrap().steps[0].selector {
            Some(pb::attribute_path::step::Selector::AttributeName(n)) => n.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        paths,
        ["region", "secret_key"],
        "{}",
        describe_diagnostics(&resp.diagnostics)
    );
}

#[tokio::test]
async fn configure_without_any_region_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap();
    let plugin = Plugin::start_with(&[
        ("HOME", home_path),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", "/nonexistent"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ("AWS_REGION", ""),
        ("AWS_DEFAULT_REGION", ""),
    ])
    .await;
    let resp = plugin
        .provider()
        .configure_provider(pb::configure_provider::Request {
            terraform_version: "1.0.3".into(),
            config: dv(&provider_config(&[]), &provider_type()),
            client_capabilities: None,
        })
        .await
        .unwrap()
        .into_inner();
    let text = describe_diagnostics(&resp.diagnostics);
    assert!(text.contains("No AWS Region"), "{text}");
}

#[tokio::test]
async fn configure_against_the_emulator_then_read_a_missing_connection_as_gone() {
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let plugin = Plugin::start_with(&[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")]).await;
    let mut client = plugin.provider();
    let config = provider_config(&[
        ("region", Value::string("us-east-1")),
        ("endpoint", Value::string(emulator.endpoint.clone())),
        ("max_retries", Value::int(1)),
    ]);
    let resp = client
        .configure_provider(pb::configure_provider::Request {
            terraform_version: "1.0.3".into(),
            config: dv(&config, &provider_type()),
            client_capabilities: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&resp.diagnostics);

    let ty = connection_schema().value_type();
    let mut state = std::collections::BTreeMap::new();
    let Type::Object(attrs) = &ty else { unreachable!() };
    for (name, t) in attrs {
        let empty = matches!(t, Type::List(_));
        state.insert(name.clone(), if empty { Value::List(vec![]) } else { Value::Null });
    }
    state.insert("name".into(), Value::string("never-created"));
    state.insert("region".into(), Value::string("us-east-1"));
    let read = client
        .read_resource(pb::read_resource::Request {
            type_name: "eventbridge_connection".into(),
            current_state: dv(&Value::Object(state), &ty),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_no_diagnostics(&read.diagnostics);
    assert_eq!(value_of(read.new_state.as_ref(), &ty), Value::Null);
}

#[tokio::test]
async fn garbage_dynamic_values_give_a_diagnostic_and_the_provider_keeps_serving() {
    let plugin = Plugin::start().await;
    let mut client = plugin.provider();
    for garbage in [
        vec![0xa5, 0x61],
        vec![0xdd, 0xff, 0xff, 0xff, 0xff],
        b"not msgpack at all".to_vec(),
        vec![0x81, 0xa4],
    ] {
        let resp = client
            .validate_resource_config(pb::validate_resource_config::Request {
                type_name: "eventbridge_connection".into(),
                config: Some(pb::DynamicValue {
                    msgpack: garbage,
                    json: vec![],
                }),
                client_capabilities: None,
            })
            .await
            .expect("an answer, not a transport error")
            .into_inner();
        assert_eq!(resp.diagnostics.len(), 1);
        assert_eq!(resp.diagnostics[0].severity, pb::diagnostic::Severity::Error as i32);
    }
    let schema = client.get_provider_schema(pb::get_provider_schema::Request {}).await;
    assert!(schema.is_ok());
}

#[tokio::test]
async fn an_unknown_resource_type_is_an_error_diagnostic() {
    let plugin = Plugin::start().await;
    let resp = plugin
        .provider()
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "eventbridge_nope".into(),
            config: None,
            client_capabilities: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert!(describe_diagnostics(&resp.diagnostics).contains("eventbridge_nope"));
}

#[tokio::test]
async fn stop_provider_answers_and_shutdown_exits_cleanly_within_a_second() {
    let mut plugin = Plugin::start().await;
    let stop = plugin
        .provider()
        .stop_provider(pb::stop_provider::Request {})
        .await
        .unwrap()
        .into_inner();
    assert_eq!(stop.error, "");
    let started = Instant::now();
    plugin.controller().shutdown(Empty {}).await.expect("shutdown answered");
    let status = plugin.wait_exit(Duration::from_secs(1)).expect("exited within 1 s");
    assert!(status.success(), "{status:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(!plugin.address.socket().exists(), "socket cleaned up");
}

#[tokio::test]
async fn sigint_is_ignored_like_go_plugins_do() {
    let mut plugin = Plugin::start().await;
    unsafe {
        libc::kill(plugin.pid() as i32, libc::SIGINT);
    }
    assert!(
        plugin.wait_exit(Duration::from_millis(300)).is_none(),
        "still running after SIGINT"
    );
    let schema = plugin
        .provider()
        .get_provider_schema(pb::get_provider_schema::Request {})
        .await;
    assert!(schema.is_ok());
}

#[test]
fn without_the_magic_cookie_it_says_it_is_a_plugin_and_exits_1() {
    let out = std::process::Command::new(provider_binary())
        .env_remove("TF_PLUGIN_MAGIC_COOKIE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("This binary is a plugin"));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_host_without_protocol_6_is_refused() {
    let out = std::process::Command::new(provider_binary())
        .env(
            "TF_PLUGIN_MAGIC_COOKIE",
            terraform_provider_eventbridge::tfplugin::MAGIC_COOKIE_VALUE,
        )
        .env("PLUGIN_PROTOCOL_VERSIONS", "4,5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 6"));
}

#[tokio::test]
async fn debug_mode_prints_a_reattach_line_and_serves_plaintext() {
    let (mut child, reattach) =
        support::protocol::start_debug(&[(terraform_provider_eventbridge::tfplugin::TRANSPORT_VARIABLE, "unix")]);
    let json: serde_json::Value = serde_json::from_str(&reattach).unwrap();
    let entry = &json[PROVIDER_ADDRESS];
    assert_eq!(entry["Test"], true);
    assert_eq!(entry["ProtocolVersion"], 6);
    assert_eq!(entry["Pid"], child.id());
    assert_eq!(entry["Addr"]["Network"], "unix");
    let channel = support::protocol::connect_with(support::protocol::reattach_address(&reattach), None)
        .await
        .expect("plaintext");
    let mut client = pb::provider_client::ProviderClient::new(channel);
    assert!(client
        .get_provider_schema(pb::get_provider_schema::Request {})
        .await
        .is_ok());
    let _ = child.kill();
    let _ = child.wait();
}

pub(crate) async fn served(address: Address, tls: Option<rustls::ClientConfig>) -> bool {
    match support::protocol::connect_with(address, tls).await {
        Err(_) => false,
        Ok(channel) => pb::provider_client::ProviderClient::new(channel)
            .get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .is_ok(),
    }
}

#[tokio::test]
async fn only_the_certificate_terraform_passed_may_connect() {
    assert_only_terraforms_certificate_is_served(&Plugin::start().await).await;
}

/// Terraform's client certificate is served; another, none, or no TLS at
/// all is refused; on either transport.
pub(crate) async fn assert_only_terraforms_certificate_is_served(plugin: &Plugin) {
    let der = plugin.server_cert_der.clone();
    let right = support::protocol::client_tls_config(der.clone(), Some(plugin.client.clone()));
    assert!(served(plugin.address.clone(), Some(right.clone())).await);
    // Another certificate, even one shaped like Terraform's, is refused.
    let stranger = support::protocol::terraform_like_client_cert();
    let other = support::protocol::client_tls_config(der.clone(), Some(stranger));
    assert!(
        !served(plugin.address.clone(), Some(other)).await,
        "a client with another certificate was served"
    );
    // So are no certificate and no TLS at all.
    let anonymous = support::protocol::client_tls_config(der.clone(), None);
    assert!(
        !served(plugin.address.clone(), Some(anonymous)).await,
        "a client without a certificate was served"
    );
    assert!(
        !served(plugin.address.clone(), None).await,
        "a plaintext client was served"
    );
    // And Terraform's still works afterwards.
    assert!(served(plugin.address.clone(), Some(right)).await);
}
