#!/usr/bin/env bash
# Installs what HoaNhap needs on a Debian/Ubuntu machine: system packages (when run as root or
# with password-less sudo), a virtual environment in .venv and the pinned Python packages.
# Sourced by scripts/start and scripts/test; safe to run again (it skips what is already there).
# WITH_BROWSER=1 adds Debian's Chromium, poppler-utils and LibreOffice Writer (browser tests);
# WITH_POSTGRES=1 adds PostgreSQL; WITH_BENCH=1 adds wrk (the benchmark's load tool); WITH_NGINX=1
# adds nginx (the cluster test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Pango is what WeasyPrint lays PDF text out with.
packages=(python3-venv gettext fonts-liberation2 fonts-dejavu-core fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0)
# The browser tests also picture the issued decisions for the guides: the PDF through pdftoppm
# (poppler-utils), the Word file through LibreOffice.
[ "${WITH_BROWSER:-0}" = 1 ] && packages+=(chromium poppler-utils libreoffice-writer-nogui)
[ "${WITH_POSTGRES:-0}" = 1 ] && packages+=(postgresql)
[ "${WITH_BENCH:-0}" = 1 ] && packages+=(wrk)
[ "${WITH_NGINX:-0}" = 1 ] && packages+=(nginx)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "!! Missing system packages: ${missing[*]}" >&2
    echo "!! Run this command as root (or with sudo) once to install them." >&2
    exit 1
  fi
  echo "== Installing system packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "!! HoaNhap needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version))." >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  echo "== Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "== Installing Python packages (pinned in pyproject.toml)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.installed-* && touch "$stamp"
fi
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
mkdir -p var
