//! Values every type maps the same way between its model and AWS: times,
//! and descriptions (which AWS reads back as absent when empty).

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
