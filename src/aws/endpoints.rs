//! Where calls go. An endpoint given in the provider block
//! (`endpoints { events, sts }`, or the deprecated `endpoint`) wins; then
//! what the SDK reads itself (`AWS_ENDPOINT_URL_EVENTBRIDGE`,
//! `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `endpoint_url` in the
//! profile); else the services' own endpoint rules, which honour
//! `use_fips_endpoint` and `use_dualstack_endpoint`. The resolved URLs are
//! logged at configure time and are what the tests check for FIPS and
//! dual-stack, without any network.

use aws_config::SdkConfig;
use aws_types::service_config::ServiceConfigKey;

/// The provider block's endpoint overrides; `None`: not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoints {
    pub events: Option<String>,
    pub sts: Option<String>,
}

/// Why `url` cannot be an endpoint, in one sentence; None when it can.
pub fn url_problem(url: &str, example: &str) -> Option<String> {
    let bad = || Some(format!("{url:?} is not an http(s) URL, e.g. {example:?}."));
    let Some((scheme, rest)) = url.split_once("://") else {
        return bad();
    };
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    if !matches!(scheme, "http" | "https") || host.is_empty() || url.parse::<http::Uri>().is_err() {
        return bad();
    }
    None
}

/// The custom endpoint a service client built from `config` uses: the
/// block's, else the one the SDK finds in the environment or profile
/// (`service_id` as in `AWS_ENDPOINT_URL_<SERVICE_ID>`).
pub fn custom_endpoint(config: &SdkConfig, service_id: &str, explicit: Option<&str>) -> Option<String> {
    if let Some(url) = explicit {
        return Some(url.to_string());
    }
    let key = ServiceConfigKey::builder()
        .service_id(service_id)
        .env("AWS_ENDPOINT_URL")
        .profile("endpoint_url")
        .build()
        .ok()?;
    config
        .service_config()
        .and_then(|c| c.load_config(key))
        .or_else(|| config.endpoint_url().map(str::to_string))
}

/// The EventBridge endpoint the SDK's rules give for these settings.
pub async fn eventbridge_url(
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
    custom: Option<&str>,
) -> Result<String, String> {
    use aws_sdk_eventbridge::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
    let params = Params::builder()
        .region(region)
        .use_fips(use_fips)
        .use_dual_stack(use_dual_stack)
        .set_endpoint(custom.map(str::to_string))
        .build()
        .map_err(|e| e.to_string())?;
    DefaultResolver::new()
        .resolve_endpoint(&params)
        .await
        .map(|e| e.url().to_string())
        .map_err(|e| e.to_string())
}

/// The STS endpoint the SDK's rules give for these settings.
pub async fn sts_url(
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
    custom: Option<&str>,
) -> Result<String, String> {
    use aws_sdk_sts::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
    let params = Params::builder()
        .region(region)
        .use_fips(use_fips)
        .use_dual_stack(use_dual_stack)
        .set_endpoint(custom.map(str::to_string))
        .build()
        .map_err(|e| e.to_string())?;
    DefaultResolver::new()
        .resolve_endpoint(&params)
        .await
        .map(|e| e.url().to_string())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn fips_and_dual_stack_give_the_documented_hosts() {
        let url = |fips, dual| eventbridge_url("us-east-1", fips, dual, None);
        assert_eq!(
            url(false, false).await.as_deref(),
            Ok("https://events.us-east-1.amazonaws.com")
        );
        assert_eq!(
            url(true, false).await.as_deref(),
            Ok("https://events-fips.us-east-1.amazonaws.com")
        );
        assert_eq!(
            url(false, true).await.as_deref(),
            Ok("https://events.us-east-1.api.aws")
        );
        assert_eq!(
            url(true, true).await.as_deref(),
            Ok("https://events-fips.us-east-1.api.aws")
        );
        assert_eq!(
            sts_url("us-west-2", true, false, None).await.as_deref(),
            Ok("https://sts-fips.us-west-2.amazonaws.com")
        );
        assert_eq!(
            sts_url("eu-west-1", false, true, None).await.as_deref(),
            Ok("https://sts.eu-west-1.api.aws")
        );
    }

    #[tokio::test]
    async fn a_custom_endpoint_wins_over_the_rules() {
        let url = eventbridge_url("us-east-1", true, false, Some("http://127.0.0.1:5000")).await;
        // The rules refuse FIPS with a custom endpoint rather than ignore it.
        assert!(
            url.is_err() || url == Ok("http://127.0.0.1:5000".to_string()),
            "{url:?}"
        );
        assert_eq!(
            eventbridge_url("us-east-1", false, false, Some("http://127.0.0.1:5000")).await,
            Ok("http://127.0.0.1:5000".to_string())
        );
    }

    #[test]
    fn endpoints_must_be_http_urls_with_a_host() {
        let example = "https://events.us-east-1.amazonaws.com";
        assert_eq!(url_problem("http://127.0.0.1:5000", example), None);
        assert_eq!(
            url_problem("https://events-fips.us-east-1.amazonaws.com/", example),
            None
        );
        for bad in ["127.0.0.1:5000", "ftp://x", "http://", "https:///path", "http://a b"] {
            assert!(url_problem(bad, example).is_some(), "{bad}");
        }
    }
}
