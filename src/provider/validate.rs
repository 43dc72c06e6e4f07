//! Static checks of the provider block: each argument at its path, with
//! warnings for deprecated arguments and those without effect here.

use super::*;

/// Every check of the provider block, each at its argument's path.
pub(super) fn validate_block(config: &Value, diags: &mut Diagnostics) {
    validate_regions(config, diags);
    let has = |name: &str| !config.attr(name).is_null();
    if has("access_key") != has("secret_key") {
        let missing = if has("access_key") { "secret_key" } else { "access_key" };
        diags.error_at(
            &at(missing),
            "Incomplete static credentials",
            "Set both access_key and secret_key, or neither (to use the standard AWS credential chain).",
        );
    }
    if has("token") && !has("access_key") {
        diags.error_at(
            &at("token"),
            "Session token without keys",
            "token needs access_key and secret_key.",
        );
    }
    validate_accounts(config, diags);
    validate_assume_roles(config, diags);
    validate_web_identity(config, diags);
    validate_network(config, diags);
    validate_endpoints(config, diags);
    validate_retries(config, diags);
    for part in strings(config.attr("user_agent")) {
        if http::HeaderValue::from_str(part.trim()).is_err() {
            diags.error_at(
                &at("user_agent"),
                "Invalid user_agent",
                format!("{part:?} cannot go in an HTTP header (no control characters)."),
            );
        }
    }
    warn_no_effect(config, diags);
}

/// 2 to `max` characters of letters, digits and `extra`.
fn name_problem(value: &str, max: usize, extra: &str, what: &str) -> Option<String> {
    let ok_chars = value.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c));
    (!(2..=max).contains(&value.chars().count()) || !ok_chars).then(|| {
        format!("{value:?} is not a valid {what}: use 2 to {max} characters of letters, digits and `{extra}`.")
    })
}

/// Why `arn` is not an ARN; None when it is.
fn arn_problem(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok =
        parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty() && !parts[5].is_empty();
    (!ok).then(|| format!("{arn:?} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)."))
}

fn role_arn_problem(arn: &str) -> Option<String> {
    (arn_problem(arn).is_some() || !arn.contains(":role/"))
        .then(|| format!("{arn:?} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."))
}

/// Seconds as a Go duration string: `3600` → `1h`, `5400` → `90m`.
fn go_duration(seconds: i64) -> String {
    match seconds {
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The attributes both role blocks share.
fn validate_session(block: &Value, base: &AttributePath, diags: &mut Diagnostics) {
    if let Some(name) = block.attr("session_name").as_str() {
        if let Some(p) = name_problem(name, 64, "_+=,.@-", "role session name") {
            diags.error_at(&base.attr("session_name"), "Invalid session_name", p);
        }
    }
    if let Some(d) = block.attr("duration").as_str() {
        if !parse_duration(d).is_some_and(|d| SESSION_SECONDS.contains(&d.as_secs())) {
            diags.error_at(
                &base.attr("duration"),
                "Invalid duration",
                format!(
                    "{d:?}: a role session lasts 15 minutes to 12 hours, written like \"1h\", \"2h45m\" or \
                     \"30m15s\"."
                ),
            );
        }
    }
    if let Some(policy) = block.attr("policy").as_str() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(policy) {
            diags.error_at(
                &base.attr("policy"),
                "Invalid policy",
                format!("The policy is not JSON: {e}."),
            );
        }
    }
    for arn in strings(block.attr("policy_arns")) {
        if let Some(p) = arn_problem(&arn) {
            diags.error_at(&base.attr("policy_arns"), "Invalid policy ARN", p);
        }
    }
}

fn validate_assume_roles(config: &Value, diags: &mut Diagnostics) {
    let roles = config.attr("assume_role").elements();
    for (i, role) in roles.iter().enumerate() {
        let base = at("assume_role").index(i as i64);
        match role.attr("role_arn") {
            Value::Null if roles.len() == 1 => diags.warning_at(
                &base,
                "assume_role without role_arn",
                "An assume_role block without role_arn assumes no role and is ignored (as in hashicorp/aws, \
                 which will make it an error).",
            ),
            Value::Null => diags.error_at(
                &base.attr("role_arn"),
                "Missing role_arn",
                "Every assume_role block of a chain needs role_arn.",
            ),
            Value::String(arn) if arn.is_empty() && roles.len() == 1 => diags.warning_at(
                &base.attr("role_arn"),
                "Empty role_arn",
                "role_arn is empty, so no role is assumed (as in hashicorp/aws).",
            ),
            Value::String(arn) => {
                if let Some(p) = role_arn_problem(arn) {
                    diags.error_at(&base.attr("role_arn"), "Invalid role ARN", p);
                }
            }
            _ => {}
        }
        validate_session(role, &base, diags);
        if let Some(id) = role.attr("external_id").as_str() {
            let ok = (2..=1224).contains(&id.chars().count())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c));
            if !ok {
                diags.error_at(
                    &base.attr("external_id"),
                    "Invalid external_id",
                    "An external ID is 2 to 1224 characters of letters, digits and `_+=,.@:/-`.",
                );
            }
        }
        if let Some(id) = role.attr("source_identity").as_str() {
            if let Some(p) = name_problem(id, 64, "_+=,.@-", "source identity") {
                diags.error_at(&base.attr("source_identity"), "Invalid source_identity", p);
            }
        }
        let tags = match role.attr("tags") {
            Value::Map(m) => m.clone(),
            _ => Default::default(),
        };
        for (key, value) in &tags {
            let bad_value = value.as_str().is_some_and(|v| v.chars().count() > 256);
            if key.is_empty() || key.chars().count() > 128 || bad_value {
                diags.error_at(
                    &base.attr("tags"),
                    "Invalid session tag",
                    format!("Session tag {key:?}: keys are 1 to 128 characters, values up to 256."),
                );
            }
        }
        if !role.attr("tags").is_unknown() {
            for key in strings(role.attr("transitive_tag_keys")) {
                if !tags.contains_key(&key) {
                    diags.error_at(
                        &base.attr("transitive_tag_keys"),
                        "Unknown transitive tag key",
                        format!("transitive_tag_keys lists {key:?}, which tags does not set."),
                    );
                }
            }
        }
        if let Some(n) = role.attr("duration_seconds").as_number() {
            if !n
                .as_i64()
                .is_some_and(|s| s >= 0 && SESSION_SECONDS.contains(&(s as u64)))
            {
                diags.error_at(
                    &base.attr("duration_seconds"),
                    "Invalid duration_seconds",
                    "A role session lasts 900 to 43200 seconds.",
                );
            }
            if !role.attr("duration").is_null() {
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
                        n.as_i64().map(go_duration).unwrap_or_else(|| "1h".into())
                    ),
                );
            }
        }
    }
}

fn validate_web_identity(config: &Value, diags: &mut Diagnostics) {
    let Some(web) = config.attr("assume_role_with_web_identity").first() else {
        return;
    };
    let base = at("assume_role_with_web_identity").index(0);
    if let Some(arn) = web.attr("role_arn").as_str() {
        if let Some(p) = role_arn_problem(arn) {
            diags.error_at(&base.attr("role_arn"), "Invalid role ARN", p);
        }
    }
    validate_session(web, &base, diags);
    if let Some(token) = web.attr("web_identity_token").as_str() {
        if !(4..=20_000).contains(&token.chars().count()) {
            diags.error_at(
                &base.attr("web_identity_token"),
                "Invalid web_identity_token",
                "A web identity token is 4 to 20000 characters.",
            );
        }
    }
    if !web.attr("web_identity_token").is_null() && !web.attr("web_identity_token_file").is_null() {
        diags.error_at(
            &base.attr("web_identity_token_file"),
            "Conflicting token sources",
            "Set web_identity_token or web_identity_token_file, not both.",
        );
    }
}

fn validate_accounts(config: &Value, diags: &mut Diagnostics) {
    let allowed = strings(config.attr("allowed_account_ids"));
    let forbidden = strings(config.attr("forbidden_account_ids"));
    for (name, ids) in [("allowed_account_ids", &allowed), ("forbidden_account_ids", &forbidden)] {
        for id in ids.iter() {
            if let Some(p) = account_id_problem(id) {
                diags.error_at(&at(name), "Invalid account ID", p);
            }
        }
    }
    if !allowed.is_empty() && !forbidden.is_empty() {
        diags.error_at(
            &at("forbidden_account_ids"),
            "Conflicting account lists",
            "Set allowed_account_ids or forbidden_account_ids, not both.",
        );
    }
    let rails = !allowed.is_empty() || !forbidden.is_empty();
    if rails && flag(config.attr("skip_requesting_account_id")) == Some(true) {
        diags.error_at(
            &at("skip_requesting_account_id"),
            "Account ID needed",
            "allowed_account_ids and forbidden_account_ids need the account ID, which \
             skip_requesting_account_id = true turns off. Remove one or the other.",
        );
    }
}

fn validate_network(config: &Value, diags: &mut Diagnostics) {
    for name in ["http_proxy", "https_proxy"] {
        if let Some(url) = config.attr(name).as_str().filter(|u| !u.trim().is_empty()) {
            if let Some(p) = proxy_problem(url) {
                diags.error_at(&at(name), "Invalid proxy URL", p);
            }
        }
    }
    if config
        .attr("custom_ca_bundle")
        .as_str()
        .is_some_and(|p| p.trim().is_empty())
    {
        diags.error_at(
            &at("custom_ca_bundle"),
            "Invalid custom_ca_bundle",
            "custom_ca_bundle is the path of a PEM file; leave it unset for the system's authorities only.",
        );
    }
    if let Some(url) = config.attr("ec2_metadata_service_endpoint").as_str() {
        if let Some(p) = url_problem(url, "http://169.254.169.254") {
            diags.error_at(&at("ec2_metadata_service_endpoint"), "Invalid endpoint", p);
        }
    }
    if let Some(mode) = config.attr("ec2_metadata_service_endpoint_mode").as_str() {
        if let Some(p) = mode_problem(mode) {
            diags.error_at(&at("ec2_metadata_service_endpoint_mode"), "Invalid endpoint mode", p);
        }
    }
}

fn validate_endpoints(config: &Value, diags: &mut Diagnostics) {
    let events_example = "https://events.us-east-1.amazonaws.com";
    if let Some(url) = config.attr("endpoint").as_str() {
        if let Some(p) = url_problem(url, events_example) {
            diags.error_at(&at("endpoint"), "Invalid endpoint", p);
        }
        diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            format!(
                "endpoint is deprecated: write endpoints {{ events = {url:?} }} instead, as hashicorp/aws spells it."
            ),
        );
    } else if !config.attr("endpoint").is_null() {
        diags.warning_at(
            &at("endpoint"),
            "Deprecated argument",
            "endpoint is deprecated: use endpoints { events = \"...\" }, as hashicorp/aws spells it.",
        );
    }
    let Some(block) = config.attr("endpoints").first() else {
        return;
    };
    let base = at("endpoints").index(0);
    let mut events: Vec<(&str, &str)> = Vec::new();
    for name in EVENTS_ENDPOINT_NAMES {
        if let Some(url) = block.attr(name).as_str() {
            events.push((name, url));
        }
    }
    for (name, url) in events
        .iter()
        .copied()
        .chain(block.attr("sts").as_str().map(|u| ("sts", u)))
    {
        let example = if name == "sts" {
            "https://sts.us-east-1.amazonaws.com"
        } else {
            events_example
        };
        if let Some(p) = url_problem(url, example) {
            diags.error_at(&base.attr(name), "Invalid endpoint", p);
        }
    }
    if events.windows(2).any(|w| w[0].1 != w[1].1) {
        diags.error_at(
            &base.attr(events[1].0),
            "Conflicting endpoints",
            "events, eventbridge and cloudwatchevents name the same endpoint; set one of them.",
        );
    }
    if !events.is_empty() && !config.attr("endpoint").is_null() {
        diags.error_at(
            &at("endpoint"),
            "Conflicting endpoints",
            "Set endpoints { events = ... } or the deprecated endpoint, not both.",
        );
    }
}

fn validate_retries(config: &Value, diags: &mut Diagnostics) {
    if let Some(n) = config.attr("max_retries").as_number() {
        if !n
            .as_i64()
            .is_some_and(|n| (0..=i64::from(MAX_RETRIES_LIMIT)).contains(&n))
        {
            diags.error_at(
                &at("max_retries"),
                "Invalid max_retries",
                format!("Use a whole number from 0 to {MAX_RETRIES_LIMIT}."),
            );
        }
    }
    if let Some(mode) = config.attr("retry_mode").as_str() {
        if parse_mode(mode).is_none() {
            diags.error_at(
                &at("retry_mode"),
                "Invalid retry_mode",
                format!("{mode:?} is not a retry mode: use \"standard\" or \"adaptive\"."),
            );
        }
    }
    if let Some(n) = config.attr("token_bucket_rate_limiter_capacity").as_number() {
        if !n.as_i64().is_some_and(|n| (1..=1_000_000).contains(&n)) {
            diags.error_at(
                &at("token_bucket_rate_limiter_capacity"),
                "Invalid token_bucket_rate_limiter_capacity",
                "Use a whole number from 1 to 1000000 (or leave it unset for no rate limit).",
            );
        }
    }
}

fn validate_regions(config: &Value, diags: &mut Diagnostics) {
    // Unknown until apply counts as "do validate": only an explicit true skips.
    if flag(config.attr("skip_region_validation")) == Some(true) {
        return;
    }
    for name in ["region", "sts_region"] {
        if let Some(problem) = config.attr(name).as_str().and_then(region_problem) {
            diags.error_at(
                &at(name),
                "Invalid AWS Region",
                format!("{problem} (Set skip_region_validation = true for an AWS-like service with its own names.)"),
            );
        }
    }
}

fn warn_no_effect(config: &Value, diags: &mut Diagnostics) {
    for name in NO_EFFECT {
        let v = config.attr(name);
        let set = match v {
            Value::List(items) => !items.is_empty(),
            other => !other.is_null(),
        };
        if set {
            diags.warning_at(
                &at(name),
                "Argument has no effect",
                format!(
                    "{name} is accepted so that a hashicorp/aws provider block can be copied as it is, but it \
                     means nothing for EventBridge connections and changes nothing here. You can remove it."
                ),
            );
        }
    }
}
