//! Turning SDK errors into messages that name the operation, the
//! connection, and AWS's error code and message, with secrets scrubbed.

use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};

use crate::aws::unreachable::EndpointUnreachable;

/// True when AWS says the connection does not exist. Matched by code:
/// some operations return it untyped.
pub fn is_not_found<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    code(err) == Some("ResourceNotFoundException")
}

pub fn code<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<&str> {
    match err {
        SdkError::ServiceError(e) => e.err().code(),
        _ => None,
    }
}

/// `CODE: message` for a service error; the full cause chain otherwise
/// (timeouts, connection failures, credentials).
pub fn describe<E, R>(err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    match err {
        SdkError::ServiceError(e) => {
            let inner = e.err();
            let code = inner.code().unwrap_or("UnknownError");
            let mut text = match inner.message() {
                Some(m) if !m.is_empty() => format!("{code}: {m}"),
                _ => code.to_string(),
            };
            if let Some(id) = inner.meta().extra("aws_request_id") {
                text.push_str(&format!(" (request id {id})"));
            }
            text
        }
        other => {
            // An endpoint that was never reached says all there is to say.
            if let Some(unreachable) = find_in_chain::<EndpointUnreachable>(other) {
                return format!("{unreachable}.");
            }
            // The cause chain's messages, without the debug dump of raw
            // responses that the SDK's own error context appends. Where
            // credentials come from is said once, by ConfigureProvider,
            // which resolves them; a message here may end up inside that.
            chain_text(other)
        }
    }
}

/// The first error of type `T` in `error`'s cause chain, `error` included.
pub fn find_in_chain<'a, T: std::error::Error + 'static>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    std::iter::successors(Some(error), |e| e.source()).find_map(|e| e.downcast_ref::<T>())
}

/// The messages of `error`'s cause chain joined by ": ", each said once (a
/// message an earlier one already contains is left out).
pub fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in std::iter::successors(Some(error), |e| e.source()) {
        let text = e.to_string().trim().trim_end_matches('.').to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// Replaces every occurrence of a secret in `text` with `***`.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(s, "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn secrets_are_scrubbed_from_messages() {
        assert_eq!(
            scrub("Value 'hunter2' at 'password' failed", &["hunter2"]),
            "Value '***' at 'password' failed"
        );
    }
}
