#!/usr/bin/env bash
# Tenant-scale benchmark for Landlord: does the tenant read path, deep keyset
# pagination, tenant creation and token issuance stay flat as the tenants
# table grows from 100 rows to BENCH_TENANTS (default 1,000,000)?
#
# Starts a private PostgreSQL 15 and a copy of the packaged application
# (prod mode) on loopback ports, seeds tenants (each with one admin client)
# straight into PostgreSQL, and at each of the two scales measures with wrk:
#   a) GET  /v1/tenants/{id}              random ids from a sample of the table
#   b) GET  /v1/tenants?limit=100         first page
#   c) GET  /v1/tenants?limit=100&cursor= page after the row at 90% depth
#   d) POST /v1/tenants                   unique subdomains
#   e) POST /oauth/token                  a seeded tenant client
#   f) POST /v1/tenants:search            name CONTAINS a rare substring
#   g) POST /v1/tenants:search            subdomain ENDS_WITH a rare suffix
#   h) POST /v1/tenants:search            name CONTAINS a common substring,
#                                         ordered by name (first page)
# then, at the large scale only, restarts the app on the same database with
# LANDLORD_USAGE_COUNT_TOKENS=false and measures e) again; and prints
# deep/first page p50, the large/small throughput ratios, the search
# latencies at the large scale and the usage counting on/off token ratio.
# A JVM warm-up pass over all scenarios precedes the first measurement.
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/tenant-scale-bench.sh
#
# Knobs (environment): BENCH_TENANTS (1000000), BENCH_DURATION (15s),
# BENCH_WARMUP (5s), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_JVM_WARMUP (10s), BENCH_PAGE_ROUNDS (3), BENCH_SMALL_TENANTS (100), BENCH_SEED_CHUNK
# (100000), BENCH_ID_SAMPLE (10000), BENCH_SEED_ONLY, BENCH_SEARCH_RARE
# (54321), BENCH_SEARCH_SUFFIX (86420), BENCH_SEARCH_COMMON (tenant),
# BENCH_USAGE_COMPARE (1), BENCH_PG_SHARED_BUFFERS (1GB), BENCH_PG_HUGE_PAGES (1),
# plus the lib.sh ones.
# See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_TENANTS="${BENCH_TENANTS:-1000000}"
BENCH_SMALL_TENANTS="${BENCH_SMALL_TENANTS:-100}"
BENCH_DURATION="${BENCH_DURATION:-15s}"
BENCH_WARMUP="${BENCH_WARMUP:-5s}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_SEED_CHUNK="${BENCH_SEED_CHUNK:-100000}"
BENCH_ID_SAMPLE="${BENCH_ID_SAMPLE:-10000}"
BENCH_SEED_ONLY="${BENCH_SEED_ONLY:-}"
BENCH_JVM_WARMUP="${BENCH_JVM_WARMUP:-10s}"
BENCH_PAGE_ROUNDS="${BENCH_PAGE_ROUNDS:-3}"
# Search values (seeded names are "Seed tenant <n>", subdomains "seed-<n>",
# n = 1 .. BENCH_TENANTS). At 1,000,000 tenants: "54321" is in 20 names
# (54321, 54321x, x54321), 10 subdomains end with "86420" (x86420), and
# "tenant" is in every seeded name.
BENCH_SEARCH_RARE="${BENCH_SEARCH_RARE:-54321}"
BENCH_SEARCH_SUFFIX="${BENCH_SEARCH_SUFFIX:-86420}"
BENCH_SEARCH_COMMON="${BENCH_SEARCH_COMMON:-tenant}"
# 1: at the large scale, measure the tenant token scenario again with
# LANDLORD_USAGE_COUNT_TOKENS=false (second app start); 0: skip that.
BENCH_USAGE_COMPARE="${BENCH_USAGE_COMPARE:-1}"
# The database is sized for its working set (663 MB at 1,000,000 tenants), as a production one would be,
# and backed by huge pages, as a production one of that size should be (see bench_pg_reserve_huge_pages).
export BENCH_PG_SHARED_BUFFERS="${BENCH_PG_SHARED_BUFFERS:-1GB}"
export BENCH_PG_HUGE_PAGES="${BENCH_PG_HUGE_PAGES:-1}"
# Seeding 100,000 rows per statement can take longer than lib.sh's default.
BENCH_PSQL_TIMEOUT="${BENCH_PSQL_TIMEOUT:-900}"
export BENCH_CONNECTIONS BENCH_THREADS BENCH_PSQL_TIMEOUT

# The secret of every seeded tenant client (test data only).
SEED_SECRET="llsec_bench_seeded_tenant_client_secret_0123456789"
# Seeded tenant n is created at SEED_BASE + n * 1001 microseconds: distinct,
# strictly increasing, and older than anything the API creates.
SEED_BASE="2025-01-01 00:00:00+00"
PAGE_LIMIT=100

# Validate knobs before doing any work.
bench_duration_seconds "$BENCH_DURATION" >/dev/null
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
bench_duration_seconds "$BENCH_JVM_WARMUP" >/dev/null
for knob in BENCH_TENANTS BENCH_SMALL_TENANTS BENCH_CONNECTIONS BENCH_THREADS BENCH_SEED_CHUNK BENCH_ID_SAMPLE; do
    [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || bench_die "$knob must be a positive integer (got '${!knob}')"
done
(( BENCH_THREADS <= BENCH_CONNECTIONS )) || bench_die "BENCH_THREADS must not exceed BENCH_CONNECTIONS"
(( BENCH_SMALL_TENANTS >= 10 )) || bench_die "BENCH_SMALL_TENANTS must be at least 10"
(( BENCH_TENANTS > BENCH_SMALL_TENANTS )) || bench_die "BENCH_TENANTS must exceed BENCH_SMALL_TENANTS ($BENCH_SMALL_TENANTS)"
(( BENCH_TENANTS <= 100000000 )) || bench_die "BENCH_TENANTS above 100,000,000 is not supported"
# Search values go into JSON and LIKE patterns as they are: no quotes, no % or _.
for knob in BENCH_SEARCH_RARE BENCH_SEARCH_SUFFIX BENCH_SEARCH_COMMON; do
    [[ "${!knob}" =~ ^[A-Za-z0-9.-][A-Za-z0-9\ .-]{0,48}[A-Za-z0-9.-]$|^[A-Za-z0-9.-]$ ]] \
        || bench_die "$knob must be 1 to 50 letters, digits, '.', '-' or inner spaces (got '${!knob}')"
done
[[ "$BENCH_USAGE_COMPARE" == 0 || "$BENCH_USAGE_COMPARE" == 1 ]] \
    || bench_die "BENCH_USAGE_COMPARE must be 0 or 1 (got '$BENCH_USAGE_COMPARE')"

# Fail fast, before installing anything, if the app has not been built.
if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="tenant-scale-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"

bench_init
mkdir -p "$OUT_DIR"
# Copy target/quarkus-app now: the build may be redone while we run.
bench_app_snapshot

# The main app counts token usage (the default); the comparison at the end
# starts a second one with LANDLORD_USAGE_COUNT_TOKENS=false. bench_app_start
# runs `env ... java`, so the exported value reaches the JVM.
if [[ -n "${LANDLORD_USAGE_COUNT_TOKENS:-}" && "$LANDLORD_USAGE_COUNT_TOKENS" != true ]]; then
    bench_log "note: ignoring LANDLORD_USAGE_COUNT_TOKENS=$LANDLORD_USAGE_COUNT_TOKENS; the main app counts token usage"
fi
export LANDLORD_USAGE_COUNT_TOKENS=true

# Keep the application and PostgreSQL logs with the results (the log of the
# app started with usage counting off goes to APP_LOG_NAME once it runs).
APP_LOG_NAME=app.log
save_logs() {
    if [[ -n "${BENCH_APP_LOG:-}" && -f "$BENCH_APP_LOG" ]]; then
        cp -f "$BENCH_APP_LOG" "$OUT_DIR/$APP_LOG_NAME" 2>/dev/null || true
    fi
    if [[ -f "$BENCH_TMP/pg/postgresql.log" ]]; then
        cp -f "$BENCH_TMP/pg/postgresql.log" "$OUT_DIR/postgresql.log" 2>/dev/null || true
    fi
}
BENCH_CLEANUP_HOOKS+=(save_logs)

# psql on the landlord database.
db() {
    BENCH_PSQL_DB=landlord bench_psql "$@"
}

# One value from a query (unaligned, tuples only).
db_value() {
    db -At -c "$1"
}

# Convert a wrk latency ("850.00us", "1.23ms", "1.02s", "1.50m") to ms.
latency_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; unit = v
        sub(/[a-z]+$/, "", n); sub(/^[0-9.]+/, "", unit)
        if (n == "" || n == "?") { print "nan"; exit }
        f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : -1
        if (f < 0) { print "nan"; exit }
        printf "%.4f\n", n * f
    }'
}

# ratio A B -> A/B with two decimals, or n/a.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "nan" || b == "nan" || a == "?" || b == "?" || b + 0 == 0) print "n/a"
        else printf "%.2f\n", a / b
    }'
}

# verdict VALUE OP TARGET -> "ok" / "MISSED" / "n/a" (OP is le or ge).
verdict() {
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
        if (v == "n/a") { print "n/a"; exit }
        ok = (op == "le") ? (v + 0 <= t + 0) : (v + 0 >= t + 0)
        print (ok ? "ok" : "MISSED")
    }'
}

# ---------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------

# Highest n of the seeded tenants seed-1 .. seed-n (0 if none).
seeded_max() {
    db_value "SELECT coalesce(max(substr(subdomain, 6)::bigint), 0) FROM tenants WHERE subdomain ~ '^seed-[0-9]+\$'"
}

# seed_tenants N: top the tenants table up to N rows. Seeded tenant n gets
# subdomain seed-n, name "Seed tenant n", created_at SEED_BASE + n * 1001 us,
# and one admin client seedc-n whose secret is SEED_SECRET. One INSERT
# statement (tenants and their clients, via a data-modifying CTE) per chunk of
# BENCH_SEED_CHUNK rows, then VACUUM (ANALYZE) and a CHECKPOINT so that the
# measurement does not pay for hint bits or a pending checkpoint.
SEED_REPORT=()
seed_tenants() {
    local target="$1" have need first lo hi size chunks=0 t0 t1 t2 secs rate
    have="$(db_value "SELECT count(*) FROM tenants")"
    need=$(( target - have ))
    if (( need <= 0 )); then
        bench_log "seed: tenants already has $have rows (>= $target), nothing to insert"
        return 0
    fi
    first=$(( $(seeded_max) + 1 ))
    bench_log "seed: $have -> $target tenants (inserting $need, from seed-$first, chunks of $BENCH_SEED_CHUNK)"
    t0="$(bench_now_ms)"
    lo="$first"
    while (( need > 0 && chunks < 100000 )); do
        size=$(( need < BENCH_SEED_CHUNK ? need : BENCH_SEED_CHUNK ))
        hi=$(( lo + size - 1 ))
        db -v lo="$lo" -v hi="$hi" -v env="$ENVIRONMENT_ID" -v secret="$SEED_SECRET" -v base="$SEED_BASE" <<'SQL'
SET synchronous_commit = off;
WITH t AS (
    INSERT INTO tenants (id, environment_id, name, subdomain, type, profile, locked, created_at, updated_at)
    SELECT gen_random_uuid(), :'env'::uuid, 'Seed tenant ' || n, 'seed-' || n, 'product', '{}'::jsonb, false,
           :'base'::timestamptz + n * interval '1001 microseconds',
           :'base'::timestamptz + n * interval '1001 microseconds'
      FROM generate_series(:lo::bigint, :hi::bigint) AS n
    RETURNING id, name, subdomain, created_at
)
INSERT INTO clients (id, client_id, tenant_id, name, roles, secret_hash, created_at, updated_at)
SELECT gen_random_uuid(), 'seedc-' || substr(t.subdomain, 6), t.id, t.name || ' admin', '{admin}',
       sha256(convert_to(:'secret', 'UTF8')), t.created_at, t.created_at
  FROM t;
SQL
        need=$(( need - size ))
        lo=$(( hi + 1 ))
        chunks=$(( chunks + 1 ))
        bench_log "seed: inserted up to seed-$hi ($(( ($(bench_now_ms) - t0) / 1000 )) s)"
    done
    t1="$(bench_now_ms)"
    db -c "VACUUM (ANALYZE) tenant_rows" -c "VACUUM (ANALYZE) clients" -c "CHECKPOINT"
    t2="$(bench_now_ms)"
    have="$(db_value "SELECT count(*) FROM tenants")"
    (( have >= target )) || bench_die "seed: tenants has $have rows after seeding, expected >= $target"
    local inserted=$(( lo - first ))
    secs="$(awk -v ms=$(( t2 - t0 )) 'BEGIN { printf "%.1f", ms / 1000 }')"
    rate="$(awk -v n="$inserted" -v ms=$(( t2 - t0 )) 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }')"
    local line
    line="seeded $inserted tenants (+$inserted clients) in ${secs} s: $rate tenants/s"
    line+=" (insert $(( (t1 - t0) / 1000 )) s in $chunks statements, vacuum/analyze/checkpoint $(( (t2 - t1) / 1000 )) s);"
    line+=" now $have tenants, database $(db_value "SELECT pg_size_pretty(pg_database_size('landlord'))")"
    bench_log "seed: $line"
    SEED_REPORT+=("$line")
}

# ---------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------

# check_http EXPECTED_CODE OUTFILE curl-args... : one request, die unless the
# status matches.
check_http() {
    local want="$1" out="$2" code
    shift 2
    code="$(curl -s -o "$out" -w '%{http_code}' --max-time 30 "$@" || true)"
    if [[ "$code" != "$want" ]]; then
        bench_die "expected HTTP $want, got ${code:-no response} for $*: $(head -c 500 "$out" 2>/dev/null)"
    fi
}

# Number of tenants in a list response (each has exactly one "locked" field).
page_rows() {
    { grep -o '"locked":' "$1" || true; } | wc -l | tr -d ' '
}

# The keyset cursor after the row at 1-based position $1 in (created_at, id)
# order: base64url (no padding) of "1" US "t" <created_at ISO-8601 UTC> US "u" <id>.
cursor_at() {
    local pos="$1"
    db -At -v pos="$pos" <<'SQL'
SELECT translate(encode(convert_to(
           '1' || chr(31) || 't' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
               || chr(31) || 'u' || id::text,
           'UTF8'), 'base64'), E'+/=\n', '-_')
  FROM tenants
 ORDER BY created_at, id
OFFSET :pos::bigint - 1
 LIMIT 1;
SQL
}

# search_body ATTRIBUTE OPERATOR VALUE ORDER_BY: POST /v1/tenants:search body
# for the first page (PAGE_LIMIT rows) of one condition, ascending ORDER_BY.
search_body() {
    printf '{"searchByAttributes":[{"attribute":"%s","operator":"%s","value":"%s"}],"orderBy":[{"attribute":"%s","direction":"ASC"}],"limit":%d}' \
        "$1" "$2" "$3" "$4" "$PAGE_LIMIT"
}

# search_matches COLUMN PATTERN: tenants whose lower(COLUMN) is LIKE
# lower(PATTERN), i.e. what the app's condition selects.
search_matches() {
    db -At -v pattern="$2" <<SQL
SELECT count(*) FROM tenants WHERE lower($1) LIKE lower(:'pattern');
SQL
}

# check_search SCALE NAME BODY COLUMN PATTERN curl-args...: one search with
# curl (path sent raw, colon included); die unless it is 200 and its first
# page has min(matches, PAGE_LIMIT) rows, matches counted in SQL, with a
# nextCursor exactly when more rows match. Records matches and rows.
check_search() {
    local scale="$1" name="$2" body="$3" column="$4" pattern="$5" matches rows expected more=no want_more=no
    local out="$BENCH_TMP/check-$name.json"
    shift 5
    check_http 200 "$out" "$@" -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' \
        --data "$body" "$BENCH_APP_URL/v1/tenants:search"
    rows="$(page_rows "$out")"
    if grep -q '"nextCursor"' "$out"; then more=yes; fi
    matches="$(search_matches "$column" "$pattern")"
    [[ "$matches" =~ ^[0-9]+$ ]] || bench_die "could not count the tenants matching $column LIKE '$pattern': '$matches'"
    expected=$(( matches < PAGE_LIMIT ? matches : PAGE_LIMIT ))
    if (( matches > PAGE_LIMIT )); then want_more=yes; fi
    bench_log "[$scale] search $name: 200, first page has $rows rows ($matches tenants match $column LIKE '$pattern'; nextCursor: $more)"
    (( rows == expected )) || bench_die "search $name: first page has $rows rows, expected $expected: $(head -c 300 "$out")"
    [[ "$more" == "$want_more" ]] \
        || bench_die "search $name: nextCursor $more with $matches matching tenants"
    [[ "$MEASURE_PASS" == jvm-warmup ]] || printf '%s\t%s\t%s\t%s\n' "$scale" "$name" "$matches" "$rows" >>"$OUT_DIR/searches.tsv"
}

# The client_credentials body of the seeded tenant client in the middle of the
# seeded range (seeded clients are seedc-1 .. seedc-<max>, without gaps).
tenant_token_body() {
    local tenant_client
    tenant_client="seedc-$(( ($(seeded_max) + 1) / 2 ))"
    [[ "$(db_value "SELECT count(*) FROM clients WHERE client_id = '$tenant_client'")" == 1 ]] \
        || bench_die "seeded tenant client $tenant_client not found"
    printf '{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s"}' "$tenant_client" "$SEED_SECRET"
}

# run_scenario SCALE NAME LABEL [wrk args...] URL
# In the JVM warm-up pass (MEASURE_PASS=jvm-warmup) it runs wrk once for
# BENCH_JVM_WARMUP and records nothing in the summary.
MEASURE_PASS=measure
run_scenario() {
    local scale="$1" name="$2" label="$3"
    shift 3
    if [[ "$MEASURE_PASS" == jvm-warmup ]]; then
        bench_log "[JVM warm-up] $label: $BENCH_JVM_WARMUP"
        bench_wrk "$OUT_DIR/jvm-warmup-$name.txt" "$BENCH_JVM_WARMUP" "$@"
        return 0
    fi
    bench_log "[$scale] $label: warm-up $BENCH_WARMUP"
    bench_wrk "$OUT_DIR/$scale-$name.warmup.txt" "$BENCH_WARMUP" "$@"
    bench_log "[$scale] $label: measuring $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
    bench_wrk "$OUT_DIR/$scale-$name.txt" "$BENCH_DURATION" "$@"
    printf '%s\t%s\t%s\t%s\n' "$scale" "$name" "$label" "$(bench_wrk_summary "$OUT_DIR/$scale-$name.txt")" \
        >>"$OUT_DIR/summary.tsv"
}

# read_events SCALE EVENTS_BEFORE WAL_LSN_BEFORE: what the GET-by-id scenario (warm-up and measurement) left in the
# database, per read: event rows, and WAL bytes (the events', and whatever else PostgreSQL wrote meanwhile, such as
# full-page images after a checkpoint). Read events are buffered: they are counted after the flush interval (2 s).
read_events() {
    local scale="$1" events_before="$2" wal_before="$3" reads
    sleep 3
    reads=$(( $(bench_wrk_summary "$OUT_DIR/$scale-get-by-id.warmup.txt" | cut -f5) \
        + $(bench_wrk_summary "$OUT_DIR/$scale-get-by-id.txt" | cut -f5) ))
    printf '%s\t%s\t%s\n' "$scale" "$reads" "$(db_value "SELECT count(*) - $events_before || E'\t' ||
        pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal_before') || E'\t' || pg_size_pretty(pg_total_relation_size('events'))
        FROM events")" >>"$OUT_DIR/read-events.tsv"
}

# measure_scale SCALE [PASS]: all eight scenarios (a-h) against the current table.
# PASS jvm-warmup only exercises them (see jvm_warmup).
measure_scale() {
    local scale="$1" count token ids deep_pos deep_expected cursor rows tenant_token
    MEASURE_PASS="${2:-measure}"
    count="$(db_value "SELECT count(*) FROM tenants")"
    bench_log "[$scale] $MEASURE_PASS with $count tenants"
    [[ "$MEASURE_PASS" == jvm-warmup ]] || printf '%s\t%s\n' "$scale" "$count" >>"$OUT_DIR/scales.tsv"

    token="$(bench_get_token)" || bench_die "could not obtain a management access token"
    local auth=(-H "Authorization: Bearer $token")

    # a) random ids
    ids="$OUT_DIR/$scale-tenant-ids.txt"
    db -At -c "SELECT id FROM tenants ORDER BY random() LIMIT $BENCH_ID_SAMPLE" >"$ids"
    [[ -s "$ids" ]] || bench_die "no tenant ids sampled"
    check_http 200 "$BENCH_TMP/check-get.json" "${auth[@]}" "$BENCH_APP_URL/v1/tenants/$(head -n 1 "$ids")"
    local get_script
    get_script="$(bench_wrk_get_by_id_script "$ids")"

    # b) first page
    check_http 200 "$BENCH_TMP/check-first.json" "${auth[@]}" "$BENCH_APP_URL/v1/tenants?limit=$PAGE_LIMIT"
    rows="$(page_rows "$BENCH_TMP/check-first.json")"
    (( rows == (count < PAGE_LIMIT ? count : PAGE_LIMIT) )) \
        || bench_die "first page has $rows rows, expected $(( count < PAGE_LIMIT ? count : PAGE_LIMIT ))"

    # c) the page after the row at 90% depth
    deep_pos=$(( count * 9 / 10 ))
    (( deep_pos >= 1 )) || deep_pos=1
    deep_expected=$(( count - deep_pos < PAGE_LIMIT ? count - deep_pos : PAGE_LIMIT ))
    cursor="$(cursor_at "$deep_pos")"
    [[ "$cursor" =~ ^[A-Za-z0-9_-]+$ ]] || bench_die "could not build the cursor for row $deep_pos: '$cursor'"
    bench_log "[$scale] deep cursor (row $deep_pos of $count): $cursor = $(
        printf '%s' "$cursor" | tr -- '-_' '+/' | awk '{ p = length($0) % 4; s = $0; if (p == 2) s = s "=="; else if (p == 3) s = s "="; print s }' \
            | base64 -d 2>/dev/null | tr '\037' '|')"
    local deep_url="$BENCH_APP_URL/v1/tenants?limit=$PAGE_LIMIT&cursor=$cursor"
    check_http 200 "$BENCH_TMP/check-deep.json" "${auth[@]}" "$deep_url"
    rows="$(page_rows "$BENCH_TMP/check-deep.json")"
    (( rows == deep_expected )) || bench_die "deep page has $rows rows, expected $deep_expected: $(head -c 300 "$BENCH_TMP/check-deep.json")"
    bench_log "[$scale] deep page returns 200 with $rows rows"
    [[ "$MEASURE_PASS" == jvm-warmup ]] || printf '%s\t%s\t%s\n' "$scale" "$deep_pos" "$rows" >>"$OUT_DIR/deep-pages.tsv"

    # e) a seeded tenant client in the middle of the seeded range
    local token_body
    token_body="$(tenant_token_body)"
    check_http 200 "$BENCH_TMP/check-token.json" -X POST -H 'Content-Type: application/json' \
        --data "$token_body" "$BENCH_APP_URL/oauth/token"
    tenant_token="$(sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$BENCH_TMP/check-token.json")"
    [[ -n "$tenant_token" ]] || bench_die "no access_token for the tenant client: $(head -c 300 "$BENCH_TMP/check-token.json")"
    bench_log "[$scale] tenant client $(printf '%s' "$token_body" | sed 's/.*"client_id":"\([^"]*\)".*/\1/') gets a token"
    local token_script
    token_script="$(bench_wrk_post_script "tenant-token-$scale" "$token_body")"

    local events_before wal_before
    events_before="$(db_value "SELECT count(*) FROM events")"
    wal_before="$(db_value "SELECT pg_current_wal_lsn()")"
    run_scenario "$scale" get-by-id "GET /v1/tenants/{id}" -s "$get_script" "${auth[@]}" "$BENCH_APP_URL"
    [[ "$MEASURE_PASS" == jvm-warmup ]] || read_events "$scale" "$events_before" "$wal_before"
    # The first and the deep page alternate for BENCH_PAGE_ROUNDS rounds and are compared by their median p50s,
    # so a checkpoint or an autovacuum that lands during one run does not decide the deep/first ratio.
    local rounds="$BENCH_PAGE_ROUNDS" round
    [[ "$MEASURE_PASS" != jvm-warmup ]] || rounds=1
    for (( round = 1; round <= rounds; round++ )); do
        run_scenario "$scale" "first-page-$round" "GET first page ($round/$rounds)" "${auth[@]}" "$BENCH_APP_URL/v1/tenants?limit=$PAGE_LIMIT"
        run_scenario "$scale" "deep-page-$round" "GET page at 90% ($round/$rounds)" "${auth[@]}" "$deep_url"
    done

    # d) creation (after the reads, so they saw exactly $count rows)
    check_http 201 "$BENCH_TMP/check-create.json" "${auth[@]}" -X POST -H 'Content-Type: application/json' \
        --data "{\"name\":\"Bench check $scale\",\"subdomain\":\"check-$scale-$(bench_random_alnum 8 | tr '[:upper:]' '[:lower:]')\",\"environmentId\":\"$ENVIRONMENT_ID\"}" \
        "$BENCH_APP_URL/v1/tenants"
    run_scenario "$scale" create "POST /v1/tenants" -s "$CREATE_SCRIPT" "${auth[@]}" "$BENCH_APP_URL"

    run_scenario "$scale" token "POST /oauth/token" -s "$token_script" "$BENCH_APP_URL/oauth/token"

    # f, g, h) searches, after the creation so that the SQL counts are final.
    # The wrk scripts carry the management token themselves.
    local search_url="$BENCH_APP_URL/v1/tenants:search" rare_body suffix_body common_body
    local rare_script suffix_script common_script
    rare_body="$(search_body name CONTAINS "$BENCH_SEARCH_RARE" createdAt)"
    suffix_body="$(search_body subdomain ENDS_WITH "$BENCH_SEARCH_SUFFIX" createdAt)"
    common_body="$(search_body name CONTAINS "$BENCH_SEARCH_COMMON" name)"
    check_search "$scale" search-rare "$rare_body" name "%$BENCH_SEARCH_RARE%" "${auth[@]}"
    check_search "$scale" search-suffix "$suffix_body" subdomain "%$BENCH_SEARCH_SUFFIX" "${auth[@]}"
    check_search "$scale" search-common "$common_body" name "%$BENCH_SEARCH_COMMON%" "${auth[@]}"
    rare_script="$(bench_wrk_post_script "search-rare-$scale" "$rare_body" "$token")"
    suffix_script="$(bench_wrk_post_script "search-suffix-$scale" "$suffix_body" "$token")"
    common_script="$(bench_wrk_post_script "search-common-$scale" "$common_body" "$token")"
    run_scenario "$scale" search-rare "search name CONTAINS" -s "$rare_script" "$search_url"
    run_scenario "$scale" search-suffix "search subdomain ENDS_WITH" -s "$suffix_script" "$search_url"
    run_scenario "$scale" search-common "search CONTAINS, by name" -s "$common_script" "$search_url"
    bench_log "[$scale] done; tenants now $(db_value "SELECT count(*) FROM tenants")"
}

# Tokens counted as TRANSACTIONS usage so far (complete once the app stopped:
# it flushes its counts at a graceful shutdown).
usage_total() {
    db_value "SELECT coalesce(sum(quantity), 0) FROM usage WHERE type = 'TRANSACTIONS'"
}

# usage_counting_comparison SCALE: stop the app, start a second one on the same
# database with LANDLORD_USAGE_COUNT_TOKENS=false, run the tenant token
# scenario on it (JVM warm-up, warm-up, measurement, recorded as SCALE
# token-count-off), and stop it. The "on" figure is SCALE's token run. Sets
# USAGE_ON_TOTAL / USAGE_OFF_TOTAL (usage before and after the "off" app ran:
# equal if counting was off) and OFF_APP_ERRORS.
USAGE_ON_TOTAL=""
USAGE_OFF_TOTAL=""
OFF_APP_ERRORS=""
OFF_READY_MS=""
usage_counting_comparison() {
    local scale="$1" body script
    bench_log "[usage] stopping the app (usage counting on)"
    bench_app_stop
    cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log"
    USAGE_ON_TOTAL="$(usage_total)"
    bench_log "[usage] $USAGE_ON_TOTAL tenant tokens counted so far"

    APP_LOG_NAME=app-count-tokens-off.log
    export LANDLORD_USAGE_COUNT_TOKENS=false
    bench_app_start
    bench_app_wait_ready
    OFF_READY_MS="$BENCH_READY_MS"
    bench_log "[usage] app with LANDLORD_USAGE_COUNT_TOKENS=false ready in ${BENCH_READY_MS} ms on $BENCH_APP_URL"

    body="$(tenant_token_body)"
    check_http 200 "$BENCH_TMP/check-token-count-off.json" -X POST -H 'Content-Type: application/json' \
        --data "$body" "$BENCH_APP_URL/oauth/token"
    script="$(bench_wrk_post_script "tenant-token-count-off-$scale" "$body")"
    # A fresh JVM: warm the token path up as the JVM warm-up pass did for the first app.
    if [[ "$(bench_duration_seconds "$BENCH_JVM_WARMUP")" != 0 ]]; then
        bench_log "[usage] [JVM warm-up] POST /oauth/token: $BENCH_JVM_WARMUP"
        bench_wrk "$OUT_DIR/jvm-warmup-token-count-off.txt" "$BENCH_JVM_WARMUP" -s "$script" "$BENCH_APP_URL/oauth/token"
    fi
    run_scenario "$scale" token-count-off "token, usage counting off" -s "$script" "$BENCH_APP_URL/oauth/token"

    bench_app_stop
    OFF_APP_ERRORS="$(grep -c -E '"level":"(ERROR|FATAL)"|^[0-9:,]+ ERROR ' "$BENCH_APP_LOG" 2>/dev/null || true)"
    USAGE_OFF_TOTAL="$(usage_total)"
    bench_log "[usage] $USAGE_OFF_TOTAL tenant tokens counted after the run with counting off"
}

# Run every scenario once for BENCH_JVM_WARMUP before the first measurement,
# so that JIT compilation does not make the small scale look slow, then delete
# the tenants that pass created (their clients go with them).
jvm_warmup() {
    if [[ "$(bench_duration_seconds "$BENCH_JVM_WARMUP")" == 0 ]]; then
        return 0
    fi
    measure_scale "$1" jvm-warmup
    MEASURE_PASS=measure
    local deleted
    deleted="$(db_value "WITH d AS (DELETE FROM tenants WHERE subdomain !~ '^seed-[0-9]+\$' RETURNING 1)
                         SELECT count(*) FROM d")"
    db -c "VACUUM (ANALYZE) tenant_rows" -c "VACUUM (ANALYZE) clients" -c "CHECKPOINT"
    bench_log "[JVM warm-up] done; deleted the $deleted tenants it created"
}

print_scale_table() {
    local scale="$1" count
    count="$(awk -F'\t' -v s="$scale" '$1 == s { print $2 }' "$OUT_DIR/scales.tsv")"
    echo "Scale $scale: $count tenants"
    awk -F'\t' -v s="$scale" '
        BEGIN { fmt = "  %-27s %10s %9s %9s %9s %10s %8s %8s\n"
                printf fmt, "scenario", "req/s", "p50", "p90", "p99", "requests", "non-2xx", "sockerr" }
        $1 == s { printf fmt, $3, $4, $5, $6, $7, $8, $9, $10 }
    ' "$OUT_DIR/summary.tsv"
    echo
}

# field SCALE NAME COLUMN (4 = req/s, 5 = p50, ...) from summary.tsv.
field() {
    awk -F'\t' -v s="$1" -v n="$2" -v c="$3" '$1 == s && $2 == n { print $c }' "$OUT_DIR/summary.tsv"
}

# median_p50_ms SCALE NAME: the median p50 latency (ms) over the rounds NAME-1, NAME-2, ... of a scenario.
median_p50_ms() {
    awk -F'\t' -v s="$1" -v n="$2-" '$1 == s && index($2, n) == 1 { print $5 }' "$OUT_DIR/summary.tsv" \
        | while read -r p50; do latency_ms "$p50"; done \
        | awk "$BENCH_AWK_MEDIAN"'{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print median(v, NR) }'
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

# shellcheck disable=SC2119
bench_setup
# Fewer checkpoints while seeding (reloadable settings, no restart needed).
bench_psql -c "ALTER SYSTEM SET max_wal_size = '${BENCH_PG_MAX_WAL_SIZE:-4GB}'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '30min'" -c "SELECT pg_reload_conf()" >/dev/null

bench_app_start
bench_app_wait_ready
bench_log "app ready in ${BENCH_READY_MS} ms, RSS $(bench_rss_human "$BENCH_APP_PID")"

ENVIRONMENT_ID="$(db_value "SELECT id FROM environments ORDER BY created_at LIMIT 1")"
[[ -n "$ENVIRONMENT_ID" ]] || bench_die "no environment in the database"
[[ "$ENVIRONMENT_ID" == "$BENCH_ENVIRONMENT_ID" ]] \
    || bench_log "warning: environment in the database ($ENVIRONMENT_ID) is not the one written ($BENCH_ENVIRONMENT_ID)"
CREATE_SCRIPT="$(bench_wrk_create_tenant_script "$ENVIRONMENT_ID")"

: >"$OUT_DIR/summary.tsv"
: >"$OUT_DIR/scales.tsv"
: >"$OUT_DIR/deep-pages.tsv"
: >"$OUT_DIR/searches.tsv"
: >"$OUT_DIR/read-events.tsv"

if [[ -n "$BENCH_SEED_ONLY" ]]; then
    seed_tenants "$BENCH_TENANTS"
    printf '%s\n' "${SEED_REPORT[@]}" | tee "$OUT_DIR/summary.txt"
    exit 0
fi

SMALL="$BENCH_SMALL_TENANTS"
LARGE="$BENCH_TENANTS"
seed_tenants "$SMALL"
jvm_warmup "$SMALL"
measure_scale "$SMALL"
seed_tenants "$LARGE"
measure_scale "$LARGE"

RSS_END="$(bench_rss_human "$BENCH_APP_PID")"
APP_ERRORS="$(grep -c -E '"level":"(ERROR|FATAL)"|^[0-9:,]+ ERROR ' "$BENCH_APP_LOG" 2>/dev/null || true)"

if [[ "$BENCH_USAGE_COMPARE" == 1 ]]; then
    usage_counting_comparison "$LARGE"
fi

deep_first="$(ratio "$(median_p50_ms "$LARGE" deep-page)" "$(median_p50_ms "$LARGE" first-page)")"
deep_first_small="$(ratio "$(median_p50_ms "$SMALL" deep-page)" "$(median_p50_ms "$SMALL" first-page)")"
byid_ratio="$(ratio "$(field "$LARGE" get-by-id 4)" "$(field "$SMALL" get-by-id 4)")"
token_ratio="$(ratio "$(field "$LARGE" token 4)" "$(field "$SMALL" token 4)")"
create_ratio="$(ratio "$(field "$LARGE" create 4)" "$(field "$SMALL" create 4)")"
small_deep_rows="$(awk -F'\t' -v s="$SMALL" '$1 == s { print $3 }' "$OUT_DIR/deep-pages.tsv")"

# Usage counting on/off: only valid if the first app counted tokens and the
# second did not (the usage total did not move while it ran).
usage_ratio="n/a"
usage_verdict="skipped (BENCH_USAGE_COMPARE=0)"
usage_note=""
if [[ "$BENCH_USAGE_COMPARE" == 1 ]]; then
    usage_ratio="$(ratio "$(field "$LARGE" token 4)" "$(field "$LARGE" token-count-off 4)")"
    usage_verdict="$(verdict "$usage_ratio" ge 0.95)"
    usage_note="tenant tokens counted: $USAGE_ON_TOTAL before the app with counting off started, $USAGE_OFF_TOTAL after it stopped"
    if [[ "$USAGE_ON_TOTAL" == 0 || "$USAGE_OFF_TOTAL" != "$USAGE_ON_TOTAL" ]]; then
        usage_verdict="INVALID (counting was not on, then off: see below)"
    fi
fi

# search_line NAME DESCRIPTION: one row of the search latency table (LARGE).
search_line() {
    local name="$1" desc="$2" matches rows
    matches="$(awk -F'\t' -v s="$LARGE" -v n="$name" '$1 == s && $2 == n { print $3 }' "$OUT_DIR/searches.tsv")"
    rows="$(awk -F'\t' -v s="$LARGE" -v n="$name" '$1 == s && $2 == n { print $4 }' "$OUT_DIR/searches.tsv")"
    printf '  %-44s %8s %5s %9s %9s %9s %10s\n' "$desc" "${matches:-?}" "${rows:-?}" \
        "$(field "$LARGE" "$name" 5)" "$(field "$LARGE" "$name" 6)" "$(field "$LARGE" "$name" 7)" "$(field "$LARGE" "$name" 4)"
}

{
    echo
    echo "Landlord tenant-scale benchmark  ($RUN_ID)"
    echo "  jar:          $BENCH_APP_JAR (run from a copy)"
    echo "  java:         $("$BENCH_JAVA" -version 2>&1 | head -n 1)"
    echo "  cpus:         $(nproc)"
    echo "  postgresql:   shared_buffers $BENCH_PG_SHARED_BUFFERS, huge pages $BENCH_PG_HUGE_PAGES_USED"
    echo "  wrk:          -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$BENCH_DURATION (warm-up $BENCH_WARMUP; JVM warm-up pass $BENCH_JVM_WARMUP per scenario)"
    echo "  app:          ready in ${BENCH_READY_MS} ms, RSS ${RSS_END} at the end, ${APP_ERRORS:-0} ERROR lines in app.log"
    for line in "${SEED_REPORT[@]}"; do
        echo "  seed:         $line"
    done
    echo
    print_scale_table "$SMALL"
    print_scale_table "$LARGE"
    echo "Ratios (scale $LARGE vs $SMALL):"
    printf '  %-52s %6s  target <= 1.2  %s\n' "deep page p50 / first page p50 at $LARGE" "$deep_first" \
        "$(verdict "$deep_first" le 1.2)"
    printf '  %-52s %6s  target >= 0.9  %s\n' "GET /v1/tenants/{id} req/s at $LARGE / at $SMALL" "$byid_ratio" \
        "$(verdict "$byid_ratio" ge 0.9)"
    printf '  %-52s %6s  target >= 0.9  %s\n' "POST /oauth/token req/s at $LARGE / at $SMALL" "$token_ratio" \
        "$(verdict "$token_ratio" ge 0.9)"
    printf '  %-52s %6s  (informational)\n' "POST /v1/tenants req/s at $LARGE / at $SMALL" "$create_ratio"
    printf '  %-52s %6s  (informational; that page has %s rows)\n' "deep page p50 / first page p50 at $SMALL" \
        "$deep_first_small" "${small_deep_rows:-?}"
    echo
    echo "Events recorded by the reads (GET /v1/tenants/{id} over $BENCH_ID_SAMPLE sampled tenants, warm-up and measurement):"
    awk -F'\t' '{ printf "  at %-9s %8d reads: %.2f event rows and %.0f bytes of WAL per read; events table %s after\n",
        $1, $2, ($2 ? $3 / $2 : 0), ($2 ? $4 / $2 : 0), $5 }' "$OUT_DIR/read-events.tsv"
    echo
    echo "Search latency at $LARGE tenants (POST /v1/tenants:search, first page, limit $PAGE_LIMIT):"
    printf '  %-44s %8s %5s %9s %9s %9s %10s\n' "query" "matching" "rows" "p50" "p90" "p99" "req/s"
    search_line search-rare "name CONTAINS \"$BENCH_SEARCH_RARE\", by createdAt"
    search_line search-suffix "subdomain ENDS_WITH \"$BENCH_SEARCH_SUFFIX\", by createdAt"
    search_line search-common "name CONTAINS \"$BENCH_SEARCH_COMMON\", by name"
    echo
    echo "Usage counting (LANDLORD_USAGE_COUNT_TOKENS), tenant POST /oauth/token at $LARGE:"
    printf '  %-52s %6s  target >= 0.95  %s\n' "token req/s with usage counting on / off" "$usage_ratio" "$usage_verdict"
    if [[ -n "$usage_note" ]]; then
        echo "  ($usage_note;"
        echo "   app with counting off: ready in ${OFF_READY_MS:-?} ms, ${OFF_APP_ERRORS:-0} ERROR lines in app-count-tokens-off.log)"
    fi
    echo
    echo "raw wrk output, tenant id samples and logs: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
