//! The plugin layer: Terraform's plugin protocol (tfplugin6 over go-plugin),
//! with no knowledge of AWS. A provider implements the contracts in
//! `provider.rs`, `resource.rs`, `data_source.rs` and `list_resource.rs`
//! ([`Provider`], [`Resource`], [`DataSource`], [`ListResource`]) over
//! decoded [`Value`]s and hands itself to
//! [`serve`]; the server applies the generic rules of the schema's flags
//! (`flags.rs`) around them.

mod check;
mod codec;
mod context;
mod convert;
mod data_source;
mod diagnostics;
pub mod docs;
pub mod flags;
mod handshake;
mod lifetime;
mod list_resource;
pub mod logging;
pub mod model;
pub mod proto;
mod provider;
mod resource;
mod schema;
mod secret;
mod server;
mod tls;
mod transport;
mod value;

pub use check::Check;
pub use codec::{decode_json, decode_msgpack, encode_msgpack, CodecError};
pub use context::{ClientCapabilities, Context, StopSignal};
pub use data_source::DataSource;
pub use diagnostics::{AttributePath, Diagnostic, Diagnostics, PathStep, Severity};
pub use handshake::{serve, ServeError, ServeOptions, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};
pub use list_resource::{ListEvent, ListRequest, ListResource, ListSink};
pub use model::{Blocks, Field, Maybe, Model};
pub use provider::{ConfigureRequest, Provider};
pub use resource::{
    ApplyRequest, ApplyResponse, ImportRequest, ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse,
    ReadRequest, ReadResponse, Resource,
};
pub use schema::{Attribute, Block, IdentityAttribute, IdentitySchema, NestedBlock, Nesting, Schema};
pub use secret::Secret;
pub use server::ProviderService;
pub use transport::{Transport, TransportError, TRANSPORT_VARIABLE};
pub use value::{object, Number, Type, Value};
