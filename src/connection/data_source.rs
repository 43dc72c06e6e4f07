//! `data "eventbridge_connection"`: everything DescribeConnection tells
//! about a connection, except the secrets.

use async_trait::async_trait;
use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;

use super::model::{HttpParameters, Parameter};
use super::{checks, mapping, KIND, TYPE_NAME};
use crate::aws::regional::region::{self, Regional};
use crate::aws::regional::{failure, time};
use crate::aws::AwsClient;
use crate::tfplugin::{object, Attribute, Block, Context, DataSource, Diagnostics, Schema, Type, Value};

pub struct ConnectionDataSource;

fn parameter_type() -> Type {
    Type::Object(
        [
            ("key".to_string(), Type::String),
            ("value".to_string(), Type::String),
            ("is_value_secret".to_string(), Type::Bool),
        ]
        .into(),
    )
}

fn http_type() -> Type {
    Type::Object(
        ["body", "header", "query_string"]
            .iter()
            .map(|k| (k.to_string(), Type::list(parameter_type())))
            .collect(),
    )
}

fn auth_type() -> Type {
    let obj = |fields: &[(&str, Type)]| Type::Object(fields.iter().map(|(k, t)| (k.to_string(), t.clone())).collect());
    obj(&[
        ("api_key", Type::list(obj(&[("key", Type::String)]))),
        ("basic", Type::list(obj(&[("username", Type::String)]))),
        (
            "oauth",
            Type::list(obj(&[
                ("authorization_endpoint", Type::String),
                ("http_method", Type::String),
                ("client_parameters", Type::list(obj(&[("client_id", Type::String)]))),
                ("oauth_http_parameters", Type::list(http_type())),
            ])),
        ),
        ("invocation_http_parameters", Type::list(http_type())),
    ])
}

fn computed(doc: &str) -> Attribute {
    Attribute::string().computed().doc(doc)
}

#[async_trait]
impl DataSource<AwsClient> for ConnectionDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .doc("Reads an existing EventBridge connection: its state, its settings and the non-secret parts of its authorization.")
                .attr(
                    "name",
                    Attribute::string().required().check(checks::NAME).doc("Name of the connection."),
                )
                .attr("region", region::lookup_attribute("of the connection").computed())
                .attr("id", computed("The connection's name."))
                .attr("arn", computed("ARN of the connection."))
                .attr("secret_arn", computed("ARN of the Secrets Manager secret holding the connection's secrets."))
                .attr("authorization_type", computed("`API_KEY`, `BASIC` or `OAUTH_CLIENT_CREDENTIALS`."))
                .attr("description", computed("Description of the connection."))
                .attr("kms_key_identifier", computed("Customer managed KMS key encrypting the secret, if any."))
                .attr("connection_state", computed("State of the connection, e.g. `AUTHORIZED`."))
                .attr("state_reason", computed("Why the connection is in its state, when AWS says."))
                .attr("creation_time", computed("When the connection was created (RFC 3339)."))
                .attr("last_modified_time", computed("When the connection was last modified (RFC 3339)."))
                .attr("last_authorized_time", computed("When the connection was last authorized (RFC 3339)."))
                .attr(
                    "auth_parameters",
                    Attribute::of(Type::list(auth_type())).computed().doc(
                        "The non-secret authorization parameters, shaped like the resource's `auth_parameters`: API \
                         key name, basic user name, OAuth endpoint, method and client id, and HTTP parameters (the \
                         `value` of a secret parameter is null).",
                    ),
                ),
        )
    }

    async fn read(&self, ctx: &Context<AwsClient>, config: &Value, diags: &mut Diagnostics) -> Option<Value> {
        let name = config.attr("name").as_str()?.to_string();
        let Regional { region, client } = Regional::of(&ctx.client, config.attr("region").as_str());
        match client.describe_connection().name(&name).send().await {
            Ok(out) => Some(to_value(&out, &name, &region)),
            Err(e) => {
                failure::lookup_failed(&KIND, &name, &region, &e, diags);
                None
            }
        }
    }
}

/// The connection as the resource's model reads it (with no prior state,
/// so no secret value), shaped for the data source.
fn to_value(out: &DescribeConnectionOutput, name: &str, region: &str) -> Value {
    let c = mapping::discovered(out, name, region);
    let list = |v: Option<Value>| Value::List(v.into_iter().collect());
    let a = &c.auth_parameters;
    let auth = object([
        (
            "api_key",
            list(a.api_key.as_ref().map(|k| object([("key", Value::string(&k.key))]))),
        ),
        (
            "basic",
            list(
                a.basic
                    .as_ref()
                    .map(|b| object([("username", Value::string(&b.username))])),
            ),
        ),
        (
            "oauth",
            list(a.oauth.as_ref().map(|o| {
                object([
                    ("authorization_endpoint", Value::string(&o.authorization_endpoint)),
                    ("http_method", Value::string(&o.http_method)),
                    (
                        "client_parameters",
                        list(
                            o.client_parameters
                                .as_ref()
                                .map(|c| object([("client_id", Value::string(&c.client_id))])),
                        ),
                    ),
                    (
                        "oauth_http_parameters",
                        list(o.oauth_http_parameters.as_ref().map(http)),
                    ),
                ])
            })),
        ),
        (
            "invocation_http_parameters",
            list(a.invocation_http_parameters.as_ref().map(http)),
        ),
    ]);
    object([
        ("name", Value::string(name)),
        ("region", Value::string(region)),
        ("id", Value::string(name)),
        ("arn", Value::opt_string(out.connection_arn())),
        ("secret_arn", Value::opt_string(out.secret_arn())),
        (
            "authorization_type",
            Value::opt_string(out.authorization_type().map(|t| t.as_str())),
        ),
        ("description", Value::opt_string(out.description())),
        ("kms_key_identifier", Value::opt_string(out.kms_key_identifier())),
        (
            "connection_state",
            Value::opt_string(out.connection_state().map(|s| s.as_str())),
        ),
        ("state_reason", Value::opt_string(out.state_reason())),
        ("creation_time", time(out.creation_time())),
        ("last_modified_time", time(out.last_modified_time())),
        ("last_authorized_time", time(out.last_authorized_time())),
        ("auth_parameters", list(out.auth_parameters().map(|_| auth))),
    ])
}

/// HTTP parameters; the value of a secret one is null (the model never
/// takes it from AWS, and an emulator that returns it is ignored).
fn http(h: &HttpParameters) -> Value {
    let params = |list: &[Parameter]| {
        Value::List(
            list.iter()
                .map(|p| {
                    object([
                        ("key", Value::string(&p.key)),
                        ("value", Value::opt_string(p.value.as_ref().map(|v| v.expose()))),
                        ("is_value_secret", Value::Bool(p.is_value_secret)),
                    ])
                })
                .collect(),
        )
    };
    object(h.lists().map(|(name, list)| (name, params(list))))
}
