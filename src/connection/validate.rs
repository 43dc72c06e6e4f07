//! Every local rule of `eventbridge_connection`, checked at validate and
//! plan time with the attribute's path and no AWS call. Unknown values are
//! skipped (they are checked once known). Messages never quote a secret.

use super::duration::parse_duration;
use super::schema::MAX_PARAMETERS;
use crate::tfplugin::{AttributePath, ClientCapabilities, Diagnostics, PathStep, Value};

const AUTH_BLOCKS: [(&str, &str); 3] = [
    ("api_key", "API_KEY"),
    ("basic", "BASIC"),
    ("oauth", "OAUTH_CLIENT_CREDENTIALS"),
];

pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let root = AttributePath::root();
    name(config.attr("name"), &root.attr("name"), diags);
    max_chars(config.attr("description"), 512, &root.attr("description"), diags);
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
    if let Some(auth) = known_block(config.attr("auth_parameters")) {
        auth_parameters(
            auth,
            config.attr("authorization_type"),
            &root.attr("auth_parameters").index(0),
            diags,
        );
    }
    if let Some(c) = known_block(config.attr("invocation_connectivity_parameters")) {
        connectivity(c, &root.attr("invocation_connectivity_parameters").index(0), diags);
    }
}

/// The one block of a `max_items = 1` list, when it is known.
fn known_block(v: &Value) -> Option<&Value> {
    v.first().filter(|b| matches!(b, Value::Object(_)))
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')
}

fn name(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(name) = v.as_str() else { return };
    if !(1..=64).contains(&name.len()) || !name.bytes().all(is_name_byte) {
        diags.error_at(
            at,
            "Invalid connection name",
            format!("{name:?} is not a valid name: use 1 to 64 letters, digits, '.', '-' or '_'."),
        );
    }
}

fn max_chars(v: &Value, max: usize, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let n = text.chars().count();
    if n > max {
        diags.error_at(
            at,
            "Value too long",
            format!("{at} has {n} characters; AWS allows at most {max}."),
        );
    }
}

fn authorization_type(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(t) = v.as_str() else { return };
    if !AUTH_BLOCKS.iter().any(|(_, name)| *name == t) {
        diags.error_at(
            at,
            "Invalid authorization type",
            format!("{t:?} is not an authorization type: use \"API_KEY\", \"BASIC\" or \"OAUTH_CLIENT_CREDENTIALS\"."),
        );
    }
}

fn kms_key_identifier(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(key) = v.as_str() else { return };
    if key.is_empty() {
        diags.error_at(
            at,
            "Empty KMS key",
            "kms_key_identifier is empty: remove the argument to use an AWS owned key.",
        );
    } else if key.len() > 2048
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'/' | b':'))
    {
        diags.error_at(
            at,
            "Invalid KMS key identifier",
            format!(
                "{key:?} is not a KMS key id, key ARN, alias name or alias ARN (up to 2048 of a-z A-Z 0-9 _ - / :)."
            ),
        );
    }
}

fn region(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(r) = v.as_str() else { return };
    if r.is_empty()
        || !r
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        diags.error_at(
            at,
            "Invalid AWS Region",
            format!("{r:?} is not a Region name; use one like \"eu-west-1\"."),
        );
    }
}

fn timeouts(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    for op in ["create", "update", "delete"] {
        let Some(text) = v.attr(op).as_str() else {
            continue;
        };
        if parse_duration(text).is_none() {
            diags.error_at(
                &at.attr(op),
                "Invalid timeout",
                format!("{text:?} is not a duration: write it like \"30s\", \"10m\" or \"1h30m\"."),
            );
        }
    }
}

fn auth_parameters(auth: &Value, auth_type: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let set: Vec<(&str, &str)> = AUTH_BLOCKS
        .iter()
        .copied()
        .filter(|(block, _)| !auth.attr(block).elements().is_empty())
        .collect();
    // Any block still unknown (a dynamic block) is judged once known.
    let unknown = AUTH_BLOCKS.iter().any(|(block, _)| auth.attr(block).is_unknown());
    match set.as_slice() {
        [] if !unknown => diags.error_at(
            at,
            "Missing authorization block",
            "auth_parameters needs exactly one of api_key, basic or oauth, matching authorization_type.",
        ),
        [] => {}
        [(block, expected)] => {
            if let Some(t) = auth_type.as_str() {
                if t != *expected && AUTH_BLOCKS.iter().any(|(_, name)| *name == t) {
                    let wanted = AUTH_BLOCKS.iter().find(|(_, name)| *name == t).map_or("", |(b, _)| *b);
                    diags.error_at(
                        &at.attr(block),
                        "Authorization block does not match authorization_type",
                        format!(
                            "authorization_type is {t:?} but auth_parameters sets {block}; use a {wanted} block, \
                             or set authorization_type = {expected:?}."
                        ),
                    );
                }
            }
        }
        several => {
            let names: Vec<&str> = several.iter().map(|(b, _)| *b).collect();
            diags.error_at(
                at,
                "Conflicting authorization blocks",
                format!(
                    "auth_parameters sets {}; set exactly one, matching authorization_type.",
                    names.join(" and ")
                ),
            );
        }
    }

    if let Some(k) = known_block(auth.attr("api_key")) {
        let at = at.attr("api_key").index(0);
        credential(k.attr("key"), "key", false, &at, diags);
        secret_pair(k, "value", &at, diags);
    }
    if let Some(b) = known_block(auth.attr("basic")) {
        let at = at.attr("basic").index(0);
        credential(b.attr("username"), "username", false, &at, diags);
        secret_pair(b, "password", &at, diags);
    }
    if let Some(o) = known_block(auth.attr("oauth")) {
        oauth(o, &at.attr("oauth").index(0), diags);
    }
    if let Some(h) = known_block(auth.attr("invocation_http_parameters")) {
        http_parameters(h, &at.attr("invocation_http_parameters").index(0), diags);
    }
    if let Some(c) = known_block(auth.attr("connectivity_parameters")) {
        connectivity(c, &at.attr("connectivity_parameters").index(0), diags);
    }
}

/// A secret given either plainly (`name`) or write-only (`name_wo`):
/// exactly one of the two.
fn secret_pair(block: &Value, name: &str, at: &AttributePath, diags: &mut Diagnostics) {
    let wo = format!("{name}_wo");
    let (plain, write_only) = (block.attr(name), block.attr(&wo));
    match (plain.is_null(), write_only.is_null()) {
        (false, false) => diags.error_at(
            &at.attr(&wo),
            "Conflicting arguments",
            format!("Set {name} or {wo}, not both."),
        ),
        (true, true) => diags.error_at(
            at,
            format!("Missing {name}"),
            format!("{at} needs {name}, or {wo} to keep the secret out of state (Terraform 1.11 or later)."),
        ),
        _ => {}
    }
    credential(plain, name, true, at, diags);
    credential(write_only, &wo, true, at, diags);
}

/// AWS's rule for key names, user names, ids and their secrets: 1 to 512
/// characters, no control characters and no ':', not only blanks.
fn credential(v: &Value, name: &str, secret: bool, block: &AttributePath, diags: &mut Diagnostics) {
    let Some(text) = v.as_str() else { return };
    let at = block.attr(name);
    let shown = if secret {
        "The value".to_string()
    } else {
        format!("{text:?}")
    };
    let n = text.chars().count();
    if n == 0 || n > 512 {
        diags.error_at(
            &at,
            format!("Invalid {name}"),
            format!("{at} must have 1 to 512 characters; it has {n}."),
        );
    } else if text.chars().any(|c| c.is_control() && c != '\t' || c == ':') {
        diags.error_at(
            &at,
            format!("Invalid {name}"),
            format!("{shown} of {at} contains a control character or ':', which AWS does not accept."),
        );
    } else if text.trim_matches([' ', '\t']).is_empty() {
        diags.error_at(
            &at,
            format!("Invalid {name}"),
            format!("{at} must not be only spaces or tabs."),
        );
    }
}

fn oauth(o: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    if let Some(endpoint) = o.attr("authorization_endpoint").as_str() {
        let p = at.attr("authorization_endpoint");
        let host = endpoint
            .strip_prefix("https://")
            .or_else(|| endpoint.strip_prefix("http://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
        if endpoint.chars().count() > 2048 {
            diags.error_at(
                &p,
                "Invalid authorization endpoint",
                "The endpoint URL must be at most 2048 characters.",
            );
        } else if host.is_none_or(str::is_empty) || endpoint.chars().any(|c| c.is_whitespace() || c.is_control()) {
            diags.error_at(
                &p,
                "Invalid authorization endpoint",
                format!("{endpoint:?} is not an http(s) URL, e.g. \"https://auth.example.com/oauth2/token\"."),
            );
        }
    }
    if let Some(method) = o.attr("http_method").as_str() {
        if !matches!(method, "GET" | "POST" | "PUT") {
            diags.error_at(
                &at.attr("http_method"),
                "Invalid HTTP method",
                format!("{method:?} is not accepted: use \"GET\", \"POST\" or \"PUT\"."),
            );
        }
    }
    if let Some(c) = known_block(o.attr("client_parameters")) {
        let at = at.attr("client_parameters").index(0);
        credential(c.attr("client_id"), "client_id", false, &at, diags);
        secret_pair(c, "client_secret", &at, diags);
    }
    if let Some(h) = known_block(o.attr("oauth_http_parameters")) {
        http_parameters(h, &at.attr("oauth_http_parameters").index(0), diags);
    }
}

fn is_header_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn http_parameters(h: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    const LISTS: [&str; 3] = ["body", "header", "query_string"];
    let any_unknown = LISTS.iter().any(|l| h.attr(l).is_unknown());
    if !any_unknown && LISTS.iter().all(|l| h.attr(l).elements().is_empty()) {
        diags.error_at(
            at,
            "Missing required argument",
            format!("{at} needs at least one body, header or query_string block; remove the block if there are none."),
        );
    }
    for list in LISTS {
        let params = h.attr(list).elements();
        let list_at = at.attr(list);
        if params.len() > MAX_PARAMETERS {
            diags.error_at(
                &list_at,
                "Too many parameters",
                format!(
                    "{list_at} has {} entries; AWS allows at most {MAX_PARAMETERS}.",
                    params.len()
                ),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let p_at = list_at.index(i as i64);
            if let Some(key) = p.attr("key").as_str() {
                let key_at = p_at.attr("key");
                if key.is_empty() {
                    diags.error_at(&key_at, "Empty parameter key", format!("{key_at} must not be empty."));
                } else if list == "header" && !key.bytes().all(is_header_token_byte) {
                    diags.error_at(
                        &key_at,
                        "Invalid header name",
                        format!("{key:?} is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)."),
                    );
                }
                if seen.contains(&key) {
                    diags.error_at(
                        &key_at,
                        "Duplicate parameter key",
                        format!("{key:?} appears more than once in {list_at}; keys must be unique within a list."),
                    );
                }
                seen.push(key);
            }
            if !p.attr("value_wo").is_null() {
                let wo_at = p_at.attr("value_wo");
                if !p.attr("value").is_null() {
                    diags.error_at(&wo_at, "Conflicting arguments", "Set value or value_wo, not both.");
                }
                if p.attr("is_value_secret").as_bool() == Some(false) || p.attr("is_value_secret").is_null() {
                    diags.error_at(
                        &wo_at,
                        "Write-only value of a non-secret parameter",
                        format!(
                            "{wo_at} needs is_value_secret = true: AWS returns values that are not secret, so they \
                             cannot be kept out of state. Use value instead."
                        ),
                    );
                }
            }
            if let Some(value) = p.attr("value").as_str().or(p.attr("value_wo").as_str()) {
                let n = value.chars().count();
                if n > 512 {
                    let value_at = p_at.attr("value");
                    diags.error_at(
                        &value_at,
                        "Value too long",
                        format!("{value_at} has {n} characters; AWS allows at most 512."),
                    );
                }
            }
        }
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

fn is_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && (parts[1] == "aws" || parts[1].starts_with("aws-"))
        && !parts[2].is_empty()
        && !parts[5].is_empty()
}

fn connectivity(c: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(r) = known_block(c.attr("resource_parameters")) else {
        return;
    };
    let Some(arn) = r.attr("resource_configuration_arn").as_str() else {
        return;
    };
    if !is_arn(arn) {
        let p = at
            .attr("resource_parameters")
            .index(0)
            .attr("resource_configuration_arn");
        diags.error_at(
            &p,
            "Invalid ARN",
            format!("{arn:?} is not an ARN, e.g. \"arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0\"."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::schema::schema;
    use crate::tfplugin::{decode_json, Severity};

    const VALID: &str = r#"{"name":"crm.api-v2_x","authorization_type":"API_KEY","description":"d",
        "auth_parameters":[{"api_key":[{"key":"x-api-key","value":"top-secret-key"}],"basic":[],"oauth":[],
        "connectivity_parameters":[],
        "invocation_http_parameters":[{"body":[],"query_string":[],"header":[{"key":"x-h","value":"top-secret-header","is_value_secret":true}]}]}],
        "invocation_connectivity_parameters":[]}"#;

    fn config(json: &str) -> Value {
        decode_json(json.as_bytes(), &schema().value_type(), false).expect("valid JSON config")
    }

    /// (path, summary) of each error, after checking no secret leaks.
    fn errors(json: &str) -> Vec<(String, String)> {
        let mut diags = Diagnostics::new();
        validate(&config(json), &mut diags);
        for d in diags.iter() {
            for secret in ["top-secret-key", "top-secret-header", "p:ss"] {
                assert!(
                    !d.detail.contains(secret) && !d.summary.contains(secret),
                    "secret in {d:?}"
                );
            }
            assert_eq!(d.severity, Severity::Error);
        }
        diags
            .iter()
            .map(|d| (d.path.clone().unwrap_or_default().to_string(), d.summary.clone()))
            .collect()
    }

    #[test]
    fn a_complete_valid_configuration_has_no_errors() {
        assert_eq!(errors(VALID), vec![]);
    }

    #[test]
    fn names_are_checked_in_full_not_just_their_first_character() {
        let e = errors(&VALID.replace("crm.api-v2_x", "crm api"));
        assert_eq!(e, [("name".to_string(), "Invalid connection name".to_string())]);
        assert_eq!(errors(&VALID.replace("crm.api-v2_x", &"a".repeat(65))).len(), 1);
        assert_eq!(errors(&VALID.replace("\"crm.api-v2_x\"", "\"\"")).len(), 1);
    }

    #[test]
    fn description_is_limited_to_512_characters() {
        assert_eq!(
            errors(&VALID.replace(
                "\"description\":\"d\"",
                &format!("\"description\":\"{}\"", "é".repeat(512))
            )),
            vec![]
        );
        assert_eq!(
            errors(&VALID.replace(
                "\"description\":\"d\"",
                &format!("\"description\":\"{}\"", "d".repeat(513))
            ))[0]
                .0,
            "description"
        );
    }

    #[test]
    fn authorization_type_must_be_known_and_match_the_block() {
        assert_eq!(
            errors(&VALID.replace("\"API_KEY\"", "\"TOKEN\""))[0].0,
            "authorization_type"
        );
        let e = errors(&VALID.replace("\"API_KEY\"", "\"BASIC\""));
        assert_eq!(
            e,
            [(
                "auth_parameters[0].api_key".to_string(),
                "Authorization block does not match authorization_type".to_string()
            )]
        );
    }

    #[test]
    fn exactly_one_authorization_block() {
        let none = VALID.replace(
            r#""api_key":[{"key":"x-api-key","value":"top-secret-key"}]"#,
            r#""api_key":[]"#,
        );
        assert_eq!(
            errors(&none)[0],
            (
                "auth_parameters[0]".to_string(),
                "Missing authorization block".to_string()
            )
        );
        let two = VALID.replace(r#""basic":[]"#, r#""basic":[{"username":"u","password":"p"}]"#);
        assert_eq!(errors(&two)[0].1, "Conflicting authorization blocks");
    }

    #[test]
    fn credentials_follow_the_aws_pattern_without_quoting_secrets() {
        let colon = VALID.replace("top-secret-key", "p:ss");
        assert_eq!(errors(&colon)[0].0, "auth_parameters[0].api_key[0].value");
        let blank = VALID.replace("\"x-api-key\"", "\"   \"");
        assert_eq!(errors(&blank)[0].0, "auth_parameters[0].api_key[0].key");
        let long = VALID.replace("top-secret-key", &"k".repeat(513));
        assert_eq!(errors(&long)[0].0, "auth_parameters[0].api_key[0].value");
        let control = VALID.replace("top-secret-key", "a\\u0007b");
        assert_eq!(errors(&control).len(), 1);
    }

    #[test]
    fn http_parameter_lists_need_an_entry_unique_keys_and_header_names() {
        let empty = VALID.replace(
            r#""header":[{"key":"x-h","value":"top-secret-header","is_value_secret":true}]"#,
            r#""header":[]"#,
        );
        assert_eq!(
            errors(&empty)[0],
            (
                "auth_parameters[0].invocation_http_parameters[0]".to_string(),
                "Missing required argument".to_string()
            )
        );
        let dup = VALID.replace(
            r#"{"key":"x-h","value":"top-secret-header","is_value_secret":true}"#,
            r#"{"key":"x-h","value":"1"},{"key":"x-h","value":"2"}"#,
        );
        assert_eq!(
            errors(&dup)[0].0,
            "auth_parameters[0].invocation_http_parameters[0].header[1].key"
        );
        let bad_header = VALID.replace("\"x-h\"", "\"x h\"");
        assert_eq!(errors(&bad_header)[0].1, "Invalid header name");
        let long_value = VALID.replace("top-secret-header", &"v".repeat(513));
        assert_eq!(
            errors(&long_value)[0].0,
            "auth_parameters[0].invocation_http_parameters[0].header[0].value"
        );
    }

    #[test]
    fn oauth_endpoint_method_and_client() {
        let oauth = VALID.replace("\"API_KEY\"", "\"OAUTH_CLIENT_CREDENTIALS\"").replace(
            r#""api_key":[{"key":"x-api-key","value":"top-secret-key"}],"basic":[],"oauth":[]"#,
            r#""api_key":[],"basic":[],"oauth":[{"authorization_endpoint":"ftp://x","http_method":"PATCH",
               "client_parameters":[{"client_id":"id","client_secret":""}],
               "oauth_http_parameters":[{"body":[],"header":[],"query_string":[]}]}]"#,
        );
        let paths: Vec<String> = errors(&oauth).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "auth_parameters[0].oauth[0].authorization_endpoint",
                "auth_parameters[0].oauth[0].http_method",
                "auth_parameters[0].oauth[0].client_parameters[0].client_secret",
                "auth_parameters[0].oauth[0].oauth_http_parameters[0]",
            ]
        );
    }

    #[test]
    fn kms_region_timeouts_and_arns() {
        let with = |field: &str| VALID.replace("\"description\":\"d\"", &format!("\"description\":\"d\",{field}"));
        assert_eq!(errors(&with(r#""kms_key_identifier":"alias/ok-key""#)), vec![]);
        assert_eq!(
            errors(&with(r#""kms_key_identifier":"bad key""#))[0].0,
            "kms_key_identifier"
        );
        assert_eq!(errors(&with(r#""kms_key_identifier":"""#))[0].0, "kms_key_identifier");
        assert_eq!(errors(&with(r#""region":"EU West""#))[0].0, "region");
        assert_eq!(
            errors(&with(
                r#""timeouts":{"create":"10 minutes","update":null,"delete":"5m"}"#
            ))[0]
                .0,
            "timeouts.create"
        );
        let arn = VALID.replace(
            r#""invocation_connectivity_parameters":[]"#,
            r#""invocation_connectivity_parameters":[{"resource_parameters":[{"resource_configuration_arn":"rcfg-123"}]}]"#,
        );
        assert_eq!(
            errors(&arn)[0].0,
            "invocation_connectivity_parameters[0].resource_parameters[0].resource_configuration_arn"
        );
    }

    #[test]
    fn a_secret_is_given_plainly_or_write_only_but_not_both() {
        let both = VALID.replace(
            r#""value":"top-secret-key""#,
            r#""value":"top-secret-key","value_wo":"top-secret-key""#,
        );
        assert_eq!(errors(&both)[0].0, "auth_parameters[0].api_key[0].value_wo");
        let neither = VALID.replace(r#","value":"top-secret-key""#, "");
        assert_eq!(
            errors(&neither)[0],
            ("auth_parameters[0].api_key[0]".to_string(), "Missing value".to_string())
        );
        let write_only = VALID.replace(r#""value":"top-secret-key""#, r#""value_wo":"top-secret-key""#);
        assert_eq!(errors(&write_only), vec![]);
    }

    #[test]
    fn a_write_only_parameter_value_must_be_secret() {
        let wo = VALID.replace(
            r#""value":"top-secret-header","is_value_secret":true"#,
            r#""value_wo":"top-secret-header","is_value_secret":false"#,
        );
        assert_eq!(errors(&wo)[0].1, "Write-only value of a non-secret parameter");
    }

    #[test]
    fn write_only_arguments_need_a_terraform_that_declares_them() {
        let wo = config(&VALID.replace(r#""value":"top-secret-key""#, r#""value_wo":"top-secret-key""#));
        let mut diags = Diagnostics::new();
        write_only_supported(&wo, ClientCapabilities::default(), &mut diags);
        let d = diags.iter().next().expect("an error");
        assert_eq!(
            d.path.as_ref().unwrap().to_string(),
            "auth_parameters[0].api_key[0].value_wo"
        );
        assert!(d.summary.contains("1.11") && !d.detail.contains("top-secret-key"));
        let mut diags = Diagnostics::new();
        let modern = ClientCapabilities {
            write_only_attributes_allowed: true,
            ..Default::default()
        };
        write_only_supported(&wo, modern, &mut diags);
        assert!(diags.is_empty());
    }

    #[test]
    fn unknown_values_are_checked_later() {
        let mut v = config(&VALID.replace("crm.api-v2_x", "bad name"));
        if let Some(name) = v.attr_mut("name") {
            *name = Value::Unknown;
        }
        let mut diags = Diagnostics::new();
        validate(&v, &mut diags);
        assert!(diags.is_empty());
    }
}
