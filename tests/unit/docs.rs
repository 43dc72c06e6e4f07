//! `docs/` is rendered from the schemas and `examples/`; this fails when it
//! is stale (run `make docs`). The README's own example is the registry
//! example, so it cannot rot either, and what its configuration section
//! refers to it declares.

use std::path::{Path, PathBuf};

use terraform_provider_eventbridge::provider::EventBridgeProvider;
use terraform_provider_eventbridge::tfplugin::{Block, Provider};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        for entry in std::fs::read_dir(&at).expect("read docs/").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path.strip_prefix(dir).expect("under docs/").to_path_buf());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn docs_are_up_to_date_with_schemas_and_examples() {
    let pages = terraform_provider_eventbridge::docs::pages(&root().join("examples")).expect("render docs");
    let provider = EventBridgeProvider;
    assert_eq!(
        pages.len(),
        1 + provider.resources().len() + provider.data_sources().len() + provider.list_resources().len(),
        "one page for the provider, each resource, each data source and each list resource"
    );
    let mut expected: Vec<PathBuf> = pages.iter().map(|(path, _)| path.clone()).collect();
    expected.sort();
    assert_eq!(
        files_under(&root().join("docs")),
        expected,
        "docs/ holds other pages than the provider renders: run `make docs` and remove the others"
    );
    for (path, content) in pages {
        let file = root().join("docs").join(&path);
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            on_disk == content + "\n",
            "docs/{} is stale: run `make docs` and commit the result",
            path.display()
        );
    }
}

/// Descriptions whose text says "Sensitive", anywhere in `block`.
fn saying_sensitive(block: &Block, at: &str, found: &mut Vec<String>) {
    for (name, attribute) in &block.attributes {
        if attribute.description.contains("Sensitive") {
            found.push(format!("{at}{name}"));
        }
    }
    for (name, nested) in &block.blocks {
        saying_sensitive(&nested.block, &format!("{at}{name}."), found);
    }
}

#[test]
fn descriptions_leave_sensitivity_to_the_flag() {
    // The docs show "(String, Sensitive)" from the flag; the text need not
    // say it again.
    let provider = EventBridgeProvider;
    let mut found = Vec::new();
    saying_sensitive(&provider.schema().block, "provider.", &mut found);
    for resource in provider.resources() {
        saying_sensitive(
            &resource.schema().block,
            &format!("{}.", resource.type_name()),
            &mut found,
        );
    }
    for data_source in provider.data_sources() {
        saying_sensitive(
            &data_source.schema().block,
            &format!("data.{}.", data_source.type_name()),
            &mut found,
        );
    }
    assert!(found.is_empty(), "descriptions repeating the flag: {found:?}");
}

#[test]
fn the_readme_example_is_the_registry_example() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for example in [
        "examples/provider/provider.tf",
        "examples/resources/eventbridge_connection/resource.tf",
    ] {
        let text = std::fs::read_to_string(root().join(example)).expect(example);
        assert!(
            readme.contains(text.trim_end()),
            "README.md must show {example} as it is (it is tested; the README is not)"
        );
    }
}

/// What `hcl` refers to and must declare: `TYPE.NAME` of this provider's
/// types (`eventbridge_…`) and `var.NAME`, each with the declaration it
/// needs (`resource "TYPE" "NAME"`, `variable "NAME"`).
fn references(hcl: &str) -> Vec<(String, String)> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.';
    let mut found = Vec::new();
    for token in hcl.split(|c: char| !word(c)) {
        let mut parts = token.split('.');
        let (Some(first), Some(name)) = (parts.next(), parts.next()) else {
            continue;
        };
        let needed = match first {
            "var" => format!("variable \"{name}\""),
            t if t.starts_with("eventbridge_") => format!("resource \"{t}\" \"{name}\""),
            _ => continue,
        };
        found.push((token.to_string(), needed));
    }
    found
}

#[test]
fn references_and_their_declarations_are_found() {
    let hcl = "x = eventbridge_connection.crm.arn\ny = \"${var.key}\"\nsource = \"registry.terraform.io/a/b\"";
    assert_eq!(
        references(hcl),
        [
            (
                "eventbridge_connection.crm.arn".to_string(),
                "resource \"eventbridge_connection\" \"crm\"".to_string()
            ),
            ("var.key".to_string(), "variable \"key\"".to_string()),
        ]
    );
}

#[test]
fn a_readme_section_is_cut_at_the_next_heading_outside_code() {
    let markdown = "## A\n### B\ntext\n```hcl\n# a comment, no heading\nx = 1\n```\n```sh\nls\n```\n\
                    ```hcl\ny = 2\n```\n#### C\n```hcl\nz = 3\n```\n";
    let section = support::readme::section(markdown, "### B").expect("section B");
    assert_eq!(
        support::readme::code_blocks(&section, "hcl"),
        ["# a comment, no heading\nx = 1\n", "y = 2\n"]
    );
    assert_eq!(support::readme::code_blocks(&section, "sh"), ["ls\n"]);
    assert_eq!(support::readme::section(markdown, "### D"), None);
}

#[test]
fn the_readme_configuration_declares_everything_it_refers_to() {
    // The blocks of "Write a configuration" are one main.tf; the end-to-end
    // tier runs `terraform validate` on it (tests/e2e/readme.rs).
    let hcl = support::readme::hcl_of_section(support::readme::WRITE_A_CONFIGURATION);
    let refs = references(&hcl);
    assert!(
        refs.iter().any(|(r, _)| r.starts_with("eventbridge_connection.")),
        "the API destination names its connection: {refs:?}"
    );
    for (reference, declaration) in refs {
        assert!(
            hcl.contains(&declaration),
            "README.md's {:?} refers to {reference} but never declares {declaration}",
            support::readme::WRITE_A_CONFIGURATION
        );
    }
}

/// The relative link targets of a markdown text: `[text](target)`, without
/// web addresses and anchors.
fn relative_links(markdown: &str) -> Vec<&str> {
    markdown
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|target| target.split('#').next().unwrap_or_default())
        .filter(|target| !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:"))
        .collect()
}

#[test]
fn nothing_points_outside_the_repository() {
    // A clone has only the repository: every link and path the documents
    // name must be in it.
    let repository = root().canonicalize().expect("repository root");
    for file in ["README.md", "tests/README.md", "CHANGELOG.md", "fuzz/README.md"] {
        let path = root().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!text.contains("`../"), "{file} names a path outside the repository");
        for link in relative_links(&text) {
            let target = path.parent().expect("directory").join(link);
            let resolved = target
                .canonicalize()
                .unwrap_or_else(|e| panic!("{file} links to {link}, which is not in the repository ({e})"));
            assert!(
                resolved.starts_with(&repository),
                "{file} links outside the repository: {link}"
            );
        }
    }
}

#[test]
fn relative_links_are_found() {
    let text = "see [tests](tests/README.md), [web](https://x.y/z) and [below](#usage) or [up](../a.md#b)";
    assert_eq!(relative_links(text), ["tests/README.md", "../a.md"]);
}
