//! How often waiters poll AWS: quickly at first, then backing off.

use std::time::Duration;

/// How often to poll (e.g. DescribeConnection): `first`, then growing to `max`.
#[derive(Clone, Copy, Debug)]
pub struct PollPolicy {
    pub first: Duration,
    pub max: Duration,
}

impl Default for PollPolicy {
    fn default() -> PollPolicy {
        PollPolicy {
            first: Duration::from_secs(1),
            max: Duration::from_secs(5),
        }
    }
}
