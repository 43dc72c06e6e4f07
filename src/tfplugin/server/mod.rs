//! The `tfplugin6.Provider` gRPC service: decodes each request, dispatches
//! it to the [`Provider`] / [`Resource`] / [`DataSource`] /
//! [`ListResource`] it names, and encodes the answer. A panic in a handler
//! becomes an error diagnostic.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, RwLock};

use futures_util::FutureExt;
use tokio::sync::watch;
use tonic::{Request, Response, Status};

mod apply;
mod list;
mod plan;
mod provider_config;
mod read;
mod schemas;
mod state_transfer;
mod validate;

use super::context::{ClientCapabilities, Context, StopSignal};
use super::convert::{self, decode, encode};
use super::data_source::DataSource;
use super::diagnostics::Diagnostics;
use super::flags;
use super::list_resource::ListResource;
use super::proto::tfplugin6 as pb;
use super::provider::{ConfigureRequest, Provider};
use super::resource::{ApplyRequest, ImportRequest, MoveRequest, PlanRequest, ReadRequest, Resource};
use super::schema::{IdentitySchema, Schema};
use super::value::{Type, Value};

struct ResourceEntry<C> {
    resource: Arc<dyn Resource<C>>,
    schema: Schema,
    ty: Type,
    identity: Option<(IdentitySchema, Type)>,
}

impl<C> ResourceEntry<C> {
    /// A state, plan or object of this resource on its way to Terraform:
    /// write-only values null (Terraform must never store them), encoded.
    /// Every response that carries one goes through here.
    fn encode_state(&self, mut value: Value, what: &str) -> Outcome<pb::DynamicValue> {
        flags::null_write_only(&self.schema.block, &mut value);
        encode(&value, &self.ty, what)
    }
}

struct DataSourceEntry<C> {
    data_source: Arc<dyn DataSource<C>>,
    schema: Schema,
    ty: Type,
}

struct ListEntry<C> {
    list: Arc<dyn ListResource<C>>,
    schema: Schema,
    /// The type of its configuration.
    ty: Type,
}

/// Serves one [`Provider`] over tfplugin6.
pub struct ProviderService<P: Provider> {
    provider: Arc<P>,
    provider_schema: Schema,
    provider_ty: Type,
    resources: HashMap<&'static str, ResourceEntry<P::Client>>,
    data_sources: HashMap<&'static str, DataSourceEntry<P::Client>>,
    list_resources: HashMap<&'static str, ListEntry<P::Client>>,
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
        let list_resources = provider
            .list_resources()
            .into_iter()
            .map(|list| {
                let schema = list.schema();
                let ty = schema.value_type();
                (list.type_name(), ListEntry { list, schema, ty })
            })
            .collect();
        let (stop_sender, stop) = StopSignal::new();
        let provider_schema = provider.schema();
        ProviderService {
            provider_ty: provider_schema.value_type(),
            provider_schema,
            provider: Arc::new(provider),
            resources,
            data_sources,
            list_resources,
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

    fn list_entry(&self, type_name: &str) -> Outcome<&ListEntry<P::Client>> {
        self.list_resources
            .get(type_name)
            .ok_or_else(|| unknown_type("list resource", type_name))
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
        Err(_) => failure(convert::diagnostics(crashed(rpc))),
    }
}

/// What Terraform is told when a handler of `rpc` panicked.
fn crashed(rpc: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.error(
        "The provider crashed",
        format!(
            "The provider panicked while handling {rpc}; the location is in the provider's log \
             (TF_LOG_PROVIDER=error). This is a bug: please report it."
        ),
    );
    diags
}

/// What Terraform is told when StopProvider ended `rpc`.
fn cancelled(rpc: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.error(
        "Cancelled",
        format!("{rpc} was cancelled: Terraform asked the provider to stop."),
    );
    diags
}

/// Drops `work` when Terraform asks the provider to stop. For requests that
/// leave nothing behind when abandoned (reads, imports); applies instead
/// let the resource wind down and report what exists.
async fn until_stopped<R>(stop: &StopSignal, rpc: &str, work: impl Future<Output = R>) -> Outcome<R> {
    tokio::select! {
        result = work => Ok(result),
        _ = stop.stopped() => Err(cancelled(rpc)),
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
        request: Request<pb::get_metadata::Request>,
    ) -> Result<Response<pb::get_metadata::Response>, Status> {
        schemas::get_metadata(self, request).await
    }

    async fn get_provider_schema(
        &self,
        request: Request<pb::get_provider_schema::Request>,
    ) -> Result<Response<pb::get_provider_schema::Response>, Status> {
        schemas::get_provider_schema(self, request).await
    }

    async fn get_resource_identity_schemas(
        &self,
        request: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Result<Response<pb::get_resource_identity_schemas::Response>, Status> {
        schemas::get_resource_identity_schemas(self, request).await
    }

    async fn validate_provider_config(
        &self,
        request: Request<pb::validate_provider_config::Request>,
    ) -> Result<Response<pb::validate_provider_config::Response>, Status> {
        provider_config::validate_provider_config(self, request).await
    }

    async fn configure_provider(
        &self,
        request: Request<pb::configure_provider::Request>,
    ) -> Result<Response<pb::configure_provider::Response>, Status> {
        provider_config::configure_provider(self, request).await
    }

    async fn stop_provider(
        &self,
        request: Request<pb::stop_provider::Request>,
    ) -> Result<Response<pb::stop_provider::Response>, Status> {
        provider_config::stop_provider(self, request).await
    }

    async fn validate_resource_config(
        &self,
        request: Request<pb::validate_resource_config::Request>,
    ) -> Result<Response<pb::validate_resource_config::Response>, Status> {
        validate::validate_resource_config(self, request).await
    }

    async fn validate_data_resource_config(
        &self,
        request: Request<pb::validate_data_resource_config::Request>,
    ) -> Result<Response<pb::validate_data_resource_config::Response>, Status> {
        validate::validate_data_resource_config(self, request).await
    }

    async fn plan_resource_change(
        &self,
        request: Request<pb::plan_resource_change::Request>,
    ) -> Result<Response<pb::plan_resource_change::Response>, Status> {
        plan::plan_resource_change(self, request).await
    }

    async fn apply_resource_change(
        &self,
        request: Request<pb::apply_resource_change::Request>,
    ) -> Result<Response<pb::apply_resource_change::Response>, Status> {
        apply::apply_resource_change(self, request).await
    }

    async fn read_resource(
        &self,
        request: Request<pb::read_resource::Request>,
    ) -> Result<Response<pb::read_resource::Response>, Status> {
        read::read_resource(self, request).await
    }

    async fn read_data_source(
        &self,
        request: Request<pb::read_data_source::Request>,
    ) -> Result<Response<pb::read_data_source::Response>, Status> {
        read::read_data_source(self, request).await
    }

    async fn import_resource_state(
        &self,
        request: Request<pb::import_resource_state::Request>,
    ) -> Result<Response<pb::import_resource_state::Response>, Status> {
        state_transfer::import_resource_state(self, request).await
    }

    async fn move_resource_state(
        &self,
        request: Request<pb::move_resource_state::Request>,
    ) -> Result<Response<pb::move_resource_state::Response>, Status> {
        state_transfer::move_resource_state(self, request).await
    }

    async fn upgrade_resource_state(
        &self,
        request: Request<pb::upgrade_resource_state::Request>,
    ) -> Result<Response<pb::upgrade_resource_state::Response>, Status> {
        state_transfer::upgrade_resource_state(self, request).await
    }

    async fn upgrade_resource_identity(
        &self,
        request: Request<pb::upgrade_resource_identity::Request>,
    ) -> Result<Response<pb::upgrade_resource_identity::Response>, Status> {
        state_transfer::upgrade_resource_identity(self, request).await
    }

    type ListResourceStream = list::ListStream;

    async fn list_resource(
        &self,
        request: Request<pb::list_resource::Request>,
    ) -> Result<Response<Self::ListResourceStream>, Status> {
        list::list_resource(self, request).await
    }

    async fn validate_list_resource_config(
        &self,
        request: Request<pb::validate_list_resource_config::Request>,
    ) -> Result<Response<pb::validate_list_resource_config::Response>, Status> {
        list::validate_list_resource_config(self, request).await
    }
}

fn server_capabilities() -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state: true,
        generate_resource_config: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::list_resource::{ListEvent, ListRequest, ListSink};
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
        async fn create(&self, _: &Context<()>, _: ApplyRequest<'_>) -> ApplyResponse {
            unreachable!()
        }
        async fn update(&self, _: &Context<()>, _: ApplyRequest<'_>) -> ApplyResponse {
            unreachable!()
        }
        async fn delete(&self, _: &Context<()>, _: ApplyRequest<'_>) -> ApplyResponse {
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
            vec![Arc::new(Crashing), Arc::new(Flagged)]
        }
        fn data_sources(&self) -> Vec<Arc<dyn DataSource<()>>> {
            Vec::new()
        }
        fn list_resources(&self) -> Vec<Arc<dyn ListResource<()>>> {
            vec![Arc::new(FlaggedList)]
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

    /// A resource that relies on the server for every generic rule and
    /// says which method the server chose.
    struct Flagged;

    fn flagged_schema() -> Schema {
        Schema::new(
            Block::new()
                .attr("name", Attribute::string().required().replaces())
                .attr("arn", Attribute::string().computed())
                .attr("secret", Attribute::bool().optional().default(Value::Bool(false)))
                .attr("token_wo", Attribute::string().optional().write_only()),
        )
    }

    fn answer(which: &str, req: &ApplyRequest<'_>) -> ApplyResponse {
        let mut state = req.config.clone();
        if let Some(arn) = state.attr_mut("arn") {
            *arn = Value::string(which);
        }
        ApplyResponse {
            new_state: state,
            ..Default::default()
        }
    }

    #[async_trait::async_trait]
    impl Resource<()> for Flagged {
        fn type_name(&self) -> &'static str {
            "test_flagged"
        }
        fn schema(&self) -> Schema {
            flagged_schema()
        }
        fn identity_schema(&self) -> Option<IdentitySchema> {
            Some(IdentitySchema {
                version: 0,
                attributes: vec![crate::tfplugin::IdentityAttribute {
                    name: "name".into(),
                    ty: Type::String,
                    required_for_import: true,
                    description: String::new(),
                }],
            })
        }
        fn validate(&self, config: &Value, _: ClientCapabilities, diags: &mut Diagnostics) {
            if config.attr("name").as_str() == Some("bad") {
                diags.error("Bad name", "refused");
            }
        }
        async fn plan(&self, _: &Context<()>, req: PlanRequest<'_>) -> PlanResponse {
            PlanResponse {
                planned_state: req.proposed_new_state.clone(),
                ..Default::default()
            }
        }
        async fn create(&self, _: &Context<()>, req: ApplyRequest<'_>) -> ApplyResponse {
            answer("created", &req)
        }
        async fn update(&self, _: &Context<()>, req: ApplyRequest<'_>) -> ApplyResponse {
            answer("updated", &req)
        }
        async fn delete(&self, _: &Context<()>, _: ApplyRequest<'_>) -> ApplyResponse {
            ApplyResponse::default()
        }
        async fn read(&self, _: &Context<()>, req: ReadRequest<'_>) -> ReadResponse {
            ReadResponse {
                new_state: req.current_state.clone(),
                ..Default::default()
            }
        }
    }

    fn flagged(name: &str, arn: Value, secret: Value, token: Value) -> Value {
        crate::tfplugin::object([
            ("name", Value::string(name)),
            ("arn", arn),
            ("secret", secret),
            ("token_wo", token),
        ])
    }

    async fn configured() -> ProviderService<TestProvider> {
        let service = ProviderService::new(TestProvider);
        let ty = service.provider_schema.value_type();
        service
            .configure_provider(Request::new(pb::configure_provider::Request {
                terraform_version: "1.11.4".into(),
                config: Some(encode(&crate::tfplugin::object([]), &ty, "config").unwrap()),
                client_capabilities: None,
            }))
            .await
            .unwrap();
        service
    }

    fn dv(v: &Value) -> Option<pb::DynamicValue> {
        Some(encode(v, &flagged_schema().value_type(), "test").unwrap())
    }

    fn value(v: Option<pb::DynamicValue>) -> Value {
        decode(v.as_ref(), &flagged_schema().value_type(), "test").unwrap()
    }

    /// Plans `proposed`; the configuration is the same without `arn`, which
    /// only the remote side sets.
    async fn plan(
        service: &ProviderService<TestProvider>,
        prior: &Value,
        proposed: &Value,
    ) -> pb::plan_resource_change::Response {
        let mut config = proposed.clone();
        if let Some(arn) = config.attr_mut("arn") {
            *arn = Value::Null;
        }
        service
            .plan_resource_change(Request::new(pb::plan_resource_change::Request {
                type_name: "test_flagged".into(),
                prior_state: dv(prior),
                proposed_new_state: dv(proposed),
                config: dv(&config),
                ..Default::default()
            }))
            .await
            .unwrap()
            .into_inner()
    }

    async fn apply(
        service: &ProviderService<TestProvider>,
        prior: &Value,
        planned: &Value,
        config: &Value,
    ) -> pb::apply_resource_change::Response {
        service
            .apply_resource_change(Request::new(pb::apply_resource_change::Request {
                type_name: "test_flagged".into(),
                prior_state: dv(prior),
                planned_state: dv(planned),
                config: dv(config),
                ..Default::default()
            }))
            .await
            .unwrap()
            .into_inner()
    }

    #[tokio::test]
    async fn the_server_plans_defaults_unknowns_write_only_and_replacement_from_flags() {
        let service = configured().await;
        let config = flagged("a", Value::Null, Value::Null, Value::string("s3cr3t"));
        let created = plan(&service, &Value::Null, &config).await;
        let planned = value(created.planned_state);
        assert_eq!(planned, flagged("a", Value::Unknown, Value::Bool(false), Value::Null));
        assert!(created.requires_replace.is_empty());

        let prior = flagged("a", Value::string("arn:1"), Value::Bool(false), Value::Null);
        let renamed = flagged("b", Value::string("arn:1"), Value::Null, Value::Null);
        let replaced = plan(&service, &prior, &renamed).await;
        assert_eq!(
            replaced.requires_replace,
            vec![convert::attribute_path(&crate::tfplugin::AttributePath::of(&["name"]))]
        );
        assert_eq!(
            value(replaced.planned_state).attr("arn"),
            &Value::Unknown,
            "a new object has a new arn"
        );

        let same = flagged("a", Value::string("arn:1"), Value::Null, Value::Null);
        let kept = plan(&service, &prior, &same).await;
        assert!(kept.requires_replace.is_empty());
        assert_eq!(value(kept.planned_state), prior);
    }

    #[tokio::test]
    async fn the_server_chooses_create_update_or_delete_and_validates_first() {
        let service = configured().await;
        let config = flagged("a", Value::Null, Value::Null, Value::string("s3cr3t"));
        let planned = flagged("a", Value::Unknown, Value::Bool(false), Value::Null);
        let created = value(apply(&service, &Value::Null, &planned, &config).await.new_state);
        assert_eq!(created.attr("arn"), &Value::string("created"));
        assert!(
            created.attr("token_wo").is_null(),
            "write-only values never reach the state"
        );

        let updated = value(apply(&service, &created, &planned, &config).await.new_state);
        assert_eq!(updated.attr("arn"), &Value::string("updated"));

        let deleted = apply(&service, &created, &Value::Null, &Value::Null).await;
        assert!(value(deleted.new_state).is_null());

        let bad = flagged("bad", Value::Null, Value::Null, Value::Null);
        let refused = apply(&service, &created, &bad, &bad).await;
        assert_eq!(refused.diagnostics[0].summary, "Bad name");
        assert_eq!(value(refused.new_state), created, "the prior state stays");
    }

    /// Lists `count` flagged objects, each with a write-only value, then
    /// panics if `panics`; it ignores what the sink answers, so only the
    /// server keeps the limit.
    struct FlaggedList;

    #[async_trait::async_trait]
    impl ListResource<()> for FlaggedList {
        fn type_name(&self) -> &'static str {
            "test_flagged"
        }
        fn schema(&self) -> Schema {
            Schema::new(
                Block::new()
                    .attr("count", Attribute::number().optional())
                    .attr("panics", Attribute::bool().optional()),
            )
        }
        fn validate(&self, _: &Value, _: &mut Diagnostics) {}
        async fn list(&self, _: &Context<()>, req: ListRequest<'_>, sink: &mut ListSink) {
            let count = req
                .config
                .attr("count")
                .as_number()
                .and_then(|n| n.as_i64())
                .unwrap_or(0);
            for i in 0..count {
                let name = format!("thing-{i}");
                let object = flagged(&name, Value::string("arn"), Value::Bool(false), Value::string("s3cr3t"));
                let identity = crate::tfplugin::object([("name", Value::string(&name))]);
                sink.push(ListEvent::found(identity, format!("thing {i}"), Some(object)))
                    .await;
            }
            if req.config.attr("panics").as_bool() == Some(true) {
                panic!("boom");
            }
        }
    }

    async fn list(count: i64, panics: bool, include: bool, limit: i64) -> Vec<pb::list_resource::Event> {
        use futures_util::StreamExt;
        let service = configured().await;
        let config = crate::tfplugin::object([("count", Value::int(count)), ("panics", Value::Bool(panics))]);
        let stream = service
            .list_resource(Request::new(pb::list_resource::Request {
                type_name: "test_flagged".into(),
                config: Some(encode(&config, &FlaggedList.schema().value_type(), "config").unwrap()),
                include_resource_object: include,
                limit,
            }))
            .await
            .unwrap()
            .into_inner();
        stream.map(|e| e.unwrap()).collect().await
    }

    #[tokio::test]
    async fn the_server_enforces_the_list_limit_whatever_the_list_resource_does() {
        let events = list(10, false, false, 3).await;
        assert_eq!(events.len(), 3);
        assert!(events.iter().all(|e| e.resource_object.is_none()), "not asked for");
        assert_eq!(events[2].display_name, "thing 2");
    }

    #[tokio::test]
    async fn listed_objects_come_when_asked_without_write_only_values() {
        let events = list(2, false, true, 100).await;
        let object = value(events[0].resource_object.clone());
        assert_eq!(object.attr("name"), &Value::string("thing-0"));
        assert!(object.attr("token_wo").is_null());
    }

    #[tokio::test]
    async fn a_panicking_list_resource_ends_the_stream_with_an_error() {
        let events = list(1, true, false, 100).await;
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].diagnostic[0].summary, "The provider crashed");
        assert!(!events[1].diagnostic[0].detail.contains("boom"));
    }
}
