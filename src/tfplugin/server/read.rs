//! ReadResource and ReadDataSource.

use tonic::{Request, Response, Status};

use super::*;

pub(super) async fn read_resource<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::read_resource::Request>,
) -> Result<Response<pb::read_resource::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let ctx = svc.context()?;
        let current_state = decode(req.current_state.as_ref(), &entry.ty, "current state")?;
        let read = ReadRequest {
            current_state: &current_state,
            private: &req.private,
        };
        // Nothing to refresh for an object that does not exist.
        let resp = if current_state.is_null() {
            Default::default()
        } else {
            until_stopped(&ctx.stop, "ReadResource", entry.resource.read(&ctx, read)).await?
        };
        Ok(pb::read_resource::Response {
            new_state: Some(entry.encode_state(resp.new_state, "state")?),
            diagnostics: convert::diagnostics(resp.diagnostics),
            private: resp.private,
            deferred: None,
            new_identity: encode_identity(entry, resp.new_identity)?,
        })
    };
    // On failure keep what Terraform had rather than dropping the object.
    let current = req.current_state.clone();
    let private = req.private.clone();
    let failure = move |diagnostics| pb::read_resource::Response {
        new_state: current,
        diagnostics,
        private,
        ..Default::default()
    };
    Ok(Response::new(guarded("ReadResource", handler, failure).await))
}

pub(super) async fn read_data_source<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::read_data_source::Request>,
) -> Result<Response<pb::read_data_source::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.data_source(&req.type_name)?;
        let ctx = svc.context()?;
        let config = decode(req.config.as_ref(), &entry.ty, "data source configuration")?;
        let mut diags = Diagnostics::new();
        let state = until_stopped(
            &ctx.stop,
            "ReadDataSource",
            entry.data_source.read(&ctx, &config, &mut diags),
        )
        .await?;
        let state = match state {
            Some(v) if !diags.has_errors() => Some(encode(&v, &entry.ty, "data source state")?),
            _ => None,
        };
        Ok(pb::read_data_source::Response {
            state,
            diagnostics: convert::diagnostics(diags),
            deferred: None,
        })
    };
    let failure = |diagnostics| pb::read_data_source::Response {
        diagnostics,
        ..Default::default()
    };
    Ok(Response::new(guarded("ReadDataSource", handler, failure).await))
}
