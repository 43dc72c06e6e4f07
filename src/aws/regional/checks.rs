//! The checks every regional resource type's own arguments share: the name
//! (AWS's rule for names, in the type's words), the description, and the
//! shapes AWS's model gives most members (a length, a range of whole
//! numbers, a fixed list), each declared with one line by
//! [`length_check!`], [`range_check!`] and [`one_of_check!`].

use super::Kind;
use crate::aws::text_rule::{self, describe_char, length_words, Broken};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// The whole name must match AWS's rule (hashicorp/aws checks only its
/// first character). A type's `NAME` check calls this with its [`Kind`].
pub fn name(kind: &Kind, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    if let Some(problem) = (kind.name_problem)(name) {
        diags.error_at(at, format!("Invalid {} name", kind.noun), problem);
    }
}

/// The documented rule of every name.
pub fn name_rule() -> String {
    text_rule::NAME.doc()
}

/// One line of at most 512 characters: AWS's `.*` is Java's, where `.`
/// matches no line terminator.
pub const DESCRIPTION: Check = Check {
    rule: || text_rule::DESCRIPTION.doc(),
    run: description,
};

fn description(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    match text_rule::DESCRIPTION.check(text) {
        Ok(()) => {}
        Err(Broken::TooLong { units, chars }) => diags.error_at(
            at,
            "Description too long",
            format!(
                "description {}; AWS allows at most {}.",
                length_words(units, chars),
                text_rule::DESCRIPTION.max
            ),
        ),
        // DESCRIPTION has no minimum and no filler rule.
        Err(Broken::Empty | Broken::TooShort { .. } | Broken::OnlyFiller) => {}
        Err(Broken::Character(c)) => diags.error_at(
            at,
            "Invalid description",
            format!(
                "description contains {}; AWS accepts a single line of text. A heredoc (<<EOT) always ends \
                 with a line break: use a quoted string, or chomp() / replace() to remove the breaks.",
                describe_char(c, false)
            ),
        ),
    }
}

/// The rule of a text AWS takes with `min` to `max` characters.
pub fn length_rule(min: usize, max: usize) -> String {
    match min {
        0 => format!("At most {max} characters."),
        _ => format!("{min} to {max} characters."),
    }
}

/// A text of `min` to `max` characters (Java's count, as AWS's).
pub fn length(v: &Value, at: &AttributePath, diags: &mut Diagnostics, min: usize, max: usize) {
    let Some(text) = v.as_str() else { return };
    let units = text_rule::utf16_len(text);
    if units < min || units > max {
        let allowed = match min {
            0 => format!("at most {max}"),
            _ => format!("{min} to {max}"),
        };
        diags.error_at(
            at,
            "Invalid length",
            format!(
                "{at} {}; AWS takes {allowed}.",
                length_words(units, text.chars().count())
            ),
        );
    }
}

/// The rule of a whole number from `min` to `max`.
pub fn range_rule(min: i64, max: i64) -> String {
    format!("A whole number from {min} to {max}.")
}

/// A whole number from `min` to `max`.
pub fn range(v: &Value, at: &AttributePath, diags: &mut Diagnostics, min: i64, max: i64) {
    let Some(n) = v.as_number() else { return };
    match n.as_i64() {
        Some(n) if (min..=max).contains(&n) => {}
        _ => diags.error_at(
            at,
            "Value out of range",
            format!("{at} is {n}; AWS takes a whole number from {min} to {max}."),
        ),
    }
}

/// The rule of a value from a list AWS fixes.
pub fn one_of_rule(allowed: &[&str]) -> String {
    format!("One of `{}`.", allowed.join("`, `"))
}

/// A value from `allowed`.
pub fn one_of(v: &Value, at: &AttributePath, diags: &mut Diagnostics, allowed: &[&str]) {
    let Some(text) = v.as_str() else { return };
    if !allowed.contains(&text) {
        diags.error_at(
            at,
            "Invalid value",
            format!("{at} is {text:?}; AWS takes one of \"{}\".", allowed.join("\", \"")),
        );
    }
}

/// `pub const NAME: Check` of a text of `min` to `max` characters.
macro_rules! length_check {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        pub const $name: $crate::tfplugin::Check = $crate::tfplugin::Check {
            rule: || $crate::aws::regional::checks::length_rule($min, $max),
            run: |v, at, diags| $crate::aws::regional::checks::length(v, at, diags, $min, $max),
        };
    };
}

/// `pub const NAME: Check` of a whole number from `min` to `max`.
macro_rules! range_check {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        pub const $name: $crate::tfplugin::Check = $crate::tfplugin::Check {
            rule: || $crate::aws::regional::checks::range_rule($min, $max),
            run: |v, at, diags| $crate::aws::regional::checks::range(v, at, diags, $min, $max),
        };
    };
}

/// `pub const NAME: Check` of a value from a fixed list.
macro_rules! one_of_check {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        pub const $name: $crate::tfplugin::Check = $crate::tfplugin::Check {
            rule: || $crate::aws::regional::checks::one_of_rule(&$allowed),
            run: |v, at, diags| $crate::aws::regional::checks::one_of(v, at, diags, &$allowed),
        };
    };
}

pub(crate) use {length_check, one_of_check, range_check};
