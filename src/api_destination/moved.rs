//! Taking over `aws_cloudwatch_event_api_destination` state from
//! hashicorp/aws (see [`crate::aws::regional::moved`]).

use crate::aws::regional::moved::Source;

pub const SOURCE: Source = Source {
    type_name: "aws_cloudwatch_event_api_destination",
    // Never versioned: v5 states (no `region`) and v6 states are both 0.
    schema_versions: &[0],
    empty_means_unset: &["description", "region"],
    zero_means_unset: &[],
    required: &["name"],
};
