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
# then prints deep/first page p50 and the large/small throughput ratios.
# A JVM warm-up pass over all scenarios precedes the first measurement.
#
# Usage (as root on Debian 12 with JDK 17):
#   ./mvnw -B package -DskipTests && bench/tenant-scale-bench.sh
#
# Knobs (environment): BENCH_TENANTS (1000000), BENCH_DURATION (15s),
# BENCH_WARMUP (5s), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_JVM_WARMUP (10s), BENCH_SMALL_TENANTS (100), BENCH_SEED_CHUNK
# (100000), BENCH_ID_SAMPLE (10000), BENCH_SEED_ONLY, plus the lib.sh ones.
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
# The database is sized for its working set (663 MB at 1,000,000 tenants), as a production one would be.
export BENCH_PG_SHARED_BUFFERS="${BENCH_PG_SHARED_BUFFERS:-1GB}"
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

# Keep the application and PostgreSQL logs with the results.
save_logs() {
    if [[ -n "${BENCH_APP_LOG:-}" && -f "$BENCH_APP_LOG" ]]; then
        cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null || true
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
    db -c "VACUUM (ANALYZE) tenants" -c "VACUUM (ANALYZE) clients" -c "CHECKPOINT"
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
# wrk scripts
# ---------------------------------------------------------------------------

# GET /v1/tenants/{id} with an id drawn at random from $1 (one uuid a line).
write_get_by_id_script() {
    local ids="$1" file="$BENCH_TMP/get-by-id.lua"
    cat >"$file" <<EOF
local ids = {}
for line in io.lines("$ids") do
    if #line > 0 then ids[#ids + 1] = line end
end
if #ids == 0 then error("no tenant ids in $ids") end
wrk.headers["Accept"] = "application/json"

function init(args)
    local f = assert(io.open("/dev/urandom", "rb"))
    local b = f:read(4)
    f:close()
    local seed = 0
    for i = 1, #b do seed = seed * 256 + b:byte(i) end
    math.randomseed(seed)
end

function request()
    return wrk.format("GET", "/v1/tenants/" .. ids[math.random(#ids)])
end
EOF
    printf '%s' "$file"
}

# POST /v1/tenants; each wrk thread uses a random prefix and a counter, so
# subdomains are unique across threads, warm-up and measured runs.
write_create_script() {
    local file="$BENCH_TMP/create-tenant.lua"
    cat >"$file" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local prefix = "b"
local counter = 0

function init(args)
    local f = assert(io.open("/dev/urandom", "rb"))
    local b = f:read(6)
    f:close()
    local hex = b:gsub(".", function(c) return string.format("%02x", c:byte()) end)
    prefix = "b" .. hex
end

function request()
    counter = counter + 1
    local sub = prefix .. "-" .. counter
    local body = '{"name":"Bench ' .. sub .. '","subdomain":"' .. sub
        .. '","environmentId":"$ENVIRONMENT_ID"}'
    return wrk.format("POST", "/v1/tenants", nil, body)
end
EOF
    printf '%s' "$file"
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
    grep -o '"locked":' "$1" | wc -l | tr -d ' '
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

# measure_scale SCALE [PASS]: all five scenarios against the current table.
# PASS jvm-warmup only exercises them (see jvm_warmup).
measure_scale() {
    local scale="$1" count token ids deep_pos deep_expected cursor rows tenant_client tenant_token
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
    get_script="$(write_get_by_id_script "$ids")"

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
    # (seeded clients are seedc-1 .. seedc-<max>, without gaps)
    tenant_client="seedc-$(( ($(seeded_max) + 1) / 2 ))"
    [[ "$(db_value "SELECT count(*) FROM clients WHERE client_id = '$tenant_client'")" == 1 ]] \
        || bench_die "seeded tenant client $tenant_client not found"
    local token_body
    token_body="$(printf '{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s"}' \
        "$tenant_client" "$SEED_SECRET")"
    check_http 200 "$BENCH_TMP/check-token.json" -X POST -H 'Content-Type: application/json' \
        --data "$token_body" "$BENCH_APP_URL/oauth/token"
    tenant_token="$(sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$BENCH_TMP/check-token.json")"
    [[ -n "$tenant_token" ]] || bench_die "no access_token for tenant client $tenant_client"
    bench_log "[$scale] tenant client $tenant_client gets a token"
    local token_script
    token_script="$(bench_wrk_post_script "tenant-token-$scale" "$token_body")"

    run_scenario "$scale" get-by-id "GET /v1/tenants/{id}" -s "$get_script" "${auth[@]}" "$BENCH_APP_URL"
    run_scenario "$scale" first-page "GET first page" "${auth[@]}" "$BENCH_APP_URL/v1/tenants?limit=$PAGE_LIMIT"
    run_scenario "$scale" deep-page "GET page at 90%" "${auth[@]}" "$deep_url"

    # d) creation (after the reads, so they saw exactly $count rows)
    check_http 201 "$BENCH_TMP/check-create.json" "${auth[@]}" -X POST -H 'Content-Type: application/json' \
        --data "{\"name\":\"Bench check $scale\",\"subdomain\":\"check-$scale-$(bench_random_alnum 8 | tr '[:upper:]' '[:lower:]')\",\"environmentId\":\"$ENVIRONMENT_ID\"}" \
        "$BENCH_APP_URL/v1/tenants"
    run_scenario "$scale" create "POST /v1/tenants" -s "$CREATE_SCRIPT" "${auth[@]}" "$BENCH_APP_URL"

    run_scenario "$scale" token "POST /oauth/token" -s "$token_script" "$BENCH_APP_URL/oauth/token"
    bench_log "[$scale] done; tenants now $(db_value "SELECT count(*) FROM tenants")"
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
    db -c "VACUUM (ANALYZE) tenants" -c "VACUUM (ANALYZE) clients" -c "CHECKPOINT"
    bench_log "[JVM warm-up] done; deleted the $deleted tenants it created"
}

print_scale_table() {
    local scale="$1" count
    count="$(awk -F'\t' -v s="$scale" '$1 == s { print $2 }' "$OUT_DIR/scales.tsv")"
    echo "Scale $scale: $count tenants"
    awk -F'\t' -v s="$scale" '
        BEGIN { fmt = "  %-22s %10s %9s %9s %9s %10s %8s %8s\n"
                printf fmt, "scenario", "req/s", "p50", "p90", "p99", "requests", "non-2xx", "sockerr" }
        $1 == s { printf fmt, $3, $4, $5, $6, $7, $8, $9, $10 }
    ' "$OUT_DIR/summary.tsv"
    echo
}

# field SCALE NAME COLUMN (4 = req/s, 5 = p50, ...) from summary.tsv.
field() {
    awk -F'\t' -v s="$1" -v n="$2" -v c="$3" '$1 == s && $2 == n { print $c }' "$OUT_DIR/summary.tsv"
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

# shellcheck disable=SC2119
bench_apt_install
bench_require_java
bench_pg_start
# Fewer checkpoints while seeding (reloadable settings, no restart needed).
bench_psql -c "ALTER SYSTEM SET max_wal_size = '${BENCH_PG_MAX_WAL_SIZE:-4GB}'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '30min'" -c "SELECT pg_reload_conf()" >/dev/null
bench_gen_signing_key
bench_write_environments

bench_app_start
bench_app_wait_ready
bench_log "app ready in ${BENCH_READY_MS} ms, RSS $(bench_rss_human "$BENCH_APP_PID")"

ENVIRONMENT_ID="$(db_value "SELECT id FROM environments ORDER BY created_at LIMIT 1")"
[[ -n "$ENVIRONMENT_ID" ]] || bench_die "no environment in the database"
[[ "$ENVIRONMENT_ID" == "$BENCH_ENVIRONMENT_ID" ]] \
    || bench_log "warning: environment in the database ($ENVIRONMENT_ID) is not the one written ($BENCH_ENVIRONMENT_ID)"
CREATE_SCRIPT="$(write_create_script)"

: >"$OUT_DIR/summary.tsv"
: >"$OUT_DIR/scales.tsv"
: >"$OUT_DIR/deep-pages.tsv"

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

deep_first="$(ratio "$(latency_ms "$(field "$LARGE" deep-page 5)")" "$(latency_ms "$(field "$LARGE" first-page 5)")")"
deep_first_small="$(ratio "$(latency_ms "$(field "$SMALL" deep-page 5)")" "$(latency_ms "$(field "$SMALL" first-page 5)")")"
byid_ratio="$(ratio "$(field "$LARGE" get-by-id 4)" "$(field "$SMALL" get-by-id 4)")"
token_ratio="$(ratio "$(field "$LARGE" token 4)" "$(field "$SMALL" token 4)")"
create_ratio="$(ratio "$(field "$LARGE" create 4)" "$(field "$SMALL" create 4)")"
small_deep_rows="$(awk -F'\t' -v s="$SMALL" '$1 == s { print $3 }' "$OUT_DIR/deep-pages.tsv")"

{
    echo
    echo "Landlord tenant-scale benchmark  ($RUN_ID)"
    echo "  jar:          $BENCH_APP_JAR (run from a copy)"
    echo "  java:         $(java -version 2>&1 | head -n 1)"
    echo "  cpus:         $(nproc)"
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
    echo "raw wrk output, tenant id samples and logs: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
