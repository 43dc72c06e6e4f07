//! Tags of a taggable resource, as hashicorp/aws does them: `tags` (what
//! the configuration sets) and `tags_all` (those plus the provider's
//! `default_tags`, the resource's winning), with the provider's
//! `ignore_tags` keys and key prefixes left out of both, so that tags other
//! tools own are neither planned away nor shown as drift.
//!
//! A type declares the two attributes with [`attributes`], plans
//! `tags_all` with [`plan`], sends [`Changes`] after a create, and reads
//! AWS's tags back with [`read`]. The provider's settings are a
//! [`TagPolicy`], decoded once in ConfigureProvider.

use std::collections::{BTreeMap, BTreeSet};

use crate::aws::text_rule::utf16_len;
use crate::tfplugin::{Attribute, AttributePath, Check, Diagnostics, Type, Value};

/// AWS's `TagKey`: 1–128 characters.
pub const MAX_KEY: usize = 128;
/// AWS's `TagValue`: 0–256 characters.
pub const MAX_VALUE: usize = 256;
/// The prefix AWS keeps for itself: tags that start with it cannot be set.
const RESERVED_PREFIX: &str = "aws:";

/// The provider's `default_tags` and `ignore_tags`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagPolicy {
    /// `default_tags { tags = {...} }`; None while unknown (the plan then
    /// leaves `tags_all` unknown).
    pub default_tags: Option<BTreeMap<String, String>>,
    /// `ignore_tags { keys = [...] }`.
    pub ignore_keys: BTreeSet<String>,
    /// `ignore_tags { key_prefixes = [...] }`.
    pub ignore_prefixes: BTreeSet<String>,
}

impl TagPolicy {
    /// No default tags, nothing ignored.
    pub fn none() -> TagPolicy {
        TagPolicy {
            default_tags: Some(BTreeMap::new()),
            ..Default::default()
        }
    }

    /// Whether `key` is one the provider is told to ignore.
    pub fn ignores(&self, key: &str) -> bool {
        self.ignore_keys.contains(key) || self.ignore_prefixes.iter().any(|p| key.starts_with(p.as_str()))
    }
}

/// `tags` and `tags_all`, for a type's schema; `noun` names the resource.
pub fn attributes(noun: &str) -> (Attribute, Attribute) {
    let tags = Attribute::of(Type::map(Type::String))
        .optional()
        .check(TAGS)
        .doc(&format!(
            "Tags of the {noun}: keys of 1 to 128 characters, values of up to 256, no key starting with `aws:`. \
             The provider's `default_tags` are added (a key set here wins); keys the provider's `ignore_tags` \
             names are neither sent nor read back."
        ));
    let tags_all = Attribute::of(Type::map(Type::String)).computed().doc(&format!(
        "Every tag of the {noun}: `tags` with the provider's `default_tags`, without the keys `ignore_tags` names."
    ));
    (tags, tags_all)
}

pub const TAGS: Check = Check {
    rule: || {
        format!(
            "Keys of 1 to {MAX_KEY} characters not starting with `{RESERVED_PREFIX}`, values of at most {MAX_VALUE}."
        )
    },
    run: check_tags,
};

/// Why one tag is not what AWS takes; None when it is.
pub fn tag_problem(key: &str, value: &str) -> Option<String> {
    let key_len = utf16_len(key);
    if key_len == 0 {
        return Some("A tag key cannot be empty.".into());
    }
    if key_len > MAX_KEY {
        return Some(format!(
            "The tag key {key:?} is {key_len} characters long; AWS allows at most {MAX_KEY}."
        ));
    }
    if key.to_ascii_lowercase().starts_with(RESERVED_PREFIX) {
        return Some(format!(
            "The tag key {key:?} starts with \"aws:\", which AWS keeps for its own tags."
        ));
    }
    let value_len = utf16_len(value);
    if value_len > MAX_VALUE {
        return Some(format!(
            "The value of tag {key:?} is {value_len} characters long; AWS allows at most {MAX_VALUE}."
        ));
    }
    None
}

fn check_tags(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Value::Map(tags) = v else { return };
    for (key, value) in tags {
        if let Some(problem) = value.as_str().and_then(|value| tag_problem(key, value)) {
            diags.error_at(at, "Invalid tag", problem);
        }
    }
}

/// The known tags of a map value; None when the map or one of its values
/// is unknown.
fn known(v: &Value) -> Option<BTreeMap<String, String>> {
    match v {
        Value::Null => Some(BTreeMap::new()),
        Value::Map(tags) => tags
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
            .collect(),
        _ => None,
    }
}

fn to_map(tags: &BTreeMap<String, String>) -> Value {
    Value::Map(tags.iter().map(|(k, v)| (k.clone(), Value::string(v))).collect())
}

/// What `tags_all` will be for a resource whose configuration sets `tags`:
/// the default tags, overridden by `tags`, the ignored keys left out.
/// None while any of it is unknown.
pub fn all(tags: &Value, policy: &TagPolicy) -> Option<BTreeMap<String, String>> {
    let mut all = policy.default_tags.clone()?;
    all.extend(known(tags)?);
    all.retain(|k, _| !policy.ignores(k));
    Some(all)
}

/// The plan rule: `tags_all` from the planned `tags` and the policy
/// (unknown while either is).
pub fn plan(state: &mut Value, policy: &TagPolicy) {
    let planned = all(state.attr("tags"), policy).map_or(Value::Unknown, |all| to_map(&all));
    if let Some(tags_all) = state.attr_mut("tags_all") {
        *tags_all = planned;
    }
}

/// What an update sends to go from `before` to `after` (both `tags_all`):
/// the tags to set (new or changed) and the keys to remove.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub set: BTreeMap<String, String>,
    pub remove: Vec<String>,
}

impl Changes {
    pub fn between(before: &Value, after: &Value) -> Changes {
        let before = known(before).unwrap_or_default();
        let after = known(after).unwrap_or_default();
        Changes {
            set: after
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            remove: before.keys().filter(|k| !after.contains_key(*k)).cloned().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }
}

/// The tags of a known `tags_all` value, for a create request.
pub fn to_send(tags_all: &Value) -> BTreeMap<String, String> {
    known(tags_all).unwrap_or_default()
}

/// `tags` and `tags_all` from what AWS holds (`aws`): every tag not
/// ignored is in `tags_all`; `tags` holds those the configuration set
/// (`prior_tags`, the last plan's or state's) and any AWS has that the
/// default tags do not explain (drift shows there). `tags` stays null when
/// it was and nothing is left to show.
pub fn read(aws: &BTreeMap<String, String>, prior_tags: &Value, policy: &TagPolicy) -> (Value, Value) {
    let all: BTreeMap<String, String> = aws
        .iter()
        .filter(|(k, _)| !policy.ignores(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let configured = known(prior_tags).unwrap_or_default();
    let defaults = policy.default_tags.clone().unwrap_or_default();
    let own: BTreeMap<String, String> = all
        .iter()
        .filter(|(k, v)| configured.contains_key(*k) || defaults.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let tags = if own.is_empty() && prior_tags.is_null() {
        Value::Null
    } else {
        to_map(&own)
    };
    (tags, to_map(&all))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn policy(defaults: &[(&str, &str)], keys: &[&str], prefixes: &[&str]) -> TagPolicy {
        TagPolicy {
            default_tags: Some(map(defaults)),
            ignore_keys: keys.iter().map(|k| k.to_string()).collect(),
            ignore_prefixes: prefixes.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn tags_all_is_the_defaults_overridden_by_the_resources_without_ignored_keys() {
        let p = policy(&[("env", "prod"), ("team", "core"), ("ci:run", "1")], &[], &["ci:"]);
        let tags = to_map(&map(&[("team", "orders"), ("app", "shop")]));
        assert_eq!(
            all(&tags, &p),
            Some(map(&[("env", "prod"), ("team", "orders"), ("app", "shop")]))
        );
        assert_eq!(all(&Value::Null, &p), Some(map(&[("env", "prod"), ("team", "core")])));
        assert_eq!(all(&Value::Unknown, &p), None);
        let unknown_defaults = TagPolicy::default();
        assert_eq!(all(&Value::Null, &unknown_defaults), None);
    }

    #[test]
    fn a_read_shows_outside_tags_in_tags_and_keeps_defaults_out_of_it() {
        let p = policy(&[("env", "prod")], &["owner"], &[]);
        let aws = map(&[("env", "prod"), ("app", "shop"), ("owner", "ops"), ("extra", "x")]);
        let prior = to_map(&map(&[("app", "shop")]));
        let (tags, tags_all) = read(&aws, &prior, &p);
        assert_eq!(tags, to_map(&map(&[("app", "shop"), ("extra", "x")])));
        assert_eq!(
            tags_all,
            to_map(&map(&[("env", "prod"), ("app", "shop"), ("extra", "x")]))
        );
        // A default tag changed outside Terraform shows in tags (as drift).
        let changed = map(&[("env", "dev")]);
        assert_eq!(read(&changed, &Value::Null, &p).0, to_map(&map(&[("env", "dev")])));
        assert_eq!(read(&map(&[("env", "prod")]), &Value::Null, &p).0, Value::Null);
    }

    #[test]
    fn changes_set_what_is_new_or_changed_and_remove_what_is_gone() {
        let before = to_map(&map(&[("a", "1"), ("b", "2"), ("c", "3")]));
        let after = to_map(&map(&[("a", "1"), ("b", "9"), ("d", "4")]));
        let changes = Changes::between(&before, &after);
        assert_eq!(changes.set, map(&[("b", "9"), ("d", "4")]));
        assert_eq!(changes.remove, ["c"]);
        assert!(Changes::between(&before, &before).is_empty());
    }

    #[test]
    fn tags_aws_refuses_are_named() {
        assert_eq!(tag_problem("team", "orders"), None);
        assert_eq!(tag_problem("team", ""), None);
        assert!(tag_problem("", "x").unwrap().contains("empty"));
        assert!(tag_problem("aws:x", "y").unwrap().contains("aws:"));
        assert!(tag_problem(&"k".repeat(129), "y").unwrap().contains("128"));
        assert!(tag_problem("k", &"v".repeat(257)).unwrap().contains("256"));
        assert_eq!(tag_problem(&"k".repeat(128), &"v".repeat(256)), None);
    }
}
