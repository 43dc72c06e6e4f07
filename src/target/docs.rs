//! What the registry pages of `eventbridge_target` say beyond its schema:
//! import notes, the role of an API destination target, the 5 targets of a
//! rule, changes made outside Terraform, permissions and errors, how
//! `terraform query` lists.

use super::validate;
use crate::aws::regional::Docs;

pub fn docs() -> Docs {
    Docs {
        import_notes: Some(IMPORT_NOTES),
        sections: vec![
            ("The role of an API destination target", ROLE.to_string()),
            ("Five targets per rule", LIMIT.to_string()),
            ("Changes made outside Terraform", OUTSIDE_CHANGES.to_string()),
            ("Permissions", PERMISSIONS.to_string()),
            ("Errors", ERRORS.to_string()),
        ],
        spanning_rules: validate::rules(),
        list_notes: Some(LIST_NOTES),
    }
}

const IMPORT_NOTES: &str = "A target is imported as `RULE/TARGET_ID`, or `BUS/RULE/TARGET_ID` for a rule on \
another bus than the default one (the bus by name or ARN; a partner bus's name may hold `/`), with `@REGION` \
when it is in another Region than the provider's — the forms hashicorp/aws takes too. A target holds no secret, \
so the state an import writes is complete: the next plan shows no changes when the configuration matches what \
AWS has.";

const ROLE: &str = "EventBridge calls an API destination with the role in `role_arn`: a role that \
`events.amazonaws.com` may assume, allowed `events:InvokeApiDestination` on the destination's ARN. The role \
comes from IAM (for example `aws_iam_role` and `aws_iam_role_policy` of hashicorp/aws); a target to an API \
destination without `role_arn` is refused at plan, as AWS would refuse it at apply.";

const LIMIT: &str = "A rule has at most 5 targets, a limit AWS does not raise. The targets a configuration \
gives one rule are counted at plan: the sixth is refused there, naming the rule. A rule that already has 5 \
targets made outside this configuration is found by the create's first call, which then fails at once naming \
them, instead of retrying (hashicorp/aws retries for up to an hour).";

const OUTSIDE_CHANGES: &str = "Every refresh reads the rule's targets with `ListTargetsByRule` (every page): \
a target removed outside Terraform, or whose rule was deleted, is planned to be created again; an argument \
changed outside Terraform shows in the plan, which sets it back. An `input` AWS holds as the same JSON with \
other whitespace or key order is no change, and neither is the bus given by its ARN instead of its name.";

const LIST_NOTES: &str = "Run `terraform query` (Terraform 1.14 or later) in a directory holding the \
`.tfquery.hcl` file. With `rule`, the provider lists that rule's targets (`ListTargetsByRule`); with \
`target_arn` alone, it asks `ListRuleNamesByTarget` which rules send to the ARN (on `event_bus_name`, or on \
every bus of the Region, listed with `ListEventBuses`) and lists each one's targets that do. A listed target is \
whole, so `include_resource = true` costs no further call. The `list` block's `limit` (default 100) is \
honoured; a failed call ends the query with the error, after the results already found.";

/// The IAM permissions of each operation.
const PERMISSIONS: &str = "What the provider's credentials need, by operation:\n\n\
| operation | permissions | calls |\n\
|---|---|---|\n\
| create | `events:ListTargetsByRule`, `events:PutTargets`, `iam:PassRole` (with `role_arn`) | 3 |\n\
| refresh, import, data source | `events:ListTargetsByRule` | 1 |\n\
| update | `events:PutTargets`, `iam:PassRole` (with `role_arn`) | 1 |\n\
| destroy | `events:RemoveTargets` | 1 |\n\
| `terraform query` | `events:ListTargetsByRule`; with `target_arn`, `events:ListRuleNamesByTarget` (and `events:ListEventBuses` without a bus) | |\n\n\
A create lists the rule's targets first because `PutTargets` overwrites a target of the same id: one that \
exists is refused, naming the import, never taken over.";

/// The errors a user can meet, and what to do about each.
const ERRORS: &str = "Each failure is one line: what was being done, to which target (`[BUS/]RULE/TARGET_ID`) \
in which Region, and AWS's error code and message. What the provider does, and what you can:\n\n\
| error | meaning | what happens, what to do |\n\
|---|---|---|\n\
| a target of this id exists | `PutTargets` would overwrite it | choose another `target_id`, or import it (the message gives the command) |\n\
| the rule has 5 targets; `LimitExceededException` | the limit of targets per rule | fails at once, never retried, naming the targets there: remove one, or use another rule |\n\
| `FailedEntries` in an answer | AWS refused this target (for example a missing role, or a parameter the target's kind does not take) | fails with AWS's code and message for the entry; the state keeps what exists |\n\
| `ResourceNotFoundException` on create | the rule does not exist (or not yet: AWS is eventually consistent) | listed again for up to 1 minute, then fails: check `rule` and `event_bus_name` |\n\
| `ConcurrentModificationException` (error or failed entry) | another change to the rule is in progress | sent again up to 5 times |\n\
| `AccessDeniedException` | the credentials lack a permission (the message names the action) | grant what the table above lists |\n\
| `ResourceNotFoundException` on refresh or destroy | the target or its rule is gone | a refresh plans to create it again; a destroy counts it as destroyed |\n\
| `ThrottlingException`, `InternalException`, HTTP 5xx | transient | retried up to `max_retries` (25 by default) |";
