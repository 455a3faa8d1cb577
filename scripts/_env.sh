# Shared by scripts/run-app, scripts/run-tests and scripts/build-package: make a virtual
# environment with the project and one of its extras installed (sandbox: the emulator behind
# --sandbox; test: the test tools and the sandbox; build: PyInstaller), coping with a fresh
# Debian 12 (no python3-venv, system pip refused by PEP 668).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${LEASEDESK_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Debian packages the Qt libraries need at run time (docs/architecture.md, "Testing policy").
QT_RUNTIME_PACKAGES="libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1"

say() { printf '==> %s\n' "$*" >&2; }

# apt_ensure PKG...: install the Debian packages that are missing (as root), or say how to.
apt_ensure() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not a Debian-like system: nothing to do
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]}"
    if [ -z "${_APT_UPDATED:-}" ]; then apt-get update -qq >&2; _APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    say "missing system packages; install them with:"
    printf '    sudo apt-get install %s\n' "${missing[*]}" >&2
    exit 1
  fi
}

ensure_venv() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    say "LeaseDesk needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1))"; exit 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
      local ver; ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      apt_ensure "python${ver}-venv"
    fi
    say "creating the virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  # One stamp per extra, so scripts/run-app (sandbox) and scripts/run-tests (test, which
  # includes sandbox) do not reinstall each other's set.
  local stamp="$VENV/.leasedesk-installed-$1"
  local want; want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)-$1"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing LeaseDesk and its dependencies (first run takes a few minutes)"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    # phonenumberslite ships the same module as phonenumbers, which older installs carry: the
    # two must not both be installed (removing one would delete the other's files).
    if "$VENV/bin/python" -m pip show -q phonenumbers >/dev/null 2>&1; then
      "$VENV/bin/python" -m pip uninstall -y -q phonenumbers >&2
    fi
    # i18n: babel, which scripts/build-translations compiles the catalogs with.
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$1,i18n]" >&2
    echo "$want" > "$stamp"
  fi
}
