#!/usr/bin/env bash
# Writes the registry's checksum file for a release directory, and signs it:
#   terraform-provider-eventbridge_VERSION_SHA256SUMS      every VERSION zip and the manifest
#   terraform-provider-eventbridge_VERSION_SHA256SUMS.sig  a detached binary GPG signature
# The signing key is the one GPG_FINGERPRINT names, in gpg's keyring
# (GNUPGHOME, if set): import it first, e.g. `gpg --import private.asc`.
# GPG_PASSPHRASE, if set, unlocks it without a prompt. Without
# GPG_FINGERPRINT the checksums are written, the signature is left out and
# this says so: Terraform installs from a registry only what is signed.
# Usage: scripts/checksums.sh OUTDIR [VERSION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"
version="${2:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}"
name="terraform-provider-eventbridge"
sums="${name}_${version}_SHA256SUMS"
if command -v sha256sum >/dev/null 2>&1; then sha=(sha256sum); else sha=(shasum -a 256); fi

cd "$out"
files=()
for f in "${name}_${version}_"*.zip "${name}_${version}_manifest.json"; do
  [ -f "$f" ] && files+=("$f")
done
if [ "${#files[@]}" -eq 0 ]; then
  echo "checksums: no ${name}_${version}_* package in $out" >&2
  exit 1
fi
"${sha[@]}" "${files[@]}" > "$sums"
rm -f "$sums.sig"
if [ -z "${GPG_FINGERPRINT:-}" ]; then
  echo "checksums: GPG_FINGERPRINT is not set: $sums is NOT signed (no $sums.sig);"
  echo "  a registry needs the signature: import a key and set GPG_FINGERPRINT (README: Releases and platforms)"
else
  sign=(gpg --batch --yes --local-user "$GPG_FINGERPRINT" --detach-sign --output "$sums.sig")
  if [ -n "${GPG_PASSPHRASE:-}" ]; then
    printf '%s' "$GPG_PASSPHRASE" | "${sign[@]}" --pinentry-mode loopback --passphrase-fd 0 "$sums"
  else
    "${sign[@]}" "$sums"
  fi
  gpg --batch --verify "$sums.sig" "$sums" 2>/dev/null
  echo "checksums: $sums signed by $GPG_FINGERPRINT ($sums.sig)"
fi
echo "release directory $out:"
ls -l
