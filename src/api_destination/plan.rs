//! The EventBridge rules of an `eventbridge_api_destination` plan, on top
//! of the generic ones the plugin layer applies from the schema's flags
//! (the default rate, unknown computed values of a new object, `replaces`):
//! `id` is the name and an unset `region` the provider's (the kit's rule),
//! and a change AWS will hold leaves the state AWS reports unknown.

use super::schema::ApiDestination;
use crate::aws::regional::region;
use crate::tfplugin::{Model, Value};

pub fn plan(prior: &Value, proposed: &Value, config: &Value, default_region: &str) -> Value {
    let mut state = proposed.clone();
    region::plan(&mut state, config, default_region);
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
