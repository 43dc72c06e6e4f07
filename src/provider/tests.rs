//! The provider block's schema, typed model and validation, argument by
//! argument.

use super::schema::ProviderConfig;
use super::EventBridgeProvider;
use crate::tfplugin::model::{full_value, Maybe};
use crate::tfplugin::{decode_json, flags, Block, Diagnostic, Diagnostics, Model, Provider, Severity, Value};

/// Diagnostics of ValidateProviderConfig for a JSON configuration: each
/// argument's checks, then the rules that span arguments, as the server
/// runs them.
fn diagnostics(json: serde_json::Value) -> Vec<Diagnostic> {
    let ty = EventBridgeProvider.schema().value_type();
    checked(&decode_json(json.to_string().as_bytes(), &ty, false).expect("configuration"))
}

fn checked(config: &Value) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    flags::check_values(&EventBridgeProvider.schema().block, config, &mut diags);
    EventBridgeProvider.validate(config, &mut diags);
    diags.0
}

/// The same as `(severity, path, summary)`.
fn validated(json: serde_json::Value) -> Vec<(Severity, String, String)> {
    diagnostics(json)
        .into_iter()
        .map(|d| (d.severity, d.path.map(|p| p.to_string()).unwrap_or_default(), d.summary))
        .collect()
}

/// Paths of the diagnostics of one severity.
fn paths(json: serde_json::Value, severity: Severity) -> Vec<String> {
    validated(json)
        .into_iter()
        .filter(|d| d.0 == severity)
        .map(|d| d.1)
        .collect()
}

fn errors_at(json: serde_json::Value) -> Vec<String> {
    paths(json, Severity::Error)
}

fn warnings_at(json: serde_json::Value) -> Vec<String> {
    paths(json, Severity::Warning)
}

#[test]
fn a_typical_hashicorp_aws_block_validates_with_only_no_effect_warnings() {
    let block = serde_json::json!({
        "region": "eu-central-1",
        "allowed_account_ids": ["123456789012"],
        "assume_role": [
            {"role_arn": "arn:aws:iam::123456789012:role/hub", "session_name": "ci", "duration": "1h"},
            {"role_arn": "arn:aws:iam::123456789012:role/deploy", "external_id": "ext-123",
             "tags": {"team": "platform"}, "transitive_tag_keys": ["team"], "source_identity": "ci-bot",
             "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
             "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
        ],
        "default_tags": [{"tags": {"env": "prod"}}],
        "ignore_tags": [{"keys": ["a"]}],
        "endpoints": [{"sts": "https://sts-fips.eu-central-1.amazonaws.com"}],
        "use_fips_endpoint": true,
        "retry_mode": "adaptive",
        "max_retries": 10,
        "http_proxy": "http://proxy.corp:3128",
        "no_proxy": ".corp,10.0.0.0/8",
        "s3_use_path_style": true
    });
    assert_eq!(errors_at(block.clone()), Vec::<String>::new());
    assert_eq!(warnings_at(block), vec!["s3_use_path_style"]);
}

#[test]
fn each_error_names_its_attribute_path() {
    let cases = [
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a"}, {"role_arn": "nope"}]}),
            "assume_role[1].role_arn",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a"}, {"session_name": "ci"}]}),
            "assume_role[1].role_arn",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration": "5m"}]}),
            "assume_role[0].duration",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "session_name": "a b"}]}),
            "assume_role[0].session_name",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "policy": "{"}]}),
            "assume_role[0].policy",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "policy_arns": ["x"]}]}),
            "assume_role[0].policy_arns",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "transitive_tag_keys": ["t"]}]}),
            "assume_role[0].transitive_tag_keys",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "external_id": "x"}]}),
            "assume_role[0].external_id",
        ),
        (
            serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration": "1h", "duration_seconds": 3600}]}),
            "assume_role[0].duration_seconds",
        ),
        (
            serde_json::json!({"assume_role_with_web_identity": [{"web_identity_token": "abcd", "web_identity_token_file": "/t"}]}),
            "assume_role_with_web_identity[0].web_identity_token_file",
        ),
        (
            serde_json::json!({"assume_role_with_web_identity": [{"web_identity_token": "ab"}]}),
            "assume_role_with_web_identity[0].web_identity_token",
        ),
        (
            serde_json::json!({"allowed_account_ids": ["1"], }),
            "allowed_account_ids",
        ),
        (
            serde_json::json!({"allowed_account_ids": ["123456789012"], "forbidden_account_ids": ["210987654321"]}),
            "forbidden_account_ids",
        ),
        (
            serde_json::json!({"allowed_account_ids": ["123456789012"], "skip_requesting_account_id": true}),
            "skip_requesting_account_id",
        ),
        (serde_json::json!({"sts_region": "mars-1"}), "sts_region"),
        (serde_json::json!({"retry_mode": "fast"}), "retry_mode"),
        (
            serde_json::json!({"token_bucket_rate_limiter_capacity": 0}),
            "token_bucket_rate_limiter_capacity",
        ),
        (serde_json::json!({"https_proxy": "socks5://p:1080"}), "https_proxy"),
        (
            serde_json::json!({"ec2_metadata_service_endpoint_mode": "IPv5"}),
            "ec2_metadata_service_endpoint_mode",
        ),
        (
            serde_json::json!({"ec2_metadata_service_endpoint": "169.254.169.254"}),
            "ec2_metadata_service_endpoint",
        ),
        (
            serde_json::json!({"endpoints": [{"sts": "sts.local"}]}),
            "endpoints[0].sts",
        ),
        (
            serde_json::json!({"endpoints": [{"events": "http://a:1", "eventbridge": "http://b:2"}]}),
            "endpoints[0].eventbridge",
        ),
        (
            serde_json::json!({"endpoint": "http://a:1", "endpoints": [{"events": "http://a:1"}]}),
            "endpoint",
        ),
        (serde_json::json!({"user_agent": ["bad\nline"]}), "user_agent"),
    ];
    for (config, path) in cases {
        let errors = errors_at(config.clone());
        assert_eq!(errors, vec![path.to_string()], "{config}");
    }
}

#[test]
fn skip_region_validation_accepts_any_region_name() {
    let config = serde_json::json!({"region": "moon-base", "sts_region": "moon-base", "skip_region_validation": true});
    assert_eq!(errors_at(config), Vec::<String>::new());
    assert_eq!(errors_at(serde_json::json!({"region": "moon-base"})), vec!["region"]);
}

#[test]
fn deprecated_arguments_warn_at_their_path_and_still_work() {
    let config = serde_json::json!({
        "endpoint": "http://127.0.0.1:5000",
        "assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration_seconds": 3600}]
    });
    assert_eq!(errors_at(config.clone()), Vec::<String>::new());
    assert_eq!(warnings_at(config), vec!["assume_role[0].duration_seconds", "endpoint"]);
}

#[test]
fn a_single_assume_role_without_a_role_is_ignored_with_a_warning() {
    let config = serde_json::json!({"assume_role": [{"role_arn": ""}]});
    assert_eq!(errors_at(config.clone()), Vec::<String>::new());
    assert_eq!(warnings_at(config), vec!["assume_role[0].role_arn"]);
}

#[test]
fn secrets_are_sensitive_in_the_schema() {
    let schema = EventBridgeProvider.schema();
    let block = &schema.block;
    for name in ["secret_key", "token"] {
        assert!(block.attribute(name).is_some_and(|a| a.sensitive), "{name}");
    }
    let web = &block.nested("assume_role_with_web_identity").expect("block").block;
    assert!(web.attribute("web_identity_token").is_some_and(|a| a.sensitive));
}

#[test]
fn every_argument_is_documented() {
    fn check(block: &Block, at: &str) {
        for (name, attr) in &block.attributes {
            assert!(!attr.description.is_empty(), "{at}{name}");
        }
        for (name, nested) in &block.blocks {
            assert!(!nested.block.description.is_empty(), "{at}{name}");
            check(&nested.block, &format!("{at}{name}."));
        }
    }
    check(&EventBridgeProvider.schema().block, "");
}

#[test]
fn every_argument_of_the_schema_survives_the_typed_config() {
    let value = full_value(&EventBridgeProvider.schema().block);
    assert_eq!(ProviderConfig::from_value(&value).to_value(), value);
}

/// An empty provider block but for `access_key`, `endpoint` and a
/// `default_tags` block, each unknown until apply.
fn unknown_keys_endpoint_and_default_tags() -> Value {
    let mut config = ProviderConfig::default().to_value();
    for name in ["access_key", "endpoint", "default_tags"] {
        if let Some(v) = config.attr_mut(name) {
            *v = Value::Unknown;
        }
    }
    config
}

#[test]
fn arguments_unknown_until_apply_stay_unknown_where_rules_need_to_know() {
    let config = unknown_keys_endpoint_and_default_tags();
    let typed = ProviderConfig::from_value(&config);
    assert_eq!(typed.access_key, Maybe::Unknown);
    assert_eq!(typed.endpoint, Maybe::Unknown);
    assert_eq!(typed.default_tags, Maybe::Unknown);
    assert_eq!(typed.to_value(), config);
}

#[test]
fn unknown_arguments_count_as_set_for_the_rules_that_span_them() {
    let config = unknown_keys_endpoint_and_default_tags();
    let found: Vec<(String, String)> = checked(&config)
        .into_iter()
        .map(|d| (d.path.map(|p| p.to_string()).unwrap_or_default(), d.summary))
        .collect();
    assert_eq!(
        found,
        [
            ("secret_key", "Incomplete static credentials"),
            ("endpoint", "Deprecated argument"),
        ]
        .map(|(p, s)| (p.to_string(), s.to_string()))
    );
}

#[test]
fn secrets_stay_out_of_the_typed_configs_debug_output() {
    // Each string of the full value is its own path.
    let config = ProviderConfig::from_value(&full_value(&EventBridgeProvider.schema().block));
    let text = format!("{config:?}");
    assert!(text.contains("\"access_key\""), "{text}");
    for secret in [
        "secret_key",
        "token",
        "assume_role_with_web_identity.web_identity_token",
    ] {
        assert!(!text.contains(&format!("\"{secret}\"")), "{secret} in {text}");
    }
}

#[test]
fn moved_checks_keep_their_words() {
    let detail_at = |json: serde_json::Value, path: &str| {
        diagnostics(json)
            .into_iter()
            .filter(|d| d.path.as_ref().is_some_and(|p| p.to_string() == path))
            .map(|d| format!("{}: {}", d.summary, d.detail))
            .collect::<Vec<_>>()
    };
    let role = |extra: serde_json::Value| {
        let mut role = serde_json::json!({"role_arn": "arn:aws:iam::123456789012:role/a"});
        role.as_object_mut()
            .expect("an object")
            .extend(extra.as_object().expect("an object").clone());
        serde_json::json!({ "assume_role": [role] })
    };
    let cases = [
        (
            role(serde_json::json!({"session_name": "a b"})),
            "assume_role[0].session_name",
            "Invalid session_name: \"a b\" is not a valid role session name: use 2 to 64 characters of letters, \
             digits and `_+=,.@-`.",
        ),
        (
            role(serde_json::json!({"source_identity": "x"})),
            "assume_role[0].source_identity",
            "Invalid source_identity: \"x\" is not a valid source identity: use 2 to 64 characters of letters, \
             digits and `_+=,.@-`.",
        ),
        (
            role(serde_json::json!({"tags": {"": "v"}})),
            "assume_role[0].tags",
            "Invalid session tag: Session tag \"\": keys are 1 to 128 characters, values up to 256.",
        ),
        (
            role(serde_json::json!({"duration_seconds": 5400})),
            "assume_role[0].duration_seconds",
            "Deprecated argument: duration_seconds is deprecated: write duration = \"90m\" instead, as \
             hashicorp/aws spells it.",
        ),
        (
            serde_json::json!({"max_retries": 2.5}),
            "max_retries",
            "Invalid max_retries: Use a whole number from 0 to 100.",
        ),
        (
            serde_json::json!({"endpoint": "nope"}),
            "endpoint",
            "Invalid endpoint: \"nope\" is not an http(s) URL, e.g. \"https://events.us-east-1.amazonaws.com\".",
        ),
    ];
    for (config, path, expected) in cases {
        let found = detail_at(config, path);
        assert_eq!(found.first().map(String::as_str), Some(expected), "{found:?}");
    }
}
