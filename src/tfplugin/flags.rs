//! The generic rules that follow an attribute's schema flags, applied by
//! the server to every resource so that none re-implements them (as
//! terraform-plugin-framework does with `RequiresReplace`, defaults,
//! `MarkComputedNilsAsUnknown` and write-only nullification):
//!
//! - `write_only`: nulled in every value the provider returns, and refused
//!   from a Terraform that did not declare it understands them;
//! - `default`: filled into the plan where the configuration leaves the
//!   attribute unset;
//! - `computed`: unknown in the plan of a new object where the
//!   configuration leaves the attribute unset (the remote side decides);
//! - `replaces`: a planned change of the attribute replaces the object;
//! - `checks`: run on every known value of the attribute.
//!
//! Values are walked alongside the schema: attributes by name, nested
//! blocks element by element (a configuration's list blocks line up with
//! the plan's by index).

use super::diagnostics::{AttributePath, Diagnostics};
use super::schema::{Attribute, Block, Nesting};
use super::value::Value;

/// Calls `f` on every attribute of `block` present in `value`, at any
/// depth, with its path; `f` may change the value.
fn visit_mut(
    block: &Block,
    value: &mut Value,
    at: &AttributePath,
    f: &mut dyn FnMut(&Attribute, &AttributePath, &mut Value),
) {
    for (name, attribute) in &block.attributes {
        if let Some(v) = value.attr_mut(name) {
            f(attribute, &at.attr(name), v);
        }
    }
    for (name, nested) in &block.blocks {
        let Some(v) = value.attr_mut(name) else { continue };
        let at = at.attr(name);
        match (nested.nesting, v) {
            (Nesting::Single | Nesting::Group, v @ Value::Object(_)) => visit_mut(&nested.block, v, &at, f),
            (_, Value::List(items) | Value::Set(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    visit_mut(&nested.block, item, &at.index(i as i64), f);
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` on every attribute of `block` present in `value`, at any
/// depth, with its path; for rules that only look.
fn visit(block: &Block, value: &Value, at: &AttributePath, f: &mut dyn FnMut(&Attribute, &AttributePath, &Value)) {
    for (name, attribute) in &block.attributes {
        if let Value::Object(fields) = value {
            if let Some(v) = fields.get(name) {
                f(attribute, &at.attr(name), v);
            }
        }
    }
    for (name, nested) in &block.blocks {
        let v = value.attr(name);
        let at = at.attr(name);
        match (nested.nesting, v) {
            (Nesting::Single | Nesting::Group, Value::Object(_)) => visit(&nested.block, v, &at, f),
            (_, Value::List(items) | Value::Set(items)) => {
                for (i, item) in items.iter().enumerate() {
                    visit(&nested.block, item, &at.index(i as i64), f);
                }
            }
            _ => {}
        }
    }
}

/// The value at `at` inside `root`, following attribute names and list
/// indexes; Null when absent.
fn value_at<'a>(root: &'a Value, at: &AttributePath) -> &'a Value {
    use super::diagnostics::PathStep;
    static NULL: Value = Value::Null;
    let mut cur = root;
    for step in &at.0 {
        cur = match step {
            PathStep::Attribute(name) => cur.attr(name),
            PathStep::Index(i) => usize::try_from(*i)
                .ok()
                .and_then(|i| cur.elements().get(i))
                .unwrap_or(&NULL),
            PathStep::Key(_) => &NULL,
        };
    }
    cur
}

/// Nulls every write-only attribute: Terraform must never store them.
pub fn null_write_only(block: &Block, value: &mut Value) {
    visit_mut(block, value, &AttributePath::root(), &mut |attribute, _, v| {
        if attribute.write_only {
            *v = Value::Null;
        }
    });
}

/// Paths of the write-only attributes set in `config`.
fn write_only_set(block: &Block, config: &Value) -> Vec<AttributePath> {
    let mut found = Vec::new();
    visit(block, config, &AttributePath::root(), &mut |attribute, at, v| {
        if attribute.write_only && !v.is_null() {
            found.push(at.clone());
        }
    });
    found
}

/// Write-only attributes need a Terraform that knows them (protocol 6.8,
/// Terraform 1.11): an older one would store them in state like any other.
pub fn refuse_write_only_without_support(block: &Block, config: &Value, diags: &mut Diagnostics) {
    for at in write_only_set(block, config) {
        let name = at.last_attribute().unwrap_or_default();
        diags.error_at(
            &at,
            "Write-only arguments need Terraform 1.11 or later",
            format!(
                "{name} is write-only: it is sent to the remote API and never stored, which this Terraform does \
                 not support. Upgrade to Terraform 1.11 or later (or OpenTofu 1.11 or later), or use the plain \
                 argument."
            ),
        );
    }
}

/// Runs every attribute's checks on its known values in `config`; null
/// and unknown values are skipped (an unknown one is checked at apply).
pub fn check_values(block: &Block, config: &Value, diags: &mut Diagnostics) {
    visit(block, config, &AttributePath::root(), &mut |attribute, at, v| {
        if v.is_null() || v.is_unknown() {
            return;
        }
        for check in &attribute.checks {
            (check.run)(v, at, diags);
        }
    });
}

/// Fills each attribute's default where the configuration leaves it unset.
fn fill_defaults(block: &Block, planned: &mut Value, config: &Value) {
    visit_mut(block, planned, &AttributePath::root(), &mut |attribute, at, v| {
        if let Some(default) = &attribute.default {
            if value_at(config, at).is_null() {
                *v = default.clone();
            }
        }
    });
}

/// Marks unknown every computed attribute the configuration leaves unset
/// (and that has no default): the remote side decides it for a new object.
fn unknown_computed(block: &Block, planned: &mut Value, config: &Value) {
    visit_mut(block, planned, &AttributePath::root(), &mut |attribute, at, v| {
        if attribute.computed && attribute.default.is_none() && value_at(config, at).is_null() {
            *v = Value::Unknown;
        }
    });
}

/// Paths of the `replaces` attributes whose planned value differs from the
/// prior one. A computed attribute the prior state had no value for (state
/// written by another provider or an older schema) is not a change.
pub fn replaced(block: &Block, prior: &Value, planned: &Value) -> Vec<AttributePath> {
    let mut found = Vec::new();
    visit(block, planned, &AttributePath::root(), &mut |attribute, at, v| {
        let before = value_at(prior, at);
        if attribute.replaces && before != v && !(attribute.computed && before.is_null()) {
            found.push(at.clone());
        }
    });
    found
}

/// The proposal a resource's own plan rules start from: defaults filled,
/// write-only values null, and for a new object (null `prior`) every unset
/// computed attribute unknown.
pub fn proposal(block: &Block, prior: &Value, proposed: &Value, config: &Value) -> Value {
    let mut planned = proposed.clone();
    fill_defaults(block, &mut planned, config);
    null_write_only(block, &mut planned);
    if prior.is_null() {
        unknown_computed(block, &mut planned, config);
    }
    planned
}

/// Completes a plan the resource made: adds the changed `replaces`
/// attributes to `requires_replace` and, when the object is replaced, marks
/// unknown what the remote side will decide for the new one.
pub fn finish_plan(
    block: &Block,
    prior: &Value,
    config: &Value,
    planned: &mut Value,
    requires_replace: &mut Vec<AttributePath>,
) {
    if planned.is_null() {
        return;
    }
    if !prior.is_null() {
        for path in replaced(block, prior, planned) {
            if !requires_replace.contains(&path) {
                requires_replace.push(path);
            }
        }
    }
    if !requires_replace.is_empty() {
        unknown_computed(block, planned, config);
    }
}

/// `value` without what only the remote side sets (computed attributes
/// the configuration cannot set): what the user controls, for comparing.
pub fn without_computed_only(block: &Block, mut value: Value) -> Value {
    visit_mut(block, &mut value, &AttributePath::root(), &mut |attribute, _, v| {
        if attribute.computed && !attribute.optional && !attribute.required {
            *v = Value::Null;
        }
    });
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::{object, Attribute, NestedBlock};

    fn block() -> Block {
        Block::new()
            .attr("name", Attribute::string().required().replaces())
            .attr("region", Attribute::string().optional().computed().replaces())
            .attr("arn", Attribute::string().computed())
            .block(
                "param",
                NestedBlock::list(
                    Block::new()
                        .attr("key", Attribute::string().required())
                        .attr(
                            "secret",
                            Attribute::bool().optional().computed().default(Value::Bool(false)),
                        )
                        .attr("value_wo", Attribute::string().optional().write_only()),
                ),
            )
    }

    fn param(secret: Value, wo: Value) -> Value {
        object([("key", Value::string("k")), ("secret", secret), ("value_wo", wo)])
    }

    fn resource(name: &str, region: Value, arn: Value, params: Vec<Value>) -> Value {
        object([
            ("name", Value::string(name)),
            ("region", region),
            ("arn", arn),
            ("param", Value::List(params)),
        ])
    }

    #[test]
    fn write_only_values_are_nulled_at_any_depth_and_found_in_config() {
        let mut v = resource(
            "a",
            Value::Null,
            Value::Null,
            vec![param(Value::Null, Value::string("s3cr3t"))],
        );
        assert_eq!(
            write_only_set(&block(), &v),
            [AttributePath::of(&["param"]).index(0).attr("value_wo")]
        );
        null_write_only(&block(), &mut v);
        assert!(v.attr("param").elements()[0].attr("value_wo").is_null());
    }

    #[test]
    fn defaults_fill_what_the_configuration_leaves_unset_and_computed_becomes_unknown() {
        let config = resource(
            "a",
            Value::Null,
            Value::Null,
            vec![param(Value::Null, Value::Null), param(Value::Bool(true), Value::Null)],
        );
        let mut planned = config.clone();
        fill_defaults(&block(), &mut planned, &config);
        unknown_computed(&block(), &mut planned, &config);
        let params = planned.attr("param").elements();
        assert_eq!(params[0].attr("secret"), &Value::Bool(false));
        assert_eq!(params[1].attr("secret"), &Value::Bool(true));
        assert!(planned.attr("arn").is_unknown() && planned.attr("region").is_unknown());
    }

    #[test]
    fn a_changed_replacing_attribute_is_named_unless_it_was_never_known() {
        let prior = resource("a", Value::Null, Value::string("arn:1"), vec![]);
        let renamed = resource("b", Value::string("us-east-1"), Value::string("arn:1"), vec![]);
        assert_eq!(replaced(&block(), &prior, &renamed), [AttributePath::of(&["name"])]);
        let moved = resource("a", Value::string("us-east-1"), Value::string("arn:1"), vec![]);
        let prior_with_region = resource("a", Value::string("eu-west-1"), Value::string("arn:1"), vec![]);
        assert_eq!(
            replaced(&block(), &prior_with_region, &moved),
            [AttributePath::of(&["region"])]
        );
        assert!(replaced(&block(), &prior, &moved).is_empty());
    }

    #[test]
    fn only_attributes_the_configuration_cannot_set_are_left_out_of_a_comparison() {
        let v = resource("a", Value::string("r"), Value::string("arn:1"), vec![]);
        let user = without_computed_only(&block(), v);
        assert!(user.attr("arn").is_null());
        assert_eq!(user.attr("region"), &Value::string("r"));
    }
}
