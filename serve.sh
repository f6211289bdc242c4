#!/usr/bin/env bash
# Quick start, command 1: set everything up, build the site from the bundled content and
# serve it on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/invoke serve
