#!/usr/bin/env bash
# Packages a built provider as the Terraform Registry expects it:
#   terraform-provider-eventbridge_VERSION_OS_ARCH.zip
#   terraform-provider-eventbridge_VERSION_manifest.json
# then writes the checksums and their signature over every package of
# VERSION in OUTDIR (scripts/checksums.sh), so that packaging one platform
# after another into the same directory leaves one SHA256SUMS for them all.
# Usage: scripts/package.sh BINARY OUTDIR [VERSION [OS_ARCH]]
# OS_ARCH defaults to this machine's (scripts/platform.sh), which is what a
# binary built here runs on. A windows_* package holds NAME_vVERSION.exe.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$1"
out="$2"
version="${3:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}"
platform="${4:-$(bash "$root/scripts/platform.sh")}"
name="terraform-provider-eventbridge"
entry="${name}_v${version}"
case "$platform" in windows_*) entry="$entry.exe" ;; esac
mkdir -p "$out"
zip="$out/${name}_${version}_${platform}.zip"
# python3, or python where only that name exists (GitHub's Windows runners).
py="$(command -v python3 || command -v python)"
"$py" - "$binary" "$zip" "$entry" <<'PY'
import sys, zipfile
binary, target, entry = sys.argv[1:4]
info = zipfile.ZipInfo(entry, date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = 0o100755 << 16   # an executable regular file
info.compress_type = zipfile.ZIP_DEFLATED
with open(binary, "rb") as src, zipfile.ZipFile(target, "w") as z:
    z.writestr(info, src.read())
PY
cp "$root/terraform-registry-manifest.json" "$out/${name}_${version}_manifest.json"
echo "packaged $version for $platform: $zip"
bash "$root/scripts/checksums.sh" "$out" "$version"
