//! ApplyResourceChange: create, update or delete chosen from null-ness, after validating the now-known configuration.

use tonic::{Request, Response, Status};

use super::*;
use crate::tfplugin::resource::ApplyResponse;

pub(super) async fn apply_resource_change<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::apply_resource_change::Request>,
) -> Result<Response<pb::apply_resource_change::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let ctx = svc.context()?;
        let prior_state = decode(req.prior_state.as_ref(), &entry.ty, "prior state")?;
        let planned_state = decode(req.planned_state.as_ref(), &entry.ty, "planned state")?;
        let config = decode(req.config.as_ref(), &entry.ty, "configuration")?;
        let apply = ApplyRequest {
            prior_state: &prior_state,
            planned_state: &planned_state,
            config: &config,
            planned_private: &req.planned_private,
        };
        let resp = apply_change(entry, &ctx, apply).await;
        Ok(pb::apply_resource_change::Response {
            new_state: Some(entry.encode_state(resp.new_state, "new state")?),
            private: resp.private,
            diagnostics: convert::diagnostics(resp.diagnostics),
            new_identity: encode_identity(entry, resp.new_identity)?,
        })
    };
    // A crash must not make Terraform forget an object, nor what the
    // resource keeps beside it: answer with the prior state and the
    // planned private state, which is what exists as far as we know.
    let prior = req.prior_state.clone();
    let private = req.planned_private.clone();
    let failure = move |diagnostics| pb::apply_resource_change::Response {
        new_state: prior,
        private,
        diagnostics,
        ..Default::default()
    };
    Ok(Response::new(guarded("ApplyResourceChange", handler, failure).await))
}

/// The server's part: validate what is now known and dispatch by
/// null-ness (write-only values leave through `encode_state`).
async fn apply_change<C>(entry: &ResourceEntry<C>, ctx: &Context<C>, req: ApplyRequest<'_>) -> ApplyResponse {
    let resource = &entry.resource;
    match (req.prior_state.is_null(), req.planned_state.is_null()) {
        (true, true) => ApplyResponse::default(),
        (false, true) => resource.delete(ctx, req).await,
        (creating, false) => {
            // Values unknown at plan time were skipped by validation; now
            // they are known, so check them before any remote call.
            // Terraform validates again itself before applying; this holds
            // for any client. A configuration that carries write-only
            // values at apply comes from a Terraform that knows them.
            let mut diagnostics = Diagnostics::new();
            let capabilities = ClientCapabilities {
                write_only_attributes_allowed: true,
                ..Default::default()
            };
            flags::check_values(&entry.schema.block, req.config, &mut diagnostics);
            resource.validate(req.config, capabilities, &mut diagnostics);
            if diagnostics.has_errors() {
                return ApplyResponse {
                    new_state: req.prior_state.clone(),
                    private: req.planned_private.to_vec(),
                    diagnostics,
                    ..Default::default()
                };
            }
            if creating {
                resource.create(ctx, req).await
            } else {
                resource.update(ctx, req).await
            }
        }
    }
}
