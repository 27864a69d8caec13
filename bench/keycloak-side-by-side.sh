#!/usr/bin/env bash
# Landlord and Keycloak side by side: client_credentials tokens signed with ES256 (P-256) on both, the same wrk
# settings, bursts alternating between the two in one run, plus the raw ES256 signing rate of the same JDK.
#
# Starts a private PostgreSQL 15 and the packaged application (prod mode, an ES256 key), and Keycloak
# (org.keycloak:keycloak-quarkus-dist from Maven Central, fetched once with ./mvnw dependency:copy into
# BENCH_CACHE_DIR) with `kc.sh start-dev` on JDK 25. Through Keycloak's admin REST API it creates a realm whose
# default signature algorithm is ES256, with an `ecdsa-generated` P-256 key provider, and a confidential client
# with service accounts. After a warm-up of each (BENCH_WARMUP), the load goes to one server at a time in bursts of
# BENCH_DURATION: Landlord, Keycloak in odd rounds, Keycloak, Landlord in even ones, BENCH_ROUNDS rounds. Prints
# every burst with the CPU each server spent per token, both mean rates and their ratio; then measures the raw
# signing rate (bench/Es256SignBench.java: SHA256withECDSA over a JWT-sized input on BENCH_SIGN_THREADS threads)
# and prints Landlord's token rate as a share of it.
#
# Usage (as root on Debian 12, with a JDK 25 where .mvn/jdk.sh finds it):
#   ./mvnw -B package -DskipTests && bench/keycloak-side-by-side.sh
#
# Knobs: BENCH_DURATION (15s, one burst), BENCH_WARMUP (20s per server), BENCH_ROUNDS (2), BENCH_CONNECTIONS (16),
# BENCH_THREADS (2), BENCH_SIGN_THREADS (2), BENCH_SIGN_WARMUP (10s), BENCH_SIGN_DURATION (15s),
# BENCH_KEYCLOAK_VERSION (26.5.6), BENCH_KEYCLOAK_ZIP, BENCH_CACHE_DIR (~/.cache/landlord-bench),
# BENCH_KC_READY_TIMEOUT (300), BENCH_JAVA_OPTS, BENCH_OUT_DIR, BENCH_KEEP_TMP. See bench/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DURATION="${BENCH_DURATION:-15s}"
BENCH_WARMUP="${BENCH_WARMUP:-20s}"
BENCH_ROUNDS="${BENCH_ROUNDS:-2}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_SIGN_THREADS="${BENCH_SIGN_THREADS:-2}"
BENCH_SIGN_WARMUP="${BENCH_SIGN_WARMUP:-10s}"
BENCH_SIGN_DURATION="${BENCH_SIGN_DURATION:-15s}"
BENCH_KEYCLOAK_VERSION="${BENCH_KEYCLOAK_VERSION:-26.5.6}"
BENCH_CACHE_DIR="${BENCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/landlord-bench}"
BENCH_KEYCLOAK_ZIP="${BENCH_KEYCLOAK_ZIP:-$BENCH_CACHE_DIR/keycloak-quarkus-dist-$BENCH_KEYCLOAK_VERSION.zip}"
BENCH_KC_READY_TIMEOUT="${BENCH_KC_READY_TIMEOUT:-300}"
# Seconds between bursts, so that what a burst left behind (GC, Landlord's usage counts) is not charged to the next.
SETTLE_SECONDS=2
KC_REALM=bench
KC_CLIENT_ID=bench-client
export BENCH_CONNECTIONS BENCH_THREADS

# Validate knobs before doing any work.
DURATION_S="$(bench_duration_seconds "$BENCH_DURATION")"
bench_duration_seconds "$BENCH_WARMUP" >/dev/null
SIGN_WARMUP_S="$(bench_duration_seconds "$BENCH_SIGN_WARMUP")"
SIGN_DURATION_S="$(bench_duration_seconds "$BENCH_SIGN_DURATION")"
(( DURATION_S > 0 && SIGN_DURATION_S > 0 )) || bench_die "BENCH_DURATION and BENCH_SIGN_DURATION must be > 0"
[[ "$BENCH_ROUNDS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_ROUNDS must be a positive integer"
[[ "$BENCH_CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_CONNECTIONS must be a positive integer"
[[ "$BENCH_THREADS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_THREADS must be a positive integer"
[[ "$BENCH_SIGN_THREADS" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_SIGN_THREADS must be a positive integer"
(( BENCH_THREADS <= BENCH_CONNECTIONS )) || bench_die "BENCH_THREADS must not exceed BENCH_CONNECTIONS"
[[ "$BENCH_KEYCLOAK_VERSION" =~ ^[0-9][0-9A-Za-z.-]*$ ]] || bench_die "BENCH_KEYCLOAK_VERSION looks wrong"
[[ "$BENCH_KC_READY_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_KC_READY_TIMEOUT must be a positive integer"

if [[ ! -f "$BENCH_APP_JAR" ]]; then
    echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
    exit 1
fi

RUN_ID="keycloak-side-by-side-$(date +%Y%m%d-%H%M%S)"
OUT_DIR="${BENCH_OUT_DIR:-$BENCH_DIR/out}/$RUN_ID"
bench_init
mkdir -p "$OUT_DIR"
bench_app_snapshot

KC_PID=""
KC_JAVA_PID=""
KC_LOG="$BENCH_TMP/keycloak.log"

# The Keycloak process tree: kc.sh runs java as a child (and execs it after a re-augmentation), so stop both.
kc_pids() {
    [[ -n "$KC_PID" ]] || return 0
    echo "$KC_PID" "$(pgrep -P "$KC_PID" | tr '\n' ' ' || true)"
}

kc_stop() {
    [[ -n "$KC_PID" ]] || return 0
    local pids pid
    pids="$(kc_pids)"
    bench_log "stopping Keycloak (pids $pids)"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for pid in $pids; do
        if ! bench_wait_pid_exit "$pid" 20; then
            bench_log "Keycloak pid $pid did not stop in 20s, killing"
            kill -KILL "$pid" 2>/dev/null || true
            bench_wait_pid_exit "$pid" 5 || true
        fi
    done
    wait "$KC_PID" 2>/dev/null || true
    KC_PID=""
    KC_JAVA_PID=""
}

save_logs() {
    [[ -n "${BENCH_APP_LOG:-}" && -f "$BENCH_APP_LOG" ]] && cp -f "$BENCH_APP_LOG" "$OUT_DIR/app.log" 2>/dev/null
    [[ -f "$KC_LOG" ]] && cp -f "$KC_LOG" "$OUT_DIR/keycloak.log" 2>/dev/null
    return 0
}
# Hooks run in order: stop Keycloak (so its log is complete), then keep the logs.
BENCH_CLEANUP_HOOKS+=(kc_stop save_logs)

bench_apt_install "jq:jq" "unzip:unzip"
bench_require_java   # sets JAVA_HOME and BENCH_JAVA to the JDK 25 that mvnw uses; Keycloak runs on it too
JAVA_VERSION_LINE="$("$BENCH_JAVA" -version 2>&1 | head -n 1)"

# ---------------------------------------------------------------------------
# Keycloak: fetch, unzip, start
# ---------------------------------------------------------------------------

if [[ ! -s "$BENCH_KEYCLOAK_ZIP" ]]; then
    mkdir -p "$BENCH_CACHE_DIR"
    bench_log "fetching org.keycloak:keycloak-quarkus-dist:$BENCH_KEYCLOAK_VERSION:zip into $BENCH_CACHE_DIR"
    ( cd "$BENCH_REPO_ROOT" && timeout 900 ./mvnw -B -q dependency:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$BENCH_KEYCLOAK_VERSION:zip" \
        -DoutputDirectory="$BENCH_CACHE_DIR" ) || bench_die "could not fetch Keycloak $BENCH_KEYCLOAK_VERSION"
    [[ -s "$BENCH_KEYCLOAK_ZIP" ]] || bench_die "$BENCH_KEYCLOAK_ZIP missing after dependency:copy"
fi
bench_log "unzipping $BENCH_KEYCLOAK_ZIP"
mkdir -p "$BENCH_TMP/kc"
timeout 300 unzip -q "$BENCH_KEYCLOAK_ZIP" -d "$BENCH_TMP/kc" || bench_die "could not unzip $BENCH_KEYCLOAK_ZIP"
KC_HOME="$(find "$BENCH_TMP/kc" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
[[ -x "$KC_HOME/bin/kc.sh" ]] || bench_die "no bin/kc.sh in $BENCH_KEYCLOAK_ZIP"

bench_alloc_port KC_PORT 18180
bench_alloc_port KC_MGMT_PORT 19000
KC_URL="http://$BENCH_HOST:$KC_PORT"
KC_ADMIN_USER=bench-kc-admin
KC_ADMIN_PASSWORD="$(bench_random_alnum 32)"
KC_CLIENT_SECRET="$(bench_random_alnum 48)"

bench_log "starting Keycloak $BENCH_KEYCLOAK_VERSION (kc.sh start-dev) on $KC_URL (log: $KC_LOG)"
KC_START_MS="$(bench_now_ms)"
env JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    "$KC_HOME/bin/kc.sh" start-dev \
        --http-host="$BENCH_HOST" --http-port="$KC_PORT" --http-management-port="$KC_MGMT_PORT" \
    </dev/null >"$KC_LOG" 2>&1 &
KC_PID=$!

# Landlord starts meanwhile (Keycloak's first start builds for a minute on two cores).
bench_pg_start
bench_gen_signing_key
bench_write_environments
bench_app_start
bench_app_wait_ready
bench_log "Landlord ready in ${BENCH_READY_MS} ms"

# Ready when the realm's OpenID discovery document answers (the health checks live on the management interface,
# which start-dev does not open unless health is enabled).
deadline=$(( KC_START_MS + BENCH_KC_READY_TIMEOUT * 1000 ))
while :; do
    if ! kill -0 "$KC_PID" 2>/dev/null; then
        tail -n 60 "$KC_LOG" >&2 || true
        KC_PID=""
        bench_die "Keycloak exited during startup"
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
        "$KC_URL/realms/master/.well-known/openid-configuration" 2>/dev/null || true)"
    [[ "$code" == 200 ]] && break
    if (( $(bench_now_ms) >= deadline )); then
        tail -n 60 "$KC_LOG" >&2 || true
        bench_die "Keycloak not ready after ${BENCH_KC_READY_TIMEOUT}s (last status: ${code:-none})"
    fi
    sleep 0.5
done
KC_READY_MS=$(( $(bench_now_ms) - KC_START_MS ))
# The JVM that serves: kc.sh's java child, or kc.sh itself once it has exec'd java.
for pid in $(kc_pids); do
    [[ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" == */bin/java ]] && KC_JAVA_PID="$pid"
done
[[ -n "$KC_JAVA_PID" ]] || bench_die "cannot find Keycloak's java process under pid $KC_PID"
bench_log "Keycloak ready in ${KC_READY_MS} ms (java pid $KC_JAVA_PID)"
# Everything on loopback: refuse to go on if Keycloak listens anywhere else.
ss -Hltnp 2>/dev/null | grep "pid=$KC_JAVA_PID," >"$OUT_DIR/keycloak-listeners.txt" || true
if awk '{ print $4 }' "$OUT_DIR/keycloak-listeners.txt" | grep -Eqv '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):'; then
    cat "$OUT_DIR/keycloak-listeners.txt" >&2
    bench_die "Keycloak listens on more than $BENCH_HOST"
fi

# ---------------------------------------------------------------------------
# Keycloak realm: ES256 by default from an ecdsa-generated P-256 key, one confidential service-account client
# ---------------------------------------------------------------------------

# kc_admin METHOD PATH [JSON]: an admin REST call with a fresh admin token (the master realm's tokens last 60 s);
# prints the response body, dies on a status other than 2xx.
kc_admin() {
    local method="$1" path="$2" body="${3:-}" token code resp="$BENCH_TMP/kc-admin-response"
    token="$(curl -sf --max-time 20 -d grant_type=password -d client_id=admin-cli \
        --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" \
        "$KC_URL/realms/master/protocol/openid-connect/token" | jq -r .access_token)" \
        || bench_die "could not get a Keycloak admin token"
    local -a data=()
    [[ -z "$body" ]] || data=(-H 'Content-Type: application/json' --data "$body")
    code="$(curl -s -o "$resp" -w '%{http_code}' --max-time 60 -X "$method" \
        -H "Authorization: Bearer $token" "${data[@]}" "$KC_URL/admin$path" || true)"
    [[ "$code" == 2?? ]] || bench_die "Keycloak admin $method $path returned ${code:-no response}: $(head -c 500 "$resp")"
    cat "$resp"
}

bench_log "Keycloak: creating realm '$KC_REALM' (ES256) and client '$KC_CLIENT_ID'"
kc_admin POST /realms "$(jq -n --arg realm "$KC_REALM" \
    '{realm: $realm, enabled: true, defaultSignatureAlgorithm: "ES256"}')" >/dev/null
KC_REALM_ID="$(kc_admin GET "/realms/$KC_REALM" | jq -r .id)"
kc_admin POST "/realms/$KC_REALM/components" "$(jq -n --arg parent "$KC_REALM_ID" '{
    name: "bench-es256", providerId: "ecdsa-generated", providerType: "org.keycloak.keys.KeyProvider",
    parentId: $parent,
    config: {priority: ["200"], enabled: ["true"], active: ["true"], ecdsaEllipticCurveKey: ["P-256"]}}')" >/dev/null
kc_admin POST "/realms/$KC_REALM/clients" "$(jq -n --arg id "$KC_CLIENT_ID" --arg secret "$KC_CLIENT_SECRET" '{
    clientId: $id, enabled: true, protocol: "openid-connect", publicClient: false,
    clientAuthenticatorType: "client-secret", secret: $secret, serviceAccountsEnabled: true,
    standardFlowEnabled: false, implicitFlowEnabled: false, directAccessGrantsEnabled: false}')" >/dev/null
kc_admin GET "/realms/$KC_REALM/keys" >"$OUT_DIR/keycloak-realm-keys.json"
KC_TOKEN_URL="$KC_URL/realms/$KC_REALM/protocol/openid-connect/token"
KC_TOKEN_BODY="grant_type=client_credentials&client_id=$KC_CLIENT_ID&client_secret=$KC_CLIENT_SECRET"

# b64url_first_part STRING: the first dot-separated part of STRING, base64url-decoded (of a JWT: its JOSE header).
b64url_first_part() {
    local h="${1%%.*}"
    h="$(printf '%s' "$h" | tr '_-' '/+')"
    while (( ${#h} % 4 )); do h+="="; done
    printf '%s' "$h" | base64 -d
}

# check_token NAME URL CONTENT_TYPE BODY: one token request must answer 200 with an ES256-signed access token;
# prints the header.
check_token() {
    local name="$1" url="$2" type="$3" body="$4" code token header resp="$BENCH_TMP/$1-token.json"
    code="$(curl -s -o "$resp" -w '%{http_code}' --max-time 20 -X POST -H "Content-Type: $type" \
        -H 'Accept: application/json' --data "$body" "$url" || true)"
    [[ "$code" == 200 ]] || bench_die "$name token request returned ${code:-no response}: $(head -c 500 "$resp")"
    token="$(jq -r .access_token "$resp")"
    header="$(b64url_first_part "$token")"
    [[ "$(jq -r .alg <<<"$header")" == ES256 ]] || bench_die "$name token is not ES256: $header"
    bench_log "$name token: header $header, ${#token} characters"
    # what each signs, for the record: the decoded claims, and the signing input (header.claims, base64url)
    b64url_first_part "${token#*.}" | jq . >"$OUT_DIR/$name-token-claims.json" 2>/dev/null || true
    printf '%s' "${token%.*}" >"$OUT_DIR/$name-signing-input.txt"
    printf '%s\t%s\t%s\n' "$name" "$header" "${#token}" >>"$OUT_DIR/tokens.tsv"
}
: >"$OUT_DIR/tokens.tsv"
check_token Landlord "$BENCH_APP_URL/oauth/token" application/json "$(bench_token_body)"
check_token Keycloak "$KC_TOKEN_URL" application/x-www-form-urlencoded "$KC_TOKEN_BODY"
KC_KID="$(b64url_first_part "$(jq -r .access_token "$BENCH_TMP/Keycloak-token.json")" | jq -r .kid)"
jq -e --arg kid "$KC_KID" '.keys[] | select(.kid == $kid and .algorithm == "ES256" and .providerId != null)' \
    "$OUT_DIR/keycloak-realm-keys.json" >/dev/null \
    || bench_die "Keycloak signed with kid $KC_KID, which is not the realm's ES256 key"

# ---------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------

LANDLORD_SCRIPT="$(bench_wrk_post_script landlord-token "$(bench_token_body)")"
KEYCLOAK_SCRIPT="$BENCH_TMP/keycloak-token.lua"
cat >"$KEYCLOAK_SCRIPT" <<EOF
wrk.method = "POST"
wrk.body = "$KC_TOKEN_BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
EOF

declare -A SERVER_PID SERVER_SCRIPT SERVER_URL
SERVER_PID[landlord]="$BENCH_APP_PID"
SERVER_SCRIPT[landlord]="$LANDLORD_SCRIPT"
SERVER_URL[landlord]="$BENCH_APP_URL/oauth/token"
SERVER_PID[keycloak]="$KC_JAVA_PID"
SERVER_SCRIPT[keycloak]="$KEYCLOAK_SCRIPT"
SERVER_URL[keycloak]="$KC_TOKEN_URL"

# burst SERVER ROUND: one measured burst and the pause after it, as one line of summary.tsv with the CPU the
# server's JVM and PostgreSQL spent per token (microseconds; PostgreSQL serves only Landlord, Keycloak's dev-mode
# H2 database runs in its JVM).
# shellcheck disable=SC2046  # bench_pg_pids is a list of pids
burst() {
    local server="$1" round="$2" out="$OUT_DIR/$1-$2.txt" jvm0 pg0 jvm1 pg1 requests
    jvm0="$(bench_cpu_ticks "${SERVER_PID[$server]}")"
    pg0="$(bench_cpu_ticks $(bench_pg_pids))"
    bench_wrk "$out" "$BENCH_DURATION" -s "${SERVER_SCRIPT[$server]}" "${SERVER_URL[$server]}"
    sleep "$SETTLE_SECONDS"
    jvm1="$(bench_cpu_ticks "${SERVER_PID[$server]}")"
    pg1="$(bench_cpu_ticks $(bench_pg_pids))"
    requests="$(awk '/ requests in / { print $1 }' "$out")"
    printf '%s\t%s\t%s\t%s\n' "$server" "$round" "$(bench_wrk_summary "$out")" \
        "$(awk -v jvm=$(( jvm1 - jvm0 )) -v pg=$(( pg1 - pg0 )) -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { if (n > 0) printf "%.0f\t%.0f", jvm * 1e6 / hz / n, pg * 1e6 / hz / n; else printf "?\t?" }')" \
        >>"$OUT_DIR/summary.tsv"
    bench_log "$(tail -n 1 "$OUT_DIR/summary.tsv" | awk -F'\t' '{ printf "%s round %s: %s tokens/s, p50 %s, p99 %s, non-2xx %s, socket errors %s", $1, $2, $3, $4, $6, $8, $9 }')"
}

: >"$OUT_DIR/summary.tsv"
: >"$OUT_DIR/warmup.tsv"
for server in landlord keycloak; do
    bench_log "$server: warm-up $BENCH_WARMUP"
    bench_wrk "$OUT_DIR/$server.warmup.txt" "$BENCH_WARMUP" -s "${SERVER_SCRIPT[$server]}" "${SERVER_URL[$server]}"
    printf '%s\t%s\n' "$server" "$(bench_wrk_summary "$OUT_DIR/$server.warmup.txt")" >>"$OUT_DIR/warmup.tsv"
    sleep "$SETTLE_SECONDS"
done
for (( round = 1; round <= BENCH_ROUNDS; round++ )); do
    # Landlord first in odd rounds, Keycloak first in even ones: neither always goes first
    order="landlord keycloak"
    (( round % 2 == 0 )) && order="keycloak landlord"
    for server in $order; do
        bench_log "round $round: $server, $BENCH_DURATION, -t$BENCH_THREADS -c$BENCH_CONNECTIONS"
        burst "$server" "$round"
    done
done
KC_RSS="$(bench_rss_human "$KC_JAVA_PID")"
APP_RSS="$(bench_rss_human "$BENCH_APP_PID")"

# Keycloak is done: stop it so that it is not running during the signing measurement.
save_logs
kc_stop

# ---------------------------------------------------------------------------
# Raw ES256 signing rate of the same JDK
# ---------------------------------------------------------------------------

bench_log "raw ES256 signing: $BENCH_SIGN_THREADS threads, warm-up ${SIGN_WARMUP_S}s, ${SIGN_DURATION_S}s"
timeout --kill-after=10 $(( SIGN_WARMUP_S + SIGN_DURATION_S + 120 )) \
    "$BENCH_JAVA" "$BENCH_DIR/Es256SignBench.java" "$BENCH_SIGN_THREADS" "$SIGN_WARMUP_S" "$SIGN_DURATION_S" \
        "$OUT_DIR/Landlord-signing-input.txt" \
    </dev/null >"$OUT_DIR/sign.tsv" 2>"$OUT_DIR/sign.txt" &
SIGN_PID=$!
rc=0
wait "$SIGN_PID" || rc=$?
(( rc == 0 )) || { cat "$OUT_DIR/sign.txt" >&2; bench_die "Es256SignBench failed (exit $rc)"; }
SIGN_RATE="$(tail -n 1 "$OUT_DIR/sign.tsv" | cut -f4)"
[[ "$SIGN_RATE" =~ ^[0-9.]+$ ]] || bench_die "Es256SignBench printed no rate"

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

# Runs with failed requests: non-2xx/3xx or socket errors in a burst (columns 8, 9) or a warm-up (columns 7, 8).
INVALID=$(( $(awk -F'\t' '$8 != 0 || $9 != 0 { n++ } END { print n + 0 }' "$OUT_DIR/summary.tsv") \
    + $(awk -F'\t' '$7 != 0 || $8 != 0 { n++ } END { print n + 0 }' "$OUT_DIR/warmup.tsv") ))
{
    echo
    echo "Landlord and Keycloak side by side, client_credentials tokens signed with ES256  ($RUN_ID)"
    echo "  java:      $JAVA_VERSION_LINE ($JAVA_HOME), cpus: $(nproc)"
    echo "  Landlord:  $BENCH_APP_JAR, prod mode, PostgreSQL $BENCH_PG_VERSION; ready in ${BENCH_READY_MS} ms; RSS after load $APP_RSS"
    echo "  Keycloak:  $BENCH_KEYCLOAK_VERSION, kc.sh start-dev (dev-file H2), realm '$KC_REALM' (defaultSignatureAlgorithm ES256,"
    echo "             ecdsa-generated P-256 key, priority 200), client '$KC_CLIENT_ID' (confidential, service account);"
    echo "             ready in ${KC_READY_MS} ms; RSS after load $KC_RSS"
    echo "  heap:      Landlord ${BENCH_JAVA_OPTS:-JVM defaults}; Keycloak ${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m (kc.sh default)}"
    echo "  wrk:       -t$BENCH_THREADS -c$BENCH_CONNECTIONS, warm-up $BENCH_WARMUP per server, then $BENCH_ROUNDS rounds of one $BENCH_DURATION burst each,"
    echo "             Landlord-Keycloak in odd rounds, Keycloak-Landlord in even ones, one server under load at a time"
    echo
    awk -F'\t' '
        BEGIN { fmt = "%-9s %5s %10s %9s %9s %9s %9s %12s %13s %11s %10s\n"
                printf fmt, "server", "round", "tokens/s", "p50", "p90", "p99", "requests", "non-2xx/3xx", "socket-errors", "JVM us/tok", "PG us/tok" }
        { printf fmt, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ($1 == "landlord" ? $11 : "-") }
    ' "$OUT_DIR/summary.tsv"
    echo
    awk -F'\t' -v sign="$SIGN_RATE" -v sign_threads="$BENCH_SIGN_THREADS" '
        # wrk latency ("812.00us", "3.25ms", "1.02s", "1.50m") in milliseconds
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v + 0
        }
        { n[$1]++; rate[$1] += $3; p50[$1] += ms($4); p99[$1] += ms($6); jvm[$1] += $10; pg[$1] += $11 }
        END {
            for (s in n) { rate[s] /= n[s]; p50[s] /= n[s]; p99[s] /= n[s]; jvm[s] /= n[s]; pg[s] /= n[s] }
            printf "Landlord  %8.0f tokens/s  p50 %6.2f ms  p99 %6.2f ms  CPU per token %4.0f us (JVM) + %3.0f us (PostgreSQL)\n",
                rate["landlord"], p50["landlord"], p99["landlord"], jvm["landlord"], pg["landlord"]
            printf "Keycloak  %8.0f tokens/s  p50 %6.2f ms  p99 %6.2f ms  CPU per token %4.0f us (JVM, H2 included)\n",
                rate["keycloak"], p50["keycloak"], p99["keycloak"], jvm["keycloak"]
            printf "  (means over the %d bursts of each)\n", n["landlord"]
            printf "Landlord / Keycloak:        %.2fx   (target >= 7x)\n", rate["landlord"] / rate["keycloak"]
            printf "Raw ES256 signing (%d threads, SHA256withECDSA, same JDK): %.0f signatures/s\n", sign_threads, sign
            printf "Landlord / raw signing:     %.1f %%   (target >= 55 %%)\n", 100 * rate["landlord"] / sign
        }
    ' "$OUT_DIR/summary.tsv"
    echo "  signing input: $(wc -c <"$OUT_DIR/Landlord-signing-input.txt") bytes, a Landlord token's header.claims; $(sed -n 's/^measured: //p' "$OUT_DIR/sign.txt")"
    echo "ERROR lines in the logs: Landlord $(grep -c ' ERROR ' "$OUT_DIR/app.log" || true)," \
        "Keycloak $(grep -c ' ERROR ' "$OUT_DIR/keycloak.log" || true)" \
        "($(grep -Ec ' ERROR .*(ClosedChannelException|HttpClosedException)' "$OUT_DIR/keycloak.log" || true) of them" \
        "a connection closed while the request body was read: wrk closing its connections at the end of a run)"
    if (( INVALID > 0 )); then
        echo
        echo "INVALID: $INVALID wrk run(s) had non-2xx/3xx responses or socket errors (see the table, warmup.tsv and the logs)"
    fi
    echo
    echo "raw wrk output, logs, tokens.tsv, keycloak-realm-keys.json, sign.txt: $OUT_DIR"
} | tee "$OUT_DIR/summary.txt"
(( INVALID == 0 )) || exit 1
