#!/usr/bin/env bash
# Installs the moto EventBridge emulator (pinned: tests/emulator-requirements.txt)
# into target/emu-venv, or into target/emu-py with `pip --target` when python3
# has no venv module. Idempotent. Writes the command that starts it (one line)
# to target/emulator-cmd; the test harness appends `-H 127.0.0.1 -p PORT`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$root/tests/emulator-requirements.txt"
venv="$root/target/emu-venv"
flat="$root/target/emu-py"
cmd_file="$root/target/emulator-cmd"
mkdir -p "$root/target"

if ! command -v python3 >/dev/null 2>&1; then
  echo "install-moto: python3 is required" >&2
  exit 1
fi
# The real interpreter, not a shim, so the recorded command does not depend on
# the PATH of whoever runs the tests later.
py="$(python3 -c 'import sys; print(sys.executable)')"
importable='import moto, moto.server, flask, flask_cors'

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$importable" 2>/dev/null; then
  echo "moto already installed in $venv"
  echo "$venv/bin/moto_server" > "$cmd_file"
elif [ -d "$flat/moto" ] && PYTHONPATH="$flat" "$py" -c "$importable" 2>/dev/null; then
  echo "moto already installed in $flat"
  echo "env PYTHONPATH=$flat $py -m moto.server" > "$cmd_file"
elif "$py" -m venv "$venv" 2>/dev/null && [ -x "$venv/bin/pip" ]; then
  echo "installing moto into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  echo "$venv/bin/moto_server" > "$cmd_file"
else
  echo "installing moto into $flat (python3 has no usable venv module; using pip --target)"
  rm -rf "$venv"
  "$py" -m pip install -q --disable-pip-version-check --target "$flat" -r "$req"
  echo "env PYTHONPATH=$flat $py -m moto.server" > "$cmd_file"
fi
echo "emulator start command (in $cmd_file):"
echo "  $(cat "$cmd_file") -H 127.0.0.1 -p PORT"
