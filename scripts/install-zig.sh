#!/usr/bin/env bash
# Installs what the release build links with (scripts/release-requirements.txt:
# Zig and cargo-zigbuild, prebuilt wheels from PyPI) into target/zig-venv.
# Idempotent. Where PyPI has no cargo-zigbuild wheel for this machine, it is
# compiled from crates.io into the same directory instead (a few minutes).
# Prints the directory to put first on the PATH: target/zig-venv/bin.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$root/scripts/release-requirements.txt"
venv="$root/target/zig-venv"
pinned() { sed -n "s/^$1==\(.*\)/\1/p" "$req"; }

if [ -x "$venv/bin/cargo-zigbuild" ] && "$venv/bin/python" -m ziglang version >/dev/null 2>&1 \
  && [ "$("$venv/bin/cargo-zigbuild" --version)" = "cargo-zigbuild $(pinned cargo-zigbuild)" ] \
  && [ "$("$venv/bin/python" -m ziglang version)" = "$(pinned ziglang)" ]; then
  echo "install-zig: zig $(pinned ziglang) and cargo-zigbuild $(pinned cargo-zigbuild) already in $venv" >&2
  echo "$venv/bin"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "install-zig: python3 is required (Zig comes from PyPI's ziglang)" >&2
  exit 1
fi
py="$(python3 -c 'import sys; print(sys.executable)')"
rm -rf "$venv"
"$py" -m venv "$venv"
echo "install-zig: installing zig $(pinned ziglang) and cargo-zigbuild $(pinned cargo-zigbuild) into $venv" >&2
if ! "$venv/bin/pip" install -q --disable-pip-version-check --only-binary :all: -r "$req" >&2; then
  echo "install-zig: no cargo-zigbuild wheel for this machine; compiling it from crates.io" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check --only-binary :all: "ziglang==$(pinned ziglang)" >&2
  cargo install --quiet --locked --root "$venv" --version "$(pinned cargo-zigbuild)" cargo-zigbuild >&2
fi
"$venv/bin/python" -m ziglang version >/dev/null
"$venv/bin/cargo-zigbuild" --version >&2
echo "$venv/bin"
