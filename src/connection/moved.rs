//! Taking over `aws_cloudwatch_event_connection` state from hashicorp/aws
//! (see [`crate::aws::regional::moved`]).

use crate::aws::regional::moved::Source;

pub const SOURCE: Source = Source {
    type_name: "aws_cloudwatch_event_connection",
    // hashicorp/aws never versioned this resource's schema.
    schema_versions: &[0],
    empty_means_unset: &[
        "description",
        "kms_key_identifier",
        "region",
        "value",
        "resource_association_arn",
    ],
    zero_means_unset: &[],
    required: &["name"],
};
