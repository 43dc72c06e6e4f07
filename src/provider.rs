//! The `eventbridge` provider: its configuration, and the AWS client it
//! builds once in ConfigureProvider and shares with every request.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles};

use crate::aws::duration::parse_duration;
use crate::aws::poll::PollPolicy;
use crate::aws::region::region_problem;
use crate::aws::AwsClient;
use crate::connection::ConnectionResource;
use crate::data_sources::connection::ConnectionDataSource;
use crate::tfplugin::{
    Attribute, AttributePath, Block, ConfigureRequest, DataSource, Diagnostics, NestedBlock, Provider, Resource,
    Schema, Value,
};

/// Retries the reference provider allows; throttling at scale needs them.
pub const DEFAULT_MAX_RETRIES: i64 = 25;

/// Environment variable to tune how often waiters poll (a duration such as
/// `200ms`); meant for tests against emulators.
pub const POLL_INTERVAL_ENV: &str = "TF_EVENTBRIDGE_POLL_INTERVAL";

pub struct EventBridgeProvider;

impl EventBridgeProvider {
    fn block() -> Block {
        Block::new()
            .doc(
                "The EventBridge provider manages Amazon EventBridge connections. Credentials and Region \
                 come from the arguments below, else from the standard AWS chain: environment variables \
                 (`AWS_REGION`, `AWS_PROFILE`, `AWS_ACCESS_KEY_ID`, ...), shared config and credentials \
                 files, SSO, web identity, and the EC2/ECS metadata services.",
            )
            .attr(
                "region",
                Attribute::string().optional().doc(
                    "AWS Region, e.g. `us-east-1`. Falls back to `AWS_REGION` / `AWS_DEFAULT_REGION` and the profile.",
                ),
            )
            .attr(
                "profile",
                Attribute::string()
                    .optional()
                    .doc("Named profile of the shared config files."),
            )
            .attr(
                "shared_config_files",
                Attribute::of(crate::tfplugin::Type::list(crate::tfplugin::Type::String))
                    .optional()
                    .doc("Paths of shared config files (default `~/.aws/config`)."),
            )
            .attr(
                "shared_credentials_files",
                Attribute::of(crate::tfplugin::Type::list(crate::tfplugin::Type::String))
                    .optional()
                    .doc("Paths of shared credentials files (default `~/.aws/credentials`)."),
            )
            .attr(
                "access_key",
                Attribute::string()
                    .optional()
                    .doc("Access key id. Requires `secret_key`."),
            )
            .attr(
                "secret_key",
                Attribute::string().optional().sensitive().doc("Secret access key."),
            )
            .attr(
                "token",
                Attribute::string()
                    .optional()
                    .sensitive()
                    .doc("Session token for temporary credentials."),
            )
            .attr(
                "endpoint",
                Attribute::string().optional().doc(
                    "Custom EventBridge endpoint URL, e.g. a local emulator (`http://127.0.0.1:5000`). Falls \
                     back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / `AWS_ENDPOINT_URL`.",
                ),
            )
            .attr(
                "max_retries",
                Attribute::number().optional().doc(
                    "How many times to retry a throttled or failed AWS call (standard retry mode, with \
                     backoff). Default 25.",
                ),
            )
            .block(
                "assume_role",
                NestedBlock::list(
                    Block::new()
                        .doc("Assume an IAM role with the credentials found, and act as that role.")
                        .attr(
                            "role_arn",
                            Attribute::string().required().doc("ARN of the role to assume."),
                        )
                        .attr(
                            "session_name",
                            Attribute::string().optional().doc("Session name (default generated)."),
                        )
                        .attr(
                            "external_id",
                            Attribute::string()
                                .optional()
                                .doc("External id the role's trust policy requires."),
                        )
                        .attr(
                            "duration_seconds",
                            Attribute::number()
                                .optional()
                                .doc("Session length in seconds, 900 to 43200 (default 3600)."),
                        ),
                )
                .max(1),
            )
    }
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

#[async_trait]
impl Provider for EventBridgeProvider {
    type Client = AwsClient;

    fn schema(&self) -> Schema {
        Schema::new(Self::block())
    }

    fn validate(&self, config: &Value, diags: &mut Diagnostics) {
        let at = |name: &str| AttributePath::of(&[name]);
        if let Some(problem) = config.attr("region").as_str().and_then(region_problem) {
            diags.error_at(&at("region"), "Invalid AWS Region", problem);
        }
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
        if let Some(endpoint) = config.attr("endpoint").as_str() {
            if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) || endpoint.len() < 10 {
                diags.error_at(
                    &at("endpoint"),
                    "Invalid endpoint",
                    format!("{endpoint:?} is not an http(s) URL, e.g. \"https://events.us-east-1.amazonaws.com\"."),
                );
            }
        }
        if let Some(n) = config.attr("max_retries").as_number() {
            if !n.as_i64().is_some_and(|n| (0..=100).contains(&n)) {
                diags.error_at(
                    &at("max_retries"),
                    "Invalid max_retries",
                    "Use a whole number from 0 to 100.",
                );
            }
        }
        if let Some(role) = config.attr("assume_role").first() {
            let base = AttributePath::of(&["assume_role"]).index(0);
            if let Some(arn) = role.attr("role_arn").as_str() {
                if !arn.starts_with("arn:") || !arn.contains(":role/") {
                    diags.error_at(
                        &base.attr("role_arn"),
                        "Invalid role ARN",
                        format!("{arn:?} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."),
                    );
                }
            }
            if let Some(n) = role.attr("duration_seconds").as_number() {
                if !n.as_i64().is_some_and(|s| (900..=43_200).contains(&s)) {
                    diags.error_at(
                        &base.attr("duration_seconds"),
                        "Invalid duration_seconds",
                        "A role session lasts 900 to 43200 seconds.",
                    );
                }
            }
        }
    }

    async fn configure(&self, req: ConfigureRequest<'_>, diags: &mut Diagnostics) -> Option<AwsClient> {
        let c = req.config;
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(region) = text(c.attr("region")) {
            loader = loader.region(Region::new(region));
        }
        if let Some(profile) = text(c.attr("profile")) {
            loader = loader.profile_name(profile);
        }
        let config_files = strings(c.attr("shared_config_files"));
        let credential_files = strings(c.attr("shared_credentials_files"));
        if !config_files.is_empty() || !credential_files.is_empty() {
            let mut files = ProfileFiles::builder();
            if config_files.is_empty() {
                files = files.include_default_config_file(true);
            }
            if credential_files.is_empty() {
                files = files.include_default_credentials_file(true);
            }
            for f in config_files {
                files = files.with_file(ProfileFileKind::Config, f);
            }
            for f in credential_files {
                files = files.with_file(ProfileFileKind::Credentials, f);
            }
            loader = loader.profile_files(files.build());
        }
        if let (Some(key), Some(secret)) = (text(c.attr("access_key")), text(c.attr("secret_key"))) {
            let token = text(c.attr("token"));
            loader = loader.credentials_provider(Credentials::new(key, secret, token, None, "provider-configuration"));
        }
        let retries = c
            .attr("max_retries")
            .as_number()
            .and_then(|n| n.as_i64())
            .unwrap_or(DEFAULT_MAX_RETRIES);
        loader = loader.retry_config(RetryConfig::standard().with_max_attempts(retries.clamp(0, 100) as u32 + 1));

        let mut config = loader.load().await;
        if config.region().is_none_or(|r| r.as_ref().trim().is_empty()) {
            diags.error_at(
                &AttributePath::of(&["region"]),
                "No AWS Region",
                "Set region in the provider block, or AWS_REGION in the environment, or region in the AWS profile.",
            );
            return None;
        }
        if let Some(role) = c.attr("assume_role").first() {
            config = assume_role(config, role, diags).await?;
        }
        let endpoint = text(c.attr("endpoint"));
        let poll = std::env::var(POLL_INTERVAL_ENV)
            .ok()
            .and_then(|v| parse_duration(&v))
            .map(|d| PollPolicy {
                first: d,
                max: d.max(Duration::from_millis(1)),
            })
            .unwrap_or_default();
        tracing::debug!(
            region = config.region().map(|r| r.as_ref()),
            terraform = req.terraform_version,
            "configured"
        );
        AwsClient::from_config(config, endpoint, poll)
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

async fn assume_role(config: SdkConfig, role: &Value, diags: &mut Diagnostics) -> Option<SdkConfig> {
    let Some(arn) = text(role.attr("role_arn")) else {
        diags.error_at(
            &AttributePath::of(&["assume_role"]).index(0).attr("role_arn"),
            "Missing role_arn",
            "",
        );
        return None;
    };
    let mut builder = aws_config::sts::AssumeRoleProvider::builder(arn)
        .session_name(text(role.attr("session_name")).unwrap_or_else(|| "terraform-provider-eventbridge".into()));
    if let Some(id) = text(role.attr("external_id")) {
        builder = builder.external_id(id);
    }
    if let Some(secs) = role.attr("duration_seconds").as_number().and_then(|n| n.as_i64()) {
        builder = builder.session_length(Duration::from_secs(secs.max(0) as u64));
    }
    let provider = builder.configure(&config).build().await;
    Some(
        config
            .into_builder()
            .credentials_provider(SharedCredentialsProvider::new(provider))
            .build(),
    )
}
