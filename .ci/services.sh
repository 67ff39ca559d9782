#!/usr/bin/env bash
# Install (Debian packages) and start what the test suite runs against for real: PostgreSQL, and Chromium for the
# web UI tests (driven by Playwright with executable_path; no browser download).
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_lsclusters -h 2>/dev/null | grep -q "^$ver main" || $SUDO pg_createcluster "$ver" main >/dev/null
$SUDO pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h /var/run/postgresql && break; sleep 1; done
me=$(id -un)
run_pg() { if [ -n "$SUDO" ]; then sudo -u postgres "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi; }
run_pg psql -h /var/run/postgresql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$me'" | grep -q 1 \
  || run_pg createuser -h /var/run/postgresql -s "$me"
run_pg psql -h /var/run/postgresql -tAc "SELECT 1 FROM pg_database WHERE datname='communique_test'" | grep -q 1 \
  || run_pg createdb -h /var/run/postgresql -O "$me" communique_test
echo "PostgreSQL $ver ready on /var/run/postgresql (database communique_test)"
