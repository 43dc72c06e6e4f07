//! The contract of a list resource (protocol 6.10, `terraform query` in
//! Terraform 1.14): it finds the existing objects of the managed resource
//! type of the same name and streams them, one [`ListEvent`] each, into a
//! [`ListSink`].
//!
//! The server owns the generic rules around it: the managed resource type
//! of that name must have an identity schema; results beyond Terraform's
//! `limit` are never sent (the sink says stop); the resource object is
//! dropped unless Terraform asked for it, and its write-only attributes are
//! nulled; a panic, StopProvider or Terraform hanging up ends the stream
//! with an error diagnostic instead of a hang.

use async_trait::async_trait;
use tokio::sync::mpsc;

use super::context::Context;
use super::diagnostics::Diagnostics;
use super::schema::Schema;
use super::value::Value;

/// What Terraform asked for.
pub struct ListRequest<'a> {
    /// The `config` block of the `list` block, in [`ListResource::schema`]
    /// (null when the block is absent); validated and wholly known.
    pub config: &'a Value,
    /// Whether each result should carry the full resource object, as a
    /// read of the object would produce it.
    pub include_resource: bool,
    /// The most results Terraform wants (at least 1: the server answers a
    /// limit below 1 with an empty stream itself). Use it to stop paging
    /// early; the sink enforces it anyway.
    pub limit: i64,
}

/// One message of the stream: a found object, or diagnostics alone (an
/// error ends the listing; Terraform skips a warning without an identity).
#[derive(Debug, Default)]
pub struct ListEvent {
    /// The object's identity, in the managed resource type's identity
    /// schema; None for a diagnostics-only event.
    pub identity: Option<Value>,
    /// A name for people, shown by `terraform query`.
    pub display_name: String,
    /// The object as the managed resource type's schema has it; only when
    /// [`ListRequest::include_resource`] is set.
    pub resource_object: Option<Value>,
    pub diagnostics: Diagnostics,
}

impl ListEvent {
    /// A found object.
    pub fn found(identity: Value, display_name: impl Into<String>, resource_object: Option<Value>) -> ListEvent {
        ListEvent {
            identity: Some(identity),
            display_name: display_name.into(),
            resource_object,
            diagnostics: Diagnostics::new(),
        }
    }
}

/// Where a list resource sends its results. Cheap to hold across awaits.
pub struct ListSink {
    tx: mpsc::Sender<ListEvent>,
    /// Objects still wanted.
    remaining: i64,
}

impl ListSink {
    /// A sink that lets through at most `limit` objects, and the receiving
    /// end the server (or a test) reads them from. `capacity` bounds how
    /// far listing runs ahead of the reader.
    pub fn new(limit: i64, capacity: usize) -> (ListSink, mpsc::Receiver<ListEvent>) {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        (
            ListSink {
                tx,
                remaining: limit.max(0),
            },
            rx,
        )
    }

    /// Objects still wanted; 0 once the limit is reached.
    pub fn remaining(&self) -> i64 {
        self.remaining
    }

    /// Sends one event. False when no more are wanted (the limit is
    /// reached, or the reader is gone): the list resource should stop.
    pub async fn push(&mut self, event: ListEvent) -> bool {
        let object = event.identity.is_some();
        if object && self.remaining == 0 {
            return false;
        }
        if self.tx.send(event).await.is_err() {
            return false;
        }
        if object {
            self.remaining -= 1;
        }
        self.remaining > 0
    }

    /// Ends the listing with `diagnostics` (e.g. a failed page).
    pub async fn fail(&mut self, diagnostics: Diagnostics) {
        let _ = self
            .tx
            .send(ListEvent {
                diagnostics,
                ..Default::default()
            })
            .await;
        self.remaining = 0;
    }
}

/// A list resource type, e.g. `list "eventbridge_connection"`. Its type
/// name is that of the managed resource type whose objects it lists.
#[async_trait]
pub trait ListResource<C>: Send + Sync {
    fn type_name(&self) -> &'static str;

    /// The schema of the `config` block of a `list` block.
    fn schema(&self) -> Schema;

    /// Static checks of a `config` block beyond each attribute's own checks
    /// (which the server runs): rules that span attributes. Must not call
    /// remote APIs; values still unknown are skipped. None by default.
    fn validate(&self, _config: &Value, _diags: &mut Diagnostics) {}

    /// Finds the objects and pushes them into `sink`, in pages as the
    /// remote API gives them; returns when done, when `sink.push` says stop,
    /// or after `sink.fail` (a failure half-way keeps what was sent).
    async fn list(&self, ctx: &Context<C>, req: ListRequest<'_>, sink: &mut ListSink);
}
