//! What a connection's waits look for, filled into the kit's waiter: the
//! states EventBridge passes through while it works on a connection.

use std::time::Duration;

use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::types::ConnectionState;
use aws_sdk_eventbridge::Client;

use crate::aws::errors;
use crate::aws::poll::PollPolicy;
use crate::aws::regional::waiter::{self, Probe, WaitError};
use crate::tfplugin::StopSignal;

/// How a connection's wait ended, when it did not settle.
pub type ConnectionWaitError = WaitError<DescribeConnectionOutput>;

/// States a connection passes through while EventBridge works on it.
fn is_transitional(state: Option<&ConnectionState>) -> bool {
    matches!(
        state,
        Some(
            ConnectionState::Creating
                | ConnectionState::Updating
                | ConnectionState::Authorizing
                | ConnectionState::Deauthorizing
        )
    )
}

fn state_of(out: &DescribeConnectionOutput) -> &str {
    out.connection_state().map_or("", |s| s.as_str())
}

/// Polls until the connection leaves every transitional state; returns the
/// description of the settled connection (whatever its state: the caller
/// judges it).
pub async fn until_settled(
    client: &Client,
    name: &str,
    timeout: Duration,
    poll: PollPolicy,
    stop: &StopSignal,
) -> Result<DescribeConnectionOutput, ConnectionWaitError> {
    let probe = || async {
        match client.describe_connection().name(name).send().await {
            Ok(out) if !is_transitional(out.connection_state()) => Probe::Done(out),
            Ok(out) => {
                let state = state_of(&out);
                tracing::info!(connection = name, state = %state, "still waiting for connection {name}: {state}");
                Probe::Pending(out)
            }
            Err(e) if errors::is_not_found(&e) => Probe::Failed(WaitError::Gone),
            Err(e) => Probe::Failed(WaitError::Api(errors::describe(&e))),
        }
    };
    waiter::until(probe, timeout, poll, stop).await
}

/// Polls until DescribeConnection says the connection no longer exists.
pub async fn until_gone(
    client: &Client,
    name: &str,
    timeout: Duration,
    poll: PollPolicy,
    stop: &StopSignal,
) -> Result<(), ConnectionWaitError> {
    let probe = || async {
        match client.describe_connection().name(name).send().await {
            Err(e) if errors::is_not_found(&e) => Probe::Done(()),
            Err(e) => Probe::Failed(WaitError::Api(errors::describe(&e))),
            Ok(out) => {
                let state = state_of(&out);
                tracing::info!(connection = name, state = %state, "still waiting for connection {name} to be deleted: {state}");
                Probe::Pending(out)
            }
        }
    };
    waiter::until(probe, timeout, poll, stop).await
}
