//! `list "eventbridge_target"` (protocol 6.10, `terraform query`): the
//! targets of one rule (ListTargetsByRule), or every target that sends to
//! one ARN (ListRuleNamesByTarget on one bus or on every bus, then
//! ListTargetsByRule of each rule it names), page by page, each with its
//! identity and, with `include_resource`, the target as an import reads it
//! (a listed target is whole: no further call).

use async_trait::async_trait;
use aws_sdk_eventbridge::Client;

use super::address::Address;
use super::{checks, lifecycle, KIND, TYPE_NAME};
use crate::aws::errors;
use crate::aws::regional::bus::{self, bus_name};
use crate::aws::regional::listing;
use crate::aws::regional::region::{self, Regional};
use crate::aws::regional::DEFAULT_BUS;
use crate::aws::AwsClient;
use crate::tfplugin::{
    Attribute, AttributePath, Block, Context, Diagnostics, ListEvent, ListRequest, ListResource, ListSink, Schema,
    Value,
};

pub struct TargetList;

/// The rules of `bus` that send to `arn` (ListRuleNamesByTarget, every
/// page).
async fn rules_sending_to(client: &Client, arn: &str, bus: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut next_token = None;
    loop {
        let page = client
            .list_rule_names_by_target()
            .target_arn(arn)
            .event_bus_name(bus)
            .limit(100)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| errors::describe(&e))?;
        names.extend(page.rule_names().iter().cloned());
        next_token = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next_token.is_none() {
            return Ok(names);
        }
    }
}

/// Pushes the targets of `rule` on `bus` (those sending to `arn` only,
/// when given); false when no more are wanted or the listing failed.
async fn push_rule(
    client: &Client,
    region: &str,
    (bus, rule): (&str, &str),
    arn: Option<&str>,
    include_resource: bool,
    sink: &mut ListSink,
) -> bool {
    let targets = match lifecycle::list_all(client, rule, Some(bus)).await {
        Ok(targets) => targets,
        // Deleted since ListRuleNamesByTarget named it.
        Err(e) if errors::is_not_found(&e) && arn.is_some() => return true,
        Err(e) => {
            sink.fail(listing::failed(&KIND, region, &errors::describe(&e))).await;
            return false;
        }
    };
    for target in targets.iter().filter(|t| arn.is_none_or(|arn| t.arn() == arn)) {
        let address = Address {
            bus: bus.to_string(),
            rule: rule.to_string(),
            target_id: target.id().to_string(),
            region: Some(region.to_string()),
        };
        let object = include_resource.then(|| lifecycle::discovered(target, &address, region));
        let display = super::schema::id_of(bus, rule, target.id());
        if !sink.push(ListEvent::found(address.identity(), display, object)).await {
            return false;
        }
    }
    true
}

#[async_trait]
impl ListResource<AwsClient> for TargetList {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .doc(
                    "Lists EventBridge targets of one Region, for `terraform query`: the targets of one rule, or \
                     every target that sends to one ARN (on one event bus or on every bus), each with its identity \
                     (rule, target id, bus, Region) and, with `include_resource = true`, every argument AWS \
                     returns. Set `rule`, `target_arn`, or both.",
                )
                .attr("region", region::lookup_attribute("to list"))
                .attr(
                    "rule",
                    Attribute::string()
                        .optional()
                        .check(checks::RULE)
                        .doc("Only the targets of this rule (by name)."),
                )
                .attr(
                    "target_arn",
                    Attribute::string()
                        .optional()
                        .check(checks::ARN)
                        .doc("Only the targets that send to this ARN, e.g. an API destination's."),
                )
                .attr(
                    "event_bus_name",
                    Attribute::string().optional().check(bus::EVENT_BUS).doc(
                        "The event bus of the rules (name or ARN); with `rule`, `default` when unset; with \
                         `target_arn` alone, every bus of the Region when unset.",
                    ),
                ),
        )
    }

    fn validate(&self, config: &Value, diags: &mut Diagnostics) {
        if config.attr("rule").is_null() && config.attr("target_arn").is_null() {
            diags.error_at(
                &AttributePath::of(&["rule"]),
                "Missing filter",
                "Set rule (the targets of one rule), target_arn (every target that sends to it), or both.",
            );
        }
    }

    async fn list(&self, ctx: &Context<AwsClient>, req: ListRequest<'_>, sink: &mut ListSink) {
        let config = req.config;
        let Regional { region, client } = &Regional::of(&ctx.client, config.attr("region").as_str());
        let arn = config.attr("target_arn").as_str();
        let bus = config.attr("event_bus_name").as_str().map(bus_name);
        if let Some(rule) = config.attr("rule").as_str() {
            let bus = bus.unwrap_or(DEFAULT_BUS);
            push_rule(client, region, (bus, rule), arn, req.include_resource, sink).await;
            return;
        }
        let Some(arn) = arn else { return };
        let buses = match bus {
            Some(bus) => vec![bus.to_string()],
            None => match bus::list(client).await {
                Ok(buses) => buses,
                Err(cause) => return sink.fail(listing::failed(&KIND, region, &cause)).await,
            },
        };
        for bus in &buses {
            let rules = match rules_sending_to(client, arn, bus).await {
                Ok(rules) => rules,
                Err(cause) => return sink.fail(listing::failed(&KIND, region, &cause)).await,
            };
            for rule in &rules {
                if !push_rule(client, region, (bus, rule), Some(arn), req.include_resource, sink).await {
                    return;
                }
            }
        }
    }
}
