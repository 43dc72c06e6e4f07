//! What the registry pages of `eventbridge_api_destination` say beyond its
//! schema: import notes, the permissions and errors, how `terraform query`
//! lists.

use crate::aws::regional::Docs;

pub fn docs() -> Docs {
    Docs {
        import_notes: Some(IMPORT_NOTES),
        sections: vec![
            ("Using it from a rule", USING.to_string()),
            ("Changes made outside Terraform", OUTSIDE_CHANGES.to_string()),
            ("Permissions", PERMISSIONS.to_string()),
            ("Errors", ERRORS.to_string()),
        ],
        spanning_rules: Vec::new(),
        list_notes: Some(LIST_NOTES),
    }
}

const IMPORT_NOTES: &str = "An API destination holds no secret, so the state an import writes is complete: the \
     next plan shows no changes when the configuration matches what AWS has.";

const USING: &str = "A rule invokes an API destination as one of its targets (with hashicorp/aws, \
`aws_cloudwatch_event_target` with `arn = eventbridge_api_destination.NAME.arn` and a `role_arn`). That role \
needs `events:InvokeApiDestination` on `\"${eventbridge_api_destination.NAME.arn_for_policy}/*\"`: without it \
EventBridge never calls the endpoint, and says so only in the target's failed invocation metrics. \
EventBridge calls HTTPS endpoints only, with the connection's authorization, and gives each call 5 seconds; \
events it cannot deliver (or beyond `invocation_rate_limit_per_second`) are retried for up to 24 hours.";

const OUTSIDE_CHANGES: &str = "Every refresh reads the API destination with `DescribeApiDestination`: a \
destination deleted outside Terraform is planned to be created again, and a description, endpoint, method, \
rate or connection changed outside Terraform shows in the plan, which sets it back. A description removed \
from the configuration is cleared in AWS (the update sends it empty).";

const LIST_NOTES: &str =
    "Run `terraform query` (Terraform 1.14 or later) in a directory holding the `.tfquery.hcl` file; \
     `terraform query -generate-config-out=destinations.tf` also writes import blocks and configuration for what \
     it finds. The arguments above go in the `list` block's `config` block; `ListApiDestinations` filters by both. \
     The `list` block's `limit` (default 100) is honoured: the provider stops paging once it has that many, asks \
     for at most 100 per page, and calls `DescribeApiDestination` once per result only with \
     `include_resource = true`. A failed call ends the query with the error, after the results already found.";

/// The IAM permissions of each operation.
const PERMISSIONS: &str = "What the provider's credentials need, by operation:\n\n\
| operation | permissions |\n\
|---|---|\n\
| create | `events:CreateApiDestination` |\n\
| refresh, import, data source | `events:DescribeApiDestination` |\n\
| update | `events:UpdateApiDestination` |\n\
| destroy | `events:DeleteApiDestination` |\n\
| `terraform query` | `events:ListApiDestinations`; with `include_resource`, `events:DescribeApiDestination` |\n\n\
Each is one call: AWS answers every write with the ARN and the state, so nothing waits.";

/// The errors a user can meet, and what to do about each.
const ERRORS: &str = "Each failure is one line: what was being done, to which API destination in which Region, \
and AWS's error code and message. What the provider does, and what you can:\n\n\
| error | meaning | what happens, what to do |\n\
|---|---|---|\n\
| `LimitExceededException` | the account's quota of API destinations in the Region is reached (Service Quotas: \"API destinations\", `L-FB1C3A6D`, 3,000 by default) | fails at once, never retried: delete API destinations you no longer need, or request an increase (the message gives the command) |\n\
| `ResourceAlreadyExistsException` | the name is taken in this account and Region | choose another name, or import the existing API destination (the message gives the command) |\n\
| `ResourceNotFoundException` on create or update | `connection_arn` names no connection in this account and Region | point it at an existing connection, usually `eventbridge_connection.NAME.arn` |\n\
| `ConcurrentModificationException` | another change to the API destination is in progress | the update or delete is sent again up to 5 times over at most 15 seconds; if it still conflicts, the prior state is kept: apply again |\n\
| `AccessDeniedException` | the credentials lack a permission (the message names the action) | grant what the table above lists |\n\
| `ResourceNotFoundException` on refresh or destroy | the API destination is gone | a refresh plans to create it again; a destroy counts it as destroyed |\n\
| `ThrottlingException`, `InternalException`, HTTP 5xx | transient | retried up to `max_retries` (25 by default) |\n\
| the endpoint could not be reached | DNS, TLS or connection failure | 3 attempts or 10 seconds, then a clear error naming the endpoint and the Region |";
