//! `data "eventbridge_api_destination"`: everything DescribeApiDestination
//! tells about a destination, the resource's attributes and its times.

use async_trait::async_trait;

use super::{mapping, schema, KIND, TYPE_NAME};
use crate::aws::regional::found::{self, Named};
use crate::aws::regional::lookup;
use crate::aws::regional::values::time;
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, Context, DataSource, Diagnostics, Model, Schema, Value};

pub struct ApiDestinationDataSource;

/// Built once: every read cuts its answer to this schema's type.
fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let times = |what: &str| {
            Attribute::string()
                .computed()
                .doc(&format!("When the API destination was {what} (RFC 3339)."))
        };
        Schema::new(lookup::block(
            &schema::cached().block,
            "Reads an existing EventBridge API destination: its endpoint, method, rate, connection and state.",
            &[],
            vec![
                ("creation_time", times("created")),
                ("last_modified_time", times("last modified")),
            ],
        ))
    })
}

#[async_trait]
impl DataSource<AwsClient> for ApiDestinationDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        cached().clone()
    }

    async fn read(&self, ctx: &Context<AwsClient>, config: &Value, diags: &mut Diagnostics) -> Option<Value> {
        let reported = cached().value_type();
        found::lookup(
            &ctx.client,
            &KIND,
            config,
            diags,
            |client, Named { name, region, .. }| async move {
                let out = client.describe_api_destination().name(&name).send().await?;
                let mut value = lookup::reported(&mapping::discovered(&out, &name, &region).to_value(), &reported);
                if let Value::Object(fields) = &mut value {
                    fields.insert("creation_time".into(), time(out.creation_time()));
                    fields.insert("last_modified_time".into(), time(out.last_modified_time()));
                }
                Ok(value)
            },
        )
        .await
    }
}
