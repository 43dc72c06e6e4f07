//! The rules of `eventbridge_target` that span arguments (PutTargets' and
//! AWS's target documentation, and hashicorp/aws's conflicts), checked on
//! the configuration before any plan, so before any AWS call. A value
//! unknown until apply is checked by the validation Terraform runs again
//! once it is known.

use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// The rules, as (arguments, rule), for the docs.
pub fn rules() -> Vec<(&'static str, String)> {
    vec![
        (
            "input, input_path, input_transformer",
            "At most one of them is set.".into(),
        ),
        (
            "http_target, arn",
            "`http_target` only for an API destination or an API Gateway API.".into(),
        ),
        (
            "role_arn, arn",
            "An API destination target needs `role_arn` (EventBridge assumes it to invoke the destination).".into(),
        ),
        (
            "redshift_target.sql, redshift_target.sqls",
            "At most one of them is set.".into(),
        ),
    ]
}

/// Whether `arn` names an API destination.
fn is_api_destination(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.contains(":events:") && arn.contains(":api-destination/")
}

/// Whether `arn` names an API Gateway API's stage (`execute-api`).
fn is_api_gateway(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.contains(":execute-api:")
}

pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let at = |name: &str| AttributePath::of(&[name]);
    let inputs: Vec<&str> = ["input", "input_path", "input_transformer"]
        .into_iter()
        .filter(|name| is_set(config.attr(name)))
        .collect();
    if inputs.len() > 1 {
        diags.error_at(
            &at(inputs[1]),
            "Conflicting arguments",
            format!(
                "{} cannot be set together: a target gets the event itself, a fixed input (input), a part of the \
                 event (input_path), or an input built from it (input_transformer).",
                inputs.join(" and ")
            ),
        );
    }
    let arn = config.attr("arn").as_str();
    if let Some(arn) = arn {
        if is_set(config.attr("http_target")) && !is_api_destination(arn) && !is_api_gateway(arn) {
            diags.error_at(
                &at("http_target"),
                "http_target for another kind of target",
                format!(
                    "http_target sets the HTTP request of an API destination or an API Gateway API, and arn is \
                     {arn:?}. Remove the block, or point arn at an API destination (eventbridge_api_destination.NAME.arn)."
                ),
            );
        }
        if is_api_destination(arn) && config.attr("role_arn").is_null() {
            diags.error_at(
                &at("role_arn"),
                "Missing role for an API destination",
                "A target that sends to an API destination needs role_arn: an IAM role EventBridge (events.amazonaws.com) \
                 can assume, allowed events:InvokeApiDestination on the destination. Without it AWS refuses the \
                 target.",
            );
        }
    }
    if let Some(redshift) = config.attr("redshift_target").elements().first() {
        if !redshift.attr("sql").is_null() && is_set(redshift.attr("sqls")) {
            diags.error_at(
                &at("redshift_target").index(0).attr("sqls"),
                "Conflicting arguments",
                "redshift_target takes sql (one statement) or sqls (several, run in one transaction), not both.",
            );
        }
    }
}

/// Set: not null, and for a block list or a collection, not empty
/// (unknown counts as set).
fn is_set(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::List(items) | Value::Set(items) => !items.is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

    const DESTINATION: &str = "arn:aws:events:us-east-1:123456789012:api-destination/crm/0f1e2d3c";

    fn found(fields: Value) -> Vec<(String, String)> {
        let mut diags = Diagnostics::new();
        validate(&fields, &mut diags);
        diags
            .iter()
            .map(|d| {
                (
                    d.path.as_ref().map(ToString::to_string).unwrap_or_default(),
                    d.summary.clone(),
                )
            })
            .collect()
    }

    fn s(text: &str) -> Value {
        Value::string(text)
    }

    fn block() -> Value {
        Value::List(vec![object([("input_template", s("<a>"))])])
    }

    #[test]
    fn one_input_at_most_and_http_target_only_for_http_targets() {
        let role = ("role_arn", s("arn:aws:iam::123456789012:role/r"));
        assert_eq!(
            found(object([("arn", s(DESTINATION)), ("input", s("{}")), role.clone()])),
            []
        );
        assert_eq!(
            found(object([
                ("arn", s(DESTINATION)),
                ("input", s("{}")),
                ("input_transformer", block()),
                role.clone()
            ])),
            [("input_transformer".to_string(), "Conflicting arguments".to_string())]
        );
        // An empty block list is no block.
        assert_eq!(
            found(object([
                ("arn", s(DESTINATION)),
                ("input", s("{}")),
                ("input_transformer", Value::List(vec![])),
                role.clone()
            ])),
            []
        );
        assert_eq!(
            found(object([
                ("arn", s("arn:aws:sqs:us-east-1:123456789012:q")),
                ("http_target", Value::List(vec![object([])]))
            ])),
            [(
                "http_target".to_string(),
                "http_target for another kind of target".to_string()
            )]
        );
        assert_eq!(
            found(object([("arn", s(DESTINATION)), ("role_arn", Value::Null)])),
            [(
                "role_arn".to_string(),
                "Missing role for an API destination".to_string()
            )]
        );
        // Unknown until apply: checked then.
        assert_eq!(found(object([("arn", Value::Unknown), ("role_arn", Value::Null)])), []);
        assert_eq!(
            found(object([("arn", s(DESTINATION)), ("role_arn", Value::Unknown)])),
            []
        );
    }
}
