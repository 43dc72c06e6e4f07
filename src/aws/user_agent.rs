//! The User-Agent of every AWS call names this provider, its version and
//! the Terraform that runs it, then the provider block's `user_agent`
//! products and `TF_APPEND_USER_AGENT`, as hashicorp/aws does. The SDK's own
//! part (`aws-sdk-rust/... app/terraform-provider-eventbridge`) comes first;
//! the rest is appended by [`AppendUserAgent`] just before the request
//! leaves (SigV4 does not sign the User-Agent).

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// The provider's name in User-Agents and the SDK's `app/` field.
pub const PRODUCT: &str = "terraform-provider-eventbridge";

/// The environment variable whose text goes at the end, verbatim.
pub const APPEND_ENV: &str = "TF_APPEND_USER_AGENT";

/// The products appended to the SDK's User-Agent, space separated; parts
/// that cannot go in an HTTP header are left out (and named in the error).
pub fn products(terraform_version: &str, extra: &[String], appended: Option<&str>) -> (String, Vec<String>) {
    let mut parts = vec![format!(
        "{PRODUCT}/{} (+https://registry.terraform.io/providers/eventbridge-rs/eventbridge)",
        env!("CARGO_PKG_VERSION")
    )];
    if !terraform_version.is_empty() {
        parts.push(format!("Terraform/{terraform_version} (+https://www.terraform.io)"));
    }
    let mut refused = Vec::new();
    for part in extra.iter().map(String::as_str).chain(appended) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if http::HeaderValue::from_str(part).is_ok() {
            parts.push(part.to_string());
        } else {
            refused.push(part.to_string());
        }
    }
    (parts.join(" "), refused)
}

/// Appends its text to the User-Agent header of every attempt.
#[derive(Debug, Clone)]
pub struct AppendUserAgent(pub String);

impl Intercept for AppendUserAgent {
    fn name(&self) -> &'static str {
        "AppendUserAgent"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let headers = context.request_mut().headers_mut();
        let value = match headers.get("user-agent") {
            Some(sdk) if !sdk.contains(&self.0) => format!("{sdk} {}", self.0),
            Some(_) => return Ok(()),
            None => self.0.clone(),
        };
        headers.insert("user-agent", value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_provider_terraform_products_and_the_appended_text() {
        let (text, refused) = products("1.11.4", &["team/2.0".to_string()], Some("CI/42 (build 7)"));
        assert!(text.starts_with(&format!("terraform-provider-eventbridge/{}", env!("CARGO_PKG_VERSION"))));
        assert!(text.contains("Terraform/1.11.4"), "{text}");
        assert!(text.ends_with("team/2.0 CI/42 (build 7)"), "{text}");
        assert!(refused.is_empty());
        let (_, refused) = products("", &[], Some("bad\nline"));
        assert_eq!(refused, vec!["bad\nline".to_string()]);
    }
}
