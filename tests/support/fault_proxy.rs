//! An AWS-fidelity fault proxy between the provider and the emulator,
//! scriptable per operation: it makes moto behave like AWS where it does not
//! (secrets stripped from DescribeConnection, ResourceAlreadyExists on a
//! duplicate create, CREATING/AUTHORIZING before the final state) and
//! injects faults (throttling, 500, 503, connection reset, slow answers).
//! It also counts calls per operation.

use std::collections::{HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value as Json;

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
}

pub struct FaultProxy {
    pub endpoint: String,
    script: Arc<Mutex<Script>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// A proxy in front of the emulator at `upstream_port`, behaving like
    /// AWS (secrets stripped, duplicates refused) and with no faults yet.
    pub fn start(upstream_port: u16) -> FaultProxy {
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
            runtime.block_on(serve(listener, upstream_port, shared, stopped));
        });
        FaultProxy {
            endpoint: format!("http://127.0.0.1:{port}"),
            script,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Script) -> R) -> R {
        f(&mut self.script.lock().expect("script"))
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

    /// The most calls the proxy was answering at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.with(|s| s.max_in_flight)
    }

    /// Calls of `operation` received so far (faulted ones included).
    pub fn calls(&self, operation: &str) -> usize {
        self.with(|s| s.calls.get(operation).copied().unwrap_or(0))
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    upstream: u16,
    script: Arc<Mutex<Script>>,
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
            let service = hyper::service::service_fn(move |req| handle(req, upstream, script.clone()));
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
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    {
        let mut s = script.lock().expect("script");
        s.in_flight += 1;
        s.max_in_flight = s.max_in_flight.max(s.in_flight);
    }
    let result = answer(req, upstream, script.clone()).await;
    script.lock().expect("script").in_flight -= 1;
    result
}

async fn answer(
    req: Request<Incoming>,
    upstream: u16,
    script: Arc<Mutex<Script>>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(std::io::Error::other)?.to_bytes();
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let operation = target.trim_start_matches("AWSEvents.").to_string();
    let decision = {
        let mut s = script.lock().expect("script");
        *s.calls.entry(operation.clone()).or_default() += 1;
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
        let s = script.lock().expect("script");
        (s.strip_secrets, s.refuse_duplicates)
    };
    let state = match decision {
        Decision::Fault(Fault::Reset) => return Err(std::io::Error::other("connection reset by the fault proxy")),
        Decision::Fault(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Decision::Fault(fault) => return Ok(aws_error(fault)),
        Decision::Forward { state } => state,
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "host" | "connection" | "content-length"))
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    if refuse_duplicates && operation == "CreateConnection" {
        let name = serde_json::from_slice::<Json>(&body)
            .ok()
            .and_then(|j| j["Name"].as_str().map(str::to_string));
        if let Some(name) = name {
            let probe = serde_json::json!({ "Name": name }).to_string();
            let mut probe_headers = headers.clone();
            for h in probe_headers.iter_mut().filter(|(k, _)| k == "x-amz-target") {
                h.1 = "AWSEvents.DescribeConnection".into();
            }
            let (status, _) = forward(upstream, probe_headers, probe.into_bytes()).await?;
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

fn aws_error(fault: Fault) -> Response<Full<Bytes>> {
    let (status, code, message) = match fault {
        Fault::Throttle => (400, "ThrottlingException", "Rate exceeded"),
        Fault::Internal => (500, "InternalException", "Internal failure injected by the test"),
        _ => (503, "ServiceUnavailableException", "Service unavailable"),
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
