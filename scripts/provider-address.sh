#!/usr/bin/env bash
# Prints the provider's source address (registry.terraform.io/eventbridge-rs/eventbridge)
# from where it is written once: PROVIDER_ADDRESS in src/lib.rs, which the
# binary, the docs and the Rust tests use. For the scripts and the Makefile;
# a unit test checks that this prints what the crate exports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
address="$(sed -n 's/^pub const PROVIDER_ADDRESS: &str = "\(.*\)";$/\1/p' "$root/src/lib.rs")"
if [ -z "$address" ]; then
  echo "provider-address: no \`pub const PROVIDER_ADDRESS: &str = \"...\";\` line in src/lib.rs" >&2
  exit 1
fi
echo "$address"
