//! The regional-resource kit: what every regional EventBridge resource type
//! needs, written once, so that a new type writes only its schema, its
//! mapping and its calls (as hashicorp/aws declares `Region` and `Identity`
//! at registration):
//! - [`region`]: the Region of a resource and its client, the `region`
//!   attribute and its plan rule; [`bus`]: event buses by name or ARN;
//! - [`import_id`]: `NAME`, `NAME@REGION` and the type's ARN;
//! - [`identity`]: `{name, region, account_id}`;
//! - [`timeouts`]: the `timeouts` block and its durations;
//! - [`tags`]: `tags` and `tags_all` with the provider's `default_tags` and
//!   `ignore_tags`;
//! - [`failure`]: one-line failures that keep the state that exists, with
//!   the way out of AWS's errors (a quota, a name taken, a conflict);
//! - [`conflicts`]: updates and deletes retried through a conflicting change;
//! - [`waiter`]: polling until a type's own predicate holds;
//! - [`patience`]: a call sent again for a bounded time while AWS answers
//!   what passes;
//! - [`checks`]: the name and description checks; [`listing`]: the List
//!   loop of list resources; [`lookup`]: data source schemas from the
//!   resource's; [`found`]: import and data source reads; [`moved`]: moves
//!   from hashicorp/aws; [`values`]: values every type maps alike;
//! - [`ResourceType`]: what a type's folder hands the provider.

pub mod bus;
pub mod checks;
pub mod conflicts;
pub mod failure;
pub mod found;
pub mod identity;
pub mod import_id;
pub mod listing;
pub mod lookup;
pub mod moved;
pub mod patience;
pub mod region;
pub mod tags;
pub mod timeouts;
pub mod values;
pub mod waiter;

use std::sync::Arc;

use crate::aws::AwsClient;
use crate::tfplugin::{DataSource, ListResource, Resource};

/// What the kit needs to know of a resource type.
#[derive(Debug)]
pub struct Kind {
    /// The Terraform type name, e.g. `eventbridge_connection`.
    pub type_name: &'static str,
    /// What people call it, e.g. "connection" or "API destination".
    pub noun: &'static str,
    /// The resource part of its ARN, e.g. `connection` in
    /// `arn:aws:events:us-east-1:123456789012:connection/NAME/UUID`.
    pub arn_resource: &'static str,
    /// Why `name` cannot name one, in one sentence; None when it can.
    pub name_problem: fn(&str) -> Option<String>,
    /// A name for examples in messages.
    pub example_name: &'static str,
    /// The quota on how many an account may have per Region (or per bus).
    pub quota: Quota,
    /// Whether it lives on an event bus (rules, targets): its ARN is
    /// `TYPE/NAME` on the default bus and `TYPE/BUS/NAME` on another, its
    /// import ids may start with `BUS/`, and its identity names the bus.
    pub on_bus: bool,
}

/// The bus AWS uses when a request names none.
pub const DEFAULT_BUS: &str = "default";

/// A Service Quotas quota of EventBridge (service code `events`), as AWS's
/// EventBridge quotas page names it.
#[derive(Debug)]
pub struct Quota {
    /// Its name in the Service Quotas console, e.g. "Connections".
    pub name: &'static str,
    /// Its code, e.g. `L-595D6D42`.
    pub code: &'static str,
    /// AWS's default per account and Region (or per bus).
    pub default: u32,
    /// What one quota counts beyond the Region, e.g. " on one event bus";
    /// empty for a quota per Region.
    pub scope: &'static str,
}

/// Everything a resource type's folder serves; the provider registers each
/// type with one line.
pub struct ResourceType {
    pub kind: &'static Kind,
    pub resource: Arc<dyn Resource<AwsClient>>,
    pub data_source: Option<Arc<dyn DataSource<AwsClient>>>,
    pub list: Option<Arc<dyn ListResource<AwsClient>>>,
    pub docs: Docs,
}

/// What a type's registry pages say beyond its schema.
#[derive(Default)]
pub struct Docs {
    /// After the import syntax: what to expect after an import.
    pub import_notes: Option<&'static str>,
    /// Sections after the resource's schema, as (heading, markdown).
    pub sections: Vec<(&'static str, String)>,
    /// Rules that span attributes, as (arguments, rule), printed after the
    /// attributes' own checks under "Checked at plan time".
    pub spanning_rules: Vec<(&'static str, String)>,
    /// How the list resource's query runs, for its page.
    pub list_notes: Option<&'static str>,
}
