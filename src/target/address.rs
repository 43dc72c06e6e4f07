//! What picks out one target: its rule, the rule's bus, its id and the
//! Region. A target has no ARN, so its import ids and its identity are its
//! own: `RULE/TARGET_ID` or `BUS/RULE/TARGET_ID` (hashicorp/aws's forms),
//! either with `@REGION`; the identity is `{event_bus_name, rule,
//! target_id, region}` (hashicorp/aws 6.x's, with the Region).

use super::checks::target_id_problem;
use crate::aws::region::region_problem;
use crate::aws::regional::bus::{bus_name, event_bus_problem};
use crate::aws::regional::identity::region_of;
use crate::aws::regional::DEFAULT_BUS;
use crate::aws::text_rule;
use crate::tfplugin::{object, IdentityAttribute, IdentitySchema, ImportRequest, Type, Value};

const IDENTITY_VERSION: i64 = 0;

/// One target's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The bus by name (`default` for the default bus).
    pub bus: String,
    pub rule: String,
    pub target_id: String,
    /// None: the provider's Region.
    pub region: Option<String>,
}

/// The accepted import forms, for messages.
pub const FORMS: &str = "Use RULE/TARGET_ID, or BUS/RULE/TARGET_ID for a rule on another bus than the default \
(the bus by name or ARN), optionally followed by @REGION, e.g. \"nightly/crm-api\", \
\"orders/nightly/crm-api@eu-west-1\".";

/// Parses an import id; the error says why and shows the forms.
pub fn parse(id: &str) -> Result<Address, String> {
    let id = id.trim();
    let (path, region) = match id.rsplit_once('@') {
        Some((path, region)) => (path, Some(region.to_string())),
        None => (id, None),
    };
    let wrong = |problem: &str| format!("{id:?} does not name a target: {problem} {FORMS}");
    let Some((head, target_id)) = path.rsplit_once('/') else {
        return Err(wrong("it has no `/` between the rule and the target id."));
    };
    let (bus, rule) = match head.rsplit_once('/') {
        Some((bus, rule)) => (bus, rule),
        None => (DEFAULT_BUS, head),
    };
    let region = match (region, bus.starts_with("arn:")) {
        (Some(region), _) => Some(region),
        (None, true) => region_of(bus).map(str::to_string),
        (None, false) => None,
    };
    let problem = text_rule::name_problem("rule", rule)
        .or_else(|| target_id_problem(target_id))
        .or_else(|| event_bus_problem(bus).map(|p| format!("The event bus {bus:?} {p}.")))
        .or_else(|| region.as_deref().and_then(region_problem));
    match problem {
        Some(problem) => Err(wrong(&problem)),
        None => Ok(Address {
            bus: bus_name(bus).to_string(),
            rule: rule.to_string(),
            target_id: target_id.to_string(),
            region,
        }),
    }
}

impl Address {
    /// The import id of this address: `[BUS/]RULE/TARGET_ID[@REGION]`.
    pub fn import_id(&self) -> String {
        let path = super::schema::id_of(&self.bus, &self.rule, &self.target_id);
        match &self.region {
            Some(region) => format!("{path}@{region}"),
            None => path,
        }
    }

    /// The address a state describes; None while it is not wholly known.
    pub fn of_state(state: &Value) -> Option<Address> {
        Some(Address {
            bus: bus_name(state.attr("event_bus_name").as_str().unwrap_or(DEFAULT_BUS)).to_string(),
            rule: state.attr("rule").as_str()?.to_string(),
            target_id: state.attr("target_id").as_str()?.to_string(),
            region: Some(state.attr("region").as_str()?.to_string()),
        })
    }

    /// The identity value.
    pub fn identity(&self) -> Value {
        object([
            ("event_bus_name", Value::string(&self.bus)),
            ("rule", Value::string(&self.rule)),
            ("target_id", Value::string(&self.target_id)),
            ("region", Value::opt_string(self.region.as_deref())),
        ])
    }
}

pub fn identity_schema() -> IdentitySchema {
    let attribute = |name: &str, required_for_import: bool, description: &str| IdentityAttribute {
        name: name.to_string(),
        ty: Type::String,
        required_for_import,
        description: description.to_string(),
    };
    IdentitySchema {
        version: IDENTITY_VERSION,
        attributes: vec![
            attribute("rule", true, "Name of the rule."),
            attribute("target_id", true, "Id of the target within its rule."),
            attribute(
                "event_bus_name",
                false,
                "Name of the event bus of the rule; defaults to `default`.",
            ),
            attribute("region", false, "Region of the rule; defaults to the provider's."),
        ],
    }
}

/// The identity of the target a state describes.
pub fn identity_of_state(state: &Value) -> Option<Value> {
    Address::of_state(state).map(|a| a.identity())
}

/// The id an import asks for: the one given, else the one its identity
/// stands for (`import { identity = {...} }` sends no id).
pub fn requested_id(req: &ImportRequest<'_>) -> String {
    let from_identity = req.identity.and_then(|identity| {
        let bus = identity
            .attr("event_bus_name")
            .as_str()
            .filter(|b| !b.is_empty())
            .unwrap_or(DEFAULT_BUS);
        Some(Address {
            bus: bus.to_string(),
            rule: identity.attr("rule").as_str()?.to_string(),
            target_id: identity.attr("target_id").as_str()?.to_string(),
            region: identity
                .attr("region")
                .as_str()
                .filter(|r| !r.is_empty())
                .map(str::to_string),
        })
    });
    match (req.id.trim(), from_identity) {
        ("", Some(address)) => address.import_id(),
        (id, _) => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(bus: &str, rule: &str, id: &str, region: Option<&str>) -> Address {
        Address {
            bus: bus.into(),
            rule: rule.into(),
            target_id: id.into(),
            region: region.map(Into::into),
        }
    }

    #[test]
    fn every_form_names_the_bus_rule_id_and_region() {
        assert_eq!(parse("nightly/crm"), Ok(address("default", "nightly", "crm", None)));
        assert_eq!(
            parse("orders/nightly/crm@eu-west-1"),
            Ok(address("orders", "nightly", "crm", Some("eu-west-1")))
        );
        assert_eq!(
            parse("aws.partner/saas.com/1/orders/nightly/crm"),
            Ok(address("aws.partner/saas.com/1/orders", "nightly", "crm", None))
        );
        assert_eq!(
            parse("arn:aws:events:eu-west-1:123456789012:event-bus/orders/nightly/crm"),
            Ok(address("orders", "nightly", "crm", Some("eu-west-1")))
        );
        assert_eq!(
            parse("default/nightly/crm").map(|a| a.import_id()),
            Ok("nightly/crm".to_string())
        );
        assert_eq!(
            address("orders", "nightly", "crm", Some("eu-west-1")).import_id(),
            "orders/nightly/crm@eu-west-1"
        );
        for bad in [
            "nightly",
            "nightly/",
            "/crm",
            "night ly/crm",
            "nightly/crm@mars-1",
            "bad bus/nightly/crm",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("Use RULE/TARGET_ID"), "{bad}: {e}");
        }
    }
}
