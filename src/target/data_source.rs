//! `data "eventbridge_target"`: everything ListTargetsByRule tells about
//! one target of a rule, by rule, target id and bus.

use async_trait::async_trait;

use super::address::Address;
use super::{lifecycle, schema, KIND, TYPE_NAME};
use crate::aws::regional::bus::{self, bus_name};
use crate::aws::regional::failure::{self, Subject};
use crate::aws::regional::region::Regional;
use crate::aws::regional::{lookup, DEFAULT_BUS};
use crate::aws::AwsClient;
use crate::tfplugin::{AttributePath, Context, DataSource, Diagnostics, Schema, Value};

pub struct TargetDataSource;

/// Built once: every read cuts its answer to this schema's type.
fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let resource = &schema::cached().block;
        let mut block = lookup::block(
            resource,
            "Reads one target of an existing EventBridge rule: where the rule sends its events, with what input, \
             role, retry policy and dead-letter queue.",
            &["force_destroy"],
            vec![],
        );
        // What picks out the target is asked for, with the resource's checks.
        for (name, attribute) in &mut block.attributes {
            let Some((_, declared)) = resource.attributes.iter().find(|(n, _)| n == name) else {
                continue;
            };
            match name.as_str() {
                "rule" | "target_id" => {
                    attribute.required = true;
                    attribute.computed = false;
                    attribute.checks = declared.checks.clone();
                }
                "event_bus_name" => {
                    attribute.optional = true;
                    attribute.checks.push(bus::EVENT_BUS);
                    attribute.description = "The event bus of the rule, by name or ARN; defaults to `default`.".into();
                }
                _ => {}
            }
        }
        Schema::new(block)
    })
}

#[async_trait]
impl DataSource<AwsClient> for TargetDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        cached().clone()
    }

    async fn read(&self, ctx: &Context<AwsClient>, config: &Value, diags: &mut Diagnostics) -> Option<Value> {
        let address = Address {
            bus: bus_name(config.attr("event_bus_name").as_str().unwrap_or(DEFAULT_BUS)).to_string(),
            rule: config.attr("rule").as_str()?.to_string(),
            target_id: config.attr("target_id").as_str()?.to_string(),
            region: None,
        };
        let Regional { region, client } = Regional::of(&ctx.client, config.attr("region").as_str());
        match lifecycle::discover(&client, &address, &region).await {
            Ok(Some(mut state)) => {
                // The bus as the configuration wrote it (name or ARN).
                if let (Some(bus), Some(v)) = (config.attr("event_bus_name").as_str(), state.attr_mut("event_bus_name"))
                {
                    *v = Value::string(bus);
                }
                Some(lookup::reported(&state, &cached().value_type()))
            }
            Ok(None) => {
                diags.error_at(
                    &AttributePath::of(&["target_id"]),
                    "Target not found",
                    format!(
                        "Rule {:?} on event bus {:?} in {region} has no target {:?} (or the rule does not exist).",
                        address.rule, address.bus, address.target_id
                    ),
                );
                None
            }
            Err(e) => {
                let name = address.import_id();
                let subject = Subject {
                    kind: &KIND,
                    name: &name,
                    region: &region,
                };
                let cause = failure::cause(&e, &subject);
                diags.extend(failure::diagnostics(
                    "Error reading EventBridge target",
                    "reading",
                    &subject,
                    &cause,
                    &[],
                ));
                None
            }
        }
    }
}
