#!/usr/bin/env bash
# What recording events costs: the read path (GET /v1/tenants/{id}, buffered events) and the write path
# (POST /v1/tenants, events in the change's transaction), each with events on and off.
#
# Starts a private PostgreSQL 15 and two instances of the packaged application (prod mode) on it, one with
# LANDLORD_EVENTS_ENABLED=true and one with false, both kept running. After a warm-up of each, the load goes to
# them in turn in short bursts (on-off, off-on, ... for BENCH_PAIRS pairs per path), so each on/off ratio compares
# two bursts a few seconds apart on the same database: on this (virtual) machine an instance with events on spent
# 194 µs of CPU per read in one run and 272 µs in the next, minutes later, with the same code and data, a drift
# that one run per mode (and a restart between them) cannot tell from what recording costs. Prints every burst, the median of the pairs' ratios and the median CPU
# per request of the application and of PostgreSQL.
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/events-bench.sh
#
# Knobs: BENCH_DURATION (15s, one burst), BENCH_WARMUP (90s per instance and path), BENCH_PAIRS (8),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PATHS ("read write"), BENCH_READ_TENANTS (1: how many tenants
# the reads spread over, at random; like reads share rows, so one tenant is the best case for recording and many
# the worst), BENCH_JAVA_OPTS, BENCH_OUT_DIR. See bench/README.md.
# BENCH_BASELINE_JAR (unset): compare two builds instead of on with off — the "off" instance then runs that
# quarkus-run.jar (e.g. a copy of another commit's target/quarkus-app) with events on, so a ratio is this build's
# throughput over the baseline's, the drift kept out as above.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-15s}"
# A fresh JVM spends the first half-minute under load compiling, and more code to compile when events are on, so a
# short warm-up measures the compiler rather than the service (a profile of startup, a 10 s warm-up and a 15 s run
# had ~40 % of the process's CPU in the JIT compiler threads).
BENCH_WARMUP="${BENCH_WARMUP:-90s}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_PAIRS="${BENCH_PAIRS:-8}"
BENCH_PATHS="${BENCH_PATHS:-read write}"
BENCH_READ_TENANTS="${BENCH_READ_TENANTS:-1}"
# After a burst, the instance with events on writes what it buffered within landlord.events.flush-interval (2 s):
# the next burst starts after that, and the CPU of the pause counts towards the burst that caused it.
SETTLE_SECONDS=3
export BENCH_CONNECTIONS BENCH_THREADS
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
[[ "$BENCH_PAIRS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_PAIRS must be a positive integer"
[[ "$BENCH_READ_TENANTS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_READ_TENANTS must be a positive integer"

if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="events-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"

# shellcheck disable=SC2119
bench_setup

# Per mode (on, off): the instance's pid, URL and an access token it issued (the issuer is the instance's URL).
declare -A PID URL TOKEN
stop_other_instance() {
    local current="$BENCH_APP_PID"
    BENCH_APP_PID="${PID[on]:-}"
    bench_app_stop
    BENCH_APP_PID="$current"
}
BENCH_CLEANUP_HOOKS+=(stop_other_instance)
for mode in on off; do
    if [[ $mode == on ]]; then export LANDLORD_EVENTS_ENABLED=true; else export LANDLORD_EVENTS_ENABLED=false; fi
    if [[ $mode == off && -n "${BENCH_BASELINE_JAR:-}" ]]; then
        [[ -f "$BENCH_BASELINE_JAR" ]] || bench_die "BENCH_BASELINE_JAR $BENCH_BASELINE_JAR not found"
        export LANDLORD_EVENTS_ENABLED=true
        BENCH_APP_RUN_JAR="$BENCH_BASELINE_JAR"
    fi
    BENCH_APP_NAME="app-events-$mode" bench_app_start
    bench_app_wait_ready
    PID[$mode]="$BENCH_APP_PID"
    URL[$mode]="$BENCH_APP_URL"
    TOKEN[$mode]="$(bench_get_token)" || bench_die "could not obtain an access token from the instance with events $mode"
done
unset LANDLORD_EVENTS_ENABLED

ENVIRONMENT_ID="$(BENCH_PSQL_DB=landlord bench_psql -tAc "SELECT id FROM environments ORDER BY created_at LIMIT 1")"
TENANT_IDS=()
for (( i = 1; i <= BENCH_READ_TENANTS; i++ )); do
    id="$(curl -sf -X POST "${URL[off]}/v1/tenants" -H "Authorization: Bearer ${TOKEN[off]}" \
        -H 'Content-Type: application/json' \
        -d "{\"name\":\"Read me $i\",\"subdomain\":\"read-me-$i\",\"environmentId\":\"$ENVIRONMENT_ID\"}" \
        | sed -n 's/^{"id":"\([0-9a-f-]\{36\}\)".*/\1/p')"
    [[ "$id" =~ ^[0-9a-f-]{36}$ ]] || bench_die "could not create tenant $i to read"
    TENANT_IDS+=("$id")
done
# reads spread over several tenants pick one at random per request. wrk's threads each run the script in a Lua
# state of their own whose math.random starts from the same fixed seed: unseeded, every thread (and every burst)
# would read the same tenants in the same order, and those reads would share rows in the events table.
READ_SCRIPT="$BENCH_TMP/read-tenants.lua"
{
    printf 'local ids = {'
    printf '"%s",' "${TENANT_IDS[@]}"
    printf '}\nlocal threads = 0\n'
    printf 'setup = function(thread) threads = threads + 1; thread:set("thread_number", threads) end\n'
    printf 'init = function(args) math.randomseed(os.time() * 1000 + thread_number) end\n'
    printf 'request = function() return wrk.format("GET", "/v1/tenants/" .. ids[math.random(#ids)]) end\n'
} >"$READ_SCRIPT"
CREATE_SCRIPT="$(bench_wrk_create_tenant_script "$ENVIRONMENT_ID")"

# load PATH MODE OUTFILE DURATION: the path's requests to the instance with events MODE.
load() {
    local path="$1" mode="$2" out="$3" duration="$4"
    if [[ $path == read ]]; then
        if (( BENCH_READ_TENANTS == 1 )); then
            bench_wrk "$out" "$duration" -H "Authorization: Bearer ${TOKEN[$mode]}" "${URL[$mode]}/v1/tenants/${TENANT_IDS[0]}"
        else
            bench_wrk "$out" "$duration" -H "Authorization: Bearer ${TOKEN[$mode]}" -s "$READ_SCRIPT" "${URL[$mode]}/v1/tenants"
        fi
    else
        bench_wrk "$out" "$duration" -H "Authorization: Bearer ${TOKEN[$mode]}" -s "$CREATE_SCRIPT" "${URL[$mode]}/v1/tenants"
    fi
}

# burst PATH MODE PAIR: one measured burst and the settling pause after it, as one line of summary.tsv with the
# CPU time the instance and PostgreSQL spent per request (microseconds). On these two cores they share the CPU with
# wrk, so throughput falls by whatever either of them spends more.
burst() {
    local path="$1" mode="$2" pair="$3" name="$1-$3-$2" app0 pg0 app1 pg1 requests
    app0="$(bench_cpu_ticks "${PID[$mode]}")"
    pg0="$(bench_cpu_ticks $(bench_pg_pids))"
    load "$path" "$mode" "$OUT_DIR/$name.txt" "$BENCH_DURATION"
    sleep "$SETTLE_SECONDS"
    app1="$(bench_cpu_ticks "${PID[$mode]}")"
    pg1="$(bench_cpu_ticks $(bench_pg_pids))"
    requests="$(awk '/ requests in / { print $1 }' "$OUT_DIR/$name.txt")"
    printf '%s\t%s\t%s\t%s\n' "$path $mode" "$pair" "$(bench_wrk_summary "$OUT_DIR/$name.txt")" \
        "$(awk -v app=$(( app1 - app0 )) -v pg=$(( pg1 - pg0 )) -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { if (n > 0) printf "%.0f\t%.0f", app * 1e6 / hz / n, pg * 1e6 / hz / n; else printf "?\t?" }')" \
        >>"$OUT_DIR/summary.tsv"
}

: >"$OUT_DIR/summary.tsv"
for path in $BENCH_PATHS; do
    for mode in on off; do
        bench_log "$path path, events $mode: warm-up $BENCH_WARMUP"
        load "$path" "$mode" "$OUT_DIR/$path-$mode.warmup.txt" "$BENCH_WARMUP"
    done
    for (( pair = 1; pair <= BENCH_PAIRS; pair++ )); do
        # on-off in odd pairs, off-on in even ones: neither side always goes first
        modes="on off"
        (( pair % 2 == 0 )) && modes="off on"
        for mode in $modes; do
            bench_log "$path path, pair $pair: events $mode"
            burst "$path" "$mode" "$pair"
        done
    done
done
EVENTS="$(BENCH_PSQL_DB=landlord bench_psql -tAc "SELECT count(*) FROM events" 2>/dev/null || echo '?')"

{
    echo
    echo "Landlord events benchmark  ($RUN_ID)"
    echo "  java:  $("$BENCH_JAVA" -version 2>&1 | head -n 1), cpus: $(nproc)"
    echo "  wrk:   -t$BENCH_THREADS -c$BENCH_CONNECTIONS, $BENCH_PAIRS pairs of $BENCH_DURATION bursts per path (warm-up $BENCH_WARMUP per instance and path)"
    echo "  reads spread over $BENCH_READ_TENANTS tenant(s); rows in the events table at the end: $EVENTS"
    if [[ -n "${BENCH_BASELINE_JAR:-}" ]]; then
        echo "  two builds, both with events on: 'on' is this build, 'off' is $BENCH_BASELINE_JAR"
    fi
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-10s %5s %10s %9s %9s %9s %10s %12s %12s %12s\n"
                printf fmt, "scenario", "pair", "req/s", "p50", "p90", "p99", "requests", "non-2xx/3xx", "app us/req", "pg us/req" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7, $8, $10, $11 }
    ' "$OUT_DIR/summary.tsv"
    echo
    # Per pair: throughput with events / without. Target for reads: median >= 0.90.
    for path in $BENCH_PATHS; do
        awk -F'\t' -v path="$path" "$BENCH_AWK_MEDIAN"'
            $1 == path " on"  { on[$2] = $3; app_on[++n] = $10; pg_on[n] = $11; total_on += $7 }
            $1 == path " off" { off[$2] = $3; app_off[++m] = $10; pg_off[m] = $11; total_off += $7 }
            # the middle 95 % of the medians of 2,000 resamples of the pairs (drawn with replacement, fixed seed): how
            # far the machine'"'"'s drift alone moves the median, so a figure near the target is read as such
            function interval(r, k,   b, i, s, meds) {
                srand(1)
                for (b = 1; b <= 2000; b++) { for (i = 1; i <= k; i++) s[i] = r[int(rand() * k) + 1]; meds[b] = median(s, k) }
                sort_numeric(meds, 2000)
                return sprintf("%.2f-%.2f", meds[50], meds[1951])
            }
            END { for (p = 1; p in on && p in off; p++) { ratio[++k] = on[p] / off[p]; ratios = ratios sprintf(" %.2f", on[p] / off[p]) }
                  printf "%s path: median on/off ratio of %d pairs %.2f, 95 %% bootstrap interval %s (pair by pair:%s)\n", path, k,
                         median(ratio, k), interval(ratio, k), ratios
                  # every burst lasts as long, so this weighs each pair by how much the machine got done in it
                  printf "  all bursts: requests with events over requests without %.2f\n", total_on / total_off
                  printf "  CPU per request, median: application %.0f us with events, %.0f without; PostgreSQL %.0f us with, %.0f without\n",
                         median(app_on, n), median(app_off, m), median(pg_on, n), median(pg_off, m) }
        ' "$OUT_DIR/summary.tsv"
    done
    echo
    echo "raw wrk output: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
