//! A rule's targets as AWS keeps them, where moto (5.2.5) does not:
//! - at most 5 targets per rule, a hard quota: a PutTargets that would
//!   leave more is refused with LimitExceededException (moto takes any
//!   number);
//! - partial failures: PutTargets and RemoveTargets answer HTTP 200 with
//!   `FailedEntries` for the entries the test chose
//!   ([`super::FaultProxy::fail_entry`]); the other entries go to moto;
//! - ListTargetsByRule on a missing rule names the event bus, as AWS's
//!   ResourceNotFoundException does (moto leaves it out);
//! - ListTargetsByRule and ListRuleNamesByTarget paged by position, a
//!   forged NextToken refused, no `"NextToken": null` (moto resumes a page
//!   at the first target sharing the next one's ARN, so with two targets on
//!   one ARN it repeats targets forever, and it takes any token).
//!
//! Moto already refuses, as AWS does, to delete a rule that has targets,
//! and a PutTargets or RemoveTargets on a missing rule
//! (`Rule NAME does not exist on EventBus BUS.`).

use std::collections::HashSet;
use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::{json, Value as Json};

use super::faults;
use super::listing;
use super::script::{lock, Script};
use super::server::{json_response, respond, Call};
use super::Fault;

/// The most targets a rule may have, a quota AWS does not raise
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html>).
pub(super) const MAX_TARGETS_PER_RULE: usize = 5;

/// AWS's words when a PutTargets would leave a rule with more than
/// [`MAX_TARGETS_PER_RULE`] targets, as `aws events put-targets` printed
/// them for a sixth target (aws-cloudformation/cfn-lint issue #306) and
/// Terraform users quote them (18F/identity-terraform pull request #121,
/// hashicorp/terraform-provider-aws issue #41316).
const TOO_MANY_TARGETS: &str = "The requested resource exceeds the maximum number allowed.";

/// One scripted failed entry: the next `count` calls of `operation` that
/// name target `id` answer it as failed with `fault`'s code and message.
#[derive(Clone, Debug)]
pub(super) struct EntryFault {
    pub operation: String,
    pub id: String,
    pub fault: Fault,
    pub count: usize,
}

/// Whether the target operation `operation` is answered here.
pub(super) fn handles(operation: &str) -> bool {
    matches!(
        operation,
        "PutTargets" | "RemoveTargets" | "ListTargetsByRule" | "ListRuleNamesByTarget"
    )
}

/// A target operation, after the model check and the faults.
pub(super) async fn answer(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    match call.operation.as_str() {
        "PutTargets" => put(call, script).await,
        "RemoveTargets" => change(call, script, "Ids", |id| id.as_str().unwrap_or_default()).await,
        "ListTargetsByRule" => list_targets(call, script).await,
        "ListRuleNamesByTarget" => list_rule_names(call, script).await,
        _ => forwarded(call).await,
    }
}

/// moto's answer, unchanged.
async fn forwarded(call: &Call) -> std::io::Result<Response<Full<Bytes>>> {
    let (status, raw) = call.forward().await?;
    let json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    Ok(respond(status, json, raw))
}

/// The request's rule and event bus, as a ListTargetsByRule asks for them.
fn rule_of(call: &Call) -> Json {
    let mut which = json!({ "Rule": call.request["Rule"] });
    if let Some(bus) = call.request.get("EventBusName").filter(|b| !b.is_null()) {
        which["EventBusName"] = bus.clone();
    }
    which
}

/// PutTargets: refused when the rule would have more than 5 targets;
/// otherwise as [`change`] does.
async fn put(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    let mut ask = rule_of(call);
    ask["Limit"] = 100.into();
    let (status, raw) = call.probe("ListTargetsByRule", ask).await?;
    // A missing rule: moto's own refusal follows.
    if status == 200 {
        let listed: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
        let ids = |list: &Json, key: &str| -> HashSet<String> {
            list.as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t[key].as_str().map(str::to_string))
                .collect()
        };
        let mut after = ids(&listed["Targets"], "Id");
        after.extend(ids(&call.request["Targets"], "Id"));
        if after.len() > MAX_TARGETS_PER_RULE {
            return Ok(json_response(
                400,
                json!({"__type": "LimitExceededException", "message": TOO_MANY_TARGETS}),
            ));
        }
    }
    change(call, script, "Targets", |t| t["Id"].as_str().unwrap_or_default()).await
}

/// PutTargets or RemoveTargets, whose entries are in `list` of the request
/// (`id_of` reads an entry's target id): the entries the test scripted to
/// fail are answered as failed and left out; the others go to moto (none:
/// nothing does), whose refusal of the whole call stands.
async fn change(
    call: &Call,
    script: &Mutex<Script>,
    list: &str,
    id_of: impl Fn(&Json) -> &str,
) -> std::io::Result<Response<Full<Bytes>>> {
    let entries = call.request[list].as_array().cloned().unwrap_or_default();
    let mut failed = Vec::new();
    let mut kept = Vec::new();
    {
        let mut s = lock(script);
        for entry in entries {
            let id = id_of(&entry).to_string();
            match take_entry_fault(&mut s, &call.operation, &id) {
                Some(fault) => {
                    let error = faults::error_of(
                        fault,
                        &call.operation,
                        &call.key.region,
                        &call.key.account,
                        call.request["Rule"].as_str().unwrap_or_default(),
                    );
                    failed.push(json!({"TargetId": id, "ErrorCode": error.code, "ErrorMessage": error.message}));
                }
                None => kept.push(entry),
            }
        }
    }
    if failed.is_empty() {
        return forwarded(call).await;
    }
    if !kept.is_empty() {
        let mut request = call.request.clone();
        request[list] = Json::Array(kept);
        let (status, raw) = call.probe(&call.operation, request).await?;
        let json: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
        if status != 200 {
            return Ok(respond(status, json, raw));
        }
        failed.extend(json["FailedEntries"].as_array().cloned().unwrap_or_default());
    }
    Ok(json_response(
        200,
        json!({"FailedEntryCount": failed.len(), "FailedEntries": failed}),
    ))
}

/// The fault scripted for target `id` in the next call of `operation`, if
/// any (counted off).
fn take_entry_fault(s: &mut Script, operation: &str, id: &str) -> Option<Fault> {
    let at = s
        .entry_faults
        .iter()
        .position(|f| f.operation == operation && f.id == id && f.count > 0)?;
    let scripted = &mut s.entry_faults[at];
    scripted.count -= 1;
    let fault = scripted.fault;
    if scripted.count == 0 {
        s.entry_faults.remove(at);
    }
    Some(fault)
}

/// The name of the event bus `bus` (a name or an ARN) names; the default
/// one when None.
fn bus_name(bus: Option<&str>) -> &str {
    match bus {
        Some(bus) => bus.rsplit_once(":event-bus/").map_or(bus, |(_, name)| name),
        None => "default",
    }
}

/// ListTargetsByRule: every target from moto (at most 100, so one page of
/// moto's), paged here by position. A missing rule is refused in AWS's
/// words, which name the bus, as PutTargets and DescribeRule answer
/// (`Rule NAME does not exist on EventBus default.`, quoted from AWS in
/// TerraConstructs/base issue #88 and turbot/steampipe-plugin-aws issue
/// #1591); moto leaves the bus out.
async fn list_targets(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    let mut ask = rule_of(call);
    ask["Limit"] = 100.into();
    let (status, raw) = call.probe("ListTargetsByRule", ask).await?;
    let mut json: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
    if status != 200 || !json.is_object() {
        if json["__type"] == "ResourceNotFoundException"
            && json["message"].as_str().is_some_and(|m| m.starts_with("Rule "))
        {
            let rule = call.request["Rule"].as_str().unwrap_or_default();
            let bus = bus_name(call.request["EventBusName"].as_str());
            json["message"] = format!("Rule {rule} does not exist on EventBus {bus}.").into();
        }
        return Ok(respond(status, json, raw));
    }
    let all = json["Targets"].as_array().cloned().unwrap_or_default();
    let cap = lock(script).list_page_cap;
    if let Some(refused) = listing::slice(&call.request, &mut json, "Targets", all, cap) {
        return Ok(refused);
    }
    Ok(json_response(200, json))
}

/// ListRuleNamesByTarget: every name from moto (whose own pages are right
/// here: one rule, one ARN), paged here by position like the others.
async fn list_rule_names(call: &Call, script: &Mutex<Script>) -> std::io::Result<Response<Full<Bytes>>> {
    let mut ask = call.request.clone();
    if let Some(object) = ask.as_object_mut() {
        object.remove("NextToken");
    }
    ask["Limit"] = 100.into();
    let mut all = Vec::new();
    // A bus holds at most a few hundred rules: a bounded number of pages.
    for _ in 0..100 {
        let (status, raw) = call.probe("ListRuleNamesByTarget", ask.clone()).await?;
        let json: Json = serde_json::from_slice(&raw).unwrap_or(Json::Null);
        if status != 200 || !json.is_object() {
            return Ok(respond(status, json, raw));
        }
        all.extend(json["RuleNames"].as_array().cloned().unwrap_or_default());
        match json["NextToken"].as_str() {
            Some(token) => ask["NextToken"] = token.into(),
            None => break,
        }
    }
    let mut json = json!({});
    let cap = lock(script).list_page_cap;
    if let Some(refused) = listing::slice(&call.request, &mut json, "RuleNames", all, cap) {
        return Ok(refused);
    }
    Ok(json_response(200, json))
}
