//! Create, update, delete, read and import of one rule, and what goes back
//! to Terraform when a call fails.
//!
//! - create: DescribeRule first (PutRule would overwrite a rule of that
//!   name: one that exists is refused, naming the import), PutRule with
//!   the tags, then DescribeRule again (retried while AWS does not find
//!   the rule yet: eventually consistent) — 3 calls;
//! - update: PutRule when a setting changed, TagResource / UntagResource
//!   when tags did — 1 to 3 calls;
//! - delete: DeleteRule, retried while AWS says the rule has targets (it
//!   may, for a moment, after RemoveTargets); then ListTargetsByRule to
//!   name the targets still there — 1 call;
//! - read and import: DescribeRule and ListTagsForResource — 2 calls.
//!
//! PutRule is retried while IAM has not yet propagated the rule's role
//! ("cannot be assumed by principal"), and through a conflicting change.

use std::collections::BTreeMap;

use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_eventbridge::operation::describe_rule::{DescribeRuleError, DescribeRuleOutput};
use aws_sdk_eventbridge::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::mapping;
use super::schema::{id_of, Rule};
use super::KIND;
use crate::aws::errors;
use crate::aws::regional::conflicts::CONFLICT;
use crate::aws::regional::failure::{self, Subject};
use crate::aws::regional::found::{self, Found, Named};
use crate::aws::regional::patience;
use crate::aws::regional::region::Regional;
use crate::aws::regional::tags::Changes;
use crate::aws::regional::values;
use crate::aws::AwsClient;
use crate::tfplugin::{ApplyResponse, Context, Diagnostics, Model, ReadResponse, Value};

const CREATE_FAILED: &str = "Error creating EventBridge rule";
const UPDATE_FAILED: &str = "Error updating EventBridge rule";
const DELETE_FAILED: &str = "Error deleting EventBridge rule";

/// How long PutRule waits for IAM to propagate the rule's role, in poll
/// pauses (2 minutes by default, as hashicorp/aws).
const ROLE_PAUSES: u32 = 24;
/// How long a rule just made may stay unreadable (1 minute by default).
const READABLE_PAUSES: u32 = 12;
/// How long DeleteRule waits for removed targets to be gone (5 minutes by
/// default, as hashicorp/aws).
const TARGETS_PAUSES: u32 = 60;

fn regional(ctx: &Context<AwsClient>, r: &Rule) -> Regional {
    Regional::of(&ctx.client, r.region.as_deref())
}

fn subject<'a>(r: &'a Rule, at: &'a Regional) -> Subject<'a> {
    Subject {
        kind: &KIND,
        name: r.name(),
        region: &at.region,
    }
}

/// The id an import of `r` takes: `BUS/NAME@REGION`, or `NAME@REGION` on
/// the default bus.
fn import_id(r: &Rule, at: &Regional) -> String {
    format!("{}@{}", id_of(r.bus_name(), r.name()), at.region)
}

/// A failed call in one line, answered with `state`, what exists now.
fn failed(summary: &str, doing: &str, r: &Rule, at: &Regional, cause: &str, state: Value) -> ApplyResponse {
    failure::apply_failed(summary, doing, &subject(r, at), cause, &[], state)
}

/// IAM has not propagated the rule's role yet.
fn role_not_assumable<E, R>(e: &SdkError<E, R>) -> bool
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    errors::describe(e).contains("cannot be assumed by principal")
}

/// AWS refuses to delete a rule that has targets.
fn has_targets<E, R>(e: &SdkError<E, R>) -> bool
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    errors::describe(e).contains("since it has targets")
}

async fn describe(
    client: &Client,
    name: &str,
    bus: Option<&str>,
) -> Result<DescribeRuleOutput, SdkError<DescribeRuleError, HttpResponse>> {
    client
        .describe_rule()
        .name(name)
        .set_event_bus_name(bus.map(str::to_string))
        .send()
        .await
}

/// The tags of rule `arn`, as ListTagsForResource gives them.
async fn tags_of(client: &Client, arn: &str) -> Result<BTreeMap<String, String>, String> {
    match client.list_tags_for_resource().resource_arn(arn).send().await {
        Ok(out) => Ok(mapping::tag_map(out.tags())),
        Err(e) => Err(errors::describe(&e)),
    }
}

pub async fn create(ctx: &Context<AwsClient>, planned: &Value) -> ApplyResponse {
    let mut r = Rule::from_value(planned);
    if r.name.is_none() {
        r.name = Some(values::generated_name(r.name_prefix.as_deref()));
        r.id = id_of(r.bus_name(), r.name());
    }
    let at = regional(ctx, &r);
    match describe(&at.client, r.name(), r.event_bus_name.as_deref()).await {
        Ok(_) => {
            let cause = format!(
                "PutRule would overwrite the rule of this name on event bus {:?}. {}",
                r.bus_name(),
                failure::already_exists(&KIND, &at.region, &import_id(&r, &at))
            );
            return failed(CREATE_FAILED, "creating", &r, &at, &cause, Value::Null);
        }
        Err(e) if errors::is_not_found(&e) => {}
        Err(e) => {
            let cause = failure::cause(&e, &subject(&r, &at));
            return failed(CREATE_FAILED, "creating", &r, &at, &cause, Value::Null);
        }
    }
    let poll = ctx.client.poll_policy();
    let put = patience::retrying(
        poll,
        &ctx.stop,
        patience::bound(poll, ROLE_PAUSES),
        |e| role_not_assumable(e) || errors::code(e) == Some(CONFLICT),
        || {
            mapping::put_request(&at.client, &r, None)
                .set_tags(mapping::tags_to_create(&r))
                .send()
        },
    )
    .await;
    match put {
        Ok(out) => {
            tracing::info!(rule = %r.name(), region = %at.region, "created rule");
            r.arn = out.rule_arn().map(str::to_string);
        }
        Err(e) => {
            let cause = failure::cause(&e, &subject(&r, &at));
            return failed(CREATE_FAILED, "creating", &r, &at, &cause, Value::Null);
        }
    }
    // Read back, patient while AWS does not find it yet. The tags are the
    // ones just written.
    let read = patience::retrying(
        poll,
        &ctx.stop,
        patience::bound(poll, READABLE_PAUSES),
        errors::is_not_found,
        || describe(&at.client, r.name(), r.event_bus_name.as_deref()),
    )
    .await;
    match read {
        Ok(out) => {
            let aws_tags = crate::aws::regional::tags::to_send(&r.tags_all);
            let mut read = mapping::from_described(&out, &r, &aws_tags, ctx.client.tag_policy());
            // What this apply planned stands (the read agrees or is behind).
            read.tags = r.tags.clone();
            read.tags_all = r.tags_all.clone();
            ApplyResponse {
                new_state: read.to_value(),
                ..Default::default()
            }
        }
        Err(e) => {
            let cause = format!(
                "{} (the rule was made; it stays in the state, and the next plan reads it again)",
                failure::cause(&e, &subject(&r, &at))
            );
            failed(CREATE_FAILED, "reading the new", &r, &at, &cause, r.to_value())
        }
    }
}

/// PutRule when a setting changed, then the tags that changed. A failure
/// keeps the prior state.
pub async fn update(ctx: &Context<AwsClient>, prior_value: &Value, planned: &Value) -> ApplyResponse {
    let mut r = Rule::from_value(planned);
    let prior = Rule::from_value(prior_value);
    let at = regional(ctx, &r);
    r.arn = prior.arn.clone();
    let poll = ctx.client.poll_policy();
    if mapping::settings(&r) != mapping::settings(&prior) || r.event_bus_name != prior.event_bus_name {
        let put = patience::retrying(
            poll,
            &ctx.stop,
            patience::bound(poll, ROLE_PAUSES),
            |e| role_not_assumable(e) || errors::code(e) == Some(CONFLICT),
            || mapping::put_request(&at.client, &r, Some(&prior)).send(),
        )
        .await;
        if let Err(e) = put {
            let cause = failure::cause(&e, &subject(&r, &at));
            return failed(UPDATE_FAILED, "updating", &r, &at, &cause, prior_value.clone());
        }
        tracing::info!(rule = %r.name(), region = %at.region, "updated rule");
    }
    let changes = Changes::between(&prior.tags_all, &r.tags_all);
    if let (false, Some(arn)) = (changes.is_empty(), prior.arn.as_deref()) {
        if let Err(cause) = retag(&at.client, arn, &changes).await {
            // The settings were written: the state says so, with the tags
            // as they were.
            let mut written = r.clone();
            written.tags = prior.tags.clone();
            written.tags_all = prior.tags_all.clone();
            return failed(UPDATE_FAILED, "tagging", &r, &at, &cause, written.to_value());
        }
    }
    ApplyResponse {
        new_state: r.to_value(),
        ..Default::default()
    }
}

/// UntagResource for the keys gone, TagResource for what is new or changed.
async fn retag(client: &Client, arn: &str, changes: &Changes) -> Result<(), String> {
    if !changes.remove.is_empty() {
        client
            .untag_resource()
            .resource_arn(arn)
            .set_tag_keys(Some(changes.remove.clone()))
            .send()
            .await
            .map_err(|e| errors::describe(&e))?;
    }
    if !changes.set.is_empty() {
        client
            .tag_resource()
            .resource_arn(arn)
            .set_tags(Some(mapping::tag_list(&changes.set)))
            .send()
            .await
            .map_err(|e| errors::describe(&e))?;
    }
    Ok(())
}

/// Already gone counts as deleted. While AWS says the rule has targets it
/// is asked again, for a bounded time; then the failure names them.
pub async fn delete(ctx: &Context<AwsClient>, prior_value: &Value) -> ApplyResponse {
    let r = Rule::from_value(prior_value);
    let at = regional(ctx, &r);
    let poll = ctx.client.poll_policy();
    let deleted = patience::retrying(
        poll,
        &ctx.stop,
        patience::bound(poll, TARGETS_PAUSES),
        |e| has_targets(e) || errors::code(e) == Some(CONFLICT),
        || {
            at.client
                .delete_rule()
                .name(r.name())
                .set_event_bus_name(r.event_bus_name.clone())
                .send()
        },
    )
    .await;
    match deleted {
        Ok(_) => {
            tracing::info!(rule = %r.name(), region = %at.region, "deleted rule");
            ApplyResponse::default()
        }
        Err(e) if errors::is_not_found(&e) => ApplyResponse::default(),
        Err(e) if has_targets(&e) => {
            let targets = targets_of(&at.client, &r).await;
            let cause = format!(
                "{}. The rule still has {targets}, and EventBridge deletes no rule that has targets. Remove them \
                 (their eventbridge_target or aws_cloudwatch_event_target resources, or `aws events \
                 remove-targets --rule {} --event-bus-name {} --ids ...`), then destroy again.",
                errors::describe(&e),
                r.name(),
                r.bus_name()
            );
            failed(DELETE_FAILED, "deleting", &r, &at, &cause, prior_value.clone())
        }
        Err(e) => {
            let cause = failure::cause(&e, &subject(&r, &at));
            failed(DELETE_FAILED, "deleting", &r, &at, &cause, prior_value.clone())
        }
    }
}

/// "targets `ID` (ARN), …", from ListTargetsByRule, for a failure.
async fn targets_of(client: &Client, r: &Rule) -> String {
    let listed = client
        .list_targets_by_rule()
        .rule(r.name())
        .set_event_bus_name(r.event_bus_name.clone())
        .send()
        .await;
    match listed {
        Ok(out) if !out.targets().is_empty() => {
            let named: Vec<String> = out
                .targets()
                .iter()
                .map(|t| format!("{:?} ({})", t.id(), t.arn()))
                .collect();
            format!("{} target(s): {}", named.len(), named.join(", "))
        }
        Ok(_) => "targets (AWS lists none now: they may have just been removed)".into(),
        Err(e) => format!("targets (ListTargetsByRule failed: {})", errors::describe(&e)),
    }
}

/// Refresh: the rule as AWS has it. Gone → null, and Terraform plans to
/// create it again.
pub async fn read(ctx: &Context<AwsClient>, current: &Value, private: &[u8]) -> ReadResponse {
    let mut prior = Rule::from_value(current);
    let at = regional(ctx, &prior);
    prior.region = Some(at.region.clone());
    let failed_read = |cause: String| failure::read_failed(&subject(&prior, &at), &cause, &[], current, private);
    let out = match describe(&at.client, prior.name(), prior.event_bus_name.as_deref()).await {
        Ok(out) => out,
        Err(e) if errors::is_not_found(&e) => {
            tracing::warn!(rule = %prior.name(), region = %at.region, "rule not found; removing it from state");
            return ReadResponse::default();
        }
        Err(e) => return failed_read(failure::cause(&e, &subject(&prior, &at))),
    };
    let aws_tags = match tags_of(&at.client, out.arn().unwrap_or_default()).await {
        Ok(tags) => tags,
        Err(cause) => return failed_read(cause),
    };
    ReadResponse {
        new_state: mapping::from_described(&out, &prior, &aws_tags, ctx.client.tag_policy()).to_value(),
        private: private.to_vec(),
        ..Default::default()
    }
}

/// `NAME`, `BUS/NAME`, either with `@REGION`, or the rule's ARN.
pub async fn import(ctx: &Context<AwsClient>, id: &str, diags: &mut Diagnostics) -> Option<Value> {
    let policy = ctx.client.tag_policy();
    found::import(&ctx.client, &KIND, id, diags, |client, named| async move {
        discover(&client, &named, policy).await
    })
    .await
}

/// A rule Terraform does not manage yet, read whole (import, data source,
/// `terraform query`).
pub async fn discover(
    client: &Client,
    named: &Named,
    policy: &crate::aws::regional::tags::TagPolicy,
) -> Result<Found, SdkError<DescribeRuleError, HttpResponse>> {
    let out = describe(client, &named.name, named.bus.as_deref()).await?;
    let arn = out.arn().unwrap_or_default().to_string();
    // A rule without readable tags is still imported: its tags then show
    // at the next refresh.
    let aws_tags = tags_of(client, &arn).await.unwrap_or_default();
    Ok(Found {
        arn,
        state: mapping::discovered(&out, &named.region, &aws_tags, policy).to_value(),
    })
}
