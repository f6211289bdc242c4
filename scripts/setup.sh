#!/usr/bin/env bash
# Set up everything the project needs on a Debian machine (Python 3.11, root or sudo):
# Debian packages, a virtual environment in .venv, and the project with its pinned
# dependencies from pyproject.toml. Safe to run again: it only installs what is missing.
#   scripts/setup.sh          what building and serving the site needs
#   scripts/setup.sh --test   that, plus the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--test" ] && extra="[test]"

# Debian packages: venv support for python3; Noto CJK fonts (print PDFs, generated covers
# and the PDF test fixtures embed them); Noto Tibetan; poppler-utils (pdftoppm, to look at PDF pages).
missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSerifCJK* >/dev/null 2>&1 \
  || missing+=(fonts-noto-cjk)
# Noto Serif Tibetan (fonts-noto-core): Tibetan, Qinghai's other written language, in pages and PDFs.
ls /usr/share/fonts/truetype/noto/NotoSerifTibetan* >/dev/null 2>&1 || missing+=(fonts-noto-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
[ -n "$extra" ] && ! command -v chromium >/dev/null 2>&1 && missing+=(chromium)
# The tests read the QR codes on pages and PDFs back with a real decoder (zbarimg).
[ -n "$extra" ] && ! command -v zbarimg >/dev/null 2>&1 && missing+=(zbar-tools)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
# Reinstall only when pyproject.toml (the one place versions are pinned) changed.
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)${extra:+-test}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the project and its pinned dependencies${extra:+ (with test tools)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  touch "$stamp"
fi
