//! The `eventbridge_connection` resource.

pub mod api;
pub mod identity;
mod lifecycle;
pub mod model;
pub mod moved;
mod plan;
pub mod schema;
mod validate;
pub mod wait;

pub use validate::rules::connection_name_problem;

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
        // An existing connection keeps its identity; a new one has none
        // until AWS names its account, so none is planned.
        let planned_identity = match (&planned.state, planned.requires_replace.is_empty()) {
            (Value::Null, _) | (_, false) => None,
            _ => identity::of_state(req.prior_state),
        };
        PlanResponse {
            planned_state: planned.state,
            requires_replace: planned.requires_replace,
            planned_identity,
            diagnostics: planned.diagnostics,
            ..Default::default()
        }
    }

    async fn apply(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        // Values unknown at plan time were skipped by validation; now they
        // are known, so check them before any call.
        if !req.planned_state.is_null() {
            let mut diagnostics = Diagnostics::new();
            validate::validate(req.config, &mut diagnostics);
            if diagnostics.has_errors() {
                return ApplyResponse {
                    new_state: req.prior_state.clone(),
                    new_identity: identity::of_state(req.prior_state),
                    diagnostics,
                    ..Default::default()
                };
            }
        }
        let mut resp = match (req.prior_state.is_null(), req.planned_state.is_null()) {
            (_, true) if !req.prior_state.is_null() => lifecycle::delete(ctx, req.prior_state).await,
            (_, true) => ApplyResponse::default(),
            (true, false) => lifecycle::create(ctx, req.planned_state, req.config).await,
            (false, false) => lifecycle::update(ctx, req.prior_state, req.planned_state, req.config).await,
        };
        resp.new_identity = identity::of_state(&resp.new_state);
        resp
    }

    async fn read(&self, ctx: &Context<AwsClient>, req: ReadRequest<'_>) -> ReadResponse {
        if req.current_state.is_null() {
            return ReadResponse::default();
        }
        let mut resp = lifecycle::read(ctx, req.current_state).await;
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
