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
use crate::aws::regional::ResourceType;
use crate::aws::retry::{self, parse_mode, RetryArguments, MAX_RETRIES_LIMIT};
use crate::aws::sts::{self as aws_sts, Signer, StsSettings};
use crate::aws::user_agent::{self, AppendUserAgent};
use crate::aws::AwsClient;
use crate::tfplugin::{
    Attribute, AttributePath, Block, ConfigureRequest, DataSource, Diagnostics, ListResource, NestedBlock, Provider,
    Resource, Schema, Type, Value,
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

mod configure;
mod schema;
mod validate;

use configure::*;
use validate::*;

pub struct EventBridgeProvider;

impl EventBridgeProvider {
    /// Every resource type served, each from its folder.
    pub fn types() -> Vec<ResourceType> {
        vec![crate::connection::served()]
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

#[async_trait]
impl Provider for EventBridgeProvider {
    type Client = AwsClient;

    fn schema(&self) -> Schema {
        Schema::new(Self::block())
    }

    fn validate(&self, config: &Value, diags: &mut Diagnostics) {
        validate_block(config, diags);
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
        Self::types().into_iter().map(|t| t.resource).collect()
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<AwsClient>>> {
        Self::types().into_iter().filter_map(|t| t.data_source).collect()
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource<AwsClient>>> {
        Self::types().into_iter().filter_map(|t| t.list).collect()
    }
}

#[cfg(test)]
mod tests;
