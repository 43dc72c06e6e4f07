//! Shared by the integration tests: the emulator, the terraform binary and
//! working directories, and a protocol-level client. Each test binary uses
//! part of it.
#![allow(dead_code)]

pub mod emulator;
pub mod fault_proxy;
pub mod http_proxy;
pub mod imds;
pub mod loopback;
pub mod protocol;
pub mod recording;
pub mod terraform;
pub mod tls_front;

/// True when running under CI, where a missing tool fails the run.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}
