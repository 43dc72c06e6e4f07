//! The checks of each argument of `eventbridge_rule`, attached in
//! `schema.rs` and run by the plugin layer on every known value (at plan,
//! and at apply for values unknown at plan). The rules are PutRule's
//! (service model 2015-10-07), and AWS's for event patterns (a JSON object)
//! and schedules (`rate(...)`, `cron(...)`).

use super::pattern;
use super::KIND;
use crate::aws::regional::checks as shared;
use crate::aws::regional::import_id::bus_problem;
use crate::aws::text_rule::{length_words, utf16_len};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// `RuleState`.
pub const STATES: [&str; 3] = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

/// `EventPattern`: at most 4096.
pub const MAX_PATTERN: usize = 4096;
/// `ScheduleExpression`: at most 256.
pub const MAX_SCHEDULE: usize = 256;
/// `RoleArn`: 1–1600.
pub const MAX_ROLE_ARN: usize = 1600;
/// `EventBusNameOrArn`: 1–1600.
pub const MAX_BUS: usize = 1600;
/// What the provider adds to a `name_prefix`, so the longest prefix.
pub const GENERATED_SUFFIX: usize = 26;
pub const MAX_PREFIX: usize = 64 - GENERATED_SUFFIX;

pub const NAME: Check = Check {
    rule: shared::name_rule,
    run: |v, at, diags| shared::name(&KIND, v, at, diags),
};

pub const NAME_PREFIX: Check = Check {
    rule: || format!("1 to {MAX_PREFIX} letters, digits, `.`, `-` or `_`."),
    run: name_prefix,
};

pub const EVENT_BUS: Check = Check {
    rule: || {
        format!(
            "The name of an event bus (1 to 256 letters, digits, `.`, `-`, `_` or `/`) or its ARN \
             (`arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME`), up to {MAX_BUS} characters."
        )
    },
    run: event_bus,
};

pub const EVENT_PATTERN: Check = Check {
    rule: || format!("A JSON object, at most {MAX_PATTERN} characters."),
    run: event_pattern,
};

pub const SCHEDULE_EXPRESSION: Check = Check {
    rule: || format!("`rate(VALUE UNIT)` or `cron(FIELDS)`, at most {MAX_SCHEDULE} characters."),
    run: schedule_expression,
};

pub const STATE: Check = Check {
    rule: || format!("One of `{}`.", STATES.join("`, `")),
    run: state,
};

pub const ROLE_ARN: Check = Check {
    rule: || format!("1 to {MAX_ROLE_ARN} characters, usually an IAM role's ARN."),
    run: role_arn,
};

fn name_prefix(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(prefix) = v.as_str() else { return };
    let problem = if prefix.chars().count() > MAX_PREFIX {
        Some(format!(
            "A rule name prefix has at most {MAX_PREFIX} characters (the provider adds {GENERATED_SUFFIX} to make a \
             name of at most 64); {prefix:?} has {}.",
            prefix.chars().count()
        ))
    } else {
        (KIND.name_problem)(prefix)
    };
    if let Some(problem) = problem {
        diags.error_at(at, "Invalid rule name prefix", problem);
    }
}

/// Why `bus` is not what `EventBusNameOrArn` takes:
/// `(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`.
pub fn event_bus_problem(bus: &str) -> Option<String> {
    let n = utf16_len(bus);
    if n > MAX_BUS {
        return Some(format!(
            "{}; AWS allows at most {MAX_BUS}",
            length_words(n, bus.chars().count())
        ));
    }
    let Some(rest) = bus.strip_prefix("arn:") else {
        return bus_problem(bus).map(|p| p.trim_end_matches('.').to_string());
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [partition, service, region, account, resource] = parts.as_slice() else {
        return Some("is not an event bus ARN (arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME)".into());
    };
    let word = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let region_parts: Vec<&str> = region.splitn(3, '-').collect();
    let region_ok = region_parts.len() == 3
        && region_parts[..2]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && !region_parts[2].is_empty()
        && word(region_parts[2]);
    let ok = partition.strip_prefix("aws").is_some_and(word)
        && *service == "events"
        && region_ok
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit());
    match resource.strip_prefix("event-bus/") {
        Some(name)
            if ok && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "./-_".contains(c)) =>
        {
            None
        }
        _ => Some("is not an event bus ARN (arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME)".into()),
    }
}

fn event_bus(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(event_bus_problem) else {
        return;
    };
    diags.error_at(
        at,
        "Invalid event bus",
        format!(
            "event_bus_name {problem}. Give a bus name such as \"orders\" (or \"default\"), or its ARN, usually \
             aws_cloudwatch_event_bus.NAME.arn."
        ),
    );
}

fn event_pattern(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    if let Some(problem) = pattern::problem(text) {
        diags.error_at(at, "Invalid event pattern", problem);
    }
}

/// Why `text` is not a schedule AWS takes; None when it is.
pub fn schedule_problem(text: &str) -> Option<String> {
    let n = utf16_len(text);
    if n > MAX_SCHEDULE {
        return Some(format!(
            "schedule_expression {}; AWS allows at most {MAX_SCHEDULE}.",
            length_words(n, text.chars().count())
        ));
    }
    let inner = text
        .strip_prefix("rate(")
        .or_else(|| text.strip_prefix("cron("))
        .and_then(|rest| rest.strip_suffix(')'));
    match inner {
        Some(inner) if !inner.trim().is_empty() => None,
        _ => Some(format!(
            "schedule_expression is {text:?}; EventBridge takes \"rate(VALUE UNIT)\", e.g. \"rate(5 minutes)\", or \
             \"cron(MINUTES HOURS DAY MONTH WEEKDAY YEAR)\", e.g. \"cron(0 12 * * ? *)\"."
        )),
    }
}

fn schedule_expression(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    if let Some(problem) = v.as_str().and_then(schedule_problem) {
        diags.error_at(at, "Invalid schedule expression", problem);
    }
}

fn state(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(state) = v.as_str() else { return };
    if !STATES.contains(&state) {
        diags.error_at(
            at,
            "Invalid rule state",
            format!(
                "state is {state:?}; a rule's state is one of \"{}\".",
                STATES.join("\", \"")
            ),
        );
    }
}

fn role_arn(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(arn) = v.as_str() else { return };
    let n = utf16_len(arn);
    if n == 0 || n > MAX_ROLE_ARN {
        diags.error_at(
            at,
            "Invalid role ARN",
            format!(
                "role_arn {}; AWS takes 1 to {MAX_ROLE_ARN}. Remove it for no role, or give the role's ARN, usually \
                 aws_iam_role.NAME.arn.",
                length_words(n, arn.chars().count())
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bus_names_and_arns_are_read_as_the_model_reads_them() {
        for ok in [
            "default",
            "orders",
            "aws.partner/saas.com/123/orders",
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/default",
        ] {
            assert_eq!(event_bus_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "orders bus",
            "arn:aws:events:us-east-1:123456789012:rule/orders",
            "arn:aws:sqs:us-east-1:123456789012:event-bus/orders",
            "arn:aws:events:us-east-1:1234:event-bus/orders",
            "arn:aws:events:useast1:123456789012:event-bus/orders",
        ] {
            assert!(event_bus_problem(bad).is_some(), "{bad:?} passed");
        }
    }

    #[test]
    fn schedules_are_rates_or_crons() {
        assert_eq!(schedule_problem("rate(5 minutes)"), None);
        assert_eq!(schedule_problem("cron(0 12 * * ? *)"), None);
        for bad in ["5 minutes", "rate()", "every(5 minutes)", "rate(5 minutes"] {
            assert!(schedule_problem(bad).is_some(), "{bad}");
        }
        let long = format!("cron({})", "1 ".repeat(130));
        assert!(schedule_problem(&long).unwrap().contains("256"));
    }

    #[test]
    fn a_prefix_leaves_room_for_the_generated_part() {
        let mut diags = Diagnostics::new();
        name_prefix(
            &Value::string("a".repeat(39)),
            &AttributePath::of(&["name_prefix"]),
            &mut diags,
        );
        name_prefix(&Value::string("a b"), &AttributePath::of(&["name_prefix"]), &mut diags);
        name_prefix(
            &Value::string("a".repeat(38)),
            &AttributePath::of(&["name_prefix"]),
            &mut diags,
        );
        let details: Vec<&str> = diags.iter().map(|d| d.detail.as_str()).collect();
        assert_eq!(details.len(), 2, "{details:?}");
        assert!(details[0].contains("at most 38"), "{details:?}");
        assert!(details[1].starts_with("A rule name may only contain"), "{details:?}");
    }
}
