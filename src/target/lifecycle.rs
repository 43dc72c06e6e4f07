//! Create, update, delete, read and import of one target, and what goes
//! back to Terraform when a call fails. There is no DescribeTarget: a
//! target is read from ListTargetsByRule (every page). PutTargets and
//! RemoveTargets answer success with `FailedEntries` for what they did
//! not do: a failed entry is a failure, in AWS's words.
//!
//! - create: ListTargetsByRule first (retried while AWS does not find a
//!   rule just made; PutTargets would overwrite a target of that id, and a
//!   rule that has 5 targets takes no sixth: both refused at once),
//!   PutTargets, then ListTargetsByRule again until the target shows
//!   (eventually consistent) — 3 calls;
//! - update: PutTargets with the whole target — 1 call;
//! - delete: RemoveTargets — 1 call;
//! - read and import: ListTargetsByRule — 1 call (a page holds 100).
//!
//! A conflicting change (`ConcurrentModificationException`, as an error
//! or as a failed entry) is sent again a few times.

use aws_sdk_eventbridge::error::SdkError;
use aws_sdk_eventbridge::operation::list_targets_by_rule::ListTargetsByRuleError;
use aws_sdk_eventbridge::types as sdk;
use aws_sdk_eventbridge::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::address::{self, Address};
use super::mapping;
use super::plan::MAX_TARGETS;
use super::schema::{id_of, Target};
use super::KIND;
use crate::aws::errors;
use crate::aws::regional::conflicts::{self, ATTEMPTS, CONFLICT};
use crate::aws::regional::failure::{self, Subject};
use crate::aws::regional::patience;
use crate::aws::regional::region::Regional;
use crate::aws::regional::values;
use crate::aws::AwsClient;
use crate::tfplugin::{ApplyResponse, Context, Diagnostics, Model, ReadResponse, StopSignal, Value};

const CREATE_FAILED: &str = "Error creating EventBridge target";
const UPDATE_FAILED: &str = "Error updating EventBridge target";
const DELETE_FAILED: &str = "Error deleting EventBridge target";

/// How long a rule just made may stay unknown to ListTargetsByRule, and a
/// target just put unlisted (1 minute by default).
const READABLE_PAUSES: u32 = 12;

type ListError = SdkError<ListTargetsByRuleError, HttpResponse>;

fn regional(ctx: &Context<AwsClient>, t: &Target) -> Regional {
    Regional::of(&ctx.client, t.region.as_deref())
}

/// `RULE/TARGET_ID` or `BUS/RULE/TARGET_ID`, as messages name a target.
fn path(t: &Target) -> String {
    id_of(t.bus_name(), &t.rule, t.target_id())
}

/// A failed call in one line, answered with `state`, what exists now.
fn failed(summary: &str, doing: &str, t: &Target, at: &Regional, cause: &str, state: Value) -> ApplyResponse {
    let name = path(t);
    failure::apply_failed(summary, doing, &subject(&name, at), cause, &[], state)
}

fn subject<'a>(name: &'a str, at: &'a Regional) -> Subject<'a> {
    Subject {
        kind: &KIND,
        name,
        region: &at.region,
    }
}

/// AWS's words for a failed call on `t`, with the way out where there is
/// one (a missing permission, a conflict that lasted).
fn cause_of(t: &Target, at: &Regional, described: &str, code: Option<&str>) -> String {
    failure::with_way_out(described, code, &subject(&path(t), at))
}

/// Every target of rule `rule` on `bus` (ListTargetsByRule, every page).
pub async fn list_all(client: &Client, rule: &str, bus: Option<&str>) -> Result<Vec<sdk::Target>, ListError> {
    let mut targets = Vec::new();
    let mut next_token = None;
    loop {
        let page = client
            .list_targets_by_rule()
            .rule(rule)
            .set_event_bus_name(bus.map(str::to_string))
            .limit(100)
            .set_next_token(next_token)
            .send()
            .await?;
        targets.extend(page.targets().iter().cloned());
        next_token = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next_token.is_none() {
            return Ok(targets);
        }
    }
}

/// Target `id` of the rule, None when the rule has no such target or the
/// rule is gone.
async fn find(client: &Client, rule: &str, bus: Option<&str>, id: &str) -> Result<Option<sdk::Target>, ListError> {
    match list_all(client, rule, bus).await {
        Ok(targets) => Ok(targets.into_iter().find(|t| t.id() == id)),
        Err(e) if errors::is_not_found(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// "`ID` (ARN), …" of `targets`, for a failure.
fn named(targets: &[sdk::Target]) -> String {
    targets
        .iter()
        .map(|t| format!("{:?} ({})", t.id(), t.arn()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The way out of a rule that has its 5 targets.
fn limit_reached(t: &Target, targets: &[sdk::Target]) -> String {
    format!(
        "Rule {:?} on event bus {:?} already has {} targets: {}. EventBridge allows at most {MAX_TARGETS} targets per \
         rule, a limit that cannot be raised, so waiting does not help. Remove a target, or send these events \
         through another rule with the same event pattern.",
        t.rule,
        t.bus_name(),
        targets.len(),
        named(targets)
    )
}

/// What went wrong with a PutTargets or RemoveTargets call.
enum Refused {
    /// The call failed.
    Call(String, Option<String>),
    /// AWS answered with a failed entry: its code and message.
    Entry(String),
}

/// One failed entry in AWS's words: "CODE: message".
fn entry_text(code: Option<&str>, message: Option<&str>) -> String {
    format!(
        "{}: {}",
        code.unwrap_or("UnknownError"),
        message.unwrap_or("AWS gave no message")
    )
}

/// Sends `send` (one PutTargets or RemoveTargets), again while the call or
/// its failed entry says another change is in progress, [`ATTEMPTS`] times
/// at most. `entry` takes the answer's failed entry as (code, message).
async fn without_conflict<T, E, F, Fut>(
    ctx: &Context<AwsClient>,
    stop: &StopSignal,
    mut send: F,
    entry: impl Fn(&T) -> Option<(Option<String>, Option<String>)>,
) -> Result<(), Refused>
where
    E: aws_sdk_eventbridge::error::ProvideErrorMetadata + std::error::Error + 'static,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
{
    let poll = ctx.client.poll_policy();
    let mut pause = poll.first;
    for attempt in 1..=ATTEMPTS {
        let answer = conflicts::retrying(poll, stop, &mut send).await;
        let out = match answer {
            Ok(out) => out,
            Err(e) => {
                return Err(Refused::Call(
                    errors::describe(&e),
                    errors::code(&e).map(str::to_string),
                ))
            }
        };
        match entry(&out) {
            None => return Ok(()),
            Some((code, message)) if code.as_deref() == Some(CONFLICT) && attempt < ATTEMPTS => {
                tracing::info!(
                    attempt,
                    ?message,
                    "failed entry: conflicting change; trying again in {pause:?}"
                );
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stop.stopped() => return Err(Refused::Entry(entry_text(code.as_deref(), message.as_deref()))),
                }
                pause = (pause * 2).min(poll.first * 8);
            }
            Some((code, message)) => return Err(Refused::Entry(entry_text(code.as_deref(), message.as_deref()))),
        }
    }
    Err(Refused::Entry(format!(
        "{CONFLICT}: another change to the rule was still in progress after {ATTEMPTS} attempts"
    )))
}

/// PutTargets with the whole target `t`.
async fn put(ctx: &Context<AwsClient>, at: &Regional, t: &Target) -> Result<(), Refused> {
    let target = mapping::to_sdk(t).map_err(|e| Refused::Call(e, None))?;
    without_conflict(
        ctx,
        &ctx.stop,
        || {
            at.client
                .put_targets()
                .rule(&t.rule)
                .set_event_bus_name(t.event_bus_name.clone())
                .targets(target.clone())
                .send()
        },
        |out| {
            out.failed_entries().first().map(|e| {
                (
                    e.error_code().map(str::to_string),
                    e.error_message().map(str::to_string),
                )
            })
        },
    )
    .await
}

/// The words of a refused PutTargets: a full rule gets its targets named
/// and the limit explained.
async fn put_refused(at: &Regional, t: &Target, refused: Refused) -> String {
    match refused {
        Refused::Call(cause, Some(code)) if code == "LimitExceededException" => {
            match list_all(&at.client, &t.rule, t.event_bus_name.as_deref()).await {
                Ok(targets) if targets.len() >= MAX_TARGETS => format!("{cause}. {}", limit_reached(t, &targets)),
                _ => format!(
                    "{cause}. EventBridge allows at most {MAX_TARGETS} targets per rule, a limit that cannot be raised."
                ),
            }
        }
        Refused::Call(cause, code) => cause_of(t, at, &cause, code.as_deref()),
        Refused::Entry(entry) => format!("AWS refused the target: {entry}"),
    }
}

pub async fn create(ctx: &Context<AwsClient>, planned: &Value) -> ApplyResponse {
    let mut t = Target::from_value(planned);
    if t.target_id.is_none() {
        t.target_id = Some(values::generated_name(None));
        t.id = path(&t);
    }
    let at = regional(ctx, &t);
    let poll = ctx.client.poll_policy();
    let bus = t.event_bus_name.clone();
    // The rule may have just been made: patient while AWS does not find it.
    let listed = patience::retrying(
        poll,
        &ctx.stop,
        patience::bound(poll, READABLE_PAUSES),
        errors::is_not_found,
        || list_all(&at.client, &t.rule, bus.as_deref()),
    )
    .await;
    let existing = match listed {
        Ok(existing) => existing,
        Err(e) if errors::is_not_found(&e) => {
            let cause = format!(
                "{}. The rule must exist before its targets: check rule and event_bus_name (a rule on another bus \
                 than the default needs event_bus_name).",
                errors::describe(&e)
            );
            return failed(CREATE_FAILED, "creating", &t, &at, &cause, Value::Null);
        }
        Err(e) => {
            let cause = cause_of(&t, &at, &errors::describe(&e), errors::code(&e));
            return failed(CREATE_FAILED, "creating", &t, &at, &cause, Value::Null);
        }
    };
    if existing.iter().any(|e| e.id() == t.target_id()) {
        let import = Address {
            bus: t.bus_name().to_string(),
            rule: t.rule.clone(),
            target_id: t.target_id().to_string(),
            region: Some(at.region.clone()),
        };
        let cause = format!(
            "PutTargets would overwrite the target of this id. Choose another target_id, or bring it under \
             Terraform with `terraform import <address> {}`.",
            import.import_id()
        );
        return failed(CREATE_FAILED, "creating", &t, &at, &cause, Value::Null);
    }
    if existing.len() >= MAX_TARGETS {
        let cause = limit_reached(&t, &existing);
        return failed(CREATE_FAILED, "creating", &t, &at, &cause, Value::Null);
    }
    if let Err(refused) = put(ctx, &at, &t).await {
        let cause = put_refused(&at, &t, refused).await;
        return failed(CREATE_FAILED, "creating", &t, &at, &cause, Value::Null);
    }
    tracing::info!(target = %path(&t), region = %at.region, "created target");
    // Read back, patient while AWS does not list it yet.
    let read = patience::until(
        poll,
        &ctx.stop,
        patience::bound(poll, READABLE_PAUSES),
        |found| matches!(found, Ok(None)),
        || find(&at.client, &t.rule, bus.as_deref(), t.target_id()),
    )
    .await;
    match read {
        Ok(Some(found)) => ApplyResponse {
            new_state: mapping::from_sdk(&found, &t).to_value(),
            ..Default::default()
        },
        other => {
            let why = match other {
                Err(e) => errors::describe(&e),
                _ => "ListTargetsByRule does not list it yet".into(),
            };
            let cause =
                format!("{why} (the target was written; it stays in the state, and the next plan reads it again)");
            failed(CREATE_FAILED, "reading the new", &t, &at, &cause, t.to_value())
        }
    }
}

/// PutTargets with the whole target (it overwrites). A failure keeps the
/// prior state.
pub async fn update(ctx: &Context<AwsClient>, prior_value: &Value, planned: &Value) -> ApplyResponse {
    let t = Target::from_value(planned);
    let prior = Target::from_value(prior_value);
    let at = regional(ctx, &t);
    if mapping::to_sdk(&t).ok() != mapping::to_sdk(&prior).ok() {
        if let Err(refused) = put(ctx, &at, &t).await {
            let cause = put_refused(&at, &t, refused).await;
            return failed(UPDATE_FAILED, "updating", &t, &at, &cause, prior_value.clone());
        }
        tracing::info!(target = %path(&t), region = %at.region, "updated target");
    }
    ApplyResponse {
        new_state: t.to_value(),
        ..Default::default()
    }
}

/// RemoveTargets. A rule or target already gone counts as deleted.
pub async fn delete(ctx: &Context<AwsClient>, prior_value: &Value) -> ApplyResponse {
    let t = Target::from_value(prior_value);
    let at = regional(ctx, &t);
    let removed = without_conflict(
        ctx,
        &ctx.stop,
        || {
            at.client
                .remove_targets()
                .rule(&t.rule)
                .set_event_bus_name(t.event_bus_name.clone())
                .ids(t.target_id())
                .force(t.force_destroy)
                .send()
        },
        |out| {
            out.failed_entries().first().map(|e| {
                (
                    e.error_code().map(str::to_string),
                    e.error_message().map(str::to_string),
                )
            })
        },
    )
    .await;
    match removed {
        Ok(()) => {
            tracing::info!(target = %path(&t), region = %at.region, "deleted target");
            ApplyResponse::default()
        }
        Err(Refused::Call(_, Some(code))) if code == "ResourceNotFoundException" => ApplyResponse::default(),
        Err(Refused::Call(cause, code)) => {
            let cause = cause_of(&t, &at, &cause, code.as_deref());
            failed(DELETE_FAILED, "deleting", &t, &at, &cause, prior_value.clone())
        }
        Err(Refused::Entry(entry)) => {
            let cause = format!("AWS did not remove the target: {entry}");
            failed(DELETE_FAILED, "deleting", &t, &at, &cause, prior_value.clone())
        }
    }
}

/// Refresh: the target as AWS has it. Gone (or its rule gone) → null, and
/// Terraform plans to create it again.
pub async fn read(ctx: &Context<AwsClient>, current: &Value, private: &[u8]) -> ReadResponse {
    let mut prior = Target::from_value(current);
    let at = regional(ctx, &prior);
    prior.region = Some(at.region.clone());
    let found = find(
        &at.client,
        &prior.rule,
        prior.event_bus_name.as_deref(),
        prior.target_id(),
    )
    .await;
    match found {
        Ok(Some(found)) => ReadResponse {
            new_state: mapping::from_sdk(&found, &prior).to_value(),
            private: private.to_vec(),
            ..Default::default()
        },
        Ok(None) => {
            tracing::warn!(target = %path(&prior), region = %at.region, "target not found; removing it from state");
            ReadResponse::default()
        }
        Err(e) => {
            let name = path(&prior);
            let cause = failure::cause(&e, &subject(&name, &at));
            failure::read_failed(&subject(&name, &at), &cause, &[], current, private)
        }
    }
}

/// The target an address names, read whole (import, data source,
/// `terraform query`): None when it does not exist.
pub async fn discover(client: &Client, address: &Address, region: &str) -> Result<Option<Value>, ListError> {
    let found = find(client, &address.rule, Some(&address.bus), &address.target_id).await?;
    Ok(found.map(|found| discovered(&found, address, region)))
}

/// A listed target as an import reads it.
pub fn discovered(found: &sdk::Target, address: &Address, region: &str) -> Value {
    let known = Target {
        rule: address.rule.clone(),
        event_bus_name: Some(address.bus.clone()),
        region: Some(region.to_string()),
        ..Default::default()
    };
    mapping::from_sdk(found, &known).to_value()
}

/// `[BUS/]RULE/TARGET_ID[@REGION]`.
pub async fn import(ctx: &Context<AwsClient>, id: &str, diags: &mut Diagnostics) -> Option<Value> {
    let address = match address::parse(id) {
        Ok(address) => address,
        Err(problem) => {
            diags.error("Invalid import id", problem);
            return None;
        }
    };
    let Regional { region, client } = Regional::of(&ctx.client, address.region.as_deref());
    match discover(&client, &address, &region).await {
        Ok(Some(state)) => Some(state),
        Ok(None) => {
            diags.error(
                "Cannot import non-existent target",
                format!(
                    "Rule {:?} on event bus {:?} in {region} has no target {:?} (or the rule does not exist).",
                    address.rule, address.bus, address.target_id
                ),
            );
            None
        }
        Err(e) => {
            let name = id_of(&address.bus, &address.rule, &address.target_id);
            let subject = Subject {
                kind: &KIND,
                name: &name,
                region: &region,
            };
            diags.extend(failure::diagnostics(
                "Error importing EventBridge target",
                "reading",
                &subject,
                &errors::describe(&e),
                &[],
            ));
            None
        }
    }
}
