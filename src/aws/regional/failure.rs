//! Failures in one line, as hashicorp/aws words them ("creating
//! EventBridge connection "crm" in us-east-1: CODE: message"), answered
//! with the state that exists so that Terraform loses nothing.

use std::fmt;

use super::Kind;
use crate::aws::errors;
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
