//! ConfigureProvider: the provider block turned into plain settings, and
//! the AWS configuration and clients `crate::aws` builds from them.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_config::provider_config::ProviderConfig as LoaderConfig;
use aws_config::{AppName, BehaviorVersion, ConfigLoader, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

use super::schema::ProviderConfig;
use crate::aws::account::{self, AccountRules};
use crate::aws::client::ClientOptions;
use crate::aws::duration::parse_duration;
use crate::aws::endpoints::{self, Service};
use crate::aws::identity::{self, AssumeRole, Session, WebIdentity, WebIdentityArguments};
use crate::aws::metadata::{self, MetadataArguments};
use crate::aws::network::{self, resolve_proxies, NetworkArguments};
use crate::aws::poll::PollPolicy;
use crate::aws::regional::tags::TagPolicy;
use crate::aws::retry::{self, RetryArguments, MAX_RETRIES_LIMIT};
use crate::aws::sts::{self as aws_sts, Signer, StsSettings};
use crate::aws::user_agent::{self, AppendUserAgent};
use crate::aws::AwsClient;
use crate::tfplugin::model::Maybe;
use crate::tfplugin::{AttributePath, Diagnostics, Number};

/// Environment variable to tune how often waiters poll (a duration such as
/// `200ms`); meant for tests against emulators.
const POLL_INTERVAL_ENV: &str = "TF_EVENTBRIDGE_POLL_INTERVAL";

/// Why ConfigureProvider cannot go on: where (an argument, or the block
/// as a whole), what, and why. What only configure can check is here:
/// files, the environment, and what AWS answers.
pub(super) struct Refusal {
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

    pub(super) fn report(self, diags: &mut Diagnostics) {
        match self.path {
            Some(name) => diags.error_at(&AttributePath::of(&[name]), self.summary, self.detail),
            None => diags.error(self.summary, self.detail),
        }
    }
}

/// Configure, step by step: network, loaded configuration, roles, the
/// account or credentials check, then the client.
pub(super) async fn configured(
    c: &ProviderConfig,
    terraform_version: &str,
    diags: &mut Diagnostics,
) -> Result<Option<AwsClient>, Refusal> {
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
    let options = client_options(c, terraform_version, &retry_args, diags);
    let (events_url, sts) = endpoints_of(c, &config);
    let (web_identity, roles) = roles_of(c)?;
    if let Some(chain) = identity::role_chain(&config, &sts, &options, web_identity, &roles) {
        config = config.into_builder().credentials_provider(chain).build();
    }
    let config = checked(c, config, &sts, &options).await?;
    log_endpoints(&config, &region, events_url.as_deref(), &sts, terraform_version).await;
    let tags = tag_policy(c);
    Ok(AwsClient::from_config_with(config, events_url, options, poll_policy()).map(|client| client.with_tags(tags)))
}

/// `default_tags` and `ignore_tags`, for every taggable resource. Default
/// tags unknown until apply leave `tags_all` unknown at plan.
fn tag_policy(c: &ProviderConfig) -> TagPolicy {
    let default_tags = match &c.default_tags {
        Maybe::Unknown => None,
        Maybe::Null | Maybe::Known(None) => Some(Default::default()),
        Maybe::Known(Some(d)) => Some(
            d.tags
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
                .collect(),
        ),
    };
    let ignore = c.ignore_tags.known().and_then(Option::as_ref);
    TagPolicy {
        default_tags,
        ignore_keys: ignore.map(|i| i.keys.clone()).unwrap_or_default(),
        ignore_prefixes: ignore.map(|i| i.key_prefixes.clone()).unwrap_or_default(),
    }
}

/// The HTTP client the network arguments (and environment) ask for;
/// None: the SDK's own. The loader's own calls (SSO, IMDS) use it too.
fn http_client(c: &ProviderConfig, diags: &mut Diagnostics) -> Result<Option<SharedHttpClient>, Refusal> {
    let args = NetworkArguments {
        custom_ca_bundle: c.custom_ca_bundle.clone(),
        insecure: c.insecure == Some(true),
        http_proxy: c.http_proxy.clone(),
        https_proxy: c.https_proxy.clone(),
        no_proxy: c.no_proxy.clone(),
    };
    let proxies = resolve_proxies(&args, &env);
    if proxies.http_proxy_used_for_https {
        diags.warning_at(
            &AttributePath::of(&["http_proxy"]),
            "Missing HTTPS proxy",
            format!(
                "An HTTP proxy was set but no HTTPS proxy was, so {:?} is used for HTTPS (AWS's) endpoints too, \
                 as in hashicorp/aws. Set https_proxy = \"\" for no HTTPS proxy.",
                network::redacted(proxies.proxies.https.as_deref().unwrap_or_default())
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

fn retry_arguments(c: &ProviderConfig) -> RetryArguments {
    RetryArguments {
        max_retries: c.max_retries.map(|n| n.clamp(0, i64::from(MAX_RETRIES_LIMIT)) as u32),
        retry_mode: c.retry_mode.clone(),
        token_bucket_capacity: c.token_bucket_rate_limiter_capacity.map(|n| n.max(1) as usize),
    }
}

/// The AWS configuration loader: Region, profile, FIPS and dual-stack,
/// retries, and the credentials found before any role (static keys, else
/// the standard chain, rebuilt when the metadata service is set).
fn loader(
    c: &ProviderConfig,
    http: Option<&SharedHttpClient>,
    retry_args: &RetryArguments,
) -> Result<ConfigLoader, Refusal> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Ok(app) = AppName::new(user_agent::PRODUCT) {
        loader = loader.app_name(app);
    }
    if let Some(client) = http {
        loader = loader.http_client(client.clone());
    }
    let region = c.region.clone();
    if let Some(region) = &region {
        loader = loader.region(Region::new(region.clone()));
    }
    let profile = c.profile.clone().or_else(|| {
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
    if let Some(fips) = c.use_fips_endpoint {
        loader = loader.use_fips(fips);
    }
    if let Some(dual) = c.use_dualstack_endpoint {
        loader = loader.use_dual_stack(dual);
    }
    let retry = retry::retry_config(retry_args, &env).map_err(|e| Refusal::new(None, "Invalid retry settings", e))?;
    loader = loader.retry_config(retry);

    let metadata_args = MetadataArguments {
        skip: c.skip_metadata_api_check,
        endpoint: c.ec2_metadata_service_endpoint.clone(),
        mode: c.ec2_metadata_service_endpoint_mode.clone(),
    };
    if !metadata_args.is_default() {
        let mut conf = LoaderConfig::without_region().with_region(region.clone().map(Region::new));
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
    if let (Some(key), Some(secret)) = (c.access_key.known(), c.secret_key.known()) {
        let token = c.token.known().map(|t| t.0.clone());
        loader = loader.credentials_provider(Credentials::new(key, &secret.0, token, None, "provider-configuration"));
    }
    Ok(loader)
}

/// `shared_config_files` and `shared_credentials_files`; None when
/// neither is set (the defaults and `AWS_CONFIG_FILE`, ... apply).
fn profile_files(c: &ProviderConfig) -> Option<ProfileFiles> {
    let config_files = &c.shared_config_files;
    let credential_files = &c.shared_credentials_files;
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
    for f in config_files {
        files = files.with_file(ProfileFileKind::Config, f);
    }
    for f in credential_files {
        files = files.with_file(ProfileFileKind::Credentials, f);
    }
    Some(files.build())
}

/// What every AWS client of the provider shares: the User-Agent and one
/// retry partition.
fn client_options(
    c: &ProviderConfig,
    terraform_version: &str,
    retry_args: &RetryArguments,
    diags: &mut Diagnostics,
) -> ClientOptions {
    let (text, refused) =
        user_agent::products(terraform_version, &c.user_agent, env(user_agent::APPEND_ENV).as_deref());
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
fn endpoints_of(c: &ProviderConfig, config: &SdkConfig) -> (Option<String>, StsSettings) {
    let explicit_events = c
        .endpoints
        .as_ref()
        .and_then(|e| e.events_names().into_iter().find_map(|(_, url)| url))
        .or(c.endpoint.known().map(String::as_str));
    let explicit_sts = c.endpoints.as_ref().and_then(|e| e.sts.as_deref());
    let sts = StsSettings {
        region: c.sts_region.clone(),
        endpoint: endpoints::custom_endpoint(config, "STS", explicit_sts),
    };
    (endpoints::custom_endpoint(config, "EventBridge", explicit_events), sts)
}

/// `assume_role_with_web_identity` (completed from the environment) and
/// the `assume_role` blocks that name a role, in order.
fn roles_of(c: &ProviderConfig) -> Result<(Option<WebIdentity>, Vec<AssumeRole>), Refusal> {
    let web_identity = match &c.assume_role_with_web_identity {
        None => None,
        Some(w) => Some(
            WebIdentityArguments {
                role_arn: w.role_arn.clone(),
                web_identity_token: w.web_identity_token.known().map(|t| t.0.clone()),
                web_identity_token_file: w.web_identity_token_file.known().cloned(),
                session: session(&w.session_name, &w.duration, None, &w.policy, &w.policy_arns),
            }
            .resolve(&env)
            .map_err(|e| Refusal::new(Some("assume_role_with_web_identity"), "Incomplete web identity", e))?,
        ),
    };
    let roles = c
        .assume_role
        .iter()
        .filter_map(|r| {
            let role_arn = r.role_arn.known().filter(|a| !a.is_empty())?.clone();
            let tags = r
                .tags
                .known()
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
                .collect();
            Some(AssumeRole {
                role_arn,
                session: session(
                    &r.session_name,
                    &r.duration,
                    r.duration_seconds.as_ref(),
                    &r.policy,
                    &r.policy_arns,
                ),
                external_id: r.external_id.clone(),
                tags,
                transitive_tag_keys: r.transitive_tag_keys.iter().cloned().collect(),
                source_identity: r.source_identity.clone(),
            })
        })
        .collect();
    Ok((web_identity, roles))
}

/// The session arguments of a role block; its length is `duration`, else
/// the deprecated `duration_seconds` (of `assume_role` only).
fn session(
    name: &Option<String>,
    duration: &Maybe<String>,
    seconds: Option<&Number>,
    policy: &Option<String>,
    policy_arns: &BTreeSet<String>,
) -> Session {
    let seconds = seconds.and_then(Number::as_i64);
    Session {
        name: name.clone(),
        duration: duration
            .known()
            .and_then(|d| parse_duration(d))
            .or_else(|| seconds.map(|s| Duration::from_secs(s.max(0) as u64))),
        policy: policy.clone(),
        policy_arns: policy_arns.iter().cloned().collect(),
    }
}

/// The account rails when set (STS GetCallerIdentity, through the
/// configuration's identity cache, so EventBridge calls reuse what it
/// resolved); else the credentials resolved now, unless
/// `skip_credentials_validation`.
async fn checked(
    c: &ProviderConfig,
    config: SdkConfig,
    sts: &StsSettings,
    options: &ClientOptions,
) -> Result<SdkConfig, Refusal> {
    let rules = AccountRules {
        allowed: c.allowed_account_ids.iter().cloned().collect(),
        forbidden: c.forbidden_account_ids.iter().cloned().collect(),
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
        .filter(|_| c.skip_credentials_validation != Some(true))
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

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}
