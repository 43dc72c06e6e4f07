//! Create, update, delete, read and import of one API destination: one
//! call each (AWS documents no waiter; every answer carries the ARN and
//! state), and what goes back to Terraform when a call fails.

use aws_sdk_eventbridge::types::ApiDestinationState;

use super::mapping;
use super::schema::ApiDestination;
use super::KIND;
use crate::aws::errors;
use crate::aws::regional::conflicts;
use crate::aws::regional::failure::{self, Subject};
use crate::aws::regional::found::{self, Found, Named};
use crate::aws::regional::region::Regional;
use crate::aws::AwsClient;
use crate::tfplugin::{ApplyResponse, Context, Diagnostics, Model, ReadResponse, Value};

const CREATE_FAILED: &str = "Error creating EventBridge API destination";
const UPDATE_FAILED: &str = "Error updating EventBridge API destination";
const DELETE_FAILED: &str = "Error deleting EventBridge API destination";

fn regional(ctx: &Context<AwsClient>, d: &ApiDestination) -> Regional {
    Regional::of(&ctx.client, d.region.as_deref())
}

fn subject<'a>(d: &'a ApiDestination, at: &'a Regional) -> Subject<'a> {
    Subject {
        kind: &KIND,
        name: &d.name,
        region: &at.region,
    }
}

/// A failed call in one line, answered with `state`, what exists now. A
/// destination holds no secret.
fn failed(summary: &str, doing: &str, d: &ApiDestination, at: &Regional, cause: &str, state: Value) -> ApplyResponse {
    failure::apply_failed(summary, doing, &subject(d, at), cause, &[], state)
}

fn recorded(state: ApiDestination) -> ApplyResponse {
    ApplyResponse {
        new_state: state.to_value(),
        ..Default::default()
    }
}

/// `d` as written, with the ARN and state AWS answered.
fn written(d: &ApiDestination, arn: Option<&str>, state: Option<&ApiDestinationState>) -> ApplyResponse {
    let mut written = d.clone();
    mapping::set_computed(&mut written, arn, state);
    recorded(written)
}

pub async fn create(ctx: &Context<AwsClient>, planned: &Value) -> ApplyResponse {
    let d = ApiDestination::from_value(planned);
    let at = regional(ctx, &d);
    match mapping::create_request(&at.client, &d).send().await {
        Ok(out) => {
            tracing::info!(api_destination = %d.name, region = %at.region, "created API destination");
            written(&d, out.api_destination_arn(), out.api_destination_state())
        }
        Err(e) => {
            let cause = failure::cause(&e, &subject(&d, &at));
            failed(CREATE_FAILED, "creating", &d, &at, &cause, Value::Null)
        }
    }
}

/// Sends what changed, retried through a conflicting change; nothing when
/// only what AWS does not hold changed. A failure keeps the prior state.
pub async fn update(ctx: &Context<AwsClient>, prior_value: &Value, planned: &Value) -> ApplyResponse {
    let d = ApiDestination::from_value(planned);
    let prior = ApiDestination::from_value(prior_value);
    let at = regional(ctx, &d);
    let Some(request) = mapping::update_request(&at.client, &d, &prior) else {
        return recorded(d);
    };
    match conflicts::retrying(ctx.client.poll_policy(), &ctx.stop, || request.clone().send()).await {
        Ok(out) => {
            tracing::info!(api_destination = %d.name, region = %at.region, "updated API destination");
            written(&d, out.api_destination_arn(), out.api_destination_state())
        }
        Err(e) => {
            let cause = failure::cause(&e, &subject(&d, &at));
            failed(UPDATE_FAILED, "updating", &d, &at, &cause, prior_value.clone())
        }
    }
}

/// Already gone counts as deleted.
pub async fn delete(ctx: &Context<AwsClient>, prior_value: &Value) -> ApplyResponse {
    let d = ApiDestination::from_value(prior_value);
    let at = regional(ctx, &d);
    let deleted = conflicts::retrying(ctx.client.poll_policy(), &ctx.stop, || {
        at.client.delete_api_destination().name(&d.name).send()
    })
    .await;
    match deleted {
        Ok(_) => {
            tracing::info!(api_destination = %d.name, region = %at.region, "deleted API destination");
            ApplyResponse::default()
        }
        Err(e) if errors::is_not_found(&e) => ApplyResponse::default(),
        Err(e) => {
            let cause = failure::cause(&e, &subject(&d, &at));
            failed(DELETE_FAILED, "deleting", &d, &at, &cause, prior_value.clone())
        }
    }
}

/// Refresh: the destination as AWS has it. Gone → null, and Terraform
/// plans to create it again.
pub async fn read(ctx: &Context<AwsClient>, current: &Value, private: &[u8]) -> ReadResponse {
    let mut prior = ApiDestination::from_value(current);
    let at = regional(ctx, &prior);
    // A state taken over from another provider may not say; it is where
    // the provider looks.
    prior.region = Some(at.region.clone());
    match at.client.describe_api_destination().name(&prior.name).send().await {
        Ok(out) => ReadResponse {
            new_state: mapping::from_described(&out, &prior).to_value(),
            private: private.to_vec(),
            ..Default::default()
        },
        Err(e) if errors::is_not_found(&e) => {
            tracing::warn!(api_destination = %prior.name, region = %at.region, "API destination not found; removing it from state");
            ReadResponse::default()
        }
        Err(e) => failure::read_failed(
            &subject(&prior, &at),
            &failure::cause(&e, &subject(&prior, &at)),
            &[],
            current,
            private,
        ),
    }
}

/// `NAME`, `NAME@REGION` or the destination's ARN.
pub async fn import(ctx: &Context<AwsClient>, id: &str, diags: &mut Diagnostics) -> Option<Value> {
    found::import(
        &ctx.client,
        &KIND,
        id,
        diags,
        |client, Named { name, region, .. }| async move {
            let out = client.describe_api_destination().name(&name).send().await?;
            Ok(Found {
                arn: out.api_destination_arn().unwrap_or_default().to_string(),
                state: mapping::discovered(&out, &name, &region).to_value(),
            })
        },
    )
    .await
}
