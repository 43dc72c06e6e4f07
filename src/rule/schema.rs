//! The `eventbridge_rule` schema and typed model, each attribute declared
//! once with its flags, its checks and its docs: every argument of PutRule
//! with hashicorp/aws's names (`aws_cloudwatch_event_rule`), so that a
//! `moved` block and a type rename are all a switch needs.

use super::checks;
use super::KIND;
use crate::aws::regional::bus::{self, bus_name};
use crate::aws::regional::{region, tags, DEFAULT_BUS};
use crate::model;
use crate::tfplugin::{Attribute, Model, Schema, Value};

/// Current schema version (hashicorp/aws's rule is at 1; see `moved.rs`).
const SCHEMA_VERSION: i64 = 0;

/// The schema, built once.
pub fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

pub fn schema() -> Schema {
    Schema::new(Rule::block()).version(SCHEMA_VERSION)
}

fn tags() -> Attribute {
    tags::attributes(KIND.noun).0
}

fn tags_all() -> Attribute {
    tags::attributes(KIND.noun).1
}

model! {
    /// Manages an Amazon EventBridge rule: the events it matches on an event bus (an event pattern) or
    /// the schedule it fires on, and whether it is enabled. Its targets are separate resources.
    pub struct Rule {
        attr id: String = Attribute::string().computed().doc(
            "`NAME` for a rule on the default bus, `BUS/NAME` on another (as hashicorp/aws).",
        ),
        attr name: Option<String> = Attribute::string().optional().computed().replaces().check(checks::NAME).doc(
            "Name of the rule: 1 to 64 letters, digits, `.`, `-` or `_`, unique on its bus. When neither it nor \
             `name_prefix` is set, the provider chooses one starting with `terraform-`. Changing it replaces the rule.",
        ),
        attr name_prefix: Option<String> =
            Attribute::string().optional().replaces().check(checks::NAME_PREFIX).doc(
                "The start of a name the provider completes with 26 characters (so at most 38), instead of `name`. \
                 Changing it replaces the rule.",
            ),
        attr description: Option<String> = Attribute::string().optional().check(checks::DESCRIPTION).doc(
            "Description of the rule, up to 512 characters. Removing it clears it in AWS.",
        ),
        attr event_bus_name: Option<String> = Attribute::string()
            .optional()
            .default(Value::string(DEFAULT_BUS))
            .replaces()
            .check(bus::EVENT_BUS)
            .doc(
                "The event bus of the rule, by name or ARN; `default` when unset. Its name and its ARN are the same \
                 value: switching between them changes nothing. Another bus replaces the rule.",
            ),
        attr event_pattern: Option<String> = Attribute::string().optional().check(checks::EVENT_PATTERN).doc(
            "The events the rule matches, as JSON (usually `jsonencode({...})`), at most 4096 characters. The same \
             JSON with other whitespace or key order is no change. At least one of it and `schedule_expression` \
             is set.",
        ),
        attr schedule_expression: Option<String> =
            Attribute::string().optional().check(checks::SCHEDULE_EXPRESSION).doc(
                "When the rule fires: `rate(5 minutes)` or `cron(0 12 * * ? *)`, at most 256 characters; on the \
                 default bus only.",
            ),
        attr state: Option<String> = Attribute::string().optional().computed().check(checks::STATE).doc(
            "`ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` (which also matches \
             CloudTrail's read-only management events); `ENABLED` when neither it nor `is_enabled` is set. \
             Removing it from the configuration keeps the rule's state.",
        ),
        attr is_enabled: Option<bool> = Attribute::bool().optional().computed().deprecated().doc(
            "Deprecated (as in hashicorp/aws): use `state`. `true` is `ENABLED`, `false` is `DISABLED`; it cannot \
             be set with `state`, and always reports whether the rule is enabled.",
        ),
        attr role_arn: Option<String> = Attribute::string().optional().check(checks::ROLE_ARN).doc(
            "ARN of the IAM role EventBridge uses to send the rule's events to another bus; up to 1600 characters.",
        ),
        attr tags: Value = tags(),
        attr tags_all: Value = tags_all(),
        attr region: Option<String> = region::attribute(&KIND),
        attr arn: Option<String> = Attribute::string().computed().doc(
            "ARN of the rule: `arn:aws:events:REGION:ACCOUNT:rule/NAME` on the default bus, `…:rule/BUS/NAME` on \
             another.",
        ),
    }
}

impl Rule {
    /// The bus the rule is on, by name (`default` when unset; an ARN
    /// stands for its name).
    pub fn bus_name(&self) -> &str {
        bus_name(self.event_bus_name.as_deref().unwrap_or(DEFAULT_BUS))
    }

    /// The rule's name, known after the plan (or the create) chose it.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_default()
    }
}

/// `NAME` on the default bus, `BUS/NAME` on another.
pub fn id_of(bus: &str, name: &str) -> String {
    let bus = bus_name(bus);
    if bus == DEFAULT_BUS {
        name.to_string()
    } else {
        format!("{bus}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::model::full_value;

    #[test]
    fn the_model_reads_and_writes_every_attribute() {
        let full = full_value(Rule::shape());
        assert_eq!(Rule::from_value(&full).to_value(), full);
    }

    #[test]
    fn ids_name_other_buses() {
        assert_eq!(id_of("default", "nightly"), "nightly");
        assert_eq!(
            id_of("arn:aws:events:us-east-1:123456789012:event-bus/default", "nightly"),
            "nightly"
        );
        assert_eq!(id_of("orders", "nightly"), "orders/nightly");
    }
}
