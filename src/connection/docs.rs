//! What the registry pages of `eventbridge_connection` say beyond its
//! schema: import notes, how secrets follow changes made outside Terraform,
//! the rules that span attributes, and how `terraform query` lists.

use super::validate;
use crate::aws::regional::Docs;

pub fn docs() -> Docs {
    Docs {
        import_notes: Some(IMPORT_NOTES),
        sections: vec![
            ("Changes made outside Terraform", OUTSIDE_CHANGES.to_string()),
            ("Permissions", PERMISSIONS.to_string()),
            ("Errors", ERRORS.to_string()),
        ],
        spanning_rules: validate::spanning_rules(),
        list_notes: Some(LIST_NOTES),
    }
}

/// What to expect after an import.
const IMPORT_NOTES: &str =
    "AWS never returns a connection's secrets (the API key value, the password, the client secret, and the \
         values of secret HTTP parameters), so an imported state has none: the first plan after an import shows \
         an update in place that sets them again from the configuration. Apply it, and the next plan shows no \
         changes.";

/// How the connection's secrets follow changes made outside Terraform.
const OUTSIDE_CHANGES: &str =
    "AWS never returns a connection's secrets, so a refresh cannot see them change. This resource remembers \
         when AWS last modified the connection after each of its own applies (in Terraform's private state, never \
         shown). If a refresh finds a later `LastModifiedTime`, the connection was changed outside Terraform and the \
         secrets AWS holds may no longer be the configured ones: the plan proposes an update in place \
         (`connection_state` becomes known after apply) that sends the configured secrets again, whether they are \
         set with `value`, `password` and `client_secret` or with their `*_wo` twins, and a warning names the time of \
         the outside change.\n\n\
         A connection found `DEAUTHORIZED` or `DEAUTHORIZING` is authorized again the same way, and the warning \
         shows AWS's `state_reason`. This covers `DeauthorizeConnection`, which removes the secrets, and EventBridge \
         deauthorizing a connection itself after a 401/407 answer, a failed OAuth token refresh, a deleted secret or \
         a KMS error. If the last apply itself left the connection deauthorized, the plan only warns: the same \
         credentials would fail again, so correct them in the configuration.\n\n\
         **OAuth connections**: EventBridge refreshes OAuth tokens by itself, and AWS does not document whether that \
         moves `LastModifiedTime`. A change that coincides with a new authorization (`LastAuthorizedTime` moved too, \
         within a minute of it) is therefore taken for a token refresh and ignored. An outside change of an OAuth \
         client secret that AWS re-authorized at once can go unnoticed; bump `secrets_wo_version` or re-apply to be \
         sure.\n\n\
         When nothing changed outside there is no diff and no extra AWS call: the check uses the \
         `DescribeConnection` that the refresh makes anyway. A state written by an earlier release is watched from \
         its next refresh on.";

/// How the list resource's query runs, for its page.
const LIST_NOTES: &str =
    "Run `terraform query` (Terraform 1.14 or later) in a directory holding the `.tfquery.hcl` file; \
     `terraform query -generate-config-out=connections.tf` also writes import blocks and configuration for what it \
     finds. The arguments above go in the `list` block's `config` block. The `list` block's `limit` (default 100) is \
     honoured: the provider stops paging once it has that many, asks `ListConnections` for at most 100 per page, \
     and calls `DescribeConnection` once per result only with `include_resource = true`. Secrets are always null, \
     because AWS never returns them: fill in `value`, `password` or `client_secret` (or their `*_wo` twins) in the \
     generated configuration before applying. A failed call ends the query with the error, after the results \
     already found.";

/// The IAM permissions of each operation (AWS's EventBridge user guide:
/// service-linked roles, encrypting connections).
const PERMISSIONS: &str = "What the provider's credentials need, by operation:\n\n\
| operation | permissions |\n\
|---|---|\n\
| create | `events:CreateConnection`, `events:DescribeConnection` (the wait for authorization) |\n\
| refresh, import, data source | `events:DescribeConnection` |\n\
| update | `events:UpdateConnection`, `events:DescribeConnection` |\n\
| destroy | `events:DeleteConnection`, `events:DescribeConnection` |\n\
| `terraform query` | `events:ListConnections`; with `include_resource`, `events:DescribeConnection` |\n\n\
EventBridge keeps the secrets in a Secrets Manager secret named `events!connection/NAME/...`, which it creates, \
changes and deletes itself through its service-linked role `AWSServiceRoleForAmazonEventBridgeApiDestinations` \
(policy `AmazonEventBridgeApiDestinationsServiceRolePolicy`). EventBridge creates that role with the account's \
first connection, which then also needs `iam:CreateServiceLinkedRole` for \
`apidestinations.events.amazonaws.com`.\n\n\
With `kms_key_identifier`, the key's policy must let EventBridge use it (`kms:DescribeKey`, \
`kms:GenerateDataKey`, `kms:Decrypt`), and the key must carry the tag `EventBridgeApiDestinations = true` \
(AWS's \"Encrypting EventBridge connection authorization\" page); otherwise EventBridge cannot use it.";

/// The errors a user can meet, and what to do about each.
const ERRORS: &str = "Each failure is one line: what was being done, to which connection in which Region, \
and AWS's error code and message. What the provider does, and what you can:\n\n\
| error | meaning | what happens, what to do |\n\
|---|---|---|\n\
| `LimitExceededException` | the account's quota of connections in the Region is reached (Service Quotas: \"Connections\", `L-595D6D42`, 3,000 by default) | fails at once, never retried: delete connections you no longer need, or request an increase (the message gives the command) |\n\
| `ResourceAlreadyExistsException` | the name is taken in this account and Region | choose another name, or import the existing connection (the message gives the command) |\n\
| `ConcurrentModificationException` | another change to the connection is in progress | the update or delete is sent again up to 5 times over at most 15 seconds; if it still conflicts, the prior state is kept: apply again |\n\
| `AccessDeniedException` | the credentials lack a permission (the message names the action), or EventBridge may not use the KMS key | grant what the table above lists |\n\
| `ResourceNotFoundException` | the connection is gone | a refresh plans to create it again; a destroy counts it as destroyed |\n\
| `ThrottlingException`, `InternalException`, HTTP 5xx | transient | retried up to `max_retries` (25 by default) |\n\
| the endpoint could not be reached | DNS, TLS or connection failure | 3 attempts or 10 seconds, then a clear error naming the endpoint and the Region |\n\
| state `DEAUTHORIZED` after an apply | AWS could not authorize with the credentials given | a warning with AWS's reason; correct the credentials |";
