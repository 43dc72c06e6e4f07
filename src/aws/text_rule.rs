//! AWS's constraints on strings, restated as characters, lengths and words
//! a user understands: the machinery every resource type's rules use, and
//! the rules EventBridge's resources share (names, descriptions, HTTPS
//! endpoints).
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

pub fn is_c0_or_del(c: char) -> bool {
    c <= '\u{1F}' || c == '\u{7F}'
}

pub fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// `ConnectionName`, `ApiDestinationName`: 1–64, `[\.\-_A-Za-z0-9]+`.
pub const NAME: TextRule = TextRule {
    min: 1,
    max: 64,
    allowed: is_name_char,
    allowed_words: "letters, digits, `.`, `-` and `_`",
    not_only: None,
};

/// `ConnectionDescription`, `ApiDestinationDescription`: at most 512 of
/// Java's `.`.
pub const DESCRIPTION: TextRule = TextRule {
    min: 0,
    max: 512,
    allowed: |c| !is_line_terminator(c),
    allowed_words: "a single line of text (no line breaks)",
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

/// Why `name` cannot name an EventBridge `noun` ([`NAME`]), in one
/// sentence; None when it can.
pub fn name_problem(noun: &str, name: &str) -> Option<String> {
    match NAME.check(name) {
        Ok(()) | Err(Broken::OnlyFiller) => None,
        Err(Broken::Empty | Broken::TooShort { .. } | Broken::TooLong { .. }) => Some(format!(
            "{} name is 1 to {} characters long; {name:?} has {}.",
            capitalized(&article(noun)),
            NAME.max,
            name.chars().count()
        )),
        Err(Broken::Character(c)) => Some(format!(
            "{} name may only contain letters, digits, '.', '-' and '_'; {name:?} contains {}.",
            capitalized(&article(noun)),
            describe_char(c, false)
        )),
    }
}

/// `noun` after its indefinite article: "a connection", "an API
/// destination", "an oauth block". Every message that puts a noun it is
/// given after "a" or "an" goes through here.
pub fn article(noun: &str) -> String {
    let vowel = noun.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// "connection" → "Connection", for the start of a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text after `scheme://` (any case), for each of `schemes`.
pub fn after_scheme<'a>(url: &'a str, schemes: &[&str]) -> Option<&'a str> {
    schemes.iter().find_map(|scheme| {
        let prefix = format!("{scheme}://");
        url.get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(&prefix))
            .map(|_| &url[prefix.len()..])
    })
}

/// The host of an authority `user@host:port/path`.
pub fn host(after_scheme: &str) -> &str {
    let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host_port.split(':').next().unwrap_or_default()
}

/// Why `url` is not an `HttpsEndpoint` AWS accepts with one of `schemes`
/// and a host, as the end of a sentence about it ("is empty", "contains a
/// space, …"); None when it is. The URL itself is never quoted: it may carry
/// credentials.
pub fn endpoint_problem(url: &str, schemes: &[&str]) -> Option<String> {
    let n = utf16_len(url);
    if n == 0 {
        return Some("is empty".to_string());
    }
    if n > MAX_ENDPOINT {
        return Some(format!(
            "{}; AWS allows at most {MAX_ENDPOINT}",
            length_words(n, url.chars().count())
        ));
    }
    if let Some(bad) = bad_url_char(url) {
        let bad = bad.map_or_else(str::to_string, |c| describe_char(c, false));
        return Some(format!(
            "contains {bad}, which AWS does not accept in a URL; percent-encode it (a space is %20)"
        ));
    }
    let start: Vec<String> = schemes.iter().map(|s| format!("{s}://")).collect();
    match after_scheme(url, schemes) {
        None => Some(format!("must start with {}", start.join(" or "))),
        Some(rest) if host(rest).is_empty() => Some("has no host name after the scheme".to_string()),
        Some(_) => None,
    }
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
    fn one_name_rule_with_one_message_per_noun() {
        assert_eq!(name_problem("connection", "crm-api.v2_x"), None);
        assert!(name_problem("connection", "").is_some_and(|m| m.contains("1 to 64")));
        assert!(name_problem("API destination", &"a".repeat(65)).is_some_and(|m| m.contains("has 65")));
        assert!(name_problem("connection", "crm api").is_some_and(|m| m.contains("' '")));
    }

    #[test]
    fn name_messages_put_the_right_article_before_each_noun() {
        assert_eq!(
            name_problem("API destination", "orders webhook").as_deref(),
            Some(
                "An API destination name may only contain letters, digits, '.', '-' and '_'; \"orders webhook\" \
                 contains ' '."
            )
        );
        assert_eq!(
            name_problem("API destination", "").as_deref(),
            Some("An API destination name is 1 to 64 characters long; \"\" has 0.")
        );
        assert_eq!(
            name_problem("connection", "crm/api").as_deref(),
            Some("A connection name may only contain letters, digits, '.', '-' and '_'; \"crm/api\" contains '/'.")
        );
        assert_eq!(
            name_problem("connection", "").as_deref(),
            Some("A connection name is 1 to 64 characters long; \"\" has 0.")
        );
    }

    #[test]
    fn the_article_follows_the_first_letter_of_the_noun() {
        assert_eq!(article("connection"), "a connection");
        assert_eq!(article("API destination"), "an API destination");
        assert_eq!(article("oauth"), "an oauth");
        assert_eq!(article("header"), "a header");
    }

    #[test]
    fn endpoints_need_a_scheme_a_host_and_only_url_characters() {
        let https = ["https"];
        assert_eq!(endpoint_problem("https://api.example.com/v1?x=1", &https), None);
        assert_eq!(endpoint_problem("HTTPS://api.example.com", &https), None);
        assert!(endpoint_problem("http://api.example.com", &https).is_some_and(|p| p.contains("https://")));
        assert!(endpoint_problem("https:///path", &https).is_some_and(|p| p.contains("no host")));
        assert!(endpoint_problem("https://a b", &https).is_some_and(|p| p.contains("' '")));
        assert!(endpoint_problem("https://a/%zz", &https).is_some_and(|p| p.contains("%XX")));
        assert!(endpoint_problem(&format!("https://{}", "a".repeat(2048)), &https).is_some());
        assert_eq!(endpoint_problem("http://auth.example.com", &["https", "http"]), None);
    }
}
