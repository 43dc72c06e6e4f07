//! AWS's answers for the faults a test injects ([`super::Fault`]): the
//! error code, the HTTP status, and the message as AWS words it.

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;

use super::server::{json_response, region_of, Kind};
use super::Fault;

/// AWS's answer for an injected fault: its code, and its message as AWS
/// words it (the service model's description of the error; IAM's sentence
/// for a denied action, naming the action and the resource; EventBridge's
/// for a missing connection or API destination). Where AWS's exact words
/// are not on record (a quota), the model's sentence, naming the quota of
/// the resource the operation acts on.
pub(super) fn aws_error(
    fault: Fault,
    operation: &str,
    headers: &hyper::HeaderMap,
    name: &str,
) -> Response<Full<Bytes>> {
    let account = headers
        .get("x-moto-account-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let error = error_of(fault, operation, &region_of(headers), account, name);
    json_response(
        error.status,
        serde_json::json!({"__type": error.code, "message": error.message}),
    )
}

/// An error as AWS answers it.
pub(super) struct AwsError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

/// The error `fault` stands for, on `operation` of resource `name`, in
/// `region` and `account` (moto's default when empty). Pass, Reset and
/// Slow, which have none, are taken for a 503.
pub(super) fn error_of(fault: Fault, operation: &str, region: &str, account: &str, name: &str) -> AwsError {
    let account = Some(account).filter(|a| !a.is_empty()).unwrap_or("123456789012");
    let denied = |action: &str, resource: String| {
        format!(
            "User: arn:aws:sts::{account}:assumed-role/deploy/terraform is not authorized to perform: {action} on \
             resource: {resource} because no identity-based policy allows the {action} action"
        )
    };
    let kind = Kind::of(operation);
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
                format!("arn:aws:events:{region}:{account}:{}/{name}", kind.arn_type()),
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
            match kind {
                Kind::Connection => {
                    "The request failed because it attempted to create resource beyond the allowed service quota."
                        .to_string()
                }
                Kind::ApiDestination => "The request failed because it attempted to create resource beyond the \
                                         allowed service quota of API destinations in this account and Region."
                    .to_string(),
                Kind::Rule => "The requested resource exceeds the maximum number allowed.".to_string(),
            },
        ),
        Fault::Conflict => (
            400,
            "ConcurrentModificationException",
            "There is concurrent modification on a rule, target, archive, or replay.".to_string(),
        ),
        Fault::NotFound => (
            400,
            "ResourceNotFoundException",
            match kind {
                Kind::Connection => {
                    format!("Failed to describe the connection(s). Connection '{name}' does not exist.")
                }
                Kind::ApiDestination => {
                    format!("Failed to describe the api-destination(s). An api-destination '{name}' does not exist.")
                }
                Kind::Rule => format!("Rule {name} does not exist."),
            },
        ),
        Fault::RoleNotAssumable => (
            400,
            "ValidationException",
            format!(
                "Provided role 'arn:aws:iam::{account}:role/events-{name}' cannot be assumed by principal \
                 'events.amazonaws.com'."
            ),
        ),
        Fault::HasTargets => (
            400,
            "ValidationException",
            "Rule can't be deleted since it has targets.".to_string(),
        ),
        _ => (503, "ServiceUnavailableException", "Service unavailable".to_string()),
    };
    AwsError { status, code, message }
}
