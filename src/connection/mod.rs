//! `eventbridge_connection`: everything about the type in one folder.
//!
//! - `schema.rs`: each attribute declared once (flags, checks, docs), the
//!   typed model derived from it; `model.rs`: what the model knows besides;
//! - `checks.rs`: each attribute's own rules; `validate/`: the rules that
//!   span attributes, and AWS's string constraints (`validate/rules.rs`);
//! - `plan.rs`: the type's plan rules; `drift.rs`: changes made outside
//!   Terraform that AWS never shows (the secrets);
//! - `lifecycle.rs`: build → send → wait → settle, for every operation;
//!   `wait.rs`: the states a connection passes through;
//!   `mapping.rs`: the model ↔ EventBridge API;
//! - `moved.rs`: state taken over from hashicorp/aws;
//! - `data_source.rs`, `list.rs`: `data` and `list "eventbridge_connection"`;
//! - `docs.rs`: what the registry pages say beyond the schema.
//!
//! What every regional resource needs (Region, import ids, identity,
//! timeouts, failures, waits) comes from [`crate::aws::regional`].

mod checks;
mod data_source;
mod docs;
mod drift;
mod lifecycle;
pub mod list;
pub mod mapping;
pub mod model;
mod moved;
mod plan;
pub mod schema;
mod validate;
mod wait;

pub use validate::rules::connection_name_problem;

use std::sync::Arc;

use async_trait::async_trait;

use crate::aws::regional::{self, identity, Kind, Quota, ResourceType};
use crate::aws::AwsClient;
use crate::tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, IdentitySchema, ImportRequest,
    ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema,
    Value,
};

/// The resource type name Terraform configurations use.
pub const TYPE_NAME: &str = "eventbridge_connection";

/// What the regional-resource kit knows of connections.
pub static KIND: Kind = Kind {
    type_name: TYPE_NAME,
    noun: "connection",
    arn_resource: "connection",
    name_problem: connection_name_problem,
    example_name: "crm-api",
    quota: Quota {
        name: "Connections",
        code: "L-595D6D42",
        default: 3000,
        scope: "",
    },
    on_bus: false,
};

/// The resource, its data source, its list resource and its docs.
pub fn served() -> ResourceType {
    ResourceType {
        kind: &KIND,
        resource: Arc::new(ConnectionResource),
        data_source: Some(Arc::new(data_source::ConnectionDataSource)),
        list: Some(Arc::new(list::ConnectionList)),
        docs: docs::docs(),
    }
}

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
        Some(identity::schema(&KIND))
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
            planned_identity: identity::of_state(&KIND, req.prior_state),
            diagnostics: planned.diagnostics,
        }
    }

    async fn create(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        identity::after_apply(&KIND, lifecycle::create(ctx, req.planned_state, req.config).await)
    }

    async fn update(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        let private = drift::Private::decode(req.planned_private);
        identity::after_apply(
            &KIND,
            lifecycle::update(ctx, req.prior_state, req.planned_state, req.config, &private).await,
        )
    }

    async fn delete(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        lifecycle::delete(ctx, req.prior_state).await
    }

    async fn read(&self, ctx: &Context<AwsClient>, req: ReadRequest<'_>) -> ReadResponse {
        identity::after_read(&KIND, lifecycle::read(ctx, req.current_state, req.private).await)
    }

    fn move_state(&self, req: MoveRequest<'_>) -> MoveResponse {
        regional::moved::move_state(&KIND, &moved::SOURCE, &req, &schema::cached().value_type())
    }

    async fn import(&self, ctx: &Context<AwsClient>, req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        let state = lifecycle::import(ctx, &identity::requested_id(&req), &mut diagnostics).await;
        identity::imported(&KIND, state, diagnostics)
    }
}
