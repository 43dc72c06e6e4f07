//! Event buses, which rules and targets live on: a bus given by name or by
//! ARN (the same bus: switching between the two changes nothing), the
//! check of what `EventBusNameOrArn` takes, and the buses of a Region.

use super::DEFAULT_BUS;
use crate::aws::errors;
use crate::aws::regional::import_id::bus_problem;
use crate::aws::text_rule::{length_words, utf16_len};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// `EventBusNameOrArn`: 1–1600.
pub const MAX_BUS: usize = 1600;

pub const EVENT_BUS: Check = Check {
    rule: || {
        format!(
            "The name of an event bus (1 to 256 letters, digits, `.`, `-`, `_` or `/`) or its ARN \
             (`arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME`), up to {MAX_BUS} characters."
        )
    },
    run: event_bus,
};

/// Why `bus` is not what `EventBusNameOrArn` takes:
/// `(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`.
pub fn event_bus_problem(bus: &str) -> Option<String> {
    let n = utf16_len(bus);
    if n > MAX_BUS {
        return Some(format!(
            "{}; AWS allows at most {MAX_BUS}",
            length_words(n, bus.chars().count())
        ));
    }
    let Some(rest) = bus.strip_prefix("arn:") else {
        return bus_problem(bus).map(|p| p.trim_end_matches('.').to_string());
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [partition, service, region, account, resource] = parts.as_slice() else {
        return Some("is not an event bus ARN (arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME)".into());
    };
    let word = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let region_parts: Vec<&str> = region.splitn(3, '-').collect();
    let region_ok = region_parts.len() == 3
        && region_parts[..2]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && !region_parts[2].is_empty()
        && word(region_parts[2]);
    let ok = partition.strip_prefix("aws").is_some_and(word)
        && *service == "events"
        && region_ok
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit());
    match resource.strip_prefix("event-bus/") {
        Some(name)
            if ok && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "./-_".contains(c)) =>
        {
            None
        }
        _ => Some("is not an event bus ARN (arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME)".into()),
    }
}

fn event_bus(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(event_bus_problem) else {
        return;
    };
    diags.error_at(
        at,
        "Invalid event bus",
        format!(
            "event_bus_name {problem}. Give a bus name such as \"orders\" (or \"default\"), or its ARN, usually \
             aws_cloudwatch_event_bus.NAME.arn."
        ),
    );
}

/// `arn:…:event-bus/NAME` → NAME; a name as it is.
pub fn bus_name(name_or_arn: &str) -> &str {
    match name_or_arn.strip_prefix("arn:") {
        Some(_) => name_or_arn
            .split_once(":event-bus/")
            .map_or(name_or_arn, |(_, name)| name),
        None => name_or_arn,
    }
}

/// Whether two buses, each by name or ARN, are the same bus.
pub fn same_bus(a: &str, b: &str) -> bool {
    bus_name(a) == bus_name(b)
}

/// Whether `bus` (a name or an ARN) is the default bus.
pub fn is_default(bus: &str) -> bool {
    bus_name(bus) == DEFAULT_BUS
}

/// The buses of the Region, by name (ListEventBuses, every page).
pub async fn list(client: &aws_sdk_eventbridge::Client) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut next_token = None;
    loop {
        let page = client
            .list_event_buses()
            .limit(100)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| errors::describe(&e))?;
        names.extend(page.event_buses().iter().filter_map(|b| b.name().map(str::to_string)));
        next_token = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next_token.is_none() {
            return Ok(names);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bus_names_and_arns_are_read_as_the_model_reads_them() {
        for ok in [
            "default",
            "orders",
            "aws.partner/saas.com/123/orders",
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/default",
        ] {
            assert_eq!(event_bus_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "orders bus",
            "arn:aws:events:us-east-1:123456789012:rule/orders",
            "arn:aws:sqs:us-east-1:123456789012:event-bus/orders",
            "arn:aws:events:us-east-1:1234:event-bus/orders",
            "arn:aws:events:useast1:123456789012:event-bus/orders",
        ] {
            assert!(event_bus_problem(bad).is_some(), "{bad:?} passed");
        }
    }

    #[test]
    fn a_bus_arn_stands_for_its_name() {
        assert_eq!(
            bus_name("arn:aws:events:us-east-1:123456789012:event-bus/orders"),
            "orders"
        );
        assert_eq!(bus_name("orders"), "orders");
        assert_eq!(
            bus_name("arn:aws:events:us-east-1:123456789012:event-bus/aws.partner/saas/x"),
            "aws.partner/saas/x"
        );
        assert!(same_bus(
            "orders",
            "arn:aws:events:us-east-1:123456789012:event-bus/orders"
        ));
        assert!(is_default("arn:aws:events:us-east-1:123456789012:event-bus/default"));
    }
}
