#!/usr/bin/env bash
# Installs the moto EventBridge emulator into target/ (idempotent) and writes
# the command that starts it to target/emulator-cmd.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$root/tests/emulator-requirements.txt"
venv="$root/target/emu-venv"
flat="$root/target/emu-py"
mkdir -p "$root/target"

if "$venv/bin/python" -c 'import moto, flask, flask_cors' 2>/dev/null; then
  echo "$venv/bin/moto_server" > "$root/target/emulator-cmd"
elif [ -d "$flat/moto" ] && PYTHONPATH="$flat" python3 -c 'import moto, flask, flask_cors' 2>/dev/null; then
  echo "env PYTHONPATH=$flat python3 -m moto.server" > "$root/target/emulator-cmd"
elif python3 -m venv "$venv" 2>/dev/null; then
  echo "installing moto into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  echo "$venv/bin/moto_server" > "$root/target/emulator-cmd"
else
  echo "installing moto into $flat (no venv module)"
  rm -rf "$venv"
  python3 -m pip install -q --disable-pip-version-check --target "$flat" -r "$req"
  echo "env PYTHONPATH=$flat python3 -m moto.server" > "$root/target/emulator-cmd"
fi
echo "emulator: $(cat "$root/target/emulator-cmd") -H 127.0.0.1 -p PORT"
