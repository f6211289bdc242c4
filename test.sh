#!/usr/bin/env bash
# Quick start, command 2: set everything up (with the test tools) and run the tests.
# Extra arguments go to pytest (e.g. ./test.sh -k toc). pytest exits non-zero when it
# collects no test, so an empty run never passes.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
