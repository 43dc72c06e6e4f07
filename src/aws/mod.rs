//! Shared AWS plumbing used by the provider and its resources: the client
//! factory with its per-Region cache, interceptors on every call, error
//! descriptions, poll policy, durations, and the form of a Region name.
//! Knows nothing of Terraform's protocol beyond plain values.

pub mod client;
pub mod duration;
pub mod errors;
pub mod interceptors;
pub mod poll;
pub mod region;
pub mod unreachable;

pub use client::AwsClient;
