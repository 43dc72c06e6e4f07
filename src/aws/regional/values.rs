//! Values every type maps the same way between its model and AWS: times,
//! descriptions (which AWS reads back as absent when empty), and JSON
//! texts (the same value written otherwise is no change).

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value as Json;

use crate::tfplugin::Value;

/// A time AWS returns (CreationTime, LastModifiedTime…), as RFC 3339; null
/// when AWS gives none.
pub fn time(t: Option<&aws_smithy_types::DateTime>) -> Value {
    use aws_smithy_types::date_time::Format;
    Value::opt_string(t.and_then(|t| t.fmt(Format::DateTime).ok()))
}

/// A description as AWS holds it, for the state: AWS reads an empty one
/// back as absent, which stays `""` when that is what `prior` (the
/// configuration's, through the plan or the last state) says, so there is
/// no diff.
pub fn read_description(aws: Option<&str>, prior: &Option<String>) -> Option<String> {
    match aws.filter(|d| !d.is_empty()) {
        Some(d) => Some(d.to_string()),
        None => prior.clone().filter(String::is_empty),
    }
}

/// The description an update sends: the new one, or `""` when it was
/// removed, so that AWS really clears it (hashicorp/aws sends nothing, and
/// the old description stays).
pub fn description_to_send(new: &Option<String>, prior: &Option<String>) -> Option<String> {
    new.clone().or_else(|| prior.as_ref().map(|_| String::new()))
}

/// Whether `a` and `b` are the same JSON value; texts that are not JSON
/// are the same only when equal.
pub fn same_json(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (serde_json::from_str::<Json>(a), serde_json::from_str::<Json>(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// In a planned `state`, the prior value of attribute `name` when it and
/// the planned one differ but are `same` (a bus by name and by ARN, the
/// same JSON written otherwise): Terraform takes a prior value the
/// provider plans as equivalent to the configuration's, so no change.
pub fn keep_prior_if(state: &mut Value, prior: &Value, name: &str, same: fn(&str, &str) -> bool) {
    if let (Some(before), Some(after)) = (prior.attr(name).as_str(), state.attr(name).as_str()) {
        if before != after && same(before, after) {
            let before = Value::string(before);
            if let Some(v) = state.attr_mut(name) {
                *v = before;
            }
        }
    }
}

/// A name (a rule's, a target's id) from `prefix` (`terraform-` when
/// none) and 26 characters: the time and a counter, so that two made at
/// once differ, as hashicorp/aws makes them.
pub fn generated_name(prefix: Option<&str>) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{}{:018}{:08x}",
        prefix.unwrap_or("terraform-"),
        nanos % 1_000_000_000_000_000_000,
        count
    )
}
