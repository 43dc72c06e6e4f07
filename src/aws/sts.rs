//! The STS clients behind the provider's credentials (the `assume_role`
//! chain, `assume_role_with_web_identity`) and its account check: Region
//! `sts_region` (else the provider's), endpoint `endpoints { sts }` (else
//! `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's), and the same
//! fast failure on an unreachable endpoint, User-Agent and retries as the
//! EventBridge clients.

use aws_config::{Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;

use super::client::ClientOptions;
use super::unreachable::FailFastWhenUnreachable;

/// The provider block's STS settings; `None`: not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StsSettings {
    pub region: Option<String>,
    pub endpoint: Option<String>,
}

/// Whose credentials sign the STS calls.
pub enum Signer {
    /// The loaded configuration's (shares its identity cache with the
    /// EventBridge clients, so what STS resolves is not fetched again).
    Configured,
    /// These (the previous hop of a role chain).
    Provider(SharedCredentialsProvider),
    /// None: AssumeRoleWithWebIdentity is not signed.
    Unsigned,
}

/// An STS client for `config` with the provider's STS settings.
pub fn client(config: &SdkConfig, sts: &StsSettings, options: &ClientOptions, signer: Signer) -> aws_sdk_sts::Client {
    let unsigned;
    let config = match signer {
        Signer::Unsigned => {
            let mut builder = config.clone().into_builder();
            builder.set_credentials_provider(None);
            unsigned = builder.build();
            &unsigned
        }
        _ => config,
    };
    let mut builder =
        aws_sdk_sts::config::Builder::from(config).interceptor(FailFastWhenUnreachable { service: "STS" });
    if let Some(region) = &sts.region {
        builder = builder.region(Region::new(region.clone()));
    }
    if let Some(url) = &sts.endpoint {
        // Used as it is: FIPS and dual-stack choose among AWS's endpoints.
        builder = builder.endpoint_url(url).use_fips(false).use_dual_stack(false);
    }
    if let Some(user_agent) = &options.user_agent {
        builder = builder.interceptor(user_agent.clone());
    }
    if let Some(partition) = &options.retry_partition {
        builder = builder.retry_partition(partition.clone());
    }
    if let Signer::Provider(provider) = signer {
        builder.set_credentials_provider(Some(provider));
    }
    aws_sdk_sts::Client::from_conf(builder.build())
}
