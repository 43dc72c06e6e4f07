//! Event patterns are JSON: what AWS takes (a JSON object of at most 4096
//! characters), and when two texts are the same pattern (the same JSON
//! value: whitespace and the order of keys do not count), so that a
//! pattern AWS gives back formatted otherwise is no change.

use serde_json::Value as Json;

use super::checks::MAX_PATTERN;
use crate::aws::text_rule::{length_words, utf16_len};

/// Why `text` is not an event pattern AWS takes; None when it is.
pub fn problem(text: &str) -> Option<String> {
    let n = utf16_len(text);
    if n > MAX_PATTERN {
        return Some(format!(
            "event_pattern {}; AWS allows at most {MAX_PATTERN}. Shorten the pattern (a prefix or wildcard \
             match, or fewer values), or split it over several rules.",
            length_words(n, text.chars().count())
        ));
    }
    match serde_json::from_str::<Json>(text) {
        Ok(Json::Object(_)) => None,
        Ok(_) => Some(
            "event_pattern is JSON but not an object; a pattern is an object such as \
             jsonencode({ source = [\"aws.ec2\"] })."
                .into(),
        ),
        Err(e) => Some(format!(
            "event_pattern is not valid JSON ({e}); write it with jsonencode({{ ... }}) to be sure it is."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::regional::values::same_json;

    #[test]
    fn whitespace_and_key_order_are_no_change_values_and_array_order_are() {
        let a = r#"{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"]}"#;
        let b = "{\n  \"detail-type\": [\"EC2 Instance State-change Notification\"],\n  \"source\": [ \"aws.ec2\" ]\n}";
        assert!(same_json(a, b));
        assert!(!same_json(
            a,
            r#"{"source":["aws.s3"],"detail-type":["EC2 Instance State-change Notification"]}"#
        ));
        assert!(!same_json(r#"{"source":["a","b"]}"#, r#"{"source":["b","a"]}"#));
        assert!(same_json(r#"{"a":"<&>"}"#, r#"{"a":"\u003c\u0026\u003e"}"#));
        assert!(!same_json("{", "{ "));
    }

    #[test]
    fn invalid_json_a_non_object_and_a_long_pattern_are_refused() {
        assert_eq!(problem(r#"{"source":["aws.ec2"]}"#), None);
        assert!(problem(r#"{"source":"#)
            .unwrap()
            .starts_with("event_pattern is not valid JSON"));
        assert!(problem(r#"["aws.ec2"]"#).unwrap().contains("not an object"));
        let long = format!(r#"{{"source":["{}"]}}"#, "a".repeat(MAX_PATTERN));
        assert!(problem(&long).unwrap().contains("at most 4096"));
        let edge = format!(r#"{{"source":["{}"]}}"#, "a".repeat(MAX_PATTERN - 15));
        assert_eq!(utf16_len(&edge), MAX_PATTERN);
        assert_eq!(problem(&edge), None);
    }
}
