//! The checks of each attribute of `eventbridge_connection`, attached to
//! the attribute in `schema.rs` and run by the plugin layer on every known
//! value (at plan, and at apply for values unknown at plan). Each reports at
//! the attribute's path, in words a user understands, and never quotes a
//! sensitive value ("the value" instead). The rules are AWS's own (the
//! CreateConnection model, `validate::rules`); rules that span attributes
//! are in `validate`.

use super::validate::rules::{self, describe_char, length_words, line_break_hint, Broken, TextRule};
use crate::aws::regional;
use crate::aws::text_rule::{article, capitalized, endpoint_problem};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

pub(super) const EXAMPLE_ARN: &str =
    "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0";

/// A [`Check`] of a credential described by `words`.
macro_rules! credential_check {
    ($words:ident) => {
        Check {
            rule: || rules::CREDENTIAL.doc(),
            run: |v, at, diags| credential(v, at, $words, diags),
        }
    };
}

pub const NAME: Check = Check {
    rule: regional::checks::name_rule,
    run: |v, at, diags| regional::checks::name(&super::KIND, v, at, diags),
};

pub use regional::checks::DESCRIPTION;

pub const AUTHORIZATION_TYPE: Check = Check {
    rule: || {
        "One of `API_KEY`, `BASIC`, `OAUTH_CLIENT_CREDENTIALS`, matching the block set in `auth_parameters`.".into()
    },
    run: authorization_type,
};

pub const KMS_KEY_IDENTIFIER: Check = Check {
    rule: || rules::KMS_KEY.doc(),
    run: kms_key_identifier,
};

/// The API key's name and value, the user name and password, the client
/// id and secret: AWS's rule for credentials, each named in messages.
pub const API_KEY_NAME: Check = credential_check!(API_KEY_NAME_WORDS);
pub const API_KEY_VALUE: Check = credential_check!(API_KEY_VALUE_WORDS);
pub const USERNAME: Check = credential_check!(USERNAME_WORDS);
pub const PASSWORD: Check = credential_check!(PASSWORD_WORDS);
pub const CLIENT_ID: Check = credential_check!(CLIENT_ID_WORDS);
pub const CLIENT_SECRET: Check = credential_check!(CLIENT_SECRET_WORDS);

pub const AUTHORIZATION_ENDPOINT: Check = Check {
    rule: || {
        format!(
            "An http(s) URL with a host, 1 to {} characters, other characters percent-encoded (`%XX`).",
            rules::MAX_ENDPOINT
        )
    },
    run: authorization_endpoint,
};

pub const OAUTH_HTTP_METHOD: Check = Check {
    rule: || "One of `GET`, `POST`, `PUT`.".into(),
    run: http_method,
};

pub const HEADER_KEY: Check = Check {
    rule: || rules::HEADER_KEY.doc(),
    run: |v, at, diags| parameter_key("header", v, at, diags),
};
pub const HEADER_VALUE: Check = Check {
    rule: || rules::HEADER_VALUE.doc(),
    run: |v, at, diags| parameter_value("header", v, at, diags),
};
pub const QUERY_KEY: Check = Check {
    rule: || rules::QUERY_KEY.doc(),
    run: |v, at, diags| parameter_key("query_string", v, at, diags),
};
pub const QUERY_VALUE: Check = Check {
    rule: || rules::QUERY_VALUE.doc(),
    run: |v, at, diags| parameter_value("query_string", v, at, diags),
};
pub const BODY_KEY: Check = Check {
    rule: || "Not empty. Body values have no limit.".into(),
    run: |v, at, diags| parameter_key("body", v, at, diags),
};

pub const RESOURCE_CONFIGURATION_ARN: Check = Check {
    rule: || format!("{}.", capitalized(rules::RESOURCE_CONFIGURATION_ARN_WORDS)),
    run: resource_configuration_arn,
};

fn authorization_type(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(t) = v.as_str() else { return };
    if !super::validate::AUTH_BLOCKS.iter().any(|(_, name)| *name == t) {
        diags.error_at(
            at,
            "Invalid authorization type",
            format!(
                "authorization_type is {t:?}; it must be \"API_KEY\", \"BASIC\" or \"OAUTH_CLIENT_CREDENTIALS\" \
                 (in capitals)."
            ),
        );
    }
}

/// What a credential is called in messages, and whether it is a secret.
#[derive(Clone, Copy)]
struct Credential {
    what: &'static str,
    secret: bool,
}

const API_KEY_NAME_WORDS: Credential = Credential {
    what: "API key name",
    secret: false,
};

const API_KEY_VALUE_WORDS: Credential = Credential {
    what: "API key value",
    secret: true,
};

const USERNAME_WORDS: Credential = Credential {
    what: "user name",
    secret: false,
};

const PASSWORD_WORDS: Credential = Credential {
    what: "password",
    secret: true,
};

const CLIENT_ID_WORDS: Credential = Credential {
    what: "client id",
    secret: false,
};

const CLIENT_SECRET_WORDS: Credential = Credential {
    what: "client secret",
    secret: true,
};

/// AWS's rule for API key names and values, user names, passwords, client
/// ids and secrets ([`rules::CREDENTIAL`]).
fn credential(v: &Value, at: &AttributePath, kind: Credential, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let summary = format!("Invalid {}", kind.what);
    let max = rules::CREDENTIAL.max;
    let detail = match rules::CREDENTIAL.check(text) {
        Ok(()) => return,
        Err(Broken::Empty | Broken::TooShort { .. }) => {
            format!("{at} is empty; the {} must be 1 to {max} characters.", kind.what)
        }
        Err(Broken::TooLong { units, chars }) => {
            format!(
                "The value of {at} {}; AWS allows at most {max}.",
                length_words(units, chars)
            )
        }
        Err(Broken::Character(c)) => format!(
            "The value of {at} contains {}, which AWS does not accept in the {}: no ':' and no control \
             characters (tabs are allowed).{}",
            describe_char(c, kind.secret),
            kind.what,
            line_break_hint(c)
        ),
        Err(Broken::OnlyFiller) => format!(
            "The value of {at} is only spaces and tabs; the {} needs at least one other character.",
            kind.what
        ),
    };
    diags.error_at(at, summary, detail);
}

/// An http(s) URL with a host, 1 to 2048 characters of AWS's URL pattern.
/// The URL itself is not quoted: it may carry credentials, and Terraform
/// shows the line anyway.
fn authorization_endpoint(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(|url| endpoint_problem(url, &["http", "https"])) else {
        return;
    };
    diags.error_at(
        at,
        "Invalid authorization endpoint",
        format!(
            "{at} {problem}. Give the full URL of the endpoint that issues tokens, e.g. \
             \"https://auth.example.com/oauth2/token\"."
        ),
    );
}

fn http_method(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(method) = v.as_str() else { return };
    if !matches!(method, "GET" | "POST" | "PUT") {
        diags.error_at(
            at,
            "Invalid HTTP method",
            format!("http_method is {method:?}; the token endpoint can be called with \"GET\", \"POST\" or \"PUT\"."),
        );
    }
}

/// AWS's rules for the key and the value of a parameter of `list`.
fn parameter_rules(list: &str) -> (&'static TextRule, Option<&'static TextRule>) {
    match list {
        "header" => (&rules::HEADER_KEY, Some(&rules::HEADER_VALUE)),
        "query_string" => (&rules::QUERY_KEY, Some(&rules::QUERY_VALUE)),
        // A body value (say a signed JWT client assertion) has no limit.
        _ => (&rules::BODY_KEY, None),
    }
}

fn parameter_key(list: &str, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    let (rule, _) = parameter_rules(list);
    match rule.check(key) {
        Ok(()) | Err(Broken::OnlyFiller) => {}
        Err(Broken::Empty | Broken::TooShort { .. }) => diags.error_at(
            at,
            "Empty parameter key",
            format!("{at} is empty; give the name of the {list} parameter."),
        ),
        Err(Broken::TooLong { units, chars }) => diags.error_at(
            at,
            "Parameter key too long",
            format!(
                "{at} {}; AWS allows at most {} in {} name.",
                length_words(units, chars),
                rule.max,
                article(list)
            ),
        ),
        Err(Broken::Character(c)) if list == "header" => diags.error_at(
            at,
            "Invalid header name",
            format!(
                "{key:?} is not an HTTP header name: it contains {}; use letters, digits and !#$%&'*+-.^_`|~ only.",
                describe_char(c, false)
            ),
        ),
        Err(Broken::Character(c)) => diags.error_at(
            at,
            "Invalid query string name",
            format!(
                "{key:?} contains {}, which AWS does not accept in a query string name: no control characters.",
                describe_char(c, false)
            ),
        ),
    }
}

/// Parameter values are sensitive: never quoted.
fn parameter_value(list: &str, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(value) = v.as_str() else { return };
    let (_, Some(rule)) = parameter_rules(list) else {
        return;
    };
    let what = if list == "header" {
        "a header value"
    } else {
        "a query string value"
    };
    let summary = if list == "header" {
        "Invalid header value"
    } else {
        "Invalid query string value"
    };
    match rule.check(value) {
        Ok(()) => {}
        Err(Broken::Empty | Broken::TooShort { .. }) => diags.error_at(
            at,
            "Empty parameter value",
            format!("{at} is empty, which AWS does not accept in {what}; give a value or remove the parameter."),
        ),
        Err(Broken::TooLong { units, chars }) => diags.error_at(
            at,
            "Parameter value too long",
            format!(
                "The value of {at} {}; AWS allows at most {}.",
                length_words(units, chars),
                rule.max
            ),
        ),
        Err(Broken::Character(c)) => diags.error_at(
            at,
            summary,
            format!(
                "The value of {at} contains {}, which AWS does not accept in {what}: it takes {}.{}",
                describe_char(c, true),
                rule.allowed_words,
                line_break_hint(c)
            ),
        ),
        Err(Broken::OnlyFiller) => diags.error_at(
            at,
            summary,
            format!("The value of {at} is only tabs; AWS needs at least one other character in {what}."),
        ),
    }
}

fn kms_key_identifier(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    let rule = &rules::KMS_KEY;
    match rule.check(key) {
        Ok(()) | Err(Broken::OnlyFiller) => {}
        Err(Broken::Empty | Broken::TooShort { .. }) => diags.error_at(
            at,
            "Empty KMS key identifier",
            "kms_key_identifier is empty; remove the argument to use a key that AWS owns.",
        ),
        Err(Broken::TooLong { units, chars }) => diags.error_at(
            at,
            "Invalid KMS key identifier",
            format!(
                "kms_key_identifier {}; AWS allows at most {}.",
                length_words(units, chars),
                rule.max
            ),
        ),
        Err(Broken::Character(c)) => diags.error_at(
            at,
            "Invalid KMS key identifier",
            format!(
                "kms_key_identifier {key:?} contains {}; give a key id, key ARN, alias name or alias ARN, made \
                 of letters, digits, '_', '-', '/' and ':'.",
                describe_char(c, false)
            ),
        ),
    }
}

fn resource_configuration_arn(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(arn) = v.as_str() else { return };
    if arn.is_empty() {
        diags.error_at(
            at,
            "Invalid ARN",
            format!(
                "{at} is empty; give the ARN of a VPC Lattice resource configuration, or remove the \
                 connectivity block to call a public endpoint."
            ),
        );
    } else if !rules::is_resource_configuration_arn(arn) {
        diags.error_at(
            at,
            "Invalid ARN",
            format!(
                "{arn:?} is not {}, e.g. {EXAMPLE_ARN:?}.",
                rules::RESOURCE_CONFIGURATION_ARN_WORDS
            ),
        );
    }
}
