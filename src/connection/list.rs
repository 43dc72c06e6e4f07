//! `list "eventbridge_connection"` (protocol 6.10, `terraform query`): the
//! connections of one Region, filtered by name prefix and state as
//! ListConnections filters them, page by page. Each result carries the
//! connection's identity {name, region, account_id}; with
//! `include_resource`, also the connection as an import of it reads
//! (one DescribeConnection each), secrets null: AWS never returns them.

use async_trait::async_trait;
use aws_sdk_eventbridge::types::ConnectionState;
use futures_util::StreamExt;

use super::{connection_name_problem, mapping, TYPE_NAME};
use crate::aws::errors;
use crate::aws::regional::identity;
use crate::aws::regional::region::{self, Regional};
use crate::aws::AwsClient;
use crate::tfplugin::{
    Attribute, AttributePath, Block, Check, Context, Diagnostics, ListEvent, ListRequest, ListResource, ListSink,
    Model, Schema, Value,
};

/// The most connections one ListConnections page holds (`LimitMax100`).
const PAGE_LIMIT: i64 = 100;

/// DescribeConnection calls in flight at once for `include_resource`.
const DESCRIBES_AT_ONCE: usize = 8;

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
    run: |v, at, diags| {
        if let Some(problem) = v.as_str().and_then(connection_name_problem) {
            diags.error_at(
                at,
                "Invalid name prefix",
                format!("A name prefix is the start of a connection name. {problem}"),
            );
        }
    },
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
        let mut next_token: Option<String> = None;
        loop {
            let page = client
                .list_connections()
                .set_name_prefix(filters.name_prefix.map(str::to_string))
                .set_connection_state(filters.state.clone())
                .limit(sink.remaining().clamp(1, PAGE_LIMIT) as i32)
                .set_next_token(next_token.take())
                .send()
                .await;
            let page = match page {
                Ok(page) => page,
                Err(e) => {
                    let mut diags = Diagnostics::new();
                    diags.error(
                        "Error listing EventBridge connections",
                        format!(
                            "listing EventBridge connections in {}: {}",
                            region,
                            errors::describe(&e)
                        ),
                    );
                    return sink.fail(diags).await;
                }
            };
            let found: Vec<(String, String)> = page
                .connections()
                .iter()
                .filter_map(|c| Some((c.name()?.to_string(), c.connection_arn()?.to_string())))
                .collect();
            let more = if req.include_resource {
                push_described(client, region, &found, sink).await
            } else {
                push_identities(region, &found, sink).await
            };
            next_token = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
            if !more || next_token.is_none() {
                return;
            }
        }
    }
}

/// Every state the service model knows.
fn states() -> &'static [&'static str] {
    ConnectionState::values()
}

/// One result: the identity, and the name to show.
fn event(name: &str, region: &str, arn: &str, resource_object: Option<Value>) -> ListEvent {
    match identity::of(name, region, arn) {
        Some(id) => ListEvent::found(id, name, resource_object),
        None => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.warning(
                "Connection skipped",
                format!("EventBridge connection {name:?} has an ARN that names no account ({arn:?})."),
            );
            ListEvent {
                diagnostics,
                ..Default::default()
            }
        }
    }
}

/// Pushes a page's connections; false when no more are wanted.
async fn push_identities(region: &str, found: &[(String, String)], sink: &mut ListSink) -> bool {
    for (name, arn) in found {
        if !sink.push(event(name, region, arn, None)).await {
            return false;
        }
    }
    true
}

/// Pushes a page's connections, each with the resource object a read
/// produces (DescribeConnection, a few at a time, in the page's order). A
/// connection deleted since the page was listed is left out; any other
/// failure ends the listing.
async fn push_described(
    client: &aws_sdk_eventbridge::Client,
    region: &str,
    found: &[(String, String)],
    sink: &mut ListSink,
) -> bool {
    let wanted = usize::try_from(sink.remaining()).unwrap_or(0).min(found.len());
    let mut described = futures_util::stream::iter(found[..wanted].iter().cloned())
        .map(|(name, arn)| {
            let client = client.clone();
            async move {
                let result = client.describe_connection().name(&name).send().await;
                (name, arn, result)
            }
        })
        .buffered(DESCRIBES_AT_ONCE);
    while let Some((name, arn, result)) = described.next().await {
        let object = match result {
            Ok(out) => mapping::discovered(&out, &name, region).to_value(),
            Err(e) if errors::is_not_found(&e) => continue,
            Err(e) => {
                let mut diags = Diagnostics::new();
                diags.error(
                    "Error reading EventBridge connection",
                    format!(
                        "reading EventBridge connection {name:?} in {region}: {}",
                        errors::describe(&e)
                    ),
                );
                sink.fail(diags).await;
                return false;
            }
        };
        if !sink.push(event(&name, region, &arn, Some(object))).await {
            return false;
        }
    }
    true
}
