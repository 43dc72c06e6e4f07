//! terraform-provider-eventbridge: a Terraform / OpenTofu provider for
//! Amazon EventBridge connections.
//!
//! Layers, dependencies pointing down only:
//! - [`provider`]: the provider block and what it serves;
//! - [`connection`], [`data_sources`], [`list_resources`]: EventBridge, no
//!   gRPC or msgpack (the data and list resources read through the
//!   connection's public model and mapping);
//! - [`aws`]: shared AWS plumbing; [`tfplugin`]: Terraform's plugin
//!   protocol, no AWS.

pub mod aws;
pub mod connection;
pub mod data_sources;
pub mod docs;
pub mod list_resources;
pub mod provider;
pub mod tfplugin;

/// The provider's source address in Terraform's registry namespace.
pub const PROVIDER_ADDRESS: &str = "registry.terraform.io/eventbridge-rs/eventbridge";
