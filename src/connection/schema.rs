//! The `eventbridge_connection` schema: every documented argument of
//! CreateConnection, with the reference provider's names and block shapes
//! (single blocks are lists of at most one, so state and references match
//! `aws_cloudwatch_event_connection`).

use crate::tfplugin::{Attribute, Block, NestedBlock, Schema, Value};

/// Current schema version. Bumping it needs an `upgrade_state` on
/// `ConnectionResource` that turns older states into this one (the default
/// accepts the current version only).
const SCHEMA_VERSION: i64 = 0;

/// Most entries AWS accepts in one body / header / query string list.
pub const MAX_PARAMETERS: usize = 100;

/// The schema, built once, for plan rules that consult its flags.
pub fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

pub fn schema() -> Schema {
    Schema::new(
        Block::new()
            .doc(
                "Manages an Amazon EventBridge connection: the authorization (API key, basic or OAuth client \
                 credentials) and extra HTTP parameters that API destinations use to call an HTTP endpoint. \
                 AWS keeps the secrets in a Secrets Manager secret it owns (`secret_arn`).",
            )
            .attr("id", Attribute::string().computed().doc("The connection's name."))
            .attr(
                "name",
                Attribute::string().required().replaces().doc(
                    "Name of the connection: 1 to 64 letters, digits, `.`, `-` or `_`. Changing it replaces \
                     the connection.",
                ),
            )
            .attr(
                "description",
                Attribute::string()
                    .optional()
                    .doc("Description of the connection, up to 512 characters. Removing it clears it in AWS."),
            )
            .attr(
                "authorization_type",
                Attribute::string().required().doc(
                    "How EventBridge authorizes calls: `API_KEY`, `BASIC` or `OAUTH_CLIENT_CREDENTIALS`. Must \
                     match the block set in `auth_parameters`; changing it updates the connection in place.",
                ),
            )
            .attr(
                "kms_key_identifier",
                Attribute::string().optional().doc(
                    "Customer managed KMS key (id, ARN, alias name or alias ARN) that encrypts the \
                     connection's secret; up to 2048 of `[a-zA-Z0-9_-/:]`. AWS cannot remove a customer key \
                     from a connection, so removing this argument replaces the connection.",
                ),
            )
            .attr(
                "region",
                Attribute::string().optional().computed().replaces().doc(
                    "AWS Region of the connection. Defaults to the provider's region; changing it replaces \
                     the connection. Lets one provider manage connections in many Regions.",
                ),
            )
            .attr(
                "secrets_wo_version",
                Attribute::number().optional().doc(
                    "Version of the write-only secrets (`*_wo` arguments). Terraform never stores those, so it \
                     cannot see them change: change this number to send their current values to AWS.",
                ),
            )
            .attr("arn", Attribute::string().computed().doc("ARN of the connection."))
            .attr(
                "secret_arn",
                Attribute::string()
                    .computed()
                    .doc("ARN of the Secrets Manager secret that AWS created to hold the connection's secrets."),
            )
            .attr(
                "connection_state",
                Attribute::string().computed().doc(
                    "State of the connection after the last apply or refresh, e.g. `AUTHORIZED`, \
                     `DEAUTHORIZED` or `ACTIVE`.",
                ),
            )
            .attr(
                "state_reason",
                Attribute::string()
                    .computed()
                    .doc("Why the connection is in its state, as AWS reports it (null when AWS gives none)."),
            )
            .block("auth_parameters", NestedBlock::list(auth_parameters()).min(1).max(1))
            .block(
                "invocation_connectivity_parameters",
                NestedBlock::list(connectivity(
                    "Private API (VPC Lattice resource configuration) that the connection invokes.",
                ))
                .max(1),
            )
            .block("timeouts", NestedBlock::single(timeouts())),
    )
    .version(SCHEMA_VERSION)
}

fn auth_parameters() -> Block {
    Block::new()
        .doc("Authorization parameters. Set exactly one of `api_key`, `basic` or `oauth`, matching `authorization_type`.")
        .block(
            "api_key",
            NestedBlock::list(
                Block::new()
                    .doc("API key authorization (`authorization_type = \"API_KEY\"`).")
                    .attr("key", Attribute::string().required().doc("Name of the API key header, e.g. `x-api-key`."))
                    .attr("value", secret("Value of the API key. Set this or `value_wo`."))
                    .attr("value_wo", write_only("the API key")),
            )
            .max(1),
        )
        .block(
            "basic",
            NestedBlock::list(
                Block::new()
                    .doc("Basic authorization (`authorization_type = \"BASIC\"`).")
                    .attr("username", Attribute::string().required().doc("User name."))
                    .attr("password", secret("Password. Set this or `password_wo`."))
                    .attr("password_wo", write_only("the password")),
            )
            .max(1),
        )
        .block(
            "oauth",
            NestedBlock::list(
                Block::new()
                    .doc("OAuth client credentials authorization (`authorization_type = \"OAUTH_CLIENT_CREDENTIALS\"`).")
                    .attr(
                        "authorization_endpoint",
                        Attribute::string()
                            .required()
                            .doc("URL of the authorization endpoint that issues tokens (http or https, up to 2048 characters)."),
                    )
                    .attr(
                        "http_method",
                        Attribute::string().required().doc("Method used to call the endpoint: `GET`, `POST` or `PUT`."),
                    )
                    .block(
                        "client_parameters",
                        NestedBlock::list(
                            Block::new()
                                .doc("OAuth client credentials.")
                                .attr("client_id", Attribute::string().required().doc("Client id."))
                                .attr("client_secret", secret("Client secret. Set this or `client_secret_wo`."))
                                .attr("client_secret_wo", write_only("the client secret")),
                        )
                        .max(1),
                    )
                    .block(
                        "oauth_http_parameters",
                        NestedBlock::list(http_parameters("Extra parameters sent with the token request.")).min(1).max(1),
                    ),
            )
            .max(1),
        )
        .block(
            "invocation_http_parameters",
            NestedBlock::list(http_parameters(
                "Extra parameters EventBridge adds to every invocation of the API destination. Removing the \
                 block removes them in AWS.",
            ))
            .max(1),
        )
        .block(
            "connectivity_parameters",
            NestedBlock::list(connectivity(
                "Private OAuth endpoint (VPC Lattice resource configuration) used for authorization.",
            ))
            .max(1),
        )
}

fn secret(doc: &str) -> Attribute {
    Attribute::string().optional().sensitive().doc(doc)
}

fn write_only(what: &str) -> Attribute {
    Attribute::string().optional().sensitive().write_only().doc(&format!(
        "Write-only alternative to the plain argument: {what}, sent to AWS and never stored in plan or state. \
         Needs Terraform 1.11 or later; change `secrets_wo_version` to send a new value."
    ))
}

fn http_parameters(doc: &str) -> Block {
    let list = |what: &str| NestedBlock::list(parameter(what)).max(MAX_PARAMETERS as i64);
    Block::new()
        .doc(&format!(
            "{doc} Set at least one of `body`, `header` or `query_string`."
        ))
        .block("body", list("A body parameter."))
        .block("header", list("A header."))
        .block("query_string", list("A query string parameter."))
}

fn parameter(doc: &str) -> Block {
    Block::new()
        .doc(&format!("{doc} Up to 100 per list; keys must be unique within a list."))
        .attr("key", Attribute::string().required().doc("Name of the parameter."))
        .attr(
            "value",
            Attribute::string()
                .optional()
                .sensitive()
                .doc("Value of the parameter. AWS does not return it when `is_value_secret` is true."),
        )
        .attr(
            "value_wo",
            Attribute::string().optional().sensitive().write_only().doc(
                "Write-only value of a secret parameter (needs `is_value_secret = true`): sent to AWS, never stored \
                 in plan or state. Terraform 1.11 or later; bump `secrets_wo_version` to send a new value.",
            ),
        )
        .attr(
            "is_value_secret",
            Attribute::bool()
                .optional()
                .default(Value::Bool(false))
                .doc("Whether AWS stores the value as a secret and never returns it. Defaults to `false`."),
        )
}

fn connectivity(doc: &str) -> Block {
    Block::new().doc(doc).block(
        "resource_parameters",
        NestedBlock::list(
            Block::new()
                .doc("The VPC Lattice resource configuration.")
                .attr(
                    "resource_configuration_arn",
                    Attribute::string()
                        .required()
                        .doc("ARN of the VPC Lattice resource configuration."),
                )
                .attr(
                    "resource_association_arn",
                    Attribute::string()
                        .computed()
                        .doc("ARN of the resource association that EventBridge created for it."),
                ),
        )
        .min(1)
        .max(1),
    )
}

fn timeouts() -> Block {
    let timeout = |op: &str, default: &str| {
        Attribute::string().optional().doc(&format!(
            "How long to wait for the connection to {op}, as a duration such as `30s`, `10m` or `1h`. \
             Default `{default}`."
        ))
    };
    Block::new()
        .doc("How long to wait for AWS to settle a connection.")
        .attr("create", timeout("be authorized after creation", "20m"))
        .attr("update", timeout("settle after an update", "20m"))
        .attr("delete", timeout("disappear after deletion", "5m"))
}
