//! Waiting for AWS to settle an object: poll a type's own Describe call
//! until its predicate holds, backing off as [`PollPolicy`] says, giving up
//! at the deadline and at once when Terraform asks the provider to stop.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::aws::poll::PollPolicy;
use crate::tfplugin::StopSignal;

/// What one poll found: `D` when done, `T` what it sees meanwhile.
pub enum Probe<D, T> {
    /// The wait is over (the object settled, or is gone when that was
    /// awaited); the caller judges what it found.
    Done(D),
    /// Not yet; what was seen, kept for a timeout or a stop.
    Pending(T),
    /// The poll itself failed, or found what ends the wait in failure.
    Failed(WaitError<T>),
}

/// How a wait ended, when it did not end with [`Probe::Done`].
#[derive(Debug)]
pub enum WaitError<T> {
    /// The time allowed ran out; the last thing seen, if any.
    TimedOut { last: Option<Box<T>>, after: Duration },
    /// Terraform asked the provider to stop.
    Stopped { last: Option<Box<T>> },
    /// The Describe call failed: AWS's words.
    Api(String),
    /// The object vanished while it was awaited.
    Gone,
}

/// Polls `probe` until it says done or failed (the probe logs what it
/// sees). The first poll happens at once.
pub async fn until<D, T, F, Fut>(
    mut probe: F,
    timeout: Duration,
    poll: PollPolicy,
    stop: &StopSignal,
) -> Result<D, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Probe<D, T>>,
{
    let deadline = Instant::now() + timeout;
    let mut delay = poll.first;
    let mut last: Option<Box<T>> = None;
    loop {
        let found = tokio::select! {
            found = probe() => found,
            _ = stop.stopped() => return Err(WaitError::Stopped { last }),
        };
        match found {
            Probe::Done(t) => return Ok(t),
            Probe::Failed(e) => return Err(e),
            Probe::Pending(t) => last = Some(Box::new(t)),
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(WaitError::TimedOut { last, after: timeout });
        }
        tokio::select! {
            _ = tokio::time::sleep_until((now + delay).min(deadline)) => {}
            _ = stop.stopped() => return Err(WaitError::Stopped { last }),
        }
        delay = (delay * 2).min(poll.max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> PollPolicy {
        PollPolicy {
            first: Duration::from_millis(1),
            max: Duration::from_millis(2),
        }
    }

    #[tokio::test]
    async fn polls_until_done_and_times_out_with_the_last_seen() {
        let mut n = 0;
        let done = until(
            || {
                n += 1;
                let seen = n;
                async move {
                    if seen < 3 {
                        Probe::Pending(seen)
                    } else {
                        Probe::Done(seen)
                    }
                }
            },
            Duration::from_secs(5),
            fast(),
            &StopSignal::never(),
        )
        .await;
        assert_eq!(done.ok(), Some(3));

        let never = until(
            || async { Probe::<(), _>::Pending(7) },
            Duration::from_millis(20),
            fast(),
            &StopSignal::never(),
        )
        .await;
        assert!(matches!(never, Err(WaitError::TimedOut { last: Some(l), .. }) if *l == 7));
    }

    #[tokio::test]
    async fn a_stop_ends_the_wait_at_once() {
        let (tx, stop) = StopSignal::new();
        let _ = tx.send(true);
        let stopped = until(
            || async { Probe::<(), _>::Pending(1) },
            Duration::from_secs(600),
            fast(),
            &stop,
        )
        .await;
        assert!(matches!(stopped, Err(WaitError::Stopped { .. })));
    }
}
