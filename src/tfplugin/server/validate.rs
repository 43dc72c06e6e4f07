//! ValidateResourceConfig, ValidateDataResourceConfig: each attribute's checks, the type's own static
//! checks, and the generic write-only rule.

use tonic::{Request, Response, Status};

use super::*;

pub(super) async fn validate_resource_config<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::validate_resource_config::Request>,
) -> Result<Response<pb::validate_resource_config::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let config = decode(req.config.as_ref(), &entry.ty, "resource configuration")?;
        let mut diags = Diagnostics::new();
        let client = capabilities(req.client_capabilities.as_ref());
        flags::check_values(&entry.schema.block, &config, &mut diags);
        entry.resource.validate(&config, client, &mut diags);
        if !client.write_only_attributes_allowed {
            flags::refuse_write_only_without_support(&entry.schema.block, &config, &mut diags);
        }
        Ok(pb::validate_resource_config::Response {
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::validate_resource_config::Response { diagnostics };
    Ok(Response::new(guarded("ValidateResourceConfig", handler, failure).await))
}

pub(super) async fn validate_data_resource_config<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::validate_data_resource_config::Request>,
) -> Result<Response<pb::validate_data_resource_config::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.data_source(&req.type_name)?;
        let config = decode(req.config.as_ref(), &entry.ty, "data source configuration")?;
        let mut diags = Diagnostics::new();
        flags::check_values(&entry.schema.block, &config, &mut diags);
        entry.data_source.validate(&config, &mut diags);
        Ok(pb::validate_data_resource_config::Response {
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::validate_data_resource_config::Response { diagnostics };
    Ok(Response::new(
        guarded("ValidateDataResourceConfig", handler, failure).await,
    ))
}
