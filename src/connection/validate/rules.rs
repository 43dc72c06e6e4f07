//! AWS's constraints on each string member of CreateConnection and
//! UpdateConnection (service model 2015-10-07), restated as characters,
//! lengths and words a user understands.
//!
//! AWS evaluates its patterns with Java's `java.util.regex` against the
//! whole value: `.` refuses the line terminators `\n`, `\r`, U+0085, U+2028
//! and U+2029, and lengths are Java string lengths (UTF-16 code units, so a
//! character outside the Basic Multilingual Plane counts twice). Each rule
//! here is a character predicate plus length bounds, equivalent to the
//! model's pattern; `tests/model_differential.rs` checks that equivalence
//! against the model itself. The `doc` text of each rule is what the
//! registry docs print, so docs and checks cannot disagree.

/// A constraint on a string AWS receives.
pub struct TextRule {
    /// Fewest UTF-16 code units AWS accepts.
    pub min: usize,
    /// Most UTF-16 code units AWS accepts.
    pub max: usize,
    /// Every character must pass.
    pub allowed: fn(char) -> bool,
    /// Which characters pass, in words ("printable ASCII characters and tabs").
    pub allowed_words: &'static str,
    /// A value made only of these characters is refused, even if each is
    /// allowed (a credential of blanks, a header value of tabs).
    pub not_only: Option<Filler>,
}

/// Characters that may not make up a whole value, and the rule in words.
pub struct Filler {
    pub is: fn(char) -> bool,
    pub words: &'static str,
}

/// Why a value breaks a [`TextRule`].
#[derive(Debug, PartialEq)]
pub enum Broken {
    Empty,
    TooShort { units: usize },
    TooLong { units: usize, chars: usize },
    Character(char),
    OnlyFiller,
}

impl TextRule {
    /// The first way `text` breaks the rule, if any.
    pub fn check(&self, text: &str) -> Result<(), Broken> {
        let units = utf16_len(text);
        if units == 0 && self.min > 0 {
            return Err(Broken::Empty);
        }
        if units < self.min {
            return Err(Broken::TooShort { units });
        }
        if units > self.max {
            return Err(Broken::TooLong {
                units,
                chars: text.chars().count(),
            });
        }
        if let Some(c) = text.chars().find(|c| !(self.allowed)(*c)) {
            return Err(Broken::Character(c));
        }
        if let Some(filler) = &self.not_only {
            if !text.is_empty() && text.chars().all(filler.is) {
                return Err(Broken::OnlyFiller);
            }
        }
        Ok(())
    }

    /// The rule in one sentence for the docs: "1 to 512 characters: …".
    pub fn doc(&self) -> String {
        let length = match (self.min, self.max) {
            (0, max) => format!("At most {max} characters"),
            (min, max) => format!("{min} to {max} characters"),
        };
        let filler = match &self.not_only {
            Some(filler) => format!(", {}", filler.words),
            None => String::new(),
        };
        format!("{length}: {}{filler}.", self.allowed_words)
    }
}

/// Java's length of a string: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// "has 600 characters", noting when characters outside the BMP counted twice.
pub fn length_words(units: usize, chars: usize) -> String {
    if units == chars {
        format!("has {units} characters")
    } else {
        format!(
            "counts as {units} characters (AWS counts each character outside the Basic Multilingual Plane, such as \
             an emoji, twice)"
        )
    }
}

/// Java's line terminators: what `.` in an AWS pattern does not match.
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_c0_or_del(c: char) -> bool {
    c <= '\u{1F}' || c == '\u{7F}'
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// `ConnectionName`: 1–64, `[\.\-_A-Za-z0-9]+`.
pub const NAME: TextRule = TextRule {
    min: 1,
    max: 64,
    allowed: is_name_char,
    allowed_words: "letters, digits, `.`, `-` and `_`",
    not_only: None,
};

/// `ConnectionDescription`: at most 512 of Java's `.`.
pub const DESCRIPTION: TextRule = TextRule {
    min: 0,
    max: 512,
    allowed: |c| !is_line_terminator(c),
    allowed_words: "a single line of text (no line breaks)",
    not_only: None,
};

/// `AuthHeaderParameters` / `AuthHeaderParametersSensitive` (API key name
/// and value, user name, password, client id and secret): 1–512 of
/// `^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$`. AWS would
/// take a value of spaces alone; HTTP trims it to nothing, so it is refused
/// here as well.
pub const CREDENTIAL: TextRule = TextRule {
    min: 1,
    max: 512,
    allowed: |c| c == '\t' || !(is_c0_or_del(c) || c == ':'),
    allowed_words: "no `:` and no control characters (tabs are allowed)",
    not_only: Some(Filler {
        is: is_blank,
        words: "and not only spaces and tabs",
    }),
};

/// HTTP's token characters (RFC 9110). AWS's `HeaderKey` pattern
/// `^[!#$%&'*+-.^_`|~0-9a-zA-Z]+$` also lets `,` through (`+-.` is a range):
/// a comma is no header name, so it is refused here.
fn is_header_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// `HeaderKey`: at most 512 token characters, at least one.
pub const HEADER_KEY: TextRule = TextRule {
    min: 1,
    max: 512,
    allowed: is_header_name_char,
    allowed_words: "letters, digits and ``!#$%&'*+-.^_`|~``",
    not_only: None,
};

/// `HeaderValueSensitive`: at most 512 of
/// `^[ \t]*[\x20-\x7E]+([ \t]+[\x20-\x7E]+)*[ \t]*$`, so not empty.
pub const HEADER_VALUE: TextRule = TextRule {
    min: 1,
    max: 512,
    allowed: |c| c == '\t' || (' '..='~').contains(&c),
    allowed_words: "printable ASCII characters, spaces and tabs",
    not_only: Some(Filler {
        is: |c| c == '\t',
        words: "and not only tabs",
    }),
};

/// `QueryStringKey`: at most 512 of `[^\x00-\x1F\x7F]+`.
pub const QUERY_KEY: TextRule = TextRule {
    min: 1,
    max: 512,
    allowed: |c| !is_c0_or_del(c),
    allowed_words: "any characters but control characters",
    not_only: None,
};

/// `QueryStringValueSensitive`: at most 512 of
/// `[^\x00-\x09\x0B\x0C\x0E-\x1F\x7F]+` (line breaks pass, a tab does not).
pub const QUERY_VALUE: TextRule = TextRule {
    min: 1,
    max: 512,
    allowed: |c| matches!(c, '\n' | '\r') || !is_c0_or_del(c),
    allowed_words: "any characters but control characters (line breaks are allowed, tabs are not)",
    not_only: None,
};

/// Body keys have no AWS constraint; an empty key names no parameter.
pub const BODY_KEY: TextRule = TextRule {
    min: 1,
    max: usize::MAX,
    allowed: |_| true,
    allowed_words: "any text",
    not_only: None,
};

/// `KmsKeyIdentifier`: at most 2048 of `^[a-zA-Z0-9_\-/:]*$`. AWS takes an
/// empty one; here removing the argument says "an AWS owned key".
pub const KMS_KEY: TextRule = TextRule {
    min: 1,
    max: 2048,
    allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | ':'),
    allowed_words: "letters, digits, `_`, `-`, `/` and `:`",
    not_only: None,
};

/// `HttpsEndpoint` length: 1–2048. Its pattern is [`bad_url_char`].
pub const MAX_ENDPOINT: usize = 2048;

/// A character of AWS's URL pattern, `%XX` escapes aside.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-()_.!~*';/?:@&=+$,".contains(c)
}

/// The first thing in `url` that AWS's `HttpsEndpoint` pattern
/// `^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$`
/// refuses: a character, or a `%` that starts no escape.
pub fn bad_url_char(url: &str) -> Option<Result<char, &'static str>> {
    let mut chars = url.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let escape: String = chars.clone().take(2).collect();
            if escape.len() != 2 || !escape.chars().all(|h| h.is_ascii_hexdigit()) {
                return Some(Err("a '%' that does not start a %XX escape"));
            }
            chars.nth(1);
        } else if !is_url_char(c) {
            return Some(Ok(c));
        }
    }
    None
}

/// `ResourceConfigurationArn`: `arn:[a-z0-9\-]+:vpc-lattice:[a-zA-Z0-9\-]+:
/// \d{12}:resourceconfiguration/rcfg-[0-9a-z]{17}` (AWS also takes "" to
/// mean public; here removing the block says that).
pub fn is_resource_configuration_arn(arn: &str) -> bool {
    if arn.len() > MAX_ARN {
        return false;
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let id = resource.strip_prefix("resourceconfiguration/rcfg-").unwrap_or("");
    *prefix == "arn"
        && !partition.is_empty()
        && partition
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && *service == "vpc-lattice"
        && !region.is_empty()
        && region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && id.len() == 17
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `ResourceConfigurationArn` length limit.
const MAX_ARN: usize = 2048;

/// The resource configuration ARN rule in words, for messages and docs.
pub const RESOURCE_CONFIGURATION_ARN_WORDS: &str =
    "the ARN of a VPC Lattice resource configuration: arn:PARTITION:vpc-lattice:REGION:ACCOUNT:resourceconfiguration/rcfg-ID, \
     with a 12-digit account and a 17-character ID of lower-case letters and digits, at most 2048 characters in all";

/// A connection name AWS accepts, or why not in one sentence. The one check
/// behind `name`, import ids and the data source.
pub fn connection_name_problem(name: &str) -> Option<String> {
    match NAME.check(name) {
        Ok(()) => None,
        Err(Broken::Empty | Broken::TooShort { .. } | Broken::TooLong { .. }) => Some(format!(
            "A connection name is 1 to {} characters long; {name:?} has {}.",
            NAME.max,
            name.chars().count()
        )),
        Err(Broken::Character(c)) => Some(format!(
            "A connection name may only contain letters, digits, '.', '-' and '_'; {name:?} contains {}.",
            describe_char(c, false)
        )),
        Err(Broken::OnlyFiller) => None,
    }
}

/// How a character AWS refuses is named in a message. A printable
/// character of a secret is not quoted: it would be part of the secret.
pub fn describe_char(c: char, secret: bool) -> String {
    match c {
        '\n' | '\r' => "a line break".to_string(),
        '\u{85}' | '\u{2028}' | '\u{2029}' => format!("the line separator U+{:04X}", u32::from(c)),
        '\t' => "a tab".to_string(),
        ':' => "':'".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c if secret && !c.is_ascii() => "a non-ASCII character".to_string(),
        _ if secret => "a character that is not allowed".to_string(),
        c => format!("{c:?}"),
    }
}

/// The usual cause of a line break in a value, and its cure.
pub fn line_break_hint(c: char) -> &'static str {
    if matches!(c, '\n' | '\r') {
        " Values read with file() or written as a heredoc end with a line break: wrap them in trimspace() or chomp()."
    } else {
        ""
    }
}

/// What is checked at plan time, attribute by attribute, in the words of
/// the rules themselves: the registry docs print this table.
pub fn constraints() -> Vec<(&'static str, String)> {
    let credential = CREDENTIAL.doc();
    vec![
        ("name", NAME.doc()),
        ("description", DESCRIPTION.doc()),
        (
            "authorization_type",
            "One of `API_KEY`, `BASIC`, `OAUTH_CLIENT_CREDENTIALS`, matching the block set in `auth_parameters`."
                .into(),
        ),
        ("kms_key_identifier", KMS_KEY.doc()),
        (
            "region",
            "An AWS Region name: lower case, an area, a direction and a number (`eu-central-2`, `us-gov-west-1`)."
                .into(),
        ),
        ("api_key.key, api_key.value(_wo)", credential.clone()),
        ("basic.username, basic.password(_wo)", credential.clone()),
        (
            "client_parameters.client_id, client_parameters.client_secret(_wo)",
            credential,
        ),
        (
            "oauth.authorization_endpoint",
            format!(
                "An http(s) URL with a host, 1 to {MAX_ENDPOINT} characters, other characters percent-encoded (`%XX`)."
            ),
        ),
        ("oauth.http_method", "One of `GET`, `POST`, `PUT`.".into()),
        ("header.key", HEADER_KEY.doc()),
        ("header.value(_wo)", HEADER_VALUE.doc()),
        ("query_string.key", QUERY_KEY.doc()),
        ("query_string.value(_wo)", QUERY_VALUE.doc()),
        ("body.key", "Not empty. Body values have no limit.".into()),
        (
            "body, header, query_string",
            "At most 100 of each per block; keys unique within a list (header names ignoring case).".into(),
        ),
        (
            "resource_configuration_arn",
            format!("{}.", capitalized(RESOURCE_CONFIGURATION_ARN_WORDS)),
        ),
        (
            "timeouts.create, .update, .delete",
            "A duration such as `30s`, `10m` or `1h30m` (units ms, s, m, h).".into(),
        ),
    ]
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_counted_as_aws_counts_them_in_utf16_units() {
        assert_eq!(utf16_len("é日"), 2);
        assert_eq!(utf16_len("🙂"), 2);
        let just_over = "🙂".repeat(257);
        assert_eq!(
            DESCRIPTION.check(&just_over),
            Err(Broken::TooLong { units: 514, chars: 257 })
        );
    }

    #[test]
    fn descriptions_refuse_every_java_line_terminator_and_keep_tabs() {
        for c in ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'] {
            assert_eq!(DESCRIPTION.check(&format!("a{c}b")), Err(Broken::Character(c)));
        }
        assert_eq!(DESCRIPTION.check("a\tb"), Ok(()));
        assert_eq!(DESCRIPTION.check(""), Ok(()));
    }

    #[test]
    fn header_values_need_a_character_that_is_not_a_tab() {
        assert_eq!(HEADER_VALUE.check(""), Err(Broken::Empty));
        assert_eq!(HEADER_VALUE.check("\t\t"), Err(Broken::OnlyFiller));
        assert_eq!(HEADER_VALUE.check("  "), Ok(()));
        assert_eq!(HEADER_VALUE.check("é"), Err(Broken::Character('é')));
    }

    #[test]
    fn query_values_take_line_breaks_but_not_tabs() {
        assert_eq!(QUERY_VALUE.check("a\r\nb"), Ok(()));
        assert_eq!(QUERY_VALUE.check("a\tb"), Err(Broken::Character('\t')));
        assert_eq!(QUERY_VALUE.check(""), Err(Broken::Empty));
    }

    #[test]
    fn resource_configuration_arns_follow_the_vpc_lattice_form() {
        let good = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0";
        assert!(is_resource_configuration_arn(good));
        assert!(!is_resource_configuration_arn(
            "arn:aws:lambda:us-east-1:123456789012:function:f"
        ));
        assert!(!is_resource_configuration_arn(&good.replace("rcfg-0", "rcfg-")));
        assert!(!is_resource_configuration_arn(
            &good.replace("123456789012", "12345678901")
        ));
        assert!(!is_resource_configuration_arn(&good.replace("abcdef0", "ABCDEF0")));
    }

    #[test]
    fn one_connection_name_rule_with_one_message() {
        assert_eq!(connection_name_problem("crm-api.v2_x"), None);
        assert!(connection_name_problem("").is_some_and(|m| m.contains("1 to 64")));
        assert!(connection_name_problem(&"a".repeat(65)).is_some_and(|m| m.contains("has 65")));
        assert!(connection_name_problem("crm api").is_some_and(|m| m.contains("' '")));
    }
}
