//! Code generated at build time from `proto/` (see build.rs).

#![allow(clippy::all, missing_docs)]

/// Terraform's plugin protocol, version 6.
pub mod tfplugin6 {
    tonic::include_proto!("tfplugin6");
}

/// go-plugin's controller and stdio services.
pub mod plugin {
    tonic::include_proto!("plugin");
}
