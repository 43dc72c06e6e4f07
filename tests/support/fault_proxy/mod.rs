//! An AWS-fidelity fault proxy between the provider and the emulator,
//! scriptable per operation: it makes moto behave like AWS where it does not
//! and injects faults (throttling, 500, 503, access denied, quotas,
//! conflicts, connection reset, slow answers). It also counts calls per
//! operation.
//!
//! Every `AWSEvents.*` request is first checked against the EventBridge
//! service model ([`super::aws_model`]), always: a request AWS would refuse
//! is answered with AWS's 400 ValidationException, is not forwarded, and
//! fails the test when the proxy is dropped (unless the test takes the
//! violations with [`FaultProxy::take_violations`]).
//!
//! One job per file:
//! - this file: what a test sees, [`FaultProxy`] and [`Fault`];
//! - `server.rs`: the HTTP side, the order of things, forwarding to moto;
//! - `model_check.rs`: the check against the service model;
//! - `faults.rs`: AWS's answers for the injected faults;
//! - `connections.rs`: connections as AWS keeps them (secrets stripped from
//!   DescribeConnection, duplicates refused, the KMS key and private
//!   endpoints echoed, LastModifiedTime, DeauthorizeConnection; OAuth
//!   connections AUTHORIZING first, deleted ones DELETING for a while, no
//!   StateReason in ordinary answers);
//! - `destinations.rs`: API destinations as AWS keeps them (duplicates and
//!   missing connections refused, the default rate limit, LastModifiedTime,
//!   INACTIVE while their connection is AUTHORIZING);
//! - `targets.rs`: a rule's targets as AWS keeps them (at most 5 per rule,
//!   failed entries the test scripts, ListTargetsByRule's not-found message
//!   and paging, ListRuleNamesByTarget's paging);
//! - rules and tags go to moto as they are: moto keeps them as AWS does (it
//!   refuses DeleteRule while the rule has targets), so only faults are
//!   added ([`Fault::RoleNotAssumable`], [`Fault::HasTargets`], the rules
//!   quota with [`Fault::QuotaReached`]);
//! - `listing.rs`: list filters and pages, which moto ignores;
//! - `script.rs`: what the proxy holds between calls.
//!
//! # Scripting targets' partial failures
//!
//! AWS answers PutTargets and RemoveTargets with HTTP 200 even when some
//! entries failed, listing them in `FailedEntries`. A test makes the next
//! call that names target `orders` fail that entry with
//! [`FaultProxy::fail_entry`], choosing the error as for any other fault:
//!
//! ```ignore
//! proxy.fail_entry("PutTargets", "orders", Fault::Conflict, 1);
//! // the next PutTargets naming target "orders" answers 200 with
//! // {"FailedEntryCount": 1, "FailedEntries": [{"TargetId": "orders",
//! //   "ErrorCode": "ConcurrentModificationException",
//! //   "ErrorMessage": "There is concurrent modification on a rule, target, archive, or replay."}]}
//! // and does not reach moto: the target is not put. Other targets of the
//! // same call are put as usual.
//! proxy.fail_entry("RemoveTargets", "orders", Fault::Internal, 2); // the next two removals of it fail
//! ```
//!
//! A whole call fails as before, with [`FaultProxy::fail_next`]
//! (`proxy.fail_next("PutTargets", Fault::Throttle, 1)`); the 5-target
//! quota needs no script: a PutTargets that would leave a rule with a
//! sixth target is refused with AWS's LimitExceededException.

mod connections;
mod destinations;
mod faults;
mod listing;
mod model_check;
mod script;
mod server;
mod targets;

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value as Json;

use script::{lock, Script};

/// A fault to inject instead of (or before) forwarding a call.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// 400 ThrottlingException (retryable).
    Throttle,
    /// 500 InternalException (retryable).
    Internal,
    /// 503 ServiceUnavailable (retryable).
    Unavailable,
    /// The connection is closed without an answer.
    Reset,
    /// The call is forwarded after this delay.
    Slow(Duration),
    /// 400 AccessDeniedException naming the operation's IAM action, as IAM
    /// words it (not retryable).
    Denied,
    /// 400 AccessDeniedException for the customer managed KMS key: EventBridge
    /// could not use it (not retryable).
    KmsDenied,
    /// 400 LimitExceededException: a service quota is reached.
    QuotaReached,
    /// 400 ConcurrentModificationException: another change is in flight.
    Conflict,
    /// 400 ResourceNotFoundException.
    NotFound,
    /// 400 ValidationException: the rule's role "cannot be assumed by
    /// principal" (IAM has not propagated it yet), as PutRule answers.
    RoleNotAssumable,
    /// 400 ValidationException "Rule can't be deleted since it has
    /// targets", as DeleteRule answers while removed targets linger.
    HasTargets,
    /// The proxy itself panics on the call, as a harness bug would: the
    /// call is answered 400 `FaultProxyFailure` (not retried) and the
    /// panic is a violation, so the test fails. For the proxy's own tests.
    HarnessPanic,
    /// No fault: the call is forwarded as usual. In a `fail_next` sequence,
    /// it lets earlier calls through to fault a later one.
    Pass,
}

pub struct FaultProxy {
    pub endpoint: String,
    script: Arc<Mutex<Script>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// A proxy in front of the emulator at `upstream_port`, behaving like
    /// AWS (requests checked against the model, secrets stripped,
    /// duplicates and missing connections refused, LastModifiedTime kept,
    /// DeauthorizeConnection served, OAuth connections AUTHORIZING in their
    /// create's answer and the next describe, deleted connections DELETING
    /// in the next two describes, API destinations' default rate limit and
    /// INACTIVE state, at most 5 targets per rule, lists filtered and
    /// paged) and with no faults yet.
    pub fn start(upstream_port: u16) -> FaultProxy {
        let model = model_check::model_for_proxy();
        let script = Arc::new(Mutex::new(Script {
            strip_secrets: true,
            refuse_duplicates: true,
            oauth_authorizing_describes: 1,
            deleting_describes: 2,
            ..Default::default()
        }));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shared = Arc::new(server::Shared {
            upstream: upstream_port,
            script: script.clone(),
            model,
        });
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("proxy runtime");
            runtime.block_on(server::serve(listener, shared, stopped));
        });
        FaultProxy {
            endpoint: format!("http://127.0.0.1:{port}"),
            script,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Script) -> R) -> R {
        f(&mut lock(&self.script))
    }

    /// The next `count` calls of `operation` (e.g. "CreateConnection") fail.
    pub fn fail_next(&self, operation: &str, fault: Fault, count: usize) {
        self.with(|s| {
            s.next
                .entry(operation.to_string())
                .or_default()
                .extend(std::iter::repeat_n(fault, count))
        });
    }

    /// Every call of `operation` fails until `clear`.
    pub fn fail_always(&self, operation: &str, fault: Fault) {
        self.with(|s| s.always.insert(operation.to_string(), fault));
    }

    /// DescribeConnection reports these states first, one per call.
    pub fn states_first(&self, states: &[&str]) {
        self.with(|s| s.states.extend(states.iter().map(|x| x.to_string())));
    }

    /// DescribeConnection reports `state` forever (until `clear`).
    pub fn stuck_in(&self, state: &str) {
        self.with(|s| {
            s.states = VecDeque::from([state.to_string()]);
            s.stuck = true;
        });
    }

    /// An OAuth connection stays AUTHORIZING in this many DescribeConnection
    /// answers after its CreateConnection (or an UpdateConnection with auth
    /// parameters), whose own answer says AUTHORIZING, then is AUTHORIZED;
    /// its API destinations are INACTIVE meanwhile. By default 1, as AWS
    /// answered; `usize::MAX`: it never authorizes. For the connections
    /// created or updated from now on.
    pub fn oauth_authorizing_for(&self, describes: usize) {
        self.with(|s| s.oauth_authorizing_describes = describes);
    }

    /// A deleted connection is still DELETING in this many
    /// DescribeConnection answers, then ResourceNotFoundException. By
    /// default 2 (AWS answers DELETING and removes the connection later);
    /// 0: gone at once, as moto does. For the deletes from now on.
    pub fn deleting_for(&self, describes: usize) {
        self.with(|s| s.deleting_describes = describes);
    }

    /// The next `count` PutTargets or RemoveTargets calls (`operation`)
    /// that name target `target_id` answer that entry as failed, as AWS
    /// answers a partial failure: HTTP 200, `FailedEntryCount` and
    /// `FailedEntries` with `{TargetId, ErrorCode, ErrorMessage}`, the code
    /// and message those of `fault` (e.g. [`Fault::Conflict`]:
    /// ConcurrentModificationException). The failed entry is not
    /// forwarded, so moto keeps the rule's targets as they were; the call's
    /// other entries are. See the module's docs.
    pub fn fail_entry(&self, operation: &str, target_id: &str, fault: Fault, count: usize) {
        if count == 0 {
            return;
        }
        self.with(|s| {
            s.entry_faults.push(targets::EntryFault {
                operation: operation.to_string(),
                id: target_id.to_string(),
                fault,
                count,
            })
        });
    }

    /// Removes every fault and state override (AWS-likeness stays).
    pub fn clear(&self) {
        self.with(|s| {
            s.next.clear();
            s.always.clear();
            s.states.clear();
            s.stuck = false;
            s.entry_faults.clear();
        });
    }

    /// Every ListConnections (and ListApiDestinations, ListTargetsByRule,
    /// ListRuleNamesByTarget) page holds at most `size` entries, so that a
    /// listing has to follow NextToken.
    pub fn list_page_size(&self, size: usize) {
        self.with(|s| s.list_page_cap = Some(size.max(1)));
    }

    /// The most calls the proxy was answering at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.with(|s| s.max_in_flight)
    }

    /// Calls of `operation` received so far (faulted and refused ones
    /// included).
    pub fn calls(&self, operation: &str) -> usize {
        self.with(|s| s.calls.get(operation).copied().unwrap_or(0))
    }

    /// Why requests were refused so far because AWS would refuse them, one
    /// line per violation: operation, member path and constraint (never a
    /// value).
    pub fn violations(&self) -> Vec<String> {
        self.with(|s| s.violations.clone())
    }

    /// Like [`FaultProxy::violations`], and forgets them: for a test that
    /// sends a bad request on purpose (the proxy fails any other test that
    /// sent one when it is dropped).
    pub fn take_violations(&self) -> Vec<String> {
        self.with(|s| std::mem::take(&mut s.violations))
    }

    /// The LastModifiedTime (epoch seconds) the proxy keeps for connection
    /// `name`, in any Region (the latest if several); None if it saw no
    /// successful create, update or deauthorization of it since its last
    /// delete.
    pub fn last_modified(&self, name: &str) -> Option<f64> {
        self.with(|s| latest(s.connections.iter().map(|(k, r)| (k, r.last_modified)), name))
    }

    /// The same for API destination `name`: None if the proxy saw no
    /// successful create or update of it since its last delete.
    pub fn destination_last_modified(&self, name: &str) -> Option<f64> {
        self.with(|s| latest(s.destinations.iter().map(|(k, r)| (k, r.last_modified)), name))
    }

    /// Calls an EventBridge operation through the proxy, signed for
    /// `region` with a fake credential scope (moto and the proxy only read
    /// the scope): (status, JSON body, or the text as a JSON string).
    pub fn call(&self, region: &str, operation: &str, body: Json) -> (u16, Json) {
        let port = self
            .endpoint
            .rsplit(':')
            .next()
            .and_then(|p| p.parse::<u16>().ok())
            .expect("the proxy's port");
        let body = body.to_string();
        let request = format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
             Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSEvents.{operation}\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/events/aws4_request, \
             SignedHeaders=host, Signature=0\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the proxy");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("read timeout");
        stream.write_all(request.as_bytes()).expect("send to the proxy");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("the proxy's answer");
        let text = String::from_utf8_lossy(&response).to_string();
        let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
        (
            status,
            serde_json::from_str(body).unwrap_or_else(|_| Json::String(body.to_string())),
        )
    }
}

/// The latest of the times kept for resources named `name`, in any Region.
fn latest<'a>(times: impl Iterator<Item = (&'a script::ResourceKey, f64)>, name: &str) -> Option<f64> {
    times.filter(|(k, _)| k.name == name).map(|(_, t)| t).reduce(f64::max)
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let violations = self.take_violations();
        if !violations.is_empty() && !std::thread::panicking() {
            panic!(
                "the fault proxy refused requests that AWS would refuse ({} violation(s)):\n  {}",
                violations.len(),
                violations.join("\n  ")
            );
        }
    }
}
