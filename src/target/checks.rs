//! The checks of each argument of `eventbridge_target`, attached in
//! `schema.rs` and run by the plugin layer on every known value (at plan,
//! and at apply for values unknown at plan). The rules are the `Target`
//! shape's in PutTargets' model (service model 2015-10-07); most are a
//! length, a range or a fixed list, declared with the kit's one-liners.

use crate::aws::regional::checks::{length, length_check, one_of_check, range_check};
use crate::aws::text_rule::{self, describe_char, is_line_terminator, length_words, utf16_len, Broken};
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

pub const SQLS: Check = Check {
    rule: || "Up to 40 statements of 1 to 100000 characters.".into(),
    run: |v, at, diags| elements(v, at, diags, (0, 40), (1, 100_000)),
};

pub const RUN_COMMAND_VALUES: Check = Check {
    rule: || "1 to 50 values of 1 to 256 characters.".into(),
    run: |v, at, diags| elements(v, at, diags, (1, 50), (1, 256)),
};

pub const PATH_PARAMETER_VALUES: Check = Check {
    rule: || "Values of one line each, not only white space.".into(),
    run: path_parameter_values,
};

pub const PIPELINE_PARAMETER_NAME: Check = Check {
    rule: || "1 to 256 letters, digits and `-`, starting and ending with a letter or digit.".into(),
    run: pipeline_parameter_name,
};

pub const SECRETS_MANAGER_ARN: Check = Check {
    rule: || {
        "1 to 1600 characters: a Secrets Manager ARN (`arn:aws:secretsmanager:REGION:…`) or a JSONPath into the \
         event (`$.detail.secret`)."
            .into()
    },
    run: secrets_manager_arn,
};

pub const RUN_COMMAND_KEY: Check = Check {
    rule: || "1 to 128 letters, digits, spaces and `_.:/=+-@`, e.g. `tag:Environment` or `InstanceIds`.".into(),
    run: run_command_key,
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

/// `PathParameter`: `^(?!\s*$).+`, one line that is not only white space.
fn path_parameter_values(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for (i, item) in v.elements().iter().enumerate() {
        let Some(text) = item.as_str() else { continue };
        let broken = text.chars().find(|c| text_rule::is_line_terminator(*c));
        let blank = text.chars().all(|c| matches!(c, '\t'..='\r' | ' '));
        if broken.is_some() || blank {
            let why = broken.map_or_else(
                || "is empty or only white space".to_string(),
                |c| format!("contains {}", describe_char(c, false)),
            );
            diags.error_at(
                &at.index(i64::try_from(i).unwrap_or(i64::MAX)),
                "Invalid path parameter value",
                format!(
                    "The path parameter value {text:?} {why}; EventBridge puts each value in place of a `*` of the \
                     endpoint's path, and takes one line that is not only white space."
                ),
            );
        }
    }
}

fn pipeline_parameter_name(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    // `^[a-zA-Z0-9](-*[a-zA-Z0-9])*$`: any run of '-' between them.
    let well_formed = (1..=256).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if !well_formed {
        diags.error_at(
            at,
            "Invalid pipeline parameter name",
            format!(
                "{name:?} is not a SageMaker pipeline parameter name: 1 to 256 letters, digits and '-', starting \
                 and ending with a letter or digit."
            ),
        );
    }
}

/// `RedshiftSecretManagerArn`: 1–1600 matching
/// `(^arn:aws([a-z]|\-)*:secretsmanager:[a-z0-9-.]+:.*)|(\$(\.[\w_-]+(\[(\d+|\*)\])*)*)`.
fn secrets_manager_arn(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let n = utf16_len(text);
    if n == 0 || n > 1600 {
        length(v, at, diags, 1, 1600);
    } else if !is_secret_arn(text) && !is_json_path(text) {
        diags.error_at(
            at,
            "Invalid secret",
            format!(
                "{at} is {text:?}, neither a Secrets Manager ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME, \
                 usually aws_secretsmanager_secret.NAME.arn) nor a JSONPath into the event (e.g. $.detail.secret)."
            ),
        );
    }
}

/// `arn:aws…:secretsmanager:REGION:…` on one line.
fn is_secret_arn(text: &str) -> bool {
    let Some((partition, rest)) = text
        .strip_prefix("arn:aws")
        .and_then(|t| t.split_once(":secretsmanager:"))
    else {
        return false;
    };
    let Some((region, rest)) = rest.split_once(':') else {
        return false;
    };
    partition.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !rest.chars().any(is_line_terminator)
}

/// `$`, then any number of `.NAME` (letters, digits, `_`, `-`), each with
/// any number of `[N]` or `[*]`.
fn is_json_path(text: &str) -> bool {
    let Some(mut rest) = text.strip_prefix('$') else {
        return false;
    };
    while let Some(after) = rest.strip_prefix('.') {
        let name = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if name == 0 {
            return false;
        }
        rest = &after[name..];
        while let Some(inner) = rest.strip_prefix('[') {
            let Some((index, after)) = inner.split_once(']') else {
                return false;
            };
            if index != "*" && (index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit())) {
                return false;
            }
            rest = after;
        }
    }
    rest.is_empty()
}

/// `RunCommandTargetKey`: 1–128 of `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
fn run_command_key(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    let n = utf16_len(key);
    if n == 0 || n > 128 {
        length(v, at, diags, 1, 128);
    } else if let Some(c) = key.chars().find(|c| !is_run_command_key_char(*c)) {
        diags.error_at(
            at,
            "Invalid run command key",
            format!(
                "{at} contains {}; AWS takes letters, digits, spaces and '_', '.', ':', '/', '=', '+', '-', '@' \
                 (e.g. \"tag:Environment\" or \"InstanceIds\").",
                describe_char(c, false)
            ),
        );
    }
}

/// Java's `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: a letter, a separator (space,
/// line or paragraph), a number, or one of `_.:/=+-@`.
fn is_run_command_key_char(c: char) -> bool {
    let separator = matches!(
        c,
        ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    );
    is_letter(c) || c.is_numeric() || separator || "_.:/=+-@".contains(c)
}

/// Unicode's letters (`\p{L}`): what Rust calls alphabetic, less the
/// numbers (`Nl`) and [`ALPHABETIC_NOT_LETTERS`].
fn is_letter(c: char) -> bool {
    let u = u32::from(c);
    c.is_alphabetic()
        && !c.is_numeric()
        && ALPHABETIC_NOT_LETTERS
            .binary_search_by(|&(lo, hi)| {
                if hi < u {
                    std::cmp::Ordering::Less
                } else if lo > u {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_err()
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

/// The characters Rust's `char::is_alphabetic` takes (Unicode's
/// `Alphabetic`) that are neither letters nor numbers: the combining marks
/// and circled letters of `Other_Alphabetic`, which Java's `\p{L}` refuses.
/// Sorted ranges, generated with Rust 1.95's std and the regex crate's
/// `\p{L}` (1.13): every `char` with `c.is_alphabetic() && !c.is_numeric()`
/// that `\p{L}` does not match. Regenerate when the toolchain's Unicode
/// changes; the differential test tries every character against the model.
#[rustfmt::skip]
const ALPHABETIC_NOT_LETTERS: &[(u32, u32)] = &[
    (0x0345, 0x0345), (0x0363, 0x036F), (0x05B0, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2),
    (0x05C4, 0x05C5), (0x05C7, 0x05C7), (0x0610, 0x061A), (0x064B, 0x0657), (0x0659, 0x065F),
    (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06E1, 0x06E4), (0x06E7, 0x06E8), (0x06ED, 0x06ED),
    (0x0711, 0x0711), (0x0730, 0x073F), (0x07A6, 0x07B0), (0x0816, 0x0817), (0x081B, 0x0823),
    (0x0825, 0x0827), (0x0829, 0x082C), (0x088F, 0x088F), (0x0897, 0x0897), (0x08D4, 0x08DF),
    (0x08E3, 0x08E9), (0x08F0, 0x0903), (0x093A, 0x093B), (0x093E, 0x094C), (0x094E, 0x094F),
    (0x0955, 0x0957), (0x0962, 0x0963), (0x0981, 0x0983), (0x09BE, 0x09C4), (0x09C7, 0x09C8),
    (0x09CB, 0x09CC), (0x09D7, 0x09D7), (0x09E2, 0x09E3), (0x0A01, 0x0A03), (0x0A3E, 0x0A42),
    (0x0A47, 0x0A48), (0x0A4B, 0x0A4C), (0x0A51, 0x0A51), (0x0A70, 0x0A71), (0x0A75, 0x0A75),
    (0x0A81, 0x0A83), (0x0ABE, 0x0AC5), (0x0AC7, 0x0AC9), (0x0ACB, 0x0ACC), (0x0AE2, 0x0AE3),
    (0x0AFA, 0x0AFC), (0x0B01, 0x0B03), (0x0B3E, 0x0B44), (0x0B47, 0x0B48), (0x0B4B, 0x0B4C),
    (0x0B56, 0x0B57), (0x0B62, 0x0B63), (0x0B82, 0x0B82), (0x0BBE, 0x0BC2), (0x0BC6, 0x0BC8),
    (0x0BCA, 0x0BCC), (0x0BD7, 0x0BD7), (0x0C00, 0x0C04), (0x0C3E, 0x0C44), (0x0C46, 0x0C48),
    (0x0C4A, 0x0C4C), (0x0C55, 0x0C56), (0x0C5C, 0x0C5C), (0x0C62, 0x0C63), (0x0C81, 0x0C83),
    (0x0CBE, 0x0CC4), (0x0CC6, 0x0CC8), (0x0CCA, 0x0CCC), (0x0CD5, 0x0CD6), (0x0CDC, 0x0CDC),
    (0x0CE2, 0x0CE3), (0x0CF3, 0x0CF3), (0x0D00, 0x0D03), (0x0D3E, 0x0D44), (0x0D46, 0x0D48),
    (0x0D4A, 0x0D4C), (0x0D57, 0x0D57), (0x0D62, 0x0D63), (0x0D81, 0x0D83), (0x0DCF, 0x0DD4),
    (0x0DD6, 0x0DD6), (0x0DD8, 0x0DDF), (0x0DF2, 0x0DF3), (0x0E31, 0x0E31), (0x0E34, 0x0E3A),
    (0x0E4D, 0x0E4D), (0x0EB1, 0x0EB1), (0x0EB4, 0x0EB9), (0x0EBB, 0x0EBC), (0x0ECD, 0x0ECD),
    (0x0F71, 0x0F83), (0x0F8D, 0x0F97), (0x0F99, 0x0FBC), (0x102B, 0x1036), (0x1038, 0x1038),
    (0x103B, 0x103E), (0x1056, 0x1059), (0x105E, 0x1060), (0x1062, 0x1064), (0x1067, 0x106D),
    (0x1071, 0x1074), (0x1082, 0x108D), (0x108F, 0x108F), (0x109A, 0x109D), (0x1712, 0x1713),
    (0x1732, 0x1733), (0x1752, 0x1753), (0x1772, 0x1773), (0x17B6, 0x17C8), (0x1885, 0x1886),
    (0x18A9, 0x18A9), (0x1920, 0x192B), (0x1930, 0x1938), (0x1A17, 0x1A1B), (0x1A55, 0x1A5E),
    (0x1A61, 0x1A74), (0x1ABF, 0x1AC0), (0x1ACC, 0x1ACE), (0x1B00, 0x1B04), (0x1B35, 0x1B43),
    (0x1B80, 0x1B82), (0x1BA1, 0x1BA9), (0x1BAC, 0x1BAD), (0x1BE7, 0x1BF1), (0x1C24, 0x1C36),
    (0x1DD3, 0x1DF4), (0x24B6, 0x24E9), (0x2DE0, 0x2DFF), (0xA674, 0xA67B), (0xA69E, 0xA69F),
    (0xA7CE, 0xA7CF), (0xA7D2, 0xA7D2), (0xA7D4, 0xA7D4), (0xA7F1, 0xA7F1), (0xA802, 0xA802),
    (0xA80B, 0xA80B), (0xA823, 0xA827), (0xA880, 0xA881), (0xA8B4, 0xA8C3), (0xA8C5, 0xA8C5),
    (0xA8FF, 0xA8FF), (0xA926, 0xA92A), (0xA947, 0xA952), (0xA980, 0xA983), (0xA9B4, 0xA9BF),
    (0xA9E5, 0xA9E5), (0xAA29, 0xAA36), (0xAA43, 0xAA43), (0xAA4C, 0xAA4D), (0xAA7B, 0xAA7D),
    (0xAAB0, 0xAAB0), (0xAAB2, 0xAAB4), (0xAAB7, 0xAAB8), (0xAABE, 0xAABE), (0xAAEB, 0xAAEF),
    (0xAAF5, 0xAAF5), (0xABE3, 0xABEA), (0xFB1E, 0xFB1E), (0x10376, 0x1037A), (0x10940, 0x10959),
    (0x10A01, 0x10A03), (0x10A05, 0x10A06), (0x10A0C, 0x10A0F), (0x10D24, 0x10D27), (0x10D69, 0x10D69),
    (0x10EAB, 0x10EAC), (0x10EC5, 0x10EC7), (0x10EFA, 0x10EFC), (0x11000, 0x11002), (0x11038, 0x11045),
    (0x11073, 0x11074), (0x11080, 0x11082), (0x110B0, 0x110B8), (0x110C2, 0x110C2), (0x11100, 0x11102),
    (0x11127, 0x11132), (0x11145, 0x11146), (0x11180, 0x11182), (0x111B3, 0x111BF), (0x111CE, 0x111CF),
    (0x1122C, 0x11234), (0x11237, 0x11237), (0x1123E, 0x1123E), (0x11241, 0x11241), (0x112DF, 0x112E8),
    (0x11300, 0x11303), (0x1133E, 0x11344), (0x11347, 0x11348), (0x1134B, 0x1134C), (0x11357, 0x11357),
    (0x11362, 0x11363), (0x113B8, 0x113C0), (0x113C2, 0x113C2), (0x113C5, 0x113C5), (0x113C7, 0x113CA),
    (0x113CC, 0x113CD), (0x11435, 0x11441), (0x11443, 0x11445), (0x114B0, 0x114C1), (0x115AF, 0x115B5),
    (0x115B8, 0x115BE), (0x115DC, 0x115DD), (0x11630, 0x1163E), (0x11640, 0x11640), (0x116AB, 0x116B5),
    (0x1171D, 0x1172A), (0x1182C, 0x11838), (0x11930, 0x11935), (0x11937, 0x11938), (0x1193B, 0x1193C),
    (0x11940, 0x11940), (0x11942, 0x11942), (0x119D1, 0x119D7), (0x119DA, 0x119DF), (0x119E4, 0x119E4),
    (0x11A01, 0x11A0A), (0x11A35, 0x11A39), (0x11A3B, 0x11A3E), (0x11A51, 0x11A5B), (0x11A8A, 0x11A97),
    (0x11B60, 0x11B67), (0x11C2F, 0x11C36), (0x11C38, 0x11C3E), (0x11C92, 0x11CA7), (0x11CA9, 0x11CB6),
    (0x11D31, 0x11D36), (0x11D3A, 0x11D3A), (0x11D3C, 0x11D3D), (0x11D3F, 0x11D41), (0x11D43, 0x11D43),
    (0x11D47, 0x11D47), (0x11D8A, 0x11D8E), (0x11D90, 0x11D91), (0x11D93, 0x11D96), (0x11DB0, 0x11DDB),
    (0x11EF3, 0x11EF6), (0x11F00, 0x11F01), (0x11F03, 0x11F03), (0x11F34, 0x11F3A), (0x11F3E, 0x11F40),
    (0x1611E, 0x1612E), (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16F4F, 0x16F4F), (0x16F51, 0x16F87),
    (0x16F8F, 0x16F92), (0x16FF0, 0x16FF3), (0x187F8, 0x187FF), (0x18D09, 0x18D1E), (0x18D80, 0x18DF2),
    (0x1BC9E, 0x1BC9E), (0x1E000, 0x1E006), (0x1E008, 0x1E018), (0x1E01B, 0x1E021), (0x1E023, 0x1E024),
    (0x1E026, 0x1E02A), (0x1E08F, 0x1E08F), (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF),
    (0x1E947, 0x1E947), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189), (0x2B73A, 0x2B73F),
    (0x2CEA2, 0x2CEAD), (0x323B0, 0x33479),
];

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
        assert!(run(PIPELINE_PARAMETER_NAME, Value::string("a--b")).is_empty());
        assert!(run(PIPELINE_PARAMETER_NAME, Value::string("-a"))[0].contains("starting and ending"));
    }

    #[test]
    fn secrets_are_arns_or_json_paths_and_run_command_keys_are_letters_numbers_and_a_few_marks() {
        for ok in [
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf",
            "arn:aws-cn:secretsmanager:cn-north-1:x",
            "$",
            "$.detail.secret",
            "$.a[0][*].b-c",
        ] {
            assert!(run(SECRETS_MANAGER_ARN, Value::string(ok)).is_empty(), "{ok}");
        }
        for bad in [
            "secret",
            "arn:aws:kms:us-east-1:1:key/k",
            "arn:aws:secretsmanager::x",
            "arn:aws:secretsmanager:us-east-1:a\nb",
            "$.",
            "$.a[]",
            "$.a[x]",
            "$a",
        ] {
            assert!(
                run(SECRETS_MANAGER_ARN, Value::string(bad))[0].contains("neither"),
                "{bad}"
            );
        }
        assert!(run(SECRETS_MANAGER_ARN, Value::string(""))[0].contains("1 to 1600"));
        for ok in ["tag:Environment", "InstanceIds", "tag:Größe 日本 ٣", "a\u{2028}b"] {
            assert!(run(RUN_COMMAND_KEY, Value::string(ok)).is_empty(), "{ok}");
        }
        // A combining mark and a circled letter: alphabetic, not letters.
        for bad in ["tag:a\u{345}", "tag:\u{24B6}", "tag:a,b", "a\tb"] {
            assert!(
                run(RUN_COMMAND_KEY, Value::string(bad))[0].contains("AWS takes letters"),
                "{bad}"
            );
        }
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
