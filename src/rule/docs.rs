//! What the registry pages of `eventbridge_rule` say beyond its schema:
//! import notes, tags, changes made outside Terraform, the permissions and
//! errors, how `terraform query` lists.

use super::validate;
use crate::aws::regional::Docs;

pub fn docs() -> Docs {
    Docs {
        import_notes: Some(IMPORT_NOTES),
        sections: vec![
            ("Tags", TAGS.to_string()),
            ("Changes made outside Terraform", OUTSIDE_CHANGES.to_string()),
            ("Permissions", PERMISSIONS.to_string()),
            ("Errors", ERRORS.to_string()),
        ],
        spanning_rules: validate::rules(),
        list_notes: Some(LIST_NOTES),
    }
}

const IMPORT_NOTES: &str = "A rule on another bus than the default one is imported as `BUS/NAME` (with \
`@REGION` when it is in another Region than the provider's), or by its ARN. A rule holds no secret, so the \
state an import writes is complete: the next plan shows no changes when the configuration matches what AWS \
has. Its targets are imported separately.";

const TAGS: &str = "`tags_all` holds `tags` and the provider's `default_tags` (a key in `tags` wins); keys the \
provider's `ignore_tags` names (by key or prefix) are never sent and never read back, so tags another tool \
owns are left alone. A create sends the tags with `PutRule`; an update sends only what changed with \
`TagResource` and `UntagResource`.";

const OUTSIDE_CHANGES: &str = "Every refresh reads the rule with `DescribeRule` and its tags with \
`ListTagsForResource`: a rule deleted outside Terraform is planned to be created again, and a description, \
pattern, schedule, state, role or tag changed outside Terraform shows in the plan, which sets it back. A \
pattern AWS holds as the same JSON with other whitespace or key order is no change, and neither is the bus \
given by its ARN instead of its name (or the other way round).";

const LIST_NOTES: &str = "Run `terraform query` (Terraform 1.14 or later) in a directory holding the \
`.tfquery.hcl` file; `terraform query -generate-config-out=rules.tf` also writes import blocks and \
configuration for what it finds. The arguments above go in the `list` block's `config` block: `ListRules` \
filters by name prefix and bus; without `event_bus_name` the provider lists the buses (`ListEventBuses`) and \
then the rules of each, the default bus first. The `list` block's `limit` (default 100) is honoured, and with \
`include_resource = true` each result costs a `DescribeRule` and a `ListTagsForResource`. A failed call ends \
the query with the error, after the results already found.";

/// The IAM permissions of each operation.
const PERMISSIONS: &str = "What the provider's credentials need, by operation:\n\n\
| operation | permissions | calls |\n\
|---|---|---|\n\
| create | `events:DescribeRule`, `events:PutRule`, `events:TagResource` (with tags), `iam:PassRole` (with `role_arn`) | 3 |\n\
| refresh, import, data source | `events:DescribeRule`, `events:ListTagsForResource` | 2 |\n\
| update | `events:PutRule` (a setting changed), `events:TagResource` / `events:UntagResource` (tags changed) | 1 to 3 |\n\
| destroy | `events:DeleteRule`; `events:ListTargetsByRule` when targets stay | 1 |\n\
| `terraform query` | `events:ListRules`, `events:ListEventBuses` (without a bus); with `include_resource`, those of a refresh | |\n\n\
A create reads the rule first because `PutRule` overwrites a rule of the same name: a rule that exists is \
refused, naming the import, never taken over.";

/// The errors a user can meet, and what to do about each.
const ERRORS: &str = "Each failure is one line: what was being done, to which rule in which Region, and \
AWS's error code and message. What the provider does, and what you can:\n\n\
| error | meaning | what happens, what to do |\n\
|---|---|---|\n\
| a rule of this name exists | `PutRule` would overwrite it | choose another name, or import it (the message gives the command) |\n\
| `LimitExceededException` | the bus holds as many rules as the quota allows (Service Quotas: \"Rules per event bus\", `L-244521F2`, 300 by default) | fails at once, never retried: delete rules you no longer need, or request an increase (the message gives the command) |\n\
| `ValidationException` \"cannot be assumed by principal\" | IAM has not yet propagated `role_arn`'s role | `PutRule` is sent again for up to 2 minutes, then fails with AWS's words |\n\
| `ValidationException` \"Rule can't be deleted since it has targets\" | the rule still has targets (they may have just been removed: AWS is eventually consistent) | `DeleteRule` is sent again for up to 5 minutes, then the failure names the targets still there (`ListTargetsByRule`): remove them and destroy again |\n\
| `ResourceNotFoundException` right after a create | AWS does not show the new rule yet | read again for up to 1 minute |\n\
| `ConcurrentModificationException` | another change to the rule is in progress | sent again within the bounds above |\n\
| `AccessDeniedException` | the credentials lack a permission (the message names the action) | grant what the table above lists |\n\
| `ResourceNotFoundException` on refresh or destroy | the rule is gone | a refresh plans to create it again; a destroy counts it as destroyed |\n\
| `ThrottlingException`, `InternalException`, HTTP 5xx | transient | retried up to `max_retries` (25 by default) |";
