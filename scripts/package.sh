#!/usr/bin/env bash
# Packages a built provider as the Terraform Registry expects it:
#   terraform-provider-eventbridge_VERSION_linux_amd64.zip
#   terraform-provider-eventbridge_VERSION_manifest.json
#   terraform-provider-eventbridge_VERSION_SHA256SUMS
# Usage: scripts/package.sh BINARY OUTDIR [VERSION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$1"
out="$2"
version="${3:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}"
name="terraform-provider-eventbridge"
mkdir -p "$out"
zip="$out/${name}_${version}_linux_amd64.zip"
python3 - "$binary" "$zip" "${name}_v${version}" <<'PY'
import sys, zipfile
binary, target, entry = sys.argv[1:4]
info = zipfile.ZipInfo(entry, date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = 0o100755 << 16   # an executable regular file
info.compress_type = zipfile.ZIP_DEFLATED
with open(binary, "rb") as src, zipfile.ZipFile(target, "w") as z:
    z.writestr(info, src.read())
PY
cp "$root/terraform-registry-manifest.json" "$out/${name}_${version}_manifest.json"
(cd "$out" && sha256sum "${name}_${version}_linux_amd64.zip" "${name}_${version}_manifest.json" > "${name}_${version}_SHA256SUMS")
echo "packaged $version into $out:"
ls -l "$out"
