//! The contract of a data source type: validate its configuration, read.

use async_trait::async_trait;

use super::context::Context;
use super::diagnostics::Diagnostics;
use super::schema::Schema;
use super::value::Value;

/// A data source type, e.g. `data "eventbridge_connection"`.
#[async_trait]
pub trait DataSource<C>: Send + Sync {
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// Static checks beyond each attribute's own checks (which the server
    /// runs): rules that span attributes. None by default.
    fn validate(&self, _config: &Value, _diags: &mut Diagnostics) {}

    /// Reads the data; returns the new state (the config with computed
    /// attributes filled in), or None with error diagnostics.
    async fn read(&self, ctx: &Context<C>, config: &Value, diags: &mut Diagnostics) -> Option<Value>;
}
