//! Shared AWS plumbing used by the provider and its resources: the client
//! factory with its per-Region cache, interceptors on every call, error
//! descriptions, poll policy, durations, and the form of a Region name;
//! and what the provider block configures: identity (role chain, web
//! identity, IMDS), the account rails, STS, endpoints, the HTTP client
//! (CA bundle, proxies), retries and the User-Agent.
//! Knows nothing of Terraform's protocol beyond plain values.

pub(crate) mod account;
pub(crate) mod client;
pub(crate) mod duration;
pub(crate) mod endpoints;
pub(crate) mod errors;
pub(crate) mod identity;
pub(crate) mod interceptors;
pub(crate) mod metadata;
pub(crate) mod network;
pub(crate) mod paths;
pub mod poll;
pub(crate) mod region;
pub mod regional;
pub(crate) mod retry;
pub(crate) mod sts;
pub(crate) mod text_rule;
pub(crate) mod unreachable;
pub(crate) mod user_agent;

pub use client::AwsClient;
