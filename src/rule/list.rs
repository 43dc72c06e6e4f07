//! `list "eventbridge_rule"` (protocol 6.10, `terraform query`): the rules
//! of one Region, filtered by name prefix as ListRules filters them, on
//! one bus (`event_bus_name`) or on every bus (ListEventBuses, then
//! ListRules on each), page by page, each with its identity and, with
//! `include_resource`, the rule as an import reads it (see
//! [`crate::aws::regional::listing`]).

use async_trait::async_trait;

use super::{lifecycle, KIND, TYPE_NAME};
use crate::aws::errors;
use crate::aws::regional::bus;
use crate::aws::regional::found::Named;
use crate::aws::regional::listing::{self, Described, Listed, Page};
use crate::aws::regional::region::{self, Regional};
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, Block, Check, Context, ListRequest, ListResource, ListSink, Schema};

pub struct RuleList;

const NAME_PREFIX: Check = Check {
    rule: || "The start of a rule name: 1 to 64 letters, digits, `.`, `-` or `_`.".into(),
    run: |v, at, diags| listing::name_prefix(&KIND, v, at, diags),
};

#[async_trait]
impl ListResource<AwsClient> for RuleList {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .doc(
                    "Lists the EventBridge rules of one Region, for `terraform query`: on one event bus or on \
                     every bus, each with its identity (name, bus, Region, account) and, with \
                     `include_resource = true`, every argument AWS returns.",
                )
                .attr("region", region::lookup_attribute("to list"))
                .attr(
                    "name_prefix",
                    Attribute::string()
                        .optional()
                        .check(NAME_PREFIX)
                        .doc("Only rules whose name starts with this: 1 to 64 letters, digits, `.`, `-` or `_`."),
                )
                .attr(
                    "event_bus_name",
                    Attribute::string()
                        .optional()
                        .check(bus::EVENT_BUS)
                        .doc("Only the rules of this event bus (name or ARN); every bus of the Region when unset."),
                ),
        )
    }

    async fn list(&self, ctx: &Context<AwsClient>, req: ListRequest<'_>, sink: &mut ListSink) {
        let config = req.config;
        let Regional { region, client } = &Regional::of(&ctx.client, config.attr("region").as_str());
        let name_prefix = config.attr("name_prefix").as_str().map(str::to_string);
        let buses = match config.attr("event_bus_name").as_str() {
            Some(bus) => vec![bus.to_string()],
            None => match bus::list(client).await {
                Ok(buses) => buses,
                Err(cause) => return sink.fail(listing::failed(&KIND, region, &cause)).await,
            },
        };
        let policy = ctx.client.tag_policy();
        for bus in buses {
            if sink.remaining() == 0 {
                return;
            }
            let list_page = |next_token, limit| {
                let request = client
                    .list_rules()
                    .set_name_prefix(name_prefix.clone())
                    .event_bus_name(&bus)
                    .limit(limit)
                    .set_next_token(next_token);
                async move {
                    let page = request.send().await.map_err(|e| errors::describe(&e))?;
                    let found = page
                        .rules()
                        .iter()
                        .filter(|r| r.managed_by().is_none())
                        .filter_map(|r| {
                            Some(Listed {
                                name: r.name()?.to_string(),
                                arn: r.arn()?.to_string(),
                            })
                        })
                        .collect();
                    Ok(Page {
                        found,
                        next_token: page.next_token().map(str::to_string),
                    })
                }
            };
            let describe = |name: String| {
                let client = client.clone();
                let named = Named {
                    name,
                    region: region.clone(),
                    bus: Some(bus.clone()),
                };
                async move {
                    match lifecycle::discover(&client, &named, policy).await {
                        Ok(found) => Described::Object(found.state),
                        Err(e) if errors::is_not_found(&e) => Described::Gone,
                        Err(e) => Described::Failed(errors::describe(&e)),
                    }
                }
            };
            if !listing::run(&KIND, region, req.include_resource, sink, list_page, describe).await {
                return;
            }
        }
    }
}
