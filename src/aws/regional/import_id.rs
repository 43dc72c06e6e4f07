//! Import ids of a regional resource: `NAME`, `NAME@REGION`, or the
//! object's ARN as the console shows it
//! (`arn:aws:events:REGION:ACCOUNT:TYPE/NAME/UUID`), one parser for every
//! type, the ARN's form given by the type's [`Kind`]. A type on an event
//! bus (a rule) also takes `BUS/NAME` and `BUS/NAME@REGION`, and its ARN is
//! `TYPE/NAME` or `TYPE/BUS/NAME`.

use super::Kind;
use crate::aws::region::region_problem;
use crate::aws::text_rule::article;

/// What an import id names.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportId {
    pub name: String,
    /// None: the provider's Region.
    pub region: Option<String>,
    /// The account an ARN names; None for the other forms.
    pub account: Option<String>,
    /// The event bus, for a type on one: None for the default bus.
    pub bus: Option<String>,
}

/// Parses `id`; the error says why in one sentence and shows the forms.
pub fn parse(kind: &Kind, id: &str) -> Result<ImportId, String> {
    let id = id.trim();
    let mut parsed = if id.starts_with("arn:") {
        from_arn(kind, id)?
    } else {
        match id.rsplit_once('@') {
            Some((name, region)) if !region.is_empty() => ImportId {
                name: name.to_string(),
                region: Some(region.to_string()),
                account: None,
                bus: None,
            },
            _ => ImportId {
                name: id.to_string(),
                region: None,
                account: None,
                bus: None,
            },
        }
    };
    if kind.on_bus && parsed.account.is_none() {
        if let Some((bus, name)) = parsed.name.rsplit_once('/') {
            parsed.bus = Some(bus.to_string());
            parsed.name = name.to_string();
        }
    }
    parsed.bus = parsed.bus.filter(|b| b != super::DEFAULT_BUS);
    let problem = (kind.name_problem)(&parsed.name)
        .or_else(|| parsed.bus.as_deref().and_then(bus_problem))
        .or_else(|| parsed.region.as_deref().and_then(region_problem));
    match problem {
        Some(problem) => Err(format!(
            "{id:?} does not name {}: {problem} {}",
            article(kind.noun),
            forms(kind)
        )),
        None => Ok(parsed),
    }
}

/// Why `bus` cannot name an event bus (AWS's `EventBusName`: 1–256
/// letters, digits, `.`, `-`, `_` or `/`); None when it can.
pub fn bus_problem(bus: &str) -> Option<String> {
    if bus.is_empty() || bus.len() > 256 {
        return Some(format!(
            "An event bus name has 1 to 256 characters; {bus:?} has {}.",
            bus.len()
        ));
    }
    let bad = bus
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "./-_".contains(*c)))?;
    Some(format!(
        "An event bus name may only contain letters, digits, '.', '-', '_' and '/'; {bus:?} contains {bad:?}."
    ))
}

/// `arn:PARTITION:events:REGION:ACCOUNT:TYPE/NAME[/UUID]`, or for a type
/// on a bus `…:TYPE/NAME` and `…:TYPE/BUS/NAME`.
fn from_arn(kind: &Kind, arn: &str) -> Result<ImportId, String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let wrong = || {
        format!(
            "{arn:?} is not the ARN of {} (arn:PARTITION:events:REGION:ACCOUNT:{}/NAME/ID). {}",
            article(kind.noun),
            kind.arn_resource,
            forms(kind)
        )
    };
    let [_, partition, service, region, account, resource] = parts.as_slice() else {
        return Err(wrong());
    };
    let mut path = resource.split('/');
    let (Some(resource_type), Some(first)) = (path.next(), path.next()) else {
        return Err(wrong());
    };
    let (name, bus, extra) = match (kind.on_bus, resource.rsplit_once('/')) {
        (true, Some((head, name))) if head != resource_type => {
            let bus = head.strip_prefix(resource_type).unwrap_or(head).trim_start_matches('/');
            (name, Some(bus.to_string()), 0)
        }
        _ => (first, None, path.count()),
    };
    let well_formed = !partition.is_empty()
        && *service == "events"
        && resource_type == kind.arn_resource
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && extra <= 1;
    if !well_formed {
        return Err(wrong());
    }
    Ok(ImportId {
        name: name.to_string(),
        region: Some(region.to_string()),
        account: Some(account.to_string()),
        bus,
    })
}

impl ImportId {
    /// Whether the object found, whose ARN is `found_arn`, is the one an
    /// ARN id named: the provider's credentials reach one account, and an
    /// object of the same name in it is another object. The error names
    /// both accounts.
    pub fn check_account(&self, kind: &Kind, found_arn: &str) -> Result<(), String> {
        let (Some(wanted), Some(found)) = (self.account.as_deref(), super::identity::account_of(found_arn)) else {
            return Ok(());
        };
        if wanted == found {
            return Ok(());
        }
        Err(format!(
            "The ARN names {} {:?} in account {wanted}, but the provider's credentials reach account {found}. \
             Import it with a provider configured for account {wanted} (for example with assume_role), or \
             import {found}'s own {noun} by name.",
            article(kind.noun),
            self.name,
            noun = kind.noun
        ))
    }
}

/// The accepted forms, for messages.
pub fn forms(kind: &Kind) -> String {
    let name = kind.example_name;
    if kind.on_bus {
        return format!(
            "Use NAME or BUS/NAME (a rule on another bus than the default), optionally followed by @REGION, or the \
             {noun}'s ARN, e.g. \"{name}\", \"orders/{name}@eu-west-1\" or \
             \"arn:aws:events:eu-west-1:123456789012:{resource}/orders/{name}\".",
            noun = kind.noun,
            resource = kind.arn_resource
        );
    }
    format!(
        "Use NAME, NAME@REGION or the {noun}'s ARN, e.g. \"{name}\", \"{name}@eu-west-1\" or \
         \"arn:aws:events:eu-west-1:123456789012:{resource}/{name}/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\".",
        noun = kind.noun,
        resource = kind.arn_resource
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_problem(name: &str) -> Option<String> {
        (name.is_empty() || name.contains(' ')).then(|| "Bad name.".to_string())
    }

    const KIND: Kind = Kind {
        type_name: "eventbridge_thing",
        noun: "thing",
        arn_resource: "thing",
        name_problem,
        example_name: "crm",
        quota: super::super::Quota {
            name: "Things",
            code: "L-0",
            default: 3000,
            scope: "",
        },
        on_bus: false,
    };

    fn id(name: &str, region: Option<&str>, account: Option<&str>) -> ImportId {
        ImportId {
            name: name.into(),
            region: region.map(Into::into),
            account: account.map(Into::into),
            bus: None,
        }
    }

    fn on_bus(name: &str, bus: Option<&str>, region: Option<&str>, account: Option<&str>) -> ImportId {
        ImportId {
            bus: bus.map(Into::into),
            ..id(name, region, account)
        }
    }

    const RULE: Kind = Kind {
        arn_resource: "rule",
        on_bus: true,
        ..KIND
    };

    #[test]
    fn a_type_on_a_bus_takes_the_bus_before_a_slash_and_from_its_arn() {
        assert_eq!(parse(&RULE, "crm"), Ok(on_bus("crm", None, None, None)));
        assert_eq!(parse(&RULE, "default/crm"), Ok(on_bus("crm", None, None, None)));
        assert_eq!(
            parse(&RULE, "orders/crm@eu-west-1"),
            Ok(on_bus("crm", Some("orders"), Some("eu-west-1"), None))
        );
        assert_eq!(
            parse(&RULE, "aws.partner/saas.com/1/crm"),
            Ok(on_bus("crm", Some("aws.partner/saas.com/1"), None, None))
        );
        let (acct, region) = (Some("123456789012"), Some("us-east-1"));
        assert_eq!(
            parse(&RULE, "arn:aws:events:us-east-1:123456789012:rule/crm"),
            Ok(on_bus("crm", None, region, acct))
        );
        assert_eq!(
            parse(&RULE, "arn:aws:events:us-east-1:123456789012:rule/orders/crm"),
            Ok(on_bus("crm", Some("orders"), region, acct))
        );
        for bad in [
            "orders bus/crm",
            "/crm",
            "arn:aws:events:us-east-1:123456789012:connection/crm",
        ] {
            let e = parse(&RULE, bad).unwrap_err();
            assert!(e.contains("Use NAME or BUS/NAME"), "{bad}: {e}");
        }
        // Another type keeps its `/` in the name (which its rule refuses).
        assert_eq!(parse(&KIND, "orders/crm").map(|p| p.name), Ok("orders/crm".to_string()));
    }

    #[test]
    fn names_optionally_with_a_region_and_arns_with_or_without_their_uuid() {
        assert_eq!(parse(&KIND, "crm"), Ok(id("crm", None, None)));
        assert_eq!(parse(&KIND, " crm@eu-west-1 "), Ok(id("crm", Some("eu-west-1"), None)));
        let arn = "arn:aws:events:us-east-1:123456789012:thing/crm/5f0c-11";
        assert_eq!(
            parse(&KIND, arn),
            Ok(id("crm", Some("us-east-1"), Some("123456789012")))
        );
        let gov = "arn:aws-us-gov:events:us-gov-west-1:123456789012:thing/crm";
        assert_eq!(
            parse(&KIND, gov),
            Ok(id("crm", Some("us-gov-west-1"), Some("123456789012")))
        );
    }

    #[test]
    fn an_arn_of_another_account_is_refused_naming_both() {
        let arn = "arn:aws:events:us-east-1:111111111111:thing/crm/x";
        let wanted = parse(&KIND, arn).unwrap();
        assert_eq!(wanted.check_account(&KIND, arn), Ok(()));
        let e = wanted
            .check_account(&KIND, "arn:aws:events:us-east-1:222222222222:thing/crm/y")
            .unwrap_err();
        assert!(e.contains("111111111111") && e.contains("222222222222"), "{e}");
        let by_name = parse(&KIND, "crm").unwrap();
        assert_eq!(by_name.check_account(&KIND, arn), Ok(()));
    }

    #[test]
    fn what_names_nothing_is_refused_with_the_forms() {
        for bad in [
            "crm api",
            "crm@mars-1",
            "arn:aws:events:us-east-1:123456789012:rule/crm",
            "arn:aws:lambda:us-east-1:123456789012:thing/crm",
            "arn:aws:events:us-east-1:1234:thing/crm/x",
            "arn:aws:events:us-east-1:123456789012:thing/crm/x/y",
            "arn:aws:events:nowhere:123456789012:thing/crm/x",
        ] {
            let e = parse(&KIND, bad).unwrap_err();
            assert!(e.contains("Use NAME, NAME@REGION or the thing's ARN"), "{bad}: {e}");
        }
    }
}
