//! The scripts and the Makefile name the provider by what
//! `scripts/provider-address.sh` prints, read from `src/lib.rs`: it must be
//! the address the crate exports.

use std::process::Command;

use terraform_provider_eventbridge::PROVIDER_ADDRESS;

#[test]
fn the_scripts_read_the_provider_address_the_crate_exports() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/provider-address.sh");
    let out = Command::new("bash").arg(script).output().expect("run bash");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), PROVIDER_ADDRESS);
}
