#!/usr/bin/env bash
# Tenant export and import at size: builds a product tenant with BENCH_CLIENTS (1000) clients, BENCH_APPLICATIONS
# (100) applications with one API key each and BENCH_SUB_TENANTS (10) sub-tenants through the API, exports it with
# its secret hashes, purges it (its client ids and subdomain are then free, as in another deployment), imports the
# bundle, and clones the imported tenant. Prints, for each operation, the time from the 202 to SUCCEEDED (from the
# database: completed_at - created_at, and as the client saw it by polling every 20 ms) and the size of its result.
#
# Usage (as root on Debian 12):
#   ./mvnw -B package -DskipTests && bench/lifecycle-bench.sh
# Knobs: BENCH_CLIENTS (1000), BENCH_APPLICATIONS (100), BENCH_SUB_TENANTS (10), BENCH_PARALLEL (16 concurrent
# requests while building the tenant), plus the lib.sh ones.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_CLIENTS="${BENCH_CLIENTS:-1000}"
BENCH_APPLICATIONS="${BENCH_APPLICATIONS:-100}"
BENCH_SUB_TENANTS="${BENCH_SUB_TENANTS:-10}"
BENCH_PARALLEL="${BENCH_PARALLEL:-16}"
RUN_ID="lifecycle-bench-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"

bench_init
mkdir -p "$OUT_DIR"
# shellcheck disable=SC2119
bench_setup
bench_app_start
bench_app_wait_ready
TOKEN="$(bench_get_token)" || bench_die "could not obtain an access token"

sql() {
    BENCH_PSQL_DB=landlord bench_psql -At -c "$1"
}

# api METHOD PATH [BODY]: the body of a 2xx answer on stdout; anything else ends the run.
api() {
    local out="$BENCH_TMP/api.out" status
    status="$(curl -s --max-time 60 -o "$out" -w '%{http_code}' -X "$1" "$BENCH_APP_URL$2" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+--data-binary "$3"})"
    [[ "$status" == 2* ]] || bench_die "$1 $2 answered $status: $(head -c 500 "$out")"
    cat "$out"
}

# parallel_posts FILE: POSTs each "path<TAB>body" line of FILE, BENCH_PARALLEL at a time; every answer must be 201.
parallel_posts() {
    local config="$BENCH_TMP/posts.curl" first=1 path body
    : >"$config"
    while IFS=$'\t' read -r path body; do
        (( first )) || echo "next" >>"$config"
        first=0
        cat >>"$config" <<EOF_ENTRY
url = "$BENCH_APP_URL$path"
request = "POST"
header = "Authorization: Bearer $TOKEN"
header = "Content-Type: application/json"
data = "${body//\"/\\\"}"
output = "/dev/null"
write-out = "%{http_code}\\n"
EOF_ENTRY
    done <"$1"
    local refused
    refused="$(timeout 600 curl -s --no-progress-meter --parallel --parallel-max "$BENCH_PARALLEL" --config "$config" | grep -vc '^201$' || true)"
    [[ "$refused" == "0" ]] || bench_die "$refused of the POSTs in $1 were not 201"
}

# run_operation NAME PATH BODY: submits, polls until final, reads the result once into $OUT_DIR/NAME.json;
# sets OP_ID, OP_CLIENT_MS (202 to SUCCEEDED as polled) and OP_BYTES.
run_operation() {
    local name="$1" submitted start status deadline
    start="$(bench_now_ms)"
    submitted="$(api POST "$2" "$3")"
    OP_ID="$(jq -r .id <<<"$submitted")"
    deadline=$(( $(date +%s) + 600 ))
    while :; do
        status="$(api GET "/v1/operations/$OP_ID" | jq -r .status)"
        [[ "$status" == SUCCEEDED ]] && break
        [[ "$status" == FAILED ]] && bench_die "$name failed: $(api GET "/v1/operations/$OP_ID")"
        (( $(date +%s) < deadline )) || bench_die "$name still $status after 600 s"
        sleep 0.02
    done
    OP_CLIENT_MS=$(( $(bench_now_ms) - start ))
    api GET "/v1/operations/$OP_ID/result" >"$OUT_DIR/$name.json"
    OP_BYTES="$(stat -c %s "$OUT_DIR/$name.json")"
}

db_ms() { # the operation's completed_at - created_at in ms
    sql "SELECT round(extract(epoch FROM completed_at - created_at) * 1000) FROM operations WHERE id = '$1'"
}

PREFIX="lc$(bench_random_alnum 6 | tr '[:upper:]' '[:lower:]')"
bench_log "building the tenant: $BENCH_CLIENTS clients, $BENCH_APPLICATIONS applications, $BENCH_SUB_TENANTS sub-tenants"
BUILD_START="$(bench_now_ms)"
TENANT="$(api POST /v1/tenants "{\"name\":\"Bench tenant\",\"subdomain\":\"$PREFIX\",\"environmentId\":\"$BENCH_ENVIRONMENT_ID\",\"profile\":{\"plan\":\"bench\"},\"entitlements\":[{\"type\":\"USERS\",\"quantity\":1000,\"contractMode\":\"PRODUCTION\"}]}" | jq -r .id)"
: >"$BENCH_TMP/clients.tsv"
for ((i = 1; i < BENCH_CLIENTS; i++)); do # the tenant's admin client is the first
    printf '/v1/tenants/%s/clients\t{"name":"client %d","roles":["issuer"]}\n' "$TENANT" "$i" >>"$BENCH_TMP/clients.tsv"
done
parallel_posts "$BENCH_TMP/clients.tsv"
: >"$BENCH_TMP/subtenants.tsv"
for ((i = 0; i < BENCH_SUB_TENANTS; i++)); do
    printf '/v1/tenants\t{"name":"sub %d","subdomain":"%s-sub-%d","environmentId":"%s","type":"client","mainTenantId":"%s"}\n' \
        "$i" "$PREFIX" "$i" "$BENCH_ENVIRONMENT_ID" "$TENANT" >>"$BENCH_TMP/subtenants.tsv"
done
parallel_posts "$BENCH_TMP/subtenants.tsv"
for ((i = 0; i < BENCH_APPLICATIONS; i++)); do
    APP="$(api POST "/v1/tenants/$TENANT/applications" "{\"productCode\":\"P$i\",\"packageCode\":\"BASIC\",\"ttlHours\":168}" | jq -r .id)"
    printf '/v1/tenants/%s/applications/%s/keys\t{"label":"key %d","env":"prod"}\n' "$TENANT" "$APP" "$i"
done >"$BENCH_TMP/keys.tsv"
parallel_posts "$BENCH_TMP/keys.tsv"
BUILD_MS=$(( $(bench_now_ms) - BUILD_START ))
bench_log "built in ${BUILD_MS} ms"

bench_log "export with secret hashes"
run_operation export "/v1/tenants/$TENANT:export" '{"includeSecretHashes":true}'
EXPORT_ID="$OP_ID" EXPORT_CLIENT_MS="$OP_CLIENT_MS" EXPORT_BYTES="$OP_BYTES"
EXPORT_GZIP_BYTES="$(gzip -c "$OUT_DIR/export.json" | wc -c)"
BUNDLE_CLIENTS="$(jq '[.tenant.clients[]] + [.tenant.subTenants[].clients[]] | length' "$OUT_DIR/export.json")"

bench_log "purge the tenant (its client ids and subdomain are free again), then import the bundle"
api DELETE "/v1/tenants/$TENANT?cascade=true" >/dev/null
api DELETE "/v1/tenants/$TENANT?purge=true" >/dev/null
jq -c --arg env "$BENCH_ENVIRONMENT_ID" '{bundle: ., environmentId: $env}' "$OUT_DIR/export.json" >"$BENCH_TMP/import.json"
run_operation import /v1/tenants:import "@$BENCH_TMP/import.json"
IMPORT_ID="$OP_ID" IMPORT_CLIENT_MS="$OP_CLIENT_MS" IMPORT_BYTES="$OP_BYTES"
IMPORTED="$(jq -r .id "$OUT_DIR/import.json")"
IMPORTED_CLIENTS="$(sql "SELECT count(*) FROM clients c JOIN tenants t ON t.id = c.tenant_id WHERE t.id = '$IMPORTED' OR t.main_tenant_id = '$IMPORTED'")"

bench_log "clone the imported tenant (without its sub-tenants)"
run_operation clone "/v1/tenants/$IMPORTED:clone" "{\"environmentId\":\"$BENCH_ENVIRONMENT_ID\",\"subdomain\":\"$PREFIX-clone\"}"
CLONE_ID="$OP_ID" CLONE_CLIENT_MS="$OP_CLIENT_MS" CLONE_BYTES="$OP_BYTES"
cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null || true

{
    echo
    echo "Landlord tenant export / import benchmark  ($RUN_ID)"
    echo "  java:      $("$BENCH_JAVA" -version 2>&1 | head -n 1); cpus: $(nproc)"
    echo "  tenant:    $BENCH_CLIENTS clients, $BENCH_APPLICATIONS applications (one API key each), $BENCH_SUB_TENANTS sub-tenants (one client each); built through the API in ${BUILD_MS} ms"
    printf '  export:    202 to SUCCEEDED %s ms (database), %s ms (client, polling); bundle %s bytes (%s gzipped), %s clients, with secret hashes\n' \
        "$(db_ms "$EXPORT_ID")" "$EXPORT_CLIENT_MS" "$EXPORT_BYTES" "$EXPORT_GZIP_BYTES" "$BUNDLE_CLIENTS"
    printf '  import:    202 to SUCCEEDED %s ms (database), %s ms (client, polling); result %s bytes; %s clients written\n' \
        "$(db_ms "$IMPORT_ID")" "$IMPORT_CLIENT_MS" "$IMPORT_BYTES" "$IMPORTED_CLIENTS"
    printf '  clone:     202 to SUCCEEDED %s ms (database), %s ms (client, polling); result %s bytes (new secrets and keys)\n' \
        "$(db_ms "$CLONE_ID")" "$CLONE_CLIENT_MS" "$CLONE_BYTES"
    echo "  raw output: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
