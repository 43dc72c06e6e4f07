//! Reading an object Terraform does not manage yet, by what the user
//! wrote: an import id (`terraform import`, `import` blocks) or a data
//! source's `name` and `region`. The type gives its Describe call; the
//! kit parses, picks the Region, checks the account an ARN named, and
//! words every failure the same way for every type.

use std::future::Future;

use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_eventbridge::Client;

use super::failure::{self, Subject};
use super::import_id::{self, ImportId};
use super::region::Regional;
use super::Kind;
use crate::aws::errors;
use crate::aws::text_rule::capitalized;
use crate::aws::AwsClient;
use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// What a type's Describe is asked for: the name, the Region, and the
/// event bus of a type on one (None: the default bus).
pub struct Named {
    pub name: String,
    pub region: String,
    pub bus: Option<String>,
}

/// What a type's Describe found: the object's ARN and its state value.
pub struct Found {
    pub arn: String,
    pub state: Value,
}

/// The object `id` names (`NAME`, `NAME@REGION` or its ARN), read by
/// `describe(client, named)`; None, with the reason in `diags`,
/// when the id is malformed, nothing has that name, or an ARN named
/// another account than the one found.
pub async fn import<F, Fut, E, R>(
    aws: &AwsClient,
    kind: &'static Kind,
    id: &str,
    diags: &mut Diagnostics,
    describe: F,
) -> Option<Value>
where
    F: FnOnce(Client, Named) -> Fut,
    Fut: Future<Output = Result<Found, SdkError<E, R>>>,
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let parsed = match import_id::parse(kind, id) {
        Ok(parsed) => parsed,
        Err(problem) => {
            diags.error("Invalid import id", problem);
            return None;
        }
    };
    let at = Regional::of(aws, parsed.region.as_deref());
    let named = Named {
        name: parsed.name.clone(),
        region: at.region.clone(),
        bus: parsed.bus.clone(),
    };
    match describe(at.client, named).await {
        Ok(found) => match parsed.check_account(kind, &found.arn) {
            Ok(()) => Some(found.state),
            Err(problem) => {
                diags.error(format!("{} of another account", capitalized(kind.noun)), problem);
                None
            }
        },
        Err(e) => {
            import_failed(kind, &parsed, &at.region, &e, diags);
            None
        }
    }
}

/// Not found says where it looked (and the account an ARN named, which the
/// credentials may not reach).
fn import_failed<E, R>(kind: &'static Kind, id: &ImportId, region: &str, e: &SdkError<E, R>, diags: &mut Diagnostics)
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let (noun, name) = (kind.noun, &id.name);
    if errors::is_not_found(e) {
        let account = id
            .account
            .as_deref()
            .map(|a| format!(" (the ARN names account {a}; the provider's credentials may reach another)"))
            .unwrap_or_default();
        diags.error(
            format!("Cannot import non-existent {noun}"),
            format!("EventBridge {noun} {name:?} does not exist in {region}{account}."),
        );
    } else {
        let subject = Subject { kind, name, region };
        let summary = format!("Error importing EventBridge {noun}");
        diags.extend(failure::diagnostics(
            &summary,
            "reading",
            &subject,
            &errors::describe(e),
            &[],
        ));
    }
}

/// A data source's read: the object named by `config`'s `name` in its
/// `region` (else the provider's), read by `describe(client, name,
/// region)`; not found points at `name`.
pub async fn lookup<F, Fut, E, R>(
    aws: &AwsClient,
    kind: &'static Kind,
    config: &Value,
    diags: &mut Diagnostics,
    describe: F,
) -> Option<Value>
where
    F: FnOnce(Client, Named) -> Fut,
    Fut: Future<Output = Result<Value, SdkError<E, R>>>,
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let name = config.attr("name").as_str()?.to_string();
    let Regional { region, client } = Regional::of(aws, config.attr("region").as_str());
    let noun = kind.noun;
    let named = Named {
        name: name.clone(),
        region: region.clone(),
        bus: config.attr("event_bus_name").as_str().map(str::to_string),
    };
    match describe(client, named).await {
        Ok(value) => Some(value),
        Err(e) if errors::is_not_found(&e) => {
            diags.error_at(
                &AttributePath::of(&["name"]),
                format!("{} not found", capitalized(noun)),
                format!("There is no EventBridge {noun} {name:?} in {region}."),
            );
            None
        }
        Err(e) => {
            let subject = Subject {
                kind,
                name: &name,
                region: &region,
            };
            let summary = format!("Error reading EventBridge {noun}");
            diags.extend(failure::diagnostics(
                &summary,
                "reading",
                &subject,
                &errors::describe(&e),
                &[],
            ));
            None
        }
    }
}
