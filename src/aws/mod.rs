//! Shared AWS plumbing used by the provider and its resources: the client
//! factory with its per-Region cache, interceptors on every call, error
//! descriptions, poll policy, durations, and the form of a Region name;
//! and what the provider block configures: identity (role chain, web
//! identity, IMDS), the account rails, STS, endpoints, the HTTP client
//! (CA bundle, proxies), retries and the User-Agent.
//! Knows nothing of Terraform's protocol beyond plain values.

pub mod account;
pub mod client;
pub mod duration;
pub mod endpoints;
pub mod errors;
pub mod identity;
pub mod interceptors;
pub mod metadata;
pub mod network;
pub mod paths;
pub mod poll;
pub mod region;
pub mod regional;
pub mod retry;
pub mod sts;
pub mod text_rule;
pub mod unreachable;
pub mod user_agent;

pub use client::AwsClient;
