//! The checks of each argument of the provider block, attached to the
//! argument in `schema.rs` and run by the plugin layer on every known value
//! in ValidateProviderConfig, each reporting at the argument's path. Rules
//! that span arguments are in `validate.rs`.

use std::ops::RangeInclusive;

use crate::aws::account::account_id_problem;
use crate::aws::duration::parse_duration;
use crate::aws::endpoints::url_problem;
use crate::aws::metadata::mode_problem;
use crate::aws::network::proxy_problem;
use crate::aws::retry::{parse_mode, MAX_RETRIES_LIMIT};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// A role session lasts 15 minutes to 12 hours.
const SESSION_SECONDS: RangeInclusive<u64> = 900..=43_200;

const EVENTS_EXAMPLE: &str = "https://events.us-east-1.amazonaws.com";
const STS_EXAMPLE: &str = "https://sts.us-east-1.amazonaws.com";
const METADATA_EXAMPLE: &str = "http://169.254.169.254";

/// What STS accepts in a role session name or a source identity, besides
/// letters and digits.
const STS_NAME_EXTRA: &str = "_+=,.@-";

/// A [`Check`] of STS's rule for names: 2 to 64 characters of letters,
/// digits and [`STS_NAME_EXTRA`]; `what` names the argument's meaning in
/// the detail.
macro_rules! sts_name_check {
    ($what:literal, $summary:literal) => {
        Check {
            rule: || format!("2 to 64 characters of letters, digits and `{STS_NAME_EXTRA}`."),
            run: |v, at, diags| {
                let Some(name) = v.as_str() else { return };
                let ok_chars = name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || STS_NAME_EXTRA.contains(c));
                if !(2..=64).contains(&name.chars().count()) || !ok_chars {
                    diags.error_at(
                        at,
                        $summary,
                        format!(
                            "{name:?} is not a valid {}: use 2 to 64 characters of letters, digits and \
                             `{STS_NAME_EXTRA}`.",
                            $what
                        ),
                    );
                }
            },
        }
    };
}

/// `allowed_account_ids`, `forbidden_account_ids`.
pub(super) const ACCOUNT_IDS: Check = Check {
    rule: || "AWS account IDs: 12 digits each.".into(),
    run: |v, at, diags| {
        for id in strings(v) {
            if let Some(p) = account_id_problem(id) {
                diags.error_at(at, "Invalid account ID", p);
            }
        }
    },
};

pub(super) const METADATA_ENDPOINT: Check = Check {
    rule: || "An http(s) URL.".into(),
    run: |v, at, diags| url(v, at, METADATA_EXAMPLE, diags),
};

pub(super) const METADATA_ENDPOINT_MODE: Check = Check {
    rule: || "`IPv4` or `IPv6`.".into(),
    run: |v, at, diags| {
        if let Some(p) = v.as_str().and_then(mode_problem) {
            diags.error_at(at, "Invalid endpoint mode", p);
        }
    },
};

pub(super) const CA_BUNDLE: Check = Check {
    rule: || "The path of a PEM file, not blank.".into(),
    run: |v, at, diags| {
        if v.as_str().is_some_and(|p| p.trim().is_empty()) {
            diags.error_at(
                at,
                "Invalid custom_ca_bundle",
                "custom_ca_bundle is the path of a PEM file; leave it unset for the system's authorities only.",
            );
        }
    },
};

/// `http_proxy`, `https_proxy`: blank means none.
pub(super) const PROXY: Check = Check {
    rule: || "An http(s) proxy URL, or blank for none.".into(),
    run: |v, at, diags| {
        if let Some(p) = v.as_str().filter(|u| !u.trim().is_empty()).and_then(proxy_problem) {
            diags.error_at(at, "Invalid proxy URL", p);
        }
    },
};

pub(super) const MAX_RETRIES: Check = Check {
    rule: || format!("A whole number from 0 to {MAX_RETRIES_LIMIT}."),
    run: |v, at, diags| {
        if !whole_in(v, 0..=i64::from(MAX_RETRIES_LIMIT)) {
            diags.error_at(
                at,
                "Invalid max_retries",
                format!("Use a whole number from 0 to {MAX_RETRIES_LIMIT}."),
            );
        }
    },
};

pub(super) const RETRY_MODE: Check = Check {
    rule: || "`standard` or `adaptive`.".into(),
    run: |v, at, diags| {
        if let Some(mode) = v.as_str().filter(|m| parse_mode(m).is_none()) {
            diags.error_at(
                at,
                "Invalid retry_mode",
                format!("{mode:?} is not a retry mode: use \"standard\" or \"adaptive\"."),
            );
        }
    },
};

pub(super) const TOKEN_BUCKET_CAPACITY: Check = Check {
    rule: || "A whole number from 1 to 1000000.".into(),
    run: |v, at, diags| {
        if !whole_in(v, 1..=1_000_000) {
            diags.error_at(
                at,
                "Invalid token_bucket_rate_limiter_capacity",
                "Use a whole number from 1 to 1000000 (or leave it unset for no rate limit).",
            );
        }
    },
};

pub(super) const USER_AGENT: Check = Check {
    rule: || "Text that can go in an HTTP header (no control characters).".into(),
    run: |v, at, diags| {
        for part in strings(v) {
            if http::HeaderValue::from_str(part.trim()).is_err() {
                diags.error_at(
                    at,
                    "Invalid user_agent",
                    format!("{part:?} cannot go in an HTTP header (no control characters)."),
                );
            }
        }
    },
};

/// `endpoint` and the three names of `endpoints.events`.
pub(super) const EVENTS_ENDPOINT: Check = Check {
    rule: || "An http(s) URL.".into(),
    run: |v, at, diags| url(v, at, EVENTS_EXAMPLE, diags),
};

pub(super) const STS_ENDPOINT: Check = Check {
    rule: || "An http(s) URL.".into(),
    run: |v, at, diags| url(v, at, STS_EXAMPLE, diags),
};

/// `assume_role_with_web_identity.role_arn` (`assume_role`'s follows the
/// chain's rule, in `validate.rs`).
pub(super) const ROLE_ARN: Check = Check {
    rule: || "An IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME`).".into(),
    run: |v, at, diags| {
        if let Some(p) = v.as_str().and_then(role_arn_problem) {
            diags.error_at(at, "Invalid role ARN", p);
        }
    },
};

pub(super) const WEB_IDENTITY_TOKEN: Check = Check {
    rule: || "4 to 20000 characters.".into(),
    run: |v, at, diags| {
        if v.as_str().is_some_and(|t| !(4..=20_000).contains(&t.chars().count())) {
            diags.error_at(
                at,
                "Invalid web_identity_token",
                "A web identity token is 4 to 20000 characters.",
            );
        }
    },
};

pub(super) const SESSION_NAME: Check = sts_name_check!("role session name", "Invalid session_name");

pub(super) const SESSION_DURATION: Check = Check {
    rule: || "15 minutes to 12 hours, written like `1h`, `2h45m` or `30m15s`.".into(),
    run: |v, at, diags| {
        let Some(d) = v.as_str() else { return };
        if !parse_duration(d).is_some_and(|d| SESSION_SECONDS.contains(&d.as_secs())) {
            diags.error_at(
                at,
                "Invalid duration",
                format!(
                    "{d:?}: a role session lasts 15 minutes to 12 hours, written like \"1h\", \"2h45m\" or \
                     \"30m15s\"."
                ),
            );
        }
    },
};

pub(super) const POLICY: Check = Check {
    rule: || "JSON.".into(),
    run: |v, at, diags| {
        let Some(policy) = v.as_str() else { return };
        if let Err(e) = serde_json::from_str::<serde_json::Value>(policy) {
            diags.error_at(at, "Invalid policy", format!("The policy is not JSON: {e}."));
        }
    },
};

pub(super) const POLICY_ARNS: Check = Check {
    rule: || "ARNs (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`).".into(),
    run: |v, at, diags| {
        for arn in strings(v) {
            if let Some(p) = arn_problem(arn) {
                diags.error_at(at, "Invalid policy ARN", p);
            }
        }
    },
};

pub(super) const EXTERNAL_ID: Check = Check {
    rule: || "2 to 1224 characters of letters, digits and `_+=,.@:/-`.".into(),
    run: |v, at, diags| {
        let Some(id) = v.as_str() else { return };
        let ok = (2..=1224).contains(&id.chars().count())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c));
        if !ok {
            diags.error_at(
                at,
                "Invalid external_id",
                "An external ID is 2 to 1224 characters of letters, digits and `_+=,.@:/-`.",
            );
        }
    },
};

pub(super) const SOURCE_IDENTITY: Check = sts_name_check!("source identity", "Invalid source_identity");

pub(super) const SESSION_TAGS: Check = Check {
    rule: || "Keys of 1 to 128 characters, values up to 256.".into(),
    run: |v, at, diags| {
        let Value::Map(tags) = v else { return };
        for (key, value) in tags {
            let bad_value = value.as_str().is_some_and(|v| v.chars().count() > 256);
            if key.is_empty() || key.chars().count() > 128 || bad_value {
                diags.error_at(
                    at,
                    "Invalid session tag",
                    format!("Session tag {key:?}: keys are 1 to 128 characters, values up to 256."),
                );
            }
        }
    },
};

pub(super) const DURATION_SECONDS: Check = Check {
    rule: || "A whole number from 900 to 43200.".into(),
    run: |v, at, diags| {
        let in_range = |s: i64| u64::try_from(s).is_ok_and(|s| SESSION_SECONDS.contains(&s));
        if v.as_number().is_some_and(|n| !n.as_i64().is_some_and(in_range)) {
            diags.error_at(
                at,
                "Invalid duration_seconds",
                "A role session lasts 900 to 43200 seconds.",
            );
        }
    },
};

/// The known strings of a list or set.
fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.elements().iter().filter_map(Value::as_str)
}

/// A known number that is whole and in `range`; true for anything else.
fn whole_in(v: &Value, range: RangeInclusive<i64>) -> bool {
    v.as_number()
        .is_none_or(|n| n.as_i64().is_some_and(|n| range.contains(&n)))
}

fn url(v: &Value, at: &AttributePath, example: &str, diags: &mut Diagnostics) {
    if let Some(p) = v.as_str().and_then(|u| url_problem(u, example)) {
        diags.error_at(at, "Invalid endpoint", p);
    }
}

/// Why `arn` is not an ARN; None when it is.
fn arn_problem(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok =
        parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty() && !parts[5].is_empty();
    (!ok).then(|| format!("{arn:?} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)."))
}

/// Why `arn` is not an IAM role ARN; None when it is.
pub(super) fn role_arn_problem(arn: &str) -> Option<String> {
    (arn_problem(arn).is_some() || !arn.contains(":role/"))
        .then(|| format!("{arn:?} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."))
}
