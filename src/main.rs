//! Process entry: flags, logging, and serving the provider to Terraform.

use terraform_provider_eventbridge::provider::EventBridgeProvider;
use terraform_provider_eventbridge::tfplugin::{logging, serve, ServeOptions};
use terraform_provider_eventbridge::PROVIDER_ADDRESS;

fn main() -> std::process::ExitCode {
    let mut debug = false;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for arg in args {
        match arg.as_str() {
            "--debug" | "-debug" => debug = true,
            "--version" | "-version" => {
                println!("terraform-provider-eventbridge {}", env!("CARGO_PKG_VERSION"));
                return std::process::ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}; usage: terraform-provider-eventbridge [--debug | --version]");
                return std::process::ExitCode::from(2);
            }
        }
    }
    logging::init(
        "eventbridge",
        "terraform_provider_eventbridge",
        logging::level_from_env(),
    );
    install_panic_hook();

    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let options = ServeOptions {
        provider_address: PROVIDER_ADDRESS,
        debug,
    };
    match runtime.block_on(serve(EventBridgeProvider, options)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Logs where a panic happened but not its message, which could quote the
/// data being processed (secrets among it). The handler that panicked turns
/// it into an error diagnostic.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(location = %location, "provider panicked");
    }));
}
