//! Development tasks, run by the Makefile and kept out of the provider
//! binary: `cargo run -p xtask -- docs [DIR]` renders the registry
//! documentation from the schemas and `examples/` (`make docs`).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("docs") => write_docs(args.get(1).map_or("docs", String::as_str)),
        _ => {
            eprintln!("usage: cargo run -p xtask -- docs [DIR]");
            ExitCode::from(2)
        }
    }
}

/// Renders the registry documentation into `dir`, from the repository root.
fn write_docs(dir: &str) -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match terraform_provider_eventbridge::docs::write(&root.join("examples"), &root.join(dir)) {
        Ok(()) => {
            println!("wrote the registry documentation to {dir}/");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the documentation: {e}");
            ExitCode::FAILURE
        }
    }
}
