//! `data "eventbridge_rule"`: everything DescribeRule and
//! ListTagsForResource tell about a rule, by name and bus.

use async_trait::async_trait;

use super::{lifecycle, schema, KIND, TYPE_NAME};
use crate::aws::regional::bus;
use crate::aws::regional::{found, lookup};
use crate::aws::AwsClient;
use crate::tfplugin::{Context, DataSource, Diagnostics, Schema, Value};

pub struct RuleDataSource;

/// Built once: every read cuts its answer to this schema's type.
fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut block = lookup::block(
            &schema::cached().block,
            "Reads an existing EventBridge rule: its pattern or schedule, state, role and tags.",
            &["name_prefix"],
            vec![],
        );
        // The bus is asked for too (the default one when unset).
        for (name, attribute) in &mut block.attributes {
            if name == "event_bus_name" {
                attribute.optional = true;
                attribute.checks.push(bus::EVENT_BUS);
                attribute.description = "The event bus of the rule, by name or ARN; defaults to `default`.".to_string();
            }
        }
        Schema::new(block)
    })
}

#[async_trait]
impl DataSource<AwsClient> for RuleDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        cached().clone()
    }

    async fn read(&self, ctx: &Context<AwsClient>, config: &Value, diags: &mut Diagnostics) -> Option<Value> {
        let reported = cached().value_type();
        let policy = ctx.client.tag_policy();
        found::lookup(&ctx.client, &KIND, config, diags, |client, named| async move {
            let found = lifecycle::discover(&client, &named, policy).await?;
            Ok(lookup::reported(&found.state, &reported))
        })
        .await
    }
}
