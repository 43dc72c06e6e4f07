//! The plugin layer: Terraform's plugin protocol (tfplugin6 over go-plugin),
//! with no knowledge of AWS. A provider implements [`Provider`],
//! [`Resource`] and [`DataSource`] over decoded [`Value`]s and hands itself
//! to [`serve`].

mod codec;
mod convert;
mod diagnostics;
pub mod docs;
mod handshake;
pub mod logging;
pub mod proto;
mod resource;
mod schema;
mod server;
mod tls;
mod value;

pub use codec::{decode_json, decode_msgpack, encode_msgpack, CodecError};
pub use diagnostics::{AttributePath, Diagnostic, Diagnostics, PathStep, Severity};
pub use handshake::{serve, ServeError, ServeOptions, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};
pub use resource::{
    ApplyRequest, ApplyResponse, ClientCapabilities, ConfigureRequest, Context, DataSource, ImportRequest,
    ImportResponse, MoveRequest, MoveResponse, PlanRequest, PlanResponse, Provider, ReadRequest, ReadResponse,
    Resource, StopSignal,
};
pub use schema::{Attribute, Block, IdentityAttribute, IdentitySchema, NestedBlock, Nesting, Schema};
pub use server::ProviderService;
pub use value::{object, Number, Type, Value};
