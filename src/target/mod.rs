//! `eventbridge_target`: where a rule sends the events it matches, and
//! how; everything about the type in one folder.
//!
//! - `schema.rs`: each attribute declared once (flags, checks, docs) and
//!   the typed model; `checks.rs`: each argument's rules (AWS's model);
//!   `validate.rs`: the rules that span arguments;
//! - `plan.rs`: the type's plan rules, and the count of a rule's targets;
//!   `lifecycle.rs`: the calls of each operation; `mapping.rs`: the model
//!   ↔ EventBridge API;
//! - `address.rs`: what picks out one target (import ids, identity);
//! - `moved.rs`: state taken over from hashicorp/aws;
//! - `data_source.rs`, `list.rs`: `data` and `list "eventbridge_target"`;
//! - `docs.rs`: what the registry pages say beyond the schema.
//!
//! Region, buses, failures, bounded retries and moves come from
//! [`crate::aws::regional`].

mod address;
pub mod checks;
mod data_source;
mod docs;
mod lifecycle;
mod list;
pub mod mapping;
mod moved;
mod plan;
pub mod schema;
mod validate;

use std::sync::Arc;

use async_trait::async_trait;

use crate::aws::regional::{Kind, Quota, ResourceType};
use crate::aws::AwsClient;
use crate::tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, Context, Diagnostics, IdentitySchema, ImportRequest,
    ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema,
    Value,
};

/// The resource type name Terraform configurations use.
pub const TYPE_NAME: &str = "eventbridge_target";

/// What the regional-resource kit knows of targets.
pub static KIND: Kind = Kind {
    type_name: TYPE_NAME,
    noun: "target",
    arn_resource: "rule",
    name_problem: checks::target_id_problem,
    example_name: "nightly/crm-api",
    quota: Quota {
        name: "Targets per rule",
        code: "",
        default: plan::MAX_TARGETS as u32,
        scope: " on one rule (a limit that cannot be raised)",
    },
    on_bus: true,
};

/// The resource, its data source, its list resource and its docs.
pub fn served() -> ResourceType {
    ResourceType {
        kind: &KIND,
        resource: Arc::new(TargetResource::default()),
        data_source: Some(Arc::new(data_source::TargetDataSource)),
        list: Some(Arc::new(list::TargetList)),
        docs: docs::docs(),
    }
}

#[derive(Default)]
pub struct TargetResource {
    /// The targets this provider process has planned, by rule.
    census: plan::Census,
}

#[async_trait]
impl Resource<AwsClient> for TargetResource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        Some(address::identity_schema())
    }

    fn validate(&self, config: &Value, _capabilities: ClientCapabilities, diags: &mut Diagnostics) {
        validate::validate(config, diags);
    }

    async fn plan(&self, ctx: &Context<AwsClient>, req: PlanRequest<'_>) -> PlanResponse {
        let planned_state = plan::plan(
            req.prior_state,
            req.proposed_new_state,
            req.config,
            ctx.client.default_region(),
        );
        let mut diagnostics = Diagnostics::new();
        self.census.count(&planned_state, req.config, &mut diagnostics);
        PlanResponse {
            planned_state,
            planned_private: req.prior_private.to_vec(),
            planned_identity: address::identity_of_state(req.prior_state),
            diagnostics,
            ..Default::default()
        }
    }

    async fn create(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        with_identity(lifecycle::create(ctx, req.planned_state).await)
    }

    async fn update(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        with_identity(lifecycle::update(ctx, req.prior_state, req.planned_state).await)
    }

    async fn delete(&self, ctx: &Context<AwsClient>, req: ApplyRequest<'_>) -> ApplyResponse {
        lifecycle::delete(ctx, req.prior_state).await
    }

    async fn read(&self, ctx: &Context<AwsClient>, req: ReadRequest<'_>) -> ReadResponse {
        let mut resp = lifecycle::read(ctx, req.current_state, req.private).await;
        resp.new_identity = address::identity_of_state(&resp.new_state);
        resp
    }

    fn move_state(&self, req: MoveRequest<'_>) -> MoveResponse {
        moved::move_state(&req)
    }

    async fn import(&self, ctx: &Context<AwsClient>, req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        let state = lifecycle::import(ctx, &address::requested_id(&req), &mut diagnostics).await;
        ImportResponse {
            identity: state.as_ref().and_then(address::identity_of_state),
            state,
            diagnostics,
            ..Default::default()
        }
    }
}

/// An apply's answer with the identity of the target it leaves behind.
fn with_identity(mut resp: ApplyResponse) -> ApplyResponse {
    resp.new_identity = address::identity_of_state(&resp.new_state);
    resp
}
