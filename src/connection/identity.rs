//! Resource identity (protocol 6.9, Terraform 1.12+): the name, Region and
//! account that pick out one connection, for `import` blocks by identity.

use crate::tfplugin::{object, IdentityAttribute, IdentitySchema, Type, Value};

const IDENTITY_VERSION: i64 = 0;

pub fn schema() -> IdentitySchema {
    let attribute = |name: &str, required_for_import: bool, description: &str| IdentityAttribute {
        name: name.to_string(),
        ty: Type::String,
        required_for_import,
        description: description.to_string(),
    };
    IdentitySchema {
        version: IDENTITY_VERSION,
        attributes: vec![
            attribute("name", true, "Name of the connection."),
            attribute("region", false, "Region of the connection; defaults to the provider's."),
            attribute("account_id", false, "AWS account that owns the connection."),
        ],
    }
}

/// The identity of the connection a state describes; None while it is not
/// wholly known (before the first apply) or for a destroyed object.
pub fn of_state(state: &Value) -> Option<Value> {
    of_connection(
        state.attr("name").as_str()?,
        state.attr("region").as_str()?,
        state.attr("arn").as_str()?,
    )
}

/// The identity of connection `name` in `region` with ARN `arn` (which
/// names the account); None when the ARN names no account.
pub fn of_connection(name: &str, region: &str, arn: &str) -> Option<Value> {
    let account = account_of(arn)?;
    Some(object([
        ("name", Value::string(name)),
        ("region", Value::string(region)),
        ("account_id", Value::string(account)),
    ]))
}

/// `arn:PARTITION:events:REGION:ACCOUNT:connection/NAME/UUID` → ACCOUNT.
fn account_of(arn: &str) -> Option<&str> {
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
