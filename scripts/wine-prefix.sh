#!/usr/bin/env bash
# Makes the Wine prefix (64-bit, headless) that the tests run the Windows
# build of the provider in, and prints its path. Idempotent. Debian's Wine 8
# lacks ProcessPrng (bcryptprimitives.dll), which Rust's std needs for its
# first HashMap, so the prefix gets a test-only stand-in compiled with mingw
# from tests/support/wine/ into its system32; it is never shipped.
# Run the .exe with the printed prefix and the environment this script uses:
#   WINEPREFIX=<path> WINEARCH=win64 WINEDEBUG=-all wine X.exe
# (Debian's `wine` picks /usr/lib/wine/wine64; there is no wine64 on PATH.)
# Tests running it at once are serialised by a lock in the prefix.
# Usage: scripts/wine-prefix.sh [DIR]   (default target/wine-prefix)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${1:-$root/target/wine-prefix}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
src="$root/tests/support/wine"
dll="$prefix/drive_c/windows/system32/bcryptprimitives.dll"

for tool in wine wineboot wineserver x86_64-w64-mingw32-gcc flock; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "wine-prefix: $tool is missing; run scripts/install-windows-toolchain.sh" >&2
    exit 1
  fi
done
# No display, no chatter, no Mono/Gecko installer dialogs.
export WINEPREFIX="$prefix" WINEARCH=win64 WINEDEBUG=-all DISPLAY=
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
exec 9>"$prefix/.wine-prefix.lock"
flock 9

if [ ! -f "$prefix/system.reg" ]; then
  echo "wine-prefix: creating $prefix" >&2
  # 9>&-: the wineserver that wineboot starts must not hold the lock.
  if ! wineboot -i </dev/null >"$prefix/wineboot.log" 2>&1 9>&-; then
    cat "$prefix/wineboot.log" >&2
    echo "wine-prefix: wineboot -i failed in $prefix" >&2
    exit 1
  fi
  # wineboot returns before the prefix's registry is flushed to disk.
  wineserver -w 9>&-
fi
if [ ! -f "$prefix/system.reg" ]; then
  echo "wine-prefix: wineboot did not create $prefix" >&2
  exit 1
fi
# Wine 8 has no builtin bcryptprimitives.dll, so system32's copy is loaded
# with no DLL override; a later Wine that has one needs bcryptprimitives=n,b.
if [ ! -f "$dll" ] || [ "$src/bcryptprimitives.c" -nt "$dll" ] || [ "$src/bcryptprimitives.def" -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$dll.tmp" \
    "$src/bcryptprimitives.c" "$src/bcryptprimitives.def" -ladvapi32
  mv -f "$dll.tmp" "$dll"
fi
echo "$prefix"
