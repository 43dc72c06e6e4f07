#!/usr/bin/env bash
# Packages a built provider as the Terraform Registry expects it:
#   terraform-provider-eventbridge_VERSION_OS_ARCH.zip
#   terraform-provider-eventbridge_VERSION_manifest.json
#   terraform-provider-eventbridge_VERSION_SHA256SUMS
# Usage: scripts/package.sh BINARY OUTDIR [VERSION [OS_ARCH]]
# OS_ARCH defaults to this machine's (scripts/platform.sh), which is what a
# binary built here runs on.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$1"
out="$2"
version="${3:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}"
platform="${4:-$(bash "$root/scripts/platform.sh")}"
name="terraform-provider-eventbridge"
mkdir -p "$out"
zip="$out/${name}_${version}_${platform}.zip"
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
if command -v sha256sum >/dev/null 2>&1; then sha=(sha256sum); else sha=(shasum -a 256); fi
(cd "$out" && "${sha[@]}" "${name}_${version}_${platform}.zip" "${name}_${version}_manifest.json" > "${name}_${version}_SHA256SUMS")
echo "packaged $version for $platform into $out:"
ls -l "$out"
