//! A request interceptor that makes `IsValueSecret: false` explicit.
//!
//! The Rust SDK leaves a `false` boolean out of the JSON it sends, so AWS
//! applies its own default for the flag — which users report to be `true`.
//! A parameter the configuration marks as not secret must say so on the wire.

use aws_sdk_eventbridge::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_eventbridge::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_types::body::SdkBody;
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

/// Adds `"IsValueSecret": false` to every HTTP parameter that lacks it;
/// true when anything changed.
pub fn make_explicit(body: &mut Json) -> bool {
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
