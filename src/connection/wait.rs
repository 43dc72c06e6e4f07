//! Waiting for a connection to settle after create, update or delete.

use std::time::Duration;

use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::types::ConnectionState;
use aws_sdk_eventbridge::Client;
use tokio::time::Instant;

use crate::aws::errors;
use crate::aws::poll::PollPolicy;
use crate::tfplugin::StopSignal;

/// How a wait ended, when it did not end in a settled state.
#[derive(Debug)]
pub enum WaitError {
    /// The time allowed ran out; the last description seen, if any.
    TimedOut {
        last: Option<Box<DescribeConnectionOutput>>,
        after: Duration,
    },
    /// Terraform asked the provider to stop.
    Stopped {
        last: Option<Box<DescribeConnectionOutput>>,
    },
    /// DescribeConnection failed.
    Api(String),
    /// The connection vanished while we waited for it to settle.
    Gone,
}

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

/// Polls until the connection leaves every transitional state; returns the
/// description of the settled connection (whatever its state: the caller
/// judges it). The first poll happens at once.
pub async fn until_settled(
    client: &Client,
    name: &str,
    timeout: Duration,
    poll: PollPolicy,
    stop: &StopSignal,
) -> Result<DescribeConnectionOutput, WaitError> {
    let deadline = Instant::now() + timeout;
    let mut delay = poll.first;
    let mut last: Option<Box<DescribeConnectionOutput>> = None;
    loop {
        let described = tokio::select! {
            r = client.describe_connection().name(name).send() => r,
            _ = stop.stopped() => return Err(WaitError::Stopped { last }),
        };
        match described {
            Ok(out) if !is_transitional(out.connection_state()) => return Ok(out),
            Ok(out) => {
                let state = out
                    .connection_state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default();
                tracing::info!(connection = name, state = %state, "still waiting for connection {name}: {state}");
                last = Some(Box::new(out));
            }
            Err(e) if errors::is_not_found(&e) => return Err(WaitError::Gone),
            Err(e) => return Err(WaitError::Api(errors::describe(&e))),
        }
        if !sleep_until_next(&mut delay, poll, deadline, stop).await? {
            return Err(WaitError::TimedOut { last, after: timeout });
        }
    }
}

/// Polls until DescribeConnection says the connection no longer exists.
pub async fn until_gone(
    client: &Client,
    name: &str,
    timeout: Duration,
    poll: PollPolicy,
    stop: &StopSignal,
) -> Result<(), WaitError> {
    let deadline = Instant::now() + timeout;
    let mut delay = poll.first;
    let mut last = None;
    loop {
        let described = tokio::select! {
            r = client.describe_connection().name(name).send() => r,
            _ = stop.stopped() => return Err(WaitError::Stopped { last }),
        };
        match described {
            Err(e) if errors::is_not_found(&e) => return Ok(()),
            Err(e) => return Err(WaitError::Api(errors::describe(&e))),
            Ok(out) => {
                let state = out
                    .connection_state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default();
                tracing::info!(connection = name, state = %state, "still waiting for connection {name} to be deleted: {state}");
                last = Some(Box::new(out));
            }
        }
        if !sleep_until_next(&mut delay, poll, deadline, stop).await? {
            return Err(WaitError::TimedOut { last, after: timeout });
        }
    }
}

/// Sleeps before the next poll; false when the deadline has passed.
async fn sleep_until_next(
    delay: &mut Duration,
    poll: PollPolicy,
    deadline: Instant,
    stop: &StopSignal,
) -> Result<bool, WaitError> {
    let now = Instant::now();
    if now >= deadline {
        return Ok(false);
    }
    let wake = (now + *delay).min(deadline);
    tokio::select! {
        _ = tokio::time::sleep_until(wake) => {}
        _ = stop.stopped() => return Err(WaitError::Stopped { last: None }),
    }
    *delay = (*delay * 2).min(poll.max);
    Ok(true)
}
