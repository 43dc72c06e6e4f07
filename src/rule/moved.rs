//! Taking over `aws_cloudwatch_event_rule` state from hashicorp/aws (see
//! [`crate::aws::regional::moved`]). Its id is `NAME` or `BUS/NAME` with
//! the bus as the user wrote it (a name or an ARN); here the id names the
//! bus by name, so the id is made again, and a bus left empty is the
//! default one.

use super::schema::id_of;
use crate::aws::regional::moved::Source;
use crate::aws::regional::DEFAULT_BUS;
use crate::tfplugin::Value;

pub const SOURCE: Source = Source {
    type_name: "aws_cloudwatch_event_rule",
    // Version 1 since hashicorp/aws 3.x (5.x and 6.x states alike); 0 is
    // the older shape, whose attributes are the same for what is read here.
    schema_versions: &[0, 1],
    empty_means_unset: &[
        "description",
        "region",
        "event_pattern",
        "schedule_expression",
        "role_arn",
        "name_prefix",
        "state",
    ],
    zero_means_unset: &[],
    required: &["name"],
};

/// The id and bus this provider plans for a state just taken over.
pub fn settle(state: &mut Value) {
    if state.attr("event_bus_name").as_str().is_none_or(str::is_empty) {
        if let Some(bus) = state.attr_mut("event_bus_name") {
            *bus = Value::string(DEFAULT_BUS);
        }
    }
    let id = match (state.attr("event_bus_name").as_str(), state.attr("name").as_str()) {
        (Some(bus), Some(name)) => Value::string(id_of(bus, name)),
        _ => return,
    };
    if let Some(v) = state.attr_mut("id") {
        *v = id;
    }
}
