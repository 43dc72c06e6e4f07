//! The `timeouts` block of a resource whose operations wait for AWS to
//! settle: one duration per operation, each with the type's default.

use std::time::Duration;

use crate::aws::duration::parse_duration;
use crate::aws::text_rule::article;
use crate::tfplugin::{Attribute, AttributePath, Block, Check, Diagnostics, NestedBlock, Value};

/// An operation that waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Create,
    Update,
    Delete,
}

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

/// What a type waits for after each operation, and for how long by
/// default, e.g. `(Op::Create, "be authorized after creation", 20 min)`.
pub type Waits = [(Op, &'static str, Duration); 3];

crate::model! {
    /// The `timeouts` block as configured; its schema, with each type's
    /// words and defaults, comes from [`nested`].
    pub struct Timeouts {
        attr create: Option<String> = Attribute::string().optional().check(CHECK),
        attr update: Option<String> = Attribute::string().optional().check(CHECK),
        attr delete: Option<String> = Attribute::string().optional().check(CHECK),
    }
}

impl Timeouts {
    /// How long `op` may wait: the configured duration, else the default.
    pub fn limit(&self, op: Op, waits: &Waits) -> Duration {
        let configured = match op {
            Op::Create => &self.create,
            Op::Update => &self.update,
            Op::Delete => &self.delete,
        };
        let default = waits.iter().find(|(o, _, _)| *o == op).map_or(Duration::ZERO, |w| w.2);
        configured.as_deref().and_then(parse_duration).unwrap_or(default)
    }
}

/// A duration in Go's syntax, checked at plan time.
pub const CHECK: Check = Check {
    rule: || "A duration such as `30s`, `10m` or `1h30m` (units ms, s, m, h).".into(),
    run: check_duration,
};

fn check_duration(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    if parse_duration(text).is_none() {
        diags.error_at(
            at,
            "Invalid timeout",
            format!(
                "{at} is {text:?}, which is not a duration: write numbers with the units ms, s, m or h, e.g. \
                 \"30s\", \"10m\" or \"1h30m\"."
            ),
        );
    }
}

/// The `timeouts` block of a type whose `noun` waits as `waits` says.
pub fn nested(noun: &str, waits: &Waits) -> NestedBlock {
    let mut block = Block::new().doc(&format!("How long to wait for AWS to settle {}.", article(noun)));
    for (op, what, default) in waits {
        block = block.attr(
            op.name(),
            Attribute::string().optional().check(CHECK).doc(&format!(
                "How long to wait for the {noun} to {what}, as a duration such as `30s`, `10m` or `1h`. \
                 Default `{}`.",
                go_duration(default)
            )),
        );
    }
    NestedBlock::single(block)
}

/// `1200s` → `20m`, as the docs write defaults.
fn go_duration(d: &Duration) -> String {
    match d.as_secs() {
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAITS: Waits = [
        (Op::Create, "appear", Duration::from_secs(1200)),
        (Op::Update, "settle", Duration::from_secs(1200)),
        (Op::Delete, "disappear", Duration::from_secs(300)),
    ];

    #[test]
    fn a_configured_duration_wins_over_the_default() {
        let t = Timeouts {
            create: Some("90s".into()),
            ..Default::default()
        };
        assert_eq!(t.limit(Op::Create, &WAITS), Duration::from_secs(90));
        assert_eq!(t.limit(Op::Delete, &WAITS), Duration::from_secs(300));
        let docs = nested("thing", &WAITS)
            .block
            .attribute("update")
            .unwrap()
            .description
            .clone();
        assert!(docs.contains("Default `20m`"), "{docs}");
    }
}
