#!/usr/bin/env bash
# The read path against the database's own floor: GET /v1/tenants/{id} over BENCH_READ_TENANTS (2,000) tenants picked
# at random per request (wrk), against `pgbench -S` (a primary-key SELECT per transaction) with as many clients on the
# same PostgreSQL, in alternating bursts in one run: app-pgbench in odd rounds, pgbench-app in even ones, so neither
# always goes first and the machine's drift over minutes stays out of the ratio. Prints every burst with the CPU per
# request of the application and of PostgreSQL, and the ratio of Landlord's reads per second to pgbench's
# transactions per second (median of the rounds' ratios, and all requests over all transactions).
#
# Usage (as root on Debian 12):
#   ./mvnw -B package -DskipTests && bench/read-floor-bench.sh
#
# Knobs: BENCH_DURATION (10s, one burst), BENCH_WARMUP (60s of reads, then 10s of pgbench), BENCH_ROUNDS (4),
# BENCH_CONNECTIONS (16: wrk connections and pgbench clients), BENCH_THREADS (2: wrk threads and pgbench jobs),
# BENCH_READ_TENANTS (2000), BENCH_PGBENCH_SCALE (10: 1,000,000 accounts), BENCH_PGBENCH_MODE (simple; prepared
# is pgbench's cheaper protocol), BENCH_OUT_DIR, plus the lib.sh ones. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-10s}"
BENCH_WARMUP="${BENCH_WARMUP:-60s}"
BENCH_ROUNDS="${BENCH_ROUNDS:-4}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_READ_TENANTS="${BENCH_READ_TENANTS:-2000}"
BENCH_PGBENCH_SCALE="${BENCH_PGBENCH_SCALE:-10}"
BENCH_PGBENCH_MODE="${BENCH_PGBENCH_MODE:-simple}"
# After a read burst the application writes its buffered read events within landlord.events.flush-interval (2 s):
# the next burst starts after that, and the CPU of the pause counts towards the burst that caused it.
SETTLE_SECONDS=3
export BENCH_CONNECTIONS BENCH_THREADS
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
for knob in BENCH_ROUNDS BENCH_CONNECTIONS BENCH_THREADS BENCH_READ_TENANTS BENCH_PGBENCH_SCALE; do
    [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || bench_die "$knob must be a positive integer"
done
[[ "$BENCH_PGBENCH_MODE" =~ ^(simple|extended|prepared)$ ]] || bench_die "BENCH_PGBENCH_MODE: simple, extended or prepared"

if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="read-floor-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"
bench_app_snapshot

bench_setup "$BENCH_PG_BIN/pgbench:postgresql-contrib"
bench_app_start
bench_app_wait_ready
TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"

# The tenants, straight in PostgreSQL as tenant-scale-bench.sh seeds them; the reads pick among all of them.
db() { BENCH_PSQL_DB=landlord bench_psql "$@"; }
ENVIRONMENT_ID="$(db -tAc "SELECT id FROM environments ORDER BY created_at LIMIT 1")"
db -v env="$ENVIRONMENT_ID" -v n="$BENCH_READ_TENANTS" <<'SQL'
INSERT INTO tenants (id, environment_id, name, subdomain, type, profile, locked, created_at, updated_at)
SELECT gen_random_uuid(), :'env'::uuid, 'Read tenant ' || n, 'read-' || n, 'product', '{}'::jsonb, false,
       timestamptz '2025-01-01 00:00:00Z' + n * interval '1001 microseconds',
       timestamptz '2025-01-01 00:00:00Z' + n * interval '1001 microseconds'
  FROM generate_series(1, :n::integer) AS n;
VACUUM (ANALYZE) tenant_rows;
SQL
IDS="$OUT_DIR/tenant-ids.txt"
db -tAc "SELECT id FROM tenants WHERE subdomain LIKE 'read-%'" >"$IDS"
[[ "$(wc -l <"$IDS")" -eq "$BENCH_READ_TENANTS" ]] || bench_die "expected $BENCH_READ_TENANTS tenant ids in $IDS"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BENCH_APP_URL/v1/tenants/$(head -n 1 "$IDS")")"
[[ "$code" == 200 ]] || bench_die "GET /v1/tenants/{id} answered $code"
READ_SCRIPT="$(bench_wrk_get_by_id_script "$IDS")"

# pgbench's accounts in a database of their own on the same server, over TCP as the application connects.
bench_psql -c "CREATE DATABASE pgbench OWNER landlord" >/dev/null
export PGPASSWORD="$BENCH_PG_PASSWORD"
PGBENCH=("$BENCH_PG_BIN/pgbench" -h "$BENCH_HOST" -p "$BENCH_PG_PORT" -U landlord)
bench_log "pgbench -i -s $BENCH_PGBENCH_SCALE"
"${PGBENCH[@]}" -i -q -s "$BENCH_PGBENCH_SCALE" pgbench >"$OUT_DIR/pgbench-init.txt" 2>&1 \
    || { cat "$OUT_DIR/pgbench-init.txt" >&2; bench_die "pgbench -i failed"; }

# load SIDE OUTFILE DURATION: reads from Landlord (wrk) or pgbench -S, BENCH_CONNECTIONS of them at a time.
load() {
    local side="$1" out="$2" duration="$3"
    if [[ $side == landlord ]]; then
        bench_wrk "$out" "$duration" -H "Authorization: Bearer $TOKEN" -s "$READ_SCRIPT" "$BENCH_APP_URL/v1/tenants"
    else
        timeout --kill-after=10 $(( $(bench_duration_seconds "$duration") + 60 )) \
            "${PGBENCH[@]}" -S -n -M "$BENCH_PGBENCH_MODE" -c "$BENCH_CONNECTIONS" -j "$BENCH_THREADS" \
            -T "$(bench_duration_seconds "$duration")" pgbench >"$out" 2>&1 \
            || { cat "$out" >&2; bench_die "pgbench failed"; }
    fi
}

# rate SIDE FILE: requests (transactions) per second of a burst; count SIDE FILE: how many.
rate() {
    if [[ $1 == landlord ]]; then awk '/^Requests\/sec:/ { print $2 }' "$2"
    else awk '/^tps = / { printf "%.2f\n", $3; exit }' "$2"; fi
}
count() {
    if [[ $1 == landlord ]]; then awk '/ requests in / { print $1 }' "$2"
    else awk '/^number of transactions actually processed:/ { print $NF }' "$2"; fi
}

# burst SIDE ROUND: one measured burst and the settling pause after it, as one line of summary.tsv: side, round,
# rate, count, failures (wrk's non-2xx/3xx and socket errors; pgbench's failed transactions), CPU microseconds
# per request of the application and of PostgreSQL.
burst() {
    local side="$1" round="$2" out="$OUT_DIR/$1-$2.txt" app0 pg0 app1 pg1 n failed
    app0="$(bench_cpu_ticks "$BENCH_APP_PID")"
    pg0="$(bench_pg_cpu_ticks)"
    load "$side" "$out" "$BENCH_DURATION"
    sleep "$SETTLE_SECONDS"
    app1="$(bench_cpu_ticks "$BENCH_APP_PID")"
    pg1="$(bench_pg_cpu_ticks)"
    n="$(count "$side" "$out")"
    if [[ $side == landlord ]]; then
        failed="$(bench_wrk_summary "$out" | awk -F'\t' '{ print $6 + $7 }')"
    else
        failed="$(awk '/^number of failed transactions:/ { print $5 } END { if (!NR) print 0 }' "$out" | tail -n 1)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$side" "$round" "$(rate "$side" "$out")" "${n:-0}" "${failed:-0}" \
        "$(awk -v app=$(( app1 - app0 )) -v pg=$(( pg1 - pg0 )) -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { if (n > 0) printf "%.0f\t%.0f", app * 1e6 / hz / n, pg * 1e6 / hz / n; else printf "?\t?" }')" \
        >>"$OUT_DIR/summary.tsv"
}

bench_log "warm-up: $BENCH_WARMUP of reads, 10s of pgbench"
load landlord "$OUT_DIR/landlord.warmup.txt" "$BENCH_WARMUP"
load pgbench "$OUT_DIR/pgbench.warmup.txt" 10s
: >"$OUT_DIR/summary.tsv"
for (( round = 1; round <= BENCH_ROUNDS; round++ )); do
    sides="landlord pgbench"
    (( round % 2 == 0 )) && sides="pgbench landlord"
    for side in $sides; do
        bench_log "round $round: $side"
        burst "$side" "$round"
    done
done
EVENTS="$(db -tAc "SELECT count(*) FROM events" 2>/dev/null || echo '?')"

{
    echo
    echo "Landlord read floor  ($RUN_ID)"
    echo "  java:    $("$BENCH_JAVA" -version 2>&1 | head -n 1), cpus: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "  landlord: GET /v1/tenants/{id} over $BENCH_READ_TENANTS tenants at random, wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS"
    echo "  pgbench:  -S -M $BENCH_PGBENCH_MODE -c $BENCH_CONNECTIONS -j $BENCH_THREADS, scale $BENCH_PGBENCH_SCALE, same PostgreSQL $BENCH_PG_VERSION over TCP"
    echo "  $BENCH_ROUNDS rounds of one $BENCH_DURATION burst each; rows in the events table at the end: $EVENTS"
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-9s %5s %10s %10s %8s %12s %12s\n"
                printf fmt, "side", "round", "per s", "count", "failed", "app us/req", "pg us/req" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7 }
    ' "$OUT_DIR/summary.tsv"
    echo
    awk -F'\t' "$BENCH_AWK_MEDIAN"'
        $1 == "landlord" { app[$2] = $3; apps = apps " " $3; total_app += $4 }
        $1 == "pgbench"  { pg[$2] = $3; pgs = pgs " " $3; total_pg += $4 }
        $5 > 0 { failed += $5 }
        END {
            for (r = 1; r in app && r in pg; r++) { ratio[r] = app[r] / pg[r]; ratios = ratios sprintf(" %.2f", ratio[r]) }
            k = r - 1
            printf "GET /v1/tenants/{id} req/s:%s\n", apps
            printf "pgbench -S tps:           %s\n", pgs
            printf "Landlord / pgbench -S: median of %d rounds %.2f (round by round:%s); all requests / all transactions %.2f   (target >= 0.40)\n",
                   k, median(ratio, k), ratios, total_app / total_pg
            if (failed > 0) printf "INVALID: %d failed requests or transactions\n", failed
        }
    ' "$OUT_DIR/summary.tsv"
    echo "  ERROR lines in the application log: $(grep -c -E '"level":"(ERROR|FATAL)"|^[0-9:,]+ ERROR ' "$BENCH_APP_LOG" || true)"
    echo
    echo "raw output: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
cp "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null || true
if awk -F'\t' '$5 > 0 { bad = 1 } END { exit !bad }' "$OUT_DIR/summary.tsv"; then
    exit 1
fi
