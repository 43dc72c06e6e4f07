//! The `eventbridge_connection` schema and typed model, each attribute
//! declared once with its flags, its checks and its docs: every documented
//! argument of CreateConnection, with the reference provider's names and
//! block shapes (single blocks are lists of at most one, so state and
//! references match `aws_cloudwatch_event_connection`).

use std::time::Duration;

use super::checks;
use super::model::Secret;
use super::KIND;
use crate::aws::regional::timeouts::{Op, Timeouts, Waits};
use crate::aws::regional::{region, timeouts};
use crate::model;
use crate::tfplugin::{Attribute, Model, NestedBlock, Schema, Value};

/// Current schema version. Bumping it needs an `upgrade_state` on
/// `ConnectionResource` that turns older states into this one (the default
/// accepts the current version only).
const SCHEMA_VERSION: i64 = 0;

/// Most entries AWS accepts in one body / header / query string list.
pub const MAX_PARAMETERS: usize = 100;

/// What each operation waits for, and for how long by default (as the
/// reference provider waits for create and update).
pub const WAITS: Waits = [
    (Op::Create, "be authorized after creation", Duration::from_secs(20 * 60)),
    (Op::Update, "settle after an update", Duration::from_secs(20 * 60)),
    (Op::Delete, "disappear after deletion", Duration::from_secs(5 * 60)),
];

/// The schema, built once, for plan rules that consult its flags.
pub fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

pub fn schema() -> Schema {
    Schema::new(Connection::block()).version(SCHEMA_VERSION)
}

model! {
    /// Manages an Amazon EventBridge connection: the authorization (API key, basic or OAuth client
    /// credentials) and extra HTTP parameters that API destinations use to call an HTTP endpoint.
    /// AWS keeps the secrets in a Secrets Manager secret it owns (`secret_arn`).
    pub struct Connection {
        attr id: String = Attribute::string().computed().doc("The connection's name."),
        attr name: String = Attribute::string().required().replaces().check(checks::NAME).doc(
            "Name of the connection: 1 to 64 letters, digits, `.`, `-` or `_`. Changing it replaces the connection.",
        ),
        attr description: Option<String> = Attribute::string().optional().check(checks::DESCRIPTION).doc(
            "Description of the connection, up to 512 characters. Removing it clears it in AWS.",
        ),
        attr authorization_type: String = Attribute::string().required().check(checks::AUTHORIZATION_TYPE).doc(
            "How EventBridge authorizes calls: `API_KEY`, `BASIC` or `OAUTH_CLIENT_CREDENTIALS`. Must match the \
             block set in `auth_parameters`; changing it updates the connection in place.",
        ),
        attr kms_key_identifier: Option<String> =
            Attribute::string().optional().check(checks::KMS_KEY_IDENTIFIER).doc(
                "Customer managed KMS key (id, ARN, alias name or alias ARN) that encrypts the connection's \
                 secret; up to 2048 of `[a-zA-Z0-9_-/:]`. AWS cannot remove a customer key from a connection, so \
                 removing this argument replaces the connection.",
            ),
        attr region: Option<String> = region::attribute(&KIND),
        attr secrets_wo_version: Value = Attribute::number().optional().doc(
            "Version of the write-only secrets (`*_wo` arguments). Terraform never stores those, so it cannot \
             see them change: change this number to send their current values to AWS.",
        ),
        attr arn: Option<String> = Attribute::string().computed().doc("ARN of the connection."),
        attr secret_arn: Option<String> = Attribute::string()
            .computed()
            .doc("ARN of the Secrets Manager secret that AWS created to hold the connection's secrets."),
        attr connection_state: Option<String> = Attribute::string().computed().doc(
            "State of the connection after the last apply or refresh, e.g. `AUTHORIZED`, `DEAUTHORIZED` or \
             `ACTIVE`.",
        ),
        attr state_reason: Option<String> = Attribute::string()
            .computed()
            .doc("Why the connection is in its state, as AWS reports it (null when AWS gives none)."),
        one auth_parameters: AuthParameters = |b| NestedBlock::list(b).min(1).max(1),
        block invocation_connectivity_parameters: Option<Connectivity> = |b: crate::tfplugin::Block| {
            NestedBlock::list(b.doc("Private API (VPC Lattice resource configuration) that the connection invokes."))
                .max(1)
        },
        block timeouts: Option<Timeouts> = |_| timeouts::nested(KIND.noun, &WAITS),
    }
}

model! {
    /// Authorization parameters. Set exactly one of `api_key`, `basic` or `oauth`, matching
    /// `authorization_type`.
    pub struct AuthParameters {
        block api_key: Option<ApiKey> = |b| NestedBlock::list(b).max(1),
        block basic: Option<Basic> = |b| NestedBlock::list(b).max(1),
        block oauth: Option<OAuth> = |b| NestedBlock::list(b).max(1),
        block invocation_http_parameters: Option<HttpParameters> = |b: crate::tfplugin::Block| {
            NestedBlock::list(b.doc(&http_doc(
                "Extra parameters EventBridge adds to every invocation of the API destination. Removing the block \
                 removes them in AWS.",
            )))
            .max(1)
        },
        block connectivity_parameters: Option<Connectivity> = |b: crate::tfplugin::Block| {
            NestedBlock::list(b.doc("Private OAuth endpoint (VPC Lattice resource configuration) used for authorization."))
                .max(1)
        },
    }
}

model! {
    /// API key authorization (`authorization_type = "API_KEY"`).
    pub struct ApiKey {
        attr key: String =
            Attribute::string().required().check(checks::API_KEY_NAME).doc("Name of the API key header, e.g. `x-api-key`."),
        attr value: Option<Secret> = secret(checks::API_KEY_VALUE, "Value of the API key. Set this or `value_wo`."),
        attr value_wo: Option<Secret> = write_only(checks::API_KEY_VALUE, "the API key"),
    }
}

model! {
    /// Basic authorization (`authorization_type = "BASIC"`).
    pub struct Basic {
        attr username: String = Attribute::string().required().check(checks::USERNAME).doc("User name."),
        attr password: Option<Secret> = secret(checks::PASSWORD, "Password. Set this or `password_wo`."),
        attr password_wo: Option<Secret> = write_only(checks::PASSWORD, "the password"),
    }
}

model! {
    /// OAuth client credentials authorization (`authorization_type = "OAUTH_CLIENT_CREDENTIALS"`).
    pub struct OAuth {
        attr authorization_endpoint: String =
            Attribute::string().required().check(checks::AUTHORIZATION_ENDPOINT).doc(
                "URL of the authorization endpoint that issues tokens (http or https, up to 2048 characters).",
            ),
        attr http_method: String = Attribute::string()
            .required()
            .check(checks::OAUTH_HTTP_METHOD)
            .doc("Method used to call the endpoint: `GET`, `POST` or `PUT`."),
        block client_parameters: Option<ClientParameters> = |b| NestedBlock::list(b).max(1),
        block oauth_http_parameters: Option<HttpParameters> = |b: crate::tfplugin::Block| {
            NestedBlock::list(b.doc(&http_doc("Extra parameters sent with the token request."))).min(1).max(1)
        },
    }
}

model! {
    /// OAuth client credentials.
    pub struct ClientParameters {
        attr client_id: String = Attribute::string().required().check(checks::CLIENT_ID).doc("Client id."),
        attr client_secret: Option<Secret> =
            secret(checks::CLIENT_SECRET, "Client secret. Set this or `client_secret_wo`."),
        attr client_secret_wo: Option<Secret> = write_only(checks::CLIENT_SECRET, "the client secret"),
    }
}

model! {
    /// Extra HTTP parameters.
    pub struct HttpParameters {
        block body: Vec<Parameter> = |b: crate::tfplugin::Block| parameters(
            b.check("key", checks::BODY_KEY),
            "A body parameter.",
        ),
        block header: Vec<Parameter> = |b: crate::tfplugin::Block| parameters(
            b.check("key", checks::HEADER_KEY).check("value", checks::HEADER_VALUE).check("value_wo", checks::HEADER_VALUE),
            "A header.",
        ),
        block query_string: Vec<Parameter> = |b: crate::tfplugin::Block| parameters(
            b.check("key", checks::QUERY_KEY).check("value", checks::QUERY_VALUE).check("value_wo", checks::QUERY_VALUE),
            "A query string parameter.",
        ),
    }
}

model! {
    /// Up to 100 per list; keys must be unique within a list.
    pub struct Parameter {
        attr key: String = Attribute::string().required().doc("Name of the parameter."),
        attr value: Option<Secret> = Attribute::string()
            .optional()
            .sensitive()
            .doc("Value of the parameter. AWS does not return it when `is_value_secret` is true."),
        attr value_wo: Option<Secret> = Attribute::string().optional().write_only().doc(
            "Write-only value of a secret parameter (needs `is_value_secret = true`): sent to AWS, never stored in \
             plan or state. Terraform 1.11 or later; bump `secrets_wo_version` to send a new value.",
        ),
        attr is_value_secret: bool = Attribute::bool()
            .optional()
            .default(Value::Bool(false))
            .doc("Whether AWS stores the value as a secret and never returns it. Defaults to `false`."),
    }
}

model! {
    /// A VPC Lattice resource configuration.
    pub struct Connectivity {
        one resource_parameters: ResourceParameters = |b| NestedBlock::list(b).min(1).max(1),
    }
}

model! {
    /// The VPC Lattice resource configuration.
    pub struct ResourceParameters {
        attr resource_configuration_arn: String = Attribute::string()
            .required()
            .check(checks::RESOURCE_CONFIGURATION_ARN)
            .doc("ARN of the VPC Lattice resource configuration."),
        attr resource_association_arn: Option<String> = Attribute::string()
            .computed()
            .doc("ARN of the resource association that EventBridge created for it."),
    }
}

/// A list of parameters, the block of each described by `doc`.
fn parameters(block: crate::tfplugin::Block, doc: &str) -> NestedBlock {
    let doc = format!("{doc} {}", block.description);
    NestedBlock::list(block.doc(&doc)).max(MAX_PARAMETERS as i64)
}

fn http_doc(doc: &str) -> String {
    format!("{doc} Set at least one of `body`, `header` or `query_string`.")
}

fn secret(check: crate::tfplugin::Check, doc: &str) -> Attribute {
    Attribute::string().optional().sensitive().check(check).doc(doc)
}

/// Not `sensitive`: Terraform never stores nor shows a write-only value,
/// and each sensitive path more makes Terraform 1.11's refresh-only plans
/// report changes at random (its state comparison sees the paths in a
/// random order).
fn write_only(check: crate::tfplugin::Check, what: &str) -> Attribute {
    Attribute::string().optional().write_only().check(check).doc(&format!(
        "Write-only alternative to the plain argument: {what}, sent to AWS and never stored in plan or state. \
         Needs Terraform 1.11 or later; change `secrets_wo_version` to send a new value."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::Type;

    #[test]
    fn every_attribute_of_the_schema_survives_the_typed_model() {
        let schema = schema();
        let value = crate::tfplugin::model::full_value(&schema.block);
        assert_eq!(Connection::from_value(&value).to_value(), value);
    }

    #[test]
    fn the_schema_matches_the_value_type_terraform_sees() {
        let empty = Connection::default().to_value();
        let Type::Object(fields) = schema().value_type() else {
            panic!("an object type")
        };
        let Value::Object(written) = empty else {
            panic!("an object")
        };
        assert_eq!(written.keys().collect::<Vec<_>>(), fields.keys().collect::<Vec<_>>());
    }
}
