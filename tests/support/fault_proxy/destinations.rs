//! API destinations as AWS keeps them, where moto (5.2.5) does not
//! (`reference/emulator.md`, "API destinations in moto"): a duplicate name
//! refused rather than overwritten; a `ConnectionArn` that names no
//! connection refused; `InvocationRateLimitPerSecond` 300 when it was never
//! sent (moto: null in Describe, nothing in List); a LastModifiedTime that
//! moves on every update; ListApiDestinations filtered by NamePrefix and
//! ConnectionArn and paged ([`super::listing`]); and, as AWS answered
//! (`reference/emulator.md`, "What real AWS answered, recorded"), INACTIVE
//! in every answer while its connection is AUTHORIZING (moto: always
//! ACTIVE).

use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::{json, Value as Json};

use super::connections;
use super::listing;
use super::script::{lock, ResourceKey, Script};
use super::server::{json_response, respond, Call};

/// What AWS applies when a create leaves InvocationRateLimitPerSecond out.
const DEFAULT_RATE_LIMIT: i64 = 300;

/// What moto does not keep about an API destination.
#[derive(Clone, Debug)]
pub(super) struct DestinationRecord {
    /// Epoch seconds of the last create or update.
    pub last_modified: f64,
}

/// An API destination operation, after the model check and the faults:
/// refused here as AWS would refuse it, or forwarded to moto, whose answer
/// is made AWS's.
pub(super) async fn answer(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    let refuse_duplicates = lock(script).refuse_duplicates;
    if refuse_duplicates && call.operation == "CreateApiDestination" {
        let (status, _) = call
            .probe("DescribeApiDestination", json!({ "Name": call.key.name }))
            .await?;
        if status == 200 {
            let message = format!("Api destination {} already exists.", call.key.name);
            return Ok(error("ResourceAlreadyExistsException", message));
        }
    }
    if matches!(call.operation.as_str(), "CreateApiDestination" | "UpdateApiDestination") {
        if let Some(refused) = missing_connection(call).await? {
            return Ok(refused);
        }
    }
    let (status, raw) = call.forward().await?;
    let mut json: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    if call.operation == "DescribeApiDestination" && json["__type"] == "ResourceNotFoundException" {
        // AWS's words (recorded); moto's leave out the first sentence.
        let name = &call.key.name;
        json["message"] =
            format!("Failed to describe the api-destination(s). An api-destination '{name}' does not exist.").into();
    }
    if status != 200 || !json.is_object() {
        return Ok(respond(status, json, raw));
    }
    match call.operation.as_str() {
        "CreateApiDestination" => {
            let mut s = lock(script);
            created(&mut s, &call.key, &mut json);
            inactive_while_authorizing(&s, call, call.request["ConnectionArn"].as_str(), &mut json);
        }
        "UpdateApiDestination" => {
            let connection = match call.request["ConnectionArn"].as_str() {
                Some(arn) => Some(arn.to_string()),
                None => connection_of(call, &call.key.name).await?,
            };
            let mut s = lock(script);
            updated(&mut s, &call.key, &mut json);
            inactive_while_authorizing(&s, call, connection.as_deref(), &mut json);
        }
        "DeleteApiDestination" => {
            lock(script).destinations.remove(&call.key);
        }
        "DescribeApiDestination" => {
            if json["InvocationRateLimitPerSecond"].is_null() {
                json["InvocationRateLimitPerSecond"] = DEFAULT_RATE_LIMIT.into();
            }
            let s = lock(script);
            described(&s, &call.key, &mut json);
            let connection = json["ConnectionArn"].as_str().map(str::to_string);
            inactive_while_authorizing(&s, call, connection.as_deref(), &mut json);
        }
        "ListApiDestinations" => {
            let connection = call.request["ConnectionArn"].as_str();
            let cap = lock(script).list_page_cap;
            let refused = listing::page(
                &call.request,
                &mut json,
                "ApiDestinations",
                |d| connection.is_none_or(|arn| d["ConnectionArn"] == arn),
                cap,
            );
            if let Some(refused) = refused {
                return Ok(refused);
            }
            for entry in json["ApiDestinations"].as_array_mut().into_iter().flatten() {
                let name = entry["Name"].as_str().unwrap_or_default().to_string();
                entry["InvocationRateLimitPerSecond"] = rate_limit(call, &name).await?.into();
                let s = lock(script);
                described(&s, &call.key_of(&name), entry);
                let connection = entry["ConnectionArn"].as_str().map(str::to_string);
                inactive_while_authorizing(&s, call, connection.as_deref(), entry);
            }
        }
        _ => {}
    }
    Ok(respond(status, json, raw))
}

/// AWS's error answer: 400, `code`, `message`.
fn error(code: &str, message: String) -> Response<Full<Bytes>> {
    json_response(400, json!({"__type": code, "message": message}))
}

/// The refusal AWS answers when a create or update names, in
/// `ConnectionArn`, no connection of this account and Region (none of that
/// name, or one made again since, with another ARN). None when the request
/// sends no ConnectionArn or the connection exists.
async fn missing_connection(call: &Call) -> std::io::Result<Option<Response<Full<Bytes>>>> {
    let Some(arn) = call.request["ConnectionArn"].as_str() else {
        return Ok(None);
    };
    // The model check let only `…:connection/NAME/ID` through.
    let name = connection_name(arn);
    let (status, raw) = call.probe("DescribeConnection", json!({ "Name": name })).await?;
    let found: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    if status == 200 && found["ConnectionArn"] == arn {
        return Ok(None);
    }
    let message = format!("Failed to describe the connection(s). Connection '{name}' does not exist.");
    Ok(Some(error("ResourceNotFoundException", message)))
}

/// The name of the connection an API destination's `ConnectionArn` names
/// (`arn:…:connection/NAME/ID`).
fn connection_name(arn: &str) -> &str {
    arn.split_once(":connection/")
        .and_then(|(_, rest)| rest.split('/').next())
        .unwrap_or_default()
}

/// The ConnectionArn moto holds for destination `name`, if any.
async fn connection_of(call: &Call, name: &str) -> std::io::Result<Option<String>> {
    let (_, raw) = call.probe("DescribeApiDestination", json!({ "Name": name })).await?;
    let described: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    Ok(described["ConnectionArn"].as_str().map(str::to_string))
}

/// An answer about a destination whose connection (`connection_arn`) is
/// AUTHORIZING says INACTIVE, as AWS answered for one on an OAuth
/// connection still authorizing; moto says ACTIVE.
fn inactive_while_authorizing(s: &Script, call: &Call, connection_arn: Option<&str>, json: &mut Json) {
    let Some(arn) = connection_arn else {
        return;
    };
    if connections::is_authorizing(s, &call.key_of(connection_name(arn))) {
        json["ApiDestinationState"] = "INACTIVE".into();
    }
}

/// The rate limit AWS would list for destination `name`: as last set, else
/// the default (moto's list leaves it out, and its Describe says null).
async fn rate_limit(call: &Call, name: &str) -> std::io::Result<i64> {
    let (_, raw) = call.probe("DescribeApiDestination", json!({ "Name": name })).await?;
    let described: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    Ok(described["InvocationRateLimitPerSecond"]
        .as_i64()
        .unwrap_or(DEFAULT_RATE_LIMIT))
}

/// A successful CreateApiDestination: LastModifiedTime is the creation
/// time, as on AWS.
fn created(s: &mut Script, key: &ResourceKey, json: &mut Json) {
    let at = match json["CreationTime"].as_f64() {
        Some(creation) => {
            s.witness(creation);
            creation
        }
        None => s.stamp(None),
    };
    s.destinations
        .insert(key.clone(), DestinationRecord { last_modified: at });
    json["LastModifiedTime"] = at.into();
}

/// A successful UpdateApiDestination moves LastModifiedTime (moto never
/// does).
fn updated(s: &mut Script, key: &ResourceKey, json: &mut Json) {
    let previous = s.destinations.get(key).map(|r| r.last_modified);
    let at = s.stamp(previous);
    s.destinations
        .insert(key.clone(), DestinationRecord { last_modified: at });
    json["LastModifiedTime"] = at.into();
}

/// A DescribeApiDestination answer or a list entry: LastModifiedTime as the
/// proxy keeps it. One the proxy never saw (made in moto directly) keeps
/// moto's, its creation time, as AWS would answer for one never updated.
fn described(s: &Script, key: &ResourceKey, json: &mut Json) {
    if let Some(record) = s.destinations.get(key) {
        json["LastModifiedTime"] = record.last_modified.into();
    }
}
