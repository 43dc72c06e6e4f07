//! The registry documentation of this provider: `docs/` rendered from the
//! schemas' descriptions and the tested files under `examples/`.

use std::path::{Path, PathBuf};

use crate::connection::{schema::schema as connection_schema, TYPE_NAME};
use crate::data_sources::connection::ConnectionDataSource;
use crate::provider::EventBridgeProvider;
use crate::tfplugin::docs::{render, Page, PageKind};
use crate::tfplugin::{DataSource, Provider};

fn read(path: &Path) -> std::io::Result<String> {
    std::fs::read_to_string(path).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// A title from the file name: `invocation_http_parameters.tf` →
/// "Invocation HTTP parameters".
fn title(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let words: Vec<String> = stem
        .split(['_', '-'])
        .map(|w| match w {
            "http" | "api" | "oauth" => w.to_uppercase().replace("OAUTH", "OAuth"),
            _ => w.to_string(),
        })
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn tf_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every page, as (path under `docs/`, markdown).
pub fn pages(examples: &Path) -> std::io::Result<Vec<(PathBuf, String)>> {
    let provider_schema = EventBridgeProvider.schema();
    let resource_schema = connection_schema();
    let data_source_schema = ConnectionDataSource.schema();

    let provider_example = read(&examples.join("provider/provider.tf"))?;
    let mut resource_examples = Vec::new();
    for file in tf_files(&examples.join("resources").join(TYPE_NAME))? {
        resource_examples.push((title(&file), read(&file)?));
    }
    resource_examples.push((
        "Write-only secrets (Terraform 1.11 or later)".to_string(),
        read(&examples.join("write-only/main.tf"))?,
    ));
    resource_examples.push((
        "Moving from hashicorp/aws (Terraform 1.8 or later)".to_string(),
        read(&examples.join("migrate-from-aws/main.tf"))?,
    ));
    let import = read(&examples.join("resources").join(TYPE_NAME).join("import.sh"))?;
    let data_source_example = read(&examples.join("data-sources").join(TYPE_NAME).join("data-source.tf"))?;

    Ok(vec![
        (
            PathBuf::from("index.md"),
            render(&Page {
                kind: PageKind::Provider,
                name: "eventbridge",
                schema: &provider_schema,
                examples: vec![("Provider".into(), provider_example)],
                import: None,
            }),
        ),
        (
            PathBuf::from("resources/connection.md"),
            render(&Page {
                kind: PageKind::Resource,
                name: TYPE_NAME,
                schema: &resource_schema,
                examples: resource_examples,
                import: Some(import),
            }),
        ),
        (
            PathBuf::from("data-sources/connection.md"),
            render(&Page {
                kind: PageKind::DataSource,
                name: TYPE_NAME,
                schema: &data_source_schema,
                examples: vec![("Data source".into(), data_source_example)],
                import: None,
            }),
        ),
    ])
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
    use super::title;
    use std::path::Path;

    #[test]
    fn example_titles_read_like_headings() {
        assert_eq!(
            title(Path::new("invocation_http_parameters.tf")),
            "Invocation HTTP parameters"
        );
        assert_eq!(title(Path::new("api_key.tf")), "API key");
        assert_eq!(title(Path::new("oauth.tf")), "OAuth");
    }
}
