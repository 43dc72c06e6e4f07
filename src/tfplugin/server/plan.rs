//! PlanResourceChange: the generic rules of the schema flags around the resource's own plan.

use tonic::{Request, Response, Status};

use super::*;
use crate::tfplugin::resource::PlanResponse;

pub(super) async fn plan_resource_change<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::plan_resource_change::Request>,
) -> Result<Response<pb::plan_resource_change::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let ctx = svc.context()?;
        let prior_state = decode(req.prior_state.as_ref(), &entry.ty, "prior state")?;
        let proposed_new_state = decode(req.proposed_new_state.as_ref(), &entry.ty, "proposed new state")?;
        let config = decode(req.config.as_ref(), &entry.ty, "configuration")?;
        let plan = PlanRequest {
            prior_state: &prior_state,
            proposed_new_state: &proposed_new_state,
            config: &config,
            prior_private: &req.prior_private,
            capabilities: capabilities(req.client_capabilities.as_ref()),
        };
        let resp = plan_change(entry, &ctx, plan).await;
        Ok(pb::plan_resource_change::Response {
            planned_state: Some(entry.encode_state(resp.planned_state, "plan")?),
            requires_replace: resp.requires_replace.iter().map(convert::attribute_path).collect(),
            planned_private: resp.planned_private,
            diagnostics: convert::diagnostics(resp.diagnostics),
            deferred: None,
            planned_identity: encode_identity(entry, resp.planned_identity)?,
        })
    };
    let failure = |diagnostics| pb::plan_resource_change::Response {
        diagnostics,
        ..Default::default()
    };
    Ok(Response::new(guarded("PlanResourceChange", handler, failure).await))
}

/// The server's part, around the resource's own rules (see
/// [`flags::proposal`] and [`flags::finish_plan`]). A destroy plans null
/// and keeps the private state for the delete.
async fn plan_change<C>(entry: &ResourceEntry<C>, ctx: &Context<C>, req: PlanRequest<'_>) -> PlanResponse {
    if req.proposed_new_state.is_null() {
        return PlanResponse {
            planned_private: req.prior_private.to_vec(),
            ..Default::default()
        };
    }
    let block = &entry.schema.block;
    let proposed = flags::proposal(block, req.prior_state, req.proposed_new_state, req.config);
    let (prior, config) = (req.prior_state, req.config);
    let mut resp = entry
        .resource
        .plan(
            ctx,
            PlanRequest {
                proposed_new_state: &proposed,
                ..req
            },
        )
        .await;
    flags::finish_plan(
        block,
        prior,
        config,
        &mut resp.planned_state,
        &mut resp.requires_replace,
    );
    if !resp.requires_replace.is_empty() {
        resp.planned_identity = None; // A new object has no identity yet.
    }
    resp
}
