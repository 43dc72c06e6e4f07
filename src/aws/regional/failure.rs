//! Failures in one line, as hashicorp/aws words them ("creating
//! EventBridge connection "crm" in us-east-1: CODE: message"), answered
//! with the state that exists so that Terraform loses nothing.

use std::fmt;

use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};

use super::conflicts::{ATTEMPTS, CONFLICT};
use super::Kind;
use crate::aws::errors;
use crate::aws::retry::QUOTA_REACHED;
use crate::aws::text_rule::{article, capitalized};
use crate::tfplugin::{ApplyResponse, Diagnostics, ReadResponse, Value};

/// The object a message is about.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    pub kind: &'static Kind,
    pub name: &'a str,
    pub region: &'a str,
}

/// `EventBridge connection "crm" in us-east-1`.
impl fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventBridge {} {:?} in {}", self.kind.noun, self.name, self.region)
    }
}

/// AWS's words for a failed call on `subject`, and the way out where the
/// error has one.
pub fn cause<E, R>(e: &SdkError<E, R>, subject: &Subject<'_>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    with_way_out(&errors::describe(e), errors::code(e), subject)
}

/// `described` (AWS's words for a failed call, its error code `code`),
/// followed by the way out where the error has one.
pub fn with_way_out(described: &str, code: Option<&str>, subject: &Subject<'_>) -> String {
    let (noun, name, region) = (subject.kind.noun, subject.name, subject.region);
    let way_out = match code {
        Some(QUOTA_REACHED) => {
            let quota = &subject.kind.quota;
            format!(
                "The account has reached its quota of EventBridge {noun}s{} in {region} (\"{}\", {} by default), \
                 and waiting does not help: delete {noun}s it no longer needs, or ask for more in the Service \
                 Quotas console or with `aws service-quotas request-service-quota-increase --service-code events \
                 --quota-code {} --desired-value N --region {region}`.",
                quota.scope,
                quota.name,
                thousands(quota.default),
                quota.code
            )
        }
        Some("ResourceAlreadyExistsException") => already_exists(subject.kind, region, &format!("{name}@{region}")),
        Some(CONFLICT) => format!(
            "Another change to this {noun} was still in progress after {ATTEMPTS} attempts; apply again once \
             it has finished."
        ),
        Some("AccessDeniedException") => format!(
            "The provider's credentials lack the permission AWS names; the {} documentation lists the \
             permissions each operation needs.",
            subject.kind.type_name
        ),
        _ => return described.to_string(),
    };
    format!("{described}. {way_out}")
}

/// The way out when the name is taken: another name, or an import of the
/// one there by `import_id`.
pub fn already_exists(kind: &Kind, region: &str, import_id: &str) -> String {
    format!(
        "{} of this name already exists in {region}: choose another name, or bring it under Terraform with \
         `terraform import <address> {import_id}`.",
        capitalized(&article(kind.noun))
    )
}

/// 3000 → "3,000".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `summary`, then "`doing` SUBJECT: cause". Only the cause, AWS's words,
/// is scrubbed of `secrets`: scrubbing our own words too would show where a
/// short secret matched them.
pub fn diagnostics(summary: &str, doing: &str, subject: &Subject<'_>, cause: &str, secrets: &[&str]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let cause = errors::scrub(cause, secrets);
    diagnostics.error(summary, format!("{doing} {subject}: {cause}"));
    diagnostics
}

/// A failed create, update or delete, answered with `state`: what exists
/// now (null when a create made nothing, the prior state otherwise).
pub fn apply_failed(
    summary: &str,
    doing: &str,
    subject: &Subject<'_>,
    cause: &str,
    secrets: &[&str],
    state: Value,
) -> ApplyResponse {
    ApplyResponse {
        new_state: state,
        diagnostics: diagnostics(summary, doing, subject, cause, secrets),
        ..Default::default()
    }
}

/// A failed refresh: the current state and private state, unchanged.
pub fn read_failed(
    subject: &Subject<'_>,
    cause: &str,
    secrets: &[&str],
    current: &Value,
    private: &[u8],
) -> ReadResponse {
    let summary = format!("Error reading EventBridge {}", subject.kind.noun);
    ReadResponse {
        new_state: current.clone(),
        private: private.to_vec(),
        diagnostics: diagnostics(&summary, "reading", subject, cause, secrets),
        ..Default::default()
    }
}
