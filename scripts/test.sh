#!/usr/bin/env bash
# All tests: installs what they need (moto, terraform) into target/, then runs
# the whole suite. Set TERRAFORM=/path/to/terraform-or-tofu to test another
# Terraform or OpenTofu than the default 1.0.3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-moto.sh
bash scripts/install-terraform.sh
EVB_EMULATOR_CMD="$(cat target/emulator-cmd)"
export EVB_EMULATOR_CMD
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --no-fail-fast
else
  cargo test --no-fail-fast
fi
