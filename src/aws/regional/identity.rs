//! Resource identity (protocol 6.9, Terraform 1.12+) of a regional
//! resource: the name, Region and account that pick out one object, for
//! `import` blocks by identity and `terraform query`.

use super::Kind;
use crate::tfplugin::{
    object, ApplyResponse, Diagnostics, IdentityAttribute, IdentitySchema, ImportRequest, ImportResponse, ReadResponse,
    Type, Value,
};

const IDENTITY_VERSION: i64 = 0;

pub fn schema(kind: &Kind) -> IdentitySchema {
    let noun = kind.noun;
    let attribute = |name: &str, required_for_import: bool, description: String| IdentityAttribute {
        name: name.to_string(),
        ty: Type::String,
        required_for_import,
        description,
    };
    IdentitySchema {
        version: IDENTITY_VERSION,
        attributes: vec![
            attribute("name", true, format!("Name of the {noun}.")),
            attribute(
                "region",
                false,
                format!("Region of the {noun}; defaults to the provider's."),
            ),
            attribute("account_id", false, format!("AWS account that owns the {noun}.")),
        ],
    }
}

/// The identity of the object a state describes; None while it is not
/// wholly known (before the first apply) or for a destroyed object.
pub fn of_state(state: &Value) -> Option<Value> {
    of(
        state.attr("name").as_str()?,
        state.attr("region").as_str()?,
        state.attr("arn").as_str()?,
    )
}

/// The identity of object `name` in `region` with ARN `arn` (which names
/// the account); None when the ARN names no account.
pub fn of(name: &str, region: &str, arn: &str) -> Option<Value> {
    let account = account_of(arn)?;
    Some(object([
        ("name", Value::string(name)),
        ("region", Value::string(region)),
        ("account_id", Value::string(account)),
    ]))
}

/// `arn:PARTITION:events:REGION:ACCOUNT:…` → REGION.
pub fn region_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(3).filter(|r| !r.is_empty())
}

/// `arn:PARTITION:events:REGION:ACCOUNT:…` → ACCOUNT.
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// The import id (`NAME` or `NAME@REGION`) an identity stands for.
pub fn import_id(identity: &Value) -> Option<String> {
    let name = identity.attr("name").as_str()?;
    Some(match identity.attr("region").as_str() {
        Some(region) if !region.is_empty() => format!("{name}@{region}"),
        _ => name.to_string(),
    })
}

/// An apply's answer with the identity of the object it leaves behind.
pub fn after_apply(mut resp: ApplyResponse) -> ApplyResponse {
    resp.new_identity = of_state(&resp.new_state);
    resp
}

/// A refresh's answer with the identity of the object it found.
pub fn after_read(mut resp: ReadResponse) -> ReadResponse {
    resp.new_identity = of_state(&resp.new_state);
    resp
}

/// The id an import asks for: the one given, else the one its identity
/// stands for (`import { identity = {...} }`, Terraform 1.12+, sends no id).
pub fn requested_id(req: &ImportRequest<'_>) -> String {
    match (req.id.trim(), req.identity.and_then(import_id)) {
        ("", Some(from_identity)) => from_identity,
        (id, _) => id.to_string(),
    }
}

/// An import's answer: the state found (None on error) and its identity.
pub fn imported(state: Option<Value>, diagnostics: Diagnostics) -> ImportResponse {
    ImportResponse {
        identity: state.as_ref().and_then(of_state),
        state,
        diagnostics,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_comes_from_name_region_and_the_arn_account() {
        let state = object([
            ("name", Value::string("crm")),
            ("region", Value::string("eu-west-1")),
            (
                "arn",
                Value::string("arn:aws:events:eu-west-1:444455556666:connection/crm/5f0c"),
            ),
        ]);
        let id = of_state(&state).unwrap();
        assert_eq!(id.attr("account_id"), &Value::string("444455556666"));
        assert_eq!(import_id(&id).unwrap(), "crm@eu-west-1");
        assert_eq!(of_state(&object([("name", Value::string("crm"))])), None);
    }
}
