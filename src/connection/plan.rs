//! The EventBridge rules of an `eventbridge_connection` plan, on top of the
//! generic ones the plugin layer applies from the schema's flags
//! (defaults, write-only, unknown computed values, `replaces`):
//! - `id` is the name; an unset `region` is the provider's (the kit's rule);
//! - removing `kms_key_identifier` replaces the connection, with a warning:
//!   AWS cannot take a customer managed key off a connection;
//! - new credentials re-authorize: the state AWS reports is unknown until
//!   it has tried them;
//! - secrets follow outside changes: a connection changed outside Terraform
//!   since the last apply, or found deauthorized, gets the configured
//!   secrets again, with a warning that says why (see [`super::drift`]);
//! - a resource association ARN follows its resource configuration ARN.
//!
//! Anything else AWS decided is kept from the prior state, so a plan equal
//! to the prior state is exactly the prior state (no diff).

use super::drift::{self, Drift, Private};
use super::model::Connection;
use super::schema;
use crate::aws::errors;
use crate::aws::regional::region;
use crate::tfplugin::{flags, AttributePath, Diagnostics, Model, Value};

pub struct Planned {
    pub state: Value,
    /// Replacements beyond the `replaces` attributes (the server adds those).
    pub requires_replace: Vec<AttributePath>,
    pub diagnostics: Diagnostics,
    /// The apply sends the configured secrets again.
    pub resend: bool,
}

/// `proposed` has the generic rules applied already; `prior` is null for a
/// new connection, and `private` what the refresh recorded of it.
pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str, private: &Private) -> Planned {
    let mut diagnostics = Diagnostics::new();
    let mut requires_replace = Vec::new();
    let mut state = proposed.clone();
    region::plan(&mut state, config, default_region);
    if prior.is_null() {
        return Planned {
            state,
            requires_replace,
            diagnostics,
            resend: false,
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
    let resend = match drift::judge(prior, private) {
        Some(drift) => follow_outside_change(&drift, prior, config, &mut diagnostics),
        None => false,
    };
    if resend || reauthorizes(prior, &state) {
        // New credentials may authorize, or fail to: AWS decides.
        set(&mut state, "connection_state", Value::Unknown);
        set(&mut state, "state_reason", Value::Unknown);
    }
    keep_association_arns(&mut state, prior);
    Planned {
        state,
        requires_replace,
        diagnostics,
        resend,
    }
}

/// Warns of a change made outside Terraform that AWS does not show, and
/// says whether to send the configured secrets again.
fn follow_outside_change(drift: &Drift, prior: &Value, config: &Value, diags: &mut Diagnostics) -> bool {
    let name = prior.attr("name").as_str().unwrap_or_default();
    let resend = drift.resends() && drift::holds_secrets(config);
    let no_secrets = "The configuration holds no secret to send (value, password, client_secret, a secret \
                      parameter, or their *_wo twins); set them to put the connection right.";
    // AWS's reason may quote what it was sent: scrub the configured secrets.
    let secrets = Connection::from_value(config);
    let because =
        |reason: &Option<String>| errors::scrub(reason.as_deref().unwrap_or("AWS gave no reason"), &secrets.secrets());
    let (summary, detail) = match drift {
        Drift::ChangedOutside { at } => (
            "Connection changed outside Terraform",
            format!(
                "EventBridge connection {name:?} was changed outside Terraform at {at}. AWS never returns a \
                 connection's secrets, so they may no longer be the configured ones. {}",
                if resend {
                    "Terraform will send the configured secrets again."
                } else {
                    no_secrets
                }
            ),
        ),
        Drift::Deauthorized { state, reason } => (
            "Connection is not authorized",
            format!(
                "EventBridge connection {name:?} is {state}: {}. Deauthorizing removes a connection's secrets. {}",
                because(reason),
                if resend {
                    "Terraform will authorize it again with the configured secrets."
                } else {
                    no_secrets
                }
            ),
        ),
        Drift::StillDeauthorized { state, reason } => (
            "Connection is not authorized",
            format!(
                "EventBridge connection {name:?} is still {state}, as the last apply left it: {}. Sending the \
                 same secrets again would not help; correct them in the configuration. API destinations using \
                 it fail until then.",
                because(reason)
            ),
        ),
    };
    diags.warning(summary, detail);
    resend
}

fn set(object: &mut Value, name: &str, value: Value) {
    if let Some(slot) = object.attr_mut(name) {
        *slot = value;
    }
}

/// A change of what the user controls in the authorization (AWS-decided
/// values such as association ARNs aside) sends new credentials.
fn reauthorizes(prior: &Value, planned: &Value) -> bool {
    const AUTHORIZATION: [&str; 3] = ["authorization_type", "auth_parameters", "secrets_wo_version"];
    // Only these three are copied and compared, not the whole state.
    let user_part = |v: &Value| {
        let part = crate::tfplugin::object(AUTHORIZATION.map(|name| (name, v.attr(name).clone())));
        flags::without_computed_only(&schema::cached().block, part)
    };
    user_part(planned) != user_part(prior)
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
        plan_with(prior, proposed, config, region, &Private::default())
    }

    fn plan_with(prior: &Value, proposed: &Value, config: &Value, region: &str, private: &Private) -> Planned {
        if proposed.is_null() {
            return super::plan(prior, proposed, config, region, private);
        }
        let block = &schema().block;
        let proposed = flags::proposal(block, prior, proposed, config);
        let mut p = super::plan(prior, &proposed, config, region, private);
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

    fn unchanged_proposal(prior: &Value) -> Value {
        let mut proposed = config(API_KEY);
        for name in ["id", "region", "arn", "secret_arn", "connection_state", "state_reason"] {
            set(&mut proposed, name, prior.attr(name).clone());
        }
        proposed
    }

    /// The private state of a connection written at `written` and seen
    /// by the refresh modified at `seen` (ms since the epoch).
    fn record(written: i64, seen: i64) -> Private {
        let at = |modified: i64| {
            Some(drift::Stamp {
                modified_ms: Some(modified),
                authorized_ms: Some(1_767_225_600_000),
                state: Some("AUTHORIZED".into()),
            })
        };
        Private {
            written: at(written),
            seen: at(seen),
            resend: false,
        }
    }

    /// The plan of `prior` against an unchanged configuration.
    fn replan(prior: &Value, private: &Private) -> Planned {
        plan_with(
            prior,
            &unchanged_proposal(prior),
            &config(API_KEY),
            "us-east-1",
            private,
        )
    }

    #[test]
    fn a_change_made_outside_sends_the_secrets_again_with_a_warning_naming_its_time() {
        let prior = created();
        let p = replan(&prior, &record(1_767_225_600_000, 1_767_225_660_000));
        assert!(p.resend);
        assert_eq!(p.state.attr("connection_state"), &Value::Unknown, "an update");
        assert_eq!(p.state.attr("arn"), prior.attr("arn"));
        let warning = p.diagnostics.iter().next().expect("a warning");
        assert!(warning.detail.contains("2026-01-01T00:01:00Z"), "{}", warning.detail);
        assert!(!p.diagnostics.has_errors());

        // Nothing changed: the prior state exactly, no warning.
        let p = replan(&prior, &record(1_767_225_600_000, 1_767_225_600_000));
        assert!(!p.resend && p.diagnostics.is_empty());
        assert_eq!(p.state, prior);
    }

    #[test]
    fn a_deauthorized_connection_is_authorized_again_and_its_reason_shown() {
        let mut prior = created();
        set(&mut prior, "connection_state", Value::string("DEAUTHORIZED"));
        set(&mut prior, "state_reason", Value::string("Invalid API key"));
        let p = replan(&prior, &record(1, 1));
        assert!(p.resend);
        assert_eq!(p.state.attr("connection_state"), &Value::Unknown);
        let warning = p.diagnostics.iter().next().expect("a warning");
        assert!(
            warning.detail.contains("DEAUTHORIZED: Invalid API key"),
            "{}",
            warning.detail
        );
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
