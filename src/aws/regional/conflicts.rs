//! `ConcurrentModificationException` is transient by nature: another
//! change to the same object is in flight (a console edit, another apply,
//! EventBridge's own authorization). The model lists it for updates,
//! deletes and deauthorizations; the SDK does not retry it. An update or a
//! delete sent through [`retrying`] is sent again a few times with growing
//! pauses, well under a minute in all, before the conflict is reported.

use std::future::Future;

use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};

use crate::aws::errors;
use crate::aws::poll::PollPolicy;
use crate::tfplugin::StopSignal;

/// The error code of a conflicting change.
pub const CONFLICT: &str = "ConcurrentModificationException";

/// Attempts in all, the first included.
pub const ATTEMPTS: u32 = 5;

/// Sends with `send` until it succeeds, fails otherwise than by a
/// conflict, or [`ATTEMPTS`] have conflicted; pauses as `poll` says
/// between attempts (1, 2, 4, 8 s by default: 15 s at most), and stops
/// pausing when Terraform asks the provider to stop.
pub async fn retrying<T, E, R, F, Fut>(poll: PollPolicy, stop: &StopSignal, mut send: F) -> Result<T, SdkError<E, R>>
where
    E: ProvideErrorMetadata,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E, R>>>,
{
    let mut pause = poll.first;
    let mut attempt = 1;
    loop {
        match send().await {
            Err(e) if errors::code(&e) == Some(CONFLICT) && attempt < ATTEMPTS => {
                tracing::info!(attempt, "conflicting change in progress; trying again in {pause:?}");
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stop.stopped() => return Err(e),
                }
                pause = (pause * 2).min(poll.first * 8);
                attempt += 1;
            }
            done => return done,
        }
    }
}
