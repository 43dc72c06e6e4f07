//! The `eventbridge_api_destination` schema and typed model, each attribute
//! declared once with its flags, its checks and its docs: every argument of
//! CreateApiDestination, with hashicorp/aws's names, so that a `moved`
//! block and a type rename are all a switch needs.

use super::checks;
use super::KIND;
use crate::aws::regional::{checks as shared, region};
use crate::model;
use crate::tfplugin::{Attribute, Model, Schema, Value};

/// Current schema version (see the connection's for what bumping needs).
const SCHEMA_VERSION: i64 = 0;

/// The rate AWS applies when none is sent.
pub const DEFAULT_RATE: i64 = 300;

/// The schema, built once.
pub fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

pub fn schema() -> Schema {
    Schema::new(ApiDestination::block()).version(SCHEMA_VERSION)
}

model! {
    /// Manages an Amazon EventBridge API destination: an HTTPS endpoint that rules invoke as a
    /// target, with the method, the rate limit, and the connection whose authorization EventBridge
    /// adds to every call.
    pub struct ApiDestination {
        attr id: String = Attribute::string().computed().doc("The API destination's name."),
        attr name: String = Attribute::string().required().replaces().check(checks::NAME).doc(
            "Name of the API destination: 1 to 64 letters, digits, `.`, `-` or `_`. Changing it replaces the API \
             destination.",
        ),
        attr description: Option<String> = Attribute::string().optional().check(shared::DESCRIPTION).doc(
            "Description of the API destination, up to 512 characters. Removing it clears it in AWS.",
        ),
        attr connection_arn: String = Attribute::string().required().check(checks::CONNECTION_ARN).doc(
            "ARN of the connection (`eventbridge_connection`'s `arn`) whose authorization EventBridge sends with \
             every call. When the connection is replaced, the API destination follows its new ARN in place. The \
             connection must be in the API destination's Region: one of another Region is refused at plan.",
        ),
        attr invocation_endpoint: String =
            Attribute::string().required().check(checks::INVOCATION_ENDPOINT).doc(
                "HTTPS URL that EventBridge calls, up to 2048 characters. It may hold `*` path parameters that a \
                 rule target's `http_parameters` fill in.",
            ),
        attr http_method: String = Attribute::string().required().check(checks::HTTP_METHOD).doc(
            "HTTP method of the calls: `POST`, `GET`, `HEAD`, `OPTIONS`, `PUT`, `PATCH` or `DELETE`.",
        ),
        attr invocation_rate_limit_per_second: Option<i64> = Attribute::number()
            .optional()
            .default(Value::int(DEFAULT_RATE))
            .check(checks::RATE)
            .doc(
                "Most calls per second EventBridge makes to the endpoint, at least 1. AWS applies 300 when it is \
                 not set, and so does the plan; events beyond it are retried by EventBridge for up to 24 hours.",
            ),
        attr region: Option<String> = region::attribute(&KIND),
        attr arn: Option<String> = Attribute::string().computed().doc("ARN of the API destination."),
        attr arn_for_policy: Option<String> = Attribute::string().computed().doc(
            "The ARN without its trailing id (`arn:aws:events:REGION:ACCOUNT:api-destination/NAME`), for IAM \
             policies: a rule target's role needs `events:InvokeApiDestination` on `ARN_FOR_POLICY/*`.",
        ),
        attr api_destination_state: Option<String> = Attribute::string()
            .computed()
            .doc("State of the API destination after the last apply or refresh: `ACTIVE` or `INACTIVE`."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::model::full_value;

    #[test]
    fn the_model_reads_and_writes_every_attribute() {
        let mut full = full_value(ApiDestination::shape());
        // A number field reads a whole number only.
        *full.attr_mut("invocation_rate_limit_per_second").unwrap() = Value::int(7);
        assert_eq!(ApiDestination::from_value(&full).to_value(), full);
    }
}
