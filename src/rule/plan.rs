//! The EventBridge rules of an `eventbridge_rule` plan, on top of the
//! generic ones the plugin layer applies from the schema's flags (the
//! default bus, unknown computed values of a new object, `replaces`):
//! - an unset `region` is the provider's (the kit's rule);
//! - the same bus by name or ARN, and the same pattern as other JSON text,
//!   keep the prior value: no change (Terraform takes a prior value the
//!   provider keeps as equivalent to the configuration's);
//! - `id` is `NAME` or `BUS/NAME`;
//! - `state` and the deprecated `is_enabled` follow each other;
//! - `tags_all` is `tags` with the provider's default tags.

use super::schema::id_of;
use crate::aws::regional::bus::same_bus;
use crate::aws::regional::region;
use crate::aws::regional::tags::{self, TagPolicy};
use crate::aws::regional::values::{keep_prior_if, same_json};
use crate::tfplugin::Value;

const ENABLED: &str = "ENABLED";
const DISABLED: &str = "DISABLED";

pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str, policy: &TagPolicy) -> Value {
    let mut state = proposed.clone();
    region::plan(&mut state, config, default_region);
    if !prior.is_null() {
        keep_prior_if(&mut state, prior, "event_bus_name", same_bus);
        keep_prior_if(&mut state, prior, "event_pattern", same_json);
    }
    let id = match (state.attr("name").as_str(), state.attr("event_bus_name").as_str()) {
        (Some(name), Some(bus)) => Value::string(id_of(bus, name)),
        _ => Value::Unknown,
    };
    set(&mut state, "id", id);
    enabled(&mut state, prior, config);
    tags::plan(&mut state, policy);
    state
}

fn set(state: &mut Value, name: &str, value: Value) {
    if let Some(v) = state.attr_mut(name) {
        *v = value;
    }
}

/// `state` from `is_enabled` or the other way round; a new rule without
/// either is enabled, an existing one keeps its state.
fn enabled(state: &mut Value, prior: &Value, config: &Value) {
    let (configured_state, configured_enabled) = (config.attr("state"), config.attr("is_enabled"));
    if let Some(s) = configured_state.as_str() {
        set(state, "is_enabled", Value::Bool(s != DISABLED));
    } else if configured_state.is_unknown() {
        set(state, "is_enabled", Value::Unknown);
    } else if let Some(on) = configured_enabled.as_bool() {
        let was = prior.attr("state").as_str().filter(|s| *s != DISABLED);
        let planned = match (on, was) {
            (true, Some(was)) => was.to_string(),
            (true, None) => ENABLED.to_string(),
            (false, _) => DISABLED.to_string(),
        };
        set(state, "state", Value::string(planned));
    } else if configured_enabled.is_unknown() {
        set(state, "state", Value::Unknown);
    } else if prior.is_null() {
        set(state, "state", Value::string(ENABLED));
        set(state, "is_enabled", Value::Bool(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

    const BUS_ARN: &str = "arn:aws:events:us-east-1:123456789012:event-bus/orders";

    fn rule(bus: &str, pattern: &str, state: Value, is_enabled: Value) -> Value {
        object([
            ("id", Value::Unknown),
            ("name", Value::string("nightly")),
            ("event_bus_name", Value::string(bus)),
            ("event_pattern", Value::string(pattern)),
            ("state", state),
            ("is_enabled", is_enabled),
            ("tags", Value::Null),
            ("tags_all", Value::Unknown),
            ("region", Value::Null),
        ])
    }

    fn planned(prior: &Value, config: &Value) -> Value {
        plan(prior, config, config, "us-east-1", &TagPolicy::none())
    }

    #[test]
    fn the_bus_by_arn_instead_of_name_and_reformatted_json_keep_the_prior_values() {
        let prior = planned(
            &Value::Null,
            &rule(
                "orders",
                r#"{"source":["a"],"detail-type":["b"]}"#,
                Value::Null,
                Value::Null,
            ),
        );
        assert_eq!(prior.attr("id"), &Value::string("orders/nightly"));
        assert_eq!(prior.attr("state"), &Value::string("ENABLED"));
        assert_eq!(prior.attr("is_enabled"), &Value::Bool(true));
        assert_eq!(prior.attr("region"), &Value::string("us-east-1"));
        let config = rule(
            BUS_ARN,
            "{ \"detail-type\": [\"b\"], \"source\": [\"a\"] }",
            Value::Null,
            Value::Null,
        );
        let next = planned(&prior, &config);
        assert_eq!(next.attr("event_bus_name"), &Value::string("orders"));
        assert_eq!(next.attr("event_pattern"), prior.attr("event_pattern"));
        assert_eq!(next.attr("id"), &Value::string("orders/nightly"));
        // Another pattern is planned as written.
        let other = rule("orders", r#"{"source":["c"]}"#, Value::Null, Value::Null);
        assert_eq!(
            planned(&prior, &other).attr("event_pattern"),
            &Value::string(r#"{"source":["c"]}"#)
        );
    }

    #[test]
    fn state_and_is_enabled_follow_each_other() {
        let with = |state: Value, is_enabled: Value| planned(&Value::Null, &rule("default", "{}", state, is_enabled));
        let disabled = with(Value::string("DISABLED"), Value::Null);
        assert_eq!(disabled.attr("is_enabled"), &Value::Bool(false));
        assert_eq!(disabled.attr("id"), &Value::string("nightly"));
        let trail = with(
            Value::string("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            Value::Null,
        );
        assert_eq!(trail.attr("is_enabled"), &Value::Bool(true));
        assert_eq!(
            with(Value::Null, Value::Bool(false)).attr("state"),
            &Value::string("DISABLED")
        );
        assert_eq!(
            with(Value::Null, Value::Bool(true)).attr("state"),
            &Value::string("ENABLED")
        );
        assert_eq!(with(Value::Unknown, Value::Null).attr("is_enabled"), &Value::Unknown);
        // is_enabled = true keeps a CloudTrail state it reads as enabled.
        let prior = rule(
            "default",
            "{}",
            Value::string("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            Value::Bool(true),
        );
        let next = planned(&prior, &rule("default", "{}", Value::Null, Value::Bool(true)));
        assert_eq!(next.attr("state"), prior.attr("state"));
    }

    #[test]
    fn tags_all_adds_the_default_tags() {
        let policy = TagPolicy {
            default_tags: Some([("env".to_string(), "prod".to_string())].into()),
            ..Default::default()
        };
        let mut config = rule("default", "{}", Value::Null, Value::Null);
        *config.attr_mut("tags").unwrap() = Value::Map([("app".to_string(), Value::string("shop"))].into());
        let next = plan(&Value::Null, &config, &config, "us-east-1", &policy);
        assert_eq!(
            next.attr("tags_all"),
            &Value::Map(
                [
                    ("app".to_string(), Value::string("shop")),
                    ("env".to_string(), Value::string("prod"))
                ]
                .into()
            )
        );
    }
}
