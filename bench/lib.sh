#!/usr/bin/env bash
# Shared helpers for the Landlord benchmarks.
#
# Source this file from a benchmark script (which must itself use
# `set -euo pipefail`):
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   bench_init                   # temp dir + cleanup trap
#   bench_apt_install            # wrk, postgresql, openssl, curl if missing
#   bench_pg_start               # private PostgreSQL 15 on 127.0.0.1
#   bench_gen_signing_key        # ES256 key (PKCS#8 PEM)
#   bench_write_environments     # environments JSON
#   bench_app_snapshot           # copy target/quarkus-app to the temp dir (optional)
#   bench_app_start              # java -jar <copy>/quarkus-run.jar
#   bench_app_wait_ready         # polls /q/health/ready, sets BENCH_READY_MS
#   token=$(bench_get_token)
#
# Everything listens on loopback only, every wait loop has a deadline, and the
# EXIT trap installed by bench_init stops the app and PostgreSQL and removes
# the temp dir.

# Variables set here are read by the sourcing scripts.
# shellcheck disable=SC2034

if [[ -n "${BENCH_LIB_LOADED:-}" ]]; then
    return 0
fi
BENCH_LIB_LOADED=1

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_APP_JAR="${BENCH_APP_JAR:-$BENCH_REPO_ROOT/target/quarkus-app/quarkus-run.jar}"

BENCH_PG_VERSION="${BENCH_PG_VERSION:-15}"
BENCH_PG_BIN="/usr/lib/postgresql/$BENCH_PG_VERSION/bin"
BENCH_HOST=127.0.0.1

BENCH_TMP=""
BENCH_APP_PID=""
BENCH_APP_RUN_JAR=""
BENCH_WRK_PID=""
BENCH_PG_STARTED=""
BENCH_APT_UPDATED=""
BENCH_USED_PORTS=()
# Scripts may append function names here; they run first during cleanup.
BENCH_CLEANUP_HOOKS=()

# ---------------------------------------------------------------------------
# Logging and small utilities
# ---------------------------------------------------------------------------

bench_log() {
    printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

bench_die() {
    bench_log "ERROR: $*"
    exit 1
}

# Milliseconds since the epoch.
bench_now_ms() {
    date +%s%3N
}

# Random alphanumeric string of the given length (default 32).
bench_random_alnum() {
    local len="${1:-32}" s=""
    while (( ${#s} < len )); do
        s+="$(openssl rand -base64 96 | tr -d '\n/+=')"
    done
    printf '%s' "${s:0:len}"
}

bench_uuid() {
    cat /proc/sys/kernel/random/uuid
}

# Convert a wrk-style duration (20, 20s, 2m, 1h) to whole seconds.
bench_duration_seconds() {
    local d="$1"
    case "$d" in
        *[0-9]s) echo "${d%s}" ;;
        *[0-9]m) echo $(( ${d%m} * 60 )) ;;
        *[0-9]h) echo $(( ${d%h} * 3600 )) ;;
        *[0-9]) echo "$d" ;;
        *) bench_die "cannot parse duration '$d' (use e.g. 20s, 2m)" ;;
    esac
}

# Resident set size of a process in KiB (empty if the process is gone).
bench_rss_kb() {
    local pid="$1"
    awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true
}

# Human-readable RSS of a process: "123.4 MiB".
bench_rss_human() {
    local kb
    kb="$(bench_rss_kb "$1")"
    if [[ -z "$kb" ]]; then
        echo "n/a"
    else
        awk -v kb="$kb" 'BEGIN { printf "%.1f MiB", kb / 1024 }'
    fi
}

# ---------------------------------------------------------------------------
# Setup / teardown
# ---------------------------------------------------------------------------

bench_require_root() {
    [[ "$(id -u)" -eq 0 ]] || bench_die "run as root (needed for apt-get and runuser)"
}

# Create the temp dir and install the cleanup trap. Call once, early.
bench_init() {
    bench_require_root
    BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/landlord-bench.XXXXXX")"
    # The postgres user must be able to traverse into it.
    chmod 0755 "$BENCH_TMP"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    bench_log "temp dir: $BENCH_TMP"
}

bench_cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    local hook
    bench_wrk_stop
    for hook in "${BENCH_CLEANUP_HOOKS[@]}"; do
        "$hook"
    done
    bench_app_stop
    bench_pg_stop
    if [[ -n "$BENCH_TMP" && -d "$BENCH_TMP" ]]; then
        if [[ -n "${BENCH_KEEP_TMP:-}" ]]; then
            bench_log "keeping temp dir $BENCH_TMP (BENCH_KEEP_TMP set)"
        else
            rm -rf -- "$BENCH_TMP"
        fi
    fi
    exit "$rc"
}

# Install missing tools with apt-get (apt-get update runs at most once).
# Arguments: optional extra "command:package" pairs.
bench_apt_install() {
    local -a wanted=(
        "wrk:wrk"
        "openssl:openssl"
        "curl:curl"
        "$BENCH_PG_BIN/initdb:postgresql"
        "$BENCH_PG_BIN/psql:postgresql-client"
        "runuser:util-linux"
        "$@"
    )
    local -a missing=()
    local pair cmd pkg
    for pair in "${wanted[@]}"; do
        cmd="${pair%%:*}"
        pkg="${pair#*:}"
        if [[ "$cmd" == /* ]]; then
            [[ -x "$cmd" ]] && continue
        else
            command -v "$cmd" >/dev/null 2>&1 && continue
        fi
        [[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
    done
    if (( ${#missing[@]} == 0 )); then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || bench_die "missing ${missing[*]} and no apt-get"
    bench_require_root
    if [[ -z "$BENCH_APT_UPDATED" ]]; then
        bench_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        BENCH_APT_UPDATED=1
    fi
    bench_log "apt-get install -y ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >/dev/null
    [[ -x "$BENCH_PG_BIN/initdb" ]] || bench_die "$BENCH_PG_BIN/initdb still missing after install"
}

bench_require_java() {
    [[ -z "${BENCH_JAVA_CHECKED:-}" ]] || return 0
    command -v java >/dev/null 2>&1 || bench_die "java not found on PATH (JDK 17+ required)"
    local v
    v="$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
    local major="${v%%.*}"
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 17 )); then
        bench_die "java $v found, 17+ required"
    fi
    bench_log "java $v"
    BENCH_JAVA_CHECKED=1
}

# ---------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------

# True if something accepts TCP connections on 127.0.0.1:$1.
bench_port_in_use() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$BENCH_HOST/$1" >/dev/null 2>&1
}

# Print the first free loopback port at or above $1 (default 55432) that this
# script has not already handed out. Gives up after 200 candidates.
bench_free_port() {
    local port="${1:-55432}" last
    last=$(( port + 200 ))
    while (( port < last && port < 65536 )); do
        if [[ " ${BENCH_USED_PORTS[*]} " != *" $port "* ]] && ! bench_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
        port=$(( port + 1 ))
    done
    bench_die "no free port found in [$1, $last)"
}

# Same as bench_free_port but remembers the port so it is not handed out
# again (call it directly, not in $(...), so the bookkeeping survives):
#   bench_alloc_port VAR 55432
bench_alloc_port() {
    local __var="$1" __p
    __p="$(bench_free_port "${2:-55432}")"
    BENCH_USED_PORTS+=("$__p")
    printf -v "$__var" '%s' "$__p"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# Run a command as the postgres OS user from a directory it can read.
bench_as_postgres() {
    (cd / && runuser -u postgres -- "$@")
}

# Start a throw-away PostgreSQL cluster on a free loopback port and create
# role/database `landlord`. Sets BENCH_PG_PORT, BENCH_PG_PASSWORD,
# BENCH_PG_DATA, BENCH_PG_SOCKET_DIR.
bench_pg_start() {
    [[ -n "$BENCH_TMP" ]] || bench_die "bench_init not called"
    [[ -x "$BENCH_PG_BIN/initdb" ]] || bench_die "PostgreSQL $BENCH_PG_VERSION not installed ($BENCH_PG_BIN)"
    id postgres >/dev/null 2>&1 || bench_die "OS user 'postgres' missing (install the postgresql package)"

    local base="$BENCH_TMP/pg"
    BENCH_PG_DATA="$base/data"
    BENCH_PG_SOCKET_DIR="$base/run"
    mkdir -p "$BENCH_PG_DATA" "$BENCH_PG_SOCKET_DIR"
    chown -R postgres:postgres "$base"
    chmod 0700 "$BENCH_PG_DATA"

    bench_alloc_port BENCH_PG_PORT "${BENCH_PG_PORT_BASE:-55432}"
    BENCH_PG_PASSWORD="$(bench_random_alnum 32)"

    bench_log "initdb $BENCH_PG_DATA"
    bench_as_postgres timeout 120 "$BENCH_PG_BIN/initdb" \
        -D "$BENCH_PG_DATA" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 \
        >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; bench_die "initdb failed"; }

    cat >>"$BENCH_PG_DATA/postgresql.conf" <<EOF

# --- landlord bench ---
listen_addresses = '$BENCH_HOST'
port = $BENCH_PG_PORT
unix_socket_directories = '$BENCH_PG_SOCKET_DIR'
max_connections = ${BENCH_PG_MAX_CONNECTIONS:-200}
shared_buffers = ${BENCH_PG_SHARED_BUFFERS:-128MB}
EOF

    bench_log "starting PostgreSQL $BENCH_PG_VERSION on $BENCH_HOST:$BENCH_PG_PORT"
    BENCH_PG_STARTED=1
    bench_as_postgres timeout 90 "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" \
        -l "$base/postgresql.log" -w -t 60 start >/dev/null \
        || { tail -n 50 "$base/postgresql.log" >&2 || true; bench_die "pg_ctl start failed"; }

    bench_psql -c "CREATE ROLE landlord LOGIN PASSWORD '$BENCH_PG_PASSWORD'" >/dev/null
    bench_psql -c "CREATE DATABASE landlord OWNER landlord" >/dev/null
    bench_log "PostgreSQL ready (db=landlord user=landlord)"
}

# psql as superuser over the private unix socket.
# Each call is bounded by BENCH_PSQL_TIMEOUT seconds (default 60).
bench_psql() {
    bench_as_postgres timeout "${BENCH_PSQL_TIMEOUT:-60}" "$BENCH_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$BENCH_PG_SOCKET_DIR" -p "$BENCH_PG_PORT" -U postgres -d "${BENCH_PSQL_DB:-postgres}" "$@"
}

bench_pg_stop() {
    [[ -n "$BENCH_PG_STARTED" ]] || return 0
    BENCH_PG_STARTED=""
    if [[ -f "$BENCH_PG_DATA/postmaster.pid" ]]; then
        bench_log "stopping PostgreSQL"
        if ! bench_as_postgres timeout 40 "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" \
                -m fast -w -t 30 stop >/dev/null 2>&1; then
            local pid
            pid="$(head -n 1 "$BENCH_PG_DATA/postmaster.pid" 2>/dev/null || true)"
            if [[ "$pid" =~ ^[0-9]+$ ]]; then
                bench_log "pg_ctl stop failed, sending SIGQUIT to postmaster $pid"
                kill -QUIT "$pid" 2>/dev/null || true
                bench_wait_pid_exit "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
}

# ---------------------------------------------------------------------------
# Keys and configuration files
# ---------------------------------------------------------------------------

# ES256 (P-256) private key, PKCS#8 PEM. Sets BENCH_SIGNING_KEY_FILE.
bench_gen_signing_key() {
    BENCH_SIGNING_KEY_FILE="$BENCH_TMP/signing-key.pem"
    ( umask 077 && openssl genpkey -algorithm EC \
        -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve \
        -out "$BENCH_SIGNING_KEY_FILE" 2>/dev/null ) \
        || bench_die "openssl genpkey failed"
    grep -q -- '-----BEGIN PRIVATE KEY-----' "$BENCH_SIGNING_KEY_FILE" \
        || bench_die "signing key is not PKCS#8 PEM"
}

# One public environment. Sets BENCH_ENVIRONMENTS_FILE.
bench_write_environments() {
    BENCH_ENVIRONMENTS_FILE="$BENCH_TMP/environments.json"
    BENCH_ENVIRONMENT_ID="$(bench_uuid)"
    BENCH_REGION_ID="$(bench_uuid)"
    cat >"$BENCH_ENVIRONMENTS_FILE" <<EOF
[
  {
    "id": "$BENCH_ENVIRONMENT_ID",
    "name": "Bench Public",
    "domain": "bench.landlord.test",
    "deploymentModel": "public",
    "authorizationServerDomain": "auth.bench.landlord.test",
    "region": {
      "id": "$BENCH_REGION_ID",
      "name": "bench01",
      "displayName": "Bench"
    }
  }
]
EOF
}

# ---------------------------------------------------------------------------
# Application
# ---------------------------------------------------------------------------

# Copy the packaged application (the directory holding BENCH_APP_JAR, i.e.
# target/quarkus-app) into the temp dir, so that a rebuild of target/ while
# the benchmark runs cannot pull jars from under the running JVM. Sets
# BENCH_APP_RUN_JAR to the jar to start. Runs at most once; bench_app_start
# calls it if the script has not. BENCH_APP_COPY=0 runs the jar in place.
bench_app_snapshot() {
    [[ -z "${BENCH_APP_RUN_JAR:-}" ]] || return 0
    [[ -n "$BENCH_TMP" ]] || bench_die "bench_init not called"
    if [[ ! -f "$BENCH_APP_JAR" ]]; then
        echo "$BENCH_APP_JAR not found: run ./mvnw -B package -DskipTests first" >&2
        exit 1
    fi
    if [[ "${BENCH_APP_COPY:-1}" == "0" ]]; then
        BENCH_APP_RUN_JAR="$BENCH_APP_JAR"
        return 0
    fi
    local src dest jar
    src="$(cd "$(dirname "$BENCH_APP_JAR")" && pwd)"
    jar="$(basename "$BENCH_APP_JAR")"
    dest="$BENCH_TMP/app"
    rm -rf -- "$dest"
    cp -a -- "$src" "$dest" || bench_die "could not copy $src to $dest (rebuilt meanwhile? try again)"
    [[ -f "$dest/$jar" ]] || bench_die "$dest/$jar missing after copy (rebuilt meanwhile? try again)"
    if [[ -d "$src/lib" && ! -d "$dest/lib" ]]; then
        bench_die "$dest/lib missing after copy (rebuilt meanwhile? try again)"
    fi
    BENCH_APP_RUN_JAR="$dest/$jar"
    bench_log "copied $src to $dest ($(du -sh "$dest" 2>/dev/null | cut -f1))"
}

# Start the packaged app in prod mode. Needs bench_pg_start,
# bench_gen_signing_key and bench_write_environments first.
# Sets BENCH_APP_PORT, BENCH_APP_URL, BENCH_APP_PID, BENCH_APP_LOG,
# BENCH_CLIENT_ID, BENCH_CLIENT_SECRET, BENCH_APP_START_MS.
# Extra JVM options: BENCH_JAVA_OPTS (word-split).
bench_app_start() {
    bench_app_snapshot
    bench_require_java

    bench_alloc_port BENCH_APP_PORT "${BENCH_APP_PORT_BASE:-18080}"
    BENCH_APP_URL="http://$BENCH_HOST:$BENCH_APP_PORT"
    BENCH_APP_LOG="$BENCH_TMP/app.log"
    BENCH_CLIENT_ID="${BENCH_CLIENT_ID:-bench-admin}"
    BENCH_CLIENT_SECRET="$(bench_random_alnum 48)"
    local encryption_key
    encryption_key="$(openssl rand -base64 32)"

    local -a java_opts=()
    if [[ -n "${BENCH_JAVA_OPTS:-}" ]]; then
        read -r -a java_opts <<<"$BENCH_JAVA_OPTS"
    fi

    bench_log "starting $BENCH_APP_RUN_JAR on $BENCH_APP_URL (log: $BENCH_APP_LOG)"
    BENCH_APP_START_MS="$(bench_now_ms)"
    env \
        QUARKUS_PROFILE=prod \
        QUARKUS_HTTP_HOST="$BENCH_HOST" \
        QUARKUS_HTTP_PORT="$BENCH_APP_PORT" \
        LANDLORD_DB_HOST="$BENCH_HOST" \
        LANDLORD_DB_PORT="$BENCH_PG_PORT" \
        LANDLORD_DB_NAME=landlord \
        LANDLORD_DB_USER=landlord \
        LANDLORD_DB_PASSWORD="$BENCH_PG_PASSWORD" \
        LANDLORD_BOOTSTRAP_CLIENT_ID="$BENCH_CLIENT_ID" \
        LANDLORD_BOOTSTRAP_CLIENT_SECRET="$BENCH_CLIENT_SECRET" \
        LANDLORD_ISSUER="$BENCH_APP_URL" \
        LANDLORD_SIGNING_KEYS_FILE="$BENCH_SIGNING_KEY_FILE" \
        LANDLORD_ENCRYPTION_KEY="$encryption_key" \
        LANDLORD_ENVIRONMENTS_FILE="$BENCH_ENVIRONMENTS_FILE" \
        java "${java_opts[@]}" -jar "$BENCH_APP_RUN_JAR" \
        </dev/null >"$BENCH_APP_LOG" 2>&1 &
    BENCH_APP_PID=$!
}

# Poll GET /q/health/ready until HTTP 200 (deadline BENCH_READY_TIMEOUT
# seconds, default 60). Sets BENCH_READY_MS (ms since bench_app_start).
bench_app_wait_ready() {
    local timeout_s="${BENCH_READY_TIMEOUT:-60}"
    local deadline=$(( BENCH_APP_START_MS + timeout_s * 1000 ))
    local code
    while :; do
        if ! kill -0 "$BENCH_APP_PID" 2>/dev/null; then
            bench_log "application exited during startup; last log lines:"
            tail -n 60 "$BENCH_APP_LOG" >&2 || true
            BENCH_APP_PID=""
            bench_die "application failed to start"
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "$BENCH_APP_URL/q/health/ready" 2>/dev/null || true)"
        if [[ "$code" == "200" ]]; then
            BENCH_READY_MS=$(( $(bench_now_ms) - BENCH_APP_START_MS ))
            return 0
        fi
        if (( $(bench_now_ms) >= deadline )); then
            bench_log "not ready after ${timeout_s}s (last status: ${code:-none}); last log lines:"
            tail -n 60 "$BENCH_APP_LOG" >&2 || true
            bench_die "application not ready in time"
        fi
        sleep 0.05
    done
}

# Quarkus' own "started in X.XXXs" figure from the log, if present.
bench_app_quarkus_startup() {
    grep -o 'started in [0-9.]*s' "$BENCH_APP_LOG" 2>/dev/null | head -n 1 | awk '{print $3}' || true
}

# Wait up to $2 seconds for PID $1 to exit; non-zero if still running.
bench_wait_pid_exit() {
    local pid="$1" secs="$2" i
    for (( i = 0; i < secs * 10; i++ )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    ! kill -0 "$pid" 2>/dev/null
}

bench_app_stop() {
    [[ -n "$BENCH_APP_PID" ]] || return 0
    local pid="$BENCH_APP_PID"
    BENCH_APP_PID=""
    kill -0 "$pid" 2>/dev/null || return 0
    bench_log "stopping application (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! bench_wait_pid_exit "$pid" 20; then
        bench_log "application did not stop in 20s, killing"
        kill -KILL "$pid" 2>/dev/null || true
        bench_wait_pid_exit "$pid" 5 || true
    fi
    wait "$pid" 2>/dev/null || true
}

# JSON body for the client_credentials grant.
bench_token_body() {
    printf '{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s"}' \
        "$BENCH_CLIENT_ID" "$BENCH_CLIENT_SECRET"
}

# Print an access token obtained with the bootstrap client.
bench_get_token() {
    local resp_file="$BENCH_TMP/token-response.json" code token
    code="$(curl -s -o "$resp_file" -w '%{http_code}' --max-time 10 \
        -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' \
        --data "$(bench_token_body)" "$BENCH_APP_URL/oauth/token" || true)"
    if [[ "$code" != "200" ]]; then
        bench_log "POST /oauth/token returned ${code:-no response}: $(head -c 500 "$resp_file" 2>/dev/null)"
        return 1
    fi
    token="$(tr -d '\n' <"$resp_file" \
        | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
    if [[ -z "$token" ]]; then
        bench_log "no access_token in response: $(head -c 500 "$resp_file")"
        return 1
    fi
    printf '%s' "$token"
}

# ---------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------

# Write a wrk Lua script that sends POST $1 (JSON body) and print its path.
bench_wrk_post_script() {
    local name="$1" body="$2"
    local file="$BENCH_TMP/$name.lua"
    [[ "$body" != *']==]'* ]] || bench_die "body contains ]==]"
    cat >"$file" <<EOF
wrk.method = "POST"
wrk.body = [==[$body]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
EOF
    printf '%s' "$file"
}

# bench_wrk OUTFILE DURATION [wrk args...] URL
# Runs wrk with BENCH_THREADS / BENCH_CONNECTIONS and --latency, bounded by
# `timeout`, writing its output to OUTFILE.
bench_wrk() {
    local out="$1" dur="$2"
    shift 2
    local secs
    secs="$(bench_duration_seconds "$dur")"
    # Run in the background and `wait`, so that INT/TERM reach our trap at
    # once instead of after wrk finishes; bench_cleanup stops it.
    timeout --kill-after=10 $(( secs + 60 )) \
        wrk -t "${BENCH_THREADS:-2}" -c "${BENCH_CONNECTIONS:-32}" -d "$dur" \
        --timeout "${BENCH_WRK_TIMEOUT:-5s}" --latency "$@" </dev/null >"$out" 2>&1 &
    BENCH_WRK_PID=$!
    local rc=0
    wait "$BENCH_WRK_PID" || rc=$?
    BENCH_WRK_PID=""
    if (( rc != 0 )); then
        cat "$out" >&2
        bench_die "wrk failed (exit $rc)"
    fi
}

bench_wrk_stop() {
    [[ -n "${BENCH_WRK_PID:-}" ]] || return 0
    kill -TERM "$BENCH_WRK_PID" 2>/dev/null || true
    bench_wait_pid_exit "$BENCH_WRK_PID" 5 || kill -KILL "$BENCH_WRK_PID" 2>/dev/null || true
    BENCH_WRK_PID=""
}

# Parse a wrk --latency output file into one tab-separated line:
# req/s  p50  p90  p99  requests  non-2xx/3xx  socket-errors
bench_wrk_summary() {
    awk '
        /^Requests\/sec:/                  { rps = $2 }
        $1 == "50%"                        { p50 = $2 }
        $1 == "90%"                        { p90 = $2 }
        $1 == "99%"                        { p99 = $2 }
        / requests in /                    { reqs = $1 }
        /Non-2xx or 3xx responses:/        { non2xx = $NF }
        /Socket errors:/ {
            # Socket errors: connect 0, read 0, write 0, timeout 0
            n = 0
            for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { sub(",", "", $i); n += $i }
            sockerr = n
        }
        END {
            printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
                (rps ? rps : "?"), (p50 ? p50 : "?"), (p90 ? p90 : "?"), (p99 ? p99 : "?"),
                (reqs ? reqs : "?"), (non2xx ? non2xx : 0), (sockerr ? sockerr : 0)
        }
    ' "$1"
}
