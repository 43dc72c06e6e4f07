#!/usr/bin/env bash
# Builds the Windows binary (x86_64-pc-windows-gnu) on Linux and prints its
# path. rustup's toolchains have no std for that target here, so Debian's
# rustc and cargo (scripts/install-windows-toolchain.sh) build std from its
# sources with -Zbuild-std (RUSTC_BOOTSTRAP=1), and mingw-w64 links; mingw's
# runtime (libgcc, winpthread) goes in statically by the target's default, so
# the .exe needs only Windows' own DLLs (x86_64-w64-mingw32-objdump -p).
# It builds in target/windows, apart from the host build's lock and
# fingerprints. Runs under Wine through scripts/wine-prefix.sh.
# Usage: scripts/build-windows.sh [--path] [--profile release|dev]
#   --path     print where the binary is (or would be), build nothing
#   --profile  cargo profile, release (the shipped build) by default
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
triple=x86_64-pc-windows-gnu
profile=release
path_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --path) path_only=1 ;;
    --profile) profile="${2:?--profile needs release or dev}"; shift ;;
    --profile=*) profile="${1#--profile=}" ;;
    *) echo "build-windows: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$profile" in
  release) out=release ;;
  dev) out=debug ;;
  *) echo "build-windows: --profile is release or dev, not $profile" >&2; exit 2 ;;
esac
export CARGO_TARGET_DIR="$root/target/windows"
binary="$CARGO_TARGET_DIR/$triple/$out/terraform-provider-eventbridge.exe"
if [ -n "$path_only" ]; then
  echo "$binary"
  exit 0
fi

bin_dir="$(bash scripts/install-windows-toolchain.sh)"
export PATH="$bin_dir:$PATH" CARGO="$bin_dir/cargo" RUSTC="$bin_dir/rustc" RUSTDOC="$bin_dir/rustdoc"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
# The profiles panic = "unwind": std is built with panic_unwind (panic_abort,
# a dependency of std, comes along anyway).
echo "build-windows: cargo build --profile $profile --target $triple -Zbuild-std (Debian's $("$RUSTC" --version))" >&2
"$CARGO" build --locked --profile "$profile" --target "$triple" \
  -Zbuild-std=std,panic_unwind --bin terraform-provider-eventbridge >&2
echo "$binary"
