//! The model ↔ EventBridge API mapping (it makes no call): requests from
//! an [`ApiDestination`], and an [`ApiDestination`] from what AWS answers.
//! Every call answers the ARN and state, so create, update and delete are
//! one call each, and a read is one DescribeApiDestination.

use aws_sdk_eventbridge::operation::create_api_destination::builders::CreateApiDestinationFluentBuilder;
use aws_sdk_eventbridge::operation::describe_api_destination::DescribeApiDestinationOutput;
use aws_sdk_eventbridge::operation::update_api_destination::builders::UpdateApiDestinationFluentBuilder;
use aws_sdk_eventbridge::types::{ApiDestinationHttpMethod, ApiDestinationState};
use aws_sdk_eventbridge::Client;

use super::schema::ApiDestination;
use crate::aws::regional::values;

fn method(d: &ApiDestination) -> ApiDestinationHttpMethod {
    ApiDestinationHttpMethod::from(d.http_method.as_str())
}

fn rate(d: &ApiDestination) -> Option<i32> {
    d.invocation_rate_limit_per_second.and_then(|r| i32::try_from(r).ok())
}

/// The whole CreateApiDestination request for `d`.
pub fn create_request(client: &Client, d: &ApiDestination) -> CreateApiDestinationFluentBuilder {
    client
        .create_api_destination()
        .name(&d.name)
        .set_description(d.description.clone().filter(|t| !t.is_empty()))
        .connection_arn(&d.connection_arn)
        .invocation_endpoint(&d.invocation_endpoint)
        .http_method(method(d))
        .set_invocation_rate_limit_per_second(rate(d))
}

/// The UpdateApiDestination request that takes `prior` to `d`: only what
/// changed (AWS keeps what is not sent); a removed description is sent
/// empty so that AWS clears it. None when nothing AWS holds changed.
pub fn update_request(
    client: &Client,
    d: &ApiDestination,
    prior: &ApiDestination,
) -> Option<UpdateApiDestinationFluentBuilder> {
    let description = match d.description != prior.description {
        true => values::description_to_send(&d.description, &prior.description),
        false => None,
    };
    let connection_arn = (d.connection_arn != prior.connection_arn).then(|| d.connection_arn.clone());
    let endpoint = (d.invocation_endpoint != prior.invocation_endpoint).then(|| d.invocation_endpoint.clone());
    let http_method = (d.http_method != prior.http_method).then(|| method(d));
    let rate = rate(d).filter(|r| Some(*r) != rate(prior));
    if description.is_none()
        && connection_arn.is_none()
        && endpoint.is_none()
        && http_method.is_none()
        && rate.is_none()
    {
        return None;
    }
    Some(
        client
            .update_api_destination()
            .name(&d.name)
            .set_description(description)
            .set_connection_arn(connection_arn)
            .set_invocation_endpoint(endpoint)
            .set_http_method(http_method)
            .set_invocation_rate_limit_per_second(rate),
    )
}

/// `arn:aws:events:R:A:api-destination/NAME/UUID` → `…/NAME`, the form IAM
/// policies name (`events:InvokeApiDestination` on `…/NAME/*`).
pub fn arn_for_policy(arn: &str) -> Option<String> {
    let (base, id) = arn.rsplit_once('/')?;
    (base.contains("api-destination/") && !id.is_empty()).then(|| base.to_string())
}

/// What AWS decided: the ARN (and its policy form) and the state.
pub fn set_computed(d: &mut ApiDestination, arn: Option<&str>, state: Option<&ApiDestinationState>) {
    d.arn = arn.map(str::to_string);
    d.arn_for_policy = arn.and_then(arn_for_policy);
    d.api_destination_state = state.map(|s| s.as_str().to_string());
}

/// What DescribeApiDestination says, with what only Terraform knows (the
/// Region it was asked in, and a description of `""`).
pub fn from_described(out: &DescribeApiDestinationOutput, prior: &ApiDestination) -> ApiDestination {
    let name = out.name().map_or_else(|| prior.name.clone(), str::to_string);
    let mut read = ApiDestination {
        id: name.clone(),
        name,
        description: values::read_description(out.description(), &prior.description),
        connection_arn: out.connection_arn().unwrap_or_default().to_string(),
        invocation_endpoint: out.invocation_endpoint().unwrap_or_default().to_string(),
        http_method: out.http_method().map(|m| m.as_str().to_string()).unwrap_or_default(),
        invocation_rate_limit_per_second: out.invocation_rate_limit_per_second().map(i64::from),
        region: prior.region.clone(),
        ..Default::default()
    };
    set_computed(&mut read, out.api_destination_arn(), out.api_destination_state());
    read
}

/// A destination Terraform does not manage yet (import, data source,
/// `terraform query`), as DescribeApiDestination shows it.
pub fn discovered(out: &DescribeApiDestinationOutput, name: &str, region: &str) -> ApiDestination {
    let nothing_known = ApiDestination {
        name: name.to_string(),
        region: Some(region.to_string()),
        ..Default::default()
    };
    from_described(out, &nothing_known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_arn_drops_the_trailing_id_only() {
        assert_eq!(
            arn_for_policy("arn:aws:events:us-east-1:123456789012:api-destination/orders/0f1e2d3c-4b5a").as_deref(),
            Some("arn:aws:events:us-east-1:123456789012:api-destination/orders")
        );
        assert_eq!(
            arn_for_policy("arn:aws:events:us-east-1:123456789012:api-destination/orders"),
            None
        );
        assert_eq!(arn_for_policy("garbage"), None);
    }
}
