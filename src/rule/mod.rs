//! `eventbridge_rule`: the events an event bus matches (or the schedule it
//! fires on) for its targets, everything about the type in one folder.
//!
//! - `schema.rs`: each attribute declared once (flags, checks, docs) and
//!   the typed model; `checks.rs`: each argument's rules (AWS's model);
//!   `pattern.rs`: event patterns as JSON; `validate.rs`: the rules that
//!   span arguments;
//! - `plan.rs`: the type's plan rules; `lifecycle.rs`: the calls of each
//!   operation; `mapping.rs`: the model ↔ EventBridge API;
//! - `moved.rs`: state taken over from hashicorp/aws;
//! - `data_source.rs`, `list.rs`: `data` and `list "eventbridge_rule"`;
//! - `docs.rs`: what the registry pages say beyond the schema.
//!
//! Region, import ids (with the bus), identity, tags, failures, bounded
//! retries, listing and moves come from [`crate::aws::regional`].

pub mod checks;
mod data_source;
mod docs;
mod lifecycle;
mod list;
pub mod mapping;
mod moved;
pub mod pattern;
mod plan;
pub mod schema;
mod validate;

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
pub const TYPE_NAME: &str = "eventbridge_rule";

/// What the regional-resource kit knows of rules.
pub static KIND: Kind = Kind {
    type_name: TYPE_NAME,
    noun: "rule",
    arn_resource: "rule",
    name_problem: |name| text_rule::name_problem("rule", name),
    example_name: "nightly-orders",
    quota: Quota {
        name: "Rules per event bus",
        code: "L-244521F2",
        default: 300,
        scope: " on one event bus",
    },
    on_bus: true,
};

/// The resource, its data source, its list resource and its docs.
pub fn served() -> ResourceType {
    ResourceType {
        kind: &KIND,
        resource: Arc::new(RuleResource),
        data_source: Some(Arc::new(data_source::RuleDataSource)),
        list: Some(Arc::new(list::RuleList)),
        docs: docs::docs(),
    }
}

pub struct RuleResource;

#[async_trait]
impl Resource<AwsClient> for RuleResource {
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
        let planned_state = plan::plan(
            req.prior_state,
            req.proposed_new_state,
            req.config,
            ctx.client.default_region(),
            ctx.client.tag_policy(),
        );
        PlanResponse {
            planned_state,
            planned_private: req.prior_private.to_vec(),
            planned_identity: identity::of_state(&KIND, req.prior_state),
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
        let mut moved = regional::moved::move_state(&KIND, &moved::SOURCE, &req, &schema::cached().value_type());
        if let Some(state) = &mut moved.state {
            moved::settle(state);
        }
        moved
    }

    async fn import(&self, ctx: &Context<AwsClient>, req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        let state = lifecycle::import(ctx, &identity::requested_id(&req), &mut diagnostics).await;
        identity::imported(&KIND, state, diagnostics)
    }
}
