//! GetMetadata, GetProviderSchema, GetResourceIdentitySchemas: what the provider serves (list resources included).

use tonic::{Request, Response, Status};

use super::*;

pub(super) async fn get_metadata<P: Provider>(
    svc: &ProviderService<P>,
    _request: Request<pb::get_metadata::Request>,
) -> Result<Response<pb::get_metadata::Response>, Status> {
    Ok(Response::new(pb::get_metadata::Response {
        server_capabilities: Some(server_capabilities()),
        diagnostics: Vec::new(),
        data_sources: svc
            .data_sources
            .keys()
            .map(|t| pb::get_metadata::DataSourceMetadata {
                type_name: t.to_string(),
            })
            .collect(),
        resources: svc
            .resources
            .keys()
            .map(|t| pb::get_metadata::ResourceMetadata {
                type_name: t.to_string(),
            })
            .collect(),
        list_resources: svc
            .list_resources
            .keys()
            .map(|t| pb::get_metadata::ListResourceMetadata {
                type_name: t.to_string(),
            })
            .collect(),
    }))
}

pub(super) async fn get_provider_schema<P: Provider>(
    svc: &ProviderService<P>,
    _request: Request<pb::get_provider_schema::Request>,
) -> Result<Response<pb::get_provider_schema::Response>, Status> {
    Ok(Response::new(pb::get_provider_schema::Response {
        provider: Some(convert::schema(&svc.provider_schema)),
        resource_schemas: svc
            .resources
            .iter()
            .map(|(t, e)| (t.to_string(), convert::schema(&e.schema)))
            .collect(),
        data_source_schemas: svc
            .data_sources
            .iter()
            .map(|(t, e)| (t.to_string(), convert::schema(&e.schema)))
            .collect(),
        list_resource_schemas: svc
            .list_resources
            .iter()
            .map(|(t, e)| (t.to_string(), convert::schema(&e.schema)))
            .collect(),
        diagnostics: Vec::new(),
        provider_meta: None,
        server_capabilities: Some(server_capabilities()),
    }))
}

pub(super) async fn get_resource_identity_schemas<P: Provider>(
    svc: &ProviderService<P>,
    _request: Request<pb::get_resource_identity_schemas::Request>,
) -> Result<Response<pb::get_resource_identity_schemas::Response>, Status> {
    Ok(Response::new(pb::get_resource_identity_schemas::Response {
        identity_schemas: svc
            .resources
            .iter()
            .filter_map(|(t, e)| {
                e.identity
                    .as_ref()
                    .map(|(s, _)| (t.to_string(), convert::identity_schema(s)))
            })
            .collect(),
        diagnostics: Vec::new(),
    }))
}
