//! Every local rule of `eventbridge_connection`, checked without calling AWS,
//! each reported at the attribute's path so Terraform points at the line.
//!
//! The rules are AWS's own (the CreateConnection model), so a mistake shows
//! at `terraform validate` instead of halfway through an apply. Unknown
//! values are skipped: Terraform validates again once they are known.
//! Messages never quote a sensitive value; they say "the value" instead.

use super::duration::parse_duration;
use super::schema::MAX_PARAMETERS;
use crate::tfplugin::{AttributePath, ClientCapabilities, Diagnostics, PathStep, Value};

/// The authorization blocks of `auth_parameters`, each with the
/// `authorization_type` it goes with.
const AUTH_BLOCKS: [(&str, &str); 3] = [
    ("api_key", "API_KEY"),
    ("basic", "BASIC"),
    ("oauth", "OAUTH_CLIENT_CREDENTIALS"),
];

/// The lists of an `oauth_http_parameters` / `invocation_http_parameters` block.
const PARAMETER_LISTS: [&str; 3] = ["body", "header", "query_string"];

const MAX_NAME_CHARS: usize = 64;
const MAX_DESCRIPTION_CHARS: usize = 512;
const MAX_CREDENTIAL_CHARS: usize = 512;
const MAX_ENDPOINT_CHARS: usize = 2048;
const MAX_KMS_KEY_CHARS: usize = 2048;
/// AWS's limit on header names, query string names and every parameter value.
const MAX_PARAMETER_CHARS: usize = 512;

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

/// How a character AWS refuses is named in a message. A printable
/// character of a secret is not quoted: it would be part of the secret.
fn describe_char(c: char, secret: bool) -> String {
    match c {
        '\n' | '\r' => "a line break".to_string(),
        ':' => "':'".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c if secret && !c.is_ascii() => "a non-ASCII character".to_string(),
        _ if secret => "a character that is not allowed".to_string(),
        c => format!("{c:?}"),
    }
}

/// The usual cause of a line break in a value, and its cure.
fn line_break_hint(c: char) -> &'static str {
    if matches!(c, '\n' | '\r') {
        " Values read with file() often end with a line break: wrap them in trimspace()."
    } else {
        ""
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// The whole name must match `^[.\-_A-Za-z0-9]{1,64}$` (the reference
/// provider only checks the first character).
fn name(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    let n = name.chars().count();
    if !(1..=MAX_NAME_CHARS).contains(&n) {
        diags.error_at(
            at,
            "Invalid connection name",
            format!("name must be 1 to {MAX_NAME_CHARS} characters long; {name:?} has {n}."),
        );
    } else if let Some(c) = name.chars().find(|c| !is_name_char(*c)) {
        diags.error_at(
            at,
            "Invalid connection name",
            format!(
                "name may only contain letters, digits, '.', '-' and '_'; {name:?} contains {}.",
                describe_char(c, false)
            ),
        );
    }
}

fn description(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let n = text.chars().count();
    if n > MAX_DESCRIPTION_CHARS {
        diags.error_at(
            at,
            "Description too long",
            format!("description has {n} characters; AWS allows at most {MAX_DESCRIPTION_CHARS}."),
        );
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

/// A character AWS refuses in a credential: controls (tab aside) and ':'.
fn is_forbidden_in_credential(c: char) -> bool {
    (c <= '\u{1F}' && c != '\t') || c == '\u{7F}' || c == ':'
}

/// AWS's rule for API key names and values, user names, passwords, client
/// ids and secrets: 1 to 512 characters matching
/// `^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$`, and not
/// only blanks.
fn credential(v: &Value, at: &AttributePath, kind: Credential, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let summary = format!("Invalid {}", kind.what);
    let n = text.chars().count();
    if n == 0 {
        diags.error_at(
            at,
            summary,
            format!(
                "{at} is empty; the {} must be 1 to {MAX_CREDENTIAL_CHARS} characters.",
                kind.what
            ),
        );
    } else if n > MAX_CREDENTIAL_CHARS {
        diags.error_at(
            at,
            summary,
            format!("The value of {at} has {n} characters; AWS allows at most {MAX_CREDENTIAL_CHARS}."),
        );
    } else if let Some(c) = text.chars().find(|c| is_forbidden_in_credential(*c)) {
        diags.error_at(
            at,
            summary,
            format!(
                "The value of {at} contains {}, which AWS does not accept in the {}: no ':' and no control \
                 characters (tabs only between words or at the ends).{}",
                describe_char(c, kind.secret),
                kind.what,
                line_break_hint(c)
            ),
        );
    } else if text.chars().all(|c| c == ' ' || c == '\t') {
        diags.error_at(
            at,
            summary,
            format!(
                "The value of {at} is only spaces and tabs; the {} needs at least one other character.",
                kind.what
            ),
        );
    }
}

/// A character of AWS's URL pattern, `%XX` escapes aside.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-()_.!~*';/?:@&=+$,".contains(c)
}

/// The first thing in `url` AWS's endpoint pattern refuses, described.
fn bad_url_char(url: &str) -> Option<String> {
    let mut chars = url.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let escape: String = chars.clone().take(2).collect();
            if escape.len() != 2 || !escape.chars().all(|h| h.is_ascii_hexdigit()) {
                return Some("a '%' that does not start a %XX escape".to_string());
            }
            chars.nth(1);
        } else if !is_url_char(c) {
            return Some(describe_char(c, false));
        }
    }
    None
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
    let n = url.chars().count();
    let problem = if n == 0 {
        Some("is empty".to_string())
    } else if n > MAX_ENDPOINT_CHARS {
        Some(format!("has {n} characters; AWS allows at most {MAX_ENDPOINT_CHARS}"))
    } else if let Some(bad) = bad_url_char(url) {
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

/// HTTP's token characters, the only ones AWS accepts in a header name.
fn is_header_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn parameter_key(list: &str, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    let n = key.chars().count();
    if key.is_empty() {
        diags.error_at(
            at,
            "Empty parameter key",
            format!("{at} is empty; give the name of the {list} parameter."),
        );
    } else if list != "body" && n > MAX_PARAMETER_CHARS {
        diags.error_at(
            at,
            "Parameter key too long",
            format!("{at} has {n} characters; AWS allows at most {MAX_PARAMETER_CHARS} in a {list} name."),
        );
    } else if let Some(c) = key.chars().find(|c| list == "header" && !is_header_name_char(*c)) {
        diags.error_at(
            at,
            "Invalid header name",
            format!(
                "{key:?} is not an HTTP header name: it contains {}; use letters, digits and !#$%&'*+-.^_`|~ only.",
                describe_char(c, false)
            ),
        );
    }
}

/// What AWS accepts in a header value: printable ASCII, spaces and tabs.
fn is_header_value_char(c: char) -> bool {
    c == '\t' || (' '..='~').contains(&c)
}

/// Parameter values are sensitive: never quoted.
fn parameter_value(list: &str, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(value) = v.as_str() else { return };
    let n = value.chars().count();
    // AWS limits header and query string values; a body value (say a signed
    // JWT client assertion) may be longer.
    if list != "body" && n > MAX_PARAMETER_CHARS {
        diags.error_at(
            at,
            "Parameter value too long",
            format!("The value of {at} has {n} characters; AWS allows at most {MAX_PARAMETER_CHARS}."),
        );
    } else if let Some(c) = value.chars().find(|c| list == "header" && !is_header_value_char(*c)) {
        diags.error_at(
            at,
            "Invalid header value",
            format!(
                "The value of {at} contains {}, which AWS does not accept in a header: use printable ASCII, \
                 spaces and tabs only.{}",
                describe_char(c, true),
                line_break_hint(c)
            ),
        );
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

fn is_kms_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | ':')
}

fn kms_key_identifier(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    let n = key.chars().count();
    if key.is_empty() {
        diags.error_at(
            at,
            "Empty KMS key identifier",
            "kms_key_identifier is empty; remove the argument to use a key that AWS owns.",
        );
    } else if n > MAX_KMS_KEY_CHARS {
        diags.error_at(
            at,
            "Invalid KMS key identifier",
            format!("kms_key_identifier has {n} characters; AWS allows at most {MAX_KMS_KEY_CHARS}."),
        );
    } else if let Some(c) = key.chars().find(|c| !is_kms_key_char(*c)) {
        diags.error_at(
            at,
            "Invalid KMS key identifier",
            format!(
                "kms_key_identifier {key:?} contains {}; give a key id, key ARN, alias name or alias ARN, made \
                 of letters, digits, '_', '-', '/' and ':'.",
                describe_char(c, false)
            ),
        );
    }
}

fn region(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(r) = v.as_str() else { return };
    if r.is_empty()
        || !r
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        diags.error_at(
            at,
            "Invalid AWS Region",
            format!(
                "region {r:?} is not a Region name; use one like \"eu-west-1\", or remove the argument to use \
                 the provider's Region."
            ),
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

fn is_partition(p: &str) -> bool {
    p == "aws"
        || p.strip_prefix("aws-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, with an AWS partition,
/// a service and a resource.
fn is_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, service, _, _, resource]
        if is_partition(partition) && !service.is_empty() && !resource.is_empty())
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
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
    } else if !is_arn(arn) {
        diags.error_at(
            at,
            "Invalid ARN",
            format!(
                "{arn:?} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE); give the ARN of a VPC \
                 Lattice resource configuration, e.g. {EXAMPLE_ARN:?}."
            ),
        );
    }
}

/// Write-only arguments need a Terraform that knows them (protocol 6.8,
/// Terraform 1.11): an older one would store them in state like any other.
pub fn write_only_supported(config: &Value, capabilities: ClientCapabilities, diags: &mut Diagnostics) {
    if capabilities.write_only_attributes_allowed {
        return;
    }
    let mut used = Vec::new();
    find_write_only(config, &AttributePath::root(), &mut used);
    for at in used {
        let name = match at.0.last() {
            Some(PathStep::Attribute(n)) => n.clone(),
            _ => String::new(),
        };
        diags.error_at(
            &at,
            "Write-only arguments need Terraform 1.11 or later",
            format!(
                "{name} is write-only: it is sent to AWS and never stored, which this Terraform does not support. \
                 Upgrade to Terraform 1.11 or later (or OpenTofu 1.11 or later), or use the plain argument."
            ),
        );
    }
}

fn find_write_only(v: &Value, at: &AttributePath, found: &mut Vec<AttributePath>) {
    match v {
        Value::Object(fields) => {
            for (name, field) in fields {
                if name.ends_with("_wo") && !field.is_null() {
                    found.push(at.attr(name));
                } else {
                    find_write_only(field, &at.attr(name), found);
                }
            }
        }
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                find_write_only(item, &at.index(i as i64), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::schema::schema;
    use crate::tfplugin::{object, Diagnostic, Severity, Type};

    /// Every secret in these configurations contains this marker, and no
    /// non-secret does: a diagnostic that contains it leaks a secret.
    const SECRET: &str = "s3cr3t";

    fn s(text: &str) -> Value {
        Value::string(text)
    }

    fn list(items: Vec<Value>) -> Value {
        Value::List(items)
    }

    fn none() -> Value {
        Value::List(Vec::new())
    }

    fn parameter(key: &str, value: &str, is_value_secret: bool) -> Value {
        object([
            ("key", s(key)),
            ("value", s(value)),
            ("value_wo", Value::Null),
            ("is_value_secret", Value::Bool(is_value_secret)),
        ])
    }

    fn http_parameters(body: Vec<Value>, header: Vec<Value>, query_string: Vec<Value>) -> Value {
        object([
            ("body", list(body)),
            ("header", list(header)),
            ("query_string", list(query_string)),
        ])
    }

    fn resource_parameters(arn: &str) -> Value {
        object([(
            "resource_parameters",
            list(vec![object([
                ("resource_configuration_arn", s(arn)),
                ("resource_association_arn", Value::Null),
            ])]),
        )])
    }

    fn api_key_block() -> Value {
        object([
            ("key", s("x-api-key")),
            ("value", s("s3cr3t-api-key")),
            ("value_wo", Value::Null),
        ])
    }

    fn basic_block() -> Value {
        object([
            ("username", s("ops")),
            ("password", s("s3cr3t-password")),
            ("password_wo", Value::Null),
        ])
    }

    fn oauth_block() -> Value {
        object([
            ("authorization_endpoint", s("https://auth.example.com/oauth2/token")),
            ("http_method", s("POST")),
            (
                "client_parameters",
                list(vec![object([
                    ("client_id", s("client-1")),
                    ("client_secret", s("s3cr3t-client")),
                    ("client_secret_wo", Value::Null),
                ])]),
            ),
            (
                "oauth_http_parameters",
                list(vec![http_parameters(
                    vec![parameter("grant_type", "s3cr3t-grant", false)],
                    vec![],
                    vec![parameter("scope", "s3cr3t-scope", false)],
                )]),
            ),
        ])
    }

    /// A complete, valid API_KEY connection as Terraform sends it: every
    /// attribute and block of the schema present, empty block lists empty.
    fn api_key_connection() -> Value {
        object([
            ("id", Value::Null),
            ("name", s("crm.api-v2_x")),
            ("description", s("CRM webhook")),
            ("authorization_type", s("API_KEY")),
            ("kms_key_identifier", Value::Null),
            ("region", Value::Null),
            ("secrets_wo_version", Value::Null),
            ("arn", Value::Null),
            ("secret_arn", Value::Null),
            ("connection_state", Value::Null),
            ("state_reason", Value::Null),
            (
                "auth_parameters",
                list(vec![object([
                    ("api_key", list(vec![api_key_block()])),
                    ("basic", none()),
                    ("oauth", none()),
                    (
                        "invocation_http_parameters",
                        list(vec![http_parameters(
                            vec![parameter("mode", "s3cr3t-body", true)],
                            vec![parameter("x-tenant", "s3cr3t-tenant", false)],
                            vec![],
                        )]),
                    ),
                    ("connectivity_parameters", none()),
                ])]),
            ),
            ("invocation_connectivity_parameters", none()),
            ("timeouts", Value::Null),
        ])
    }

    fn basic_connection() -> Value {
        let c = with(api_key_connection(), "authorization_type", s("BASIC"));
        let c = with(c, "auth_parameters[0].api_key", none());
        with(c, "auth_parameters[0].basic", list(vec![basic_block()]))
    }

    /// OAuth to a private endpoint, with every optional argument set.
    fn oauth_connection() -> Value {
        let c = with(
            api_key_connection(),
            "authorization_type",
            s("OAUTH_CLIENT_CREDENTIALS"),
        );
        let c = with(c, "auth_parameters[0].api_key", none());
        let c = with(c, "auth_parameters[0].oauth", list(vec![oauth_block()]));
        let c = with(
            c,
            "auth_parameters[0].connectivity_parameters",
            list(vec![resource_parameters(EXAMPLE_ARN)]),
        );
        let c = with(
            c,
            "invocation_connectivity_parameters",
            list(vec![resource_parameters(EXAMPLE_ARN)]),
        );
        let c = with(c, "kms_key_identifier", s("alias/crm"));
        let c = with(c, "region", s("eu-west-1"));
        with(
            c,
            "timeouts",
            object([("create", s("30m")), ("update", s("1h30m")), ("delete", s("90s"))]),
        )
    }

    /// The slot at `path`, e.g. `auth_parameters[0].api_key[0].value`.
    fn slot<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
        let mut here = value;
        for step in path.split('.') {
            let (name, index) = match step.split_once('[') {
                Some((name, rest)) => (
                    name,
                    Some(rest.trim_end_matches(']').parse::<usize>().expect("an index")),
                ),
                None => (step, None),
            };
            here = here.attr_mut(name).unwrap_or_else(|| panic!("no {name} in {path}"));
            if let Some(i) = index {
                here = match here {
                    Value::List(items) => &mut items[i],
                    other => panic!("{name} is not a list: {other:?}"),
                };
            }
        }
        here
    }

    fn with(mut config: Value, path: &str, value: Value) -> Value {
        *slot(&mut config, path) = value;
        config
    }

    /// Every diagnostic of `config`, after checking that each is a located
    /// error that quotes no secret.
    fn diagnostics(config: &Value) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        validate(config, &mut diags);
        for d in diags.iter() {
            assert_eq!(d.severity, Severity::Error, "{d:?}");
            assert!(d.path.is_some(), "no path: {d:?}");
            assert!(
                !d.summary.contains(SECRET) && !d.detail.contains(SECRET),
                "a secret leaked: {d:?}"
            );
        }
        diags.0
    }

    /// (path, summary) of each error.
    fn errors(config: &Value) -> Vec<(String, String)> {
        diagnostics(config)
            .into_iter()
            .map(|d| (d.path.unwrap().to_string(), d.summary))
            .collect()
    }

    /// The one error of `config`; fails when there are none or several.
    fn the_error(config: &Value) -> Diagnostic {
        let mut all = diagnostics(config);
        assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
        all.remove(0)
    }

    fn path_of(d: &Diagnostic) -> String {
        d.path.clone().unwrap().to_string()
    }

    fn assert_valid(config: &Value) {
        assert_eq!(errors(config), Vec::<(String, String)>::new());
    }

    /// Whether `v` has exactly the shape of `t` (every attribute present).
    fn conforms(v: &Value, t: &Type, at: &str) {
        match (v, t) {
            (Value::Null | Value::Unknown, _) => {}
            (Value::String(_), Type::String) | (Value::Bool(_), Type::Bool) | (Value::Number(_), Type::Number) => {}
            (Value::List(items), Type::List(element)) => {
                for (i, item) in items.iter().enumerate() {
                    conforms(item, element, &format!("{at}[{i}]"));
                }
            }
            (Value::Object(fields), Type::Object(types)) => {
                let names: Vec<&String> = fields.keys().collect();
                let expected: Vec<&String> = types.keys().collect();
                assert_eq!(names, expected, "attributes of {at}");
                for (name, field) in fields {
                    conforms(field, &types[name], &format!("{at}.{name}"));
                }
            }
            _ => panic!("{at} is {v:?}, not a {t:?}"),
        }
    }

    #[test]
    fn the_test_connections_have_exactly_the_schemas_attributes() {
        let t = schema().value_type();
        for config in [api_key_connection(), basic_connection(), oauth_connection()] {
            conforms(&config, &t, "config");
        }
    }

    #[test]
    fn complete_api_key_basic_and_oauth_connections_are_valid() {
        assert_valid(&api_key_connection());
        assert_valid(&basic_connection());
        assert_valid(&oauth_connection());
    }

    #[test]
    fn names_are_checked_in_full_not_just_their_first_character() {
        assert_valid(&with(api_key_connection(), "name", s(&"a".repeat(64))));
        for bad in ["crm api", "crm/api", "crm:api", "crm-é", "", &"a".repeat(65)] {
            let d = the_error(&with(api_key_connection(), "name", s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                ("name".into(), "Invalid connection name")
            );
        }
        let d = the_error(&with(api_key_connection(), "name", s("crm api")));
        assert!(d.detail.contains("\"crm api\" contains ' '"), "{}", d.detail);
    }

    #[test]
    fn descriptions_are_limited_to_512_characters_not_bytes() {
        assert_valid(&with(api_key_connection(), "description", s(&"é".repeat(512))));
        assert_valid(&with(api_key_connection(), "description", s("")));
        let d = the_error(&with(api_key_connection(), "description", s(&"d".repeat(513))));
        assert_eq!(path_of(&d), "description");
        assert!(d.detail.contains("513") && d.detail.contains("512"), "{}", d.detail);
    }

    #[test]
    fn authorization_type_is_one_of_the_three_aws_knows() {
        let d = the_error(&with(api_key_connection(), "authorization_type", s("api_key")));
        assert_eq!(path_of(&d), "authorization_type");
        assert!(d.detail.contains("\"api_key\"") && d.detail.contains("\"OAUTH_CLIENT_CREDENTIALS\""));
    }

    #[test]
    fn a_connection_without_an_authorization_block_is_told_which_one_it_needs() {
        let d = the_error(&with(basic_connection(), "auth_parameters[0].basic", none()));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("auth_parameters[0]".into(), "Missing authorization block")
        );
        assert!(
            d.detail.contains("authorization_type = \"BASIC\" needs a basic block"),
            "{}",
            d.detail
        );
    }

    #[test]
    fn two_authorization_blocks_are_named_in_the_error() {
        let both = with(
            api_key_connection(),
            "auth_parameters[0].basic",
            list(vec![basic_block()]),
        );
        let d = the_error(&both);
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("auth_parameters[0]".into(), "Conflicting authorization blocks")
        );
        assert!(d.detail.contains("api_key and basic"), "{}", d.detail);
        assert!(d.detail.contains("keep api_key"), "{}", d.detail);
    }

    #[test]
    fn an_authorization_block_of_another_type_names_the_type_and_the_block() {
        let d = the_error(&with(api_key_connection(), "authorization_type", s("BASIC")));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (
                "auth_parameters[0].api_key".into(),
                "Authorization block does not match authorization_type"
            )
        );
        assert_eq!(
            d.detail,
            "authorization_type is \"BASIC\" but auth_parameters sets api_key; use a basic block or set \
             authorization_type = \"API_KEY\"."
        );
        let d = the_error(&with(oauth_connection(), "authorization_type", s("API_KEY")));
        assert_eq!(path_of(&d), "auth_parameters[0].oauth");
    }

    #[test]
    fn credentials_are_1_to_512_characters() {
        for (path, connection) in [
            ("auth_parameters[0].api_key[0].key", api_key_connection()),
            ("auth_parameters[0].api_key[0].value", api_key_connection()),
            ("auth_parameters[0].basic[0].username", basic_connection()),
            ("auth_parameters[0].basic[0].password", basic_connection()),
            (
                "auth_parameters[0].oauth[0].client_parameters[0].client_id",
                oauth_connection(),
            ),
            (
                "auth_parameters[0].oauth[0].client_parameters[0].client_secret",
                oauth_connection(),
            ),
        ] {
            assert_valid(&with(connection.clone(), path, s(&"k".repeat(512))));
            for bad in [String::new(), format!("{SECRET}{}", "k".repeat(512))] {
                let d = the_error(&with(connection.clone(), path, s(&bad)));
                assert_eq!(path_of(&d), path);
                assert!(d.summary.starts_with("Invalid "), "{}", d.summary);
            }
        }
    }

    #[test]
    fn credentials_refuse_colons_and_control_characters_without_quoting_secrets() {
        let value = "auth_parameters[0].api_key[0].value";
        let d = the_error(&with(api_key_connection(), value, s("s3cr3t:colon")));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (value.into(), "Invalid API key value")
        );
        assert!(d.detail.contains("contains ':'"), "{}", d.detail);
        let d = the_error(&with(api_key_connection(), value, s("s3cr3t\u{7}bell")));
        assert!(d.detail.contains("U+0007"), "{}", d.detail);
        let d = the_error(&with(api_key_connection(), value, s("s3cr3t\u{7f}")));
        assert!(d.detail.contains("U+007F"), "{}", d.detail);
        let password = "auth_parameters[0].basic[0].password";
        assert_eq!(
            path_of(&the_error(&with(basic_connection(), password, s("s3cr3t:x")))),
            password
        );
        let key = "auth_parameters[0].api_key[0].key";
        let d = the_error(&with(api_key_connection(), key, s("x:api-key")));
        assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Invalid API key name"));
    }

    #[test]
    fn a_secret_read_from_a_file_with_its_line_break_is_explained() {
        let secret = "auth_parameters[0].oauth[0].client_parameters[0].client_secret";
        let d = the_error(&with(oauth_connection(), secret, s("s3cr3t-from-file\n")));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (secret.into(), "Invalid client secret")
        );
        assert!(
            d.detail.contains("a line break") && d.detail.contains("trimspace()"),
            "{}",
            d.detail
        );
    }

    #[test]
    fn credentials_may_hold_tabs_and_spaces_between_words_but_not_only_blanks() {
        let value = "auth_parameters[0].api_key[0].value";
        assert_valid(&with(api_key_connection(), value, s(" s3cr3t\tkey with spaces\t")));
        assert_valid(&with(api_key_connection(), value, s("s3cr3t-ünïcödé")));
        for blank in [" ", "\t", " \t "] {
            let d = the_error(&with(api_key_connection(), value, s(blank)));
            assert_eq!(path_of(&d), value);
            assert!(d.detail.contains("only spaces and tabs"), "{}", d.detail);
        }
    }

    #[test]
    fn a_secret_is_given_plainly_or_write_only_but_not_both() {
        let both = with(
            api_key_connection(),
            "auth_parameters[0].api_key[0].value_wo",
            s("s3cr3t-api-key"),
        );
        let d = the_error(&both);
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("auth_parameters[0].api_key[0].value_wo".into(), "Conflicting arguments")
        );
        let neither = with(api_key_connection(), "auth_parameters[0].api_key[0].value", Value::Null);
        let d = the_error(&neither);
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("auth_parameters[0].api_key[0]".into(), "Missing value")
        );
        let write_only = with(neither, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t-api-key"));
        assert_valid(&write_only);
        let bad_write_only = with(write_only, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t:wo"));
        assert_eq!(
            path_of(&the_error(&bad_write_only)),
            "auth_parameters[0].api_key[0].value_wo"
        );
    }

    #[test]
    fn the_oauth_endpoint_is_an_http_url_with_a_host() {
        let endpoint = "auth_parameters[0].oauth[0].authorization_endpoint";
        for good in [
            "http://127.0.0.1:5000/token",
            "HTTPS://auth.example.com",
            "https://user@auth.example.com:8443/oauth2/token?audience=a%20b&x=(1)",
        ] {
            assert_valid(&with(oauth_connection(), endpoint, s(good)));
        }
        for (bad, why) in [
            ("", "is empty"),
            ("auth.example.com/token", "http:// or https://"),
            ("ftp://auth.example.com/token", "http:// or https://"),
            ("https:///token", "no host"),
            ("https://user@:443/token", "no host"),
            ("https://auth.example.com/oauth token", "' '"),
            ("https://auth.example.com/token#frag", "'#'"),
            ("https://auth.example.com/%zz", "%XX"),
            ("https://auth.example.com/é", "'é'"),
        ] {
            let d = the_error(&with(oauth_connection(), endpoint, s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (endpoint.into(), "Invalid authorization endpoint")
            );
            assert!(d.detail.contains(why), "{bad:?}: {}", d.detail);
        }
        let long = format!("https://auth.example.com/{}", "a".repeat(2048));
        assert!(the_error(&with(oauth_connection(), endpoint, s(&long)))
            .detail
            .contains("2048"));
    }

    #[test]
    fn the_oauth_http_method_is_get_post_or_put() {
        let method = "auth_parameters[0].oauth[0].http_method";
        for good in ["GET", "POST", "PUT"] {
            assert_valid(&with(oauth_connection(), method, s(good)));
        }
        for bad in ["PATCH", "post", ""] {
            let d = the_error(&with(oauth_connection(), method, s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (method.into(), "Invalid HTTP method")
            );
        }
    }

    #[test]
    fn an_empty_http_parameters_block_is_a_missing_required_argument() {
        let invocation = "auth_parameters[0].invocation_http_parameters[0]";
        let d = the_error(&with(
            api_key_connection(),
            invocation,
            http_parameters(vec![], vec![], vec![]),
        ));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (invocation.into(), "Missing required argument")
        );
        assert!(d.detail.contains("body, header or query_string"), "{}", d.detail);
        let oauth = "auth_parameters[0].oauth[0].oauth_http_parameters[0]";
        let d = the_error(&with(
            oauth_connection(),
            oauth,
            http_parameters(vec![], vec![], vec![]),
        ));
        assert_eq!(path_of(&d), oauth);
        let only_query = http_parameters(vec![], vec![], vec![parameter("q", "s3cr3t-q", false)]);
        assert_valid(&with(api_key_connection(), invocation, only_query));
    }

    #[test]
    fn each_parameter_list_holds_at_most_100_entries() {
        let headers = |n: usize| {
            (0..n)
                .map(|i| parameter(&format!("x-h{i}"), "s3cr3t-v", false))
                .collect()
        };
        let invocation = "auth_parameters[0].invocation_http_parameters[0]";
        assert_valid(&with(
            api_key_connection(),
            invocation,
            http_parameters(vec![], headers(100), vec![]),
        ));
        let d = the_error(&with(
            api_key_connection(),
            invocation,
            http_parameters(vec![], headers(101), vec![]),
        ));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (format!("{invocation}.header"), "Too many parameters")
        );
        assert!(d.detail.contains("101") && d.detail.contains("100"), "{}", d.detail);
    }

    #[test]
    fn parameter_keys_are_unique_within_a_list_and_the_duplicate_is_named() {
        let invocation = "auth_parameters[0].invocation_http_parameters[0]";
        let dup = http_parameters(
            vec![parameter("mode", "s3cr3t-1", false)],
            vec![
                parameter("x-tenant", "s3cr3t-1", false),
                parameter("x-other", "s3cr3t-2", false),
                parameter("X-Tenant", "s3cr3t-3", true),
            ],
            vec![parameter("mode", "s3cr3t-2", false)],
        );
        let d = the_error(&with(api_key_connection(), invocation, dup));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (format!("{invocation}.header[2].key"), "Duplicate parameter key")
        );
        assert!(
            d.detail.contains("\"X-Tenant\"") && d.detail.contains("header[0]"),
            "{}",
            d.detail
        );
        let query_dup = http_parameters(
            vec![],
            vec![],
            vec![
                parameter("q", "s3cr3t-1", false),
                parameter("q", "s3cr3t-2", false),
                parameter("Q", "s3cr3t-3", false),
            ],
        );
        let d = the_error(&with(api_key_connection(), invocation, query_dup));
        assert_eq!(path_of(&d), format!("{invocation}.query_string[1].key"));
    }

    #[test]
    fn header_names_are_http_tokens() {
        let key = "auth_parameters[0].invocation_http_parameters[0].header[0].key";
        for good in ["X-Api-Key", "x_h.1", "!#$%&'*+-.^_`|~"] {
            assert_valid(&with(api_key_connection(), key, s(good)));
        }
        for bad in ["x tenant", "x:tenant", "x-é", "x,y"] {
            let d = the_error(&with(api_key_connection(), key, s(bad)));
            assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Invalid header name"));
        }
        let body_key = "auth_parameters[0].invocation_http_parameters[0].body[0].key";
        assert_valid(&with(api_key_connection(), body_key, s("a body key: with spaces")));
    }

    #[test]
    fn parameter_keys_are_not_empty_and_names_fit_512_characters() {
        for key in [
            "auth_parameters[0].invocation_http_parameters[0].body[0].key",
            "auth_parameters[0].invocation_http_parameters[0].header[0].key",
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].key",
        ] {
            let connection = if key.contains("oauth") {
                oauth_connection()
            } else {
                api_key_connection()
            };
            let d = the_error(&with(connection.clone(), key, s("")));
            assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Empty parameter key"));
            let long = with(connection, key, s(&"k".repeat(513)));
            if key.contains("body") {
                assert_valid(&long);
            } else {
                assert_eq!(path_of(&the_error(&long)), key);
            }
        }
    }

    #[test]
    fn parameter_values_fit_512_characters_and_are_never_quoted() {
        // Body values have no limit (a signed JWT assertion can be long).
        let body = "auth_parameters[0].invocation_http_parameters[0].body[0].value";
        assert_valid(&with(
            api_key_connection(),
            body,
            s(&format!("{SECRET}{}", "v".repeat(2000))),
        ));
        for value in [
            "auth_parameters[0].invocation_http_parameters[0].header[0].value",
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].value",
        ] {
            let connection = if value.contains("oauth") {
                oauth_connection()
            } else {
                api_key_connection()
            };
            assert_valid(&with(
                connection.clone(),
                value,
                s(&format!("{SECRET}{}", "v".repeat(506))),
            ));
            let d = the_error(&with(connection, value, s(&format!("{SECRET}{}", "v".repeat(507)))));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (value.into(), "Parameter value too long")
            );
        }
    }

    #[test]
    fn a_write_only_parameter_value_is_checked_where_it_is_written() {
        let p = "auth_parameters[0].invocation_http_parameters[0].header[0]";
        let c = with(api_key_connection(), &format!("{p}.value"), Value::Null);
        let c = with(c, &format!("{p}.is_value_secret"), Value::Bool(true));
        let c = with(c, &format!("{p}.value_wo"), s(&format!("{SECRET}{}", "v".repeat(507))));
        let d = the_error(&c);
        assert_eq!(path_of(&d), format!("{p}.value_wo"));
    }

    #[test]
    fn header_values_are_printable_ascii() {
        let value = "auth_parameters[0].invocation_http_parameters[0].header[0].value";
        assert_valid(&with(api_key_connection(), value, s("Bearer s3cr3t\tand ~ more")));
        for (bad, why) in [
            ("s3cr3t-é", "a non-ASCII character"),
            ("s3cr3t\n", "trimspace()"),
            ("s3cr3t\u{0}", "U+0000"),
        ] {
            let d = the_error(&with(api_key_connection(), value, s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (value.into(), "Invalid header value")
            );
            assert!(d.detail.contains(why), "{}", d.detail);
        }
        let body = "auth_parameters[0].invocation_http_parameters[0].body[0].value";
        assert_valid(&with(api_key_connection(), body, s("s3cr3t-é\n")));
    }

    #[test]
    fn a_write_only_parameter_value_must_be_secret_and_alone() {
        let p = "auth_parameters[0].invocation_http_parameters[0].header[0]";
        let c = with(api_key_connection(), &format!("{p}.value"), Value::Null);
        let c = with(c, &format!("{p}.value_wo"), s("s3cr3t-wo"));
        let d = the_error(&c);
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (format!("{p}.value_wo"), "Write-only value of a non-secret parameter")
        );
        let c = with(c, &format!("{p}.is_value_secret"), Value::Bool(true));
        assert_valid(&c);
        let c = with(c, &format!("{p}.value"), s("s3cr3t-plain"));
        assert_eq!(
            errors(&c),
            [(format!("{p}.value_wo"), "Conflicting arguments".to_string())]
        );
    }

    #[test]
    fn kms_key_identifiers_are_ids_arns_or_aliases() {
        for good in [
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "alias/crm_key",
        ] {
            assert_valid(&with(api_key_connection(), "kms_key_identifier", s(good)));
        }
        let d = the_error(&with(api_key_connection(), "kms_key_identifier", s("alias/crm key")));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("kms_key_identifier".into(), "Invalid KMS key identifier")
        );
        let d = the_error(&with(api_key_connection(), "kms_key_identifier", s(&"k".repeat(2049))));
        assert!(d.detail.contains("2048"), "{}", d.detail);
    }

    #[test]
    fn an_empty_kms_key_identifier_asks_to_remove_the_argument() {
        let d = the_error(&with(api_key_connection(), "kms_key_identifier", s("")));
        assert_eq!(path_of(&d), "kms_key_identifier");
        assert!(d.detail.contains("remove the argument"), "{}", d.detail);
    }

    #[test]
    fn resource_configuration_arns_must_be_arns_in_both_connectivity_blocks() {
        for arn_path in [
            "invocation_connectivity_parameters[0].resource_parameters[0].resource_configuration_arn",
            "auth_parameters[0].connectivity_parameters[0].resource_parameters[0].resource_configuration_arn",
        ] {
            for good in [
                EXAMPLE_ARN,
                "arn:aws-cn:vpc-lattice:cn-north-1:123456789012:resourceconfiguration/rcfg-1",
            ] {
                assert_valid(&with(oauth_connection(), arn_path, s(good)));
            }
            for bad in [
                "",
                "rcfg-0123456789abcdef0",
                "arn:azure:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-1",
                "arn:aws-:vpc-lattice:us-east-1:123456789012:x",
                "arn:aws::us-east-1:123456789012:resourceconfiguration/rcfg-1",
                "arn:aws:vpc-lattice:us-east-1:123456789012:",
                "arn:aws:vpc-lattice:us-east-1:123456789012",
                "arn:aws:vpc-lattice:us-east-1:123456789012:resource configuration",
            ] {
                let d = the_error(&with(oauth_connection(), arn_path, s(bad)));
                assert_eq!(
                    (path_of(&d), d.summary.as_str()),
                    (arn_path.into(), "Invalid ARN"),
                    "{bad:?}"
                );
            }
        }
    }

    #[test]
    fn regions_are_lowercase_region_names() {
        assert_valid(&with(api_key_connection(), "region", s("us-gov-west-1")));
        for bad in ["", "EU-WEST-1", "eu west 1", "eu_west_1"] {
            let d = the_error(&with(api_key_connection(), "region", s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                ("region".into(), "Invalid AWS Region")
            );
        }
    }

    #[test]
    fn timeouts_must_be_go_durations() {
        let timeouts = |create: Value, update: Value, delete: Value| {
            with(
                api_key_connection(),
                "timeouts",
                object([("create", create), ("update", update), ("delete", delete)]),
            )
        };
        assert_valid(&timeouts(s("20m"), Value::Null, s("1h30m")));
        let e = errors(&timeouts(s("10 minutes"), s("-5m"), s("1d")));
        let paths: Vec<&str> = e.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["timeouts.create", "timeouts.update", "timeouts.delete"]);
        assert!(e.iter().all(|(_, summary)| summary == "Invalid timeout"));
        let d = the_error(&timeouts(s("5"), Value::Null, Value::Null));
        assert!(
            d.detail.contains("\"5\"") && d.detail.contains("\"1h30m\""),
            "{}",
            d.detail
        );
    }

    #[test]
    fn unknown_values_are_checked_once_known() {
        let unknown = |path: &str, c: Value| with(c, path, Value::Unknown);
        // Each of these would be an error if the unknown value were bad.
        assert_valid(&unknown("name", with(api_key_connection(), "name", s("bad name"))));
        assert_valid(&unknown(
            "authorization_type",
            with(api_key_connection(), "authorization_type", s("BASIC")),
        ));
        assert_valid(&unknown("auth_parameters[0].api_key[0]", api_key_connection()));
        assert_valid(&unknown("auth_parameters[0]", api_key_connection()));
        assert_valid(&unknown("auth_parameters", api_key_connection()));
        assert_valid(&unknown("timeouts", api_key_connection()));
        assert_valid(&unknown(
            "auth_parameters[0].invocation_http_parameters[0].header[0]",
            api_key_connection(),
        ));
        // No block yet, but a dynamic block list still unknown may hold one.
        let c = with(api_key_connection(), "auth_parameters[0].api_key", none());
        assert_valid(&unknown("auth_parameters[0].basic", c));
        // An empty parameters block whose header list is still unknown.
        let c = with(
            api_key_connection(),
            "auth_parameters[0].invocation_http_parameters[0]",
            object([("body", none()), ("header", Value::Unknown), ("query_string", none())]),
        );
        assert_valid(&c);
    }

    #[test]
    fn several_mistakes_are_all_reported_each_at_its_line() {
        let c = with(api_key_connection(), "name", s("crm api"));
        let c = with(c, "auth_parameters[0].api_key[0].value", s("s3cr3t:x"));
        let c = with(
            c,
            "auth_parameters[0].invocation_http_parameters[0].header[0].key",
            s("x tenant"),
        );
        let paths: Vec<String> = errors(&c).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "name",
                "auth_parameters[0].api_key[0].value",
                "auth_parameters[0].invocation_http_parameters[0].header[0].key",
            ]
        );
    }

    #[test]
    fn write_only_arguments_need_a_terraform_that_declares_them() {
        let wo = with(api_key_connection(), "auth_parameters[0].api_key[0].value", Value::Null);
        let wo = with(wo, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t-api-key"));
        let mut diags = Diagnostics::new();
        write_only_supported(&wo, ClientCapabilities::default(), &mut diags);
        let d = diags.iter().next().expect("an error");
        assert_eq!(path_of(d), "auth_parameters[0].api_key[0].value_wo");
        assert!(d.summary.contains("1.11") && !d.detail.contains(SECRET));
        let mut diags = Diagnostics::new();
        let modern = ClientCapabilities {
            write_only_attributes_allowed: true,
            ..Default::default()
        };
        write_only_supported(&wo, modern, &mut diags);
        assert!(diags.is_empty());
    }
}
