//! The contract of a provider: its own configuration, the client it builds
//! from it, and the resource, data source and list resource types it serves.

use std::sync::Arc;

use async_trait::async_trait;

use super::data_source::DataSource;
use super::diagnostics::Diagnostics;
use super::list_resource::ListResource;
use super::resource::Resource;
use super::schema::Schema;
use super::value::Value;

pub struct ConfigureRequest<'a> {
    pub terraform_version: &'a str,
    pub config: &'a Value,
}

/// The provider: its own configuration and the types it serves.
#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// What `ConfigureProvider` builds and every later request receives,
    /// e.g. a configured API client.
    type Client: Send + Sync + 'static;

    fn schema(&self) -> Schema;

    fn validate(&self, config: &Value, diags: &mut Diagnostics);

    async fn configure(&self, req: ConfigureRequest<'_>, diags: &mut Diagnostics) -> Option<Self::Client>;

    fn resources(&self) -> Vec<Arc<dyn Resource<Self::Client>>>;

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<Self::Client>>>;

    /// List resources (protocol 6.10, `terraform query`): each lists the
    /// objects of the managed resource type of its name, which must have an
    /// identity schema. None by default.
    fn list_resources(&self) -> Vec<Arc<dyn ListResource<Self::Client>>> {
        Vec::new()
    }
}
