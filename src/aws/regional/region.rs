//! The Region of a regional resource: its own `region` argument, else the
//! provider's, so that one provider manages resources in many Regions.

use aws_sdk_eventbridge::Client;

use super::Kind;
use crate::aws::region::region_problem;
use crate::aws::AwsClient;
use crate::tfplugin::{Attribute, AttributePath, Check, Diagnostics, Value};

/// The Region a resource lives in, and the EventBridge client for it.
pub struct Regional {
    pub region: String,
    pub client: Client,
}

impl Regional {
    /// `region` (the resource's argument), else the provider's Region.
    pub fn of(aws: &AwsClient, region: Option<&str>) -> Regional {
        let region = region_or_default(aws, region);
        let client = aws.eventbridge(Some(&region));
        Regional { region, client }
    }
}

/// `region` when set, else the provider's Region.
pub fn region_or_default(aws: &AwsClient, region: Option<&str>) -> String {
    region
        .filter(|r| !r.is_empty())
        .unwrap_or(aws.default_region())
        .to_string()
}

/// The form of a Region name, checked at plan time.
pub const CHECK: Check = Check {
    rule: || {
        "An AWS Region name: lower case, an area, a direction and a number (`eu-central-2`, `us-gov-west-1`).".into()
    },
    run: check_region,
};

fn check_region(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(region_problem) else {
        return;
    };
    diags.error_at(
        at,
        "Invalid AWS Region",
        format!("{problem} Or remove the argument to use the provider's Region."),
    );
}

/// The `region` argument of a managed resource: optional, the provider's
/// when unset (the plan fills it in, see [`plan`]), and moving it replaces
/// the object.
pub fn attribute(kind: &Kind) -> Attribute {
    let noun = kind.noun;
    Attribute::string()
        .optional()
        .computed()
        .replaces()
        .check(CHECK)
        .doc(&format!(
            "AWS Region of the {noun}. Defaults to the provider's region; changing it replaces the {noun}. Lets one \
         provider manage {noun}s in many Regions."
        ))
}

/// The `region` argument of a data source or a list: where to look, the
/// provider's Region when unset. `what` completes "Region …".
pub fn lookup_attribute(what: &str) -> Attribute {
    Attribute::string()
        .optional()
        .check(CHECK)
        .doc(&format!("Region {what}; defaults to the provider's."))
}

/// The plan rule: `id` is the name, and an unset `region` is the
/// provider's (so a state taken over without one is not replaced for it).
pub fn plan(state: &mut Value, config: &Value, default_region: &str) {
    let name = state.attr("name").clone();
    if let Some(id) = state.attr_mut("id") {
        *id = name;
    }
    if config.attr("region").is_null() {
        if let Some(region) = state.attr_mut("region") {
            *region = Value::string(default_region);
        }
    }
}
