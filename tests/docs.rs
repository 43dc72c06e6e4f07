//! `docs/` is rendered from the schemas and `examples/`; this fails when it
//! is stale (run `make docs`).

use std::path::Path;

#[test]
fn docs_are_up_to_date_with_schemas_and_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = terraform_provider_eventbridge::docs::pages(&root.join("examples")).expect("render docs");
    assert_eq!(pages.len(), 3);
    for (path, content) in pages {
        let file = root.join("docs").join(&path);
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            on_disk == content + "\n",
            "docs/{} is stale: run `make docs` and commit the result",
            path.display()
        );
    }
}
