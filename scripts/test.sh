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
# tests/protocol, tests/e2e).
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
EVB_EMULATOR_CMD="$(cat target/emulator-cmd)"
export EVB_EMULATOR_CMD TF_ACC=1

if cargo nextest --version >/dev/null 2>&1; then
  runner=(cargo nextest run --no-fail-fast)
  e2e_tier=(-E 'binary(=e2e)')
else
  runner=(cargo test --no-fail-fast)
  e2e_tier=(--test e2e)
fi

# A newer Terraform on the PATH (not the one under test) also runs the
# end-to-end tier, first, so that protocol features Terraform 1.0.3 never
# uses are exercised too.
other="$(command -v terraform || true)"
if [ -z "${TERRAFORM:-}" ] && [ -n "$other" ] && ! "$other" version 2>/dev/null | grep -q 'v1.0.3'; then
  echo "== end-to-end tier with $("$other" version | head -1) ($other)"
  TERRAFORM="$other" "${runner[@]}" "${e2e_tier[@]}"
fi

echo "== all tiers"
"${runner[@]}"
