//! What the proxy holds between calls: the test's script (faults to
//! inject, states to report), the counters, the refused requests, and what
//! it knows of each connection and API destination beyond moto. Shared by
//! the test's [`super::FaultProxy`] and the proxy's tasks behind a mutex.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use super::connections::{Deleting, Record};
use super::destinations::DestinationRecord;
use super::targets::EntryFault;
use super::Fault;

#[derive(Default)]
pub(super) struct Script {
    /// Faults for the next calls of an operation, in order.
    pub next: HashMap<String, VecDeque<Fault>>,
    /// A fault for every call of an operation.
    pub always: HashMap<String, Fault>,
    /// States DescribeConnection reports before the real one, per call.
    pub states: VecDeque<String>,
    /// Keep reporting the last of `states` forever.
    pub stuck: bool,
    /// Do as AWS: no secret values in DescribeConnection.
    pub strip_secrets: bool,
    /// Do as AWS: creating a connection or API destination whose name is
    /// taken fails.
    pub refuse_duplicates: bool,
    pub calls: HashMap<String, usize>,
    pub in_flight: usize,
    pub max_in_flight: usize,
    /// Violations of the requests the model check refused, one line each,
    /// no values.
    pub violations: Vec<String>,
    /// What the proxy knows of each connection beyond moto.
    pub connections: HashMap<ResourceKey, Record>,
    /// Connections deleted in moto that AWS would still describe as
    /// DELETING.
    pub deleting: HashMap<ResourceKey, Deleting>,
    /// DescribeConnection answers that still say DELETING after a
    /// DeleteConnection.
    pub deleting_describes: usize,
    /// DescribeConnection answers that still say AUTHORIZING after an
    /// OAuth connection's create, or an update with auth parameters.
    pub oauth_authorizing_describes: usize,
    /// Target entries PutTargets or RemoveTargets answer as failed.
    pub entry_faults: Vec<EntryFault>,
    /// What the proxy knows of each API destination beyond moto.
    pub destinations: HashMap<ResourceKey, DestinationRecord>,
    /// The last LastModifiedTime handed out, in ms: stamps only increase.
    pub last_stamp_ms: u64,
    /// The most entries one ListConnections, ListApiDestinations,
    /// ListTargetsByRule or ListRuleNamesByTarget page holds, whatever the
    /// request's Limit (AWS may return fewer than asked).
    pub list_page_cap: Option<usize>,
}

/// A resource as AWS tells them apart: account, Region and name (a
/// connection and an API destination may share one).
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(super) struct ResourceKey {
    pub account: String,
    pub region: String,
    pub name: String,
}

impl Script {
    /// A LastModifiedTime now: later than every earlier stamp, and than
    /// `previous`, the resource's own last one. Epoch seconds, ms precision.
    pub fn stamp(&mut self, previous: Option<f64>) -> f64 {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let after_own = previous.map_or(0, |last| (last * 1000.0).floor() as u64 + 1);
        let t = now_ms.max(self.last_stamp_ms + 1).max(after_own);
        self.last_stamp_ms = t;
        t as f64 / 1000.0
    }

    /// A time moto chose (CreationTime) that later stamps must exceed.
    pub fn witness(&mut self, seconds: f64) {
        self.last_stamp_ms = self.last_stamp_ms.max((seconds * 1000.0).ceil() as u64);
    }
}

/// The script even if a proxy task panicked while holding it.
pub(super) fn lock(script: &Mutex<Script>) -> MutexGuard<'_, Script> {
    script.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
