//! What the plugin layer asks of the layer above: a [`Provider`] with its
//! [`Resource`]s and [`DataSource`]s. Nothing here knows gRPC or msgpack;
//! values arrive decoded and typed by the schema, and answers go back as
//! values plus [`Diagnostics`].

use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::watch;

use super::diagnostics::{AttributePath, Diagnostics};
use super::schema::{IdentitySchema, Schema};
use super::value::{Type, Value};

/// Tells long-running work that Terraform asked the provider to stop
/// (StopProvider, sent on Ctrl-C).
#[derive(Clone, Debug)]
pub struct StopSignal(watch::Receiver<bool>);

impl StopSignal {
    /// A signal and the sender that raises it.
    pub fn new() -> (watch::Sender<bool>, StopSignal) {
        let (tx, rx) = watch::channel(false);
        (tx, StopSignal(rx))
    }

    /// A signal that never fires (for tests and one-off calls).
    pub fn never() -> StopSignal {
        let (tx, rx) = watch::channel(false);
        // Keep the channel open for the life of the process.
        std::mem::forget(tx);
        StopSignal(rx)
    }

    pub fn is_stopped(&self) -> bool {
        *self.0.borrow()
    }

    /// Completes once a stop is requested.
    pub async fn stopped(&self) {
        let mut rx = self.0.clone();
        // An error means the sender is gone: nobody can stop us any more.
        if rx.wait_for(|stopped| *stopped).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Protocol features the calling Terraform declared.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientCapabilities {
    /// Terraform >= 1.11: write-only attributes are understood.
    pub write_only_attributes_allowed: bool,
    pub deferral_allowed: bool,
}

/// Per-request context: the configured provider client and the stop signal.
pub struct Context<C> {
    pub client: Arc<C>,
    pub stop: StopSignal,
}

pub struct PlanRequest<'a> {
    /// Null when the object is being created.
    pub prior_state: &'a Value,
    /// Null when the object is being destroyed.
    pub proposed_new_state: &'a Value,
    pub config: &'a Value,
    pub prior_private: &'a [u8],
    pub capabilities: ClientCapabilities,
}

#[derive(Debug, Default)]
pub struct PlanResponse {
    pub planned_state: Value,
    pub requires_replace: Vec<AttributePath>,
    pub planned_private: Vec<u8>,
    pub planned_identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

pub struct ApplyRequest<'a> {
    /// Null when the object is being created.
    pub prior_state: &'a Value,
    /// Null when the object is being destroyed.
    pub planned_state: &'a Value,
    pub config: &'a Value,
    pub planned_private: &'a [u8],
}

#[derive(Debug, Default)]
pub struct ApplyResponse {
    /// Null once destroyed. On a failed create, the object that does exist
    /// (Terraform then keeps it, tainted) rather than null.
    pub new_state: Value,
    pub private: Vec<u8>,
    pub new_identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

pub struct ReadRequest<'a> {
    pub current_state: &'a Value,
    pub private: &'a [u8],
}

#[derive(Debug, Default)]
pub struct ReadResponse {
    /// Null when the remote object is gone.
    pub new_state: Value,
    pub private: Vec<u8>,
    pub new_identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

pub struct ImportRequest<'a> {
    /// The id given to `terraform import` (empty when importing by identity).
    pub id: &'a str,
    pub identity: Option<&'a Value>,
}

#[derive(Debug, Default)]
pub struct ImportResponse {
    /// The state to hand to the next ReadResource; None on error.
    pub state: Option<Value>,
    pub private: Vec<u8>,
    pub identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

/// State stored by a resource type of another provider, offered for a
/// `moved` block (protocol 6.5).
pub struct MoveRequest<'a> {
    pub source_provider_address: &'a str,
    pub source_type_name: &'a str,
    pub source_schema_version: i64,
    pub source_state_json: &'a [u8],
    pub source_private: &'a [u8],
}

#[derive(Debug, Default)]
pub struct MoveResponse {
    pub state: Option<Value>,
    pub private: Vec<u8>,
    pub identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

/// A managed resource type, e.g. `eventbridge_connection`.
#[async_trait]
pub trait Resource<C>: Send + Sync {
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// The identity schema, when the resource supports resource identity.
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Static checks of a configuration; must not call remote APIs.
    fn validate(&self, config: &Value, capabilities: ClientCapabilities, diags: &mut Diagnostics);

    async fn plan(&self, ctx: &Context<C>, req: PlanRequest<'_>) -> PlanResponse;

    async fn apply(&self, ctx: &Context<C>, req: ApplyRequest<'_>) -> ApplyResponse;

    async fn read(&self, ctx: &Context<C>, req: ReadRequest<'_>) -> ReadResponse;

    async fn import(&self, _ctx: &Context<C>, _req: ImportRequest<'_>) -> ImportResponse {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            "Import not supported",
            format!("{} cannot be imported.", self.type_name()),
        );
        ImportResponse {
            diagnostics,
            ..Default::default()
        }
    }

    /// Converts stored state written with schema `version` (JSON, as in the
    /// state file) to `current`, the schema this resource has now (its
    /// value type given too, so that nothing is rebuilt per request). The
    /// default accepts the current version only.
    fn upgrade_state(
        &self,
        version: i64,
        json: &[u8],
        current: (&Schema, &Type),
        diags: &mut Diagnostics,
    ) -> Option<Value> {
        let (schema, ty) = current;
        if version != schema.version {
            diags.error(
                "Unsupported state version",
                format!(
                    "{} has no upgrade from schema version {version} to {}.",
                    self.type_name(),
                    schema.version
                ),
            );
            return None;
        }
        match super::codec::decode_json(json, ty, false) {
            Ok(v) => Some(v),
            Err(e) => {
                diags.error("Invalid stored state", format!("At {}: {e}", e.path));
                None
            }
        }
    }

    /// Converts an identity stored with identity `version` (JSON).
    fn upgrade_identity(&self, version: i64, json: &[u8], diags: &mut Diagnostics) -> Option<Value> {
        let Some(schema) = self.identity_schema() else {
            diags.error("Resource identity not supported", self.type_name().to_string());
            return None;
        };
        if version != schema.version {
            diags.error(
                "Unsupported identity version",
                format!("Identity version {version} is unknown."),
            );
            return None;
        }
        match super::codec::decode_json(json, &schema.value_type(), false) {
            Ok(v) => Some(v),
            Err(e) => {
                diags.error("Invalid stored identity", e.to_string());
                None
            }
        }
    }

    /// Takes over the state of another resource type (a `moved` block).
    fn move_state(&self, req: MoveRequest<'_>) -> MoveResponse {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            "Move not supported",
            format!(
                "{} cannot take over the state of {} from {}.",
                self.type_name(),
                req.source_type_name,
                req.source_provider_address
            ),
        );
        MoveResponse {
            diagnostics,
            ..Default::default()
        }
    }
}

/// A data source type, e.g. `data "eventbridge_connection"`.
#[async_trait]
pub trait DataSource<C>: Send + Sync {
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    fn validate(&self, config: &Value, diags: &mut Diagnostics);

    /// Reads the data; returns the new state (the config with computed
    /// attributes filled in), or None with error diagnostics.
    async fn read(&self, ctx: &Context<C>, config: &Value, diags: &mut Diagnostics) -> Option<Value>;
}

pub struct ConfigureRequest<'a> {
    pub terraform_version: &'a str,
    pub config: &'a Value,
}

/// The provider: its own configuration and the types it serves.
#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// What `ConfigureProvider` builds and every later request receives,
    /// e.g. a configured API client.
    type Client: Send + Sync + 'static;

    fn schema(&self) -> Schema;

    fn validate(&self, config: &Value, diags: &mut Diagnostics);

    async fn configure(&self, req: ConfigureRequest<'_>, diags: &mut Diagnostics) -> Option<Self::Client>;

    fn resources(&self) -> Vec<Arc<dyn Resource<Self::Client>>>;

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<Self::Client>>>;
}
