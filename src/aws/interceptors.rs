//! SDK interceptors for what goes over the wire:
//! - [`ExplicitIsValueSecret`]: the Rust SDK leaves a `false` boolean out
//!   of the JSON it sends, so AWS would apply its own default for the flag —
//!   which users report to be `true`. A parameter the configuration marks as
//!   not secret must say so on the wire.
//! - [`CallLog`]: one debug line per AWS call, with operation, connection,
//!   request id, latency and attempts.

use std::time::Instant;

use aws_sdk_eventbridge::config::interceptors::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextMut, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_sdk_eventbridge::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use serde_json::Value as Json;

#[derive(Debug, Default)]
pub struct ExplicitIsValueSecret;

impl Intercept for ExplicitIsValueSecret {
    fn name(&self) -> &'static str {
        "ExplicitIsValueSecret"
    }

    // Before signing: the signature covers the body.
    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        let target = request.headers().get("x-amz-target").unwrap_or_default();
        if !matches!(target, "AWSEvents.CreateConnection" | "AWSEvents.UpdateConnection") {
            return Ok(());
        }
        let Some(bytes) = request.body().bytes() else {
            return Ok(());
        };
        let Ok(mut body) = serde_json::from_slice::<Json>(bytes) else {
            return Ok(());
        };
        if !make_explicit(&mut body) {
            return Ok(());
        }
        let rewritten = serde_json::to_vec(&body)?;
        request
            .headers_mut()
            .insert("content-length", rewritten.len().to_string());
        *request.body_mut() = SdkBody::from(rewritten);
        Ok(())
    }
}

/// Logs every AWS call once it is done (all retries included).
#[derive(Debug, Default)]
pub struct CallLog;

/// What [`CallLog`] remembers about the call in flight.
#[derive(Debug, Clone)]
struct CallInFlight {
    started: Instant,
    operation: String,
    connection: String,
    attempts: u32,
}

impl Storable for CallInFlight {
    type Storer = StoreReplace<Self>;
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "CallLog"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Without debug logging there is no line to write: skip the
        // bookkeeping (and reading the body for the name) on every call.
        if !tracing::enabled!(tracing::Level::DEBUG) {
            return Ok(());
        }
        cfg.interceptor_state().store_put(CallInFlight {
            started: Instant::now(),
            operation: String::new(),
            connection: String::new(),
            attempts: 0,
        });
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(mut call) = cfg.load::<CallInFlight>().cloned() else {
            return Ok(());
        };
        let request = context.request();
        if call.attempts == 0 {
            let target = request.headers().get("x-amz-target").unwrap_or_default();
            call.operation = target.trim_start_matches("AWSEvents.").to_string();
            // Only the connection's name is read from the body, never more.
            call.connection = request
                .body()
                .bytes()
                .and_then(|b| serde_json::from_slice::<Json>(b).ok())
                .and_then(|j| j.get("Name").and_then(Json::as_str).map(str::to_string))
                .unwrap_or_default();
        }
        call.attempts += 1;
        cfg.interceptor_state().store_put(call);
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(call) = cfg.load::<CallInFlight>() else {
            return Ok(());
        };
        let response = context.response();
        let request_id = response
            .and_then(|r| {
                r.headers()
                    .get("x-amzn-requestid")
                    .or_else(|| r.headers().get("x-amz-request-id"))
            })
            .unwrap_or("-");
        let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
        tracing::debug!(
            operation = %call.operation,
            connection = %call.connection,
            request_id = %request_id,
            status,
            latency_ms = call.started.elapsed().as_millis() as u64,
            attempts = call.attempts,
            retries = call.attempts.saturating_sub(1),
            "AWS {} {:?}: HTTP {status} in {} ms, {} attempt(s)",
            call.operation,
            call.connection,
            call.started.elapsed().as_millis(),
            call.attempts,
        );
        Ok(())
    }
}

/// Adds `"IsValueSecret": false` to every HTTP parameter that lacks it;
/// true when anything changed.
fn make_explicit(body: &mut Json) -> bool {
    let Some(auth) = body.get_mut("AuthParameters") else {
        return false;
    };
    let mut changed = false;
    if let Some(p) = auth.get_mut("InvocationHttpParameters") {
        changed |= explicit_in(p);
    }
    if let Some(p) = auth
        .get_mut("OAuthParameters")
        .and_then(|o| o.get_mut("OAuthHttpParameters"))
    {
        changed |= explicit_in(p);
    }
    changed
}

fn explicit_in(http: &mut Json) -> bool {
    let mut changed = false;
    for list in ["BodyParameters", "HeaderParameters", "QueryStringParameters"] {
        let Some(Json::Array(params)) = http.get_mut(list) else {
            continue;
        };
        for param in params {
            if let Json::Object(fields) = param {
                if !fields.contains_key("IsValueSecret") {
                    fields.insert("IsValueSecret".into(), Json::Bool(false));
                    changed = true;
                }
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::make_explicit;
    use serde_json::json;

    #[test]
    fn a_missing_flag_becomes_an_explicit_false_and_true_stays_true() {
        let mut body = json!({"Name": "c", "AuthParameters": {
            "InvocationHttpParameters": {"HeaderParameters": [{"Key": "a", "Value": "1"}, {"Key": "s", "Value": "2", "IsValueSecret": true}]},
            "OAuthParameters": {"OAuthHttpParameters": {"BodyParameters": [{"Key": "b", "Value": "3"}]}}}});
        assert!(make_explicit(&mut body));
        let headers = &body["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"];
        assert_eq!(headers[0]["IsValueSecret"], json!(false));
        assert_eq!(headers[1]["IsValueSecret"], json!(true));
        assert_eq!(
            body["AuthParameters"]["OAuthParameters"]["OAuthHttpParameters"]["BodyParameters"][0]["IsValueSecret"],
            json!(false)
        );
    }
}
