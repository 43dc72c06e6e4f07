//! AWS's constraints on the string members of CreateConnection and
//! UpdateConnection that are the connection's own (service model
//! 2015-10-07), as [`TextRule`]s (see [`crate::aws::text_rule`] for how
//! they are read, and for the rules all EventBridge resources share: names,
//! descriptions, endpoints).

pub use crate::aws::text_rule::{describe_char, length_words, line_break_hint, Broken, TextRule, MAX_ENDPOINT};
use crate::aws::text_rule::{is_blank, is_c0_or_del, Filler};

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
/// behind `name`, import ids, the data source and the list.
pub fn connection_name_problem(name: &str) -> Option<String> {
    crate::aws::text_rule::name_problem("connection", name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_name_is_a_connection_name_with_an_a() {
        assert_eq!(
            connection_name_problem("crm api").as_deref(),
            Some("A connection name may only contain letters, digits, '.', '-' and '_'; \"crm api\" contains ' '.")
        );
        let e = crate::aws::regional::import_id::parse(&crate::connection::KIND, "crm api").unwrap_err();
        assert!(
            e.starts_with("\"crm api\" does not name a connection: A connection name may only contain"),
            "{e}"
        );
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
}
