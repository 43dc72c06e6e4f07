//! Taking over `aws_cloudwatch_event_connection` state from hashicorp/aws
//! (a `moved` block across providers, protocol 6.5), so that a team can
//! switch providers without recreating connections.

use crate::tfplugin::{decode_json, Diagnostics, MoveRequest, MoveResponse, Type, Value};

/// The only source this provider understands.
const SOURCE_TYPE: &str = "aws_cloudwatch_event_connection";
const SOURCE_PROVIDERS: [&str; 2] = [
    "registry.terraform.io/hashicorp/aws",
    "registry.opentofu.org/hashicorp/aws",
];
/// hashicorp/aws never versioned this resource's schema.
const SOURCE_SCHEMA_VERSION: i64 = 0;

/// Optional strings the source provider (SDKv2) stores as "" when unset;
/// here they are null, as in a configuration that leaves them out.
const EMPTY_MEANS_UNSET: [&str; 5] = [
    "description",
    "kms_key_identifier",
    "region",
    "value",
    "resource_association_arn",
];

pub fn move_state(req: &MoveRequest<'_>, ty: &Type) -> MoveResponse {
    let mut diagnostics = Diagnostics::new();
    if req.source_type_name != SOURCE_TYPE || !SOURCE_PROVIDERS.contains(&req.source_provider_address) {
        diagnostics.error(
            "Unsupported move",
            format!(
                "eventbridge_connection can take over the state of {SOURCE_TYPE} from hashicorp/aws only, not {} \
                 from {}.",
                req.source_type_name, req.source_provider_address
            ),
        );
        return MoveResponse {
            diagnostics,
            ..Default::default()
        };
    }
    if req.source_schema_version != SOURCE_SCHEMA_VERSION {
        diagnostics.error(
            "Unsupported source schema version",
            format!(
                "{SOURCE_TYPE} state has schema version {}; only version {SOURCE_SCHEMA_VERSION} is known.",
                req.source_schema_version
            ),
        );
        return MoveResponse {
            diagnostics,
            ..Default::default()
        };
    }
    // Same attribute names and block shapes: decode with our schema,
    // ignoring what only the source has.
    let mut state = match decode_json(req.source_state_json, ty, true) {
        Ok(v) => v,
        Err(e) => {
            diagnostics.error(
                "Invalid source state",
                format!("The {SOURCE_TYPE} state at {}: {e}", e.path),
            );
            return MoveResponse {
                diagnostics,
                ..Default::default()
            };
        }
    };
    normalize(&mut state);
    if state.attr("id").is_null() {
        let name = state.attr("name").clone();
        if let Some(id) = state.attr_mut("id") {
            *id = name;
        }
    }
    if state.attr("name").as_str().is_none_or(str::is_empty) {
        diagnostics.error("Invalid source state", format!("The {SOURCE_TYPE} state has no name."));
        return MoveResponse {
            diagnostics,
            ..Default::default()
        };
    }
    MoveResponse {
        state: Some(state),
        diagnostics,
        ..Default::default()
    }
}

fn normalize(v: &mut Value) {
    match v {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if EMPTY_MEANS_UNSET.contains(&name.as_str()) && field.as_str() == Some("") {
                    *field = Value::Null;
                } else {
                    normalize(field);
                }
            }
        }
        Value::List(items) => items.iter_mut().for_each(normalize),
        _ => {}
    }
}
