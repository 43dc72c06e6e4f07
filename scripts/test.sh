#!/usr/bin/env bash
# All tests (`make test`, and CI through .ci/run): installs what they need
# (moto, terraform) into target/, builds the release binary that
# `make release` ships (Zig and cargo-zigbuild into target/ too; the
# end-to-end tier checks its glibc and installs it from a registry), lints
# the GitHub workflows, then runs the whole suite with TF_ACC=1, so that a
# test whose tool is missing fails instead of skipping. Set
# TERRAFORM=/path/to/terraform-or-tofu to run the end-to-end tests with
# another Terraform or OpenTofu than the default 1.0.3. tests/README.md
# describes the four tiers, one test binary each (tests/unit, tests/canned,
# tests/protocol, tests/e2e). It also builds the windows_amd64 provider
# (scripts/build-windows.sh: Debian's Rust and mingw-w64) and a Wine prefix
# (scripts/wine-prefix.sh), which tests/e2e/windows.rs runs under a real
# Terraform; and it runs the end-to-end tier once over go-plugin's TCP
# transport (TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp, Windows' own).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-moto.sh
bash scripts/install-terraform.sh
bash scripts/lint-workflows.sh
started=$SECONDS
echo "== release build (scripts/build-release.sh)"
bash scripts/build-release.sh
echo "release build: $((SECONDS - started)) s"
started=$SECONDS
echo "== windows_amd64 build (scripts/build-windows.sh) and Wine prefix"
bash scripts/build-windows.sh
bash scripts/wine-prefix.sh
echo "windows build and prefix: $((SECONDS - started)) s"
EVB_EMULATOR_CMD="$(cat target/emulator-cmd)"
export EVB_EMULATOR_CMD TF_ACC=1

if cargo nextest --version >/dev/null 2>&1; then
  runner=(cargo nextest run --no-fail-fast)
  e2e_tier=(-E 'binary(=e2e)')
else
  runner=(cargo test --no-fail-fast)
  e2e_tier=(--test e2e)
fi

# The end-to-end tier runs a first time over TCP, go-plugin's transport on
# Windows, with a newer Terraform when one is on the PATH (not the one under
# test), so that protocol features Terraform 1.0.3 never uses are exercised
# too; the run of all tiers below serves it over the Unix socket.
other="$(command -v terraform || true)"
if [ -z "${TERRAFORM:-}" ] && [ -n "$other" ] && ! "$other" version 2>/dev/null | grep -q 'v1.0.3'; then
  echo "== end-to-end tier over TCP with $("$other" version | head -1) ($other)"
  TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp TERRAFORM="$other" "${runner[@]}" "${e2e_tier[@]}"
else
  echo "== end-to-end tier over TCP"
  TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp "${runner[@]}" "${e2e_tier[@]}"
fi

echo "== all tiers"
"${runner[@]}"
