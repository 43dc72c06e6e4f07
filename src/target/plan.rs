//! The EventBridge rules of an `eventbridge_target` plan, on top of the
//! generic ones the plugin layer applies from the schema's flags (the
//! default bus, unknown computed values of a new object, `replaces`):
//! - an unset `region` is the provider's (the kit's rule);
//! - the same bus by name or ARN, and the same input as other JSON text,
//!   keep the prior value: no change;
//! - `id` is `RULE/TARGET_ID` or `BUS/RULE/TARGET_ID`;
//! - a rule has at most 5 targets, a limit AWS never raises: the targets
//!   this configuration plans for one rule are counted as Terraform plans
//!   them (one provider process plans one configuration; see [`Census`]
//!   for what counts once), and the sixth is refused at its `rule`, before
//!   anything is sent.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::schema::id_of;
use crate::aws::regional::bus::{bus_name, same_bus};
use crate::aws::regional::region;
use crate::aws::regional::values::{keep_prior_if, same_json};
use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// Targets per rule: a hard limit of EventBridge (its quotas page: "Targets
/// per rule: 5", not adjustable).
pub const MAX_TARGETS: usize = 5;

pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str) -> Value {
    let mut state = proposed.clone();
    region::plan(&mut state, config, default_region);
    if !prior.is_null() {
        keep_prior_if(&mut state, prior, "event_bus_name", same_bus);
        keep_prior_if(&mut state, prior, "input", same_json);
    }
    let id = match (
        state.attr("event_bus_name").as_str(),
        state.attr("rule").as_str(),
        state.attr("target_id").as_str(),
    ) {
        (Some(bus), Some(rule), Some(target_id)) => Value::string(id_of(bus, rule, target_id)),
        _ => Value::Unknown,
    };
    if let Some(v) = state.attr_mut("id") {
        *v = id;
    }
    state
}

/// The targets planned so far, by (Region, bus, rule).
#[derive(Default)]
pub struct Census(Mutex<BTreeMap<(String, String, String), Planned>>);

/// The targets of one rule planned so far: their ids, or for one whose id
/// is chosen at apply, its configuration; and every configuration seen.
/// Terraform plans a replacement twice (with its prior state, then as a
/// create with the id unknown) with the same configuration, so a target
/// whose id is unknown and whose configuration was seen is not counted
/// again. Targets configured exactly alike count once: the count never
/// exceeds what the configuration holds.
#[derive(Default)]
struct Planned {
    targets: BTreeSet<String>,
    configurations: BTreeSet<String>,
}

impl Census {
    /// Counts `planned` (a target's planned state, from `config`) and
    /// refuses it, at `rule`, when its rule would have more than
    /// [`MAX_TARGETS`] in this configuration. A rule or Region unknown
    /// until apply is not counted.
    pub fn count(&self, planned: &Value, config: &Value, diags: &mut Diagnostics) {
        let (Some(region), Some(bus), Some(rule)) = (
            planned.attr("region").as_str(),
            planned.attr("event_bus_name").as_str(),
            planned.attr("rule").as_str(),
        ) else {
            return;
        };
        let configuration = format!("{config:?}");
        let key = (region.to_string(), bus_name(bus).to_string(), rule.to_string());
        let n = {
            let mut census = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let seen = census.entry(key).or_default();
            let fresh = seen.configurations.insert(configuration.clone());
            match planned.attr("target_id").as_str() {
                Some(id) => {
                    seen.targets.insert(format!("id {id}"));
                }
                None if fresh => {
                    seen.targets.insert(format!("configuration {configuration}"));
                }
                None => return,
            }
            seen.targets.len()
        };
        if n > MAX_TARGETS {
            diags.error_at(
                &AttributePath::of(&["rule"]),
                "Too many targets for one rule",
                format!(
                    "This configuration gives rule {rule:?} (event bus {:?}, {region}) {n} targets; EventBridge \
                     allows at most {MAX_TARGETS} per rule, a limit that cannot be raised. Spread the targets over \
                     several rules with the same event pattern, or send to one target that fans out (an SNS topic, \
                     another event bus).",
                    bus_name(bus)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

    fn target(bus: &str, rule: &str, id: Value, input: &str) -> Value {
        object([
            ("id", Value::Unknown),
            ("rule", Value::string(rule)),
            ("event_bus_name", Value::string(bus)),
            ("target_id", id),
            ("input", Value::string(input)),
            ("region", Value::Null),
        ])
    }

    #[test]
    fn the_bus_by_arn_and_reformatted_input_keep_the_prior_values() {
        let config = target("orders", "nightly", Value::string("t1"), r#"{"a":1,"b":2}"#);
        let prior = plan(&Value::Null, &config, &config, "us-east-1");
        assert_eq!(prior.attr("id"), &Value::string("orders/nightly/t1"));
        assert_eq!(prior.attr("region"), &Value::string("us-east-1"));
        let config = target(
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "nightly",
            Value::string("t1"),
            r#"{ "b": 2, "a": 1 }"#,
        );
        let next = plan(&prior, &config, &config, "us-east-1");
        assert_eq!(next.attr("event_bus_name"), &Value::string("orders"));
        assert_eq!(next.attr("input"), prior.attr("input"));
        let unknown = target("default", "nightly", Value::Unknown, "{}");
        assert_eq!(
            plan(&Value::Null, &unknown, &unknown, "us-east-1").attr("id"),
            &Value::Unknown
        );
    }

    #[test]
    fn the_sixth_target_of_a_rule_is_refused_and_a_replan_counts_once() {
        let census = Census::default();
        let planned = |id: Value, input: &str| {
            let config = target("default", "nightly", id, input);
            plan(&Value::Null, &config, &config, "us-east-1")
        };
        let mut diags = Diagnostics::new();
        for i in 0..3 {
            let p = planned(Value::string(format!("t{i}")), "{}");
            census.count(&p, &p, &mut diags);
            census.count(&p, &p, &mut diags);
        }
        for input in ["{\"a\":1}", "{\"a\":2}"] {
            let p = planned(Value::Unknown, input);
            census.count(&p, &p, &mut diags);
        }
        // A replacement: planned with its id, then as a create without it.
        let replaced = planned(Value::string("t0"), "{}");
        let as_create = planned(Value::Unknown, "{}");
        census.count(&replaced, &replaced, &mut diags);
        census.count(&as_create, &replaced, &mut diags);
        assert!(diags.is_empty());
        // Another rule, another bus: counted apart.
        let other = plan(
            &Value::Null,
            &target("orders", "nightly", Value::string("t9"), "{}"),
            &Value::Null,
            "us-east-1",
        );
        census.count(&other, &other, &mut diags);
        assert!(diags.is_empty());
        let sixth = planned(Value::string("t5"), "{}");
        census.count(&sixth, &sixth, &mut diags);
        let d: Vec<_> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path.as_ref().map(ToString::to_string).as_deref(), Some("rule"));
        assert!(d[0].detail.contains("6 targets"), "{}", d[0].detail);
    }
}
