//! The checks of each argument of `eventbridge_rule`, attached in
//! `schema.rs` and run by the plugin layer on every known value (at plan,
//! and at apply for values unknown at plan). The rules are PutRule's
//! (service model 2015-10-07), and AWS's for event patterns (a JSON object)
//! and schedules (`rate(...)`, `cron(...)`).

use super::pattern;
use super::KIND;
use crate::aws::regional::checks::{self as shared, length_check};
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
/// What the provider adds to a `name_prefix`, so the longest prefix.
pub const GENERATED_SUFFIX: usize = 26;
pub const MAX_PREFIX: usize = 64 - GENERATED_SUFFIX;

length_check!(
    /// `RuleDescription`: at most 512, any text (line breaks too, unlike a
    /// connection's).
    DESCRIPTION, 0, 512
);

pub const NAME: Check = Check {
    rule: shared::name_rule,
    run: |v, at, diags| shared::name(&KIND, v, at, diags),
};

pub const NAME_PREFIX: Check = Check {
    rule: || format!("1 to {MAX_PREFIX} letters, digits, `.`, `-` or `_`."),
    run: name_prefix,
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
