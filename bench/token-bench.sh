#!/usr/bin/env bash
# Token issuance / read-path benchmark for Landlord.
#
# Starts a private PostgreSQL 15 and the packaged application (prod mode) on
# loopback ports, then measures with wrk:
#   a) POST /oauth/token        (client_credentials, JSON body)
#   b) GET  /v1/environments    (Bearer token)
# and reports start-to-ready time and the JVM's RSS.
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/token-bench.sh
#
# Knobs (environment): BENCH_DURATION (20s), BENCH_WARMUP (5s),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_READY_TIMEOUT (60),
# BENCH_JAVA_OPTS, BENCH_OUT_DIR, BENCH_KEEP_TMP. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-20s}"
BENCH_WARMUP="${BENCH_WARMUP:-5s}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BENCH_THREADS="${BENCH_THREADS:-2}"
export BENCH_CONNECTIONS BENCH_THREADS

# Validate knobs before doing any work.
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
[[ "$BENCH_CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_CONNECTIONS must be a positive integer"
[[ "$BENCH_THREADS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_THREADS must be a positive integer"
(( BENCH_THREADS <= BENCH_CONNECTIONS )) || bench_die "BENCH_THREADS must not exceed BENCH_CONNECTIONS"

# Fail fast, before installing anything, if the app has not been built.
if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="token-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"

bench_init
mkdir -p "$OUT_DIR"

# Keep the application log with the results.
save_app_log() {
    if [[ -n "${BENCH_APP_LOG:-}" && -f "$BENCH_APP_LOG" ]]; then
        cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null || true
    fi
}
BENCH_CLEANUP_HOOKS+=(save_app_log)

# shellcheck disable=SC2119
bench_setup

bench_app_start
bench_app_wait_ready
RSS_START="$(bench_rss_human "$BENCH_APP_PID")"
QUARKUS_STARTED="$(bench_app_quarkus_startup)"
bench_log "ready in ${BENCH_READY_MS} ms (Quarkus reports: ${QUARKUS_STARTED:-n/a}), RSS ${RSS_START}"

TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"
bench_log "obtained access token (${#TOKEN} chars)"

# Sanity check the authenticated endpoint once before loading it.
ENV_CODE="$(curl -s -o "$BENCH_TMP/environments.out" -w '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json' \
    "$BENCH_APP_URL/v1/environments" || true)"
if [[ "$ENV_CODE" != "200" ]]; then
    bench_log "warning: GET /v1/environments returned ${ENV_CODE:-no response}: $(head -c 300 "$BENCH_TMP/environments.out" 2>/dev/null)"
fi

TOKEN_SCRIPT="$(bench_wrk_post_script token "$(bench_token_body)")"

# run_scenario NAME LABEL [wrk args...] URL
run_scenario() {
    local name="$1" label="$2"
    shift 2
    bench_log "$label: warm-up $BENCH_WARMUP"
    bench_wrk "$OUT_DIR/$name.warmup.txt" "$BENCH_WARMUP" "$@"
    bench_log "$label: measuring $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
    bench_wrk "$OUT_DIR/$name.txt" "$BENCH_DURATION" "$@"
    printf '%s\t%s\n' "$label" "$(bench_wrk_summary "$OUT_DIR/$name.txt")" >>"$OUT_DIR/summary.tsv"
}

: >"$OUT_DIR/summary.tsv"
run_scenario token "POST /oauth/token" -s "$TOKEN_SCRIPT" "$BENCH_APP_URL/oauth/token"

# A fresh token so that expiry cannot interfere with the read-path run.
TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"
run_scenario environments "GET /v1/environments" \
    -H "Authorization: Bearer $TOKEN" "$BENCH_APP_URL/v1/environments"

RSS_END="$(bench_rss_human "$BENCH_APP_PID")"

{
    echo
    echo "Landlord token benchmark  ($RUN_ID)"
    echo "  jar:          $BENCH_APP_JAR"
    echo "  java:         $("$BENCH_JAVA" -version 2>&1 | head -n 1)"
    echo "  cpus:         $(nproc)"
    echo "  wrk:          -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$BENCH_DURATION (warm-up $BENCH_WARMUP)"
    echo "  start->ready: ${BENCH_READY_MS} ms (Quarkus: ${QUARKUS_STARTED:-n/a})"
    echo "  RSS:          ${RSS_START} after start, ${RSS_END} after load"
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-22s %10s %9s %9s %9s %10s %12s %14s\n"
                printf fmt, "scenario", "req/s", "p50", "p90", "p99", "requests", "non-2xx/3xx", "socket-errors" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7, $8 }
    ' "$OUT_DIR/summary.tsv"
    echo
    echo "raw wrk output and app log: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
