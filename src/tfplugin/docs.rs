//! Registry documentation rendered from a schema: the page layout the
//! Terraform Registry shows (front matter, example usage, the schema split
//! into required / optional / read-only, nested blocks with anchors, import).

use std::fmt::Write;

use super::schema::{Attribute, Block, IdentitySchema, NestedBlock, Nesting, Schema};
use super::value::Type;

/// What kind of page.
#[derive(Clone, Copy)]
pub enum PageKind {
    Provider,
    Resource,
    DataSource,
    ListResource,
}

/// One documentation page.
pub struct Page<'a> {
    pub kind: PageKind,
    /// `eventbridge_connection`, or the provider's name for the index page.
    pub name: &'a str,
    pub schema: &'a Schema,
    /// Terraform examples, each under its heading (none when empty).
    pub examples: Vec<(String, String)>,
    /// How to import it, for resources that can be imported.
    pub import: Option<Import<'a>>,
    /// Further sections after the schema, as (heading, markdown).
    pub sections: Vec<(&'a str, String)>,
}

/// The Import section of a resource's page.
pub struct Import<'a> {
    /// An `import` block by identity (Terraform 1.12 and later), with the
    /// identity schema it fills in.
    pub by_identity: Option<(String, &'a IdentitySchema)>,
    /// Shell examples of `terraform import`.
    pub command: String,
    /// What to expect after an import, in prose.
    pub notes: Option<String>,
}

/// Every attribute's checks (see [`super::Check`]), in words: one line per
/// rule, naming the attributes that follow it by their last two path
/// steps (`header.key`, `description`), in schema order.
pub fn checked_rules(block: &Block) -> Vec<(String, String)> {
    let mut rules: Vec<(Vec<String>, String)> = Vec::new();
    collect_checks(block, "", &mut rules);
    rules
        .into_iter()
        .map(|(names, rule)| (names.join(", "), rule))
        .collect()
}

fn collect_checks(block: &Block, parent: &str, rules: &mut Vec<(Vec<String>, String)>) {
    for (name, attribute) in &block.attributes {
        let shown = if parent.is_empty() {
            name.clone()
        } else {
            format!("{parent}.{name}")
        };
        for check in &attribute.checks {
            let rule = (check.rule)();
            match rules.iter_mut().find(|(_, r)| *r == rule) {
                Some((names, _)) if names.contains(&shown) => {}
                Some((names, _)) => names.push(shown.clone()),
                None => rules.push((vec![shown.clone()], rule)),
            }
        }
    }
    for (name, nested) in &block.blocks {
        collect_checks(&nested.block, name, rules);
    }
}

pub fn render(page: &Page<'_>) -> String {
    let block = &page.schema.block;
    let (title, heading) = match page.kind {
        PageKind::Provider => (format!("{} Provider", page.name), format!("{} Provider", page.name)),
        PageKind::Resource => (format!("{} Resource", page.name), format!("{} (Resource)", page.name)),
        PageKind::DataSource => (
            format!("{} Data Source", page.name),
            format!("{} (Data Source)", page.name),
        ),
        PageKind::ListResource => (
            format!("{} List Resource", page.name),
            format!("{} (List Resource)", page.name),
        ),
    };
    let mut out = String::new();
    let _ = writeln!(out, "---\npage_title: \"{title}\"\nsubcategory: \"\"\ndescription: |-");
    for line in first_paragraph(&block.description).lines() {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out, "---\n\n# {heading}\n");
    if !block.description.is_empty() {
        let _ = writeln!(out, "{}\n", block.description.trim());
    }
    if !page.examples.is_empty() {
        let _ = writeln!(out, "## Example Usage\n");
        for (title, example) in &page.examples {
            if !title.is_empty() {
                let _ = writeln!(out, "### {title}\n");
            }
            let _ = writeln!(out, "```terraform\n{}\n```\n", example.trim_end());
        }
    }
    let _ = writeln!(out, "## Schema\n");
    let mut nested = Vec::new();
    render_block(&mut out, block, "", &mut nested);
    while !nested.is_empty() {
        let pending = std::mem::take(&mut nested);
        for (anchor, title, block) in pending {
            let _ = writeln!(out, "<a id=\"{anchor}\"></a>\n### Nested Schema for `{title}`\n");
            render_block(&mut out, block, &title, &mut nested);
        }
    }
    for (heading, text) in &page.sections {
        let _ = writeln!(out, "## {heading}\n\n{}\n", text.trim());
    }
    if let Some(import) = &page.import {
        render_import(&mut out, import);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn render_import(out: &mut String, import: &Import<'_>) {
    let _ = writeln!(out, "## Import\n\nImport is supported using the following syntax:\n");
    if let Some((example, identity)) = &import.by_identity {
        let _ = writeln!(
            out,
            "In Terraform v1.12.0 and later, the [`import` block](https://developer.hashicorp.com/terraform/language/import) \
             can be used with the `identity` attribute, for example:\n"
        );
        let _ = writeln!(out, "```terraform\n{}\n```\n", example.trim_end());
        let _ = writeln!(out, "### Identity Schema\n");
        let mut attributes: Vec<_> = identity.attributes.iter().collect();
        attributes.sort_by(|a, b| a.name.cmp(&b.name));
        for (heading, required) in [("Required", true), ("Optional", false)] {
            let lines: Vec<String> = attributes
                .iter()
                .filter(|a| a.required_for_import == required)
                .map(|a| format!("- `{}` ({}) {}", a.name, type_name(&a.ty), one_line(&a.description)))
                .collect();
            if !lines.is_empty() {
                let _ = writeln!(out, "#### {heading}\n\n{}\n", lines.join("\n"));
            }
        }
        let _ = writeln!(
            out,
            "The [`terraform import` command](https://developer.hashicorp.com/terraform/cli/commands/import) can be \
             used, for example:\n"
        );
    }
    let _ = writeln!(out, "```shell\n{}\n```\n", import.command.trim_end());
    if let Some(notes) = &import.notes {
        let _ = writeln!(out, "{}\n", notes.trim());
    }
}

fn first_paragraph(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or_default().trim()
}

type Pending<'a> = Vec<(String, String, &'a Block)>;

fn render_block<'a>(out: &mut String, block: &'a Block, prefix: &str, nested: &mut Pending<'a>) {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let mut read_only = Vec::new();
    let mut attrs: Vec<&(String, Attribute)> = block.attributes.iter().collect();
    attrs.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, attr) in attrs {
        let line = format!(
            "- `{name}` ({}{}) {}",
            type_name(&attr.ty),
            flags(attr),
            one_line(&attr.description)
        );
        if attr.required {
            required.push(line);
        } else if attr.optional {
            optional.push(line);
        } else {
            read_only.push(line);
        }
    }
    let mut blocks: Vec<&(String, NestedBlock)> = block.blocks.iter().collect();
    blocks.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, nb) in blocks {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let anchor = format!("nestedblock--{}", path.replace('.', "--"));
        let line = format!(
            "- `{name}` ({}) {} (see [below for nested schema](#{anchor}))",
            block_kind(nb),
            one_line(&nb.block.description)
        );
        if nb.min_items > 0 {
            required.push(line);
        } else {
            optional.push(line);
        }
        nested.push((anchor, path, &nb.block));
    }
    for (heading, lines) in [("Required", required), ("Optional", optional), ("Read-Only", read_only)] {
        if !lines.is_empty() {
            let _ = writeln!(out, "### {heading}\n\n{}\n", lines.join("\n"));
        }
    }
}

fn flags(attr: &Attribute) -> String {
    let mut flags = String::new();
    if attr.sensitive {
        flags.push_str(", Sensitive");
    }
    if attr.write_only {
        flags.push_str(", Write-only");
    }
    if attr.deprecated {
        flags.push_str(", Deprecated");
    }
    flags
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn block_kind(nb: &NestedBlock) -> String {
    let mut kind = match nb.nesting {
        Nesting::Single | Nesting::Group => "Block".to_string(),
        Nesting::List => "Block List".to_string(),
        Nesting::Set => "Block Set".to_string(),
        Nesting::Map => "Block Map".to_string(),
    };
    if nb.min_items > 0 {
        let _ = write!(kind, ", Min: {}", nb.min_items);
    }
    if nb.max_items > 0 {
        let _ = write!(kind, ", Max: {}", nb.max_items);
    }
    kind
}

fn type_name(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Number => "Number".into(),
        Type::Bool => "Boolean".into(),
        Type::Dynamic => "Dynamic".into(),
        Type::List(e) => format!("List of {}", type_name(e)),
        Type::Set(e) => format!("Set of {}", type_name(e)),
        Type::Map(e) => format!("Map of {}", type_name(e)),
        Type::Object(_) => "Object".into(),
        Type::Tuple(_) => "Tuple".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::Attribute;

    #[test]
    fn a_page_lists_arguments_by_kind_and_links_nested_blocks() {
        let schema = Schema::new(
            Block::new()
                .doc("Manages a thing.")
                .attr("name", Attribute::string().required().doc("The name."))
                .attr("secret", Attribute::string().optional().sensitive().doc("A secret."))
                .attr("arn", Attribute::string().computed().doc("The ARN."))
                .block(
                    "inner",
                    NestedBlock::list(Block::new().attr("x", Attribute::bool().optional())).max(1),
                ),
        );
        let page = Page {
            kind: PageKind::Resource,
            name: "test_thing",
            schema: &schema,
            examples: vec![("Basic".into(), "resource \"test_thing\" \"x\" {}".into())],
            import: Some(Import {
                by_identity: None,
                command: "terraform import test_thing.x id".into(),
                notes: Some("Secrets come back on the next plan.".into()),
            }),
            sections: vec![("Drift", "Watched.".into())],
        };
        let md = render(&page);
        assert!(md.starts_with("---\npage_title: \"test_thing Resource\""));
        assert!(md.contains("### Required\n\n- `name` (String) The name."));
        assert!(md.contains("- `secret` (String, Sensitive) A secret."));
        assert!(md.contains("### Read-Only\n\n- `arn` (String) The ARN."));
        assert!(md.contains("(Block List, Max: 1)"));
        assert!(md.contains("<a id=\"nestedblock--inner\"></a>\n### Nested Schema for `inner`"));
        assert!(md.contains("## Import"));
        assert!(md.contains("## Drift\n\nWatched.\n"));
        assert!(md
            .trim_end()
            .ends_with("```shell\nterraform import test_thing.x id\n```\n\nSecrets come back on the next plan."));
    }

    #[test]
    fn import_by_identity_shows_the_block_and_the_identity_schema() {
        use crate::tfplugin::IdentityAttribute;
        let schema = Schema::new(Block::new().attr("name", Attribute::string().required()));
        let identity = IdentitySchema {
            version: 0,
            attributes: vec![
                IdentityAttribute {
                    name: "name".into(),
                    ty: Type::String,
                    required_for_import: true,
                    description: "The name.".into(),
                },
                IdentityAttribute {
                    name: "region".into(),
                    ty: Type::String,
                    required_for_import: false,
                    description: "The Region.".into(),
                },
            ],
        };
        let page = Page {
            kind: PageKind::Resource,
            name: "test_thing",
            schema: &schema,
            examples: vec![(String::new(), "resource \"test_thing\" \"x\" {}".into())],
            import: Some(Import {
                by_identity: Some(("import {\n  to = test_thing.x\n}".into(), &identity)),
                command: "terraform import test_thing.x id".into(),
                notes: None,
            }),
            sections: Vec::new(),
        };
        let md = render(&page);
        assert!(!md.contains("### \n"), "the main example has no heading:\n{md}");
        assert!(md.contains("```terraform\nimport {\n  to = test_thing.x\n}\n```"));
        assert!(md.contains("#### Required\n\n- `name` (String) The name."));
        assert!(md.contains("#### Optional\n\n- `region` (String) The Region."));
        assert!(md.find("import {").unwrap() < md.find("terraform import test_thing.x id").unwrap());
    }
}
