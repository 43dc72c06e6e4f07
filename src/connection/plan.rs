//! The EventBridge rules of an `eventbridge_connection` plan, on top of the
//! generic ones the plugin layer applies from the schema's flags
//! (defaults, write-only, unknown computed values, `replaces`):
//! - `id` is the name; an unset `region` is the provider's;
//! - removing `kms_key_identifier` replaces the connection, with a warning:
//!   AWS cannot take a customer managed key off a connection;
//! - new credentials re-authorize: the state AWS reports is unknown until
//!   it has tried them;
//! - a resource association ARN follows its resource configuration ARN.
//!
//! Anything else AWS decided is kept from the prior state, so a plan equal
//! to the prior state is exactly the prior state (no diff).

use super::schema;
use crate::tfplugin::{flags, AttributePath, Diagnostics, Value};

pub struct Planned {
    pub state: Value,
    /// Replacements beyond the `replaces` attributes (the server adds those).
    pub requires_replace: Vec<AttributePath>,
    pub diagnostics: Diagnostics,
}

/// `proposed` has the generic rules applied already; `prior` is null for a
/// new connection.
pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str) -> Planned {
    let mut diagnostics = Diagnostics::new();
    let mut requires_replace = Vec::new();
    let mut state = proposed.clone();
    let id = state.attr("name").clone();
    set(&mut state, "id", id);
    if config.attr("region").is_null() {
        set(&mut state, "region", Value::string(default_region));
    }
    if prior.is_null() {
        return Planned {
            state,
            requires_replace,
            diagnostics,
        };
    }

    if !prior.attr("kms_key_identifier").is_null() && state.attr("kms_key_identifier").is_null() {
        let path = AttributePath::of(&["kms_key_identifier"]);
        diagnostics.warning_at(
            &path,
            "Removing kms_key_identifier replaces the connection",
            "AWS cannot take a customer managed key off a connection, so Terraform will delete the connection and \
             create it again, encrypted with an AWS owned key. To keep the connection, keep the argument.",
        );
        requires_replace.push(path);
    }
    if reauthorizes(prior, &state) {
        // New credentials may authorize, or fail to: AWS decides.
        set(&mut state, "connection_state", Value::Unknown);
        set(&mut state, "state_reason", Value::Unknown);
    }
    keep_association_arns(&mut state, prior);
    Planned {
        state,
        requires_replace,
        diagnostics,
    }
}

fn set(object: &mut Value, name: &str, value: Value) {
    if let Some(slot) = object.attr_mut(name) {
        *slot = value;
    }
}

/// A change of what the user controls in the authorization (AWS-decided
/// values such as association ARNs aside) sends new credentials.
fn reauthorizes(prior: &Value, planned: &Value) -> bool {
    let block = &schema::cached().block;
    let (now, before) = (
        flags::without_computed_only(block, planned),
        flags::without_computed_only(block, prior),
    );
    ["authorization_type", "auth_parameters", "secrets_wo_version"]
        .iter()
        .any(|name| now.attr(name) != before.attr(name))
}

/// Paths of the two `resource_parameters` blocks.
const CONNECTIVITY: [[&str; 2]; 2] = [
    ["auth_parameters", "connectivity_parameters"],
    ["invocation_connectivity_parameters", ""],
];

fn resource_parameters_mut<'a>(state: &'a mut Value, path: [&str; 2]) -> Option<&'a mut Value> {
    let mut block = first_mut(state.attr_mut(path[0])?)?;
    if !path[1].is_empty() {
        block = first_mut(block.attr_mut(path[1])?)?;
    }
    first_mut(block.attr_mut("resource_parameters")?)
}

fn resource_parameters<'a>(state: &'a Value, path: [&str; 2]) -> Option<&'a Value> {
    let mut block = state.attr(path[0]).first()?;
    if !path[1].is_empty() {
        block = block.attr(path[1]).first()?;
    }
    block.attr("resource_parameters").first()
}

fn first_mut(v: &mut Value) -> Option<&mut Value> {
    match v {
        Value::List(items) => items.first_mut(),
        _ => None,
    }
}

/// Keeps the prior association ARN where the resource configuration ARN is
/// unchanged; a new or changed configuration gets an unknown one.
fn keep_association_arns(state: &mut Value, prior: &Value) {
    for path in CONNECTIVITY {
        let before = resource_parameters(prior, path).map(|r| {
            (
                r.attr("resource_configuration_arn").clone(),
                r.attr("resource_association_arn").clone(),
            )
        });
        if let Some(r) = resource_parameters_mut(state, path) {
            let value = match before {
                Some((config_arn, association)) if &config_arn == r.attr("resource_configuration_arn") => association,
                _ => Value::Unknown,
            };
            set(r, "resource_association_arn", value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::schema::schema;
    use crate::tfplugin::{decode_json, object};

    fn config(json: &str) -> Value {
        decode_json(json.as_bytes(), &schema().value_type(), false).unwrap()
    }

    /// The plan as the server makes it: generic rules, then ours.
    fn plan(prior: &Value, proposed: &Value, config: &Value, region: &str) -> Planned {
        if proposed.is_null() {
            return super::plan(prior, proposed, config, region);
        }
        let block = &schema().block;
        let proposed = flags::proposal(block, prior, proposed, config);
        let mut p = super::plan(prior, &proposed, config, region);
        flags::finish_plan(block, prior, config, &mut p.state, &mut p.requires_replace);
        p
    }

    fn block<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
        path.iter().try_fold(v, |cur, name| cur.attr(name).first())
    }

    const API_KEY: &str = r#"{"name":"crm","authorization_type":"API_KEY","auth_parameters":[{"api_key":[{"key":"k","value":"v"}],
        "invocation_http_parameters":[{"header":[{"key":"a","value":"1"}],"body":[],"query_string":[]}],
        "basic":[],"oauth":[],"connectivity_parameters":[]}],"invocation_connectivity_parameters":[]}"#;

    fn created() -> Value {
        let mut state = plan(&Value::Null, &config(API_KEY), &config(API_KEY), "us-east-1").state;
        set(
            &mut state,
            "arn",
            Value::string("arn:aws:events:us-east-1:1:connection/crm/x"),
        );
        set(&mut state, "secret_arn", Value::string("arn:secret"));
        set(&mut state, "connection_state", Value::string("AUTHORIZED"));
        set(&mut state, "state_reason", Value::Null);
        state
    }

    #[test]
    fn create_plans_aws_values_unknown_and_defaults_known() {
        let p = plan(&Value::Null, &config(API_KEY), &config(API_KEY), "eu-west-1");
        assert_eq!(p.state.attr("arn"), &Value::Unknown);
        assert_eq!(p.state.attr("id"), &Value::string("crm"));
        assert_eq!(p.state.attr("region"), &Value::string("eu-west-1"));
        let header = block(&p.state, &["auth_parameters", "invocation_http_parameters"])
            .unwrap()
            .attr("header");
        assert_eq!(header.elements()[0].attr("is_value_secret"), &Value::Bool(false));
    }

    #[test]
    fn an_unchanged_configuration_plans_exactly_the_prior_state() {
        let prior = created();
        // Terraform's proposed state: config plus prior computed values.
        let mut proposed = config(API_KEY);
        for name in ["id", "region", "arn", "secret_arn", "connection_state", "state_reason"] {
            set(&mut proposed, name, prior.attr(name).clone());
        }
        let p = plan(&prior, &proposed, &config(API_KEY), "us-east-1");
        assert_eq!(p.state, prior);
        assert!(p.requires_replace.is_empty());
    }

    #[test]
    fn a_description_change_keeps_the_arn_and_the_state() {
        let prior = created();
        let mut proposed = prior.clone();
        set(&mut proposed, "description", Value::string("new"));
        let mut cfg = config(API_KEY);
        set(&mut cfg, "description", Value::string("new"));
        let p = plan(&prior, &proposed, &cfg, "us-east-1");
        assert_eq!(p.state.attr("arn"), prior.attr("arn"));
        assert_eq!(p.state.attr("connection_state"), prior.attr("connection_state"));
    }

    #[test]
    fn new_credentials_leave_the_state_to_aws() {
        let prior = created();
        let changed = API_KEY.replace(r#""value":"v""#, r#""value":"rotated""#);
        let mut proposed = config(&changed);
        for name in ["id", "region", "arn", "secret_arn", "connection_state", "state_reason"] {
            set(&mut proposed, name, prior.attr(name).clone());
        }
        let p = plan(&prior, &proposed, &config(&changed), "us-east-1");
        assert_eq!(p.state.attr("connection_state"), &Value::Unknown);
        assert_eq!(p.state.attr("arn"), prior.attr("arn"));
    }

    #[test]
    fn renaming_or_moving_region_replaces() {
        let prior = created();
        let mut proposed = prior.clone();
        set(&mut proposed, "name", Value::string("other"));
        set(&mut proposed, "region", Value::string("eu-west-1"));
        let mut cfg = config(API_KEY);
        set(&mut cfg, "region", Value::string("eu-west-1"));
        let p = plan(&prior, &proposed, &cfg, "us-east-1");
        let paths: Vec<String> = p.requires_replace.iter().map(ToString::to_string).collect();
        assert_eq!(paths, ["name", "region"]);
        assert_eq!(p.state.attr("arn"), &Value::Unknown);
    }

    #[test]
    fn removing_the_kms_key_replaces_with_a_warning() {
        let mut prior = created();
        set(&mut prior, "kms_key_identifier", Value::string("alias/x"));
        let mut proposed = prior.clone();
        set(&mut proposed, "kms_key_identifier", Value::Null);
        let p = plan(&prior, &proposed, &config(API_KEY), "us-east-1");
        assert_eq!(p.requires_replace, vec![AttributePath::of(&["kms_key_identifier"])]);
        assert!(!p.diagnostics.is_empty());
    }

    #[test]
    fn write_only_secrets_are_planned_null() {
        let with_wo = API_KEY.replace(r#""value":"v""#, r#""value_wo":"never-in-state""#);
        let p = plan(&Value::Null, &config(&with_wo), &config(&with_wo), "us-east-1");
        let key = &block(&p.state, &["auth_parameters", "api_key"]).unwrap();
        assert_eq!(key.attr("value_wo"), &Value::Null);
    }

    #[test]
    fn a_connection_taken_over_without_a_region_is_not_replaced_for_it() {
        let mut prior = created();
        set(&mut prior, "region", Value::Null);
        let mut proposed = prior.clone();
        set(&mut proposed, "description", Value::string("new"));
        let p = plan(&prior, &proposed, &config(API_KEY), "us-east-1");
        assert!(p.requires_replace.is_empty(), "{:?}", p.requires_replace);
        assert_eq!(p.state.attr("region"), &Value::string("us-east-1"));
        let _ = object([]);
    }
}
