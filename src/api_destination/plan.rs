//! The EventBridge rules of an `eventbridge_api_destination` plan, on top
//! of the generic ones the plugin layer applies from the schema's flags
//! (the default rate, unknown computed values of a new object, `replaces`):
//! `id` is the name and an unset `region` the provider's (the kit's rule);
//! the connection is in the API destination's Region; and a change AWS
//! will hold leaves the state AWS reports unknown.

use super::schema::ApiDestination;
use crate::aws::regional::{identity, region};
use crate::tfplugin::{AttributePath, Diagnostics, Model, Value};

pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str, diags: &mut Diagnostics) -> Value {
    let mut state = proposed.clone();
    region::plan(&mut state, config, default_region);
    connection_in_its_region(&state, config, diags);
    if prior.is_null() {
        return state;
    }
    let (before, after) = (ApiDestination::from_value(prior), ApiDestination::from_value(&state));
    let settings = |d: &ApiDestination| {
        (
            d.description.clone(),
            d.connection_arn.clone(),
            d.invocation_endpoint.clone(),
            d.http_method.clone(),
            d.invocation_rate_limit_per_second,
        )
    };
    // An unknown value (a connection being replaced) reads as "", a change
    // as well.
    if settings(&before) != settings(&after) {
        if let Some(s) = state.attr_mut("api_destination_state") {
            *s = Value::Unknown;
        }
    }
    state
}

/// EventBridge finds an API destination's connection in the Region where
/// the API destination is: a connection of another Region is refused at
/// plan, naming both Regions. A `connection_arn` or `region` still unknown
/// is checked by the plan Terraform makes again at apply, once it is known.
fn connection_in_its_region(state: &Value, config: &Value, diags: &mut Diagnostics) {
    let (Some(arn), Some(region)) = (state.attr("connection_arn").as_str(), state.attr("region").as_str()) else {
        return;
    };
    let Some(connection_region) = identity::region_of(arn).filter(|r| *r != region) else {
        return;
    };
    let whose = if config.attr("region").is_null() {
        "the provider's Region"
    } else {
        "its region argument"
    };
    diags.error_at(
        &AttributePath::of(&["connection_arn"]),
        "Connection in another Region",
        format!(
            "connection_arn names a connection in {connection_region}, but this API destination is in {region} \
             ({whose}). EventBridge looks an API destination's connection up in the API destination's own Region, \
             so it cannot use a connection of another Region. Create the connection in {region} (set region = \
             {region:?} on it), or set region = {connection_region:?} on the API destination."
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

    const ARN: &str = "arn:aws:events:eu-west-1:123456789012:connection/orders-api/0f1e2d3c";

    fn destination(connection_arn: Value, region: Value) -> Value {
        object([
            ("id", Value::Unknown),
            ("name", Value::string("orders-webhook")),
            ("connection_arn", connection_arn),
            ("region", region),
        ])
    }

    fn refusals(connection_arn: Value, region: Value, default_region: &str) -> Vec<(String, String, String)> {
        let config = destination(connection_arn.clone(), region.clone());
        let mut diags = Diagnostics::new();
        plan(
            &Value::Null,
            &destination(connection_arn, region),
            &config,
            default_region,
            &mut diags,
        );
        diags
            .iter()
            .map(|d| {
                let at = d.path.as_ref().map(ToString::to_string).unwrap_or_default();
                (at, d.summary.clone(), d.detail.clone())
            })
            .collect()
    }

    #[test]
    fn a_connection_of_another_region_than_the_providers_is_refused_naming_both() {
        let found = refusals(Value::string(ARN), Value::Null, "us-east-1");
        assert_eq!(
            found,
            [(
                "connection_arn".to_string(),
                "Connection in another Region".to_string(),
                "connection_arn names a connection in eu-west-1, but this API destination is in us-east-1 (the \
                 provider's Region). EventBridge looks an API destination's connection up in the API destination's \
                 own Region, so it cannot use a connection of another Region. Create the connection in us-east-1 \
                 (set region = \"us-east-1\" on it), or set region = \"eu-west-1\" on the API destination."
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_connection_of_another_region_than_the_resources_own_is_refused() {
        let found = refusals(Value::string(ARN), Value::string("eu-central-1"), "eu-west-1");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].2.starts_with(
                "connection_arn names a connection in eu-west-1, but this API destination is in eu-central-1 (its \
                 region argument)."
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_same_region_an_unknown_arn_or_an_unknown_region_plan_without_a_word() {
        assert_eq!(refusals(Value::string(ARN), Value::Null, "eu-west-1"), []);
        assert_eq!(
            refusals(Value::string(ARN), Value::string("eu-west-1"), "us-east-1"),
            []
        );
        assert_eq!(refusals(Value::Unknown, Value::Null, "us-east-1"), []);
        assert_eq!(refusals(Value::string(ARN), Value::Unknown, "us-east-1"), []);
        // AWS's pattern lets the Region of a connection ARN be empty: nothing to compare.
        let no_region = "arn:aws:events::123456789012:connection/orders-api/0f1e2d3c";
        assert_eq!(refusals(Value::string(no_region), Value::Null, "us-east-1"), []);
    }
}
