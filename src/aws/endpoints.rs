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

/// The endpoint `$sdk`'s own rules give (its `Params` and resolver differ
/// by type only, so one body serves both services).
macro_rules! rules_url {
    ($sdk:ident, $region:expr, $fips:expr, $dual:expr, $custom:expr) => {{
        use $sdk::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
        let params = Params::builder()
            .region($region)
            .use_fips($fips)
            .use_dual_stack($dual)
            .set_endpoint($custom.map(str::to_string))
            .build()
            .map_err(|e| e.to_string())?;
        DefaultResolver::new()
            .resolve_endpoint(&params)
            .await
            .map(|e| e.url().to_string())
            .map_err(|e| e.to_string())
    }};
}

/// A service whose endpoint rules the provider resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    EventBridge,
    Sts,
}

/// The endpoint `service`'s rules give for these settings (`custom`, when
/// set, is what they give back).
pub async fn rules_url(
    service: Service,
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
    custom: Option<&str>,
) -> Result<String, String> {
    match service {
        Service::EventBridge => rules_url!(aws_sdk_eventbridge, region, use_fips, use_dual_stack, custom),
        Service::Sts => rules_url!(aws_sdk_sts, region, use_fips, use_dual_stack, custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn fips_and_dual_stack_give_the_documented_hosts() {
        for (fips, dual, events, sts) in [
            (
                false,
                false,
                "events.us-east-1.amazonaws.com",
                "sts.us-east-1.amazonaws.com",
            ),
            (
                true,
                false,
                "events-fips.us-east-1.amazonaws.com",
                "sts-fips.us-east-1.amazonaws.com",
            ),
            (false, true, "events.us-east-1.api.aws", "sts.us-east-1.api.aws"),
            (
                true,
                true,
                "events-fips.us-east-1.api.aws",
                "sts-fips.us-east-1.api.aws",
            ),
        ] {
            let got = (
                rules_url(Service::EventBridge, "us-east-1", fips, dual, None).await,
                rules_url(Service::Sts, "us-east-1", fips, dual, None).await,
            );
            assert_eq!(got, (Ok(format!("https://{events}")), Ok(format!("https://{sts}"))));
        }
    }

    #[tokio::test]
    async fn a_custom_endpoint_wins_over_the_rules() {
        let custom = Some("http://127.0.0.1:5000");
        let url = rules_url(Service::EventBridge, "us-east-1", true, false, custom).await;
        // The rules refuse FIPS with a custom endpoint rather than ignore it.
        assert!(
            url.is_err() || url == Ok("http://127.0.0.1:5000".to_string()),
            "{url:?}"
        );
        assert_eq!(
            rules_url(Service::EventBridge, "us-east-1", false, false, custom).await,
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
