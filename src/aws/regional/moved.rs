//! Taking over state from hashicorp/aws (a `moved` block across providers,
//! protocol 6.5), so that a team can switch providers without recreating
//! anything: each type names its source and which of the source's empty
//! strings mean "unset"; the names and block shapes are the same.

use super::Kind;
use crate::tfplugin::{decode_json, Diagnostics, MoveRequest, MoveResponse, Type, Value};

/// The providers a state may come from.
const SOURCE_PROVIDERS: [&str; 2] = [
    "registry.terraform.io/hashicorp/aws",
    "registry.opentofu.org/hashicorp/aws",
];

/// The hashicorp/aws resource type a type takes state over from.
pub struct Source {
    /// e.g. `aws_cloudwatch_event_connection`.
    pub type_name: &'static str,
    /// The schema versions it has had that this provider reads.
    pub schema_versions: &'static [i64],
    /// Optional strings the source (SDKv2) stores as "" when unset; here
    /// they are null, as in a configuration that leaves them out.
    pub empty_means_unset: &'static [&'static str],
    /// Optional numbers and booleans the source stores as 0 or `false`
    /// when unset; here they are null.
    pub zero_means_unset: &'static [&'static str],
    /// What picks out the object: a state without one of them is refused.
    pub required: &'static [&'static str],
}

/// `req`'s state decoded with this type's schema `ty` (what only the
/// source has is dropped), `id` filled in from `name` when it has none.
pub fn move_state(kind: &Kind, source: &Source, req: &MoveRequest<'_>, ty: &Type) -> MoveResponse {
    let refused = |summary: &str, detail: String| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(summary, detail);
        MoveResponse {
            diagnostics,
            ..Default::default()
        }
    };
    let from = source.type_name;
    if req.source_type_name != from || !SOURCE_PROVIDERS.contains(&req.source_provider_address) {
        return refused(
            "Unsupported move",
            format!(
                "{} can take over the state of {from} from hashicorp/aws only, not {} from {}.",
                kind.type_name, req.source_type_name, req.source_provider_address
            ),
        );
    }
    if !source.schema_versions.contains(&req.source_schema_version) {
        return refused(
            "Unsupported source schema version",
            format!(
                "{from} state has schema version {}; only version {:?} is known.",
                req.source_schema_version, source.schema_versions
            ),
        );
    }
    let mut state = match decode_json(req.source_state_json, ty, true) {
        Ok(v) => v,
        Err(e) => return refused("Invalid source state", format!("The {from} state at {}: {e}", e.path)),
    };
    normalize(&mut state, source);
    if state.attr("id").is_null() {
        let name = state.attr("name").clone();
        if let Some(id) = state.attr_mut("id") {
            *id = name;
        }
    }
    if let Some(missing) = source
        .required
        .iter()
        .find(|name| state.attr(name).as_str().is_none_or(str::is_empty))
    {
        return refused("Invalid source state", format!("The {from} state has no {missing}."));
    }
    MoveResponse {
        state: Some(state),
        ..Default::default()
    }
}

fn normalize(v: &mut Value, source: &Source) {
    match v {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                let name = name.as_str();
                let empty = source.empty_means_unset.contains(&name) && field.as_str() == Some("");
                let zero = source.zero_means_unset.contains(&name)
                    && (field.as_bool() == Some(false) || field.as_number().and_then(|n| n.as_i64()) == Some(0));
                if empty || zero {
                    *field = Value::Null;
                } else {
                    normalize(field, source);
                }
            }
        }
        Value::List(items) | Value::Set(items) => items.iter_mut().for_each(|item| normalize(item, source)),
        _ => {}
    }
}
