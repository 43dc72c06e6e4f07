//! The `eventbridge` provider: its configuration and the AWS client it
//! builds once in ConfigureProvider and shares with every request.
//!
//! The arguments are those of hashicorp/aws that mean something for an
//! EventBridge client, with the same names, types and meaning, so that a
//! platform team's `provider "aws"` block can be copied here; the ones that
//! mean nothing for EventBridge (`s3_*`, `tag_policy_compliance`) are
//! accepted with a warning. `default_tags` and `ignore_tags` take effect on
//! taggable resources (see `crate::aws::regional::tags`). The block is
//! declared once in `schema` (each argument with its own checks, in
//! `checks`) and decoded once into a typed `ProviderConfig`, from
//! which `validate` checks the rules that span arguments and `configure`
//! makes the plain settings that `crate::aws` applies.

use std::sync::Arc;

use async_trait::async_trait;

use crate::aws::regional::ResourceType;
use crate::aws::AwsClient;
use crate::tfplugin::{
    ConfigureRequest, DataSource, Diagnostics, ListResource, Model, Provider, Resource, Schema, Value,
};
use schema::ProviderConfig;

mod checks;
mod configure;
mod schema;
mod validate;

pub struct EventBridgeProvider;

impl EventBridgeProvider {
    /// Every resource type served, each from its folder.
    pub(crate) fn types() -> Vec<ResourceType> {
        vec![
            crate::connection::served(),
            crate::api_destination::served(),
            crate::rule::served(),
            crate::target::served(),
        ]
    }
}

#[async_trait]
impl Provider for EventBridgeProvider {
    type Client = AwsClient;

    fn schema(&self) -> Schema {
        Schema::new(ProviderConfig::block())
    }

    fn validate(&self, config: &Value, diags: &mut Diagnostics) {
        validate::validate_block(&ProviderConfig::from_value(config), diags);
    }

    async fn configure(&self, req: ConfigureRequest<'_>, diags: &mut Diagnostics) -> Option<AwsClient> {
        let config = ProviderConfig::from_value(req.config);
        match configure::configured(&config, req.terraform_version, diags).await {
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
