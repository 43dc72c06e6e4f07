//! The checks every regional resource type's own arguments share: the name
//! (AWS's rule for names, in the type's words) and the description.

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
