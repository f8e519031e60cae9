#!/usr/bin/env bash
# The one place that decides which Python runs moto server. Prints that interpreter's path:
#   - python3, when it can import moto.server;
#   - otherwise the project's own virtual environment (.local/venv, git-ignored), made the first
#     time by installing the pinned moto[server] with pip, so a bare machine needs no extra step.
# When that cannot be done (no package index answers, no venv module, ...) it prints one line that
# says what to install and how, exits 1, and removes the half-made environment so the next run
# starts clean. Everything that starts moto asks it: scripts/local/stack.sh, hence make demo,
# make test, make bench and .ci/run.
#   python="$(scripts/local/python.sh)"
# Environment: MOTO_VENV_DIR (default: .local/venv in the repository). pip reads its own settings
# (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS, PIP_DEFAULT_TIMEOUT, pip.conf), so a mirror
# or a folder of wheels works as it does for any pip install.
set -euo pipefail
MOTO_REQUIREMENT='moto[server]==5.2.1'
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${MOTO_VENV_DIR:-$repo_root/.local/venv}"
venv_shown="${venv#"$repo_root"/}"
install_hint="install it with  python3 -m pip install \"$MOTO_REQUIREMENT\"  (or set PIP_INDEX_URL to a mirror), then run the same command again"

fail() {
  echo "$*" >&2
  exit 1
}

# Prints the interpreter's path only when the import succeeds.
print_if_imports_moto() {
  "$1" -c 'import moto.server, sys; print(sys.executable)' 2>/dev/null
}

command -v python3 >/dev/null ||
  fail "python3 is missing: install Python 3.9 or newer (e.g. sudo apt-get install python3 python3-venv), then run the same command again"
print_if_imports_moto python3 && exit 0
[ -x "$venv/bin/python" ] && print_if_imports_moto "$venv/bin/python" && exit 0

# moto 5.2.1 declares Requires-Python >=3.9; pip would only say "no matching distribution".
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
  fail "moto server 5.2.1 needs Python 3.9 or newer and python3 is $(python3 -V 2>&1): install a newer Python 3, then run the same command again"

# Two runs starting at once (a test run and the demo) must not build the same venv together.
lock="$venv.lock"
mkdir -p "$(dirname "$venv")"
until mkdir "$lock" 2>/dev/null; do
  holder="$(cat "$lock/pid" 2>/dev/null || true)"
  if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
    rm -rf "$lock"
    continue
  fi
  [ -n "${announced_wait:-}" ] || echo "waiting for another run that is installing moto into $venv_shown" >&2
  announced_wait=1
  sleep 1
done
echo $$ >"$lock/pid"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/moto-venv.XXXXXX")"
log="$scratch/output"
ready=""
cleanup() {
  [ -n "$ready" ] || rm -rf "$venv"
  rm -rf "$lock" "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The run we waited for may have made it.
[ -x "$venv/bin/python" ] && print_if_imports_moto "$venv/bin/python" && ready=1 && exit 0
if [ -n "$(ls -A "$venv" 2>/dev/null)" ] && [ ! -f "$venv/pyvenv.cfg" ]; then
  ready=1 # not ours: leave it
  fail "$venv exists and is not a Python virtual environment: move it away or set MOTO_VENV_DIR to another folder, then run the same command again"
fi
rm -rf "$venv"

echo "moto server is not importable by python3: installing $MOTO_REQUIREMENT into $venv_shown (first run only)" >&2
if ! python3 -m venv "$venv" >"$log" 2>&1; then
  if grep -q ensurepip "$log"; then
    fail "python3 cannot create a virtual environment (ensurepip is missing): install python3-venv (e.g. sudo apt-get install python3-venv), or moto itself: $install_hint"
  fi
  fail "python3 -m venv $venv_shown failed ($(grep -v '^\s*$' "$log" | tail -1)): $install_hint"
fi
# pip tells why an index did not answer only in its verbose log (--log), not on the console.
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --log "$scratch/pip.log" \
  "$MOTO_REQUIREMENT" >"$log" 2>&1; then
  if grep -qE 'Could not fetch URL .*: connection error|NewConnectionError|ConnectTimeout|Read timed out|ProxyError|SSLError' "$scratch/pip.log"; then
    fail "moto server 5.2.1 is missing and pip could not reach a package index: $install_hint"
  fi
  reason="$(grep '^ERROR: ' "$log" | tail -1 | sed 's/^ERROR: //')"
  fail "moto server 5.2.1 is missing and pip could not install it into $venv_shown (${reason:-pip failed}): $install_hint"
fi
print_if_imports_moto "$venv/bin/python" ||
  fail "pip installed $MOTO_REQUIREMENT into $venv_shown but moto.server does not import: $install_hint"
ready=1
echo "moto server installed in $venv_shown" >&2
