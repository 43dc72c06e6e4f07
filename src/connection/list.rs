//! `list "eventbridge_connection"` (protocol 6.10, `terraform query`): the
//! connections of one Region, filtered by name prefix and state as
//! ListConnections filters them, page by page. Each result carries the
//! connection's identity {name, region, account_id}; with
//! `include_resource`, also the connection as an import of it reads
//! (one DescribeConnection each), secrets null: AWS never returns them.

use async_trait::async_trait;
use aws_sdk_eventbridge::types::ConnectionState;

use super::{mapping, KIND, TYPE_NAME};
use crate::aws::errors;
use crate::aws::regional::listing::{self, Described, Listed, Page};
use crate::aws::regional::region::{self, Regional};
use crate::aws::AwsClient;
use crate::tfplugin::{
    Attribute, AttributePath, Block, Check, Context, Diagnostics, ListRequest, ListResource, ListSink, Model, Schema,
    Value,
};

pub struct ConnectionList;

/// The `config` block, checked.
struct Filters<'a> {
    at: Regional,
    name_prefix: Option<&'a str>,
    state: Option<ConnectionState>,
}

impl<'a> Filters<'a> {
    fn of(config: &'a Value, ctx: &Context<AwsClient>) -> Filters<'a> {
        Filters {
            at: Regional::of(&ctx.client, config.attr("region").as_str()),
            name_prefix: config.attr("name_prefix").as_str(),
            state: config.attr("connection_state").as_str().map(ConnectionState::from),
        }
    }
}

const NAME_PREFIX: Check = Check {
    rule: || "The start of a connection name: 1 to 64 letters, digits, `.`, `-` or `_`.".into(),
    run: |v, at, diags| listing::name_prefix(&KIND, v, at, diags),
};

const STATE: Check = Check {
    rule: || format!("One of {}.", states().join(", ")),
    run: check_state,
};

fn check_state(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(state) = v.as_str() else { return };
    if !states().contains(&state) {
        diags.error_at(
            at,
            "Invalid connection state",
            format!(
                "{state:?} is not a connection state. Use one of {}.",
                states().join(", ")
            ),
        );
    }
}

#[async_trait]
impl ListResource<AwsClient> for ConnectionList {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .doc(
                    "Lists the EventBridge connections of one Region, for `terraform query`: each with its \
                     identity (name, Region, account) and, with `include_resource = true`, every argument AWS \
                     returns (never a secret).",
                )
                .attr("region", region::lookup_attribute("to list"))
                .attr(
                    "name_prefix",
                    Attribute::string()
                        .optional()
                        .check(NAME_PREFIX)
                        .doc("Only connections whose name starts with this: 1 to 64 letters, digits, `.`, `-` or `_`."),
                )
                .attr(
                    "connection_state",
                    Attribute::string()
                        .optional()
                        .check(STATE)
                        .doc(&format!("Only connections in this state: {}.", states().join(", "))),
                ),
        )
    }

    async fn list(&self, ctx: &Context<AwsClient>, req: ListRequest<'_>, sink: &mut ListSink) {
        let filters = Filters::of(req.config, ctx);
        let Regional { region, client } = &filters.at;
        let list_page = |next_token, limit| {
            let request = client
                .list_connections()
                .set_name_prefix(filters.name_prefix.map(str::to_string))
                .set_connection_state(filters.state.clone())
                .limit(limit)
                .set_next_token(next_token);
            async move {
                let page = request.send().await.map_err(|e| errors::describe(&e))?;
                let found = page
                    .connections()
                    .iter()
                    .filter_map(|c| {
                        Some(Listed {
                            name: c.name()?.to_string(),
                            arn: c.connection_arn()?.to_string(),
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
            async move {
                match client.describe_connection().name(&name).send().await {
                    Ok(out) => Described::Object(mapping::discovered(&out, &name, region).to_value()),
                    Err(e) if errors::is_not_found(&e) => Described::Gone,
                    Err(e) => Described::Failed(errors::describe(&e)),
                }
            }
        };
        listing::run(&KIND, region, req.include_resource, sink, list_page, describe).await;
    }
}

/// Every state the service model knows.
fn states() -> &'static [&'static str] {
    ConnectionState::values()
}
