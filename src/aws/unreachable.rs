//! Calls that cannot reach their endpoint end fast and say so.
//!
//! The SDK's standard retry mode treats a refused connection, a failed DNS
//! lookup, a failed TLS handshake or a connect timeout as transient, like
//! throttling: with the 25 retries users set for throttling at scale, a
//! mistyped endpoint kept `apply` at "Still creating..." for minutes. This
//! interceptor lets such a failure be retried a little (a network blip),
//! then replaces it with an [`EndpointUnreachable`] error that no retry
//! classifier retries. Throttling and 5xx answers are not touched: they
//! come from an endpoint that was reached, and keep the whole budget.

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use aws_config::Region;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::OrchestratorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use aws_smithy_types::endpoint::Endpoint;

/// Attempts an unreachable endpoint gets before the call ends.
const ATTEMPTS: u32 = 3;
/// Time an unreachable endpoint gets before the call ends.
const BUDGET: Duration = Duration::from_secs(10);

/// The interceptor; `service` names the endpoint in messages ("EventBridge").
#[derive(Debug)]
pub struct FailFastWhenUnreachable {
    pub service: &'static str,
}

/// The error a call ends with when its endpoint cannot be reached.
#[derive(Debug)]
pub struct EndpointUnreachable {
    pub service: &'static str,
    pub url: String,
    pub region: String,
    pub attempts: u32,
    pub elapsed: Duration,
    pub cause: String,
}

impl std::fmt::Display for EndpointUnreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} endpoint {} (Region {}) could not be reached: {} ({} attempt{} in {:.1}s). Check the \
             provider's region and endpoint settings, any proxy, and the network",
            self.service,
            self.url,
            self.region,
            self.cause,
            self.attempts,
            if self.attempts == 1 { "" } else { "s" },
            self.elapsed.as_secs_f64()
        )
    }
}

impl StdError for EndpointUnreachable {}

/// Unreachable attempts of the call in flight.
#[derive(Debug, Clone)]
struct UnreachableSoFar {
    first: Instant,
    attempts: u32,
}

impl Storable for UnreachableSoFar {
    type Storer = StoreReplace<Self>;
}

impl Intercept for FailFastWhenUnreachable {
    fn name(&self) -> &'static str {
        "FailFastWhenUnreachable"
    }

    // Runs after each attempt and before the retry strategy looks at its
    // outcome, so a replaced error is what the strategy classifies.
    fn modify_before_attempt_completion(
        &self,
        context: &mut FinalizerInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(cause) = context
            .output_or_error()
            .and_then(|r| r.err())
            .and_then(|e| e.as_connector_error())
            .and_then(|e| not_reached(e))
        else {
            return Ok(());
        };
        let mut so_far = cfg.load::<UnreachableSoFar>().cloned().unwrap_or(UnreachableSoFar {
            first: Instant::now(),
            attempts: 0,
        });
        so_far.attempts += 1;
        cfg.interceptor_state().store_put(so_far.clone());
        if so_far.attempts < ATTEMPTS && so_far.first.elapsed() < BUDGET {
            return Ok(());
        }
        let unreachable = EndpointUnreachable {
            service: self.service,
            // The orchestrator keeps the endpoint it resolved for the call.
            url: cfg.load::<Endpoint>().map(|e| base_of(e.url())).unwrap_or_default(),
            region: cfg.load::<Region>().map(|r| r.to_string()).unwrap_or_default(),
            attempts: so_far.attempts,
            elapsed: so_far.first.elapsed(),
            cause,
        };
        if let Some(outcome) = context.output_or_error_mut() {
            *outcome = Err(OrchestratorError::other(unreachable));
        }
        Ok(())
    }
}

/// `scheme://host[:port]` of an endpoint URL: where the call was going.
fn base_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or_default()),
        None => url.to_string(),
    }
}

/// The cause in words when `error` means the endpoint was never reached
/// (connect refused or timed out, DNS, TLS handshake); None when a
/// connection was made and then failed, which is retried as usual.
fn not_reached(error: &(dyn StdError + 'static)) -> Option<String> {
    let mut chain = std::iter::successors(Some(error), |e: &&(dyn StdError + 'static)| (*e).source());
    let connect_failed = |e: &(dyn StdError + 'static)| {
        e.downcast_ref::<hyper_util::client::legacy::Error>()
            .is_some_and(|e| e.is_connect())
    };
    let at = chain.position(|e| connect_failed(e) || e.to_string().starts_with("HTTP connect timeout"))?;
    // The innermost messages say what happened ("Connection refused",
    // "failed to lookup address information", "invalid peer certificate").
    let mut parts: Vec<String> = Vec::new();
    for e in std::iter::successors(Some(error), |e: &&(dyn StdError + 'static)| (*e).source()).skip(at) {
        // hyper-util's own text ("client error (Connect)") says nothing more.
        if connect_failed(e) && e.source().is_some() {
            continue;
        }
        let text = e.to_string();
        parts.retain(|p| !text.contains(p.as_str()));
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    Some(parts.join(": "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapped(&'static str, Option<Box<dyn StdError + Send + Sync>>);
    impl std::fmt::Display for Wrapped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl StdError for Wrapped {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            self.1.as_deref().map(|e| e as &(dyn StdError + 'static))
        }
    }

    #[test]
    fn a_connect_timeout_is_not_reaching_the_endpoint_and_a_reset_is() {
        let timeout = Wrapped("HTTP connect timeout occurred after 3.1s", None);
        assert_eq!(
            not_reached(&timeout).as_deref(),
            Some("HTTP connect timeout occurred after 3.1s")
        );
        let reset = Wrapped("io error", Some(Box::new(Wrapped("connection reset by peer", None))));
        assert_eq!(not_reached(&reset), None);
    }

    #[test]
    fn the_message_names_the_service_endpoint_region_and_cause() {
        let e = EndpointUnreachable {
            service: "EventBridge",
            url: "http://127.0.0.1:9".into(),
            region: "us-east-1".into(),
            attempts: 3,
            elapsed: Duration::from_millis(2100),
            cause: "tcp connect error: Connection refused (os error 111)".into(),
        };
        let text = e.to_string();
        for part in [
            "EventBridge endpoint http://127.0.0.1:9",
            "Region us-east-1",
            "could not be reached",
            "Connection refused",
            "3 attempts in 2.1s",
        ] {
            assert!(text.contains(part), "{text}");
        }
    }
}
