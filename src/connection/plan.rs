//! Plan rules for `eventbridge_connection`:
//! - create: AWS-decided values are unknown; `id` is the name; `region`
//!   defaults to the provider's; `is_value_secret` defaults to false;
//! - update: AWS-decided values are kept unless what they depend on changes,
//!   and a plan equal to the prior state is exactly the prior state (no diff);
//! - `name` and `region` changes replace; so does removing
//!   `kms_key_identifier`, which AWS cannot do in place.

use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// Attributes AWS decides at the top level.
const COMPUTED: [&str; 4] = ["arn", "secret_arn", "connection_state", "state_reason"];

pub struct Planned {
    pub state: Value,
    pub requires_replace: Vec<AttributePath>,
    pub diagnostics: Diagnostics,
}

pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str) -> Planned {
    let mut diagnostics = Diagnostics::new();
    if proposed.is_null() {
        return Planned {
            state: Value::Null,
            requires_replace: Vec::new(),
            diagnostics,
        };
    }
    let mut state = proposed.clone();
    let id = state.attr("name").clone();
    set(&mut state, "id", id);
    let region = match config.attr("region") {
        Value::Null => Value::string(default_region),
        configured => configured.clone(),
    };
    set(&mut state, "region", region);
    default_is_value_secret(&mut state, config);
    forget_write_only(&mut state);

    if prior.is_null() {
        for name in COMPUTED {
            set(&mut state, name, Value::Unknown);
        }
        for_each_resource_parameters(&mut state, |r| set(r, "resource_association_arn", Value::Unknown));
        return Planned {
            state,
            requires_replace: Vec::new(),
            diagnostics,
        };
    }

    let mut requires_replace = Vec::new();
    for name in ["name", "region"] {
        // A prior state without a region (taken over from another provider)
        // is in the provider's region: nothing to replace.
        if state.attr(name) != prior.attr(name) && !prior.attr(name).is_null() {
            requires_replace.push(AttributePath::of(&[name]));
        }
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

    if !requires_replace.is_empty() {
        // A new object: everything AWS decides is new too.
        for name in COMPUTED {
            set(&mut state, name, Value::Unknown);
        }
        for_each_resource_parameters(&mut state, |r| set(r, "resource_association_arn", Value::Unknown));
    } else {
        let (now, before) = (settings(&state), settings(prior));
        let reauthorizes = ["authorization_type", "auth_parameters", "secrets_wo_version"]
            .iter()
            .any(|name| now.attr(name) != before.attr(name));
        if reauthorizes {
            // New credentials may authorize, or fail to: AWS decides.
            set(&mut state, "connection_state", Value::Unknown);
            set(&mut state, "state_reason", Value::Unknown);
        }
        keep_association_arns(&mut state, prior);
    }
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

/// What the user controls: the value without AWS-decided attributes and
/// without `timeouts` (a change of timeouts alone needs no API call).
fn settings(v: &Value) -> Value {
    let mut s = v.clone();
    for name in COMPUTED.iter().chain(&["timeouts"]) {
        set(&mut s, name, Value::Null);
    }
    for_each_resource_parameters(&mut s, |r| set(r, "resource_association_arn", Value::Null));
    s
}

/// Paths of the two `resource_parameters` blocks.
const CONNECTIVITY: [[&str; 2]; 2] = [
    ["auth_parameters", "connectivity_parameters"],
    ["invocation_connectivity_parameters", ""],
];

/// Calls `f` on each `resource_parameters` block present.
fn for_each_resource_parameters(state: &mut Value, mut f: impl FnMut(&mut Value)) {
    for path in CONNECTIVITY {
        if let Some(r) = resource_parameters_mut(state, path) {
            f(r);
        }
    }
}

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

/// Write-only attributes (`*_wo`) are never planned nor stored: null.
fn forget_write_only(v: &mut Value) {
    match v {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if name.ends_with("_wo") {
                    *field = Value::Null;
                } else {
                    forget_write_only(field);
                }
            }
        }
        Value::List(items) => items.iter_mut().for_each(forget_write_only),
        _ => {}
    }
}

/// `is_value_secret` not set in the configuration plans as false (a default
/// the protocol has no other way to express).
fn default_is_value_secret(state: &mut Value, config: &Value) {
    let http_paths: [&[&str]; 2] = [
        &["auth_parameters", "invocation_http_parameters"],
        &["auth_parameters", "oauth", "oauth_http_parameters"],
    ];
    for path in http_paths {
        let (Some(planned), Some(configured)) = (block_mut(state, path), block(config, path)) else {
            continue;
        };
        for list in ["body", "header", "query_string"] {
            let configured_list = configured.attr(list).elements();
            let Some(Value::List(params)) = planned.attr_mut(list) else {
                continue;
            };
            for (i, param) in params.iter_mut().enumerate() {
                let from_config = configured_list.get(i).map(|c| c.attr("is_value_secret").clone());
                let value = match from_config {
                    Some(Value::Null) | None => Value::Bool(false),
                    Some(v) => v,
                };
                set(param, "is_value_secret", value);
            }
        }
    }
}

/// The first block at each step of `path` (all `max_items = 1` lists).
fn block<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, name| cur.attr(name).first())
}

fn block_mut<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    let mut cur = v;
    for name in path {
        cur = first_mut(cur.attr_mut(name)?)?;
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::schema::schema;
    use crate::tfplugin::{decode_json, object};

    fn config(json: &str) -> Value {
        decode_json(json.as_bytes(), &schema().value_type(), false).unwrap()
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
    fn destroy_plans_null() {
        assert_eq!(
            plan(&created(), &Value::Null, &Value::Null, "us-east-1").state,
            Value::Null
        );
        let _ = object([]);
    }
}
