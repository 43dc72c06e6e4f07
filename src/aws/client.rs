//! The AWS clients a configured provider hands to every request: one
//! EventBridge client per Region, built on first use from one loaded AWS
//! configuration.

use std::collections::HashMap;
use std::sync::Mutex;

use aws_config::{Region, SdkConfig};

use super::interceptors::{CallLog, ExplicitIsValueSecret};
use super::poll::PollPolicy;
use super::unreachable::FailFastWhenUnreachable;

/// Builds the EventBridge client for one Region.
pub type ClientFactory = Box<dyn Fn(&str) -> aws_sdk_eventbridge::Client + Send + Sync>;

/// Everything a request needs to talk to EventBridge.
pub struct AwsClient {
    factory: ClientFactory,
    default_region: String,
    poll: PollPolicy,
    /// One client per Region, built on first use. Locked only to look up or
    /// insert, never across a call.
    clients: Mutex<HashMap<String, aws_sdk_eventbridge::Client>>,
}

impl AwsClient {
    /// Clients from a loaded AWS configuration, optionally pointed at a
    /// custom endpoint.
    pub fn from_config(config: SdkConfig, endpoint: Option<String>, poll: PollPolicy) -> Option<AwsClient> {
        let default_region = config.region()?.to_string();
        let factory: ClientFactory = Box::new(move |region: &str| {
            let mut builder = aws_sdk_eventbridge::config::Builder::from(&config)
                .region(Region::new(region.to_string()))
                .interceptor(ExplicitIsValueSecret)
                .interceptor(CallLog)
                .interceptor(FailFastWhenUnreachable { service: "EventBridge" });
            if let Some(endpoint) = &endpoint {
                builder = builder.endpoint_url(endpoint);
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
            clients: Mutex::new(HashMap::new()),
        }
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
