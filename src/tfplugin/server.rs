//! The `tfplugin6.Provider` gRPC service: decodes each request, dispatches
//! it to the [`Provider`] / [`Resource`] / [`DataSource`] it names, and
//! encodes the answer. A panic in a handler becomes an error diagnostic.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, RwLock};

use futures_util::FutureExt;
use tokio::sync::watch;
use tonic::{Request, Response, Status};

use super::convert::{self, decode, encode};
use super::diagnostics::Diagnostics;
use super::proto::tfplugin6 as pb;
use super::resource::{
    ApplyRequest, ClientCapabilities, ConfigureRequest, Context, DataSource, ImportRequest, MoveRequest, PlanRequest,
    Provider, ReadRequest, Resource, StopSignal,
};
use super::schema::{IdentitySchema, Schema};
use super::value::{Type, Value};

struct ResourceEntry<C> {
    resource: Arc<dyn Resource<C>>,
    schema: Schema,
    ty: Type,
    identity: Option<(IdentitySchema, Type)>,
}

struct DataSourceEntry<C> {
    data_source: Arc<dyn DataSource<C>>,
    schema: Schema,
    ty: Type,
}

/// Serves one [`Provider`] over tfplugin6.
pub struct ProviderService<P: Provider> {
    provider: Arc<P>,
    provider_schema: Schema,
    resources: HashMap<&'static str, ResourceEntry<P::Client>>,
    data_sources: HashMap<&'static str, DataSourceEntry<P::Client>>,
    /// Set by ConfigureProvider. Only ever locked to clone the Arc out, never
    /// across an await, so requests run concurrently.
    client: RwLock<Option<Arc<P::Client>>>,
    stop_sender: watch::Sender<bool>,
    stop: StopSignal,
}

type Outcome<R> = Result<R, Diagnostics>;

impl<P: Provider> ProviderService<P> {
    pub fn new(provider: P) -> ProviderService<P> {
        let resources = provider
            .resources()
            .into_iter()
            .map(|resource| {
                let schema = resource.schema();
                let ty = schema.value_type();
                let identity = resource.identity_schema().map(|s| {
                    let t = s.value_type();
                    (s, t)
                });
                (
                    resource.type_name(),
                    ResourceEntry {
                        resource,
                        schema,
                        ty,
                        identity,
                    },
                )
            })
            .collect();
        let data_sources = provider
            .data_sources()
            .into_iter()
            .map(|data_source| {
                let schema = data_source.schema();
                let ty = schema.value_type();
                (
                    data_source.type_name(),
                    DataSourceEntry {
                        data_source,
                        schema,
                        ty,
                    },
                )
            })
            .collect();
        let (stop_sender, stop) = StopSignal::new();
        ProviderService {
            provider_schema: provider.schema(),
            provider: Arc::new(provider),
            resources,
            data_sources,
            client: RwLock::new(None),
            stop_sender,
            stop,
        }
    }

    fn resource(&self, type_name: &str) -> Outcome<&ResourceEntry<P::Client>> {
        self.resources
            .get(type_name)
            .ok_or_else(|| unknown_type("resource", type_name))
    }

    fn data_source(&self, type_name: &str) -> Outcome<&DataSourceEntry<P::Client>> {
        self.data_sources
            .get(type_name)
            .ok_or_else(|| unknown_type("data source", type_name))
    }

    fn context(&self) -> Outcome<Context<P::Client>> {
        let client = self.client.read().ok().and_then(|guard| guard.clone());
        match client {
            Some(client) => Ok(Context {
                client,
                stop: self.stop.clone(),
            }),
            None => {
                let mut diags = Diagnostics::new();
                diags.error(
                    "Provider not configured",
                    "Terraform did not call ConfigureProvider before using the provider, or configuring it failed.",
                );
                Err(diags)
            }
        }
    }
}

fn unknown_type(kind: &str, type_name: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.error(
        format!("Unknown {kind} type"),
        format!("This provider has no {kind} type {type_name:?}."),
    );
    diags
}

/// Runs a handler, turning a panic into an error diagnostic. The panic's
/// message is not shown: it could quote data the handler was working on.
async fn guarded<R, F>(rpc: &'static str, handler: F, failure: impl FnOnce(Vec<pb::Diagnostic>) -> R) -> R
where
    F: Future<Output = Outcome<R>>,
{
    tracing::debug!(rpc, "request");
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(Ok(response)) => response,
        Ok(Err(diags)) => failure(convert::diagnostics(diags)),
        Err(_) => {
            let mut diags = Diagnostics::new();
            diags.error(
                "The provider crashed",
                format!(
                    "The provider panicked while handling {rpc}; the location is in the provider's log \
                     (TF_LOG_PROVIDER=error). This is a bug: please report it."
                ),
            );
            failure(convert::diagnostics(diags))
        }
    }
}

/// Drops `work` when Terraform asks the provider to stop. For requests that
/// leave nothing behind when abandoned (reads, imports); applies instead
/// let the resource wind down and report what exists.
async fn until_stopped<R>(stop: &StopSignal, rpc: &str, work: impl Future<Output = R>) -> Outcome<R> {
    tokio::select! {
        result = work => Ok(result),
        _ = stop.stopped() => {
            let mut diags = Diagnostics::new();
            diags.error("Cancelled", format!("{rpc} was cancelled: Terraform asked the provider to stop."));
            Err(diags)
        }
    }
}

fn capabilities(c: Option<&pb::ClientCapabilities>) -> ClientCapabilities {
    c.map(|c| ClientCapabilities {
        write_only_attributes_allowed: c.write_only_attributes_allowed,
        deferral_allowed: c.deferral_allowed,
    })
    .unwrap_or_default()
}

fn identity_data(entry: &ResourceEntry<impl Sized>, data: Option<&pb::ResourceIdentityData>) -> Outcome<Option<Value>> {
    match (&entry.identity, data.and_then(|d| d.identity_data.as_ref())) {
        (Some((_, ty)), Some(dv)) => decode(Some(dv), ty, "resource identity").map(Some),
        _ => Ok(None),
    }
}

fn encode_identity(
    entry: &ResourceEntry<impl Sized>,
    identity: Option<Value>,
) -> Outcome<Option<pb::ResourceIdentityData>> {
    match (&entry.identity, identity) {
        (Some((_, ty)), Some(v)) => Ok(Some(pb::ResourceIdentityData {
            identity_data: Some(encode(&v, ty, "resource identity")?),
        })),
        _ => Ok(None),
    }
}

#[tonic::async_trait]
impl<P: Provider> pb::provider_server::Provider for ProviderService<P> {
    async fn get_metadata(
        &self,
        _request: Request<pb::get_metadata::Request>,
    ) -> Result<Response<pb::get_metadata::Response>, Status> {
        Ok(Response::new(pb::get_metadata::Response {
            server_capabilities: Some(server_capabilities()),
            diagnostics: Vec::new(),
            data_sources: self
                .data_sources
                .keys()
                .map(|t| pb::get_metadata::DataSourceMetadata {
                    type_name: t.to_string(),
                })
                .collect(),
            resources: self
                .resources
                .keys()
                .map(|t| pb::get_metadata::ResourceMetadata {
                    type_name: t.to_string(),
                })
                .collect(),
        }))
    }

    async fn get_provider_schema(
        &self,
        _request: Request<pb::get_provider_schema::Request>,
    ) -> Result<Response<pb::get_provider_schema::Response>, Status> {
        Ok(Response::new(pb::get_provider_schema::Response {
            provider: Some(convert::schema(&self.provider_schema)),
            resource_schemas: self
                .resources
                .iter()
                .map(|(t, e)| (t.to_string(), convert::schema(&e.schema)))
                .collect(),
            data_source_schemas: self
                .data_sources
                .iter()
                .map(|(t, e)| (t.to_string(), convert::schema(&e.schema)))
                .collect(),
            diagnostics: Vec::new(),
            provider_meta: None,
            server_capabilities: Some(server_capabilities()),
        }))
    }

    async fn validate_provider_config(
        &self,
        request: Request<pb::validate_provider_config::Request>,
    ) -> Result<Response<pb::validate_provider_config::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let config = decode(
                req.config.as_ref(),
                &self.provider_schema.value_type(),
                "provider configuration",
            )?;
            let mut diags = Diagnostics::new();
            self.provider.validate(&config, &mut diags);
            Ok(pb::validate_provider_config::Response {
                diagnostics: convert::diagnostics(diags),
            })
        };
        let failure = |diagnostics| pb::validate_provider_config::Response { diagnostics };
        Ok(Response::new(guarded("ValidateProviderConfig", handler, failure).await))
    }

    async fn validate_resource_config(
        &self,
        request: Request<pb::validate_resource_config::Request>,
    ) -> Result<Response<pb::validate_resource_config::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let config = decode(req.config.as_ref(), &entry.ty, "resource configuration")?;
            let mut diags = Diagnostics::new();
            entry
                .resource
                .validate(&config, capabilities(req.client_capabilities.as_ref()), &mut diags);
            Ok(pb::validate_resource_config::Response {
                diagnostics: convert::diagnostics(diags),
            })
        };
        let failure = |diagnostics| pb::validate_resource_config::Response { diagnostics };
        Ok(Response::new(guarded("ValidateResourceConfig", handler, failure).await))
    }

    async fn validate_data_resource_config(
        &self,
        request: Request<pb::validate_data_resource_config::Request>,
    ) -> Result<Response<pb::validate_data_resource_config::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.data_source(&req.type_name)?;
            let config = decode(req.config.as_ref(), &entry.ty, "data source configuration")?;
            let mut diags = Diagnostics::new();
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

    async fn upgrade_resource_state(
        &self,
        request: Request<pb::upgrade_resource_state::Request>,
    ) -> Result<Response<pb::upgrade_resource_state::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let raw = req.raw_state.unwrap_or_default();
            let mut diags = Diagnostics::new();
            if raw.json.is_empty() {
                diags.error(
                    "Unsupported state format",
                    "The stored state is in the legacy flatmap format, which this provider never wrote.",
                );
                return Err(diags);
            }
            let upgraded = entry
                .resource
                .upgrade_state(req.version, &raw.json, (&entry.schema, &entry.ty), &mut diags);
            let upgraded_state = match upgraded {
                Some(v) if !diags.has_errors() => Some(encode(&v, &entry.ty, "upgraded state")?),
                _ => None,
            };
            Ok(pb::upgrade_resource_state::Response {
                upgraded_state,
                diagnostics: convert::diagnostics(diags),
            })
        };
        let failure = |diagnostics| pb::upgrade_resource_state::Response {
            upgraded_state: None,
            diagnostics,
        };
        Ok(Response::new(guarded("UpgradeResourceState", handler, failure).await))
    }

    async fn get_resource_identity_schemas(
        &self,
        _request: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Result<Response<pb::get_resource_identity_schemas::Response>, Status> {
        Ok(Response::new(pb::get_resource_identity_schemas::Response {
            identity_schemas: self
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

    async fn upgrade_resource_identity(
        &self,
        request: Request<pb::upgrade_resource_identity::Request>,
    ) -> Result<Response<pb::upgrade_resource_identity::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let mut diags = Diagnostics::new();
            let upgraded = entry
                .resource
                .upgrade_identity(req.version, &req.raw_identity, &mut diags);
            let upgraded_identity = match upgraded {
                Some(v) if !diags.has_errors() => encode_identity(entry, Some(v))?,
                _ => None,
            };
            Ok(pb::upgrade_resource_identity::Response {
                upgraded_identity,
                diagnostics: convert::diagnostics(diags),
            })
        };
        let failure = |diagnostics| pb::upgrade_resource_identity::Response {
            upgraded_identity: None,
            diagnostics,
        };
        Ok(Response::new(
            guarded("UpgradeResourceIdentity", handler, failure).await,
        ))
    }

    async fn configure_provider(
        &self,
        request: Request<pb::configure_provider::Request>,
    ) -> Result<Response<pb::configure_provider::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let config = decode(
                req.config.as_ref(),
                &self.provider_schema.value_type(),
                "provider configuration",
            )?;
            let mut diags = Diagnostics::new();
            let configure = ConfigureRequest {
                terraform_version: &req.terraform_version,
                config: &config,
            };
            if let Some(client) = self.provider.configure(configure, &mut diags).await {
                if let Ok(mut slot) = self.client.write() {
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

    async fn read_resource(
        &self,
        request: Request<pb::read_resource::Request>,
    ) -> Result<Response<pb::read_resource::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let ctx = self.context()?;
            let current_state = decode(req.current_state.as_ref(), &entry.ty, "current state")?;
            let read = ReadRequest {
                current_state: &current_state,
                private: &req.private,
            };
            let resp = until_stopped(&ctx.stop, "ReadResource", entry.resource.read(&ctx, read)).await?;
            Ok(pb::read_resource::Response {
                new_state: Some(encode(&resp.new_state, &entry.ty, "state")?),
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

    async fn plan_resource_change(
        &self,
        request: Request<pb::plan_resource_change::Request>,
    ) -> Result<Response<pb::plan_resource_change::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let ctx = self.context()?;
            let prior_state = decode(req.prior_state.as_ref(), &entry.ty, "prior state")?;
            let proposed_new_state = decode(req.proposed_new_state.as_ref(), &entry.ty, "proposed new state")?;
            let config = decode(req.config.as_ref(), &entry.ty, "configuration")?;
            let _prior_identity = identity_data(entry, req.prior_identity.as_ref())?;
            let plan = PlanRequest {
                prior_state: &prior_state,
                proposed_new_state: &proposed_new_state,
                config: &config,
                prior_private: &req.prior_private,
                capabilities: capabilities(req.client_capabilities.as_ref()),
            };
            let resp = entry.resource.plan(&ctx, plan).await;
            Ok(pb::plan_resource_change::Response {
                planned_state: Some(encode(&resp.planned_state, &entry.ty, "plan")?),
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

    async fn apply_resource_change(
        &self,
        request: Request<pb::apply_resource_change::Request>,
    ) -> Result<Response<pb::apply_resource_change::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let ctx = self.context()?;
            let prior_state = decode(req.prior_state.as_ref(), &entry.ty, "prior state")?;
            let planned_state = decode(req.planned_state.as_ref(), &entry.ty, "planned state")?;
            let config = decode(req.config.as_ref(), &entry.ty, "configuration")?;
            let apply = ApplyRequest {
                prior_state: &prior_state,
                planned_state: &planned_state,
                config: &config,
                planned_private: &req.planned_private,
            };
            let resp = entry.resource.apply(&ctx, apply).await;
            Ok(pb::apply_resource_change::Response {
                new_state: Some(encode(&resp.new_state, &entry.ty, "new state")?),
                private: resp.private,
                diagnostics: convert::diagnostics(resp.diagnostics),
                new_identity: encode_identity(entry, resp.new_identity)?,
            })
        };
        // A crash must not make Terraform forget an object: answer with the
        // prior state, which is what exists as far as we know.
        let prior = req.prior_state.clone();
        let failure = move |diagnostics| pb::apply_resource_change::Response {
            new_state: prior,
            diagnostics,
            ..Default::default()
        };
        Ok(Response::new(guarded("ApplyResourceChange", handler, failure).await))
    }

    async fn import_resource_state(
        &self,
        request: Request<pb::import_resource_state::Request>,
    ) -> Result<Response<pb::import_resource_state::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.type_name)?;
            let ctx = self.context()?;
            let identity = identity_data(entry, req.identity.as_ref())?;
            let import = ImportRequest {
                id: &req.id,
                identity: identity.as_ref(),
            };
            let resp = until_stopped(&ctx.stop, "ImportResourceState", entry.resource.import(&ctx, import)).await?;
            let imported_resources = match resp.state {
                Some(state) if !resp.diagnostics.has_errors() => {
                    vec![pb::import_resource_state::ImportedResource {
                        type_name: req.type_name.clone(),
                        state: Some(encode(&state, &entry.ty, "imported state")?),
                        private: resp.private,
                        identity: encode_identity(entry, resp.identity)?,
                    }]
                }
                _ => Vec::new(),
            };
            Ok(pb::import_resource_state::Response {
                imported_resources,
                diagnostics: convert::diagnostics(resp.diagnostics),
                deferred: None,
            })
        };
        let failure = |diagnostics| pb::import_resource_state::Response {
            diagnostics,
            ..Default::default()
        };
        Ok(Response::new(guarded("ImportResourceState", handler, failure).await))
    }

    async fn move_resource_state(
        &self,
        request: Request<pb::move_resource_state::Request>,
    ) -> Result<Response<pb::move_resource_state::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.resource(&req.target_type_name)?;
            let raw = req.source_state.unwrap_or_default();
            let mv = MoveRequest {
                source_provider_address: &req.source_provider_address,
                source_type_name: &req.source_type_name,
                source_schema_version: req.source_schema_version,
                source_state_json: &raw.json,
                source_private: &req.source_private,
            };
            let resp = entry.resource.move_state(mv);
            let target_state = match resp.state {
                Some(v) if !resp.diagnostics.has_errors() => Some(encode(&v, &entry.ty, "moved state")?),
                _ => None,
            };
            Ok(pb::move_resource_state::Response {
                target_state,
                diagnostics: convert::diagnostics(resp.diagnostics),
                target_private: resp.private,
                target_identity: encode_identity(entry, resp.identity)?,
            })
        };
        let failure = |diagnostics| pb::move_resource_state::Response {
            diagnostics,
            ..Default::default()
        };
        Ok(Response::new(guarded("MoveResourceState", handler, failure).await))
    }

    async fn read_data_source(
        &self,
        request: Request<pb::read_data_source::Request>,
    ) -> Result<Response<pb::read_data_source::Response>, Status> {
        let req = request.into_inner();
        let handler = async {
            let entry = self.data_source(&req.type_name)?;
            let ctx = self.context()?;
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

    async fn stop_provider(
        &self,
        _request: Request<pb::stop_provider::Request>,
    ) -> Result<Response<pb::stop_provider::Response>, Status> {
        tracing::info!("StopProvider: cancelling in-flight work");
        self.stop_sender.send_replace(true);
        Ok(Response::new(pb::stop_provider::Response { error: String::new() }))
    }
}

fn server_capabilities() -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::resource::{ApplyResponse, ReadResponse};
    use crate::tfplugin::{ApplyRequest, Attribute, Block, DataSource, PlanResponse, Resource};
    use pb::provider_server::Provider as _;

    struct Crashing;

    #[async_trait::async_trait]
    impl Resource<()> for Crashing {
        fn type_name(&self) -> &'static str {
            "test_crashing"
        }
        fn schema(&self) -> Schema {
            Schema::new(Block::new().attr("secret", Attribute::string().optional().sensitive()))
        }
        fn validate(&self, config: &Value, _: ClientCapabilities, _: &mut Diagnostics) {
            let secret = config.attr("secret").as_str().unwrap_or_default();
            panic!("boom while looking at {secret}");
        }
        async fn plan(&self, _: &Context<()>, _: PlanRequest<'_>) -> PlanResponse {
            unreachable!()
        }
        async fn apply(&self, _: &Context<()>, _: ApplyRequest<'_>) -> ApplyResponse {
            unreachable!()
        }
        async fn read(&self, _: &Context<()>, _: ReadRequest<'_>) -> ReadResponse {
            unreachable!()
        }
    }

    struct TestProvider;

    #[async_trait::async_trait]
    impl Provider for TestProvider {
        type Client = ();
        fn schema(&self) -> Schema {
            Schema::new(Block::new())
        }
        fn validate(&self, _: &Value, _: &mut Diagnostics) {}
        async fn configure(&self, _: ConfigureRequest<'_>, _: &mut Diagnostics) -> Option<()> {
            Some(())
        }
        fn resources(&self) -> Vec<Arc<dyn Resource<()>>> {
            vec![Arc::new(Crashing)]
        }
        fn data_sources(&self) -> Vec<Arc<dyn DataSource<()>>> {
            Vec::new()
        }
    }

    #[tokio::test]
    async fn a_panicking_handler_becomes_an_error_diagnostic_without_its_message() {
        let service = ProviderService::new(TestProvider);
        let ty = service.resource("test_crashing").unwrap().ty.clone();
        let config = crate::tfplugin::object([("secret", Value::string("hunter2"))]);
        let request = pb::validate_resource_config::Request {
            type_name: "test_crashing".into(),
            config: Some(encode(&config, &ty, "config").unwrap()),
            client_capabilities: None,
        };
        let resp = service
            .validate_resource_config(Request::new(request))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(resp.diagnostics.len(), 1);
        assert_eq!(resp.diagnostics[0].summary, "The provider crashed");
        assert!(!resp.diagnostics[0].detail.contains("hunter2"));
        // Still serving.
        let schema = service
            .get_provider_schema(Request::new(pb::get_provider_schema::Request {}))
            .await;
        assert!(schema.is_ok());
    }
}
