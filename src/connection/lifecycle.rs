//! Create, update, delete and read of one connection: the API calls, the
//! waits, and what goes back to Terraform when any of them fails.

use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::types::ConnectionState;

use super::drift::Private;
use super::mapping;
use super::model::Connection;
use super::schema::WAITS;
use super::wait::{self, ConnectionWaitError};
use super::KIND;
use crate::aws::errors;
use crate::aws::regional::conflicts;
use crate::aws::regional::failure::{self, Subject};
use crate::aws::regional::found::{self, Found, Named};
use crate::aws::regional::region::Regional;
use crate::aws::regional::timeouts::Op;
use crate::aws::regional::waiter::WaitError;
use crate::aws::AwsClient;
use crate::tfplugin::{ApplyResponse, Context, Diagnostics, Model, ReadResponse, Value};

/// The Region and client of connection `c`.
fn regional(ctx: &Context<AwsClient>, c: &Connection) -> Regional {
    Regional::of(&ctx.client, c.region.as_deref())
}

fn subject<'a>(c: &'a Connection, at: &'a Regional) -> Subject<'a> {
    Subject {
        kind: &KIND,
        name: &c.name,
        region: &at.region,
    }
}

/// A failed step of `c` in one line (see [`failure::apply_failed`]),
/// answered with `state`, what exists now.
fn failed(summary: &str, doing: &str, c: &Connection, at: &Regional, cause: &str, state: Value) -> ApplyResponse {
    failure::apply_failed(summary, doing, &subject(c, at), cause, &c.secrets(), state)
}

/// How long `op` of `c` may wait.
fn limit(c: &Connection, op: Op) -> std::time::Duration {
    c.timeouts.clone().unwrap_or_default().limit(op, &WAITS)
}

/// Build → send → wait → settle. Once CreateConnection succeeded the
/// connection exists, and every outcome hands back a state for it.
pub async fn create(ctx: &Context<AwsClient>, planned: &Value, config: &Value) -> ApplyResponse {
    let mut c = Connection::from_value(planned);
    c.take_write_only(&Connection::from_value(config));
    let at = regional(ctx, &c);
    let request = match mapping::create_request(&c) {
        Ok(request) => request,
        Err(e) => {
            return failed(
                "Invalid connection",
                "building the request for",
                &c,
                &at,
                &e.to_string(),
                Value::Null,
            )
        }
    };
    let created = match request.send_with(&at.client).await {
        Ok(out) => out,
        Err(e) => {
            return failed(
                CREATE_FAILED,
                "creating",
                &c,
                &at,
                &failure::cause(&e, &subject(&c, &at)),
                Value::Null,
            )
        }
    };
    tracing::info!(connection = %c.name, region = %at.region, "created connection");
    let mut known = c.clone();
    known.arn = created.connection_arn().map(str::to_string);
    known.connection_state = created.connection_state().map(|s| s.as_str().to_string());
    let limit = limit(&c, Op::Create);
    let waited = wait::until_settled(&at.client, &c.name, limit, ctx.client.poll_policy(), &ctx.stop).await;
    settle(&c, &known, waited, "creation", &at)
}

/// Build → send → wait → settle; a change of `timeouts` alone calls nothing.
/// `private` is the plan's: when it says so ([`Private::resend`]), the
/// configured secrets go to AWS again even if nothing else changed.
pub async fn update(
    ctx: &Context<AwsClient>,
    prior_value: &Value,
    planned: &Value,
    config: &Value,
    private: &Private,
) -> ApplyResponse {
    let mut c = Connection::from_value(planned);
    let prior = Connection::from_value(prior_value);
    // The authorization goes to AWS only when it changed, when the
    // write-only secrets' version changed, or when the secrets AWS holds
    // can no longer be trusted (the cases the plan leaves the connection
    // state to AWS); then always whole, write-only secrets included, as
    // AWS documents no merge of partial authorization parameters.
    // Otherwise the update leaves the stored authorization alone.
    let reauthorize = private.resend
        || c.secrets_wo_version != prior.secrets_wo_version
        || c.authorization_type != prior.authorization_type
        || c.settings().auth_parameters != prior.settings().auth_parameters;
    if reauthorize {
        c.take_write_only(&Connection::from_value(config));
    }
    // Until a write succeeds, the record of the last one stands.
    let unchanged = Private {
        resend: false,
        ..private.clone()
    };
    if !private.resend && c.settings() == prior.settings() {
        return ApplyResponse {
            new_state: planned.clone(),
            private: unchanged.encode(),
            ..Default::default()
        };
    }
    let at = regional(ctx, &c);
    // A failure before AWS took the change keeps the prior state and record.
    let keep = |failure: ApplyResponse| ApplyResponse {
        private: unchanged.encode(),
        ..failure
    };
    let request = match mapping::update_request(&c, &prior, reauthorize) {
        Ok(request) => request,
        Err(e) => {
            return keep(failed(
                "Invalid connection",
                "building the request for",
                &c,
                &at,
                &e.to_string(),
                prior_value.clone(),
            ))
        }
    };
    let sent = conflicts::retrying(ctx.client.poll_policy(), &ctx.stop, || {
        request.clone().send_with(&at.client)
    })
    .await;
    if let Err(e) = sent {
        return keep(failed(
            UPDATE_FAILED,
            "updating",
            &c,
            &at,
            &failure::cause(&e, &subject(&c, &at)),
            prior_value.clone(),
        ));
    }
    tracing::info!(connection = %c.name, region = %at.region, "updated connection");
    let mut known = c.clone();
    known.take_computed(&prior);
    let limit = limit(&c, Op::Update);
    let waited = wait::until_settled(&at.client, &c.name, limit, ctx.client.poll_policy(), &ctx.stop).await;
    settle(&c, &known, waited, "update", &at)
}

const CREATE_FAILED: &str = "Error creating EventBridge connection";
const UPDATE_FAILED: &str = "Error updating EventBridge connection";
const DELETE_FAILED: &str = "Error deleting EventBridge connection";

/// The state to record after a wait, with what its outcome says. A write
/// that settled is recorded in the private state (see [`super::drift`]);
/// one that did not leaves no record, and the next refresh adopts its own.
fn settle(
    planned: &Connection,
    known: &Connection,
    waited: Result<DescribeConnectionOutput, ConnectionWaitError>,
    after: &str,
    at: &Regional,
) -> ApplyResponse {
    let mut diagnostics = Diagnostics::new();
    let private = waited.as_ref().ok().map(|out| Private::written(out).encode());
    let state = judge_wait(planned, known, waited, after, &at.region, &mut diagnostics);
    ApplyResponse {
        new_state: state.to_value(),
        private: private.unwrap_or_default(),
        diagnostics,
        ..Default::default()
    }
}

/// Judges the outcome of a wait and returns the state to record.
fn judge_wait(
    planned: &Connection,
    known: &Connection,
    waited: Result<DescribeConnectionOutput, ConnectionWaitError>,
    after: &str,
    region: &str,
    diags: &mut Diagnostics,
) -> Connection {
    let name = &planned.name;
    match waited {
        Ok(out) => {
            let state = mapping::with_aws_decisions(planned, &out);
            // AWS's reason may quote what it was sent.
            let reason = errors::scrub(
                out.state_reason()
                    .filter(|r| !r.is_empty())
                    .unwrap_or("AWS gave no reason"),
                &planned.secrets(),
            );
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
                    format!(
                        "EventBridge connection {name:?} in {region} ended in state {} after {after}: {reason}.",
                        other.as_str()
                    ),
                ),
            }
            state
        }
        Err(WaitError::TimedOut { last, after: limit }) => {
            let state = last
                .as_deref()
                .map_or_else(|| known.clone(), |out| mapping::with_aws_decisions(planned, out));
            let seen = state.connection_state.clone().unwrap_or_else(|| "unknown".into());
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
                .map_or_else(|| known.clone(), |out| mapping::with_aws_decisions(planned, out))
        }
        Err(WaitError::Api(cause)) => {
            diags.error(
                "Error reading EventBridge connection",
                format!(
                    "reading EventBridge connection {name:?} in {region} after its {after}: {}",
                    errors::scrub(&cause, &planned.secrets())
                ),
            );
            known.clone()
        }
        Err(WaitError::Gone) => {
            diags.error(
                "Connection disappeared",
                format!("EventBridge connection {name:?} in {region} disappeared during its {after}."),
            );
            known.clone()
        }
    }
}

/// Send → wait until gone. Already gone counts as deleted.
pub async fn delete(ctx: &Context<AwsClient>, prior_value: &Value) -> ApplyResponse {
    let c = Connection::from_value(prior_value);
    let at = regional(ctx, &c);
    let keep = || prior_value.clone();
    let deleted = conflicts::retrying(ctx.client.poll_policy(), &ctx.stop, || {
        at.client.delete_connection().name(&c.name).send()
    })
    .await;
    match deleted {
        Ok(_) => {}
        Err(e) if errors::is_not_found(&e) => return ApplyResponse::default(),
        Err(e) => {
            let cause = failure::cause(&e, &subject(&c, &at));
            return failed(DELETE_FAILED, "deleting", &c, &at, &cause, keep());
        }
    }
    let limit = limit(&c, Op::Delete);
    let cause = match wait::until_gone(&at.client, &c.name, limit, ctx.client.poll_policy(), &ctx.stop).await {
        Ok(()) | Err(WaitError::Gone) => {
            tracing::info!(connection = %c.name, region = %at.region, "deleted connection");
            return ApplyResponse::default();
        }
        Err(WaitError::TimedOut { after, .. }) => format!("still present after {}s", after.as_secs()),
        Err(WaitError::Stopped { .. }) => "cancelled while waiting for it to disappear".to_string(),
        Err(WaitError::Api(cause)) => cause,
    };
    failed(DELETE_FAILED, "deleting", &c, &at, &cause, keep())
}

/// Refresh: the connection as AWS has it, merged with what only the prior
/// state knows. Gone → null, and Terraform plans to create it again; so is
/// a connection being deleted (DELETING: deleted outside Terraform, as
/// Terraform's own deletes wait until it is gone), with a warning, rather
/// than a plan without changes for a connection about to vanish. What the
/// same DescribeConnection says of the connection's times and state goes to
/// the private state, for the plan to judge (see [`super::drift`]).
pub async fn read(ctx: &Context<AwsClient>, current: &Value, private: &[u8]) -> ReadResponse {
    let mut prior = Connection::from_value(current);
    let at = regional(ctx, &prior);
    // A state taken over from another provider may not say; it is where
    // the provider looks.
    prior.region = Some(at.region.clone());
    match at.client.describe_connection().name(&prior.name).send().await {
        Ok(out) if out.connection_state() == Some(&ConnectionState::Deleting) => {
            tracing::warn!(connection = %prior.name, region = %at.region, "connection is being deleted; removing it from state");
            let mut diagnostics = Diagnostics::new();
            diagnostics.warning(
                "Connection is being deleted",
                format!(
                    "EventBridge connection {:?} in {} is DELETING: it was deleted outside Terraform. It is removed \
                     from state, and Terraform will plan to create it again.",
                    prior.name, at.region
                ),
            );
            ReadResponse {
                diagnostics,
                ..Default::default()
            }
        }
        Ok(out) => ReadResponse {
            new_state: mapping::from_described(&out, &prior).to_value(),
            private: Private::decode(private).refreshed(&out).encode(),
            ..Default::default()
        },
        Err(e) if errors::is_not_found(&e) => {
            tracing::warn!(connection = %prior.name, region = %at.region, "connection not found; removing it from state");
            ReadResponse::default()
        }
        Err(e) => failure::read_failed(
            &subject(&prior, &at),
            &failure::cause(&e, &subject(&prior, &at)),
            &prior.secrets(),
            current,
            private,
        ),
    }
}

/// `NAME`, `NAME@REGION` or the connection's ARN.
pub async fn import(ctx: &Context<AwsClient>, id: &str, diags: &mut Diagnostics) -> Option<Value> {
    found::import(
        &ctx.client,
        &KIND,
        id,
        diags,
        |client, Named { name, region, .. }| async move {
            let out = client.describe_connection().name(&name).send().await?;
            Ok(Found {
                arn: out.connection_arn().unwrap_or_default().to_string(),
                state: mapping::discovered(&out, &name, &region).to_value(),
            })
        },
    )
    .await
}
