//! The rules of `eventbridge_rule` that span arguments (PutRule's, and
//! hashicorp/aws's conflicts), checked on the configuration before any
//! plan, so before any AWS call. A value unknown until apply is checked by
//! the validation Terraform runs again once it is known.

use crate::aws::regional::bus::bus_name;
use crate::aws::regional::DEFAULT_BUS;
use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// The rules, as (arguments, rule), for the docs.
pub fn rules() -> Vec<(&'static str, String)> {
    vec![
        ("name, name_prefix", "At most one of them is set.".into()),
        ("state, is_enabled", "At most one of them is set.".into()),
        (
            "event_pattern, schedule_expression",
            "At least one of them is set.".into(),
        ),
        (
            "schedule_expression, event_bus_name",
            "A schedule is only for a rule on the default bus.".into(),
        ),
    ]
}

pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let at = |name: &str| AttributePath::of(&[name]);
    let set = |name: &str| !config.attr(name).is_null();
    if set("name") && set("name_prefix") {
        diags.error_at(
            &at("name_prefix"),
            "Conflicting arguments",
            "name and name_prefix cannot both be set: give the whole name, or the start of one the provider \
             completes.",
        );
    }
    if set("state") && set("is_enabled") {
        diags.error_at(
            &at("is_enabled"),
            "Conflicting arguments",
            "state and is_enabled cannot both be set. is_enabled is deprecated: remove it and keep state \
             (is_enabled = true is state = \"ENABLED\", false is \"DISABLED\").",
        );
    }
    if !set("event_pattern") && !set("schedule_expression") {
        diags.error(
            "Missing required argument",
            "A rule needs event_pattern (the events it matches), schedule_expression (when it fires), or both.",
        );
    }
    let bus = config.attr("event_bus_name").as_str().map(bus_name);
    if let (true, Some(bus)) = (set("schedule_expression"), bus.filter(|b| *b != DEFAULT_BUS)) {
        diags.error_at(
            &at("schedule_expression"),
            "Schedule on another bus",
            format!(
                "schedule_expression is set on a rule of event bus {bus:?}; EventBridge runs schedules only on the \
                 default bus. Remove event_bus_name (or set it to \"default\"), or use EventBridge Scheduler for \
                 schedules that send to another bus."
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

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

    #[test]
    fn a_valid_rule_passes_and_each_spanning_rule_names_its_argument() {
        assert_eq!(found(object([("name", s("a")), ("event_pattern", s("{}"))])), []);
        assert_eq!(
            found(object([
                ("name", Value::Unknown),
                ("schedule_expression", s("rate(1 hour)"))
            ])),
            []
        );
        assert_eq!(
            found(object([
                ("name", s("a")),
                ("name_prefix", s("b")),
                ("event_pattern", s("{}"))
            ])),
            [("name_prefix".to_string(), "Conflicting arguments".to_string())]
        );
        assert_eq!(
            found(object([
                ("state", s("ENABLED")),
                ("is_enabled", Value::Bool(true)),
                ("event_pattern", s("{}"))
            ])),
            [("is_enabled".to_string(), "Conflicting arguments".to_string())]
        );
        assert_eq!(
            found(object([("name", s("a"))])),
            [(String::new(), "Missing required argument".to_string())]
        );
        // Unknown until apply counts as set.
        assert_eq!(found(object([("event_pattern", Value::Unknown)])), []);
    }

    #[test]
    fn a_schedule_is_refused_on_another_bus_by_name_or_arn_only() {
        let with_bus = |bus: Value| {
            found(object([
                ("schedule_expression", s("rate(5 minutes)")),
                ("event_bus_name", bus),
            ]))
        };
        assert_eq!(with_bus(s("default")), []);
        assert_eq!(
            with_bus(s("arn:aws:events:us-east-1:123456789012:event-bus/default")),
            []
        );
        assert_eq!(with_bus(Value::Unknown), []);
        assert_eq!(
            with_bus(s("orders")),
            [("schedule_expression".to_string(), "Schedule on another bus".to_string())]
        );
        assert_eq!(
            with_bus(s("arn:aws:events:us-east-1:123456789012:event-bus/orders")).len(),
            1
        );
    }
}
