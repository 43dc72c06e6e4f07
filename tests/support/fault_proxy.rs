//! An AWS-fidelity fault proxy between the provider and the emulator,
//! scriptable per operation: it makes moto behave like AWS where it does not
//! (secrets stripped from DescribeConnection, ResourceAlreadyExists on a
//! duplicate create, CREATING/AUTHORIZING before the final state,
//! LastModifiedTime, DeauthorizeConnection, ListConnections filters and
//! pages) and injects faults (throttling, 500, 503, access denied,
//! connection reset, slow answers). It also counts calls per operation.
//!
//! Every `AWSEvents.*` request is first checked against the EventBridge
//! service model ([`super::aws_model`]), always: a request AWS would refuse
//! is answered with AWS's 400 ValidationException, is not forwarded, and
//! fails the test when the proxy is dropped (unless the test takes the
//! violations with [`FaultProxy::take_violations`]).

use std::collections::{HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex, MutexGuard, Once};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value as Json;

use super::aws_model::{self, Model};

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
    /// No fault: the call is forwarded as usual. In a `fail_next` sequence,
    /// it lets earlier calls through to fault a later one.
    Pass,
}

#[derive(Default)]
struct Script {
    /// Faults for the next calls of an operation, in order.
    next: HashMap<String, VecDeque<Fault>>,
    /// A fault for every call of an operation.
    always: HashMap<String, Fault>,
    /// States DescribeConnection reports before the real one, per call.
    states: VecDeque<String>,
    /// Keep reporting the last of `states` forever.
    stuck: bool,
    /// Do as AWS: no secret values in DescribeConnection.
    strip_secrets: bool,
    /// Do as AWS: CreateConnection of an existing name fails.
    refuse_duplicates: bool,
    calls: HashMap<String, usize>,
    in_flight: usize,
    max_in_flight: usize,
    /// Violations of the requests the model check refused, one line each,
    /// no values.
    violations: Vec<String>,
    /// What the proxy knows of each connection beyond moto.
    connections: HashMap<ConnectionKey, Record>,
    /// The last LastModifiedTime handed out, in ms: stamps only increase.
    last_stamp_ms: u64,
    /// The most connections one ListConnections page holds, whatever the
    /// request's Limit (AWS may return fewer than asked).
    list_page_cap: Option<usize>,
}

/// A connection as AWS tells them apart: account, Region and name.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct ConnectionKey {
    account: String,
    region: String,
    name: String,
}

/// Where DeauthorizeConnection has taken a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Deauthorization {
    /// The next DescribeConnection says DEAUTHORIZING.
    Deauthorizing,
    /// Later ones say DEAUTHORIZED.
    Deauthorized,
}

impl Deauthorization {
    fn state(self) -> &'static str {
        match self {
            Deauthorization::Deauthorizing => "DEAUTHORIZING",
            Deauthorization::Deauthorized => "DEAUTHORIZED",
        }
    }
}

/// What moto does not keep about a connection.
#[derive(Clone, Debug, Default)]
struct Record {
    /// KmsKeyIdentifier as last sent (moto drops it).
    kms_key: Option<String>,
    /// The resource configuration ARNs of InvocationConnectivityParameters
    /// and AuthParameters.ConnectivityParameters as last sent (moto drops
    /// them); None: public.
    invocation_connectivity: Option<String>,
    auth_connectivity: Option<String>,
    /// Epoch seconds of the last create, update or deauthorization.
    last_modified: f64,
    /// Epoch seconds of the last create or update with auth parameters.
    last_authorized: Option<f64>,
    deauthorized: Option<Deauthorization>,
}

impl Record {
    /// What a create or update sets that moto drops: the KMS key, and each
    /// private endpoint (an empty ARN makes it public again). A member the
    /// request leaves out is unchanged, as on AWS.
    fn keep_settings(&mut self, request: &Json) {
        if let Some(key) = request["KmsKeyIdentifier"].as_str() {
            self.kms_key = Some(key.to_string()).filter(|k| !k.is_empty());
        }
        let arn = |block: &Json| {
            block.get("ResourceParameters").map(|r| {
                r["ResourceConfigurationArn"]
                    .as_str()
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
            })
        };
        if let Some(invocation) = arn(&request["InvocationConnectivityParameters"]) {
            self.invocation_connectivity = invocation;
        }
        if let Some(auth) = arn(&request["AuthParameters"]["ConnectivityParameters"]) {
            self.auth_connectivity = auth;
        }
    }

    /// DescribeConnection as AWS answers it: the KMS key as it was sent, and
    /// each private endpoint with the resource association EventBridge made.
    fn describe_settings(&self, json: &mut Json) {
        if let Some(key) = &self.kms_key {
            json["KmsKeyIdentifier"] = key.as_str().into();
        }
        if let Some(arn) = &self.invocation_connectivity {
            json["InvocationConnectivityParameters"] = connectivity(arn);
        }
        if let Some(arn) = &self.auth_connectivity {
            if json["AuthParameters"].is_object() {
                json["AuthParameters"]["ConnectivityParameters"] = connectivity(arn);
            }
        }
    }
}

/// A DescribeConnectionConnectivityParameters for `arn`, with the
/// resource association EventBridge would have made for it (its ID made
/// up, the same for the same configuration).
fn connectivity(arn: &str) -> Json {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    arn.hash(&mut hasher);
    let id = format!("{:017x}", hasher.finish());
    let mut parts = arn.splitn(6, ':');
    let (region, account) = (parts.nth(3).unwrap_or_default(), parts.next().unwrap_or_default());
    serde_json::json!({"ResourceParameters": {
        "ResourceConfigurationArn": arn,
        "ResourceAssociationArn": format!("arn:aws:vpc-lattice:{region}:{account}:servicenetworkresourceassociation/snra-{id}"),
    }})
}

impl Script {
    /// A LastModifiedTime for `key` now: later than every earlier stamp,
    /// and than the connection's own last one. Epoch seconds, ms precision.
    fn stamp(&mut self, key: &ConnectionKey) -> f64 {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let after_own = self
            .connections
            .get(key)
            .map_or(0, |r| (r.last_modified * 1000.0).floor() as u64 + 1);
        let t = now_ms.max(self.last_stamp_ms + 1).max(after_own);
        self.last_stamp_ms = t;
        t as f64 / 1000.0
    }

    /// A time moto chose (CreationTime) that later stamps must exceed.
    fn witness(&mut self, seconds: f64) {
        self.last_stamp_ms = self.last_stamp_ms.max((seconds * 1000.0).ceil() as u64);
    }
}

pub struct FaultProxy {
    pub endpoint: String,
    script: Arc<Mutex<Script>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The model every request is checked against. Without it the proxy
/// cannot check: a failure under CI, else one warning and no checks.
fn model_for_proxy() -> Option<&'static Model> {
    match aws_model::locate() {
        Ok(_) => Some(aws_model::model().unwrap_or_else(|why| panic!("the AWS service model cannot be used: {why}"))),
        Err(why) if super::tools_required() => panic!(
            "the fault proxy checks every request against the AWS service model, which is required under CI or TF_ACC: {why}"
        ),
        Err(why) => {
            static WARNED: Once = Once::new();
            WARNED.call_once(|| eprintln!("AWS model not found ({why}): the fault proxy passes requests unchecked"));
            None
        }
    }
}

impl FaultProxy {
    /// A proxy in front of the emulator at `upstream_port`, behaving like
    /// AWS (requests checked against the model, secrets stripped,
    /// duplicates refused, LastModifiedTime kept, DeauthorizeConnection
    /// served) and with no faults yet.
    pub fn start(upstream_port: u16) -> FaultProxy {
        let model = model_for_proxy();
        let script = Arc::new(Mutex::new(Script {
            strip_secrets: true,
            refuse_duplicates: true,
            ..Default::default()
        }));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shared = script.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("proxy runtime");
            runtime.block_on(serve(listener, upstream_port, shared, model, stopped));
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

    /// Removes every fault and state override (AWS-likeness stays).
    pub fn clear(&self) {
        self.with(|s| {
            s.next.clear();
            s.always.clear();
            s.states.clear();
            s.stuck = false;
        });
    }

    /// Every ListConnections page holds at most `size` connections, so
    /// that a listing has to follow NextToken.
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
        self.with(|s| {
            s.connections
                .iter()
                .filter(|(k, _)| k.name == name)
                .map(|(_, r)| r.last_modified)
                .reduce(f64::max)
        })
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

/// The script even if a proxy task panicked while holding it.
fn lock(script: &Mutex<Script>) -> MutexGuard<'_, Script> {
    script.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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

async fn serve(
    listener: std::net::TcpListener,
    upstream: u16,
    script: Arc<Mutex<Script>>,
    model: Option<&'static Model>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted { Ok((s, _)) => s, Err(_) => continue },
            _ = &mut stopped => return,
        };
        let script = script.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(req, upstream, script.clone(), model));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

enum Decision {
    Fault(Fault),
    Forward { state: Option<String> },
}

async fn handle(
    req: Request<Incoming>,
    upstream: u16,
    script: Arc<Mutex<Script>>,
    model: Option<&'static Model>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    {
        let mut s = lock(&script);
        s.in_flight += 1;
        s.max_in_flight = s.max_in_flight.max(s.in_flight);
    }
    let result = answer(req, upstream, script.clone(), model).await;
    lock(&script).in_flight -= 1;
    result
}

/// The Region of a SigV4-signed request: the credential scope of its
/// Authorization header (`Credential=AKID/DATE/REGION/SERVICE/aws4_request`).
fn region_of(headers: &hyper::HeaderMap) -> String {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|auth| auth.split("Credential=").nth(1))
        .and_then(|scope| scope.split(['/', ',', ' ']).nth(2))
        .unwrap_or_default()
        .to_string()
}

/// Checks an `AWSEvents.*` request against the model: `Some(answer)` when
/// AWS would refuse it (the refusal is recorded), `None` when it passes.
fn refusal(model: &Model, operation: &str, body: &[u8], script: &Mutex<Script>) -> Option<Response<Full<Bytes>>> {
    let refuse = |code: &str, message: String, recorded: Vec<String>| {
        lock(script).violations.extend(recorded);
        Some(json_response(
            400,
            serde_json::json!({"__type": code, "message": message}),
        ))
    };
    let Ok(json) = serde_json::from_slice::<Json>(body) else {
        return refuse(
            "SerializationException",
            "The request body is not a JSON document".to_string(),
            vec![format!("{operation}: the request body is not a JSON document")],
        );
    };
    match model.validate(operation, &json) {
        Err(_) => refuse(
            "UnknownOperationException",
            format!("Unknown operation {operation}"),
            vec![format!("{operation}: not an operation of the EventBridge model")],
        ),
        Ok(violations) if violations.is_empty() => None,
        Ok(violations) => {
            let recorded: Vec<String> = violations
                .iter()
                .map(|v| format!("{operation}: {}", v.redacted()))
                .collect();
            refuse(
                "ValidationException",
                aws_model::validation_message(&violations),
                recorded,
            )
        }
    }
}

async fn answer(
    req: Request<Incoming>,
    upstream: u16,
    script: Arc<Mutex<Script>>,
    model: Option<&'static Model>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(std::io::Error::other)?.to_bytes();
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let events = target.starts_with("AWSEvents.");
    let operation = target.trim_start_matches("AWSEvents.").to_string();
    lock(&script)
        .calls
        .entry(operation.clone())
        .and_modify(|n| *n += 1)
        .or_insert(1);
    if let Some(model) = model.filter(|_| events) {
        if let Some(refused) = refusal(model, &operation, &body, &script) {
            return Ok(refused);
        }
    }
    let decision = {
        let mut s = lock(&script);
        if let Some(fault) = s.next.get_mut(&operation).and_then(VecDeque::pop_front) {
            Decision::Fault(fault)
        } else if let Some(fault) = s.always.get(&operation) {
            Decision::Fault(*fault)
        } else if operation == "DescribeConnection" {
            let state = if s.stuck {
                s.states.front().cloned()
            } else {
                s.states.pop_front()
            };
            Decision::Forward { state }
        } else {
            Decision::Forward { state: None }
        }
    };
    let (strip, refuse_duplicates) = {
        let s = lock(&script);
        (s.strip_secrets, s.refuse_duplicates)
    };
    let state = match decision {
        Decision::Fault(Fault::Pass) => None,
        Decision::Fault(Fault::Reset) => return Err(std::io::Error::other("connection reset by the fault proxy")),
        Decision::Fault(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Decision::Fault(fault) => return Ok(aws_error(fault, &operation, &parts.headers, &request_name(&body))),
        Decision::Forward { state } => state,
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "host" | "connection" | "content-length"))
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let request: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
    let key = |name: &str| ConnectionKey {
        account: parts
            .headers
            .get("x-moto-account-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        region: region_of(&parts.headers),
        name: name.to_string(),
    };
    let request_key = key(request["Name"].as_str().unwrap_or_default());
    if events && operation == "DeauthorizeConnection" {
        return deauthorize(upstream, headers, &request_key, &script).await;
    }
    if refuse_duplicates && operation == "CreateConnection" {
        if let Some(name) = request["Name"].as_str() {
            let probe = serde_json::json!({ "Name": name }).to_string();
            let (status, _) = forward(upstream, retarget(&headers, "DescribeConnection"), probe.into_bytes()).await?;
            if status == 200 {
                return Ok(json_response(
                    400,
                    serde_json::json!({"__type": "ResourceAlreadyExistsException", "message": format!("Connection {name} already exists.")}),
                ));
            }
        }
    }
    let (status, response) = forward(upstream, headers, body.to_vec()).await?;
    let mut json: Json = serde_json::from_slice(&response).unwrap_or(Json::Null);
    if events && status == 200 && json.is_object() {
        let mut s = lock(&script);
        match operation.as_str() {
            "CreateConnection" => created(&mut s, &request_key, &request, &mut json),
            "UpdateConnection" => updated(&mut s, &request_key, &request, &mut json),
            "DeleteConnection" => {
                s.connections.remove(&request_key);
            }
            "DescribeConnection" => described(&mut s, &request_key, &mut json),
            "ListConnections" => {
                for entry in json["Connections"].as_array_mut().into_iter().flatten() {
                    let entry_key = key(entry["Name"].as_str().unwrap_or_default());
                    listed(&s, &entry_key, entry);
                }
                if let Some(refused) = page(&request, &mut json, s.list_page_cap) {
                    return Ok(refused);
                }
            }
            _ => {}
        }
    }
    if operation == "DescribeConnection" && status == 200 {
        if strip {
            strip_secrets(&mut json);
        }
        if let Some(state) = state {
            json["ConnectionState"] = Json::String(state);
        }
    }
    if json.is_null() {
        return Ok(Response::builder()
            .status(status)
            .body(Full::new(Bytes::from(response)))
            .expect("response"));
    }
    Ok(json_response(status, json))
}

/// The same request headers for another operation (a probe).
fn retarget(headers: &[(String, String)], operation: &str) -> Vec<(String, String)> {
    let mut probe = headers.to_vec();
    for h in probe.iter_mut().filter(|(k, _)| k == "x-amz-target") {
        h.1 = format!("AWSEvents.{operation}");
    }
    probe
}

/// A successful CreateConnection: LastModifiedTime is the creation time, as
/// on AWS; the connection is authorized; its KMS key and private endpoints
/// are kept as AWS keeps them.
fn created(s: &mut Script, key: &ConnectionKey, request: &Json, json: &mut Json) {
    let at = match json["CreationTime"].as_f64() {
        Some(creation) => {
            s.witness(creation);
            creation
        }
        None => s.stamp(key),
    };
    let mut record = Record {
        last_modified: at,
        last_authorized: Some(at),
        ..Record::default()
    };
    record.keep_settings(request);
    s.connections.insert(key.clone(), record);
    json["LastModifiedTime"] = at.into();
}

/// A successful UpdateConnection moves LastModifiedTime; one that carries
/// auth parameters authorizes a deauthorized connection again.
fn updated(s: &mut Script, key: &ConnectionKey, request: &Json, json: &mut Json) {
    let at = s.stamp(key);
    let creation = json["CreationTime"].as_f64();
    let record = s.connections.entry(key.clone()).or_insert_with(|| Record {
        last_authorized: creation,
        ..Record::default()
    });
    record.last_modified = at;
    record.keep_settings(request);
    if !request["AuthParameters"].is_null() {
        record.deauthorized = None;
        record.last_authorized = Some(at);
    }
    json["LastModifiedTime"] = at.into();
    if let Some(authorized) = record.last_authorized {
        json["LastAuthorizedTime"] = authorized.into();
    }
    if let Some(d) = record.deauthorized {
        json["ConnectionState"] = d.state().into();
    }
}

/// DescribeConnection: the times moto lacks, and the deauthorization, which
/// moves on from DEAUTHORIZING to DEAUTHORIZED with the next describe.
fn described(s: &mut Script, key: &ConnectionKey, json: &mut Json) {
    let creation = json["CreationTime"].as_f64();
    let Some(record) = s.connections.get_mut(key) else {
        // Not seen through the proxy (made in moto directly): AWS would
        // still answer with a LastModifiedTime.
        if let Some(creation) = creation {
            json["LastModifiedTime"] = creation.into();
        }
        return;
    };
    json["LastModifiedTime"] = record.last_modified.into();
    if let Some(authorized) = record.last_authorized.or(creation) {
        json["LastAuthorizedTime"] = authorized.into();
    }
    record.describe_settings(json);
    if let Some(d) = record.deauthorized {
        json["ConnectionState"] = d.state().into();
        if d == Deauthorization::Deauthorized {
            json["StateReason"] = "Connection was deauthorized".into();
        }
        record.deauthorized = Some(Deauthorization::Deauthorized);
        // Deauthorization removes every secret, whatever the proxy's other
        // settings.
        strip_secrets(json);
    }
}

/// One ListConnections entry: LastModifiedTime and state as the proxy
/// knows them.
fn listed(s: &Script, key: &ConnectionKey, entry: &mut Json) {
    let Some(record) = s.connections.get(key) else {
        return;
    };
    entry["LastModifiedTime"] = record.last_modified.into();
    if let Some(authorized) = record.last_authorized {
        entry["LastAuthorizedTime"] = authorized.into();
    }
    if let Some(d) = record.deauthorized {
        entry["ConnectionState"] = d.state().into();
    }
}

/// ListConnections as AWS answers it, which moto does not: only the
/// connections whose name starts with NamePrefix and whose state is
/// ConnectionState, in name order, `Limit` (at most `cap`) per page, with a
/// NextToken while more remain. `Some(answer)` refuses a NextToken that
/// the proxy did not hand out.
fn page(request: &Json, json: &mut Json, cap: Option<usize>) -> Option<Response<Full<Bytes>>> {
    let prefix = request["NamePrefix"].as_str().unwrap_or_default();
    let state = request["ConnectionState"].as_str();
    let mut all: Vec<Json> = json["Connections"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c["Name"].as_str().is_some_and(|n| n.starts_with(prefix)))
        .filter(|c| state.is_none_or(|s| c["ConnectionState"] == s))
        .collect();
    all.sort_by(|a, b| a["Name"].as_str().cmp(&b["Name"].as_str()));
    let start = match request["NextToken"].as_str() {
        None => 0,
        Some(token) => match token
            .strip_prefix("fault-proxy-page:")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(offset) if offset <= all.len() => offset,
            _ => {
                return Some(json_response(
                    400,
                    serde_json::json!({"__type": "InvalidToken", "message": "The NextToken is invalid or expired."}),
                ))
            }
        },
    };
    let limit = request["Limit"].as_u64().map_or(100, |l| l as usize);
    let size = cap.map_or(limit, |c| limit.min(c));
    let end = (start + size).min(all.len());
    json["Connections"] = Json::Array(all[start..end].to_vec());
    if let Some(object) = json.as_object_mut() {
        object.remove("NextToken");
    }
    if end < all.len() {
        json["NextToken"] = format!("fault-proxy-page:{end}").into();
    }
    None
}

/// DeauthorizeConnection, which moto cannot do (HTTP 500): served here for
/// a connection that exists, like AWS; an unknown one gets moto's
/// ResourceNotFoundException.
async fn deauthorize(
    upstream: u16,
    headers: Vec<(String, String)>,
    key: &ConnectionKey,
    script: &Mutex<Script>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let probe = serde_json::json!({ "Name": key.name }).to_string();
    let (status, response) = forward(upstream, retarget(&headers, "DescribeConnection"), probe.into_bytes()).await?;
    let existing: Json = serde_json::from_slice(&response).unwrap_or(Json::Null);
    if status != 200 || !existing.is_object() {
        return Ok(match existing {
            Json::Object(_) => json_response(status, existing),
            _ => Response::builder()
                .status(status)
                .body(Full::new(Bytes::from(response)))
                .expect("response"),
        });
    }
    let creation = existing["CreationTime"].as_f64();
    let mut s = lock(script);
    let at = s.stamp(key);
    let record = s.connections.entry(key.clone()).or_insert_with(|| Record {
        last_authorized: creation,
        ..Record::default()
    });
    record.last_modified = at;
    record.deauthorized = Some(Deauthorization::Deauthorizing);
    let mut answer = serde_json::json!({
        "ConnectionArn": existing["ConnectionArn"],
        "ConnectionState": "DEAUTHORIZING",
        "CreationTime": existing["CreationTime"],
        "LastModifiedTime": at,
    });
    if let Some(authorized) = record.last_authorized {
        answer["LastAuthorizedTime"] = authorized.into();
    }
    Ok(json_response(200, answer))
}

fn json_response(status: u16, json: Json) -> Response<Full<Bytes>> {
    let mut builder = Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-requestid", "fault-proxy");
    if let Some(code) = json.get("__type").and_then(Json::as_str) {
        builder = builder.header("x-amzn-errortype", code);
    }
    builder
        .body(Full::new(Bytes::from(json.to_string())))
        .expect("response")
}

/// The resource type an EventBridge operation acts on, as its ARN names it.
fn resource_type(operation: &str) -> &'static str {
    if operation.contains("ApiDestination") {
        "api-destination"
    } else {
        "connection"
    }
}

/// The `Name` of a request body, if any.
fn request_name(body: &[u8]) -> String {
    serde_json::from_slice::<Json>(body)
        .ok()
        .and_then(|j| j["Name"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// AWS's answer for an injected fault: its code, and its message as AWS
/// words it (the service model's description of the error; IAM's sentence
/// for a denied action, naming the action and the resource).
fn aws_error(fault: Fault, operation: &str, headers: &hyper::HeaderMap, name: &str) -> Response<Full<Bytes>> {
    let region = region_of(headers);
    let account = headers
        .get("x-moto-account-id")
        .and_then(|v| v.to_str().ok())
        .filter(|a| !a.is_empty())
        .unwrap_or("123456789012");
    let denied = |action: &str, resource: String| {
        format!(
            "User: arn:aws:sts::{account}:assumed-role/deploy/terraform is not authorized to perform: {action} on \
             resource: {resource} because no identity-based policy allows the {action} action"
        )
    };
    let (status, code, message) = match fault {
        Fault::Throttle => (400, "ThrottlingException", "Rate exceeded".to_string()),
        Fault::Internal => (
            500,
            "InternalException",
            "This exception occurs due to unexpected causes.".to_string(),
        ),
        Fault::Denied => (
            400,
            "AccessDeniedException",
            denied(
                &format!("events:{operation}"),
                format!("arn:aws:events:{region}:{account}:{}/{name}", resource_type(operation)),
            ),
        ),
        Fault::KmsDenied => (
            400,
            "AccessDeniedException",
            denied(
                "kms:DescribeKey",
                format!("arn:aws:kms:{region}:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            ),
        ),
        Fault::QuotaReached => (
            400,
            "LimitExceededException",
            "The request failed because it attempted to create resource beyond the allowed service quota.".to_string(),
        ),
        Fault::Conflict => (
            400,
            "ConcurrentModificationException",
            "There is concurrent modification on a rule, target, archive, or replay.".to_string(),
        ),
        Fault::NotFound => (
            400,
            "ResourceNotFoundException",
            format!("Failed to describe the connection(s). Connection '{name}' does not exist."),
        ),
        _ => (503, "ServiceUnavailableException", "Service unavailable".to_string()),
    };
    json_response(status, serde_json::json!({"__type": code, "message": message}))
}

/// What AWS leaves out of DescribeConnection: every secret.
fn strip_secrets(json: &mut Json) {
    let auth = &mut json["AuthParameters"];
    for (block, field) in [
        ("ApiKeyAuthParameters", "ApiKeyValue"),
        ("BasicAuthParameters", "Password"),
    ] {
        if let Some(obj) = auth.get_mut(block).and_then(Json::as_object_mut) {
            obj.remove(field);
        }
    }
    if let Some(oauth) = auth.get_mut("OAuthParameters") {
        if let Some(client) = oauth.get_mut("ClientParameters").and_then(Json::as_object_mut) {
            client.remove("ClientSecret");
        }
        if let Some(http) = oauth.get_mut("OAuthHttpParameters") {
            strip_secret_values(http);
        }
    }
    if let Some(http) = auth.get_mut("InvocationHttpParameters") {
        strip_secret_values(http);
    }
}

fn strip_secret_values(http: &mut Json) {
    for list in ["BodyParameters", "HeaderParameters", "QueryStringParameters"] {
        for p in http.get_mut(list).and_then(Json::as_array_mut).into_iter().flatten() {
            if p["IsValueSecret"] == true {
                if let Some(obj) = p.as_object_mut() {
                    obj.remove("Value");
                }
            }
        }
    }
}

async fn forward(upstream: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> std::io::Result<(u16, Vec<u8>)> {
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", upstream))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let mut request = format!("POST / HTTP/1.0\r\nHost: 127.0.0.1:{upstream}\r\n");
        for (k, v) in &headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(request.as_bytes())?;
        stream.write_all(&body)?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("bad response"))?;
        let head = String::from_utf8_lossy(&response[..split]).to_string();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(502);
        Ok((status, response[split + 4..].to_vec()))
    })
    .await
    .map_err(std::io::Error::other)?
}
