#!/usr/bin/env bash
# Builds the release binary that `make release` packages, and prints its path.
# On Linux it links against glibc 2.17 at most (RHEL/CentOS 7, Amazon Linux 2
# and every distribution since), with Zig as the linker through
# cargo-zigbuild (scripts/install-zig.sh puts both in target/), so that it
# starts wherever Terraform runs; elsewhere it is `cargo build --release`.
# Usage: scripts/build-release.sh [--path]
#   --path  print where the binary is (or would be), build nothing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The oldest glibc the Linux binary may need; tests/e2e/release.rs checks it.
glibc=2.17
case "$(bash scripts/platform.sh)" in
  linux_amd64) triple=x86_64-unknown-linux-gnu ;;
  linux_arm64) triple=aarch64-unknown-linux-gnu ;;
  *) triple="" ;;
esac
if [ -n "$triple" ]; then
  binary="$root/target/$triple/release/terraform-provider-eventbridge"
else
  binary="$root/target/release/terraform-provider-eventbridge"
fi
if [ "${1:-}" = "--path" ]; then
  echo "$binary"
  exit 0
fi

if [ -n "$triple" ]; then
  bin_dir="$(bash scripts/install-zig.sh)"
  echo "build-release: cargo zigbuild --release --target $triple.$glibc" >&2
  PATH="$bin_dir:$PATH" cargo zigbuild --release --target "$triple.$glibc" >&2
else
  echo "build-release: cargo build --release (no glibc pinning on this platform)" >&2
  cargo build --release >&2
fi
echo "$binary"
