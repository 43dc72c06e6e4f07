//! A call sent again, for a bounded time, while AWS answers with what a
//! type knows to be passing: a rule's role IAM has not propagated yet, a
//! rule whose targets were just removed, a rule just written and not yet
//! readable (EventBridge is eventually consistent). The bound is counted in
//! the provider's longest poll pause, so that tests that poll fast also
//! give up fast.

use std::future::Future;
use std::time::Duration;

use aws_sdk_eventbridge::error::SdkError;
use tokio::time::Instant;

use crate::aws::poll::PollPolicy;
use crate::tfplugin::StopSignal;

/// How long to keep trying: `pauses` times the longest poll pause
/// ([`PollPolicy::max`], 5 s by default).
pub fn bound(poll: PollPolicy, pauses: u32) -> Duration {
    poll.max * pauses
}

/// Sends `send()` until it succeeds, fails with what `passing` does not
/// take for passing, `within` has run out, or Terraform asks the provider
/// to stop; the last answer is returned. Pauses start at the poll policy's
/// first and double up to its longest.
pub async fn retrying<T, E, R, F, Fut>(
    poll: PollPolicy,
    stop: &StopSignal,
    within: Duration,
    passing: impl Fn(&SdkError<E, R>) -> bool,
    send: F,
) -> Result<T, SdkError<E, R>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E, R>>>,
{
    until(
        poll,
        stop,
        within,
        |answer: &Result<T, SdkError<E, R>>| matches!(answer, Err(e) if passing(e)),
        send,
    )
    .await
}

/// Sends `send()` again while `again` says of its answer that AWS is not
/// there yet (e.g. a target not listed yet), within the same bounds as
/// [`retrying`]; the last answer is returned.
pub async fn until<T, F, Fut>(
    poll: PollPolicy,
    stop: &StopSignal,
    within: Duration,
    again: impl Fn(&T) -> bool,
    mut send: F,
) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let deadline = Instant::now() + within;
    let mut pause = poll.first;
    loop {
        let answer = send().await;
        if !again(&answer) || Instant::now() + pause > deadline {
            return answer;
        }
        tracing::info!("AWS answered what passes; trying again in {pause:?}");
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = stop.stopped() => return answer,
        }
        pause = (pause * 2).min(poll.max);
    }
}
