//! The rules of `eventbridge_connection` that span attributes, checked
//! without calling AWS, each reported at the path Terraform should point
//! at: the authorization block that matches `authorization_type`, a secret
//! given plainly or write-only (not both, not neither), parameter lists
//! that are not empty and whose keys are unique. Each attribute's own rule
//! is a check attached to it in `schema.rs` (see `checks.rs`); the plugin
//! layer runs those.
//!
//! Unknown values are skipped: Terraform validates again once they are
//! known. Messages never quote a sensitive value.

pub mod rules;

use super::schema::MAX_PARAMETERS;
use crate::aws::text_rule::article;
use crate::tfplugin::{AttributePath, Diagnostics, Value};

/// The authorization blocks of `auth_parameters`, each with the
/// `authorization_type` it goes with.
pub(super) const AUTH_BLOCKS: [(&str, &str); 3] = [
    ("api_key", "API_KEY"),
    ("basic", "BASIC"),
    ("oauth", "OAUTH_CLIENT_CREDENTIALS"),
];

/// The lists of an `oauth_http_parameters` / `invocation_http_parameters` block.
const PARAMETER_LISTS: [&str; 3] = ["body", "header", "query_string"];

/// Every rule that spans attributes; no AWS calls.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let root = AttributePath::root();
    for (auth, at) in blocks(config.attr("auth_parameters"), &root.attr("auth_parameters")) {
        authorization_block_choice(auth, config.attr("authorization_type"), &at, diags);
        auth_parameters(auth, &at, diags);
    }
}

/// These rules in words, for the docs' "Checked at plan time".
pub fn spanning_rules() -> Vec<(&'static str, String)> {
    vec![
        (
            "auth_parameters",
            "Exactly one of `api_key`, `basic` or `oauth`, the one `authorization_type` names; `oauth` needs \
             `client_parameters`."
                .into(),
        ),
        (
            "value, password, client_secret",
            "Set the argument or its `*_wo` twin, not both; a parameter's `value_wo` needs \
             `is_value_secret = true`."
                .into(),
        ),
        (
            "body, header, query_string",
            format!(
                "At most {MAX_PARAMETERS} of each per block, at least one in all; keys unique within a list \
                 (header names ignoring case)."
            ),
        ),
    ]
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
                Some((block, t)) => format!(" authorization_type = {t:?} needs {} block.", article(block)),
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
                "authorization_type is {t:?} but auth_parameters sets {block}; use {} block or set \
                 authorization_type = {block_type:?}.",
                article(wanted_block)
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
        secret_pair(key, "value", &at, diags);
    }
    for (basic, at) in blocks(auth.attr("basic"), &at.attr("basic")) {
        secret_pair(basic, "password", &at, diags);
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
}

fn oauth_parameters(oauth: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let clients = oauth.attr("client_parameters");
    if !clients.is_unknown() && clients.elements().is_empty() {
        diags.error_at(
            at,
            "Missing client_parameters",
            format!("{at} needs a client_parameters block with the client id and secret: AWS requires them."),
        );
    }
    for (client, at) in blocks(oauth.attr("client_parameters"), &at.attr("client_parameters")) {
        secret_pair(client, "client_secret", &at, diags);
    }
    for (h, at) in blocks(oauth.attr("oauth_http_parameters"), &at.attr("oauth_http_parameters")) {
        http_parameters(h, &at, diags);
    }
}

/// A secret given either plainly (`name`) or write-only (`name_wo`): exactly
/// one of the two.
fn secret_pair(block: &Value, name: &str, block_at: &AttributePath, diags: &mut Diagnostics) {
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
}

fn http_parameters(h: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    parameter_lists_present(h, at, diags);
    for list in PARAMETER_LISTS {
        let (params, list_at) = (h.attr(list), at.attr(list));
        parameter_count(params, &list_at, diags);
        unique_parameter_keys(list, params, &list_at, diags);
        for (p, p_at) in blocks(params, &list_at) {
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

#[cfg(test)]
mod tests;
