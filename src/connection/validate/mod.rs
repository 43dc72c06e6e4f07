//! Every local rule of `eventbridge_connection`, checked without calling AWS,
//! each reported at the attribute's path so Terraform points at the line.
//!
//! The rules are AWS's own (the CreateConnection model), so a mistake shows
//! at `terraform validate` instead of halfway through an apply. Unknown
//! values are skipped: Terraform validates again once they are known.
//! Messages never quote a sensitive value; they say "the value" instead.

pub mod rules;

use super::schema::MAX_PARAMETERS;
use crate::aws::duration::parse_duration;
use crate::aws::region::region_problem;
use crate::tfplugin::{AttributePath, Diagnostics, Value};
use rules::{describe_char, length_words, line_break_hint, Broken, TextRule};

/// The authorization blocks of `auth_parameters`, each with the
/// `authorization_type` it goes with.
const AUTH_BLOCKS: [(&str, &str); 3] = [
    ("api_key", "API_KEY"),
    ("basic", "BASIC"),
    ("oauth", "OAUTH_CLIENT_CREDENTIALS"),
];

/// The lists of an `oauth_http_parameters` / `invocation_http_parameters` block.
const PARAMETER_LISTS: [&str; 3] = ["body", "header", "query_string"];

const EXAMPLE_ARN: &str = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0";

/// Every local rule of eventbridge_connection; no AWS calls. Values that are
/// unknown (Value::Unknown) are skipped — checked when known.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let root = AttributePath::root();
    name(config.attr("name"), &root.attr("name"), diags);
    description(config.attr("description"), &root.attr("description"), diags);
    authorization_type(
        config.attr("authorization_type"),
        &root.attr("authorization_type"),
        diags,
    );
    kms_key_identifier(
        config.attr("kms_key_identifier"),
        &root.attr("kms_key_identifier"),
        diags,
    );
    region(config.attr("region"), &root.attr("region"), diags);
    timeouts(config.attr("timeouts"), &root.attr("timeouts"), diags);
    for (auth, at) in blocks(config.attr("auth_parameters"), &root.attr("auth_parameters")) {
        authorization_block_choice(auth, config.attr("authorization_type"), &at, diags);
        auth_parameters(auth, &at, diags);
    }
    let invocation = root.attr("invocation_connectivity_parameters");
    for (c, at) in blocks(config.attr("invocation_connectivity_parameters"), &invocation) {
        connectivity_parameters(c, &at, diags);
    }
}

/// The known blocks of a list-nested block, each with its path. A block that
/// is itself still unknown (from a `dynamic` block) is skipped.
fn blocks<'a>(list: &'a Value, at: &'a AttributePath) -> impl Iterator<Item = (&'a Value, AttributePath)> + 'a {
    list.elements()
        .iter()
        .enumerate()
        .filter(|(_, block)| matches!(block, Value::Object(_)))
        .map(move |(i, block)| (block, at.index(i as i64)))
}

/// The whole name must match AWS's rule (the reference provider only
/// checks the first character).
fn name(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    if let Some(problem) = rules::connection_name_problem(name) {
        diags.error_at(at, "Invalid connection name", problem);
    }
}

/// One line of at most 512 characters: AWS's `.*` is Java's, where `.`
/// matches no line terminator.
fn description(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    match rules::DESCRIPTION.check(text) {
        Ok(()) => {}
        Err(Broken::TooLong { units, chars }) => diags.error_at(
            at,
            "Description too long",
            format!(
                "description {}; AWS allows at most {}.",
                length_words(units, chars),
                rules::DESCRIPTION.max
            ),
        ),
        // DESCRIPTION has no minimum and no filler rule.
        Err(Broken::Empty | Broken::TooShort { .. } | Broken::OnlyFiller) => {}
        Err(Broken::Character(c)) => diags.error_at(
            at,
            "Invalid description",
            format!(
                "description contains {}; AWS accepts a single line of text. A heredoc (<<EOT) always ends \
                     with a line break: use a quoted string, or chomp() / replace() to remove the breaks.",
                describe_char(c, false)
            ),
        ),
    }
}

fn authorization_type(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(t) = v.as_str() else { return };
    if !AUTH_BLOCKS.iter().any(|(_, name)| *name == t) {
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

/// Exactly one of api_key / basic / oauth, and the one `authorization_type`
/// names: AWS ignores parameters of another type.
fn authorization_block_choice(auth: &Value, authorization_type: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let set: Vec<(&str, &str)> = AUTH_BLOCKS
        .iter()
        .copied()
        .filter(|(block, _)| !auth.attr(block).elements().is_empty())
        .collect();
    // The block authorization_type asks for, when it is known and valid.
    let wanted = authorization_type
        .as_str()
        .and_then(|t| AUTH_BLOCKS.iter().find(|(_, name)| *name == t))
        .copied();
    match (set.as_slice(), wanted) {
        ([], _) => {
            // A block list still unknown may turn out to hold the block.
            if AUTH_BLOCKS.iter().any(|(block, _)| auth.attr(block).is_unknown()) {
                return;
            }
            let needed = match wanted {
                Some((block, t)) => format!(" authorization_type = {t:?} needs a {block} block."),
                None => String::new(),
            };
            diags.error_at(
                at,
                "Missing authorization block",
                format!("auth_parameters needs exactly one of the api_key, basic or oauth blocks.{needed}"),
            );
        }
        ([(block, block_type)], Some((wanted_block, t))) if block != &wanted_block => diags.error_at(
            &at.attr(block),
            "Authorization block does not match authorization_type",
            format!(
                "authorization_type is {t:?} but auth_parameters sets {block}; use a {wanted_block} block or set \
                 authorization_type = {block_type:?}."
            ),
        ),
        ([_], _) => {}
        (several, _) => {
            let names: Vec<&str> = several.iter().map(|(block, _)| *block).collect();
            let keep = match wanted {
                Some((block, t)) => format!(": keep {block}, the one authorization_type = {t:?} uses"),
                None => ", the one matching authorization_type".to_string(),
            };
            diags.error_at(
                at,
                "Conflicting authorization blocks",
                format!(
                    "auth_parameters sets {}; set exactly one of api_key, basic or oauth{keep}.",
                    names.join(" and ")
                ),
            );
        }
    }
}

fn auth_parameters(auth: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for (key, at) in blocks(auth.attr("api_key"), &at.attr("api_key")) {
        credential(key.attr("key"), &at.attr("key"), API_KEY_NAME, diags);
        secret_pair(key, "value", &at, API_KEY_VALUE, diags);
    }
    for (basic, at) in blocks(auth.attr("basic"), &at.attr("basic")) {
        credential(basic.attr("username"), &at.attr("username"), USERNAME, diags);
        secret_pair(basic, "password", &at, PASSWORD, diags);
    }
    for (oauth, at) in blocks(auth.attr("oauth"), &at.attr("oauth")) {
        oauth_parameters(oauth, &at, diags);
    }
    for (h, at) in blocks(
        auth.attr("invocation_http_parameters"),
        &at.attr("invocation_http_parameters"),
    ) {
        http_parameters(h, &at, diags);
    }
    for (c, at) in blocks(
        auth.attr("connectivity_parameters"),
        &at.attr("connectivity_parameters"),
    ) {
        connectivity_parameters(c, &at, diags);
    }
}

fn oauth_parameters(oauth: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    authorization_endpoint(
        oauth.attr("authorization_endpoint"),
        &at.attr("authorization_endpoint"),
        diags,
    );
    http_method(oauth.attr("http_method"), &at.attr("http_method"), diags);
    let clients = oauth.attr("client_parameters");
    if !clients.is_unknown() && clients.elements().is_empty() {
        diags.error_at(
            at,
            "Missing client_parameters",
            format!("{at} needs a client_parameters block with the client id and secret: AWS requires them."),
        );
    }
    for (client, at) in blocks(oauth.attr("client_parameters"), &at.attr("client_parameters")) {
        credential(client.attr("client_id"), &at.attr("client_id"), CLIENT_ID, diags);
        secret_pair(client, "client_secret", &at, CLIENT_SECRET, diags);
    }
    for (h, at) in blocks(oauth.attr("oauth_http_parameters"), &at.attr("oauth_http_parameters")) {
        http_parameters(h, &at, diags);
    }
}

/// What a credential is called in messages, and whether it is a secret.
#[derive(Clone, Copy)]
struct Credential {
    what: &'static str,
    secret: bool,
}

const API_KEY_NAME: Credential = Credential {
    what: "API key name",
    secret: false,
};
const API_KEY_VALUE: Credential = Credential {
    what: "API key value",
    secret: true,
};
const USERNAME: Credential = Credential {
    what: "user name",
    secret: false,
};
const PASSWORD: Credential = Credential {
    what: "password",
    secret: true,
};
const CLIENT_ID: Credential = Credential {
    what: "client id",
    secret: false,
};
const CLIENT_SECRET: Credential = Credential {
    what: "client secret",
    secret: true,
};

/// A secret given either plainly (`name`) or write-only (`name_wo`): exactly
/// one of the two, and whichever it is follows the credential rule.
fn secret_pair(block: &Value, name: &str, block_at: &AttributePath, kind: Credential, diags: &mut Diagnostics) {
    let wo = format!("{name}_wo");
    let (plain, write_only) = (block.attr(name), block.attr(&wo));
    match (plain.is_null(), write_only.is_null()) {
        (false, false) => diags.error_at(
            &block_at.attr(&wo),
            "Conflicting arguments",
            format!("Set {name} or {wo} in {block_at}, not both."),
        ),
        (true, true) => diags.error_at(
            block_at,
            format!("Missing {name}"),
            format!("{block_at} needs {name}, or {wo} to keep the secret out of state (Terraform 1.11 or later)."),
        ),
        _ => {}
    }
    credential(plain, &block_at.attr(name), kind, diags);
    credential(write_only, &block_at.attr(&wo), kind, diags);
}

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

/// The text after `http://` or `https://` (any case).
fn after_http_scheme(url: &str) -> Option<&str> {
    ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    })
}

/// The host of an authority `user@host:port`.
fn host(after_scheme: &str) -> &str {
    let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host_port.split(':').next().unwrap_or_default()
}

/// An http(s) URL with a host, 1 to 2048 characters of AWS's URL pattern.
/// The URL itself is not quoted: it may carry credentials, and Terraform
/// shows the line anyway.
fn authorization_endpoint(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(url) = v.as_str() else { return };
    let n = rules::utf16_len(url);
    let problem = if n == 0 {
        Some("is empty".to_string())
    } else if n > rules::MAX_ENDPOINT {
        Some(format!(
            "{}; AWS allows at most {}",
            length_words(n, url.chars().count()),
            rules::MAX_ENDPOINT
        ))
    } else if let Some(bad) = rules::bad_url_char(url) {
        let bad = bad.map_or_else(str::to_string, |c| describe_char(c, false));
        Some(format!(
            "contains {bad}, which AWS does not accept in a URL; percent-encode it (a space is %20)"
        ))
    } else {
        match after_http_scheme(url) {
            None => Some("must start with http:// or https://".to_string()),
            Some(rest) if host(rest).is_empty() => Some("has no host name after the scheme".to_string()),
            Some(_) => None,
        }
    };
    if let Some(problem) = problem {
        diags.error_at(
            at,
            "Invalid authorization endpoint",
            format!(
                "{at} {problem}. Give the full URL of the endpoint that issues tokens, e.g. \
                 \"https://auth.example.com/oauth2/token\"."
            ),
        );
    }
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

fn http_parameters(h: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    parameter_lists_present(h, at, diags);
    for list in PARAMETER_LISTS {
        let (params, list_at) = (h.attr(list), at.attr(list));
        parameter_count(params, &list_at, diags);
        unique_parameter_keys(list, params, &list_at, diags);
        for (p, p_at) in blocks(params, &list_at) {
            parameter_key(list, p.attr("key"), &p_at.attr("key"), diags);
            for name in ["value", "value_wo"] {
                parameter_value(list, p.attr(name), &p_at.attr(name), diags);
            }
            write_only_parameter(p, &p_at, diags);
        }
    }
}

/// An empty parameters block sends nothing; the reference provider reports
/// it the same way (and crashed on it before it did).
fn parameter_lists_present(h: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let lists = PARAMETER_LISTS.map(|list| h.attr(list));
    if lists.iter().any(|l| l.is_unknown()) || lists.iter().any(|l| !l.elements().is_empty()) {
        return;
    }
    diags.error_at(
        at,
        "Missing required argument",
        format!("{at} needs at least one body, header or query_string block; add one or remove the empty block."),
    );
}

fn parameter_count(params: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let n = params.elements().len();
    if n > MAX_PARAMETERS {
        diags.error_at(
            at,
            "Too many parameters",
            format!("{at} has {n} entries; AWS (and this schema) allow at most {MAX_PARAMETERS} per list."),
        );
    }
}

/// Keys name parameters, so one key twice in a list is a mistake; header
/// names are compared ignoring case, as HTTP does.
fn unique_parameter_keys(list: &str, params: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let same = |a: &str, b: &str| {
        if list == "header" {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (i, p) in params.elements().iter().enumerate() {
        let Some(key) = p.attr("key").as_str() else {
            continue;
        };
        match seen.iter().find(|(earlier, _)| same(earlier, key)) {
            Some((_, first)) => diags.error_at(
                &at.index(i as i64).attr("key"),
                "Duplicate parameter key",
                format!(
                    "{key:?} is also the key of {at}[{first}]; keys must be unique within one {list} list{}.",
                    if list == "header" {
                        " (header names ignore case)"
                    } else {
                        ""
                    }
                ),
            ),
            None => seen.push((key, i)),
        }
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
                "{at} {}; AWS allows at most {} in a {list} name.",
                length_words(units, chars),
                rule.max
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

/// A write-only parameter value stays out of state only if AWS keeps it
/// secret too: a value that is not secret comes back from AWS on read.
fn write_only_parameter(p: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    if p.attr("value_wo").is_null() {
        return;
    }
    let wo_at = at.attr("value_wo");
    if !p.attr("value").is_null() {
        diags.error_at(
            &wo_at,
            "Conflicting arguments",
            format!("Set value or value_wo in {at}, not both."),
        );
    }
    let is_value_secret = p.attr("is_value_secret");
    if is_value_secret.is_null() || is_value_secret.as_bool() == Some(false) {
        diags.error_at(
            &wo_at,
            "Write-only value of a non-secret parameter",
            format!(
                "{wo_at} needs is_value_secret = true: AWS returns values that are not secret, so they cannot be \
                 kept out of state. Use value instead."
            ),
        );
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

fn region(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(r) = v.as_str() else { return };
    if let Some(problem) = region_problem(r) {
        diags.error_at(
            at,
            "Invalid AWS Region",
            format!("{problem} Or remove the argument to use the provider's Region."),
        );
    }
}

fn timeouts(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for op in ["create", "update", "delete"] {
        let Some(text) = v.attr(op).as_str() else {
            continue;
        };
        if parse_duration(text).is_none() {
            let op_at = at.attr(op);
            diags.error_at(
                &op_at,
                "Invalid timeout",
                format!(
                    "{op_at} is {text:?}, which is not a duration: write numbers with the units ms, s, m or h, \
                     e.g. \"30s\", \"10m\" or \"1h30m\"."
                ),
            );
        }
    }
}

fn connectivity_parameters(c: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for (r, r_at) in blocks(c.attr("resource_parameters"), &at.attr("resource_parameters")) {
        resource_configuration_arn(
            r.attr("resource_configuration_arn"),
            &r_at.attr("resource_configuration_arn"),
            diags,
        );
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

#[cfg(test)]
mod tests;
