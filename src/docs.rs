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

use crate::aws::regional::{Docs, ResourceType};
use crate::provider::EventBridgeProvider;
use crate::tfplugin::docs::{checked_rules, render, Import, Page, PageKind};
use crate::tfplugin::{Provider, Schema};
use crate::PROVIDER_ADDRESS;

/// What a resource's page says after its schema: the type's own sections,
/// then what validation checks before any call, worded by the checks
/// What a resource's page says after its schema: the type's own sections,
/// then what validation checks before any call, worded by the checks
/// themselves and the type's rules that span attributes.
fn sections(schema: &Schema, docs: &Docs) -> Vec<(&'static str, String)> {
    let mut sections = docs.sections.clone();
    sections.push((
        "Checked at plan time",
        format!(
            "These rules are AWS's own (its service model), checked by `terraform validate` and `plan` before any \
             call, so a value AWS would refuse never gets as far as `apply`. A value known only at apply is \
             checked then, before any call. Lengths count characters as AWS does: one outside the Basic \
             Multilingual Plane (such as an emoji) counts twice.\n\n{}",
            rule_list(schema, &docs.spanning_rules)
        ),
    ));
    sections
}

/// The page section of a provider block, data source or list resource whose
/// arguments carry checks (none when none do).
fn checked_section(schema: &Schema) -> Vec<(&'static str, String)> {
    let rules = rule_list(schema, &[]);
    if rules.is_empty() {
        return Vec::new();
    }
    vec![(
        "Checked at plan time",
        format!("`terraform validate` checks these arguments before any AWS call:\n\n{rules}"),
    )]
}

/// One line per rule: the attributes' own checks, then `spanning`.
fn rule_list(schema: &Schema, spanning: &[(&'static str, String)]) -> String {
    let spanning = spanning.iter().map(|(names, rule)| (names.to_string(), rule.clone()));
    let rules: Vec<String> = checked_rules(&schema.block)
        .into_iter()
        .chain(spanning)
        .map(|(arguments, rule)| {
            let names: Vec<String> = arguments.split(", ").map(|a| format!("`{a}`")).collect();
            format!("- {}: {rule}", names.join(", "))
        })
        .collect();
    rules.join("\n")
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
            sections: checked_section(&provider_schema),
        }),
    )];

    for ResourceType {
        resource,
        data_source,
        list,
        docs,
        ..
    } in EventBridgeProvider::types()
    {
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
            notes: docs.import_notes.map(str::to_string),
        });
        let page = Page {
            kind: PageKind::Resource,
            name: type_name,
            schema: &schema,
            examples: examples_in(&dir, "resource.tf")?,
            import,
            sections: sections(&schema, &docs),
        };
        pages.push((Path::new("resources").join(page_file(name, type_name)), render(&page)));

        if let Some(data_source) = data_source {
            let dir = examples.join("data-sources").join(type_name);
            let schema = data_source.schema();
            let page = Page {
                kind: PageKind::DataSource,
                name: type_name,
                schema: &schema,
                examples: examples_in(&dir, "data-source.tf")?,
                import: None,
                sections: checked_section(&schema),
            };
            pages.push((
                Path::new("data-sources").join(page_file(name, type_name)),
                render(&page),
            ));
        }

        if let Some(list) = list {
            let dir = examples.join("list-resources").join(type_name);
            let schema = list.schema();
            let page = Page {
                kind: PageKind::ListResource,
                name: type_name,
                schema: &schema,
                examples: examples_in(&dir, "list-resource.tfquery.hcl")?,
                import: None,
                sections: docs
                    .list_notes
                    .map(|notes| ("Querying", notes.to_string()))
                    .into_iter()
                    .chain(checked_section(&schema))
                    .collect(),
            };
            pages.push((
                Path::new("list-resources").join(page_file(name, type_name)),
                render(&page),
            ));
        }
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
