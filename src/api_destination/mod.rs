//! `eventbridge_api_destination`: the HTTPS endpoint a rule invokes through
//! a connection, everything about the type in one folder.
//!
//! - `schema.rs`: each attribute declared once (flags, checks, docs) and
//!   the typed model; `checks.rs`: each argument's rules (AWS's model);
//! - `plan.rs`: the type's plan rules; `lifecycle.rs`: one call per
//!   operation; `mapping.rs`: the model ↔ EventBridge API;
//! - `moved.rs`: state taken over from hashicorp/aws;
//! - `data_source.rs`, `list.rs`: `data` and `list "eventbridge_api_destination"`;
//! - `docs.rs`: what the registry pages say beyond the schema.
//!
//! Region, import ids, identity, failures, conflicts, listing and moves
//! come from [`crate::aws::regional`].

pub mod checks;
mod data_source;
mod docs;
mod lifecycle;
mod list;
pub mod mapping;
mod moved;
mod plan;
pub mod schema;

use std::sync::Arc;

use async_trait::async_trait;

use crate::aws::regional::{self, identity, Kind, Quota, ResourceType};
use crate::aws::text_rule;
use crate::aws::AwsClient;
use crate::tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, IdentitySchema, ImportRequest,
    ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema,
    Value,
};

/// The resource type name Terraform configurations use.
pub const TYPE_NAME: &str = "eventbridge_api_destination";

/// What the regional-resource kit knows of API destinations.
pub static KIND: Kind = Kind {
    type_name: TYPE_NAME,
    noun: "API destination",
    arn_resource: "api-destination",
    name_problem: |name| text_rule::name_problem("API destination", name),
    example_name: "orders-webhook",
    quota: Quota {
        name: "API destinations",
        code: "L-FB1C3A6D",
        default: 3000,
        scope: "",
    },
    on_bus: false,
};

/// The resource, its data source, its list resource and its docs.
pub fn served() -> ResourceType {
    ResourceType {
        kind: &KIND,
        resource: Arc::new(ApiDestinationResource),
        data_source: Some(Arc::new(data_source::ApiDestinationDataSource)),
        list: Some(Arc::new(list::ApiDestinationList)),
        docs: docs::docs(),
    }
}

pub struct ApiDestinationResource;

#[async_trait]
impl Resource<AwsClient> for ApiDestinationResource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        Some(identity::schema(&KIND))
    }

    /// Every argument has its own checks (run by the plugin layer); no rule
    /// spans two.
    fn validate(&self, _config: &Value, _capabilities: ClientCapabilities, _diags: &mut Diagnostics) {}

    async fn plan(&self, ctx: &Context<AwsClient>, req: PlanRequest<'_>) -> PlanResponse {
        let mut diagnostics = Diagnostics::new();
        let planned_state = plan::plan(
            req.prior_state,
            req.proposed_new_state,
            req.config,
            ctx.client.default_region(),
            &mut diagnostics,
        );
        PlanResponse {
            planned_state,
            planned_private: req.prior_private.to_vec(),
            planned_identity: identity::of_state(&KIND, req.prior_state),
            diagnostics,
            ..Default::default()
        }
    }

    async fn create(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        identity::after_apply(&KIND, lifecycle::create(ctx, req.planned_state).await)
    }

    async fn update(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        identity::after_apply(&KIND, lifecycle::update(ctx, req.prior_state, req.planned_state).await)
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
