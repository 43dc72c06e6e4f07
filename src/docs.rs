//! The registry documentation of this provider: `docs/` rendered from the
//! schemas' descriptions and the tested files under `examples/`, one page
//! for the provider and one for each resource and data source it serves.
//!
//! `examples/` follows the registry layout:
//! - `provider/provider.tf`;
//! - `resources/TYPE/resource.tf`, the page's main example; `import.sh`
//!   (`terraform import` commands) and `import-by-identity.tf` for its
//!   Import section; every other `*.tf` file, and `main.tf` in each
//!   subdirectory, as a further example;
//! - `data-sources/TYPE/data-source.tf`, and further examples likewise;
//! - `list-resources/TYPE/list-resource.tfquery.hcl` (Terraform 1.14+).
//!
//! A further example opens with a comment whose text up to the first colon
//! is its heading: `# Basic authorization: a user name and a password.`

use std::io::{Error, ErrorKind};
use std::path::{Path, PathBuf};

use crate::connection::TYPE_NAME;
use crate::provider::EventBridgeProvider;
use crate::tfplugin::docs::{render, Import, Page, PageKind};
use crate::tfplugin::Provider;
use crate::PROVIDER_ADDRESS;

/// What the Import section of a resource's page says beyond the syntax.
fn import_notes(type_name: &str) -> Option<&'static str> {
    (type_name == TYPE_NAME).then_some(
        "AWS never returns a connection's secrets (the API key value, the password, the client secret, and the \
         values of secret HTTP parameters), so an imported state has none: the first plan after an import shows \
         an update in place that sets them again from the configuration. Apply it, and the next plan shows no \
         changes.",
    )
}

/// How a list resource's query runs, for its page.
const LIST_NOTES: &str =
    "Run `terraform query` (Terraform 1.14 or later) in a directory holding the `.tfquery.hcl` file; \
     `terraform query -generate-config-out=connections.tf` also writes import blocks and configuration for what it \
     finds. The arguments above go in the `list` block's `config` block. The `list` block's `limit` (default 100) is \
     honoured: the provider stops paging once it has that many, asks `ListConnections` for at most 100 per page, \
     and calls `DescribeConnection` once per result only with `include_resource = true`. Secrets are always null, \
     because AWS never returns them: fill in `value`, `password` or `client_secret` (or their `*_wo` twins) in the \
     generated configuration before applying. A failed call ends the query with the error, after the results \
     already found.";

/// What a resource's page says after its schema, beyond the generic parts.
fn sections(type_name: &str) -> Vec<(&'static str, String)> {
    if type_name != TYPE_NAME {
        return Vec::new();
    }
    vec![
        ("Changes made outside Terraform", OUTSIDE_CHANGES.to_string()),
        ("Checked at plan time", checked_at_plan()),
    ]
}

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

/// What validation checks before any call, worded by the rules themselves.
fn checked_at_plan() -> String {
    let rules: Vec<String> = crate::connection::constraints()
        .iter()
        .map(|(arguments, rule)| {
            let names: Vec<String> = arguments.split(", ").map(|a| format!("`{a}`")).collect();
            format!("- {}: {rule}", names.join(", "))
        })
        .collect();
    format!(
        "These rules are AWS's own (its service model), checked by `terraform validate` and `plan` before any \
         call, so a value AWS would refuse never gets as far as `apply`. A value known only at apply is checked \
         then, before any call. Lengths count characters as AWS does: one outside the Basic Multilingual Plane \
         (such as an emoji) counts twice.\n\n{}",
        rules.join("\n")
    )
}

fn read(path: &Path) -> std::io::Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// The heading of a further example: its opening comment up to the first
/// colon (or full stop).
fn heading(path: &Path, example: &str) -> std::io::Result<String> {
    let comment: Vec<&str> = example
        .lines()
        .map_while(|l| l.strip_prefix('#'))
        .map(str::trim)
        .collect();
    let text = comment.join(" ");
    let end = text.find(':').or_else(|| text.find(". ")).unwrap_or(text.len());
    let heading = text[..end].trim().trim_end_matches('.');
    if heading.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!(
                "{}: an example opens with a comment `# Heading: what it shows`",
                path.display()
            ),
        ));
    }
    Ok(heading.to_string())
}

/// The examples of a page in `dir`: `main` first (no heading), then every
/// other `*.tf` file and every subdirectory's `main.tf`, by name, each
/// under its heading. `import*` files belong to the Import section.
fn examples_in(dir: &Path, main: &str) -> std::io::Result<Vec<(String, String)>> {
    let mut examples = vec![(String::new(), read(&dir.join(main))?)];
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(e.kind(), format!("{}: {e}", dir.display())))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let file = if path.is_dir() {
            path.join("main.tf")
        } else if name.ends_with(".tf") && name != main && !name.starts_with("import") {
            path.clone()
        } else {
            continue;
        };
        let example = read(&file)?;
        examples.push((heading(&file, &example)?, example));
    }
    Ok(examples)
}

fn read_if_present(path: &Path) -> std::io::Result<Option<String>> {
    if path.exists() {
        read(path).map(Some)
    } else {
        Ok(None)
    }
}

/// `eventbridge_connection` → `connection`: the registry names pages
/// without the provider's prefix.
fn page_file(provider: &str, type_name: &str) -> String {
    let short = type_name
        .strip_prefix(provider)
        .and_then(|rest| rest.strip_prefix('_'))
        .unwrap_or(type_name);
    format!("{short}.md")
}

/// Every page, as (path under `docs/`, markdown).
pub fn pages(examples: &Path) -> std::io::Result<Vec<(PathBuf, String)>> {
    let provider = EventBridgeProvider;
    let name = PROVIDER_ADDRESS.rsplit('/').next().unwrap_or(PROVIDER_ADDRESS);
    let provider_schema = provider.schema();
    let mut pages = vec![(
        PathBuf::from("index.md"),
        render(&Page {
            kind: PageKind::Provider,
            name,
            schema: &provider_schema,
            examples: vec![(String::new(), read(&examples.join("provider/provider.tf"))?)],
            import: None,
            sections: Vec::new(),
        }),
    )];

    for resource in provider.resources() {
        let type_name = resource.type_name();
        let dir = examples.join("resources").join(type_name);
        let schema = resource.schema();
        let identity_schema = resource.identity_schema();
        let by_identity = match (&identity_schema, read_if_present(&dir.join("import-by-identity.tf"))?) {
            (Some(schema), Some(example)) => Some((example, schema)),
            _ => None,
        };
        let import = read_if_present(&dir.join("import.sh"))?.map(|command| Import {
            by_identity,
            command,
            notes: import_notes(type_name).map(str::to_string),
        });
        let page = Page {
            kind: PageKind::Resource,
            name: type_name,
            schema: &schema,
            examples: examples_in(&dir, "resource.tf")?,
            import,
            sections: sections(type_name),
        };
        pages.push((Path::new("resources").join(page_file(name, type_name)), render(&page)));
    }

    for data_source in provider.data_sources() {
        let type_name = data_source.type_name();
        let dir = examples.join("data-sources").join(type_name);
        let schema = data_source.schema();
        let page = Page {
            kind: PageKind::DataSource,
            name: type_name,
            schema: &schema,
            examples: examples_in(&dir, "data-source.tf")?,
            import: None,
            sections: Vec::new(),
        };
        pages.push((
            Path::new("data-sources").join(page_file(name, type_name)),
            render(&page),
        ));
    }

    for list in provider.list_resources() {
        let type_name = list.type_name();
        let dir = examples.join("list-resources").join(type_name);
        let schema = list.schema();
        let page = Page {
            kind: PageKind::ListResource,
            name: type_name,
            schema: &schema,
            examples: examples_in(&dir, "list-resource.tfquery.hcl")?,
            import: None,
            sections: vec![("Querying", LIST_NOTES.to_string())],
        };
        pages.push((
            Path::new("list-resources").join(page_file(name, type_name)),
            render(&page),
        ));
    }
    Ok(pages)
}

/// Writes every page under `docs_dir`.
pub fn write(examples: &Path, docs_dir: &Path) -> std::io::Result<()> {
    for (path, content) in pages(examples)? {
        let target = docs_dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, content + "\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{heading, page_file};
    use std::path::Path;

    #[test]
    fn an_example_is_headed_by_its_opening_comment_up_to_the_colon() {
        let at = Path::new("x.tf");
        let heading = |text: &str| heading(at, text).ok();
        assert_eq!(
            heading("# Basic authorization: a user name and a password.\nresource {}").as_deref(),
            Some("Basic authorization")
        );
        assert_eq!(
            heading("# Write-only secrets (Terraform 1.11 or later): the *_wo\n# arguments...").as_deref(),
            Some("Write-only secrets (Terraform 1.11 or later)")
        );
        assert_eq!(heading("# Timeouts.\n").as_deref(), Some("Timeouts"));
        assert_eq!(heading("resource \"x\" \"y\" {}"), None);
    }

    #[test]
    fn pages_are_named_without_the_provider_prefix() {
        assert_eq!(page_file("eventbridge", "eventbridge_connection"), "connection.md");
        assert_eq!(page_file("eventbridge", "other"), "other.md");
    }
}
