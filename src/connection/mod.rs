//! The `eventbridge_connection` resource.

pub mod api;
pub mod duration;
pub mod errors;
mod lifecycle;
pub mod model;
mod plan;
pub mod schema;
mod validate;
pub mod wait;
pub mod wire;

use async_trait::async_trait;

use crate::provider::AwsClient;
use crate::tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, ImportRequest,
    ImportResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema, Value,
};

/// The resource type name Terraform configurations use.
pub const TYPE_NAME: &str = "eventbridge_connection";

pub struct ConnectionResource;

#[async_trait]
impl Resource<AwsClient> for ConnectionResource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn validate(&self, config: &Value, capabilities: ClientCapabilities, diags: &mut Diagnostics) {
        validate::validate(config, diags);
        validate::write_only_supported(config, capabilities, diags);
    }

    async fn plan(&self, ctx: &Context<AwsClient>, req: PlanRequest<'_>) -> PlanResponse {
        let planned = plan::plan(
            req.prior_state,
            req.proposed_new_state,
            req.config,
            ctx.client.default_region(),
        );
        PlanResponse {
            planned_state: planned.state,
            requires_replace: planned.requires_replace,
            diagnostics: planned.diagnostics,
            ..Default::default()
        }
    }

    async fn apply(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        match (req.prior_state.is_null(), req.planned_state.is_null()) {
            (_, true) if !req.prior_state.is_null() => {
                lifecycle::delete(ctx, req.prior_state).await
            }
            (_, true) => ApplyResponse::default(),
            (true, false) => lifecycle::create(ctx, req.planned_state, req.config).await,
            (false, false) => {
                lifecycle::update(ctx, req.prior_state, req.planned_state, req.config).await
            }
        }
    }

    async fn read(&self, ctx: &Context<AwsClient>, req: ReadRequest<'_>) -> ReadResponse {
        if req.current_state.is_null() {
            return ReadResponse::default();
        }
        lifecycle::read(ctx, req.current_state).await
    }

    async fn import(&self, ctx: &Context<AwsClient>, req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        let state = lifecycle::import(ctx, req.id, &mut diagnostics).await;
        ImportResponse {
            state,
            diagnostics,
            ..Default::default()
        }
    }
}
