//! The contract of a managed resource type: what each method is for, what a
//! null value means, and what to return when remote calls fail half-way.
//!
//! The server applies the generic rules of the schema's flags around these
//! methods (see [`super::flags`]): a resource never sees write-only values
//! in prior state, never nulls them in what it returns, and never computes
//! `requires_replace` for a `replaces` attribute itself.

use async_trait::async_trait;

use super::context::{ClientCapabilities, Context};
use super::diagnostics::{AttributePath, Diagnostics};
use super::schema::{IdentitySchema, Schema};
use super::value::{Type, Value};

/// A plan of a create or an update (the server plans a destroy itself).
pub struct PlanRequest<'a> {
    /// Null when the object is being created.
    pub prior_state: &'a Value,
    /// Terraform's proposal (configuration merged with prior state) with the
    /// generic rules already applied: defaults filled, write-only values
    /// null, and on create every unset computed attribute unknown.
    pub proposed_new_state: &'a Value,
    /// The configuration, write-only values included.
    pub config: &'a Value,
    pub prior_private: &'a [u8],
    pub capabilities: ClientCapabilities,
}

#[derive(Debug, Default)]
pub struct PlanResponse {
    pub planned_state: Value,
    /// Paths that replace the object besides the `replaces` attributes the
    /// server finds itself (e.g. a removal the remote API cannot do).
    pub requires_replace: Vec<AttributePath>,
    pub planned_private: Vec<u8>,
    /// The identity of an object that keeps it (the server drops it when
    /// the object is replaced).
    pub planned_identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

/// Applying a planned change. `prior_state` is null on create,
/// `planned_state` null on delete; `config` (null on delete) carries the
/// write-only values, which plans and states never hold.
pub struct ApplyRequest<'a> {
    pub prior_state: &'a Value,
    pub planned_state: &'a Value,
    pub config: &'a Value,
    pub planned_private: &'a [u8],
}

#[derive(Debug, Default)]
pub struct ApplyResponse {
    /// What exists now: null once destroyed, or when a create failed before
    /// anything was made. After a failure half-way, the object that does
    /// exist (Terraform keeps a created one tainted); after a failed update
    /// or delete, at least the prior state.
    pub new_state: Value,
    pub private: Vec<u8>,
    pub new_identity: Option<Value>,
    pub diagnostics: Diagnostics,
}

pub struct ReadRequest<'a> {
    /// Never null: the server answers a null state itself.
    pub current_state: &'a Value,
    pub private: &'a [u8],
}

#[derive(Debug, Default)]
pub struct ReadResponse {
    /// Null when the remote object is gone (Terraform plans to create it
    /// again); on a failed read, the current state unchanged.
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
///
/// The server chooses the method from null-ness, as Terraform's
/// ApplyResourceChange leaves it to the provider: `create` when there is no
/// prior state, `delete` when there is no planned state, `update` otherwise.
/// Before `create` and `update` it runs [`Resource::validate`] again on the
/// configuration, now fully known, and calls neither if it finds an error.
#[async_trait]
pub trait Resource<C>: Send + Sync {
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// The identity schema, when the resource supports resource identity.
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Static checks of a configuration beyond each attribute's own checks
    /// (which the server runs first): rules that span attributes. Must not
    /// call remote APIs. Values still unknown are skipped: they are checked
    /// again before apply. Write-only support is checked by the server.
    fn validate(&self, config: &Value, capabilities: ClientCapabilities, diags: &mut Diagnostics);

    /// Every static check the server makes of a configuration: each
    /// attribute's checks (see [`super::Check`]), then [`Resource::validate`];
    /// for tests and tools that validate without a server.
    fn validate_config(&self, config: &Value, capabilities: ClientCapabilities, diags: &mut Diagnostics) {
        super::flags::check_values(&self.schema().block, config, diags);
        self.validate(config, capabilities, diags);
    }

    /// The resource's own plan rules on top of the generic ones; called for
    /// creates and updates only.
    async fn plan(&self, ctx: &Context<C>, req: PlanRequest<'_>) -> PlanResponse;

    /// Makes the object. On failure, return the state of whatever exists
    /// (it stays in Terraform's state, tainted), or null if nothing does.
    async fn create(&self, ctx: &Context<C>, req: ApplyRequest<'_>) -> ApplyResponse;

    /// Changes the object in place. On failure, return the prior state (or
    /// the state that exists, if the change went half-way).
    async fn update(&self, ctx: &Context<C>, req: ApplyRequest<'_>) -> ApplyResponse;

    /// Removes the object: null on success, the prior state on failure.
    async fn delete(&self, ctx: &Context<C>, req: ApplyRequest<'_>) -> ApplyResponse;

    /// Refreshes the object from the remote API (see [`ReadResponse`]).
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
