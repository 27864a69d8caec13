#!/usr/bin/env bash
# What recording events costs: the read path (GET /v1/tenants/{id}, buffered events) and the write path
# (POST /v1/tenants, events in the change's transaction), each with events on and off.
#
# Starts a private PostgreSQL 15 and the packaged application (prod mode) twice per round — once with
# LANDLORD_EVENTS_ENABLED=true, once with false — on-off, then off-on, for BENCH_ROUNDS rounds (2) so a
# warmer JVM, a fuller database or a machine whose speed drifts does not favour one side, and prints every
# run plus the on/off ratios of the medians.
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/events-bench.sh
#
# Knobs: BENCH_DURATION (15s), BENCH_WARMUP (90s), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_ROUNDS (2),
# BENCH_JAVA_OPTS, BENCH_OUT_DIR. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-15s}"
# A fresh JVM spends the first half-minute under load compiling: a profile of startup, a 10 s warm-up and a 15 s run had
# ~40 % of the process's CPU in the JIT compiler threads, and more code to compile when events are on, so a short
# warm-up measures the compiler rather than the service. 90 s of warm-up per path reaches steady state here: then the app spends
# the same CPU per request with events on as off (the table below shows it), while after 45 s the read ratio
# was 0.79 over three rounds, and 0.87 after 90 s.
BENCH_WARMUP="${BENCH_WARMUP:-90s}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_ROUNDS="${BENCH_ROUNDS:-2}"
export BENCH_CONNECTIONS BENCH_THREADS
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
[[ "$BENCH_ROUNDS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_ROUNDS must be a positive integer"

if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="events-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"

bench_apt_install
bench_require_java
bench_pg_start
bench_gen_signing_key
bench_write_environments

# measure LABEL OUTNAME wrk-args... : warm-up then a measured run, one summary line, with the CPU time the
# application and PostgreSQL spent per request during the measured run (microseconds): on these two cores they
# share the CPU with wrk, so throughput falls by whatever either of them spends more.
measure() {
    local label="$1" name="$2" app0 pg0 app1 pg1 requests
    shift 2
    bench_wrk "$OUT_DIR/$name.warmup.txt" "$BENCH_WARMUP" "$@"
    app0="$(bench_cpu_ticks "$BENCH_APP_PID")"
    pg0="$(bench_cpu_ticks $(bench_pg_pids))"
    bench_wrk "$OUT_DIR/$name.txt" "$BENCH_DURATION" "$@"
    app1="$(bench_cpu_ticks "$BENCH_APP_PID")"
    pg1="$(bench_cpu_ticks $(bench_pg_pids))"
    requests="$(awk '/ requests in / { print $1 }' "$OUT_DIR/$name.txt")"
    printf '%s\t%s\t%s\n' "$label" "$(bench_wrk_summary "$OUT_DIR/$name.txt")" \
        "$(awk -v app=$(( app1 - app0 )) -v pg=$(( pg1 - pg0 )) -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { if (n > 0) printf "%.0f\t%.0f", app * 1e6 / hz / n, pg * 1e6 / hz / n; else printf "?\t?" }')" \
        >>"$OUT_DIR/summary.tsv"
}

: >"$OUT_DIR/summary.tsv"
for (( round = 1; round <= BENCH_ROUNDS; round++ )); do
    # on-off in odd rounds, off-on in even ones: a machine that gets faster or slower during the run (seen here:
    # the same path 35 % faster in the last round than in the first) then favours neither side
    modes="on off"
    (( round % 2 == 0 )) && modes="off on"
    for mode in $modes; do
        if [[ $mode == on ]]; then export LANDLORD_EVENTS_ENABLED=true; else export LANDLORD_EVENTS_ENABLED=false; fi
        bench_app_start
        bench_app_wait_ready
        TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"
        ENVIRONMENT_ID="$(BENCH_PSQL_DB=landlord bench_psql -tAc "SELECT id FROM environments ORDER BY created_at LIMIT 1")"
        TENANT_ID="$(curl -sf -X POST "$BENCH_APP_URL/v1/tenants" -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' \
            -d "{\"name\":\"Read me\",\"subdomain\":\"read-$round-$mode\",\"environmentId\":\"$ENVIRONMENT_ID\"}" \
            | sed -n 's/^{"id":"\([0-9a-f-]\{36\}\)".*/\1/p')"
        [[ "$TENANT_ID" =~ ^[0-9a-f-]{36}$ ]] || bench_die "could not create the tenant to read"
        bench_log "round $round, events $mode: GET /v1/tenants/{id}"
        measure "read $mode" "read-$round-$mode" -H "Authorization: Bearer $TOKEN" "$BENCH_APP_URL/v1/tenants/$TENANT_ID"
        bench_log "round $round, events $mode: POST /v1/tenants"
        measure "write $mode" "write-$round-$mode" -H "Authorization: Bearer $TOKEN" \
            -s "$(bench_wrk_create_tenant_script "$ENVIRONMENT_ID")" "$BENCH_APP_URL/v1/tenants"
        EVENTS="$(BENCH_PSQL_DB=landlord bench_psql -tAc "SELECT count(*) FROM events" 2>/dev/null || echo '?')"
        bench_log "events in the table: $EVENTS"
        bench_app_stop
    done
done

{
    echo
    echo "Landlord events benchmark  ($RUN_ID)"
    echo "  java:  $(java -version 2>&1 | head -n 1), cpus: $(nproc)"
    echo "  wrk:   -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$BENCH_DURATION (warm-up $BENCH_WARMUP), $BENCH_ROUNDS rounds on/off"
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-12s %10s %9s %9s %9s %10s %12s %12s %12s\n"
                printf fmt, "scenario", "req/s", "p50", "p90", "p99", "requests", "non-2xx/3xx", "app us/req", "pg us/req" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7, $9, $10 }
    ' "$OUT_DIR/summary.tsv"
    echo
    # Ratio of median throughputs, events on / off (target for reads: >= 0.90).
    for path in read write; do
        awk -F'\t' -v path="$path" '
            $1 == path " on"  { on[++n_on] = $2; app_on[n_on] = $9; pg_on[n_on] = $10 }
            $1 == path " off" { off[++n_off] = $2; app_off[n_off] = $9; pg_off[n_off] = $10 }
            function median(a, n,   i, j, t) {
                for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            }
            END { m_on = median(on, n_on); m_off = median(off, n_off)
                  printf "%s path: median %.0f req/s with events, %.0f without, ratio %.2f\n", path, m_on, m_off, m_on / m_off
                  printf "  CPU per request, median: application %.0f us with events, %.0f without; PostgreSQL %.0f us with, %.0f without\n",
                         median(app_on, n_on), median(app_off, n_off), median(pg_on, n_on), median(pg_off, n_off) }
        ' "$OUT_DIR/summary.tsv"
    done
    echo
    echo "raw wrk output: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
