//! The AWS clients a configured provider hands to every request: one
//! EventBridge client per Region, built on first use from one loaded AWS
//! configuration, with what every client of the provider shares
//! ([`ClientOptions`]: User-Agent, retry partition).

use std::collections::HashMap;
use std::sync::Mutex;

use aws_config::{Region, SdkConfig};
use aws_sdk_eventbridge::config::retry::RetryPartition;

use super::interceptors::{CallLog, ExplicitIsValueSecret};
use super::poll::PollPolicy;
use super::regional::tags::TagPolicy;
use super::retry::QuotaIsNotThrottling;
use super::unreachable::FailFastWhenUnreachable;
use super::user_agent::AppendUserAgent;

/// What every AWS client of the provider (EventBridge and STS) shares
/// besides the loaded configuration; the default changes nothing.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// This provider, Terraform and `TF_APPEND_USER_AGENT`, appended to
    /// the SDK's User-Agent.
    pub user_agent: Option<AppendUserAgent>,
    /// One retry partition, so one token bucket, for all clients.
    pub retry_partition: Option<RetryPartition>,
}

/// Builds the EventBridge client for one Region.
pub type ClientFactory = Box<dyn Fn(&str) -> aws_sdk_eventbridge::Client + Send + Sync>;

/// Everything a request needs to talk to EventBridge.
pub struct AwsClient {
    factory: ClientFactory,
    default_region: String,
    poll: PollPolicy,
    /// The provider's `default_tags` and `ignore_tags`.
    tags: TagPolicy,
    /// One client per Region, built on first use. Locked only to look up or
    /// insert, never across a call.
    clients: Mutex<HashMap<String, aws_sdk_eventbridge::Client>>,
}

impl AwsClient {
    /// Clients from a loaded AWS configuration, optionally pointed at a
    /// custom endpoint.
    pub fn from_config(config: SdkConfig, endpoint: Option<String>, poll: PollPolicy) -> Option<AwsClient> {
        AwsClient::from_config_with(config, endpoint, ClientOptions::default(), poll)
    }

    /// Same, with the options every client of the provider shares.
    pub fn from_config_with(
        config: SdkConfig,
        endpoint: Option<String>,
        options: ClientOptions,
        poll: PollPolicy,
    ) -> Option<AwsClient> {
        let default_region = config.region()?.to_string();
        let factory: ClientFactory = Box::new(move |region: &str| {
            let mut builder = aws_sdk_eventbridge::config::Builder::from(&config)
                .region(Region::new(region.to_string()))
                .interceptor(ExplicitIsValueSecret)
                .interceptor(CallLog)
                .interceptor(FailFastWhenUnreachable { service: "EventBridge" })
                .retry_classifier(QuotaIsNotThrottling);
            if let Some(endpoint) = &endpoint {
                // A custom endpoint is used as it is: FIPS and dual-stack
                // only choose among AWS's endpoints (as in hashicorp/aws).
                builder = builder.endpoint_url(endpoint).use_fips(false).use_dual_stack(false);
            }
            if let Some(user_agent) = &options.user_agent {
                builder = builder.interceptor(user_agent.clone());
            }
            if let Some(partition) = &options.retry_partition {
                builder = builder.retry_partition(partition.clone());
            }
            aws_sdk_eventbridge::Client::from_conf(builder.build())
        });
        Some(AwsClient::new(default_region, factory, poll))
    }

    /// Clients from any factory (tests use canned-response clients).
    pub fn new(default_region: String, factory: ClientFactory, poll: PollPolicy) -> AwsClient {
        AwsClient {
            factory,
            default_region,
            poll,
            tags: TagPolicy::none(),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// The same clients, with the provider's tag settings.
    pub fn with_tags(mut self, tags: TagPolicy) -> AwsClient {
        self.tags = tags;
        self
    }

    /// The provider's `default_tags` and `ignore_tags`.
    pub fn tag_policy(&self) -> &TagPolicy {
        &self.tags
    }

    /// The provider's Region: the default for resources that set none.
    pub fn default_region(&self) -> &str {
        &self.default_region
    }

    pub fn poll_policy(&self) -> PollPolicy {
        self.poll
    }

    /// The EventBridge client for `region` (None: the provider's Region).
    pub fn eventbridge(&self, region: Option<&str>) -> aws_sdk_eventbridge::Client {
        let region = region.filter(|r| !r.is_empty()).unwrap_or(&self.default_region);
        let mut clients = match self.clients.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        clients
            .entry(region.to_string())
            .or_insert_with(|| (self.factory)(region))
            .clone()
    }
}
