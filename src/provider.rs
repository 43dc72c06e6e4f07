//! The `eventbridge` provider: its configuration and the AWS client it
//! builds once in ConfigureProvider and shares with every request.
//!
//! The arguments are those of hashicorp/aws that mean something for an
//! EventBridge client, with the same names, types and meaning, so that a
//! platform team's `provider "aws"` block can be copied here; the ones that
//! mean nothing for connections (`default_tags`, `ignore_tags`, `s3_*`,
//! `tag_policy_compliance`) are accepted with a warning. Each argument is
//! turned into plain settings here and applied by `crate::aws`.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use aws_config::provider_config::ProviderConfig;
use aws_config::{AppName, BehaviorVersion, ConfigLoader, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

use crate::aws::account::{self, account_id_problem, AccountRules};
use crate::aws::client::ClientOptions;
use crate::aws::duration::parse_duration;
use crate::aws::endpoints::{self, url_problem, Service};
use crate::aws::identity::{self, AssumeRole, Session, WebIdentity, WebIdentityArguments};
use crate::aws::metadata::{self, mode_problem, MetadataArguments};
use crate::aws::network::{self, proxy_problem, resolve_proxies, NetworkArguments};
use crate::aws::poll::PollPolicy;
use crate::aws::region::region_problem;
use crate::aws::retry::{self, parse_mode, RetryArguments, MAX_RETRIES_LIMIT};
use crate::aws::sts::{self as aws_sts, Signer, StsSettings};
use crate::aws::user_agent::{self, AppendUserAgent};
use crate::aws::AwsClient;
use crate::connection::ConnectionResource;
use crate::data_sources::connection::ConnectionDataSource;
use crate::tfplugin::{
    Attribute, AttributePath, Block, ConfigureRequest, DataSource, Diagnostics, NestedBlock, Provider, Resource,
    Schema, Type, Value,
};

/// Environment variable to tune how often waiters poll (a duration such as
/// `200ms`); meant for tests against emulators.
pub const POLL_INTERVAL_ENV: &str = "TF_EVENTBRIDGE_POLL_INTERVAL";

/// A role session lasts 15 minutes to 12 hours.
const SESSION_SECONDS: std::ops::RangeInclusive<u64> = 900..=43_200;

/// The names hashicorp/aws accepts for EventBridge's endpoint.
const EVENTS_ENDPOINT_NAMES: [&str; 3] = ["events", "eventbridge", "cloudwatchevents"];

/// Arguments of hashicorp/aws accepted here for compatibility only.
const NO_EFFECT: [&str; 5] = [
    "default_tags",
    "ignore_tags",
    "s3_use_path_style",
    "s3_us_east_1_regional_endpoint",
    "tag_policy_compliance",
];

pub struct EventBridgeProvider;

fn strings_type() -> Type {
    Type::list(Type::String)
}

fn string_set() -> Type {
    Type::set(Type::String)
}

/// The attributes `assume_role` and `assume_role_with_web_identity` share.
fn session_attributes(block: Block) -> Block {
    block
        .attr(
            "session_name",
            Attribute::string().optional().doc(&format!(
                "Session name, 2 to 64 characters of letters, digits and `_+=,.@-` (default \
                 `{}`).",
                identity::DEFAULT_SESSION_NAME
            )),
        )
        .attr(
            "duration",
            Attribute::string().optional().doc(
                "Session length, 15 minutes to 12 hours, written like `1h`, `2h45m` or `30m15s` (default 1 \
                 hour; the role's maximum session duration must allow it).",
            ),
        )
        .attr(
            "policy",
            Attribute::string()
                .optional()
                .doc("IAM policy JSON that further restricts the session's permissions."),
        )
        .attr(
            "policy_arns",
            Attribute::of(string_set())
                .optional()
                .doc("ARNs of IAM managed policies that further restrict the session's permissions."),
        )
}

impl EventBridgeProvider {
    fn block() -> Block {
        Block::new()
            .doc(
                "The EventBridge provider manages Amazon EventBridge connections. Its arguments are those of \
                 hashicorp/aws that apply to an EventBridge client, with the same names and meaning, so a \
                 `provider \"aws\"` block can be copied here. Credentials and Region come from the arguments, \
                 else from the standard AWS chain: environment variables (`AWS_REGION`, `AWS_PROFILE`, \
                 `AWS_ACCESS_KEY_ID`, ...), shared config and credentials files, SSO, web identity, and the \
                 EC2/ECS metadata services.",
            )
            .attr(
                "region",
                Attribute::string().optional().doc(
                    "AWS Region, e.g. `us-east-1`. Falls back to `AWS_REGION` / `AWS_DEFAULT_REGION`, the \
                     profile, and the EC2 metadata service.",
                ),
            )
            .attr(
                "profile",
                Attribute::string().optional().doc(
                    "Named profile of the shared config and credentials files. Falls back to `AWS_PROFILE` / \
                     `AWS_DEFAULT_PROFILE`.",
                ),
            )
            .attr(
                "shared_config_files",
                Attribute::of(strings_type())
                    .optional()
                    .doc("Paths of shared config files (default `~/.aws/config`). Falls back to `AWS_CONFIG_FILE`."),
            )
            .attr(
                "shared_credentials_files",
                Attribute::of(strings_type()).optional().doc(
                    "Paths of shared credentials files (default `~/.aws/credentials`). Falls back to \
                     `AWS_SHARED_CREDENTIALS_FILE`.",
                ),
            )
            .attr(
                "access_key",
                Attribute::string()
                    .optional()
                    .doc("Access key ID. Requires `secret_key`. Falls back to `AWS_ACCESS_KEY_ID`."),
            )
            .attr(
                "secret_key",
                Attribute::string()
                    .optional()
                    .sensitive()
                    .doc("Secret access key. Falls back to `AWS_SECRET_ACCESS_KEY`."),
            )
            .attr(
                "token",
                Attribute::string()
                    .optional()
                    .sensitive()
                    .doc("Session token for temporary credentials. Falls back to `AWS_SESSION_TOKEN`."),
            )
            .attr(
                "allowed_account_ids",
                Attribute::of(string_set()).optional().doc(
                    "The only AWS account IDs this provider may act in. Checked once, when the provider is \
                     configured and before any EventBridge call, against the account STS \
                     `GetCallerIdentity` names for the final credentials (roles included). Conflicts with \
                     `forbidden_account_ids`.",
                ),
            )
            .attr(
                "forbidden_account_ids",
                Attribute::of(string_set()).optional().doc(
                    "AWS account IDs this provider must never act in; checked like `allowed_account_ids`, \
                     which it conflicts with.",
                ),
            )
            .attr(
                "skip_credentials_validation",
                Attribute::bool().optional().doc(
                    "Skip resolving the credentials when the provider is configured. By default the \
                     credentials (the chain, web identity and every `assume_role`) are obtained then, so \
                     that missing or refused credentials fail at the provider block before any EventBridge \
                     call; with `true` they are obtained on the first AWS call. Unlike hashicorp/aws, no STS \
                     `GetCallerIdentity` call is made for this check alone.",
                ),
            )
            .attr(
                "skip_requesting_account_id",
                Attribute::bool().optional().doc(
                    "Never ask STS for the account ID. Connections take their account from their ARN, so \
                     the account is only requested for `allowed_account_ids` / `forbidden_account_ids`, \
                     which cannot be used with this set.",
                ),
            )
            .attr(
                "skip_region_validation",
                Attribute::bool().optional().doc(
                    "Accept `region` and `sts_region` values that do not have the form of an AWS Region \
                     name (for AWS-like services with their own names).",
                ),
            )
            .attr(
                "skip_metadata_api_check",
                Attribute::bool().optional().doc(
                    "Do not use the EC2 instance metadata service (IMDS) for credentials or Region. Falls \
                     back to `AWS_EC2_METADATA_DISABLED`.",
                ),
            )
            .attr(
                "sts_region",
                Attribute::string().optional().doc(
                    "Region of the STS endpoint used for `assume_role`, `assume_role_with_web_identity` and \
                     the account check (default: `region`). Like hashicorp/aws, no environment variable.",
                ),
            )
            .attr(
                "ec2_metadata_service_endpoint",
                Attribute::string().optional().doc(
                    "Address of the EC2 instance metadata service, e.g. `http://169.254.169.254`. Falls back \
                     to `AWS_EC2_METADATA_SERVICE_ENDPOINT`.",
                ),
            )
            .attr(
                "ec2_metadata_service_endpoint_mode",
                Attribute::string().optional().doc(
                    "`IPv4` or `IPv6`: which address of the EC2 instance metadata service to use. Falls back \
                     to `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`.",
                ),
            )
            .attr(
                "custom_ca_bundle",
                Attribute::string().optional().doc(
                    "PEM file of certificate authorities to trust besides the system's, e.g. a corporate \
                     TLS-inspecting proxy's. Falls back to `AWS_CA_BUNDLE`.",
                ),
            )
            .attr(
                "insecure",
                Attribute::bool().optional().doc(
                    "Do not verify the TLS certificates of AWS endpoints. Only for testing against \
                     emulators; default `false`.",
                ),
            )
            .attr(
                "http_proxy",
                Attribute::string().optional().doc(
                    "Proxy URL for plain-HTTP endpoints; also used for HTTPS endpoints when no HTTPS proxy is \
                     set anywhere (with a warning), as in hashicorp/aws. Falls back to `HTTP_PROXY` / \
                     `http_proxy`.",
                ),
            )
            .attr(
                "https_proxy",
                Attribute::string().optional().doc(
                    "Proxy URL for HTTPS endpoints (AWS's), tunnelled with CONNECT; `\"\"` means none. Falls \
                     back to `HTTPS_PROXY` / `https_proxy`.",
                ),
            )
            .attr(
                "no_proxy",
                Attribute::string().optional().doc(
                    "Comma-separated hosts that bypass the proxies: domain names (`.example.com` includes \
                     subdomains), IP addresses, CIDR ranges, or `*` for all. `localhost` and loopback \
                     addresses are never proxied, as in hashicorp/aws. Falls back to `NO_PROXY` / \
                     `no_proxy`.",
                ),
            )
            .attr(
                "use_fips_endpoint",
                Attribute::bool().optional().doc(
                    "Use the FIPS endpoints of EventBridge and STS (e.g. \
                     `events-fips.us-east-1.amazonaws.com`); ignored for a service given a custom endpoint. \
                     Falls back to `AWS_USE_FIPS_ENDPOINT` and the profile.",
                ),
            )
            .attr(
                "use_dualstack_endpoint",
                Attribute::bool().optional().doc(
                    "Use the dual-stack (IPv4 and IPv6) endpoints (e.g. `events.us-east-1.api.aws`); ignored \
                     for a service given a custom endpoint. Falls back to `AWS_USE_DUALSTACK_ENDPOINT` and the \
                     profile.",
                ),
            )
            .attr(
                "max_retries",
                Attribute::number().optional().doc(&format!(
                    "How many times to retry a throttled or failed AWS call, with backoff, 0 to \
                     {MAX_RETRIES_LIMIT} (default {}). Falls back to `AWS_MAX_ATTEMPTS` (attempts, so one \
                     more). An endpoint that cannot be reached fails after 3 attempts whatever this says.",
                    retry::DEFAULT_MAX_RETRIES
                )),
            )
            .attr(
                "retry_mode",
                Attribute::string().optional().doc(
                    "`standard` or `adaptive` (which also slows requests down client-side when AWS \
                     throttles). Falls back to `AWS_RETRY_MODE`; default `standard`.",
                ),
            )
            .attr(
                "token_bucket_rate_limiter_capacity",
                Attribute::number().optional().doc(
                    "Capacity of the SDK's retry token bucket, shared by all calls of this provider. Unset, \
                     retries are not rate limited, as in hashicorp/aws.",
                ),
            )
            .attr(
                "user_agent",
                Attribute::of(strings_type()).optional().doc(
                    "Product details to append to the User-Agent of every AWS call, e.g. `my-team/1.0`. The \
                     User-Agent already names this provider, its version and Terraform's; the text of \
                     `TF_APPEND_USER_AGENT` goes last.",
                ),
            )
            .attr(
                "endpoint",
                Attribute::string().optional().deprecated().doc(
                    "Deprecated: use `endpoints { events = \"...\" }`. Custom EventBridge endpoint URL; \
                     falls back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / `AWS_ENDPOINT_URL`.",
                ),
            )
            .attr(
                "s3_use_path_style",
                Attribute::bool()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .attr(
                "s3_us_east_1_regional_endpoint",
                Attribute::string()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .attr(
                "tag_policy_compliance",
                Attribute::string()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .block(
                "assume_role",
                NestedBlock::list(session_attributes(
                    Block::new()
                        .doc(
                            "An IAM role to assume. Several blocks are applied in order, each with the \
                             credentials of the one before (role chaining); the first uses the credentials \
                             found (or `assume_role_with_web_identity`'s).",
                        )
                        .attr(
                            "role_arn",
                            Attribute::string()
                                .optional()
                                .doc("ARN of the role to assume (required; a single block without it is ignored, as in hashicorp/aws)."),
                        )
                        .attr(
                            "external_id",
                            Attribute::string()
                                .optional()
                                .doc("External ID the role's trust policy requires (2 to 1224 characters)."),
                        )
                        .attr(
                            "tags",
                            Attribute::of(Type::map(Type::String))
                                .optional()
                                .doc("Session tags."),
                        )
                        .attr(
                            "transitive_tag_keys",
                            Attribute::of(string_set())
                                .optional()
                                .doc("Keys of `tags` that pass on to later sessions of the chain."),
                        )
                        .attr(
                            "source_identity",
                            Attribute::string()
                                .optional()
                                .doc("Source identity of the principal assuming the role (2 to 64 characters)."),
                        )
                        .attr(
                            "duration_seconds",
                            Attribute::number()
                                .optional()
                                .deprecated()
                                .doc("Deprecated: use `duration`. Session length in seconds, 900 to 43200."),
                        ),
                )),
            )
            .block(
                "assume_role_with_web_identity",
                NestedBlock::list(session_attributes(
                    Block::new()
                        .doc(
                            "Exchange an OpenID Connect token (a CI system's, an EKS service account's) for \
                             an IAM role's credentials with STS AssumeRoleWithWebIdentity. Applied before \
                             any `assume_role`.",
                        )
                        .attr(
                            "role_arn",
                            Attribute::string()
                                .optional()
                                .doc("ARN of the role to assume. Falls back to `AWS_ROLE_ARN`."),
                        )
                        .attr(
                            "web_identity_token",
                            Attribute::string().optional().sensitive().doc(
                                "The token itself. Falls back to `TF_AWS_WEB_IDENTITY_TOKEN`. \
                                 Conflicts with `web_identity_token_file`.",
                            ),
                        )
                        .attr(
                            "web_identity_token_file",
                            Attribute::string().optional().doc(
                                "File holding the token, read again at every refresh. Falls back to \
                                 `AWS_WEB_IDENTITY_TOKEN_FILE`.",
                            ),
                        ),
                ))
                .max(1),
            )
            .block(
                "endpoints",
                NestedBlock::list(
                    Block::new()
                        .doc("Custom endpoint URLs per service, e.g. an emulator or a VPC endpoint.")
                        .attr(
                            "events",
                            Attribute::string().optional().doc(
                                "EventBridge endpoint URL. Falls back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / \
                                 `AWS_ENDPOINT_URL`.",
                            ),
                        )
                        .attr(
                            "eventbridge",
                            Attribute::string()
                                .optional()
                                .doc("Another name for `events`, as in hashicorp/aws."),
                        )
                        .attr(
                            "cloudwatchevents",
                            Attribute::string()
                                .optional()
                                .doc("Another name for `events`, as in hashicorp/aws."),
                        )
                        .attr(
                            "sts",
                            Attribute::string().optional().doc(
                                "STS endpoint URL (roles, web identity, account check). Falls back to \
                                 `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`.",
                            ),
                        ),
                )
                .max(1),
            )
            .block(
                "default_tags",
                NestedBlock::list(
                    Block::new()
                        .doc("Accepted for compatibility with hashicorp/aws; has no effect here (connections have no tags).")
                        .attr("tags", Attribute::of(Type::map(Type::String)).optional().doc("No effect here.")),
                )
                .max(1),
            )
            .block(
                "ignore_tags",
                NestedBlock::list(
                    Block::new()
                        .doc("Accepted for compatibility with hashicorp/aws; has no effect here (connections have no tags).")
                        .attr("keys", Attribute::of(string_set()).optional().doc("No effect here."))
                        .attr("key_prefixes", Attribute::of(string_set()).optional().doc("No effect here.")),
                )
                .max(1),
            )
    }
}

fn at(name: &str) -> AttributePath {
    AttributePath::of(&[name])
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn strings(v: &Value) -> Vec<String> {
    v.elements()
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

fn flag(v: &Value) -> Option<bool> {
    v.as_bool()
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The session attributes of a role block; its length is `duration`,
/// else the deprecated `duration_seconds`.
fn session_of(block: &Value) -> Session {
    let seconds = block.attr("duration_seconds").as_number().and_then(|n| n.as_i64());
    Session {
        name: text(block.attr("session_name")),
        duration: text(block.attr("duration"))
            .and_then(|d| parse_duration(&d))
            .or_else(|| seconds.map(|s| Duration::from_secs(s.max(0) as u64))),
        policy: text(block.attr("policy")),
        policy_arns: strings(block.attr("policy_arns")),
    }
}

/// The EventBridge endpoint the `endpoints` block gives, under any of its
/// names.
fn events_endpoint(config: &Value) -> Option<String> {
    let block = config.attr("endpoints").first()?;
    EVENTS_ENDPOINT_NAMES.iter().find_map(|n| text(block.attr(n)))
}

/// 2 to `max` characters of letters, digits and `extra`.
fn name_problem(value: &str, max: usize, extra: &str, what: &str) -> Option<String> {
    let ok_chars = value.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c));
    (!(2..=max).contains(&value.chars().count()) || !ok_chars).then(|| {
        format!("{value:?} is not a valid {what}: use 2 to {max} characters of letters, digits and `{extra}`.")
    })
}

/// Why `arn` is not an ARN; None when it is.
fn arn_problem(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok =
        parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty() && !parts[5].is_empty();
    (!ok).then(|| format!("{arn:?} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)."))
}

fn role_arn_problem(arn: &str) -> Option<String> {
    (arn_problem(arn).is_some() || !arn.contains(":role/"))
        .then(|| format!("{arn:?} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."))
}

/// Seconds as a Go duration string: `3600` → `1h`, `5400` → `90m`.
fn go_duration(seconds: i64) -> String {
    match seconds {
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The attributes both role blocks share.
fn validate_session(block: &Value, base: &AttributePath, diags: &mut Diagnostics) {
    if let Some(name) = block.attr("session_name").as_str() {
        if let Some(p) = name_problem(name, 64, "_+=,.@-", "role session name") {
            diags.error_at(&base.attr("session_name"), "Invalid session_name", p);
        }
    }
    if let Some(d) = block.attr("duration").as_str() {
        if !parse_duration(d).is_some_and(|d| SESSION_SECONDS.contains(&d.as_secs())) {
            diags.error_at(
                &base.attr("duration"),
                "Invalid duration",
                format!(
                    "{d:?}: a role session lasts 15 minutes to 12 hours, written like \"1h\", \"2h45m\" or \
                     \"30m15s\"."
                ),
            );
        }
    }
    if let Some(policy) = block.attr("policy").as_str() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(policy) {
            diags.error_at(
                &base.attr("policy"),
                "Invalid policy",
                format!("The policy is not JSON: {e}."),
            );
        }
    }
    for arn in strings(block.attr("policy_arns")) {
        if let Some(p) = arn_problem(&arn) {
            diags.error_at(&base.attr("policy_arns"), "Invalid policy ARN", p);
        }
    }
}

fn validate_assume_roles(config: &Value, diags: &mut Diagnostics) {
    let roles = config.attr("assume_role").elements();
    for (i, role) in roles.iter().enumerate() {
        let base = at("assume_role").index(i as i64);
        match role.attr("role_arn") {
            Value::Null if roles.len() == 1 => diags.warning_at(
                &base,
                "assume_role without role_arn",
                "An assume_role block without role_arn assumes no role and is ignored (as in hashicorp/aws, \
                 which will make it an error).",
            ),
            Value::Null => diags.error_at(
                &base.attr("role_arn"),
                "Missing role_arn",
                "Every assume_role block of a chain needs role_arn.",
            ),
            Value::String(arn) if arn.is_empty() && roles.len() == 1 => diags.warning_at(
                &base.attr("role_arn"),
                "Empty role_arn",
                "role_arn is empty, so no role is assumed (as in hashicorp/aws).",
            ),
            Value::String(arn) => {
                if let Some(p) = role_arn_problem(arn) {
                    diags.error_at(&base.attr("role_arn"), "Invalid role ARN", p);
                }
            }
            _ => {}
        }
        validate_session(role, &base, diags);
        if let Some(id) = role.attr("external_id").as_str() {
            let ok = (2..=1224).contains(&id.chars().count())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c));
            if !ok {
                diags.error_at(
                    &base.attr("external_id"),
                    "Invalid external_id",
                    "An external ID is 2 to 1224 characters of letters, digits and `_+=,.@:/-`.",
                );
            }
        }
        if let Some(id) = role.attr("source_identity").as_str() {
            if let Some(p) = name_problem(id, 64, "_+=,.@-", "source identity") {
                diags.error_at(&base.attr("source_identity"), "Invalid source_identity", p);
            }
        }
        let tags = match role.attr("tags") {
            Value::Map(m) => m.clone(),
            _ => Default::default(),
        };
        for (key, value) in &tags {
            let bad_value = value.as_str().is_some_and(|v| v.chars().count() > 256);
            if key.is_empty() || key.chars().count() > 128 || bad_value {
                diags.error_at(
                    &base.attr("tags"),
                    "Invalid session tag",
                    format!("Session tag {key:?}: keys are 1 to 128 characters, values up to 256."),
                );
            }
        }
        if !role.attr("tags").is_unknown() {
            for key in strings(role.attr("transitive_tag_keys")) {
                if !tags.contains_key(&key) {
                    diags.error_at(
                        &base.attr("transitive_tag_keys"),
                        "Unknown transitive tag key",
                        format!("transitive_tag_keys lists {key:?}, which tags does not set."),
                    );
                }
            }
        }
        if let Some(n) = role.attr("duration_seconds").as_number() {
            if !n
                .as_i64()
                .is_some_and(|s| s >= 0 && SESSION_SECONDS.contains(&(s as u64)))
            {
                diags.error_at(
                    &base.attr("duration_seconds"),
                    "Invalid duration_seconds",
                    "A role session lasts 900 to 43200 seconds.",
                );
            }
            if !role.attr("duration").is_null() {
                diags.error_at(
                    &base.attr("duration_seconds"),
                    "Conflicting session lengths",
                    "Set duration or the deprecated duration_seconds, not both.",
                );
            } else {
                diags.warning_at(
                    &base.attr("duration_seconds"),
                    "Deprecated argument",
                    format!(
                        "duration_seconds is deprecated: write duration = \"{}\" instead, as hashicorp/aws \
                         spells it.",
                        n.as_i64().map(go_duration).unwrap_or_else(|| "1h".into())
                    ),
                );
            }
        }
    }
}

fn validate_web_identity(config: &Value, diags: &mut Diagnostics) {
    let Some(web) = config.attr("assume_role_with_web_identity").first() else {
        return;
    };
    let base = at("assume_role_with_web_identity").index(0);
    if let Some(arn) = web.attr("role_arn").as_str() {
        if let Some(p) = role_arn_problem(arn) {
            diags.error_at(&base.attr("role_arn"), "Invalid role ARN", p);
        }
    }
    validate_session(web, &base, diags);
    if let Some(token) = web.attr("web_identity_token").as_str() {
        if !(4..=20_000).contains(&token.chars().count()) {
            diags.error_at(
                &base.attr("web_identity_token"),
                "Invalid web_identity_token",
                "A web identity token is 4 to 20000 characters.",
            );
        }
    }
    if !web.attr("web_identity_token").is_null() && !web.attr("web_identity_token_file").is_null() {
        diags.error_at(
            &base.attr("web_identity_token_file"),
            "Conflicting token sources",
            "Set web_identity_token or web_identity_token_file, not both.",
        );
    }
}

fn validate_accounts(config: &Value, diags: &mut Diagnostics) {
    let allowed = strings(config.attr("allowed_account_ids"));
    let forbidden = strings(config.attr("forbidden_account_ids"));
    for (name, ids) in [("allowed_account_ids", &allowed), ("forbidden_account_ids", &forbidden)] {
        for id in ids.iter() {
            if let Some(p) = account_id_problem(id) {
                diags.error_at(&at(name), "Invalid account ID", p);
            }
        }
    }
    if !allowed.is_empty() && !forbidden.is_empty() {
        diags.error_at(
            &at("forbidden_account_ids"),
            "Conflicting account lists",
            "Set allowed_account_ids or forbidden_account_ids, not both.",
        );
    }
    let rails = !allowed.is_empty() || !forbidden.is_empty();
    if rails && flag(config.attr("skip_requesting_account_id")) == Some(true) {
        diags.error_at(
            &at("skip_requesting_account_id"),
            "Account ID needed",
            "allowed_account_ids and forbidden_account_ids need the account ID, which \
             skip_requesting_account_id = true turns off. Remove one or the other.",
        );
    }
}

fn validate_network(config: &Value, diags: &mut Diagnostics) {
    for name in ["http_proxy", "https_proxy"] {
        if let Some(url) = config.attr(name).as_str().filter(|u| !u.trim().is_empty()) {
            if let Some(p) = proxy_problem(url) {
                diags.error_at(&at(name), "Invalid proxy URL", p);
            }
        }
    }
    if config
        .attr("custom_ca_bundle")
        .as_str()
        .is_some_and(|p| p.trim().is_empty())
    {
        diags.error_at(
            &at("custom_ca_bundle"),
            "Invalid custom_ca_bundle",
            "custom_ca_bundle is the path of a PEM file; leave it unset for the system's authorities only.",
        );
    }
    if let Some(url) = config.attr("ec2_metadata_service_endpoint").as_str() {
        if let Some(p) = url_problem(url, "http://169.254.169.254") {
            diags.error_at(&at("ec2_metadata_service_endpoint"), "Invalid endpoint", p);
        }
    }
    if let Some(mode) = config.attr("ec2_metadata_service_endpoint_mode").as_str() {
        if let Some(p) = mode_problem(mode) {
            diags.error_at(&at("ec2_metadata_service_endpoint_mode"), "Invalid endpoint mode", p);
        }
    }
}

fn validate_endpoints(config: &Value, diags: &mut Diagnostics) {
    let events_example = "https://events.us-east-1.amazonaws.com";
    if let Some(url) = config.attr("endpoint").as_str() {
        if let Some(p) = url_problem(url, events_example) {
            diags.error_at(&at("endpoint"), "Invalid endpoint", p);
        }
        diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            format!(
                "endpoint is deprecated: write endpoints {{ events = {url:?} }} instead, as hashicorp/aws spells it."
            ),
        );
    } else if !config.attr("endpoint").is_null() {
        diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            "endpoint is deprecated: use endpoints { events = \"...\" }, as hashicorp/aws spells it.",
        );
    }
    let Some(block) = config.attr("endpoints").first() else {
        return;
    };
    let base = at("endpoints").index(0);
    let mut events: Vec<(&str, &str)> = Vec::new();
    for name in EVENTS_ENDPOINT_NAMES {
        if let Some(url) = block.attr(name).as_str() {
            events.push((name, url));
        }
    }
    for (name, url) in events
        .iter()
        .copied()
        .chain(block.attr("sts").as_str().map(|u| ("sts", u)))
    {
        let example = if name == "sts" {
            "https://sts.us-east-1.amazonaws.com"
        } else {
            events_example
        };
        if let Some(p) = url_problem(url, example) {
            diags.error_at(&base.attr(name), "Invalid endpoint", p);
        }
    }
    if events.windows(2).any(|w| w[0].1 != w[1].1) {
        diags.error_at(
            &base.attr(events[1].0),
            "Conflicting endpoints",
            "events, eventbridge and cloudwatchevents name the same endpoint; set one of them.",
        );
    }
    if !events.is_empty() && !config.attr("endpoint").is_null() {
        diags.error_at(
            &at("endpoint"),
            "Conflicting endpoints",
            "Set endpoints { events = ... } or the deprecated endpoint, not both.",
        );
    }
}

fn validate_retries(config: &Value, diags: &mut Diagnostics) {
    if let Some(n) = config.attr("max_retries").as_number() {
        if !n
            .as_i64()
            .is_some_and(|n| (0..=i64::from(MAX_RETRIES_LIMIT)).contains(&n))
        {
            diags.error_at(
                &at("max_retries"),
                "Invalid max_retries",
                format!("Use a whole number from 0 to {MAX_RETRIES_LIMIT}."),
            );
        }
    }
    if let Some(mode) = config.attr("retry_mode").as_str() {
        if parse_mode(mode).is_none() {
            diags.error_at(
                &at("retry_mode"),
                "Invalid retry_mode",
                format!("{mode:?} is not a retry mode: use \"standard\" or \"adaptive\"."),
            );
        }
    }
    if let Some(n) = config.attr("token_bucket_rate_limiter_capacity").as_number() {
        if !n.as_i64().is_some_and(|n| (1..=1_000_000).contains(&n)) {
            diags.error_at(
                &at("token_bucket_rate_limiter_capacity"),
                "Invalid token_bucket_rate_limiter_capacity",
                "Use a whole number from 1 to 1000000 (or leave it unset for no rate limit).",
            );
        }
    }
}

fn validate_regions(config: &Value, diags: &mut Diagnostics) {
    // Unknown until apply counts as "do validate": only an explicit true skips.
    if flag(config.attr("skip_region_validation")) == Some(true) {
        return;
    }
    for name in ["region", "sts_region"] {
        if let Some(problem) = config.attr(name).as_str().and_then(region_problem) {
            diags.error_at(
                &at(name),
                "Invalid AWS Region",
                format!("{problem} (Set skip_region_validation = true for an AWS-like service with its own names.)"),
            );
        }
    }
}

fn warn_no_effect(config: &Value, diags: &mut Diagnostics) {
    for name in NO_EFFECT {
        let v = config.attr(name);
        let set = match v {
            Value::List(items) => !items.is_empty(),
            other => !other.is_null(),
        };
        if set {
            diags.warning_at(
                &at(name),
                "Argument has no effect",
                format!(
                    "{name} is accepted so that a hashicorp/aws provider block can be copied as it is, but it \
                     means nothing for EventBridge connections and changes nothing here. You can remove it."
                ),
            );
        }
    }
}

/// Why ConfigureProvider cannot go on: where (an argument, or the block
/// as a whole), what, and why. What only configure can check is here:
/// files, the environment, and what AWS answers.
struct Refusal {
    path: Option<&'static str>,
    summary: &'static str,
    detail: String,
}

impl Refusal {
    fn new(path: Option<&'static str>, summary: &'static str, detail: impl Into<String>) -> Refusal {
        Refusal {
            path,
            summary,
            detail: detail.into(),
        }
    }

    fn report(self, diags: &mut Diagnostics) {
        match self.path {
            Some(name) => diags.error_at(&at(name), self.summary, self.detail),
            None => diags.error(self.summary, self.detail),
        }
    }
}

/// Configure, step by step: network, loaded configuration, roles, the
/// account or credentials check, then the client.
async fn configured(req: &ConfigureRequest<'_>, diags: &mut Diagnostics) -> Result<Option<AwsClient>, Refusal> {
    let c = req.config;
    let http = http_client(c, diags)?;
    let retry_args = retry_arguments(c);
    let mut config = loader(c, http.as_ref(), &retry_args)?.load().await;
    let region = config
        .region()
        .map(|r| r.to_string())
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| {
            Refusal::new(
                Some("region"),
                "No AWS Region",
                "Set region in the provider block, or AWS_REGION in the environment, or region in the AWS profile.",
            )
        })?;
    let options = client_options(c, req.terraform_version, &retry_args, diags);
    let (events_url, sts) = endpoints_of(c, &config);
    let (web_identity, roles) = roles_of(c)?;
    if let Some(chain) = identity::role_chain(&config, &sts, &options, web_identity, &roles) {
        config = config.into_builder().credentials_provider(chain).build();
    }
    let config = checked(c, config, &sts, &options).await?;
    log_endpoints(&config, &region, events_url.as_deref(), &sts, req.terraform_version).await;
    Ok(AwsClient::from_config_with(config, events_url, options, poll_policy()))
}

/// The HTTP client the network arguments (and environment) ask for;
/// None: the SDK's own. The loader's own calls (SSO, IMDS) use it too.
fn http_client(c: &Value, diags: &mut Diagnostics) -> Result<Option<SharedHttpClient>, Refusal> {
    let args = NetworkArguments {
        custom_ca_bundle: text(c.attr("custom_ca_bundle")),
        insecure: flag(c.attr("insecure")) == Some(true),
        http_proxy: text(c.attr("http_proxy")),
        https_proxy: text(c.attr("https_proxy")),
        no_proxy: text(c.attr("no_proxy")),
    };
    let proxies = resolve_proxies(&args, &env);
    if proxies.http_proxy_used_for_https {
        diags.warning_at(
            &at("http_proxy"),
            "Missing HTTPS proxy",
            format!(
                "An HTTP proxy was set but no HTTPS proxy was, so {:?} is used for HTTPS (AWS's) endpoints too, \
                 as in hashicorp/aws. Set https_proxy = \"\" for no HTTPS proxy.",
                proxies.proxies.https.as_deref().unwrap_or_default()
            ),
        );
    }
    let bundle = match &args.custom_ca_bundle {
        Some(path) => Some(
            network::read_ca_bundle(path)
                .map_err(|e| Refusal::new(Some("custom_ca_bundle"), "Invalid CA bundle", e.to_string()))?,
        ),
        None => match env("AWS_CA_BUNDLE").filter(|p| !p.trim().is_empty()) {
            Some(path) => Some(
                network::read_ca_bundle(&path)
                    .map_err(|e| Refusal::new(None, "Invalid CA bundle", format!("AWS_CA_BUNDLE: {e}")))?,
            ),
            None => None,
        },
    };
    network::http_client(bundle, args.insecure, &proxies.proxies)
        .map_err(|e| Refusal::new(None, "Invalid network settings", e.to_string()))
}

fn retry_arguments(c: &Value) -> RetryArguments {
    let whole = |name: &str| c.attr(name).as_number().and_then(|n| n.as_i64());
    RetryArguments {
        max_retries: whole("max_retries").map(|n| n.clamp(0, i64::from(MAX_RETRIES_LIMIT)) as u32),
        retry_mode: text(c.attr("retry_mode")),
        token_bucket_capacity: whole("token_bucket_rate_limiter_capacity").map(|n| n.max(1) as usize),
    }
}

/// The AWS configuration loader: Region, profile, FIPS and dual-stack,
/// retries, and the credentials found before any role (static keys, else
/// the standard chain, rebuilt when the metadata service is set).
fn loader(c: &Value, http: Option<&SharedHttpClient>, retry_args: &RetryArguments) -> Result<ConfigLoader, Refusal> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Ok(app) = AppName::new(user_agent::PRODUCT) {
        loader = loader.app_name(app);
    }
    if let Some(client) = http {
        loader = loader.http_client(client.clone());
    }
    let region = text(c.attr("region"));
    if let Some(region) = &region {
        loader = loader.region(Region::new(region.clone()));
    }
    let profile = text(c.attr("profile")).or_else(|| {
        env("AWS_PROFILE")
            .is_none()
            .then(|| env("AWS_DEFAULT_PROFILE"))
            .flatten()
            .filter(|p| !p.is_empty())
    });
    if let Some(profile) = &profile {
        loader = loader.profile_name(profile);
    }
    let profile_files = profile_files(c);
    if let Some(files) = &profile_files {
        loader = loader.profile_files(files.clone());
    }
    if let Some(fips) = flag(c.attr("use_fips_endpoint")) {
        loader = loader.use_fips(fips);
    }
    if let Some(dual) = flag(c.attr("use_dualstack_endpoint")) {
        loader = loader.use_dual_stack(dual);
    }
    let retry = retry::retry_config(retry_args, &env).map_err(|e| Refusal::new(None, "Invalid retry settings", e))?;
    loader = loader.retry_config(retry);

    let metadata_args = MetadataArguments {
        skip: flag(c.attr("skip_metadata_api_check")),
        endpoint: text(c.attr("ec2_metadata_service_endpoint")),
        mode: text(c.attr("ec2_metadata_service_endpoint_mode")),
    };
    if !metadata_args.is_default() {
        let mut conf = ProviderConfig::without_region().with_region(region.clone().map(Region::new));
        if let Some(client) = http {
            conf = conf.with_http_client(client.clone());
        }
        let (credentials, regions) =
            metadata::chains(&metadata_args, &conf, profile.as_deref(), profile_files.as_ref())
                .map_err(|e| Refusal::new(Some("ec2_metadata_service_endpoint"), "Invalid metadata settings", e))?;
        loader = loader.credentials_provider(credentials);
        if region.is_none() {
            loader = loader.region(regions);
        }
    }
    if let (Some(key), Some(secret)) = (text(c.attr("access_key")), text(c.attr("secret_key"))) {
        let token = text(c.attr("token"));
        loader = loader.credentials_provider(Credentials::new(key, secret, token, None, "provider-configuration"));
    }
    Ok(loader)
}

/// `shared_config_files` and `shared_credentials_files`; None when
/// neither is set (the defaults and `AWS_CONFIG_FILE`, ... apply).
fn profile_files(c: &Value) -> Option<ProfileFiles> {
    let config_files = strings(c.attr("shared_config_files"));
    let credential_files = strings(c.attr("shared_credentials_files"));
    if config_files.is_empty() && credential_files.is_empty() {
        return None;
    }
    let mut files = ProfileFiles::builder();
    if config_files.is_empty() {
        files = files.include_default_config_file(true);
    }
    if credential_files.is_empty() {
        files = files.include_default_credentials_file(true);
    }
    for f in &config_files {
        files = files.with_file(ProfileFileKind::Config, f);
    }
    for f in &credential_files {
        files = files.with_file(ProfileFileKind::Credentials, f);
    }
    Some(files.build())
}

/// What every AWS client of the provider shares: the User-Agent and one
/// retry partition.
fn client_options(
    c: &Value,
    terraform_version: &str,
    retry_args: &RetryArguments,
    diags: &mut Diagnostics,
) -> ClientOptions {
    let (text, refused) = user_agent::products(
        terraform_version,
        &strings(c.attr("user_agent")),
        env(user_agent::APPEND_ENV).as_deref(),
    );
    for part in refused {
        diags.warning(
            "User-Agent text left out",
            format!(
                "{part:?} (from {}) cannot go in an HTTP header and is left out.",
                user_agent::APPEND_ENV
            ),
        );
    }
    ClientOptions {
        user_agent: Some(AppendUserAgent(text)),
        retry_partition: Some(retry::retry_partition(retry_args.token_bucket_capacity)),
    }
}

/// Where EventBridge calls go (None: the SDK's rules) and the STS settings.
fn endpoints_of(c: &Value, config: &SdkConfig) -> (Option<String>, StsSettings) {
    let explicit_events = events_endpoint(c).or_else(|| text(c.attr("endpoint")));
    let explicit_sts = c.attr("endpoints").first().and_then(|e| text(e.attr("sts")));
    let sts = StsSettings {
        region: text(c.attr("sts_region")),
        endpoint: endpoints::custom_endpoint(config, "STS", explicit_sts.as_deref()),
    };
    (
        endpoints::custom_endpoint(config, "EventBridge", explicit_events.as_deref()),
        sts,
    )
}

/// `assume_role_with_web_identity` (completed from the environment) and
/// the `assume_role` blocks that name a role, in order.
fn roles_of(c: &Value) -> Result<(Option<WebIdentity>, Vec<AssumeRole>), Refusal> {
    let web_identity = match c.attr("assume_role_with_web_identity").first() {
        None => None,
        Some(w) => Some(
            WebIdentityArguments {
                role_arn: text(w.attr("role_arn")),
                web_identity_token: text(w.attr("web_identity_token")),
                web_identity_token_file: text(w.attr("web_identity_token_file")),
                session: session_of(w),
            }
            .resolve(&env)
            .map_err(|e| Refusal::new(Some("assume_role_with_web_identity"), "Incomplete web identity", e))?,
        ),
    };
    let roles = c
        .attr("assume_role")
        .elements()
        .iter()
        .filter_map(|r| {
            let role_arn = text(r.attr("role_arn")).filter(|a| !a.is_empty())?;
            let tags = match r.attr("tags") {
                Value::Map(m) => m
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect(),
                _ => Vec::new(),
            };
            Some(AssumeRole {
                role_arn,
                session: session_of(r),
                external_id: text(r.attr("external_id")),
                tags,
                transitive_tag_keys: strings(r.attr("transitive_tag_keys")),
                source_identity: text(r.attr("source_identity")),
            })
        })
        .collect();
    Ok((web_identity, roles))
}

/// The account rails when set (STS GetCallerIdentity, through the
/// configuration's identity cache, so EventBridge calls reuse what it
/// resolved); else the credentials resolved now, unless
/// `skip_credentials_validation`.
async fn checked(
    c: &Value,
    config: SdkConfig,
    sts: &StsSettings,
    options: &ClientOptions,
) -> Result<SdkConfig, Refusal> {
    let rules = AccountRules {
        allowed: strings(c.attr("allowed_account_ids")),
        forbidden: strings(c.attr("forbidden_account_ids")),
    };
    if !rules.is_empty() {
        let client = aws_sts::client(&config, sts, options, Signer::Configured);
        let caller = account::caller(&client)
            .await
            .map_err(|e| Refusal::new(None, "Cannot check the AWS account", e))?;
        let path = if rules.allowed.is_empty() {
            "forbidden_account_ids"
        } else {
            "allowed_account_ids"
        };
        account::check(&rules, &caller).map_err(|e| Refusal::new(Some(path), "AWS account not allowed", e))?;
        tracing::debug!(account = %caller.account, "account allowed");
        return Ok(config);
    }
    let Some(provider) = config
        .credentials_provider()
        .filter(|_| flag(c.attr("skip_credentials_validation")) != Some(true))
    else {
        return Ok(config);
    };
    match identity::resolved_now(provider).await {
        Ok(primed) => Ok(config.into_builder().credentials_provider(primed).build()),
        Err(e) => Err(Refusal::new(
            None,
            "No usable AWS credentials",
            format!(
                "{e}. Check the provider's credentials: access_key/secret_key, profile, assume_role, \
                 assume_role_with_web_identity, or the AWS_* environment variables (or set \
                 skip_credentials_validation = true to defer this to the first AWS call)."
            ),
        )),
    }
}

/// Logs where EventBridge and STS calls will go, as the SDK's rules
/// resolve them (FIPS and dual-stack apply only without a custom endpoint).
async fn log_endpoints(config: &SdkConfig, region: &str, events: Option<&str>, sts: &StsSettings, terraform: &str) {
    // Without debug logging there is no line to write: resolve nothing.
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let fips = config.use_fips().unwrap_or(false);
    let dual = config.use_dual_stack().unwrap_or(false);
    let resolve = |service, region: String, custom: Option<String>| async move {
        let rules = custom.is_none();
        endpoints::rules_url(service, &region, fips && rules, dual && rules, custom.as_deref())
            .await
            .unwrap_or_else(|e| format!("(none: {e})"))
    };
    let events = resolve(Service::EventBridge, region.to_string(), events.map(str::to_string)).await;
    let sts_region = sts.region.clone().unwrap_or_else(|| region.to_string());
    let sts = resolve(Service::Sts, sts_region, sts.endpoint.clone()).await;
    tracing::debug!(
        region,
        terraform,
        eventbridge_endpoint = %events,
        sts_endpoint = %sts,
        "configured: EventBridge endpoint {events}, STS endpoint {sts}"
    );
}

/// How often waiters poll: `TF_EVENTBRIDGE_POLL_INTERVAL`, else the default.
fn poll_policy() -> PollPolicy {
    env(POLL_INTERVAL_ENV)
        .and_then(|v| parse_duration(&v))
        .map(|d| PollPolicy {
            first: d,
            max: d.max(Duration::from_millis(1)),
        })
        .unwrap_or_default()
}

#[async_trait]
impl Provider for EventBridgeProvider {
    type Client = AwsClient;

    fn schema(&self) -> Schema {
        Schema::new(Self::block())
    }

    fn validate(&self, config: &Value, diags: &mut Diagnostics) {
        validate_regions(config, diags);
        let has = |name: &str| !config.attr(name).is_null();
        if has("access_key") != has("secret_key") {
            let missing = if has("access_key") { "secret_key" } else { "access_key" };
            diags.error_at(
                &at(missing),
                "Incomplete static credentials",
                "Set both access_key and secret_key, or neither (to use the standard AWS credential chain).",
            );
        }
        if has("token") && !has("access_key") {
            diags.error_at(
                &at("token"),
                "Session token without keys",
                "token needs access_key and secret_key.",
            );
        }
        validate_accounts(config, diags);
        validate_assume_roles(config, diags);
        validate_web_identity(config, diags);
        validate_network(config, diags);
        validate_endpoints(config, diags);
        validate_retries(config, diags);
        for part in strings(config.attr("user_agent")) {
            if http::HeaderValue::from_str(part.trim()).is_err() {
                diags.error_at(
                    &at("user_agent"),
                    "Invalid user_agent",
                    format!("{part:?} cannot go in an HTTP header (no control characters)."),
                );
            }
        }
        warn_no_effect(config, diags);
    }

    async fn configure(&self, req: ConfigureRequest<'_>, diags: &mut Diagnostics) -> Option<AwsClient> {
        match configured(&req, diags).await {
            Ok(client) => client,
            Err(refusal) => {
                refusal.report(diags);
                None
            }
        }
    }

    fn resources(&self) -> Vec<Arc<dyn Resource<AwsClient>>> {
        vec![Arc::new(ConnectionResource)]
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<AwsClient>>> {
        vec![Arc::new(ConnectionDataSource)]
    }

    fn list_resources(&self) -> Vec<Arc<dyn crate::tfplugin::ListResource<AwsClient>>> {
        vec![Arc::new(crate::list_resources::connection::ConnectionList)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::{decode_json, Severity};

    /// Diagnostics of ValidateProviderConfig for a JSON configuration, as
    /// `(severity, path, summary)`.
    fn validated(json: serde_json::Value) -> Vec<(Severity, String, String)> {
        let ty = EventBridgeProvider.schema().value_type();
        let config = decode_json(json.to_string().as_bytes(), &ty, false).expect("configuration");
        let mut diags = Diagnostics::new();
        EventBridgeProvider.validate(&config, &mut diags);
        diags
            .0
            .into_iter()
            .map(|d| (d.severity, d.path.map(|p| p.to_string()).unwrap_or_default(), d.summary))
            .collect()
    }

    /// Paths of the diagnostics of one severity.
    fn paths(json: serde_json::Value, severity: Severity) -> Vec<String> {
        validated(json)
            .into_iter()
            .filter(|d| d.0 == severity)
            .map(|d| d.1)
            .collect()
    }

    fn errors_at(json: serde_json::Value) -> Vec<String> {
        paths(json, Severity::Error)
    }

    fn warnings_at(json: serde_json::Value) -> Vec<String> {
        paths(json, Severity::Warning)
    }

    #[test]
    fn a_typical_hashicorp_aws_block_validates_with_only_no_effect_warnings() {
        let block = serde_json::json!({
            "region": "eu-central-1",
            "allowed_account_ids": ["123456789012"],
            "assume_role": [
                {"role_arn": "arn:aws:iam::123456789012:role/hub", "session_name": "ci", "duration": "1h"},
                {"role_arn": "arn:aws:iam::123456789012:role/deploy", "external_id": "ext-123",
                 "tags": {"team": "platform"}, "transitive_tag_keys": ["team"], "source_identity": "ci-bot",
                 "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                 "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
            ],
            "default_tags": [{"tags": {"env": "prod"}}],
            "ignore_tags": [{"keys": ["a"]}],
            "endpoints": [{"sts": "https://sts-fips.eu-central-1.amazonaws.com"}],
            "use_fips_endpoint": true,
            "retry_mode": "adaptive",
            "max_retries": 10,
            "http_proxy": "http://proxy.corp:3128",
            "no_proxy": ".corp,10.0.0.0/8",
            "s3_use_path_style": true
        });
        assert_eq!(errors_at(block.clone()), Vec::<String>::new());
        assert_eq!(
            warnings_at(block),
            vec!["default_tags", "ignore_tags", "s3_use_path_style"]
        );
    }

    #[test]
    fn each_error_names_its_attribute_path() {
        let cases = [
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a"}, {"role_arn": "nope"}]}),
                "assume_role[1].role_arn",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a"}, {"session_name": "ci"}]}),
                "assume_role[1].role_arn",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration": "5m"}]}),
                "assume_role[0].duration",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "session_name": "a b"}]}),
                "assume_role[0].session_name",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "policy": "{"}]}),
                "assume_role[0].policy",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "policy_arns": ["x"]}]}),
                "assume_role[0].policy_arns",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "transitive_tag_keys": ["t"]}]}),
                "assume_role[0].transitive_tag_keys",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "external_id": "x"}]}),
                "assume_role[0].external_id",
            ),
            (
                serde_json::json!({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration": "1h", "duration_seconds": 3600}]}),
                "assume_role[0].duration_seconds",
            ),
            (
                serde_json::json!({"assume_role_with_web_identity": [{"web_identity_token": "abcd", "web_identity_token_file": "/t"}]}),
                "assume_role_with_web_identity[0].web_identity_token_file",
            ),
            (
                serde_json::json!({"assume_role_with_web_identity": [{"web_identity_token": "ab"}]}),
                "assume_role_with_web_identity[0].web_identity_token",
            ),
            (
                serde_json::json!({"allowed_account_ids": ["1"], }),
                "allowed_account_ids",
            ),
            (
                serde_json::json!({"allowed_account_ids": ["123456789012"], "forbidden_account_ids": ["210987654321"]}),
                "forbidden_account_ids",
            ),
            (
                serde_json::json!({"allowed_account_ids": ["123456789012"], "skip_requesting_account_id": true}),
                "skip_requesting_account_id",
            ),
            (serde_json::json!({"sts_region": "mars-1"}), "sts_region"),
            (serde_json::json!({"retry_mode": "fast"}), "retry_mode"),
            (
                serde_json::json!({"token_bucket_rate_limiter_capacity": 0}),
                "token_bucket_rate_limiter_capacity",
            ),
            (serde_json::json!({"https_proxy": "socks5://p:1080"}), "https_proxy"),
            (
                serde_json::json!({"ec2_metadata_service_endpoint_mode": "IPv5"}),
                "ec2_metadata_service_endpoint_mode",
            ),
            (
                serde_json::json!({"ec2_metadata_service_endpoint": "169.254.169.254"}),
                "ec2_metadata_service_endpoint",
            ),
            (
                serde_json::json!({"endpoints": [{"sts": "sts.local"}]}),
                "endpoints[0].sts",
            ),
            (
                serde_json::json!({"endpoints": [{"events": "http://a:1", "eventbridge": "http://b:2"}]}),
                "endpoints[0].eventbridge",
            ),
            (
                serde_json::json!({"endpoint": "http://a:1", "endpoints": [{"events": "http://a:1"}]}),
                "endpoint",
            ),
            (serde_json::json!({"user_agent": ["bad\nline"]}), "user_agent"),
        ];
        for (config, path) in cases {
            let errors = errors_at(config.clone());
            assert_eq!(errors, vec![path.to_string()], "{config}");
        }
    }

    #[test]
    fn skip_region_validation_accepts_any_region_name() {
        let config =
            serde_json::json!({"region": "moon-base", "sts_region": "moon-base", "skip_region_validation": true});
        assert_eq!(errors_at(config), Vec::<String>::new());
        assert_eq!(errors_at(serde_json::json!({"region": "moon-base"})), vec!["region"]);
    }

    #[test]
    fn deprecated_arguments_warn_at_their_path_and_still_work() {
        let config = serde_json::json!({
            "endpoint": "http://127.0.0.1:5000",
            "assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/a", "duration_seconds": 3600}]
        });
        assert_eq!(errors_at(config.clone()), Vec::<String>::new());
        assert_eq!(warnings_at(config), vec!["assume_role[0].duration_seconds", "endpoint"]);
    }

    #[test]
    fn a_single_assume_role_without_a_role_is_ignored_with_a_warning() {
        let config = serde_json::json!({"assume_role": [{"role_arn": ""}]});
        assert_eq!(errors_at(config.clone()), Vec::<String>::new());
        assert_eq!(warnings_at(config), vec!["assume_role[0].role_arn"]);
    }

    #[test]
    fn secrets_are_sensitive_in_the_schema() {
        let schema = EventBridgeProvider.schema();
        let block = &schema.block;
        for name in ["secret_key", "token"] {
            assert!(block.attribute(name).is_some_and(|a| a.sensitive), "{name}");
        }
        let web = &block.nested("assume_role_with_web_identity").expect("block").block;
        assert!(web.attribute("web_identity_token").is_some_and(|a| a.sensitive));
    }

    #[test]
    fn every_argument_is_documented() {
        fn check(block: &Block, at: &str) {
            for (name, attr) in &block.attributes {
                assert!(!attr.description.is_empty(), "{at}{name}");
            }
            for (name, nested) in &block.blocks {
                assert!(!nested.block.description.is_empty(), "{at}{name}");
                check(&nested.block, &format!("{at}{name}."));
            }
        }
        check(&EventBridgeProvider.schema().block, "");
    }
}
