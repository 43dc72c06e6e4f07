//! ConfigureProvider: the provider block turned into plain settings, and
//! the AWS configuration and clients `crate::aws` builds from them.

use super::*;

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
            Some(name) => diags.error_at(&at(name), self.summary, self.detail),
            None => diags.error(self.summary, self.detail),
        }
    }
}

/// Configure, step by step: network, loaded configuration, roles, the
/// account or credentials check, then the client.
pub(super) async fn configured(
    req: &ConfigureRequest<'_>,
    diags: &mut Diagnostics,
) -> Result<Option<AwsClient>, Refusal> {
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
