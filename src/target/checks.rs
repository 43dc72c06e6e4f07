//! The checks of each argument of `eventbridge_target`, attached in
//! `schema.rs` and run by the plugin layer on every known value (at plan,
//! and at apply for values unknown at plan). The rules are the `Target`
//! shape's in PutTargets' model (service model 2015-10-07); most are a
//! length, a range or a fixed list, declared with the kit's one-liners.

use crate::aws::regional::checks::{length, length_check, one_of_check, range_check};
use crate::aws::text_rule::{self, describe_char, length_words, utf16_len, Broken};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// `TargetInput`: at most 8192.
pub const MAX_INPUT: usize = 8192;
/// `TransformerPaths`: at most 100 entries.
pub const MAX_INPUT_PATHS: usize = 100;

pub const RULE: Check = Check {
    rule: || "The name of a rule: 1 to 64 letters, digits, `.`, `-` or `_`.".into(),
    run: rule,
};

pub const TARGET_ID: Check = Check {
    rule: || "1 to 64 letters, digits, `.`, `-` or `_`.".into(),
    run: target_id,
};

pub const INPUT: Check = Check {
    rule: || format!("JSON, at most {MAX_INPUT} characters."),
    run: input,
};

length_check!(
    /// `TargetArn`, `Arn`: 1–1600.
    ARN, 1, 1600
);
length_check!(
    /// `RoleArn`: 1–1600.
    ROLE_ARN, 1, 1600
);
length_check!(
    /// `ResourceArn` of a dead-letter queue: 1–1600.
    DEAD_LETTER_ARN, 1, 1600
);
length_check!(
    /// `TargetInputPath`: at most 256.
    INPUT_PATH, 0, 256
);
length_check!(
    /// `TransformerInput`: 1–8192.
    INPUT_TEMPLATE, 1, 8192
);
range_check!(
    /// `MaximumEventAgeInSeconds`: 60–86400.
    MAXIMUM_EVENT_AGE, 60, 86_400
);
range_check!(
    /// `MaximumRetryAttempts`: 0–185.
    MAXIMUM_RETRY_ATTEMPTS, 0, 185
);
range_check!(
    /// `LimitMin1` (an int32 on the wire).
    TASK_COUNT, 1, 2_147_483_647
);
one_of_check!(
    /// `LaunchType`.
    LAUNCH_TYPE, ["EC2", "FARGATE", "EXTERNAL"]
);
length_check!(
    /// `String` for hashicorp/aws (its platform version check).
    PLATFORM_VERSION, 0, 1600
);
length_check!(
    /// hashicorp/aws's rule for a task group.
    GROUP, 1, 255
);
one_of_check!(
    /// `PropagateTags`.
    PROPAGATE_TAGS, ["TASK_DEFINITION"]
);
length_check!(
    /// `ReferenceId`: at most 1024.
    REFERENCE_ID, 0, 1024
);
length_check!(
    /// `CapacityProvider`: 1–255.
    CAPACITY_PROVIDER, 1, 255
);
range_check!(
    /// `CapacityProviderStrategyItemWeight`: 0–1000.
    WEIGHT, 0, 1000
);
range_check!(
    /// `CapacityProviderStrategyItemBase`: 0–100000.
    BASE, 0, 100_000
);
one_of_check!(
    /// `PlacementConstraintType`.
    CONSTRAINT_TYPE, ["distinctInstance", "memberOf"]
);
length_check!(
    /// `PlacementConstraintExpression`: at most 2000.
    CONSTRAINT_EXPRESSION, 0, 2000
);
one_of_check!(
    /// `PlacementStrategyType`.
    STRATEGY_TYPE, ["random", "spread", "binpack"]
);
length_check!(
    /// `PlacementStrategyField`: at most 255.
    STRATEGY_FIELD, 0, 255
);
range_check!(
    /// hashicorp/aws's rule for an array job's size (AWS Batch's).
    ARRAY_SIZE, 2, 10_000
);
range_check!(
    /// hashicorp/aws's rule for job attempts (AWS Batch's).
    JOB_ATTEMPTS, 1, 10
);
length_check!(
    /// `TargetPartitionKeyPath`: at most 256.
    PARTITION_KEY_PATH, 0, 256
);
length_check!(
    /// `MessageGroupId`: at most 100.
    MESSAGE_GROUP_ID, 0, 100
);
length_check!(
    /// `Database`: 1–64.
    DATABASE, 1, 64
);
length_check!(
    /// `DbUser`: 1–128.
    DB_USER, 1, 128
);
length_check!(
    /// `RedshiftSecretManagerArn`: 1–1600.
    SECRETS_MANAGER_ARN, 1, 1600
);
length_check!(
    /// `Sql`: 1–100000.
    SQL, 1, 100_000
);
length_check!(
    /// `StatementName`: 1–500.
    STATEMENT_NAME, 1, 500
);
length_check!(
    /// `SageMakerPipelineParameterValue`: at most 1024.
    PIPELINE_PARAMETER_VALUE, 0, 1024
);
length_check!(
    /// `GraphQLOperation`: 1–1048576.
    GRAPHQL_OPERATION, 1, 1_048_576
);
length_check!(
    /// `RunCommandTargetKey`: 1–128.
    RUN_COMMAND_KEY, 1, 128
);

pub const SQLS: Check = Check {
    rule: || "Up to 40 statements of 1 to 100000 characters.".into(),
    run: |v, at, diags| elements(v, at, diags, (0, 40), (1, 100_000)),
};

pub const RUN_COMMAND_VALUES: Check = Check {
    rule: || "1 to 50 values of 1 to 256 characters.".into(),
    run: |v, at, diags| elements(v, at, diags, (1, 50), (1, 256)),
};

pub const PIPELINE_PARAMETER_NAME: Check = Check {
    rule: || "1 to 256 letters and digits, with single `-` between them.".into(),
    run: pipeline_parameter_name,
};

pub const INPUT_PATHS: Check = Check {
    rule: || {
        format!(
            "Up to {MAX_INPUT_PATHS} entries; names of 1 to 256 letters, digits, `_` or `-`, not starting with \
             `AWS`; paths up to 256 characters."
        )
    },
    run: input_paths,
};

pub const HEADER_PARAMETERS: Check = Check {
    rule: || {
        "Names of letters, digits and ``!#$%&'*+,-.^_`|~``, up to 512 characters; values of printable ASCII up to \
         512."
            .into()
    },
    run: header_parameters,
};

pub const QUERY_STRING_PARAMETERS: Check = Check {
    rule: || "Keys and values up to 512 characters, without control characters.".into(),
    run: query_string_parameters,
};

fn rule(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    let Some(problem) = text_rule::name_problem("rule", name) else {
        return;
    };
    let hint = if name.contains('/') {
        " It looks like a rule's id (BUS/NAME, as eventbridge_rule and aws_cloudwatch_event_rule give it for a \
         rule on another bus): give the rule's name (eventbridge_rule.NAME.name) and its bus in event_bus_name."
    } else {
        ""
    };
    diags.error_at(at, "Invalid rule name", format!("{problem}{hint}"));
}

/// Why `id` cannot be a target id (`TargetId`: 1–64 of
/// `[\.\-_A-Za-z0-9]`); None when it can.
pub fn target_id_problem(id: &str) -> Option<String> {
    match text_rule::NAME.check(id) {
        Ok(()) | Err(Broken::OnlyFiller) => None,
        Err(Broken::Empty | Broken::TooShort { .. } | Broken::TooLong { .. }) => Some(format!(
            "A target id is 1 to 64 characters long; {id:?} has {}.",
            id.chars().count()
        )),
        Err(Broken::Character(c)) => Some(format!(
            "A target id may only contain letters, digits, '.', '-' and '_'; {id:?} contains {}.",
            describe_char(c, false)
        )),
    }
}

fn target_id(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    if let Some(problem) = v.as_str().and_then(target_id_problem) {
        diags.error_at(at, "Invalid target id", problem);
    }
}

fn input(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let n = utf16_len(text);
    if n > MAX_INPUT {
        diags.error_at(
            at,
            "Input too long",
            format!(
                "input {}; AWS allows at most {MAX_INPUT}.",
                length_words(n, text.chars().count())
            ),
        );
    } else if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        diags.error_at(
            at,
            "Invalid input",
            format!(
                "input is not valid JSON ({e}); EventBridge sends it to the target as JSON. Write it with \
                 jsonencode(...), or use input_transformer for a template with placeholders."
            ),
        );
    }
}

/// A list of `min`–`max` texts of `each_min`–`each_max` characters.
fn elements(
    v: &Value,
    at: &AttributePath,
    diags: &mut Diagnostics,
    (min, max): (usize, usize),
    (each_min, each_max): (usize, usize),
) {
    let items = v.elements();
    if items.len() < min || items.len() > max {
        diags.error_at(
            at,
            "Invalid number of values",
            format!("{at} has {} values; AWS takes {min} to {max}.", items.len()),
        );
    }
    for (i, item) in items.iter().enumerate() {
        length(
            item,
            &at.index(i64::try_from(i).unwrap_or(i64::MAX)),
            diags,
            each_min,
            each_max,
        );
    }
}

fn pipeline_parameter_name(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    let well_formed = (1..=256).contains(&name.len())
        && name.split('-').all(|part| !part.is_empty())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !well_formed {
        diags.error_at(
            at,
            "Invalid pipeline parameter name",
            format!(
                "{name:?} is not a SageMaker pipeline parameter name: 1 to 256 letters and digits, with single '-' \
                 between them."
            ),
        );
    }
}

/// The entries of a map attribute, each with its path.
fn entries(v: &Value) -> impl Iterator<Item = (&String, Option<&str>)> {
    let map = match v {
        Value::Map(m) => Some(m),
        _ => None,
    };
    map.into_iter().flatten().map(|(k, v)| (k, v.as_str()))
}

fn input_paths(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let n = entries(v).count();
    if n > MAX_INPUT_PATHS {
        diags.error_at(
            at,
            "Too many input paths",
            format!("input_paths has {n} entries; AWS takes at most {MAX_INPUT_PATHS}."),
        );
    }
    for (name, path) in entries(v) {
        let well_formed =
            (1..=256).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !well_formed {
            diags.error_at(
                &at.key(name),
                "Invalid input path name",
                format!(
                    "{name:?} is not an input path name: 1 to 256 letters, digits, '_' or '-' (the template refers \
                     to it as <{name}>)."
                ),
            );
        } else if name.starts_with("AWS") {
            diags.error_at(
                &at.key(name),
                "Reserved input path name",
                format!("{name:?} starts with \"AWS\", which EventBridge keeps for its own placeholders."),
            );
        }
        length(&path.map_or(Value::Null, Value::string), &at.key(name), diags, 0, 256);
    }
}

fn header_parameters(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+,-.^_`|~".contains(c);
    let printable = |c: char| (' '..='~').contains(&c) || c == '\t';
    for (name, value) in entries(v) {
        let at = at.key(name);
        if name.is_empty() || name.len() > 512 || !name.chars().all(token) {
            let bad = name.chars().find(|c| !token(*c));
            let why = bad.map_or_else(
                || format!("has {} characters (1 to 512)", name.len()),
                |c| format!("contains {}", describe_char(c, false)),
            );
            diags.error_at(
                &at,
                "Invalid header name",
                format!("The header name {name:?} {why}; a header name is an HTTP token."),
            );
        }
        let Some(value) = value else { continue };
        let bad = value.chars().find(|c| !printable(*c));
        if utf16_len(value) > 512 || value.trim().is_empty() || bad.is_some() {
            let why = bad.map_or_else(
                || "is blank or longer than 512 characters".to_string(),
                |c| format!("contains {}", describe_char(c, false)),
            );
            diags.error_at(
                &at,
                "Invalid header value",
                format!("The value of header {name:?} {why}; AWS takes 1 to 512 printable ASCII characters."),
            );
        }
    }
}

fn query_string_parameters(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for (key, value) in entries(v) {
        let at = at.key(key);
        let control = |text: &str, allow_breaks: bool| {
            text.chars()
                .find(|c| text_rule::is_c0_or_del(*c) && !(allow_breaks && matches!(c, '\n' | '\r')))
        };
        if key.is_empty() || utf16_len(key) > 512 || control(key, false).is_some() {
            diags.error_at(
                &at,
                "Invalid query string key",
                format!("The query string key {key:?} must have 1 to 512 characters and no control character."),
            );
        }
        let Some(value) = value else { continue };
        if value.is_empty() || utf16_len(value) > 512 || control(value, true).is_some() {
            diags.error_at(
                &at,
                "Invalid query string value",
                format!(
                    "The value of query string key {key:?} must have 1 to 512 characters and no control \
                     character."
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(check: Check, v: Value) -> Vec<String> {
        let mut diags = Diagnostics::new();
        (check.run)(&v, &AttributePath::of(&["x"]), &mut diags);
        diags.iter().map(|d| d.detail.clone()).collect()
    }

    fn map(entries: &[(&str, &str)]) -> Value {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), Value::string(*v)))
                .collect(),
        )
    }

    #[test]
    fn a_rule_id_given_for_a_rule_name_is_explained() {
        assert!(run(RULE, Value::string("nightly")).is_empty());
        let found = run(RULE, Value::string("orders/nightly"));
        assert!(found[0].contains("eventbridge_rule.NAME.name"), "{found:?}");
        assert!(run(TARGET_ID, Value::string("api-1")).is_empty());
        assert!(run(TARGET_ID, Value::string("a b"))[0].starts_with("A target id may only contain"));
    }

    #[test]
    fn input_is_json_and_ranges_lengths_and_lists_follow_the_model() {
        assert!(run(INPUT, Value::string(r#"{"a":1}"#)).is_empty());
        assert!(run(INPUT, Value::string("{"))[0].contains("not valid JSON"));
        assert!(run(MAXIMUM_EVENT_AGE, Value::int(59))[0].contains("60 to 86400"));
        assert!(run(MAXIMUM_EVENT_AGE, Value::int(60)).is_empty());
        assert!(run(MAXIMUM_RETRY_ATTEMPTS, Value::int(186))[0].contains("0 to 185"));
        assert!(run(LAUNCH_TYPE, Value::string("LAMBDA"))[0].contains("\"EC2\", \"FARGATE\""));
        assert!(run(ARN, Value::string(""))[0].contains("1 to 1600"));
        let values = |n: usize| Value::List((0..n).map(|_| Value::string("i-1")).collect());
        assert!(run(RUN_COMMAND_VALUES, values(50)).is_empty());
        assert!(run(RUN_COMMAND_VALUES, values(51))[0].contains("1 to 50"));
        assert!(run(RUN_COMMAND_VALUES, values(0))[0].contains("1 to 50"));
        assert!(run(PIPELINE_PARAMETER_NAME, Value::string("a--b"))[0].contains("single '-'"));
    }

    #[test]
    fn input_paths_headers_and_query_strings_follow_the_model() {
        assert!(run(INPUT_PATHS, map(&[("order", "$.detail.id")])).is_empty());
        assert!(run(INPUT_PATHS, map(&[("AWS_x", "$.a")]))[0].contains("starts with \"AWS\""));
        assert!(run(INPUT_PATHS, map(&[("a b", "$.a")]))[0].contains("not an input path name"));
        let many: Vec<(String, String)> = (0..101).map(|i| (format!("p{i}"), "$.a".to_string())).collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert!(run(INPUT_PATHS, map(&many))[0].contains("at most 100"));
        assert!(run(HEADER_PARAMETERS, map(&[("x-tenant", "acme"), ("a'b", "c d")])).is_empty());
        assert!(run(HEADER_PARAMETERS, map(&[("x tenant", "acme")]))[0].contains("HTTP token"));
        assert!(run(HEADER_PARAMETERS, map(&[("x", "caf\u{e9}")]))[0].contains("printable ASCII"));
        assert!(run(QUERY_STRING_PARAMETERS, map(&[("q", "a b")])).is_empty());
        assert!(run(QUERY_STRING_PARAMETERS, map(&[("q", "a\u{1}")]))[0].contains("no control"));
    }
}
