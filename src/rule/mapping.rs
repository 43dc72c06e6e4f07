//! The model ↔ EventBridge API mapping (it makes no call): the PutRule
//! request of a [`Rule`], and a [`Rule`] from DescribeRule and
//! ListTagsForResource. PutRule writes every setting at once (it creates
//! or overwrites), so an update sends them all; tags go with PutRule on a
//! create only, and by TagResource / UntagResource afterwards.

use std::collections::BTreeMap;

use aws_sdk_eventbridge::operation::describe_rule::DescribeRuleOutput;
use aws_sdk_eventbridge::operation::put_rule::builders::PutRuleFluentBuilder;
use aws_sdk_eventbridge::types::{RuleState, Tag};
use aws_sdk_eventbridge::Client;

use super::schema::{id_of, Rule};
use crate::aws::regional::bus::bus_name;
use crate::aws::regional::tags::{self, TagPolicy};
use crate::aws::regional::{values, DEFAULT_BUS};
use crate::tfplugin::Value;

/// The PutRule request that makes AWS hold `r`; `prior`, on an update, so
/// that a removed description is sent empty and AWS clears it.
pub fn put_request(client: &Client, r: &Rule, prior: Option<&Rule>) -> PutRuleFluentBuilder {
    let description = match prior {
        Some(prior) => values::description_to_send(&r.description, &prior.description),
        None => r.description.clone(),
    };
    client
        .put_rule()
        .name(r.name())
        .set_event_bus_name(r.event_bus_name.clone())
        .set_description(description)
        .set_event_pattern(r.event_pattern.clone())
        .set_schedule_expression(r.schedule_expression.clone())
        .set_state(r.state.as_deref().map(RuleState::from))
        .set_role_arn(r.role_arn.clone())
}

/// The Tags of a create's PutRule: `tags_all`; None when there are none.
pub fn tags_to_create(r: &Rule) -> Option<Vec<Tag>> {
    let tags = tags::to_send(&r.tags_all);
    (!tags.is_empty()).then(|| tag_list(&tags))
}

pub fn tag_list(tags: &BTreeMap<String, String>) -> Vec<Tag> {
    tags.iter()
        .filter_map(|(k, v)| Tag::builder().key(k).value(v).build().ok())
        .collect()
}

/// What the settings PutRule writes are, to tell whether an update needs it.
pub fn settings(r: &Rule) -> impl PartialEq {
    (
        r.description.clone().filter(|d| !d.is_empty()),
        r.event_pattern.clone(),
        r.schedule_expression.clone(),
        r.state.clone(),
        r.role_arn.clone(),
    )
}

/// The rule as DescribeRule shows it, with what only Terraform knows: the
/// Region, the bus as written (name or ARN), the pattern's text when it is
/// the same JSON, a description of `""`, `name_prefix`, and the tags
/// (`aws_tags`, what ListTagsForResource said, read through `policy`).
pub fn from_described(
    out: &DescribeRuleOutput,
    prior: &Rule,
    aws_tags: &BTreeMap<String, String>,
    policy: &TagPolicy,
) -> Rule {
    let name = out.name().map_or_else(|| prior.name().to_string(), str::to_string);
    let bus = match (out.event_bus_name(), prior.event_bus_name.as_deref()) {
        (Some(aws), Some(prior)) if bus_name(prior) == aws => prior.to_string(),
        (Some(aws), _) => aws.to_string(),
        (None, prior) => prior.unwrap_or(DEFAULT_BUS).to_string(),
    };
    let event_pattern = match (out.event_pattern(), prior.event_pattern.as_deref()) {
        (Some(aws), Some(prior)) if values::same_json(aws, prior) => Some(prior.to_string()),
        (aws, _) => aws.map(str::to_string),
    };
    let state = out.state().map(|s| s.as_str().to_string());
    let (tags, tags_all) = tags::read(aws_tags, &prior.tags, policy);
    Rule {
        id: id_of(&bus, &name),
        name: Some(name),
        name_prefix: prior.name_prefix.clone(),
        description: values::read_description(out.description(), &prior.description),
        event_bus_name: Some(bus),
        event_pattern,
        schedule_expression: out.schedule_expression().map(str::to_string),
        is_enabled: state.as_deref().map(|s| s != "DISABLED"),
        state,
        role_arn: out.role_arn().map(str::to_string),
        tags,
        tags_all,
        region: prior.region.clone(),
        arn: out.arn().map(str::to_string),
    }
}

/// A rule Terraform does not manage yet (import, data source, `terraform
/// query`), as DescribeRule and ListTagsForResource show it.
pub fn discovered(
    out: &DescribeRuleOutput,
    region: &str,
    aws_tags: &BTreeMap<String, String>,
    policy: &TagPolicy,
) -> Rule {
    let nothing_known = Rule {
        region: Some(region.to_string()),
        tags: Value::Null,
        ..Default::default()
    };
    from_described(out, &nothing_known, aws_tags, policy)
}

/// ListTagsForResource's answer as a map.
pub fn tag_map(tags: &[Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described() -> DescribeRuleOutput {
        DescribeRuleOutput::builder()
            .name("nightly")
            .event_bus_name("orders")
            .event_pattern("{\"source\": [\"a\"]}")
            .state(RuleState::Disabled)
            .arn("arn:aws:events:us-east-1:123456789012:rule/orders/nightly")
            .build()
    }

    #[test]
    fn a_read_keeps_the_bus_as_written_and_the_patterns_text_when_they_are_the_same() {
        let prior = Rule {
            name: Some("nightly".into()),
            event_bus_name: Some("arn:aws:events:us-east-1:123456789012:event-bus/orders".into()),
            event_pattern: Some(r#"{"source":["a"]}"#.into()),
            description: Some(String::new()),
            region: Some("us-east-1".into()),
            ..Default::default()
        };
        let read = from_described(&described(), &prior, &BTreeMap::new(), &TagPolicy::none());
        assert_eq!(read.event_bus_name, prior.event_bus_name);
        assert_eq!(read.event_pattern, prior.event_pattern);
        assert_eq!(read.description, Some(String::new()));
        assert_eq!(read.id, "orders/nightly");
        assert_eq!(
            (read.state.as_deref(), read.is_enabled),
            (Some("DISABLED"), Some(false))
        );
        assert_eq!(read.tags, Value::Null);
        assert_eq!(read.tags_all, Value::Map(Default::default()));
        // Another bus or pattern in AWS is drift: AWS's value is read.
        let moved = Rule {
            event_bus_name: Some("payments".into()),
            event_pattern: Some(r#"{"source":["b"]}"#.into()),
            ..prior
        };
        let read = from_described(&described(), &moved, &BTreeMap::new(), &TagPolicy::none());
        assert_eq!(read.event_bus_name.as_deref(), Some("orders"));
        assert_eq!(read.event_pattern.as_deref(), Some("{\"source\": [\"a\"]}"));
    }
}
