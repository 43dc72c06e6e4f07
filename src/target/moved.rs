//! Taking over `aws_cloudwatch_event_target` state from hashicorp/aws (see
//! [`crate::aws::regional::moved`]). Its id is `RULE-TARGET_ID` or
//! `BUS-RULE-TARGET_ID`, which cannot be split (`-` may be in each part);
//! here the id is made again from the attributes, and a bus left empty is
//! the default one. hashicorp/aws (SDKv2) stores an unset string as `""`
//! and an unset number or boolean as 0 or `false`: those whose 0 AWS would
//! refuse, or that a configuration rarely sets to 0, are taken as unset.

use super::schema::{self, id_of};
use crate::aws::regional::moved::{self as kit, Source};
use crate::aws::regional::DEFAULT_BUS;
use crate::tfplugin::{MoveRequest, MoveResponse, Value};

pub const SOURCE: Source = Source {
    type_name: "aws_cloudwatch_event_target",
    // Version 1 since hashicorp/aws 3.x (5.x and 6.x states alike); 0 is
    // the older shape, whose attributes are the same for what is read here.
    schema_versions: &[0, 1],
    empty_means_unset: &[
        "region",
        "event_bus_name",
        "role_arn",
        "input",
        "input_path",
        "partition_key_path",
        "message_group_id",
        "launch_type",
        "platform_version",
        "group",
        "propagate_tags",
        "expression",
        "field",
        "db_user",
        "secrets_manager_arn",
        "sql",
        "statement_name",
        "graphql_operation",
    ],
    zero_means_unset: &[
        "maximum_event_age_in_seconds",
        "array_size",
        "job_attempts",
        "weight",
        "base",
        "with_event",
    ],
    required: &["rule", "target_id", "arn"],
};

/// The state a move from hashicorp/aws leaves: the kit's, with the bus and
/// id this provider plans.
pub fn move_state(req: &MoveRequest<'_>) -> MoveResponse {
    let mut moved = kit::move_state(&super::KIND, &SOURCE, req, &schema::cached().value_type());
    if let Some(state) = &mut moved.state {
        settle(state);
    }
    moved
}

fn settle(state: &mut Value) {
    if state.attr("event_bus_name").is_null() {
        if let Some(bus) = state.attr_mut("event_bus_name") {
            *bus = Value::string(DEFAULT_BUS);
        }
    }
    let id = match (
        state.attr("event_bus_name").as_str(),
        state.attr("rule").as_str(),
        state.attr("target_id").as_str(),
    ) {
        (Some(bus), Some(rule), Some(target_id)) => Value::string(id_of(bus, rule, target_id)),
        _ => return,
    };
    if let Some(v) = state.attr_mut("id") {
        *v = id;
    }
    // A dead-letter block's `arn` "" is unset (the name `arn` is the
    // target's own too, which is required, so it is not listed above).
    if let Some(Value::List(blocks)) = state.attr_mut("dead_letter_config") {
        for block in blocks {
            if block.attr("arn").as_str() == Some("") {
                if let Some(arn) = block.attr_mut("arn") {
                    *arn = Value::Null;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(json: &str, version: i64) -> MoveResponse {
        move_state(&MoveRequest {
            source_provider_address: "registry.terraform.io/hashicorp/aws",
            source_type_name: "aws_cloudwatch_event_target",
            source_schema_version: version,
            source_state_json: json.as_bytes(),
            source_private: &[],
        })
    }

    #[test]
    fn a_v5_state_keeps_its_values_and_gets_this_providers_id() {
        let json = r#"{"id":"orders-nightly-api","rule":"nightly","event_bus_name":"orders","target_id":"api",
            "arn":"arn:aws:events:us-east-1:123456789012:api-destination/crm/1","role_arn":"",
            "input":"","input_path":"","force_destroy":false,
            "retry_policy":[{"maximum_event_age_in_seconds":0,"maximum_retry_attempts":3}],
            "dead_letter_config":[{"arn":""}],
            "http_target":[{"header_parameters":{"x-a":"b"},"path_parameter_values":[],"query_string_parameters":{}}],
            "input_transformer":[],"ecs_target":[],"batch_target":[],"kinesis_target":[],"sqs_target":[],
            "redshift_target":[],"sagemaker_pipeline_target":[],"run_command_targets":[]}"#;
        let state = moved(json, 1).state.expect("moved");
        assert_eq!(state.attr("id"), &Value::string("orders/nightly/api"));
        assert_eq!(state.attr("role_arn"), &Value::Null);
        assert_eq!(state.attr("input"), &Value::Null);
        let retry = &state.attr("retry_policy").elements()[0];
        assert_eq!(retry.attr("maximum_event_age_in_seconds"), &Value::Null);
        assert_eq!(retry.attr("maximum_retry_attempts"), &Value::int(3));
        assert_eq!(state.attr("dead_letter_config").elements()[0].attr("arn"), &Value::Null);
        let default_bus = moved(
            r#"{"id":"nightly-api","rule":"nightly","event_bus_name":"","target_id":"api","arn":"arn:aws:sqs:us-east-1:1:q"}"#,
            1,
        );
        assert_eq!(
            default_bus.state.expect("moved").attr("id"),
            &Value::string("nightly/api")
        );
        let nameless = moved(r#"{"id":"x","rule":"nightly","arn":"a"}"#, 1);
        assert!(nameless.state.is_none());
    }
}
