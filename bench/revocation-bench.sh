#!/usr/bin/env bash
# What the token deny-list costs on the token-verification path: GET /v1/environments (a verified token, a permission
# check, a small read) against an instance whose deny-list holds BENCH_REVOCATIONS (100,000) live entries, and
# against one whose deny-list is empty, side by side in one run.
#
# Starts a private PostgreSQL 15 with two databases and one instance of the packaged application (prod mode) on
# each. The full deny-list is written straight into the one database's token_revocations table (live until four
# hours from now), together with the jti of a probe token; the instance has loaded it once that probe is refused
# with 401. After a warm-up of each instance, the load alternates between them in bursts (full-empty, empty-full,
# ... for BENCH_PAIRS pairs), so each ratio compares two bursts a few seconds apart. Prints every burst, the median
# of the pairs' ratios and both instances' resident memory.
#
# Usage (as root on Debian 12):
#   ./mvnw -B package -DskipTests && bench/revocation-bench.sh
#
# Knobs: BENCH_REVOCATIONS (100000), BENCH_DURATION (10s, one burst), BENCH_WARMUP (30s per instance), BENCH_PAIRS
# (4), BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_JAVA_OPTS, BENCH_OUT_DIR. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_REVOCATIONS="${BENCH_REVOCATIONS:-100000}"
BENCH_DURATION="${BENCH_DURATION:-10s}"
BENCH_WARMUP="${BENCH_WARMUP:-30s}"
BENCH_PAIRS="${BENCH_PAIRS:-4}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BENCH_THREADS="${BENCH_THREADS:-2}"
export BENCH_CONNECTIONS BENCH_THREADS
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
[[ "$BENCH_PAIRS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_PAIRS must be a positive integer"
[[ "$BENCH_REVOCATIONS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_REVOCATIONS must be a positive integer"

RUN_ID="revocation-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"

# shellcheck disable=SC2119
bench_setup
bench_psql -c "CREATE DATABASE landlord_denylist OWNER landlord" >/dev/null

# The JWT's jti claim, from its payload (base64url, unpadded).
jti_of() {
    local payload
    payload="$(cut -d. -f2 <<<"$1" | tr '_-' '/+')"
    while (( ${#payload} % 4 )); do payload+='='; done
    base64 -d <<<"$payload" 2>/dev/null | sed -n 's/.*"jti":"\([^"]*\)".*/\1/p'
}

environments_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $2" "$1/v1/environments" || true
}

# Per deny-list (empty, full): the instance's pid, URL and an access token it issued.
declare -A PID URL TOKEN DB=([empty]=landlord [full]=landlord_denylist)
stop_other_instance() {
    local current="$BENCH_APP_PID"
    BENCH_APP_PID="${PID[empty]:-}"
    bench_app_stop
    BENCH_APP_PID="$current"
}
BENCH_CLEANUP_HOOKS+=(stop_other_instance)
for list in empty full; do
    BENCH_APP_NAME="app-$list" BENCH_DB_NAME="${DB[$list]}" bench_app_start
    bench_app_wait_ready
    PID[$list]="$BENCH_APP_PID"
    URL[$list]="$BENCH_APP_URL"
    TOKEN[$list]="$(bench_get_token)" || bench_die "could not obtain an access token from the instance with the $list deny-list"
done

PROBE="$(BENCH_APP_URL="${URL[full]}" bench_get_token)" || bench_die "could not obtain the probe token"
PROBE_JTI="$(jti_of "$PROBE")"
[[ -n "$PROBE_JTI" ]] || bench_die "the probe token has no jti"
bench_log "writing $BENCH_REVOCATIONS revocations (and the probe's) into landlord_denylist"
BENCH_PSQL_DB=landlord_denylist bench_psql -c "
    INSERT INTO token_revocations (kind, value, revoked_at, expires_at)
    SELECT 'token', md5(i::text), clock_timestamp(), clock_timestamp() + interval '4 hours'
      FROM generate_series(1, $BENCH_REVOCATIONS - 1) i
    UNION ALL SELECT 'token', '$PROBE_JTI', clock_timestamp(), clock_timestamp() + interval '4 hours'" >/dev/null
LIVE="$(BENCH_PSQL_DB=landlord_denylist bench_psql -tAc "SELECT count(*) FROM token_revocations WHERE expires_at > now()")"
for (( i = 0; i < 60; i++ )); do
    [[ "$(environments_status "${URL[full]}" "$PROBE")" == 401 ]] && break
    sleep 1
done
[[ "$(environments_status "${URL[full]}" "$PROBE")" == 401 ]] || bench_die "the instance did not load the deny-list within 60 s"
[[ "$(environments_status "${URL[full]}" "${TOKEN[full]}")" == 200 ]] || bench_die "the load token is refused"
bench_log "the instance refuses the probe: its deny-list holds the $LIVE live entries"

load() {
    bench_wrk "$2" "$3" -H "Authorization: Bearer ${TOKEN[$1]}" "${URL[$1]}/v1/environments"
}

: >"$OUT_DIR/summary.tsv"
for list in empty full; do
    bench_log "deny-list $list: warm-up $BENCH_WARMUP"
    load "$list" "$OUT_DIR/$list.warmup.txt" "$BENCH_WARMUP"
done
for (( pair = 1; pair <= BENCH_PAIRS; pair++ )); do
    # full-empty in odd pairs, empty-full in even ones: neither side always goes first
    lists="full empty"
    (( pair % 2 == 0 )) && lists="empty full"
    for list in $lists; do
        bench_log "pair $pair: deny-list $list"
        load "$list" "$OUT_DIR/$list-$pair.txt" "$BENCH_DURATION"
        printf '%s\t%s\t%s\n' "$list" "$pair" "$(bench_wrk_summary "$OUT_DIR/$list-$pair.txt")" >>"$OUT_DIR/summary.tsv"
    done
done

{
    echo
    echo "Landlord deny-list benchmark  ($RUN_ID)"
    echo "  java:  $("$BENCH_JAVA" -version 2>&1 | head -n 1), cpus: $(nproc), load average before the bursts: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "  GET /v1/environments, wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS, $BENCH_PAIRS pairs of $BENCH_DURATION bursts (warm-up $BENCH_WARMUP per instance)"
    echo "  deny-list 'full': $LIVE live entries in token_revocations, loaded (a probe token among them answers 401); 'empty': none"
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-10s %5s %10s %9s %9s %9s %10s %12s\n"
                printf fmt, "deny-list", "pair", "req/s", "p50", "p90", "p99", "requests", "non-2xx/3xx" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7, $8 }
    ' "$OUT_DIR/summary.tsv"
    echo
    awk -F'\t' "$BENCH_AWK_MEDIAN"'
        $1 == "full"  { full[$2] = $3 }
        $1 == "empty" { empty[$2] = $3 }
        END { for (p = 1; p in full && p in empty; p++) { r[++k] = full[p] / empty[p]; ratios = ratios sprintf(" %.2f", r[k]) }
              printf "median req/s ratio full/empty of %d pairs: %.2f (pair by pair:%s)\n", k, median(r, k), ratios }
    ' "$OUT_DIR/summary.tsv"
    echo "resident memory after the run: full $(bench_rss_human "${PID[full]}"), empty $(bench_rss_human "${PID[empty]}")"
} | tee "$OUT_DIR/report.txt"
