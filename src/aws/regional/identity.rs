//! Resource identity (protocol 6.9, Terraform 1.12+) of a regional
//! resource: the name, Region and account that pick out one object (and
//! its event bus, for a type that lives on one), for `import` blocks by
//! identity and `terraform query`.

use super::{Kind, DEFAULT_BUS};
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
    let mut attributes = vec![
        attribute("name", true, format!("Name of the {noun}.")),
        attribute(
            "region",
            false,
            format!("Region of the {noun}; defaults to the provider's."),
        ),
        attribute("account_id", false, format!("AWS account that owns the {noun}.")),
    ];
    if kind.on_bus {
        attributes.push(attribute(
            "event_bus_name",
            false,
            format!("Name of the event bus of the {noun}; defaults to `default`."),
        ));
    }
    IdentitySchema {
        version: IDENTITY_VERSION,
        attributes,
    }
}

/// The identity of the object a state describes; None while it is not
/// wholly known (before the first apply) or for a destroyed object.
pub fn of_state(kind: &Kind, state: &Value) -> Option<Value> {
    of(
        kind,
        state.attr("name").as_str()?,
        state.attr("region").as_str()?,
        state.attr("arn").as_str()?,
    )
}

/// The identity of object `name` in `region` with ARN `arn` (which names
/// the account, and the bus of a type on one); None when the ARN names no
/// account.
pub fn of(kind: &Kind, name: &str, region: &str, arn: &str) -> Option<Value> {
    let account = account_of(arn)?;
    let mut identity = object([
        ("name", Value::string(name)),
        ("region", Value::string(region)),
        ("account_id", Value::string(account)),
    ]);
    if kind.on_bus {
        if let Value::Object(fields) = &mut identity {
            let bus = bus_of(kind, arn).unwrap_or(DEFAULT_BUS);
            fields.insert("event_bus_name".into(), Value::string(bus));
        }
    }
    Some(identity)
}

/// The bus an ARN of a type on a bus names: `…:rule/BUS/NAME` → BUS (a
/// partner bus's name holds `/`, so the last `/` splits); None for
/// `…:rule/NAME`, on the default bus.
pub fn bus_of<'a>(kind: &Kind, arn: &'a str) -> Option<&'a str> {
    let resource = arn.splitn(6, ':').nth(5)?;
    let path = resource.strip_prefix(kind.arn_resource)?.strip_prefix('/')?;
    path.rsplit_once('/').map(|(bus, _)| bus)
}

/// `arn:PARTITION:events:REGION:ACCOUNT:…` → REGION.
pub fn region_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(3).filter(|r| !r.is_empty())
}

/// `arn:PARTITION:events:REGION:ACCOUNT:…` → ACCOUNT.
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// The import id (`NAME` or `NAME@REGION`, after `BUS/` on a bus other
/// than the default) an identity stands for.
pub fn import_id(identity: &Value) -> Option<String> {
    let name = match identity.attr("event_bus_name").as_str() {
        Some(bus) if !bus.is_empty() && bus != DEFAULT_BUS => format!("{bus}/{}", identity.attr("name").as_str()?),
        _ => identity.attr("name").as_str()?.to_string(),
    };
    Some(match identity.attr("region").as_str() {
        Some(region) if !region.is_empty() => format!("{name}@{region}"),
        _ => name.to_string(),
    })
}

/// An apply's answer with the identity of the object it leaves behind.
pub fn after_apply(kind: &Kind, mut resp: ApplyResponse) -> ApplyResponse {
    resp.new_identity = of_state(kind, &resp.new_state);
    resp
}

/// A refresh's answer with the identity of the object it found.
pub fn after_read(kind: &Kind, mut resp: ReadResponse) -> ReadResponse {
    resp.new_identity = of_state(kind, &resp.new_state);
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
pub fn imported(kind: &Kind, state: Option<Value>, diagnostics: Diagnostics) -> ImportResponse {
    ImportResponse {
        identity: state.as_ref().and_then(|s| of_state(kind, s)),
        state,
        diagnostics,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THING: Kind = Kind {
        type_name: "eventbridge_thing",
        noun: "thing",
        arn_resource: "thing",
        name_problem: |_| None,
        example_name: "crm",
        quota: super::super::Quota {
            name: "Things",
            code: "L-0",
            default: 3000,
            scope: "",
        },
        on_bus: false,
    };

    const ON_BUS: Kind = Kind {
        arn_resource: "rule",
        on_bus: true,
        ..THING
    };

    #[test]
    fn a_type_on_a_bus_names_the_bus_its_arn_names() {
        let arn = "arn:aws:events:eu-west-1:444455556666:rule/aws.partner/saas/orders/nightly";
        assert_eq!(bus_of(&ON_BUS, arn), Some("aws.partner/saas/orders"));
        let id = of(&ON_BUS, "nightly", "eu-west-1", arn).unwrap();
        assert_eq!(id.attr("event_bus_name"), &Value::string("aws.partner/saas/orders"));
        assert_eq!(import_id(&id).unwrap(), "aws.partner/saas/orders/nightly@eu-west-1");
        let default = of(
            &ON_BUS,
            "nightly",
            "eu-west-1",
            "arn:aws:events:eu-west-1:444455556666:rule/nightly",
        );
        assert_eq!(
            default.as_ref().unwrap().attr("event_bus_name"),
            &Value::string("default")
        );
        assert_eq!(import_id(&default.unwrap()).unwrap(), "nightly@eu-west-1");
        assert_eq!(
            of(&THING, "x", "eu-west-1", arn).unwrap().attr("event_bus_name"),
            &Value::Null
        );
    }

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
        let id = of_state(&THING, &state).unwrap();
        assert_eq!(id.attr("account_id"), &Value::string("444455556666"));
        assert_eq!(import_id(&id).unwrap(), "crm@eu-west-1");
        assert_eq!(of_state(&THING, &object([("name", Value::string("crm"))])), None);
    }
}
