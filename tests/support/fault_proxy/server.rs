//! The proxy's HTTP side: accepts calls, counts them, has each
//! `AWSEvents.*` request checked against the model
//! ([`super::model_check`]), plays the test's faults
//! ([`super::faults`]), and hands the rest to the resource it acts on
//! ([`super::connections`], [`super::destinations`], [`super::targets`]),
//! which forward to moto
//! through [`Call`]. Anything else goes to moto and back unchanged.

use std::collections::VecDeque;
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

use super::script::{lock, ResourceKey, Script};
use super::{connections, destinations, faults, model_check, targets, Fault};
use crate::aws_model::Model;

/// What every call needs.
pub(super) struct Shared {
    /// moto's port on 127.0.0.1.
    pub upstream: u16,
    pub script: Arc<Mutex<Script>>,
    /// The model requests are checked against; None: no checks.
    pub model: Option<&'static Model>,
}

pub(super) async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted { Ok((s, _)) => s, Err(_) => continue },
            _ = &mut stopped => return,
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(req, shared.clone()));
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

/// One call, counted among those in flight while it is answered.
async fn handle(req: Request<Incoming>, shared: Arc<Shared>) -> Result<Response<Full<Bytes>>, std::io::Error> {
    {
        let mut s = lock(&shared.script);
        s.in_flight += 1;
        s.max_in_flight = s.max_in_flight.max(s.in_flight);
    }
    // A panic of the harness (a model pattern it cannot read, a bug) must
    // fail the test that caused it, not look like a dropped connection the
    // provider retries: it becomes a violation, answered with an error the
    // SDK does not retry.
    let task = {
        let shared = shared.clone();
        tokio::spawn(async move { answer(req, &shared).await })
    };
    let result = match task.await {
        Ok(result) => result,
        Err(e) => {
            let why = match e.try_into_panic() {
                Ok(panic) => panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "a panic".to_string()),
                Err(e) => e.to_string(),
            };
            lock(&shared.script)
                .violations
                .push(format!("the fault proxy failed on a request: {why}"));
            Ok(json_response(
                400,
                serde_json::json!({"__type": "FaultProxyFailure", "message": format!("the fault proxy failed: {why}")}),
            ))
        }
    };
    lock(&shared.script).in_flight -= 1;
    result
}

/// What an EventBridge operation acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Connection,
    ApiDestination,
    /// Rules and their targets and tags: moto keeps them as AWS does
    /// (it refuses to delete a rule that has targets, pages ListRules,
    /// replaces every setting on PutRule), so the proxy adds only faults.
    Rule,
}

impl Kind {
    /// `CreateApiDestination` → ApiDestination; `PutRule`, `DeleteRule`,
    /// `ListTargetsByRule`, the tag operations… → Rule; every other
    /// operation is taken for a connection's (moto answers the rest
    /// itself).
    pub fn of(operation: &str) -> Kind {
        if operation.contains("ApiDestination") {
            Kind::ApiDestination
        } else if operation.contains("Rule") || operation.contains("Target") || operation.contains("Tag") {
            Kind::Rule
        } else {
            Kind::Connection
        }
    }

    /// The resource type as its ARN names it.
    pub fn arn_type(self) -> &'static str {
        match self {
            Kind::Connection => "connection",
            Kind::ApiDestination => "api-destination",
            Kind::Rule => "rule",
        }
    }
}

/// One EventBridge call on its way to moto: the request and where to send
/// it, for the resource modules.
pub(super) struct Call {
    pub operation: String,
    /// The request body as JSON (Null when it is not JSON).
    pub request: Json,
    /// Account, Region and the request's `Name`.
    pub key: ResourceKey,
    upstream: u16,
    /// The request's headers, as forwarded to moto.
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Call {
    /// The key of another resource of the same account and Region.
    pub fn key_of(&self, name: &str) -> ResourceKey {
        ResourceKey {
            name: name.to_string(),
            ..self.key.clone()
        }
    }

    /// The request, to moto as it came: (status, body).
    pub async fn forward(&self) -> std::io::Result<(u16, Vec<u8>)> {
        forward(self.upstream, self.headers.clone(), self.body.to_vec()).await
    }

    /// Another operation in the same account and Region, to moto (a look
    /// at what exists): (status, body).
    pub async fn probe(&self, operation: &str, body: Json) -> std::io::Result<(u16, Vec<u8>)> {
        let mut headers = self.headers.clone();
        for h in headers.iter_mut().filter(|(k, _)| k == "x-amz-target") {
            h.1 = format!("AWSEvents.{operation}");
        }
        forward(self.upstream, headers, body.to_string().into_bytes()).await
    }
}

/// The Region of a SigV4-signed request: the credential scope of its
/// Authorization header (`Credential=AKID/DATE/REGION/SERVICE/aws4_request`).
pub(super) fn region_of(headers: &hyper::HeaderMap) -> String {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|auth| auth.split("Credential=").nth(1))
        .and_then(|scope| scope.split(['/', ',', ' ']).nth(2))
        .unwrap_or_default()
        .to_string()
}

/// The account moto is asked to act in (its `x-moto-account-id` header);
/// empty for its default.
fn account_of(headers: &hyper::HeaderMap) -> String {
    headers
        .get("x-moto-account-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn answer(req: Request<Incoming>, shared: &Shared) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (upstream, script, model) = (shared.upstream, &*shared.script, shared.model);
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
    lock(script)
        .calls
        .entry(operation.clone())
        .and_modify(|n| *n += 1)
        .or_insert(1);
    if let Some(model) = model.filter(|_| events) {
        if let Some(refused) = model_check::refusal(model, &operation, &body, script) {
            return Ok(refused);
        }
    }
    let decision = {
        let mut s = lock(script);
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
    let request: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
    // What the operation acts on: its `Name`, or a target operation's
    // `Rule`.
    let name = request["Name"]
        .as_str()
        .or(request["Rule"].as_str())
        .unwrap_or_default()
        .to_string();
    let state = match decision {
        Decision::Fault(Fault::Pass) => None,
        Decision::Fault(Fault::Reset) => return Err(std::io::Error::other("connection reset by the fault proxy")),
        Decision::Fault(Fault::HarnessPanic) => panic!("the panic a test asked for"),
        Decision::Fault(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Decision::Fault(fault) => return Ok(faults::aws_error(fault, &operation, &parts.headers, &name)),
        Decision::Forward { state } => state,
    };
    let call = Call {
        key: ResourceKey {
            account: account_of(&parts.headers),
            region: region_of(&parts.headers),
            name,
        },
        operation,
        request,
        upstream,
        headers: parts
            .headers
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "host" | "connection" | "content-length"))
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect(),
        body,
    };
    if !events {
        let (status, raw) = call.forward().await?;
        let json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
        return Ok(respond(status, json, raw));
    }
    match Kind::of(&call.operation) {
        Kind::ApiDestination => destinations::answer(&call, script).await,
        Kind::Connection => connections::answer(&call, script, state).await,
        Kind::Rule if targets::handles(&call.operation) => targets::answer(&call, script).await,
        Kind::Rule => {
            let (status, raw) = call.forward().await?;
            let json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
            Ok(respond(status, json, raw))
        }
    }
}

/// An answer with AWS's headers for a JSON body (the error code in
/// `x-amzn-errortype` too).
pub(super) fn json_response(status: u16, json: Json) -> Response<Full<Bytes>> {
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

/// moto's answer, as `json` (perhaps changed) or, when it was no JSON
/// (`json` is Null), as `raw`, its bytes.
pub(super) fn respond(status: u16, json: Json, raw: Vec<u8>) -> Response<Full<Bytes>> {
    if json.is_null() {
        return Response::builder()
            .status(status)
            .body(Full::new(Bytes::from(raw)))
            .expect("response");
    }
    json_response(status, json)
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
