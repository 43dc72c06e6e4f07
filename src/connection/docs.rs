//! What the registry pages of `eventbridge_connection` say beyond its
//! schema: import notes, how secrets follow changes made outside Terraform,
//! the rules that span attributes, and how `terraform query` lists.

use super::validate;
use crate::aws::regional::Docs;

pub fn docs() -> Docs {
    Docs {
        import_notes: Some(IMPORT_NOTES),
        sections: vec![("Changes made outside Terraform", OUTSIDE_CHANGES.to_string())],
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
