#!/usr/bin/env bash
# Quick start, command 1: set everything up, build the site from the bundled content and
# serve it on http://127.0.0.1:8000/. Options go to `invoke serve`: bash serve.sh --port 8001
# (--content-dir DIR --output-dir DIR preview another content folder).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
# a busy port's message then names this script, the command the editor typed
export QHGY_SERVE_COMMAND="bash serve.sh"
exec .venv/bin/invoke serve "$@"
