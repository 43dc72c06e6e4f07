//! `data "eventbridge_connection"`: everything DescribeConnection tells
//! about a connection, in the resource's shape (its schema derived from
//! the resource's, see [`crate::aws::regional::lookup`]), secrets null.

use async_trait::async_trait;

use super::{mapping, schema, KIND, TYPE_NAME};
use crate::aws::regional::found::{self, Named};
use crate::aws::regional::lookup;
use crate::aws::regional::values::time;
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, Context, DataSource, Diagnostics, Model, Schema, Value};

pub struct ConnectionDataSource;

/// What only configures the resource: nothing AWS holds.
const NOT_REPORTED: [&str; 2] = ["secrets_wo_version", "timeouts"];

/// Built once: every read cuts its answer to this schema's type.
fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let time = |what: &str| {
            Attribute::string()
                .computed()
                .doc(&format!("When the connection was {what} (RFC 3339)."))
        };
        Schema::new(lookup::block(
            &schema::cached().block,
            "Reads an existing EventBridge connection: its state, its settings and the non-secret parts of its \
             authorization (the secrets are null: AWS never returns them).",
            &NOT_REPORTED,
            vec![
                ("creation_time", time("created")),
                ("last_modified_time", time("last modified")),
                ("last_authorized_time", time("last authorized")),
            ],
        ))
    })
}

#[async_trait]
impl DataSource<AwsClient> for ConnectionDataSource {
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
                let out = client.describe_connection().name(&name).send().await?;
                let mut value = lookup::reported(&mapping::discovered(&out, &name, &region).to_value(), &reported);
                if let Value::Object(fields) = &mut value {
                    fields.insert("creation_time".into(), time(out.creation_time()));
                    fields.insert("last_modified_time".into(), time(out.last_modified_time()));
                    fields.insert("last_authorized_time".into(), time(out.last_authorized_time()));
                }
                Ok(value)
            },
        )
        .await
    }
}
