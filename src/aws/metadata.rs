//! The EC2 instance metadata service (IMDS) as the provider block sets it:
//! `skip_metadata_api_check` (off), `ec2_metadata_service_endpoint` and
//! `ec2_metadata_service_endpoint_mode` (`IPv4` | `IPv6`). Unset, the SDK's
//! own chain applies, with its environment variables
//! (`AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`,
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`). Set, the standard credential
//! and Region chains are rebuilt from aws-config's own providers, in the
//! SDK's order, with this IMDS client or without IMDS.

use aws_config::ecs::EcsCredentialsProvider;
use aws_config::environment::{EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider};
use aws_config::imds;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_runtime::env_config::file::EnvConfigFiles;

/// The provider block's IMDS arguments; `None`: not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataArguments {
    /// `skip_metadata_api_check`.
    pub skip: Option<bool>,
    pub endpoint: Option<String>,
    pub mode: Option<String>,
}

impl MetadataArguments {
    /// True when the SDK's default chains do (nothing set, or only
    /// `skip_metadata_api_check = false`, the default).
    pub fn is_default(&self) -> bool {
        self.skip != Some(true) && self.endpoint.is_none() && self.mode.is_none()
    }
}

/// Why `mode` cannot be an IMDS endpoint mode; None when it can.
pub fn mode_problem(mode: &str) -> Option<String> {
    mode.parse::<imds::client::EndpointMode>()
        .err()
        .map(|_| format!("{mode:?} is not an IMDS endpoint mode: use \"IPv4\" or \"IPv6\"."))
}

/// A profile provider's builder with the profile name and files, if given.
macro_rules! in_profile {
    ($builder:expr, $name:expr, $files:expr) => {{
        let mut builder = $builder;
        if let Some(name) = $name {
            builder = builder.profile_name(name);
        }
        if let Some(files) = $files {
            builder = builder.profile_files(files.clone());
        }
        builder.build()
    }};
}

/// The IMDS client for these arguments; None when IMDS is off.
fn imds_client(args: &MetadataArguments, conf: &ProviderConfig) -> Result<Option<imds::Client>, String> {
    if args.skip == Some(true) {
        return Ok(None);
    }
    let mut builder = imds::Client::builder().configure(conf);
    if let Some(mode) = &args.mode {
        let mode = mode
            .parse::<imds::client::EndpointMode>()
            .map_err(|_| mode_problem(mode).unwrap_or_default())?;
        builder = builder.endpoint_mode(mode);
    }
    if let Some(endpoint) = &args.endpoint {
        builder = builder
            .endpoint(endpoint)
            .map_err(|e| format!("ec2_metadata_service_endpoint {endpoint:?} is not a URL: {e}"))?;
    }
    Ok(Some(builder.build()))
}

/// The standard credential chain (environment, profile, web identity,
/// ECS, IMDS) and Region chain (environment, profile, IMDS), with IMDS as
/// set.
pub fn chains(
    args: &MetadataArguments,
    conf: &ProviderConfig,
    profile_name: Option<&str>,
    profile_files: Option<&EnvConfigFiles>,
) -> Result<(CredentialsProviderChain, RegionProviderChain), String> {
    let profile_credentials = in_profile!(
        ProfileFileCredentialsProvider::builder().configure(conf),
        profile_name,
        profile_files
    );
    let profile_region = in_profile!(
        ProfileFileRegionProvider::builder().configure(conf),
        profile_name,
        profile_files
    );
    let credentials = CredentialsProviderChain::first_try("Environment", EnvironmentVariableCredentialsProvider::new())
        .or_else("Profile", profile_credentials)
        .or_else(
            "WebIdentityToken",
            WebIdentityTokenCredentialsProvider::builder().configure(conf).build(),
        )
        .or_else(
            "EcsContainer",
            EcsCredentialsProvider::builder().configure(conf).build(),
        );
    let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new()).or_else(profile_region);
    Ok(match imds_client(args, conf)? {
        Some(client) => (
            credentials.or_else(
                "Ec2InstanceMetadata",
                imds::credentials::ImdsCredentialsProvider::builder()
                    .configure(conf)
                    .imds_client(client.clone())
                    .build(),
            ),
            region.or_else(
                imds::region::ImdsRegionProvider::builder()
                    .configure(conf)
                    .imds_client(client)
                    .build(),
            ),
        ),
        None => (credentials, region),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_are_ipv4_or_ipv6() {
        assert_eq!(mode_problem("IPv4"), None);
        assert_eq!(mode_problem("IPv6"), None);
        assert!(mode_problem("ipx").is_some());
    }

    #[test]
    fn only_a_real_change_leaves_the_default_chain() {
        assert!(MetadataArguments::default().is_default());
        assert!(MetadataArguments {
            skip: Some(false),
            ..Default::default()
        }
        .is_default());
        assert!(!MetadataArguments {
            skip: Some(true),
            ..Default::default()
        }
        .is_default());
        assert!(!MetadataArguments {
            endpoint: Some("http://169.254.169.254".into()),
            ..Default::default()
        }
        .is_default());
    }
}
