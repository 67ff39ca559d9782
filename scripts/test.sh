#!/usr/bin/env bash
# The test command: lint, unit + CLI tests, then the quality gate on ../shared/datasets.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider
.venv/bin/python -m benchmarks.gate
