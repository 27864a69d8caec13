#!/usr/bin/env bash
# End-to-end browser tests of the console against the packaged jar on a real PostgreSQL (root, Debian 12).
# Installs what it needs (PostgreSQL, Debian's chromium, node and npm) with apt, the test's npm packages with npm ci,
# starts PostgreSQL and the application with bench/lib.sh, and runs e2e/console.test.mjs with node's own test runner.
# Screenshots (of failures, and of the main pages) go to e2e/artifacts/; E2E_DOCS_DIR=docs/console also writes the
# README's screenshots there.
#
#   ./mvnw -B package -DskipTests && bash e2e/run.sh
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../bench/lib.sh
source "$E2E_DIR/../bench/lib.sh"

bench_init
bench_apt_install "chromium:chromium" "node:nodejs" "npm:npm"
bench_pg_start
bench_gen_signing_key
bench_write_environments
# The webhook the test registers points at this machine: allow such a target, as dev mode does.
export LANDLORD_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true
BENCH_APP_NAME=e2e-app bench_app_start
bench_app_wait_ready
bench_log "application ready in ${BENCH_READY_MS} ms"

(cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$E2E_DIR/artifacts"
status=0
LANDLORD_URL="$BENCH_APP_URL" LANDLORD_CLIENT_ID="$BENCH_CLIENT_ID" LANDLORD_CLIENT_SECRET="$BENCH_CLIENT_SECRET" \
    E2E_ARTIFACTS="$E2E_DIR/artifacts" \
    node --test --test-reporter=spec "$E2E_DIR/console.test.mjs" || status=$?
if (( status != 0 )); then
    bench_log "e2e failed; screenshots in $E2E_DIR/artifacts; last application log lines:"
    tail -n 40 "$BENCH_APP_LOG" >&2 || true
fi
exit "$status"
