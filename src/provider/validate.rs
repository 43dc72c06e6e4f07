//! The provider block's rules that span arguments (each argument's own
//! checks are attached to it in `schema.rs`), with warnings for deprecated
//! arguments and those without effect here.

use super::checks::role_arn_problem;
use super::schema::{AssumeRole, Endpoints, ProviderConfig, WebIdentity};
use crate::aws::region::region_problem;
use crate::tfplugin::model::Maybe;
use crate::tfplugin::{AttributePath, Diagnostics};

/// Every rule of the provider block that spans arguments, each at the
/// path of the argument to change.
pub(super) fn validate_block(c: &ProviderConfig, diags: &mut Diagnostics) {
    validate_regions(c, diags);
    if c.access_key.is_set() != c.secret_key.is_set() {
        let missing = if c.access_key.is_set() {
            "secret_key"
        } else {
            "access_key"
        };
        diags.error_at(
            &at(missing),
            "Incomplete static credentials",
            "Set both access_key and secret_key, or neither (to use the standard AWS credential chain).",
        );
    }
    if c.token.is_set() && !c.access_key.is_set() {
        diags.error_at(
            &at("token"),
            "Session token without keys",
            "token needs access_key and secret_key.",
        );
    }
    validate_accounts(c, diags);
    validate_assume_roles(&c.assume_role, diags);
    validate_web_identity(c.assume_role_with_web_identity.as_ref(), diags);
    validate_endpoints(&c.endpoint, c.endpoints.as_ref(), diags);
    warn_no_effect(c, diags);
}

fn at(name: &str) -> AttributePath {
    AttributePath::of(&[name])
}

/// `region` and `sts_region` have the form of a Region name, unless
/// `skip_region_validation`.
fn validate_regions(c: &ProviderConfig, diags: &mut Diagnostics) {
    // Unknown until apply counts as "do validate": only an explicit true skips.
    if c.skip_region_validation == Some(true) {
        return;
    }
    for (name, region) in [("region", &c.region), ("sts_region", &c.sts_region)] {
        if let Some(problem) = region.as_deref().and_then(region_problem) {
            diags.error_at(
                &at(name),
                "Invalid AWS Region",
                format!("{problem} (Set skip_region_validation = true for an AWS-like service with its own names.)"),
            );
        }
    }
}

/// Seconds as a Go duration string: `3600` → `1h`, `5400` → `90m`.
fn go_duration(seconds: i64) -> String {
    match seconds {
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The role chain: every block names a role (a lone block without one is
/// ignored), transitive tag keys name tags, one session length.
fn validate_assume_roles(roles: &[AssumeRole], diags: &mut Diagnostics) {
    for (i, role) in roles.iter().enumerate() {
        let base = at("assume_role").index(i as i64);
        match &role.role_arn {
            Maybe::Null if roles.len() == 1 => diags.warning_at(
                &base,
                "assume_role without role_arn",
                "An assume_role block without role_arn assumes no role and is ignored (as in hashicorp/aws, \
                 which will make it an error).",
            ),
            Maybe::Null => diags.error_at(
                &base.attr("role_arn"),
                "Missing role_arn",
                "Every assume_role block of a chain needs role_arn.",
            ),
            Maybe::Known(arn) if arn.is_empty() && roles.len() == 1 => diags.warning_at(
                &base.attr("role_arn"),
                "Empty role_arn",
                "role_arn is empty, so no role is assumed (as in hashicorp/aws).",
            ),
            Maybe::Known(arn) => {
                if let Some(p) = role_arn_problem(arn) {
                    diags.error_at(&base.attr("role_arn"), "Invalid role ARN", p);
                }
            }
            Maybe::Unknown => {}
        }
        if !role.tags.is_unknown() {
            let tags = role.tags.known();
            for key in &role.transitive_tag_keys {
                if !tags.is_some_and(|t| t.contains_key(key)) {
                    diags.error_at(
                        &base.attr("transitive_tag_keys"),
                        "Unknown transitive tag key",
                        format!("transitive_tag_keys lists {key:?}, which tags does not set."),
                    );
                }
            }
        }
        if let Some(seconds) = &role.duration_seconds {
            if role.duration.is_set() {
                diags.error_at(
                    &base.attr("duration_seconds"),
                    "Conflicting session lengths",
                    "Set duration or the deprecated duration_seconds, not both.",
                );
            } else {
                diags.warning_at(
                    &base.attr("duration_seconds"),
                    "Deprecated argument",
                    format!(
                        "duration_seconds is deprecated: write duration = \"{}\" instead, as hashicorp/aws \
                         spells it.",
                        seconds.as_i64().map(go_duration).unwrap_or_else(|| "1h".into())
                    ),
                );
            }
        }
    }
}

fn validate_web_identity(web: Option<&WebIdentity>, diags: &mut Diagnostics) {
    let Some(web) = web else {
        return;
    };
    if web.web_identity_token.is_set() && web.web_identity_token_file.is_set() {
        diags.error_at(
            &at("assume_role_with_web_identity")
                .index(0)
                .attr("web_identity_token_file"),
            "Conflicting token sources",
            "Set web_identity_token or web_identity_token_file, not both.",
        );
    }
}

fn validate_accounts(c: &ProviderConfig, diags: &mut Diagnostics) {
    let allowed = !c.allowed_account_ids.is_empty();
    let forbidden = !c.forbidden_account_ids.is_empty();
    if allowed && forbidden {
        diags.error_at(
            &at("forbidden_account_ids"),
            "Conflicting account lists",
            "Set allowed_account_ids or forbidden_account_ids, not both.",
        );
    }
    if (allowed || forbidden) && c.skip_requesting_account_id == Some(true) {
        diags.error_at(
            &at("skip_requesting_account_id"),
            "Account ID needed",
            "allowed_account_ids and forbidden_account_ids need the account ID, which \
             skip_requesting_account_id = true turns off. Remove one or the other.",
        );
    }
}

/// The deprecated `endpoint`, and one EventBridge endpoint whatever its
/// name.
fn validate_endpoints(endpoint: &Maybe<String>, endpoints: Option<&Endpoints>, diags: &mut Diagnostics) {
    match endpoint {
        Maybe::Known(url) => diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            format!(
                "endpoint is deprecated: write endpoints {{ events = {url:?} }} instead, as hashicorp/aws spells it."
            ),
        ),
        Maybe::Unknown => diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            "endpoint is deprecated: use endpoints { events = \"...\" }, as hashicorp/aws spells it.",
        ),
        Maybe::Null => {}
    }
    let Some(block) = endpoints else {
        return;
    };
    let events: Vec<(&str, &str)> = block
        .events_names()
        .into_iter()
        .filter_map(|(name, url)| Some((name, url?)))
        .collect();
    if events.windows(2).any(|w| w[0].1 != w[1].1) {
        diags.error_at(
            &at("endpoints").index(0).attr(events[1].0),
            "Conflicting endpoints",
            "events, eventbridge and cloudwatchevents name the same endpoint; set one of them.",
        );
    }
    if !events.is_empty() && endpoint.is_set() {
        diags.error_at(
            &at("endpoint"),
            "Conflicting endpoints",
            "Set endpoints { events = ... } or the deprecated endpoint, not both.",
        );
    }
}

/// Arguments of hashicorp/aws accepted here for compatibility only.
fn warn_no_effect(c: &ProviderConfig, diags: &mut Diagnostics) {
    let no_effect = [
        ("s3_use_path_style", c.s3_use_path_style.is_set()),
        (
            "s3_us_east_1_regional_endpoint",
            c.s3_us_east_1_regional_endpoint.is_set(),
        ),
        ("tag_policy_compliance", c.tag_policy_compliance.is_set()),
    ];
    for (name, _) in no_effect.into_iter().filter(|(_, set)| *set) {
        diags.warning_at(
            &at(name),
            "Argument has no effect",
            format!(
                "{name} is accepted so that a hashicorp/aws provider block can be copied as it is, but it \
                 means nothing for EventBridge and changes nothing here. You can remove it."
            ),
        );
    }
}
