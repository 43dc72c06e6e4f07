//! ValidateProviderConfig, ConfigureProvider, StopProvider: the provider's own configuration and lifetime.

use tonic::{Request, Response, Status};

use super::*;

/// The provider block, decoded against the provider's schema.
fn provider_config<P: Provider>(svc: &ProviderService<P>, config: Option<&pb::DynamicValue>) -> Outcome<Value> {
    decode(config, &svc.provider_ty, "provider configuration")
}

pub(super) async fn validate_provider_config<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::validate_provider_config::Request>,
) -> Result<Response<pb::validate_provider_config::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let config = provider_config(svc, req.config.as_ref())?;
        let mut diags = Diagnostics::new();
        flags::check_values(&svc.provider_schema.block, &config, &mut diags);
        svc.provider.validate(&config, &mut diags);
        Ok(pb::validate_provider_config::Response {
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::validate_provider_config::Response { diagnostics };
    Ok(Response::new(guarded("ValidateProviderConfig", handler, failure).await))
}

pub(super) async fn configure_provider<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::configure_provider::Request>,
) -> Result<Response<pb::configure_provider::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let config = provider_config(svc, req.config.as_ref())?;
        let mut diags = Diagnostics::new();
        let configure = ConfigureRequest {
            terraform_version: &req.terraform_version,
            config: &config,
        };
        if let Some(client) = svc.provider.configure(configure, &mut diags).await {
            if let Ok(mut slot) = svc.client.write() {
                *slot = Some(Arc::new(client));
            }
        }
        Ok(pb::configure_provider::Response {
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::configure_provider::Response { diagnostics };
    Ok(Response::new(guarded("ConfigureProvider", handler, failure).await))
}

pub(super) async fn stop_provider<P: Provider>(
    svc: &ProviderService<P>,
    _request: Request<pb::stop_provider::Request>,
) -> Result<Response<pb::stop_provider::Response>, Status> {
    tracing::info!("StopProvider: cancelling in-flight work");
    svc.stop_sender.send_replace(true);
    Ok(Response::new(pb::stop_provider::Response { error: String::new() }))
}
