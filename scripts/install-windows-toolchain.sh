#!/usr/bin/env bash
# Installs what the Windows build (scripts/build-windows.sh) and its Wine
# runtime (scripts/wine-prefix.sh) need, from Debian's packages only:
# Debian's own Rust (rustc-web, cargo-web, rust-web-src: a second rustc and
# cargo beside rustup's, with std's sources so that std is built for
# x86_64-pc-windows-gnu with -Zbuild-std), mingw-w64 as the linker and C
# compiler, nasm (aws-lc-sys) and Wine. Idempotent; silent when all is there.
# Prints the directory holding Debian's cargo and rustc. Putting it first on
# the PATH is not enough: rustup's cargo and rustc come first there, so set
# CARGO=<dir>/cargo and RUSTC=<dir>/rustc as scripts/build-windows.sh does.
# Usage: scripts/install-windows-toolchain.sh
set -euo pipefail
packages=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 nasm wine64 wine)
# The oldest Rust release the Windows build was made and checked with.
rust_minor=96

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-windows-toolchain: needs Debian's packages ${missing[*]} (no apt-get here)" >&2
    exit 1
  fi
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  # The package lists are refreshed once, only when a package is not in them.
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  fi
  echo "install-windows-toolchain: apt-get install ${missing[*]}" >&2
  if ! apt-get install -y -qq "${missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-windows-toolchain: apt-get install ${missing[*]} failed" >&2
    exit 1
  fi
fi

cargo="$(dpkg -L cargo-web | grep -m1 -E '/bin/cargo$')"
bin_dir="$(dirname "$cargo")"
rustc="$bin_dir/rustc"
if [ ! -x "$rustc" ] || [ ! -x "$cargo" ]; then
  echo "install-windows-toolchain: no Debian rustc/cargo in $bin_dir" >&2
  exit 1
fi
version="$("$rustc" --version)"
minor="$(echo "$version" | sed -n 's/^rustc 1\.\([0-9]*\)\..*/\1/p')"
if [ -z "$minor" ] || [ "$minor" -lt "$rust_minor" ]; then
  echo "install-windows-toolchain: $rustc is '$version', expected 1.$rust_minor or later" >&2
  exit 1
fi
library="$("$rustc" --print sysroot)/lib/rustlib/src/rust/library"
if [ ! -f "$library/std/src/lib.rs" ] || [ ! -f "$library/Cargo.lock" ]; then
  echo "install-windows-toolchain: std's sources are not in $library (package rust-web-src)" >&2
  exit 1
fi
for tool in x86_64-w64-mingw32-gcc nasm wine wineboot wineserver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-windows-toolchain: $tool is missing after installing ${packages[*]}" >&2
    exit 1
  fi
done
echo "$bin_dir"
