#!/usr/bin/env bash
# Which garbage collector serves Landlord best on this machine: the packaged app with the launcher's flags
# (jvm.options) but each collector in turn — serial, parallel and G1 — three instances side by side on
# one PostgreSQL. After a warm-up of each, the load goes to them in turn in bursts (token issuance, then reads),
# round after round with the order rotated, so that the machine's drift falls on all three. Prints each one's
# throughput, p99 and CPU per request, and its resident memory after start and after the load.
#
# Only the instance with jvm.options' own collector can map the AOT cache (it was trained with it); the others start
# without it, which changes their start, not their throughput once warm.
#
# Usage (root, Debian 12, after ./mvnw -B verify):  bench/collector-bench.sh
# Knobs: BENCH_DURATION (10s per burst), BENCH_WARMUP (30s per instance and path), BENCH_ROUNDS (3),
#        BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_OUT_DIR.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-10s}"
BENCH_WARMUP="${BENCH_WARMUP:-30s}"
BENCH_ROUNDS="${BENCH_ROUNDS:-3}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BENCH_THREADS="${BENCH_THREADS:-2}"
export BENCH_CONNECTIONS BENCH_THREADS
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
[[ "$BENCH_ROUNDS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_ROUNDS must be a positive integer"

RUN_ID="collector-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"
# shellcheck disable=SC2119
bench_setup
bench_app_snapshot

COLLECTORS=(serial parallel g1)
declare -A OPTION=([serial]=UseSerialGC [parallel]=UseParallelGC [g1]=UseG1GC)
DEFAULT_GC="$(grep -o -m1 'Use[A-Za-z0-9]*GC' "$(dirname "$BENCH_APP_RUN_JAR")/jvm.options")"
declare -A FLAGS
for c in "${COLLECTORS[@]}"; do
    [[ "${OPTION[$c]}" == "$DEFAULT_GC" ]] && FLAGS[$c]="" || FLAGS[$c]="-XX:-$DEFAULT_GC -XX:+${OPTION[$c]}"
done
declare -A PID URL RSS_START
stop_instances() {
    local c
    for c in "${COLLECTORS[@]}"; do
        BENCH_APP_PID="${PID[$c]:-}"
        bench_app_stop
    done
}
BENCH_CLEANUP_HOOKS+=(stop_instances)

for c in "${COLLECTORS[@]}"; do
    BENCH_JAVA_OPTS="${FLAGS[$c]}" BENCH_APP_NAME="app-$c" bench_app_start
    bench_app_wait_ready
    PID[$c]="$BENCH_APP_PID"
    URL[$c]="$BENCH_APP_URL"
    sleep 1
    RSS_START[$c]="$(bench_rss_kb "$BENCH_APP_PID")"
    bench_log "$c: ready in $BENCH_READY_MS ms, RSS $(( RSS_START[$c] / 1024 )) MiB"
done
BENCH_APP_PID=""

TOKEN_SCRIPT="$(bench_wrk_post_script token "$(bench_token_body)")"
burst() { # $1 collector, $2 path, $3 duration, $4 output
    local c="$1" path="$2" dur="$3" out="$4"
    if [[ "$path" == token ]]; then
        bench_wrk "$out" "$dur" -s "$TOKEN_SCRIPT" "${URL[$c]}/oauth/token"
    else
        BENCH_APP_URL="${URL[$c]}"
        local token
        token="$(bench_get_token)" || bench_die "no token from $c"
        bench_wrk "$out" "$dur" -H "Authorization: Bearer $token" "${URL[$c]}/v1/environments"
    fi
}

for c in "${COLLECTORS[@]}"; do
    for path in token read; do
        bench_log "$c: warm-up $path $BENCH_WARMUP"
        burst "$c" "$path" "$BENCH_WARMUP" "$OUT_DIR/warmup-$c-$path.txt"
    done
done

RESULTS="$OUT_DIR/bursts.tsv"
printf 'round\tcollector\tpath\treq_s\tp99\tnon2xx\tcpu_us_per_req\n' >"$RESULTS"
for (( r = 1; r <= BENCH_ROUNDS; r++ )); do
    for (( k = 0; k < ${#COLLECTORS[@]}; k++ )); do
        c="${COLLECTORS[$(( (k + r - 1) % ${#COLLECTORS[@]} ))]}"
        for path in token read; do
            ticks_before="$(bench_cpu_ticks "${PID[$c]}")"
            burst "$c" "$path" "$BENCH_DURATION" "$OUT_DIR/r$r-$c-$path.txt"
            ticks="$(( $(bench_cpu_ticks "${PID[$c]}") - ticks_before ))"
            IFS=$'\t' read -r rps _ _ p99 requests non2xx _ <<<"$(bench_wrk_summary "$OUT_DIR/r$r-$c-$path.txt")"
            cpu_us="$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }')"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$c" "$path" "$rps" "$p99" "$non2xx" "$cpu_us" >>"$RESULTS"
            bench_log "round $r $c $path: $rps req/s, p99 $p99, non-2xx $non2xx, $cpu_us µs CPU/request"
        done
    done
done

{
    echo "Collectors side by side ($RUN_ID): $BENCH_ROUNDS rounds of ${BENCH_DURATION} bursts per path, wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS"
    echo "  java: $("$BENCH_JAVA" -version 2>&1 | sed -n 2p); cpus: $(nproc); other flags: $(grep -v '^#' "$(dirname "$BENCH_APP_RUN_JAR")/jvm.options" | grep -v GC | tr '\n' ' ')"
    for c in "${COLLECTORS[@]}"; do
        awk -F'\t' -v c="$c" -v rs="${RSS_START[$c]}" -v rl="$(bench_rss_kb "${PID[$c]}")" '
            $2 == c { n[$3]++; rps[$3] += $4; cpu[$3] += $7; if ($6 + 0 > 0) bad = 1 }
            END {
                printf "  %-8s tokens %7.0f/s (%4.0f µs CPU each)   reads %7.0f/s (%4.0f µs CPU each)   RSS %4.0f MiB after start, %4.0f MiB after load%s\n",
                    c, rps["token"] / n["token"], cpu["token"] / n["token"], rps["read"] / n["read"], cpu["read"] / n["read"],
                    rs / 1024, rl / 1024, bad ? "   NON-2xx ANSWERS: INVALID" : ""
            }' "$RESULTS"
    done
} | tee "$OUT_DIR/summary.txt"
