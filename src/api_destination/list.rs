//! `list "eventbridge_api_destination"` (protocol 6.10, `terraform
//! query`): the API destinations of one Region, filtered by name prefix and
//! connection as ListApiDestinations filters them, page by page, each with
//! its identity and, with `include_resource`, the destination as an import
//! reads it (see [`crate::aws::regional::listing`]).

use async_trait::async_trait;

use super::{checks, mapping, KIND, TYPE_NAME};
use crate::aws::errors;
use crate::aws::regional::listing::{self, Described, Listed, Page};
use crate::aws::regional::region::{self, Regional};
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, Block, Check, Context, ListRequest, ListResource, ListSink, Model, Schema};

pub struct ApiDestinationList;

const NAME_PREFIX: Check = Check {
    rule: || "The start of an API destination name: 1 to 64 letters, digits, `.`, `-` or `_`.".into(),
    run: |v, at, diags| listing::name_prefix(&KIND, v, at, diags),
};

#[async_trait]
impl ListResource<AwsClient> for ApiDestinationList {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .doc(
                    "Lists the EventBridge API destinations of one Region, for `terraform query`: each with its \
                     identity (name, Region, account) and, with `include_resource = true`, every argument AWS \
                     returns.",
                )
                .attr("region", region::lookup_attribute("to list"))
                .attr(
                    "name_prefix",
                    Attribute::string().optional().check(NAME_PREFIX).doc(
                        "Only API destinations whose name starts with this: 1 to 64 letters, digits, `.`, `-` or `_`.",
                    ),
                )
                .attr(
                    "connection_arn",
                    Attribute::string()
                        .optional()
                        .check(checks::CONNECTION_ARN)
                        .doc("Only the API destinations that use this connection (its ARN)."),
                ),
        )
    }

    async fn list(&self, ctx: &Context<AwsClient>, req: ListRequest<'_>, sink: &mut ListSink) {
        let config = req.config;
        let Regional { region, client } = &Regional::of(&ctx.client, config.attr("region").as_str());
        let list_page = |next_token, limit| {
            let request = client
                .list_api_destinations()
                .set_name_prefix(config.attr("name_prefix").as_str().map(str::to_string))
                .set_connection_arn(config.attr("connection_arn").as_str().map(str::to_string))
                .limit(limit)
                .set_next_token(next_token);
            async move {
                let page = request.send().await.map_err(|e| errors::describe(&e))?;
                let found = page
                    .api_destinations()
                    .iter()
                    .filter_map(|d| {
                        Some(Listed {
                            name: d.name()?.to_string(),
                            arn: d.api_destination_arn()?.to_string(),
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
                match client.describe_api_destination().name(&name).send().await {
                    Ok(out) => Described::Object(mapping::discovered(&out, &name, region).to_value()),
                    Err(e) if errors::is_not_found(&e) => Described::Gone,
                    Err(e) => Described::Failed(errors::describe(&e)),
                }
            }
        };
        listing::run(&KIND, region, req.include_resource, sink, list_page, describe).await;
    }
}
