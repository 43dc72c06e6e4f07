//! Create, update, delete and read of one connection: the API calls, the
//! waits, and what goes back to Terraform when any of them fails.

use std::time::Duration;

use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::types::ConnectionState;

use super::api;
use super::model::Connection;
use super::wait::{self, WaitError};
use crate::aws::errors;
use crate::aws::AwsClient;
use crate::tfplugin::{ApplyResponse, Context, Diagnostics, ReadResponse, Value};

/// Default waits, as the reference provider uses for create and update.
const DEFAULT_CREATE: Duration = Duration::from_secs(20 * 60);
const DEFAULT_UPDATE: Duration = Duration::from_secs(20 * 60);
const DEFAULT_DELETE: Duration = Duration::from_secs(5 * 60);

fn timeout(c: &Connection, op: &str, default: Duration) -> Duration {
    c.timeouts
        .attr(op)
        .as_str()
        .and_then(crate::aws::duration::parse_duration)
        .unwrap_or(default)
}

fn region_of(ctx: &Context<AwsClient>, c: &Connection) -> String {
    c.region
        .clone()
        .unwrap_or_else(|| ctx.client.default_region().to_string())
}

/// `creating EventBridge connection "crm" in us-east-1: CODE: message`.
fn failure(diags: &mut Diagnostics, summary: &str, doing: &str, c: &Connection, region: &str, cause: &str) {
    let detail = format!("{doing} EventBridge connection {:?} in {region}: {cause}", c.name);
    diags.error(summary, errors::scrub(&detail, &c.secrets()));
}

pub async fn create(ctx: &Context<AwsClient>, planned: &Value, config: &Value) -> ApplyResponse {
    let mut diagnostics = Diagnostics::new();
    let mut c = Connection::from_value(planned);
    c.take_write_only(&Connection::from_value(config));
    let region = region_of(ctx, &c);
    let client = ctx.client.eventbridge(Some(&region));
    let auth = match api::create_auth(&c) {
        Ok(auth) => auth,
        Err(e) => {
            failure(
                &mut diagnostics,
                "Invalid connection",
                "building the request for",
                &c,
                &region,
                &e.to_string(),
            );
            return ApplyResponse {
                diagnostics,
                ..Default::default()
            };
        }
    };
    let mut request = client
        .create_connection()
        .name(&c.name)
        .authorization_type(api::authorization_type(&c))
        .auth_parameters(auth)
        .set_description(c.description.clone().filter(|d| !d.is_empty()))
        .set_kms_key_identifier(c.kms_key_identifier.clone());
    if let Some(conn) = &c.invocation_connectivity {
        match api::connectivity(conn) {
            Ok(p) => request = request.invocation_connectivity_parameters(p),
            Err(e) => {
                failure(
                    &mut diagnostics,
                    "Invalid connection",
                    "building the request for",
                    &c,
                    &region,
                    &e.to_string(),
                );
                return ApplyResponse {
                    diagnostics,
                    ..Default::default()
                };
            }
        }
    }
    let created = match request.send().await {
        Ok(out) => out,
        Err(e) => {
            let mut cause = errors::describe(&e);
            if errors::code(&e) == Some("ResourceAlreadyExistsException") {
                cause.push_str(&format!(
                    ". A connection of this name already exists in {region}: choose another name, or bring it \
                     under Terraform with `terraform import <address> {}@{region}`.",
                    c.name
                ));
            }
            failure(
                &mut diagnostics,
                "Error creating EventBridge connection",
                "creating",
                &c,
                &region,
                &cause,
            );
            return ApplyResponse {
                diagnostics,
                ..Default::default()
            };
        }
    };
    tracing::info!(connection = %c.name, region = %region, "created connection");

    // From here on the connection exists: whatever happens, hand back a
    // state so that Terraform keeps track of it (tainted on error).
    let mut fallback = c.clone();
    fallback.computed.arn = created.connection_arn().map(str::to_string);
    fallback.computed.connection_state = created.connection_state().map(|s| s.as_str().to_string());
    let waited = wait::until_settled(
        &client,
        &c.name,
        timeout(&c, "create", DEFAULT_CREATE),
        ctx.client.poll_policy(),
        &ctx.stop,
    )
    .await;
    let state = settled(&c, &fallback, waited, "creation", &region, &mut diagnostics);
    ApplyResponse {
        new_state: state.to_value(),
        diagnostics,
        ..Default::default()
    }
}

pub async fn update(ctx: &Context<AwsClient>, prior_value: &Value, planned: &Value, config: &Value) -> ApplyResponse {
    let mut diagnostics = Diagnostics::new();
    let mut c = Connection::from_value(planned);
    let prior = Connection::from_value(prior_value);
    // Write-only secrets go to AWS on create and when their version changes;
    // otherwise the update leaves the stored ones alone.
    if c.secrets_wo_version != prior.secrets_wo_version {
        c.take_write_only(&Connection::from_value(config));
    }
    if c.settings() == prior.settings() {
        // Only timeouts changed: nothing to tell AWS.
        return ApplyResponse {
            new_state: planned.clone(),
            ..Default::default()
        };
    }
    let region = region_of(ctx, &c);
    let client = ctx.client.eventbridge(Some(&region));
    let built = api::update_auth(&c, &prior).and_then(|auth| {
        let connectivity = match (&c.invocation_connectivity, &prior.invocation_connectivity) {
            (Some(conn), _) => Some(api::connectivity(conn)?),
            (None, Some(_)) => Some(api::public_connectivity()?),
            (None, None) => None,
        };
        Ok((auth, connectivity))
    });
    let (auth, connectivity) = match built {
        Ok(parts) => parts,
        Err(e) => {
            failure(
                &mut diagnostics,
                "Invalid connection",
                "building the request for",
                &c,
                &region,
                &e.to_string(),
            );
            return ApplyResponse {
                new_state: prior_value.clone(),
                diagnostics,
                ..Default::default()
            };
        }
    };
    // An absent description is sent empty, which clears it in AWS.
    let description = c
        .description
        .clone()
        .or_else(|| prior.description.as_ref().map(|_| String::new()));
    let request = client
        .update_connection()
        .name(&c.name)
        .authorization_type(api::authorization_type(&c))
        .auth_parameters(auth)
        .set_description(description)
        .set_kms_key_identifier(c.kms_key_identifier.clone())
        .set_invocation_connectivity_parameters(connectivity);
    if let Err(e) = request.send().await {
        failure(
            &mut diagnostics,
            "Error updating EventBridge connection",
            "updating",
            &c,
            &region,
            &errors::describe(&e),
        );
        return ApplyResponse {
            new_state: prior_value.clone(),
            diagnostics,
            ..Default::default()
        };
    }
    tracing::info!(connection = %c.name, region = %region, "updated connection");

    let mut fallback = c.clone();
    fallback.computed = prior.computed.clone();
    let waited = wait::until_settled(
        &client,
        &c.name,
        timeout(&c, "update", DEFAULT_UPDATE),
        ctx.client.poll_policy(),
        &ctx.stop,
    )
    .await;
    let state = settled(&c, &fallback, waited, "update", &region, &mut diagnostics);
    ApplyResponse {
        new_state: state.to_value(),
        diagnostics,
        ..Default::default()
    }
}

/// Judges the outcome of a wait and returns the state to record.
fn settled(
    planned: &Connection,
    fallback: &Connection,
    waited: Result<DescribeConnectionOutput, WaitError>,
    after: &str,
    region: &str,
    diags: &mut Diagnostics,
) -> Connection {
    let name = &planned.name;
    match waited {
        Ok(out) => {
            let state = api::settle(planned, &out);
            let reason = out
                .state_reason()
                .filter(|r| !r.is_empty())
                .unwrap_or("AWS gave no reason");
            match out.connection_state() {
                Some(ConnectionState::Authorized | ConnectionState::Active) | None => {}
                Some(ConnectionState::Deauthorized) => diags.warning(
                    "Connection is not authorized",
                    format!(
                        "EventBridge connection {name:?} in {region} is DEAUTHORIZED after {after}: {reason}. \
                         API destinations using it will fail until its credentials are fixed."
                    ),
                ),
                Some(other) => diags.error(
                    "Connection failed",
                    errors::scrub(
                        &format!(
                            "EventBridge connection {name:?} in {region} ended in state {} after {after}: {reason}.",
                            other.as_str()
                        ),
                        &planned.secrets(),
                    ),
                ),
            }
            state
        }
        Err(WaitError::TimedOut { last, after: limit }) => {
            let state = last
                .as_deref()
                .map_or_else(|| fallback.clone(), |out| api::settle(planned, out));
            let seen = state
                .computed
                .connection_state
                .clone()
                .unwrap_or_else(|| "unknown".into());
            diags.error(
                "Timed out waiting for connection",
                format!(
                    "EventBridge connection {name:?} in {region} was still {seen} after {}s of waiting for its \
                     {after} to finish. It is kept in state (tainted); raise the timeouts block if AWS needs longer.",
                    limit.as_secs()
                ),
            );
            state
        }
        Err(WaitError::Stopped { last }) => {
            diags.error(
                "Cancelled",
                format!("Stopped waiting for the {after} of EventBridge connection {name:?}; it is kept in state."),
            );
            last.as_deref()
                .map_or_else(|| fallback.clone(), |out| api::settle(planned, out))
        }
        Err(WaitError::Api(cause)) => {
            diags.error(
                "Error reading EventBridge connection",
                errors::scrub(
                    &format!("reading EventBridge connection {name:?} in {region} after its {after}: {cause}"),
                    &planned.secrets(),
                ),
            );
            fallback.clone()
        }
        Err(WaitError::Gone) => {
            diags.error(
                "Connection disappeared",
                format!("EventBridge connection {name:?} in {region} disappeared during its {after}."),
            );
            fallback.clone()
        }
    }
}

pub async fn delete(ctx: &Context<AwsClient>, prior_value: &Value) -> ApplyResponse {
    let mut diagnostics = Diagnostics::new();
    let c = Connection::from_value(prior_value);
    let region = region_of(ctx, &c);
    let client = ctx.client.eventbridge(Some(&region));
    match client.delete_connection().name(&c.name).send().await {
        Ok(_) => {}
        Err(e) if errors::is_not_found(&e) => return ApplyResponse::default(),
        Err(e) => {
            failure(
                &mut diagnostics,
                "Error deleting EventBridge connection",
                "deleting",
                &c,
                &region,
                &errors::describe(&e),
            );
            return ApplyResponse {
                new_state: prior_value.clone(),
                diagnostics,
                ..Default::default()
            };
        }
    }
    let waited = wait::until_gone(
        &client,
        &c.name,
        timeout(&c, "delete", DEFAULT_DELETE),
        ctx.client.poll_policy(),
        &ctx.stop,
    )
    .await;
    match waited {
        Ok(()) => {
            tracing::info!(connection = %c.name, region = %region, "deleted connection");
            ApplyResponse::default()
        }
        Err(e) => {
            let cause = match e {
                WaitError::TimedOut { after, .. } => {
                    format!("still present after {}s", after.as_secs())
                }
                WaitError::Stopped { .. } => "cancelled while waiting for it to disappear".to_string(),
                WaitError::Api(cause) => cause,
                WaitError::Gone => String::new(),
            };
            failure(
                &mut diagnostics,
                "Error deleting EventBridge connection",
                "deleting",
                &c,
                &region,
                &cause,
            );
            ApplyResponse {
                new_state: prior_value.clone(),
                diagnostics,
                ..Default::default()
            }
        }
    }
}

/// Refresh: the connection as AWS has it, merged with what only the prior
/// state knows. Gone → null, and Terraform plans to create it again.
pub async fn read(ctx: &Context<AwsClient>, current: &Value) -> ReadResponse {
    let mut diagnostics = Diagnostics::new();
    let mut prior = Connection::from_value(current);
    let region = region_of(ctx, &prior);
    // A state taken over from another provider may not say; it is where
    // the provider looks.
    prior.region = Some(region.clone());
    let client = ctx.client.eventbridge(Some(&region));
    match client.describe_connection().name(&prior.name).send().await {
        Ok(out) => ReadResponse {
            new_state: api::from_described(&out, &prior).to_value(),
            ..Default::default()
        },
        Err(e) if errors::is_not_found(&e) => {
            tracing::warn!(connection = %prior.name, region = %region, "connection not found; removing it from state");
            ReadResponse::default()
        }
        Err(e) => {
            failure(
                &mut diagnostics,
                "Error reading EventBridge connection",
                "reading",
                &prior,
                &region,
                &errors::describe(&e),
            );
            ReadResponse {
                new_state: current.clone(),
                diagnostics,
                ..Default::default()
            }
        }
    }
}

/// `NAME` or `NAME@REGION`.
pub fn parse_import_id(id: &str) -> (&str, Option<&str>) {
    match id.rsplit_once('@') {
        Some((name, region)) if !region.is_empty() => (name, Some(region)),
        _ => (id, None),
    }
}

pub async fn import(ctx: &Context<AwsClient>, id: &str, diags: &mut Diagnostics) -> Option<Value> {
    let (name, region) = parse_import_id(id.trim());
    let region = region.map_or_else(|| ctx.client.default_region().to_string(), str::to_string);
    let problem =
        crate::connection::connection_name_problem(name).or_else(|| crate::aws::region::region_problem(&region));
    if let Some(problem) = problem {
        diags.error(
            "Invalid import id",
            format!(
                "{id:?} does not name a connection: {problem} Use NAME or NAME@REGION, e.g. \"crm-api\" or \
                 \"crm-api@eu-west-1\"."
            ),
        );
        return None;
    }
    let client = ctx.client.eventbridge(Some(&region));
    match client.describe_connection().name(name).send().await {
        Ok(out) => {
            let prior = Connection {
                name: name.to_string(),
                region: Some(region),
                ..Default::default()
            };
            Some(api::from_described(&out, &prior).to_value())
        }
        Err(e) if errors::is_not_found(&e) => {
            diags.error(
                "Cannot import non-existent connection",
                format!("EventBridge connection {name:?} does not exist in {region}."),
            );
            None
        }
        Err(e) => {
            diags.error(
                "Error importing EventBridge connection",
                format!(
                    "reading EventBridge connection {name:?} in {region}: {}",
                    errors::describe(&e)
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_import_id;

    #[test]
    fn import_ids_name_a_connection_and_optionally_its_region() {
        assert_eq!(parse_import_id("crm"), ("crm", None));
        assert_eq!(parse_import_id("crm@eu-west-1"), ("crm", Some("eu-west-1")));
    }
}
