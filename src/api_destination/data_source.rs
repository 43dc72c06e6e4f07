//! `data "eventbridge_api_destination"`: everything DescribeApiDestination
//! tells about a destination, the resource's attributes and its times.

use async_trait::async_trait;

use super::{mapping, schema, KIND, TYPE_NAME};
use crate::aws::regional::region::Regional;
use crate::aws::regional::{failure, lookup, time};
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, Context, DataSource, Diagnostics, Model, Schema, Value};

pub struct ApiDestinationDataSource;

#[async_trait]
impl DataSource<AwsClient> for ApiDestinationDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
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
    }

    async fn read(&self, ctx: &Context<AwsClient>, config: &Value, diags: &mut Diagnostics) -> Option<Value> {
        let name = config.attr("name").as_str()?.to_string();
        let Regional { region, client } = Regional::of(&ctx.client, config.attr("region").as_str());
        match client.describe_api_destination().name(&name).send().await {
            Ok(out) => {
                let found = mapping::discovered(&out, &name, &region).to_value();
                let mut value = lookup::reported(&found, &self.schema().value_type());
                if let Value::Object(fields) = &mut value {
                    fields.insert("creation_time".into(), time(out.creation_time()));
                    fields.insert("last_modified_time".into(), time(out.last_modified_time()));
                }
                Some(value)
            }
            Err(e) => {
                failure::lookup_failed(&KIND, &name, &region, &e, diags);
                None
            }
        }
    }
}
