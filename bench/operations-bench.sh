#!/usr/bin/env bash
# Asynchronous tenant creation under load: submits BENCH_OPERATIONS (1000) operations from
# BENCH_CLIENTS (100) concurrent clients with curl --parallel, then waits for every one to finish and
# prints the 202 latency percentiles, the time-to-SUCCEEDED percentiles (from the database: completed_at -
# created_at) and operations/s (first submission to last completion).
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/operations-bench.sh
# Knobs: BENCH_OPERATIONS (1000), BENCH_CLIENTS (100), BENCH_MAX_CONCURRENT (the app's
# landlord.operations.max-concurrent, default 8), plus the lib.sh ones.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_OPERATIONS="${BENCH_OPERATIONS:-1000}"
BENCH_CLIENTS="${BENCH_CLIENTS:-100}"
RUN_ID="operations-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"

bench_init
mkdir -p "$OUT_DIR"
# shellcheck disable=SC2119
bench_setup
if [[ -n "${BENCH_MAX_CONCURRENT:-}" ]]; then
    export LANDLORD_OPERATIONS_MAX_CONCURRENT="$BENCH_MAX_CONCURRENT"
fi
bench_app_start
bench_app_wait_ready
TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"

# One curl config entry per operation, each with its own subdomain.
CONFIG="$BENCH_TMP/submissions.curl"
PREFIX="ops$(bench_random_alnum 6 | tr 'A-Z' 'a-z')"
: >"$CONFIG"
for ((i = 0; i < BENCH_OPERATIONS; i++)); do
    (( i == 0 )) || echo "next" >>"$CONFIG"
    cat >>"$CONFIG" <<EOF_ENTRY
url = "$BENCH_APP_URL/v1/async/tenants"
request = "POST"
header = "Authorization: Bearer $TOKEN"
header = "Content-Type: application/json"
data = "{\"subdomain\":\"$PREFIX-$i\",\"environmentId\":\"$BENCH_ENVIRONMENT_ID\"}"
output = "/dev/null"
write-out = "%{http_code} %{time_total}\\n"
EOF_ENTRY
done

bench_log "submitting $BENCH_OPERATIONS operations from $BENCH_CLIENTS concurrent clients"
START_MS="$(bench_now_ms)"
timeout 600 curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$BENCH_CLIENTS" --config "$CONFIG" \
    >"$OUT_DIR/submissions.txt"
SUBMIT_MS=$(( $(bench_now_ms) - START_MS ))
ACCEPTED="$(awk '$1 == 202' "$OUT_DIR/submissions.txt" | wc -l)"
bench_log "submitted in ${SUBMIT_MS} ms: $ACCEPTED accepted with 202"

sql() {
    BENCH_PSQL_DB=landlord bench_psql -At -c "$1"
}
bench_log "waiting for every operation to finish (deadline 600 s)"
DEADLINE=$(( $(date +%s) + 600 ))
while :; do
    OPEN="$(sql "SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE '$PREFIX-%' AND status IN ('PENDING','RUNNING')")"
    [[ "$OPEN" == "0" ]] && break
    (( $(date +%s) < DEADLINE )) || bench_die "$OPEN operations still open after 600 s"
    sleep 0.5
done

percentiles() { # stdin: one number per line (seconds) -> p50 p90 p99 max in ms
    sort -n | awk '
        function at(p,   i) { i = int(NR * p + 0.5); if (i < 1) i = 1; return v[i] * 1000 }
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "n/a n/a n/a n/a"; exit }
            printf "%.1fms %.1fms %.1fms %.1fms\n", at(0.50), at(0.90), at(0.99), v[NR] * 1000
        }'
}
read -r A50 A90 A99 AMAX < <(awk '$1 == 202 { print $2 }' "$OUT_DIR/submissions.txt" | percentiles)
read -r S50 S90 S99 SMAX < <(sql "SELECT extract(epoch FROM completed_at - created_at) FROM operations
    WHERE request->>'subdomain' LIKE '$PREFIX-%' AND status = 'SUCCEEDED'" | percentiles)
read -r SUCCEEDED FAILED SPAN < <(sql "SELECT count(*) FILTER (WHERE status = 'SUCCEEDED'), count(*) FILTER (WHERE status = 'FAILED'),
    extract(epoch FROM max(completed_at) - min(created_at)) FROM operations WHERE request->>'subdomain' LIKE '$PREFIX-%'" | tr '|' ' ')
TENANTS="$(sql "SELECT count(*) FROM tenants WHERE subdomain LIKE '$PREFIX-%'")"
cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null || true

{
    echo
    echo "Landlord asynchronous tenant creation benchmark  ($RUN_ID)"
    echo "  java:        $("$BENCH_JAVA" -version 2>&1 | head -n 1); cpus: $(nproc)"
    echo "  submitted:   $BENCH_OPERATIONS operations, $BENCH_CLIENTS concurrent clients, $ACCEPTED accepted (202) in ${SUBMIT_MS} ms"
    echo "  finished:    $SUCCEEDED SUCCEEDED, $FAILED FAILED; $TENANTS tenants created"
    printf '  202 latency:        p50 %s  p90 %s  p99 %s  max %s\n' "$A50" "$A90" "$A99" "$AMAX"
    printf '  time to SUCCEEDED:  p50 %s  p90 %s  p99 %s  max %s\n' "$S50" "$S90" "$S99" "$SMAX"
    awk -v n="$SUCCEEDED" -v s="$SPAN" 'BEGIN { printf "  throughput:  %.1f operations/s (first 202 to last SUCCEEDED: %.2f s)\n", n / s, s }'
    echo "  raw output:  $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
