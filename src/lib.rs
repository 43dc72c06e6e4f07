//! terraform-provider-eventbridge: a Terraform / OpenTofu provider for
//! Amazon EventBridge connections, the API destinations that use them, and
//! rules.
//!
//! Layers, dependencies pointing down only:
//! - [`provider`]: the provider block and what it serves;
//! - [`connection`], [`api_destination`], [`rule`]: one resource type per folder
//!   (resource, data source, list resource, docs), EventBridge but no gRPC
//!   or msgpack;
//! - [`aws`]: shared AWS plumbing and the regional-resource kit
//!   ([`aws::regional`]); [`tfplugin`]: Terraform's plugin protocol, no AWS.

pub mod api_destination;
pub mod aws;
pub mod connection;
pub mod docs;
pub mod provider;
pub mod rule;
pub mod target;
pub mod tfplugin;

/// The provider's source address in Terraform's registry namespace.
pub const PROVIDER_ADDRESS: &str = "registry.terraform.io/eventbridge-rs/eventbridge";
