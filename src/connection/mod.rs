//! The `eventbridge_connection` resource.

mod drift;
pub mod identity;
mod lifecycle;
pub mod mapping;
pub mod model;
pub mod moved;
mod plan;
pub mod schema;
mod validate;
pub mod wait;

pub use validate::rules::{connection_name_problem, constraints};

use async_trait::async_trait;

use crate::aws::AwsClient;
use crate::tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, IdentitySchema, ImportRequest,
    ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema,
    Value,
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

    fn identity_schema(&self) -> Option<IdentitySchema> {
        Some(identity::schema())
    }

    fn validate(&self, config: &Value, _capabilities: ClientCapabilities, diags: &mut Diagnostics) {
        validate::validate(config, diags);
    }

    async fn plan(&self, ctx: &Context<AwsClient>, req: PlanRequest<'_>) -> PlanResponse {
        let private = drift::Private::decode(req.prior_private);
        let planned = plan::plan(
            req.prior_state,
            req.proposed_new_state,
            req.config,
            ctx.client.default_region(),
            &private,
        );
        // The record of the last write goes on to the apply, with whether
        // it must send the secrets again.
        let planned_private = if req.prior_state.is_null() {
            Vec::new()
        } else {
            drift::Private {
                resend: planned.resend,
                ..private
            }
            .encode()
        };
        PlanResponse {
            planned_state: planned.state,
            requires_replace: planned.requires_replace,
            planned_private,
            // An existing connection keeps its identity (the server drops it
            // if the connection is replaced).
            planned_identity: identity::of_state(req.prior_state),
            diagnostics: planned.diagnostics,
        }
    }

    async fn create(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        with_identity(lifecycle::create(ctx, req.planned_state, req.config).await)
    }

    async fn update(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        let private = drift::Private::decode(req.planned_private);
        with_identity(lifecycle::update(ctx, req.prior_state, req.planned_state, req.config, &private).await)
    }

    async fn delete(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        lifecycle::delete(ctx, req.prior_state).await
    }

    async fn read(&self, ctx: &Context<AwsClient>, req: ReadRequest<'_>) -> ReadResponse {
        let mut resp = lifecycle::read(ctx, req.current_state, req.private).await;
        resp.new_identity = identity::of_state(&resp.new_state);
        resp
    }

    fn move_state(&self, req: MoveRequest<'_>) -> MoveResponse {
        moved::move_state(&req, &schema::schema().value_type())
    }

    async fn import(&self, ctx: &Context<AwsClient>, req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        // `import { identity = {...} }` (Terraform 1.12+) comes without an id.
        let id = match (req.id.trim(), req.identity.and_then(identity::import_id)) {
            ("", Some(from_identity)) => from_identity,
            (id, _) => id.to_string(),
        };
        let state = lifecycle::import(ctx, &id, &mut diagnostics).await;
        ImportResponse {
            identity: state.as_ref().and_then(identity::of_state),
            state,
            diagnostics,
            ..Default::default()
        }
    }
}

/// The identity of the connection a create or update leaves behind.
fn with_identity(mut resp: ApplyResponse) -> ApplyResponse {
    resp.new_identity = identity::of_state(&resp.new_state);
    resp
}
