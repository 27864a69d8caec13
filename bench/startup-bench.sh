#!/usr/bin/env bash
# Start-up benchmark: start-to-ready time and resident memory of the packaged application, with and without its AOT
# cache, against one PostgreSQL whose schema is already migrated (a first, unmeasured start applies the migrations).
#
# Starts alternate (cache, no cache, cache, ...) so that drift of the machine falls on both alike. Start-to-ready is
# from the launcher's exec to the first 200 of GET /q/health/ready (polled every BENCH_READY_POLL seconds); RSS is
# VmRSS one second after ready. Every start with the cache must log "Started with the AOT cache", every start
# without it must not: a run where the cache silently failed to map is refused.
#
# Usage (root, Debian 12; after ./mvnw -B verify, which trains target/quarkus-app/app.aot):
#   bench/startup-bench.sh
# Knobs: BENCH_STARTS (5 per mode), BENCH_READY_POLL (0.02), BENCH_JAVA_OPTS, BENCH_OUT_DIR. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_STARTS="${BENCH_STARTS:-5}"
export BENCH_READY_POLL="${BENCH_READY_POLL:-0.02}"
[[ "$BENCH_STARTS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_STARTS must be a positive integer"
[[ -f "$(dirname "$BENCH_APP_JAR")/app.aot" ]] \
    || bench_die "$(dirname "$BENCH_APP_JAR")/app.aot not found: run ./mvnw -B verify first (the packaged tests train it)"

RUN_ID="startup-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"

bench_init
mkdir -p "$OUT_DIR"
# shellcheck disable=SC2119
bench_setup
bench_app_snapshot

bench_log "first start: applies the migrations (not measured)"
BENCH_AOT=0 bench_app_start
bench_app_wait_ready
bench_app_stop

RESULTS="$OUT_DIR/starts.tsv"
printf 'mode\tstart\tready_ms\tquarkus_started_s\trss_kb\n' >"$RESULTS"

one_start() { # $1: cache|no-cache, $2: start number
    local mode="$1" n="$2" aot=1 rss quarkus
    [[ "$mode" == cache ]] || aot=0
    BENCH_AOT="$aot" BENCH_APP_NAME="$mode-$n" bench_app_start
    bench_app_wait_ready
    sleep 1
    rss="$(bench_rss_kb "$BENCH_APP_PID")"
    quarkus="$(bench_app_quarkus_startup)"
    if [[ "$mode" == cache ]]; then
        grep -q 'Started with the AOT cache' "$BENCH_APP_LOG" \
            || bench_die "start $n with the cache did not report using it; see $BENCH_APP_LOG"
    elif grep -q 'Started with the AOT cache' "$BENCH_APP_LOG"; then
        bench_die "start $n without the cache reported using it"
    fi
    cp -f "$BENCH_APP_LOG" "$OUT_DIR/$mode-$n.log"
    bench_app_stop
    printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$n" "$BENCH_READY_MS" "${quarkus%s}" "$rss" >>"$RESULTS"
    bench_log "$mode #$n: ready in ${BENCH_READY_MS} ms (Quarkus: started in ${quarkus:-?}), RSS $(( rss / 1024 )) MiB"
}

for (( i = 1; i <= BENCH_STARTS; i++ )); do
    if (( i % 2 )); then
        one_start cache "$i"; one_start no-cache "$i"
    else
        one_start no-cache "$i"; one_start cache "$i"
    fi
done

summary() { # $1: mode
    awk -F'\t' -v mode="$1" "$BENCH_AWK_MEDIAN"'
        $1 == mode { ready[++n] = $3; rss[n] = $5; q[n] = $4 }
        END {
            line = ""
            for (i = 1; i <= n; i++) line = line (i > 1 ? ", " : "") ready[i]
            printf "  %-9s start-to-ready median %5.0f ms (%s), Quarkus \"started in\" median %.3f s, RSS after start median %.0f MiB\n",
                mode, median(ready, n), line, median(q, n), median(rss, n) / 1024
        }' "$RESULTS"
}

{
    echo "Landlord start-up, $BENCH_STARTS starts per mode, alternating ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "  java:     $("$BENCH_JAVA" -version 2>&1 | sed -n 2p); cpus: $(nproc)"
    echo "  flags:    $(grep -v '^#' "$(dirname "$BENCH_APP_RUN_JAR")/jvm.options" | tr '\n' ' ')${BENCH_JAVA_OPTS:++ $BENCH_JAVA_OPTS}"
    echo "  database: PostgreSQL $BENCH_PG_VERSION on 127.0.0.1, schema migrated before the first measured start"
    summary cache
    summary no-cache
    echo "  targets:  median <= 1000 ms with the cache, <= 2500 ms without; RSS after start <= 160 MiB"
} | tee "$OUT_DIR/summary.txt"
