//! How AWS calls are retried: `max_retries` (else `AWS_MAX_ATTEMPTS`),
//! `retry_mode` (else `AWS_RETRY_MODE`: `standard` or `adaptive`, the SDK's
//! client-side rate limiting), and the retry token bucket
//! (`token_bucket_rate_limiter_capacity`). As in hashicorp/aws, the bucket is
//! off unless a capacity is given: with 25 retries for throttling at scale,
//! a shared quota would turn long throttling into "retry quota exceeded".
//!
//! EventBridge answers `LimitExceededException` when an account reaches a
//! service quota (connections or API destinations per Region, rules per bus,
//! targets per rule), which
//! waiting never fixes; the SDK counts that code among throttling errors and
//! would retry it for minutes. [`QuotaIsNotThrottling`] forbids that retry.

use aws_sdk_eventbridge::config::interceptors::InterceptorContext;
use aws_sdk_eventbridge::config::retry::{
    ClassifyRetry, RetryAction, RetryConfig, RetryMode, RetryPartition, TokenBucket,
};
use aws_sdk_eventbridge::operation::create_api_destination::CreateApiDestinationError;
use aws_sdk_eventbridge::operation::create_connection::CreateConnectionError;
use aws_sdk_eventbridge::operation::put_rule::PutRuleError;
use aws_sdk_eventbridge::operation::put_targets::PutTargetsError;
use aws_sdk_eventbridge::operation::update_api_destination::UpdateApiDestinationError;
use aws_sdk_eventbridge::operation::update_connection::UpdateConnectionError;
use aws_smithy_runtime_api::client::orchestrator::OrchestratorError;
use aws_smithy_runtime_api::client::retries::classifiers::RetryClassifierPriority;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// Retries the reference provider allows; throttling at scale needs them.
pub const DEFAULT_MAX_RETRIES: u32 = 25;

/// Most retries accepted (`max_retries`, `AWS_MAX_ATTEMPTS` - 1).
pub const MAX_RETRIES_LIMIT: u32 = 100;

/// The provider block's retry arguments; `None`: not set.
#[derive(Debug, Clone, Default)]
pub struct RetryArguments {
    pub max_retries: Option<u32>,
    pub retry_mode: Option<String>,
    pub token_bucket_capacity: Option<usize>,
}

/// `standard` or `adaptive` (hashicorp/aws accepts no other).
pub fn parse_mode(text: &str) -> Option<RetryMode> {
    match text.trim().to_ascii_lowercase().as_str() {
        "standard" => Some(RetryMode::Standard),
        "adaptive" => Some(RetryMode::Adaptive),
        _ => None,
    }
}

/// The retry configuration: arguments first, then the environment.
pub fn retry_config(args: &RetryArguments, env: &dyn Fn(&str) -> Option<String>) -> Result<RetryConfig, String> {
    let mode = match (&args.retry_mode, env("AWS_RETRY_MODE").filter(|v| !v.trim().is_empty())) {
        (Some(arg), _) => {
            parse_mode(arg).ok_or_else(|| format!("retry_mode {arg:?} is not \"standard\" or \"adaptive\"."))?
        }
        (None, Some(var)) => parse_mode(&var)
            .ok_or_else(|| format!("AWS_RETRY_MODE={var:?} in the environment is not \"standard\" or \"adaptive\"."))?,
        (None, None) => RetryMode::Standard,
    };
    let retries = match (
        args.max_retries,
        env("AWS_MAX_ATTEMPTS").filter(|v| !v.trim().is_empty()),
    ) {
        (Some(n), _) => n,
        (None, Some(var)) => match var.trim().parse::<u32>() {
            Ok(attempts) if (1..=MAX_RETRIES_LIMIT + 1).contains(&attempts) => attempts - 1,
            _ => {
                return Err(format!(
                    "AWS_MAX_ATTEMPTS={var:?} in the environment is not a whole number from 1 to {}.",
                    MAX_RETRIES_LIMIT + 1
                ))
            }
        },
        (None, None) => DEFAULT_MAX_RETRIES,
    };
    let base = match mode {
        RetryMode::Adaptive => RetryConfig::adaptive(),
        _ => RetryConfig::standard(),
    };
    Ok(base.with_max_attempts(retries.min(MAX_RETRIES_LIMIT) + 1))
}

/// The retry partition every client of this provider shares: its token
/// bucket holds `capacity` tokens, or never runs out when none is given.
pub fn retry_partition(capacity: Option<usize>) -> RetryPartition {
    let bucket = match capacity {
        Some(n) => TokenBucket::new(n),
        None => TokenBucket::unlimited(),
    };
    RetryPartition::custom("terraform-provider-eventbridge")
        .token_bucket(bucket)
        .build()
}

/// The error code EventBridge answers when a service quota is reached.
pub const QUOTA_REACHED: &str = "LimitExceededException";

/// Forbids retrying [`QUOTA_REACHED`]; throttling keeps its retries.
#[derive(Debug, Default)]
pub struct QuotaIsNotThrottling;

/// The error code of a failed create or update of a connection or an API
/// destination, or of a PutRule or PutTargets: the operations whose model lists
/// [`QUOTA_REACHED`].
fn quota_operation_code(ctx: &InterceptorContext) -> Option<&str> {
    let Some(Err(e)) = ctx.output_or_error() else {
        return None;
    };
    let e = OrchestratorError::as_operation_error(e)?;
    macro_rules! code_of {
        ($($error:ty),*) => {$(
            if let Some(e) = e.downcast_ref::<$error>() {
                return e.code();
            }
        )*};
    }
    code_of!(
        CreateConnectionError,
        UpdateConnectionError,
        CreateApiDestinationError,
        UpdateApiDestinationError,
        PutRuleError,
        PutTargetsError
    );
    None
}

impl ClassifyRetry for QuotaIsNotThrottling {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        match quota_operation_code(ctx) {
            Some(QUOTA_REACHED) => RetryAction::RetryForbidden,
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "QuotaIsNotThrottling"
    }

    /// After the SDK's own classifiers, whose verdict it overrides.
    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn arguments_then_environment_then_defaults() {
        let c = retry_config(&RetryArguments::default(), &no_env).expect("config");
        assert_eq!(c.max_attempts(), 26);
        assert_eq!(c.mode(), RetryMode::Standard);
        let env = |k: &str| match k {
            "AWS_MAX_ATTEMPTS" => Some("4".to_string()),
            "AWS_RETRY_MODE" => Some("adaptive".to_string()),
            _ => None,
        };
        let c = retry_config(&RetryArguments::default(), &env).expect("config");
        assert_eq!((c.max_attempts(), c.mode()), (4, RetryMode::Adaptive));
        let args = RetryArguments {
            max_retries: Some(2),
            retry_mode: Some("standard".into()),
            token_bucket_capacity: None,
        };
        let c = retry_config(&args, &env).expect("config");
        assert_eq!((c.max_attempts(), c.mode()), (3, RetryMode::Standard));
    }

    #[test]
    fn bad_environment_values_are_named() {
        let env = |k: &str| (k == "AWS_RETRY_MODE").then(|| "legacy".to_string());
        let e = retry_config(&RetryArguments::default(), &env).unwrap_err();
        assert!(e.contains("AWS_RETRY_MODE=\"legacy\""), "{e}");
        let env = |k: &str| (k == "AWS_MAX_ATTEMPTS").then(|| "0".to_string());
        let e = retry_config(&RetryArguments::default(), &env).unwrap_err();
        assert!(e.contains("AWS_MAX_ATTEMPTS=\"0\""), "{e}");
    }
}
