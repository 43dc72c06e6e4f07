#!/usr/bin/env bash
# Installs a provider build into a filesystem mirror and writes the Terraform
# CLI configuration that installs this provider from it (and everything else
# from the registry): the one writer of both, for `make demo` and the tests
# (tests/support/terraform.rs).
# Usage: scripts/local-mirror.sh SOURCE DIR
#   SOURCE  the provider binary: unpacked layout,
#             DIR/mirror/ADDRESS/VERSION/OS_ARCH/terraform-provider-eventbridge_vVERSION
#           or a release package from scripts/package.sh (…_OS_ARCH.zip):
#           packed layout, DIR/mirror/ADDRESS/terraform-provider-eventbridge_VERSION_OS_ARCH.zip
#   DIR     receives mirror/ (what was there for this provider is replaced)
#           and cli.tfrc; point TF_CLI_CONFIG_FILE at DIR/cli.tfrc.
# ADDRESS is scripts/provider-address.sh's, VERSION Cargo.toml's and OS_ARCH
# this machine's (scripts/platform.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source="$1"
dir="$2"
address="$(bash "$root/scripts/provider-address.sh")"
mirror="$dir/mirror"
rm -rf "${mirror:?}/$address"
case "$source" in
  *.zip)
    mkdir -p "$mirror/$address"
    cp "$source" "$mirror/$address/"
    ;;
  *)
    version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
    platform="$mirror/$address/$version/$(bash "$root/scripts/platform.sh")"
    mkdir -p "$platform"
    cp "$source" "$platform/terraform-provider-eventbridge_v$version"
    ;;
esac
# The namespace (registry.terraform.io/eventbridge-rs/*) comes from the
# mirror; everything else from where Terraform finds it by default.
cat > "$dir/cli.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["${address%/*}/*"]
  }
  direct {
    exclude = ["${address%/*}/*"]
  }
}
TFRC
