#!/usr/bin/env bash
# Failover test: Landlord on highly available PostgreSQL (deploy/ha/ha.sh) loses its primary under load, then one of
# its two instances.
#
#   1. Starts the topology of ha.sh in a temporary directory and measures the token rate of one instance against two
#      behind HAProxy (wrk, FT_RATE_SECONDS each), with the CPU PostgreSQL and Landlord took.
#   2. Runs a steady, bounded mixed load through HAProxy (curl loops; every request has a FT_REQUEST_TIMEOUT): token
#      requests, synchronous POST /v1/tenants, asynchronous POST /v1/async/tenants polled to completion, reads. After
#      FT_BEFORE_SECONDS it kills the primary's PostgreSQL with SIGKILL; Patroni promotes a synchronous replica, HAProxy
#      follows /primary, and Landlord reconnects without a restart. The load goes on until writes have succeeded again
#      for FT_AFTER_SECONDS.
#   3. Checks: every acknowledged create (201, or an operation that reached SUCCEEDED) is in the tenants table; every
#      submitted operation ended SUCCEEDED, none is still PENDING or RUNNING and none ran twice (one tenant and one
#      TENANT_CREATE_SUCCESS event per operation); every acknowledged create's TENANT_CREATE_SUCCESS event is in the
#      events table; the requests that failed failed with 503 (from Landlord, or from HAProxy while no instance was
#      ready), none with another status and none past its timeout; both instances are ready again.
#   4. Submits FT_KILL_OPERATIONS operations to one instance, kills it with SIGKILL at once, and checks that the other
#      instance finishes every one of them (taking over the expired leases; LANDLORD_OPERATIONS_LEASE is PT10S here).
#
# Prints the figures (time from the primary's death to the first successful write, failed requests by status, writes
# acknowledged and found, the token rates and CPU) and exits non-zero on any violation. As root on Debian 12, after
# ./mvnw -B package -DskipTests; everything listens on 127.0.0.1 and is stopped on exit. FT_KEEP=1 keeps the temporary
# directory (logs, request records).
set -euo pipefail

FT_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FT_DIR="$(mktemp -d /tmp/landlord-failover.XXXXXX)"
chmod 0755 "$FT_DIR"
export HA_DIR="$FT_DIR/ha"
# shellcheck source=ha.sh
source "$FT_SCRIPT_DIR/ha.sh"

bench_log() {
    printf '[failover %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

FT_REQUEST_TIMEOUT="${FT_REQUEST_TIMEOUT:-10}"
FT_BEFORE_SECONDS="${FT_BEFORE_SECONDS:-8}"
FT_AFTER_SECONDS="${FT_AFTER_SECONDS:-10}"
FT_MAX_LOAD_SECONDS="${FT_MAX_LOAD_SECONDS:-90}"
FT_SETTLE_SECONDS="${FT_SETTLE_SECONDS:-60}"
FT_RATE_SECONDS="${FT_RATE_SECONDS:-10}"
FT_KILL_OPERATIONS="${FT_KILL_OPERATIONS:-16}"
# Operations a dead instance held are taken over when their lease ends: short here, so the test stays short.
export LANDLORD_OPERATIONS_LEASE="${LANDLORD_OPERATIONS_LEASE:-PT10S}"

FT_RUN="r$(bench_random_alnum 6 | tr '[:upper:]' '[:lower:]')"
FT_REC="$FT_DIR/records"
FT_WORKER_PIDS=()
FT_VIOLATIONS=0
mkdir -p "$FT_REC"

ft_cleanup() {
    local rc=$? pid
    set +e
    trap - EXIT INT TERM
    touch "$FT_DIR/stop"
    for pid in "${FT_WORKER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    for pid in "${FT_WORKER_PIDS[@]}"; do
        wait "$pid" 2>/dev/null
    done
    bench_wrk_stop
    HA_KEEP=1 ha_stop >/dev/null 2>&1
    if (( rc == 0 )) && [[ -z "${FT_KEEP:-}" ]]; then
        rm -rf -- "$FT_DIR"
    else
        bench_log "kept $FT_DIR (request records in records/, logs in ha/log/)"
    fi
    exit "$rc"
}

ft_violation() {
    bench_log "VIOLATION: $*"
    FT_VIOLATIONS=$(( FT_VIOLATIONS + 1 ))
}

ft_now_ms() {
    local t="${EPOCHREALTIME/./}"
    echo "${t:0:13}"
}

# ---------------------------------------------------------------------------------------------------------------
# The load: every request is one line "KIND START_MS END_MS STATUS SOURCE" in the worker's record file; STATUS 000 is
# a request that got no answer (curl's exit code in SOURCE, 28 = it ran past FT_REQUEST_TIMEOUT); SOURCE of a failed
# request is "landlord" when the body is Landlord's error JSON, "proxy" otherwise.
# ---------------------------------------------------------------------------------------------------------------

# ft_call RECORD KIND BODY_FILE CURL_ARGS...: one request; its status in FT_STATUS.
ft_call() {
    local record="$1" kind="$2" body="$3" start end rc=0 source=-
    shift 3
    start="$(ft_now_ms)"
    FT_STATUS="$(curl -s -o "$body" -w '%{http_code}' --max-time "$FT_REQUEST_TIMEOUT" "$@" 2>/dev/null)" || rc=$?
    end="$(ft_now_ms)"
    [[ -n "$FT_STATUS" ]] || FT_STATUS=000
    if [[ "$FT_STATUS" == 000 ]]; then
        source="$rc"
    elif (( FT_STATUS >= 400 )); then
        grep -q '"code"' "$body" 2>/dev/null && source=landlord || source=proxy
    fi
    echo "$kind $start $end $FT_STATUS $source" >>"$record"
}

ft_running() {
    [[ ! -e "$FT_DIR/stop" ]] && (( $(ft_now_ms) < FT_HARD_END_MS ))
}

ft_auth=()

ft_worker_tokens() {
    local record="$FT_REC/tokens.$1" body="$FT_DIR/body.tokens.$1"
    while ft_running; do
        ft_call "$record" token "$body" -X POST -H 'Content-Type: application/json' --data "$FT_TOKEN_BODY" \
            "$HA_APP_URL/oauth/token"
        sleep 0.05
    done
}

ft_tenant_body() {
    printf '{"name":"Failover %s","subdomain":"%s","environmentId":"%s"}' "$1" "$1" "$HA_ENVIRONMENT_ID"
}

ft_worker_sync_creates() {
    local record="$FT_REC/sync" body="$FT_DIR/body.sync" n=0 sub
    while ft_running; do
        n=$(( n + 1 ))
        sub="$FT_RUN-s$n"
        ft_call "$record" create "$body" -X POST "${ft_auth[@]}" -H 'Content-Type: application/json' \
            --data "$(ft_tenant_body "$sub")" "$HA_APP_URL/v1/tenants"
        if [[ "$FT_STATUS" == 201 ]]; then
            echo "$(jq -r .id "$body") $sub" >>"$FT_REC/acked-sync"
        fi
        sleep 0.1
    done
}

# ft_submit RECORD BODY_FILE URL SUBDOMAIN: one asynchronous create; the operation's id in FT_OPERATION when 202.
ft_submit() {
    local record="$1" body="$2" url="$3" sub="$4"
    FT_OPERATION=""
    ft_call "$record" submit "$body" -X POST "${ft_auth[@]}" -H 'Content-Type: application/json' \
        --data "$(ft_tenant_body "$sub")" "$url/v1/async/tenants"
    if [[ "$FT_STATUS" == 202 ]]; then
        FT_OPERATION="$(jq -r .id "$body")"
        echo "$FT_OPERATION $sub" >>"$FT_REC/submitted"
    fi
}

ft_worker_async_creates() {
    local record="$FT_REC/async" body="$FT_DIR/body.async" n=0 status polls
    while ft_running; do
        n=$(( n + 1 ))
        ft_submit "$record" "$body" "$HA_APP_URL" "$FT_RUN-a$n"
        [[ -n "$FT_OPERATION" ]] || { sleep 0.1; continue; }
        status=""
        for (( polls = 0; polls < 100 && ${#status} == 0; polls++ )); do
            sleep 0.1
            ft_call "$record" poll "$body" "${ft_auth[@]}" "$HA_APP_URL/v1/async/tenants/$FT_OPERATION/createstatus"
            if [[ "$FT_STATUS" == 200 ]]; then
                status="$(jq -r 'select(.status == "SUCCEEDED" or .status == "FAILED") | .status' "$body")"
            fi
        done
        [[ "$status" != SUCCEEDED ]] || echo "$FT_OPERATION $(jq -r .tenantId "$body")" >>"$FT_REC/acked-async"
    done
}

ft_worker_reads() {
    local record="$FT_REC/reads" body="$FT_DIR/body.reads" id
    while ft_running; do
        ft_call "$record" read "$body" "${ft_auth[@]}" "$HA_APP_URL/v1/tenants?limit=5"
        id="$(tail -n 1 "$FT_REC/acked-sync" 2>/dev/null | cut -d' ' -f1)"
        if [[ -n "$id" ]]; then
            ft_call "$record" read "$body" "${ft_auth[@]}" "$HA_APP_URL/v1/tenants/$id"
        fi
        sleep 0.05
    done
}

ft_load_start() {
    FT_HARD_END_MS=$(( $(ft_now_ms) + FT_MAX_LOAD_SECONDS * 1000 ))
    rm -f "$FT_DIR/stop"
    local worker
    # A worker goes on whatever one of its requests answers: each loop is bounded by FT_HARD_END_MS and the stop file.
    for worker in "ft_worker_tokens 1" "ft_worker_tokens 2" ft_worker_sync_creates ft_worker_async_creates ft_worker_reads; do
        ( set +e; $worker ) &
        FT_WORKER_PIDS+=($!)
    done
}

ft_load_stop() {
    local pid
    touch "$FT_DIR/stop"
    # each worker ends after its request in flight (FT_REQUEST_TIMEOUT) or its operation's polls (10 s)
    for pid in "${FT_WORKER_PIDS[@]}"; do
        wait "$pid" || true
    done
    FT_WORKER_PIDS=()
}

# ---------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------

ft_sql() {
    HA_PSQL_DB=landlord ha_psql -At -F ' ' "$@"
}

# A SQL array literal of the first column of a file: '{a,b,c}'.
ft_uuid_array() {
    printf "'{%s}'::uuid[]" "$(cut -d' ' -f1 "$1" 2>/dev/null | paste -sd, -)"
}

ft_count_lines() {
    if [[ -f "$1" ]]; then wc -l <"$1"; else echo 0; fi
}

ft_wait_operations_final() {
    local deadline=$(( $(ft_now_ms) + FT_SETTLE_SECONDS * 1000 )) open
    while :; do
        open="$(ft_sql -c "SELECT count(*) FROM operations WHERE id = ANY($(ft_uuid_array "$1"))
                           AND status IN ('PENDING', 'RUNNING')" 2>/dev/null || echo unknown)"
        [[ "$open" != 0 ]] || return 0
        (( $(ft_now_ms) < deadline )) || { ft_violation "$open operation(s) still PENDING or RUNNING after ${FT_SETTLE_SECONDS}s"; return 0; }
        sleep 1
    done
}

# ft_check_operations FILE LABEL: every operation listed in FILE ended SUCCEEDED exactly once.
ft_check_operations() {
    local file="$1" label="$2" submitted rows
    submitted="$(ft_count_lines "$file")"
    (( submitted > 0 )) || { ft_violation "$label: no operation was submitted"; return 0; }
    ft_wait_operations_final "$file"
    rows="$(ft_sql -c "
        SELECT count(*) FILTER (WHERE o.status = 'SUCCEEDED'),
               count(*) FILTER (WHERE o.status = 'FAILED'),
               count(*) FILTER (WHERE o.status IN ('PENDING', 'RUNNING')),
               count(*) FILTER (WHERE o.status = 'SUCCEEDED' AND t.id IS NULL),
               count(*) FILTER (WHERE o.status = 'SUCCEEDED'
                                  AND (SELECT count(*) FROM event_log e WHERE e.type = 'TENANT_CREATE_SUCCESS'
                                          AND e.tenant_id = o.tenant_id) <> 1),
               count(*) FILTER (WHERE (SELECT count(*) FROM tenants s
                                        WHERE s.name = o.request ->> 'name') > 1)
          FROM operations o LEFT JOIN tenants t ON t.id = o.tenant_id
         WHERE o.id = ANY($(ft_uuid_array "$file"))")"
    read -r FT_OPS_SUCCEEDED FT_OPS_FAILED FT_OPS_OPEN FT_OPS_NO_TENANT FT_OPS_BAD_EVENTS FT_OPS_TWICE <<<"$rows"
    printf '%s: %s submitted, %s SUCCEEDED, %s FAILED, %s PENDING/RUNNING\n' "$label" "$submitted" \
        "$FT_OPS_SUCCEEDED" "$FT_OPS_FAILED" "$FT_OPS_OPEN"
    (( FT_OPS_SUCCEEDED == submitted )) || ft_violation "$label: $(( submitted - FT_OPS_SUCCEEDED )) of $submitted operation(s) did not succeed"
    if (( FT_OPS_FAILED > 0 )); then
        ft_sql -c "SELECT id, error_status, error ->> 'type' FROM operations
                    WHERE id = ANY($(ft_uuid_array "$file")) AND status = 'FAILED'" >&2
    fi
    (( FT_OPS_NO_TENANT == 0 )) || ft_violation "$label: $FT_OPS_NO_TENANT SUCCEEDED operation(s) without their tenant"
    (( FT_OPS_BAD_EVENTS == 0 )) || ft_violation "$label: $FT_OPS_BAD_EVENTS operation(s) without exactly one TENANT_CREATE_SUCCESS event"
    (( FT_OPS_TWICE == 0 )) || ft_violation "$label: $FT_OPS_TWICE operation(s) created their tenant more than once"
}

ft_check_acknowledged() {
    local acked_sync acked_async found events
    cut -d' ' -f1 "$FT_REC/acked-sync" >"$FT_REC/acked-ids" 2>/dev/null || true
    cut -d' ' -f2 "$FT_REC/acked-async" >>"$FT_REC/acked-ids" 2>/dev/null || true
    acked_sync="$(ft_count_lines "$FT_REC/acked-sync")"
    acked_async="$(ft_count_lines "$FT_REC/acked-async")"
    FT_ACKED=$(( acked_sync + acked_async ))
    (( acked_sync > 0 && acked_async > 0 )) || ft_violation "no synchronous or no asynchronous create was acknowledged"
    found="$(ft_sql -c "SELECT count(*) FROM tenants WHERE id = ANY($(ft_uuid_array "$FT_REC/acked-ids"))")"
    events="$(ft_sql -c "SELECT count(DISTINCT tenant_id) FROM event_log WHERE type = 'TENANT_CREATE_SUCCESS'
                          AND tenant_id = ANY($(ft_uuid_array "$FT_REC/acked-ids"))")"
    printf 'writes acknowledged: %s (%s created with 201, %s operations seen SUCCEEDED); found: %s; with their TENANT_CREATE_SUCCESS event: %s\n' \
        "$FT_ACKED" "$acked_sync" "$acked_async" "$found" "$events"
    (( found == FT_ACKED )) || ft_violation "$(( FT_ACKED - found )) acknowledged create(s) missing from the tenants table"
    (( events == FT_ACKED )) || ft_violation "$(( FT_ACKED - events )) acknowledged create(s) without their TENANT_CREATE_SUCCESS event"
}

# Failed requests by kind, status and source; a violation for anything but a 503 or for a request past its timeout.
ft_check_failures() {
    local expected
    cat "$FT_REC"/tokens.* "$FT_REC/sync" "$FT_REC/async" "$FT_REC/reads" >"$FT_REC/all"
    FT_REQUESTS="$(wc -l <"$FT_REC/all")"
    # token, poll, read: 200; create: 201; submit: 202
    awk '{ ok = ($1 == "create") ? 201 : ($1 == "submit") ? 202 : 200; if ($4 != ok) print }' "$FT_REC/all" >"$FT_REC/failed"
    printf 'requests: %s, of which failed: %s\n' "$FT_REQUESTS" "$(wc -l <"$FT_REC/failed")"
    if [[ -s "$FT_REC/failed" ]]; then
        echo "failed requests by kind, status and source (000 = no answer; the source is curl's exit code then):"
        awk '{ print "  " $1, $4, $5 }' "$FT_REC/failed" | sort | uniq -c | sort -rn
    fi
    expected="$(awk '$4 != 503' "$FT_REC/failed" | wc -l)"
    (( expected == 0 )) || ft_violation "$expected request(s) failed with another status than 503 (see above)"
    awk -v limit=$(( FT_REQUEST_TIMEOUT * 1000 )) '$3 - $2 >= limit' "$FT_REC/all" >"$FT_REC/slow"
    [[ ! -s "$FT_REC/slow" ]] || ft_violation "$(wc -l <"$FT_REC/slow") request(s) ran into the ${FT_REQUEST_TIMEOUT}s timeout"
    awk '{ d = $3 - $2; if (d > max) max = d } END { printf "slowest request: %d ms\n", max }' "$FT_REC/all"
}

# ---------------------------------------------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------------------------------------------

ft_token_rates() {
    local script primary pg_pids before after app_before app_after run target out
    script="$(bench_wrk_post_script token "$FT_TOKEN_BODY")"
    primary="$(ha_primary)"
    for run in warm-up one two; do
        case "$run" in
            one) target="http://$BENCH_HOST:${APP_PORTS[0]}" ;;
            *) target="$HA_APP_URL" ;;
        esac
        pg_pids="$(ha_postmaster_pid "$primary") $(pgrep -P "$(ha_postmaster_pid "$primary")" | paste -sd' ' - || true)"
        # shellcheck disable=SC2086
        before="$(bench_cpu_ticks $pg_pids)"
        app_before="$(bench_cpu_ticks "$(ha_pid app1)" "$(ha_pid app2)")"
        out="$FT_DIR/wrk-$run.txt"
        BENCH_CONNECTIONS=16 bench_wrk "$out" "${FT_RATE_SECONDS}s" -s "$script" "$target/oauth/token"
        # shellcheck disable=SC2086
        after="$(bench_cpu_ticks $pg_pids)"
        app_after="$(bench_cpu_ticks "$(ha_pid app1)" "$(ha_pid app2)")"
        [[ "$run" != warm-up ]] || continue
        read -r FT_RPS _ _ FT_P99 _ FT_NON2XX _ <<<"$(bench_wrk_summary "$out")"
        printf -v "FT_RATE_${run^^}" '%s' "$FT_RPS"
        printf 'tokens/s, %-36s %8s  p99 %-8s non-2xx %-4s PostgreSQL CPU %5.1f s  Landlord CPU (both) %5.1f s  (%s s, 2 cores)\n' \
            "$( [[ $run == one ]] && echo "one instance (direct):" || echo "two instances behind HAProxy:")" \
            "$FT_RPS" "$FT_P99" "$FT_NON2XX" \
            "$(awk -v t=$(( after - before )) -v hz="$(getconf CLK_TCK)" 'BEGIN { print t / hz }')" \
            "$(awk -v t=$(( app_after - app_before )) -v hz="$(getconf CLK_TCK)" 'BEGIN { print t / hz }')" \
            "$FT_RATE_SECONDS"
    done
    awk -v a="$FT_RATE_ONE" -v b="$FT_RATE_TWO" 'BEGIN { if (a > 0) printf "scale-out ratio (two / one): %.2f\n", b / a }'
}

ft_primary_failover() {
    local old old_pid kill_ms promoted_ms="" new="" first_write="" deadline
    old="$(ha_primary)"
    [[ -n "$old" ]] || bench_die "no primary before the failover"
    bench_log "load for ${FT_BEFORE_SECONDS}s before the failover"
    ft_load_start
    sleep "$FT_BEFORE_SECONDS"
    old_pid="$(ha_postmaster_pid "$old")"
    kill_ms="$(ft_now_ms)"
    kill -KILL "$old_pid"
    bench_log "killed the primary's PostgreSQL ($old, postmaster $old_pid) with SIGKILL"
    deadline=$(( kill_ms + 60000 ))
    while [[ -z "$new" || "$new" == "$old" ]]; do
        (( $(ft_now_ms) < deadline )) || { ft_violation "no new primary within 60 s"; break; }
        sleep 0.1
        new="$(ha_primary)"
    done
    promoted_ms="$(ft_now_ms)"
    bench_log "Patroni promoted ${new:-nothing}"
    # Load until writes that started after the kill have succeeded for FT_AFTER_SECONDS.
    deadline=$(( kill_ms + 60000 ))
    while :; do
        first_write="$(cat "$FT_REC/sync" "$FT_REC/async" 2>/dev/null \
            | awk -v k="$kill_ms" '($1 == "create" && $4 == 201 || $1 == "submit" && $4 == 202) && $2 >= k \
                                   && (first == "" || $3 < first) { first = $3 } END { print first }')"
        [[ -z "$first_write" ]] || break
        (( $(ft_now_ms) < deadline )) || { ft_violation "no write succeeded within 60 s of the primary's death"; break; }
        sleep 0.2
    done
    sleep "$FT_AFTER_SECONDS"
    ft_load_stop
    FT_PROMOTION_MS=$(( promoted_ms - kill_ms ))
    FT_FIRST_WRITE_MS=$(( ${first_write:-$kill_ms} - kill_ms ))
    echo
    echo "== primary failover under load =="
    printf 'primary %s killed; %s promoted after %s ms; first successful write (started after the kill) %s ms after the kill\n' \
        "$old" "${new:-none}" "$FT_PROMOTION_MS" "$FT_FIRST_WRITE_MS"
}

ft_instances_ready() {
    local i
    for i in 0 1; do
        ha_wait_until 30 "${HA_APPS[i]} ready again" ha_app_ready "$i"
    done
    echo "both instances ready again"
}

ft_instance_kill() {
    local i body="$FT_DIR/body.kill" record="$FT_REC/kill" survivors="http://$BENCH_HOST:${APP_PORTS[1]}"
    echo
    echo "== one instance killed with operations in hand =="
    for (( i = 1; i <= FT_KILL_OPERATIONS; i++ )); do
        ft_submit "$record" "$body" "http://$BENCH_HOST:${APP_PORTS[0]}" "$FT_RUN-k$i"
        if [[ -n "$FT_OPERATION" ]]; then
            echo "$FT_OPERATION" >>"$FT_REC/kill-ops"
        fi
    done
    kill -KILL "$(ha_pid app1)"
    bench_log "killed ${HA_APPS[0]} with SIGKILL after $(ft_count_lines "$FT_REC/kill-ops") submissions"
    ft_check_operations "$FT_REC/kill-ops" "operations submitted to the killed instance"
    ha_app_ready 1 || ft_violation "${HA_APPS[1]} not ready after the other instance died"
    ft_call "$record" token "$body" -X POST -H 'Content-Type: application/json' --data "$FT_TOKEN_BODY" "$HA_APP_URL/oauth/token"
    [[ "$FT_STATUS" == 200 ]] || ft_violation "no token through HAProxy with one instance left (status $FT_STATUS)"
    printf 'the surviving instance (%s) is ready and HAProxy still issues tokens\n' "$survivors"
}

main() {
    bench_require_root
    trap ft_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if ! command -v jq >/dev/null || ! command -v wrk >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends jq wrk >/dev/null
    fi
    local started
    started="$(ft_now_ms)"
    ha_start
    # shellcheck disable=SC2034 # read by bench/lib.sh's token and wrk helpers
    BENCH_TMP="$FT_DIR" BENCH_CLIENT_ID="$HA_CLIENT_ID" BENCH_CLIENT_SECRET="$HA_CLIENT_SECRET" BENCH_APP_URL="$HA_APP_URL"
    FT_TOKEN_BODY="$(bench_token_body)"
    ft_auth=(-H "Authorization: Bearer $(bench_get_token)")

    echo "== token rate, one instance against two =="
    ft_token_rates
    ft_primary_failover
    ft_check_failures
    ft_check_acknowledged
    ft_check_operations "$FT_REC/submitted" "operations submitted under load"
    ft_instances_ready
    ft_instance_kill

    echo
    printf 'failover test: %s violation(s) in %s s\n' "$FT_VIOLATIONS" $(( ($(ft_now_ms) - started) / 1000 ))
    (( FT_VIOLATIONS == 0 ))
}

main "$@"
