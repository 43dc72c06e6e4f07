//! Checks attached to an attribute (terraform-plugin-framework's
//! `Validators`): the server runs them on every known value of the
//! attribute wherever a configuration is validated, and again at apply for
//! values that were unknown at plan, so a resource's `validate` keeps only
//! the rules that span attributes. The registry docs print each check's
//! rule from the same value.

use std::fmt;

use super::diagnostics::{AttributePath, Diagnostics};
use super::value::Value;

/// One attribute's rule: what it accepts, in words, and the check itself.
#[derive(Clone, Copy)]
pub struct Check {
    /// The rule in one sentence, for the docs ("1 to 64 letters, …").
    pub rule: fn() -> String,
    /// Reports what is wrong with `value` (known and not null) at `at`.
    pub run: fn(value: &Value, at: &AttributePath, diags: &mut Diagnostics),
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str((self.rule)().as_str())
    }
}
