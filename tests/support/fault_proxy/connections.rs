//! Connections as AWS keeps them, where moto does not: no secret values in
//! DescribeConnection, ResourceAlreadyExists on a duplicate create, the KMS
//! key and private endpoints echoed, LastModifiedTime and
//! LastAuthorizedTime that move, DeauthorizeConnection served (moto: HTTP
//! 500), ListConnections filtered and paged ([`super::listing`]).
//!
//! And the states AWS answered (`reference/emulator.md`, "What real AWS
//! answered, recorded"), where moto always says AUTHORIZED:
//! - an OAuth connection is AUTHORIZING in its CreateConnection answer and
//!   in the DescribeConnection right after, then AUTHORIZED (an update that
//!   sends its auth parameters authorizes it again the same way);
//! - DeleteConnection answers DELETING, and the connection is still
//!   described as DELETING for a while before it is gone (moto removes it at
//!   once);
//! - no `StateReason` in an ordinary answer (only a deauthorized connection
//!   has one here).

use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::Value as Json;

use super::listing;
use super::script::{lock, ResourceKey, Script};
use super::server::{json_response, respond, Call};

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
pub(super) struct Record {
    /// KmsKeyIdentifier as last sent (moto drops it).
    kms_key: Option<String>,
    /// The resource configuration ARNs of InvocationConnectivityParameters
    /// and AuthParameters.ConnectivityParameters as last sent (moto drops
    /// them); None: public.
    invocation_connectivity: Option<String>,
    auth_connectivity: Option<String>,
    /// Epoch seconds of the last create, update or deauthorization.
    pub last_modified: f64,
    /// Epoch seconds of the last create or update with auth parameters.
    last_authorized: Option<f64>,
    deauthorized: Option<Deauthorization>,
    /// An OAuth connection (its authorization passes through AUTHORIZING).
    oauth: bool,
    /// DescribeConnection answers still to say AUTHORIZING.
    authorizing_left: usize,
}

/// A connection moto deleted that AWS still describes as DELETING.
#[derive(Clone, Debug)]
pub(super) struct Deleting {
    /// Its last description, as DELETING.
    described: Json,
    /// DescribeConnection answers still to give it.
    left: usize,
}

/// Whether connection `key` is AUTHORIZING as the proxy plays it (its API
/// destinations are INACTIVE meanwhile, as AWS answered).
pub(super) fn is_authorizing(s: &Script, key: &ResourceKey) -> bool {
    s.connections
        .get(key)
        .is_some_and(|r| r.authorizing_left > 0 && r.deauthorized.is_none())
}

/// Counts one DescribeConnection answer off `left`; `usize::MAX` is
/// forever.
fn count_down(left: &mut usize) {
    if *left != usize::MAX {
        *left = left.saturating_sub(1);
    }
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

    /// A DescribeConnection answer with what the proxy keeps: the times,
    /// and the settings moto drops ([`Record::describe_settings`]).
    fn dress(&self, json: &mut Json) {
        json["LastModifiedTime"] = self.last_modified.into();
        if let Some(authorized) = self.last_authorized.or(json["CreationTime"].as_f64()) {
            json["LastAuthorizedTime"] = authorized.into();
        }
        self.describe_settings(json);
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

/// A connection operation (or any other EventBridge operation but an API
/// destination's), after the model check and the faults: answered here
/// (DeauthorizeConnection, a duplicate create) or forwarded to moto, whose
/// answer is made AWS's. `state` is a state the test scripted for this
/// DescribeConnection.
pub(super) async fn answer(
    call: &Call,
    script: &Mutex<Script>,
    state: Option<String>,
) -> std::io::Result<Response<Full<Bytes>>> {
    let (strip, refuse_duplicates) = {
        let s = lock(script);
        (s.strip_secrets, s.refuse_duplicates)
    };
    if call.operation == "DeauthorizeConnection" {
        return deauthorize(call, script).await;
    }
    if call.operation == "DescribeConnection" {
        if let Some(answer) = still_deleting(&mut lock(script), &call.key, state.as_deref()) {
            return Ok(answer);
        }
    }
    // What the connection looked like, for the DescribeConnection answers
    // that say DELETING after moto removed it.
    let before_delete = match call.operation.as_str() {
        "DeleteConnection" if lock(script).deleting_describes > 0 => {
            let (status, raw) = call
                .probe("DescribeConnection", serde_json::json!({ "Name": call.key.name }))
                .await?;
            Some(serde_json::from_slice::<Json>(&raw).unwrap_or(Json::Null)).filter(|j| status == 200 && j.is_object())
        }
        _ => None,
    };
    if refuse_duplicates && call.operation == "CreateConnection" {
        if let Some(name) = call.request["Name"].as_str() {
            let (status, _) = call
                .probe("DescribeConnection", serde_json::json!({ "Name": name }))
                .await?;
            if status == 200 {
                return Ok(json_response(
                    400,
                    serde_json::json!({"__type": "ResourceAlreadyExistsException", "message": format!("Connection {name} already exists.")}),
                ));
            }
        }
    }
    let (status, raw) = call.forward().await?;
    let mut json: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    if status == 200 && json.is_object() {
        // AWS recorded no StateReason in any ordinary answer; the proxy
        // adds its own to a deauthorized connection.
        if let Some(object) = json.as_object_mut() {
            object.remove("StateReason");
        }
        let mut s = lock(script);
        match call.operation.as_str() {
            "CreateConnection" => created(&mut s, &call.key, &call.request, &mut json),
            "UpdateConnection" => updated(&mut s, &call.key, &call.request, &mut json),
            "DeleteConnection" => deleted(&mut s, &call.key, before_delete, strip, &mut json),
            "DescribeConnection" => described(&mut s, &call.key, &mut json),
            "ListConnections" => {
                for entry in json["Connections"].as_array_mut().into_iter().flatten() {
                    let entry_key = call.key_of(entry["Name"].as_str().unwrap_or_default());
                    listed(&s, &entry_key, entry);
                }
                let wanted_state = call.request["ConnectionState"].as_str();
                let refused = listing::page(
                    &call.request,
                    &mut json,
                    "Connections",
                    |c| wanted_state.is_none_or(|w| c["ConnectionState"] == w),
                    s.list_page_cap,
                );
                if let Some(refused) = refused {
                    return Ok(refused);
                }
            }
            _ => {}
        }
    }
    if call.operation == "DescribeConnection" && json["__type"] == "ResourceNotFoundException" {
        // AWS's words (recorded); moto's leave out the first sentence.
        let name = &call.key.name;
        json["message"] = format!("Failed to describe the connection(s). Connection '{name}' does not exist.").into();
    }
    if call.operation == "DescribeConnection" && status == 200 {
        if strip {
            strip_secrets(&mut json);
        }
        if let Some(state) = state {
            json["ConnectionState"] = Json::String(state);
        }
    }
    Ok(respond(status, json, raw))
}

/// A successful CreateConnection: LastModifiedTime is the creation time, as
/// on AWS; the connection is authorized; its KMS key and private endpoints
/// are kept as AWS keeps them.
fn created(s: &mut Script, key: &ResourceKey, request: &Json, json: &mut Json) {
    let at = match json["CreationTime"].as_f64() {
        Some(creation) => {
            s.witness(creation);
            creation
        }
        None => s.stamp(None),
    };
    let oauth = request["AuthorizationType"] == "OAUTH_CLIENT_CREDENTIALS";
    let mut record = Record {
        last_modified: at,
        last_authorized: Some(at),
        oauth,
        authorizing_left: if oauth { s.oauth_authorizing_describes } else { 0 },
        ..Record::default()
    };
    record.keep_settings(request);
    s.connections.insert(key.clone(), record);
    // AWS's answer to a create of a name still DELETING is not on record;
    // here the new connection takes its place.
    s.deleting.remove(key);
    json["LastModifiedTime"] = at.into();
    if oauth {
        json["ConnectionState"] = "AUTHORIZING".into();
    }
}

/// A successful UpdateConnection moves LastModifiedTime; one that carries
/// auth parameters authorizes a deauthorized connection again.
fn updated(s: &mut Script, key: &ResourceKey, request: &Json, json: &mut Json) {
    let authorizing = s.oauth_authorizing_describes;
    let previous = s.connections.get(key).map(|r| r.last_modified);
    let at = s.stamp(previous);
    let creation = json["CreationTime"].as_f64();
    let record = s.connections.entry(key.clone()).or_insert_with(|| Record {
        last_authorized: creation,
        ..Record::default()
    });
    record.last_modified = at;
    record.keep_settings(request);
    if let Some(kind) = request["AuthorizationType"].as_str() {
        record.oauth = kind == "OAUTH_CLIENT_CREDENTIALS";
    }
    if !request["AuthParameters"].is_null() {
        record.deauthorized = None;
        record.last_authorized = Some(at);
        if record.oauth {
            record.authorizing_left = authorizing;
        }
    }
    if record.oauth && record.authorizing_left > 0 && record.deauthorized.is_none() {
        json["ConnectionState"] = "AUTHORIZING".into();
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
fn described(s: &mut Script, key: &ResourceKey, json: &mut Json) {
    let Some(record) = s.connections.get_mut(key) else {
        // Not seen through the proxy (made in moto directly): AWS would
        // still answer with a LastModifiedTime.
        if let Some(creation) = json["CreationTime"].as_f64() {
            json["LastModifiedTime"] = creation.into();
        }
        return;
    };
    record.dress(json);
    if record.authorizing_left > 0 && record.deauthorized.is_none() {
        json["ConnectionState"] = "AUTHORIZING".into();
        count_down(&mut record.authorizing_left);
    }
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
fn listed(s: &Script, key: &ResourceKey, entry: &mut Json) {
    let Some(record) = s.connections.get(key) else {
        return;
    };
    entry["LastModifiedTime"] = record.last_modified.into();
    if let Some(authorized) = record.last_authorized {
        entry["LastAuthorizedTime"] = authorized.into();
    }
    if let Some(d) = record.deauthorized {
        entry["ConnectionState"] = d.state().into();
    } else if record.authorizing_left > 0 {
        entry["ConnectionState"] = "AUTHORIZING".into();
    }
}

/// A successful DeleteConnection: DELETING, as AWS answers, with the times
/// AWS answers too. `before`, the connection's description before the
/// delete, is what the next DescribeConnection answers give, as DELETING
/// ([`still_deleting`]).
fn deleted(s: &mut Script, key: &ResourceKey, before: Option<Json>, strip: bool, json: &mut Json) {
    let record = s.connections.remove(key);
    json["ConnectionState"] = "DELETING".into();
    if let Some(record) = &record {
        json["LastModifiedTime"] = record.last_modified.into();
        if let Some(authorized) = record.last_authorized {
            json["LastAuthorizedTime"] = authorized.into();
        }
    }
    let Some(mut described) = before else {
        return;
    };
    match &record {
        Some(record) => record.dress(&mut described),
        None => {
            if let Some(creation) = described["CreationTime"].as_f64() {
                described["LastModifiedTime"] = creation.into();
            }
        }
    }
    if strip {
        strip_secrets(&mut described);
    }
    if let Some(object) = described.as_object_mut() {
        object.remove("StateReason");
    }
    described["ConnectionState"] = "DELETING".into();
    let left = s.deleting_describes;
    s.deleting.insert(key.clone(), Deleting { described, left });
}

/// The DescribeConnection answer for a connection moto deleted but AWS
/// would still describe, as DELETING (or `state`, when the test scripted
/// one); None once it is gone, as moto answers then.
fn still_deleting(s: &mut Script, key: &ResourceKey, state: Option<&str>) -> Option<Response<Full<Bytes>>> {
    let entry = s.deleting.get_mut(key)?;
    if entry.left == 0 {
        s.deleting.remove(key);
        return None;
    }
    count_down(&mut entry.left);
    let mut answer = entry.described.clone();
    if entry.left == 0 {
        s.deleting.remove(key);
    }
    if let Some(state) = state {
        answer["ConnectionState"] = state.into();
    }
    Some(json_response(200, answer))
}

/// DeauthorizeConnection, which moto cannot do (HTTP 500): served here for
/// a connection that exists, like AWS; an unknown one gets moto's
/// ResourceNotFoundException.
async fn deauthorize(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    let (status, raw) = call
        .probe("DescribeConnection", serde_json::json!({ "Name": call.key.name }))
        .await?;
    let existing: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    if status != 200 || !existing.is_object() {
        return Ok(respond(status, existing, raw));
    }
    let creation = existing["CreationTime"].as_f64();
    let mut s = lock(script);
    let previous = s.connections.get(&call.key).map(|r| r.last_modified);
    let at = s.stamp(previous);
    let record = s.connections.entry(call.key.clone()).or_insert_with(|| Record {
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
