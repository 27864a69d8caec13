#!/usr/bin/env bash
# Landlord on highly available PostgreSQL, on one machine and loopback addresses only:
#   - etcd: three members (the Patroni cluster's consensus store);
#   - Patroni: three PostgreSQL 15 nodes, a primary and two replicas, synchronous_mode: true (an acknowledged commit
#     is on two nodes), primary_start_timeout: 0 (a primary whose PostgreSQL dies fails over at once instead of
#     restarting in place);
#   - HAProxy: a read-write port that follows Patroni's REST /primary check, and a second frontend balancing
#   - two Landlord instances (the packaged application, target/quarkus-app, through its launcher).
#
#   deploy/ha/ha.sh start     installs what is missing (apt), starts everything, prints the endpoints
#   deploy/ha/ha.sh status    the endpoints, which node is primary, which processes are alive
#   deploy/ha/ha.sh stop      stops everything (Landlord first, etcd last) and removes HA_DIR
#
# As root on Debian 12. Each part runs as its own system user (etcd, postgres, haproxy, landlord). The state and data
# live in HA_DIR (default /tmp/landlord-ha); HA_DIR/ha.env holds the endpoints, credentials and process ids for
# scripts (deploy/ha/failover-test.sh sources it). HA_KEEP=1 keeps HA_DIR on stop (logs). Landlord gets
# LANDLORD_* settings from this script; any other exported LANDLORD_* or QUARKUS_* variable reaches it unchanged.
# Build the application first: ./mvnw -B package -DskipTests.
set -euo pipefail

HA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HA_SCRIPT_DIR/../.." && pwd)"
# Ports, keys, the environments file and the JDK lookup are the benchmarks' helpers.
# shellcheck source=../../bench/lib.sh
source "$REPO_ROOT/bench/lib.sh"

bench_log() {
    printf '[ha %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

HA_DIR="${HA_DIR:-/tmp/landlord-ha}"
HA_ENV="$HA_DIR/ha.env"
HA_READY_TIMEOUT="${HA_READY_TIMEOUT:-120}"
HA_APP_SOURCE="${HA_APP_SOURCE:-$REPO_ROOT/target/quarkus-app}"
HA_NODES=(pg1 pg2 pg3)
HA_ETCD_MEMBERS=(etcd1 etcd2 etcd3)
HA_APPS=(app1 app2)
PG_BIN=/usr/lib/postgresql/15/bin

# ---------------------------------------------------------------------------------------------------------------
# Installation
# ---------------------------------------------------------------------------------------------------------------

ha_install() {
    local -a missing=()
    local pair
    for pair in /usr/bin/etcd:etcd-server /usr/bin/etcdctl:etcd-client /usr/bin/patroni:patroni \
            /usr/lib/python3/dist-packages/etcd:python3-etcd /usr/sbin/haproxy:haproxy "$PG_BIN/initdb:postgresql" \
            "$PG_BIN/psql:postgresql-client" /usr/bin/curl:curl /usr/bin/openssl:openssl /usr/bin/setpriv:util-linux; do
        [[ -e "${pair%%:*}" ]] || missing+=("${pair#*:}")
    done
    if (( ${#missing[@]} > 0 )); then
        bench_log "apt-get install ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
    ha_quiet_debian_services
    id landlord >/dev/null 2>&1 \
        || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin landlord
}

# The packages' own services (etcd on 2379/2380, haproxy, a "main" PostgreSQL cluster on 5432, patroni) are not part
# of this topology: disabled and stopped, so they hold no port and start at no boot.
ha_quiet_debian_services() {
    local service
    for service in etcd haproxy patroni postgresql; do
        if [[ -d /run/systemd/system ]]; then
            systemctl disable --now "$service" >/dev/null 2>&1 || true
        else
            systemctl disable "$service" >/dev/null 2>&1 || true
            if service "$service" status >/dev/null 2>&1; then
                service "$service" stop >/dev/null 2>&1 || true
            fi
        fi
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------------------------

# ha_spawn NAME USER LOG COMMAND...: starts COMMAND as USER in a session of its own (it outlives this script), with
# no privileges left, and writes its pid to HA_DIR/pids/NAME.
ha_spawn() {
    local name="$1" user="$2" log="$3"
    shift 3
    (cd / && exec setsid setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all -- \
        env HOME=/nonexistent "$@" </dev/null >"$log" 2>&1) &
    echo $! >"$HA_DIR/pids/$name"
    disown $! # not this shell's job: no "Killed" notice when the failover test kills it
}

ha_pid() {
    cat "$HA_DIR/pids/$1" 2>/dev/null || true
}

ha_alive() {
    local pid
    pid="$(ha_pid "$1")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# ha_stop_process NAME SECONDS: SIGTERM, then SIGKILL after SECONDS.
ha_stop_process() {
    local name="$1" secs="$2" pid
    pid="$(ha_pid "$name")"
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        bench_wait_pid_exit "$pid" "$secs" || { kill -KILL "$pid" 2>/dev/null || true; bench_wait_pid_exit "$pid" 5 || true; }
    fi
    rm -f "$HA_DIR/pids/$name"
}

# ha_wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds; dies naming WHAT after SECONDS.
ha_wait_until() {
    local secs="$1" what="$2" deadline
    shift 2
    deadline=$(( $(bench_now_ms) + secs * 1000 ))
    until "$@"; do
        (( $(bench_now_ms) < deadline )) || bench_die "$what: not within ${secs}s (logs in $HA_DIR/log)"
        sleep 0.2
    done
}

ha_http_ok() {
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------------------
# etcd
# ---------------------------------------------------------------------------------------------------------------

ha_etcd_start() {
    local i cluster="" member
    for i in 0 1 2; do
        cluster+="${cluster:+,}${HA_ETCD_MEMBERS[i]}=http://$BENCH_HOST:${ETCD_PEER_PORTS[i]}"
    done
    for i in 0 1 2; do
        member="${HA_ETCD_MEMBERS[i]}"
        install -d -o etcd -g etcd -m 0700 "$HA_DIR/etcd/$member"
        ha_spawn "$member" etcd "$HA_DIR/log/$member.log" /usr/bin/etcd \
            --name "$member" --data-dir "$HA_DIR/etcd/$member" \
            --listen-client-urls "http://$BENCH_HOST:${ETCD_CLIENT_PORTS[i]}" \
            --advertise-client-urls "http://$BENCH_HOST:${ETCD_CLIENT_PORTS[i]}" \
            --listen-peer-urls "http://$BENCH_HOST:${ETCD_PEER_PORTS[i]}" \
            --initial-advertise-peer-urls "http://$BENCH_HOST:${ETCD_PEER_PORTS[i]}" \
            --initial-cluster "$cluster" --initial-cluster-token "landlord-ha-$$" --initial-cluster-state new \
            --heartbeat-interval 100 --election-timeout 1000
    done
    for i in 0 1 2; do
        ha_wait_until 60 "etcd ${HA_ETCD_MEMBERS[i]} healthy" ha_http_ok "http://$BENCH_HOST:${ETCD_CLIENT_PORTS[i]}/health"
    done
    bench_log "etcd: 3 members on $ETCD_HOSTS"
}

# ---------------------------------------------------------------------------------------------------------------
# Patroni and PostgreSQL
# ---------------------------------------------------------------------------------------------------------------

ha_patroni_config() {
    local i="$1" node="${HA_NODES[$1]}" dir="$HA_DIR/patroni/${HA_NODES[$1]}"
    cat <<EOF
scope: landlord-ha
name: $node
log:
  level: INFO
restapi:
  listen: $BENCH_HOST:${PATRONI_PORTS[i]}
  connect_address: $BENCH_HOST:${PATRONI_PORTS[i]}
etcd3:
  hosts: $ETCD_HOSTS
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    primary_start_timeout: 0
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 120
        max_wal_senders: 10
        max_replication_slots: 10
        wal_level: replica
        wal_log_hints: 'on'
        hot_standby: 'on'
        shared_buffers: 64MB
  initdb:
    - encoding: UTF8
    - locale: C
    - auth-local: trust
    - auth-host: scram-sha-256
postgresql:
  listen: $BENCH_HOST:${PG_PORTS[i]}
  connect_address: $BENCH_HOST:${PG_PORTS[i]}
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser:
      username: postgres
      password: $HA_SUPERUSER_PASSWORD
    replication:
      username: replicator
      password: $HA_REPLICATION_PASSWORD
  parameters:
    unix_socket_directories: $dir
  pg_hba:
    - local all all trust
    - host replication replicator $BENCH_HOST/32 scram-sha-256
    - host all all $BENCH_HOST/32 scram-sha-256
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
EOF
}

ha_patroni_start() {
    local i node dir
    for i in 0 1 2; do
        node="${HA_NODES[i]}"
        dir="$HA_DIR/patroni/$node"
        install -d -o postgres -g postgres -m 0700 "$dir"
        ( umask 077 && ha_patroni_config "$i" >"$dir/patroni.yml" )
        chown postgres:postgres "$dir/patroni.yml"
        ha_spawn "$node" postgres "$HA_DIR/log/$node.log" /usr/bin/patroni "$dir/patroni.yml"
        if (( i == 0 )); then
            # the first node bootstraps the cluster; the others clone it once it leads
            ha_wait_until 90 "$node leading" ha_http_ok "http://$BENCH_HOST:${PATRONI_PORTS[0]}/primary"
        fi
    done
    for i in 1 2; do
        ha_wait_until 120 "${HA_NODES[i]} streaming" ha_http_ok "http://$BENCH_HOST:${PATRONI_PORTS[i]}/replica"
    done
    ha_wait_until 60 "a synchronous standby" ha_sync_standby_present
    bench_log "Patroni: 3 PostgreSQL nodes, primary $(ha_primary)"
}

ha_sync_standby_present() {
    local i
    for i in 0 1 2; do
        ha_http_ok "http://$BENCH_HOST:${PATRONI_PORTS[i]}/sync" && return 0
    done
    return 1
}

# The name of the node whose Patroni answers 200 on /primary (nothing while there is none).
ha_primary() {
    local i
    for i in 0 1 2; do
        if ha_http_ok "http://$BENCH_HOST:${PATRONI_PORTS[i]}/primary"; then
            echo "${HA_NODES[i]}"
            return 0
        fi
    done
}

# The postmaster pid of a node (from its data directory).
ha_postmaster_pid() {
    head -n 1 "$HA_DIR/patroni/$1/data/postmaster.pid" 2>/dev/null || true
}

# psql as the superuser through HAProxy's read-write port, that is, on the primary.
ha_psql() {
    PGPASSWORD="$HA_SUPERUSER_PASSWORD" PGCONNECT_TIMEOUT=5 timeout 60 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$BENCH_HOST" -p "$HAPROXY_RW_PORT" -U postgres -d "${HA_PSQL_DB:-postgres}" "$@"
}

ha_database_create() {
    ha_psql -c "CREATE ROLE landlord LOGIN PASSWORD '$HA_DB_PASSWORD'" >/dev/null
    ha_psql -c "CREATE DATABASE landlord OWNER landlord" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------------
# HAProxy
# ---------------------------------------------------------------------------------------------------------------

ha_haproxy_config() {
    local i
    cat <<EOF
global
    maxconn 2000
    stats socket $HA_DIR/haproxy/admin.sock mode 600 level admin

defaults
    timeout connect 2s
    timeout client 30m
    timeout server 30m
    timeout check 2s

# PostgreSQL, read-write: only the node whose Patroni answers 200 on /primary is up. Sessions to a node that goes
# down are cut at once, so clients reconnect (to the new primary) instead of waiting on a dead one.
listen postgres_rw
    mode tcp
    bind $BENCH_HOST:$HAPROXY_RW_PORT
    option httpchk OPTIONS /primary
    http-check expect status 200
    default-server inter 500ms fastinter 250ms fall 2 rise 1 on-marked-down shutdown-sessions
EOF
    for i in 0 1 2; do
        echo "    server ${HA_NODES[i]} $BENCH_HOST:${PG_PORTS[i]} maxconn 100 check port ${PATRONI_PORTS[i]}"
    done
    cat <<EOF

# Landlord: round robin over the instances that are ready; a connection refused (an instance gone) is retried on
# the other one. Requests are not replayed once sent.
listen landlord
    mode http
    bind $BENCH_HOST:$HAPROXY_APP_PORT
    balance roundrobin
    timeout client 60s
    timeout server 60s
    option httpchk GET /q/health/ready
    http-check expect status 200
    retries 2
    option redispatch
    default-server inter 500ms fall 2 rise 2
EOF
    for i in 0 1; do
        echo "    server ${HA_APPS[i]} $BENCH_HOST:${APP_PORTS[i]} check"
    done
    cat <<EOF

listen stats
    mode http
    bind $BENCH_HOST:$HAPROXY_STATS_PORT
    stats enable
    stats uri /
EOF
}

ha_haproxy_start() {
    install -d -o haproxy -g haproxy -m 0700 "$HA_DIR/haproxy"
    ha_haproxy_config >"$HA_DIR/haproxy/haproxy.cfg"
    chown haproxy:haproxy "$HA_DIR/haproxy/haproxy.cfg"
    /usr/sbin/haproxy -c -q -f "$HA_DIR/haproxy/haproxy.cfg" || bench_die "invalid HAProxy configuration"
    # -W: master-worker, -db: in the foreground (this script keeps its pid)
    ha_spawn haproxy haproxy "$HA_DIR/log/haproxy.log" /usr/sbin/haproxy -W -db -f "$HA_DIR/haproxy/haproxy.cfg"
    ha_wait_until 30 "HAProxy read-write port" bench_port_in_use "$HAPROXY_RW_PORT"
    ha_wait_until 30 "the primary behind HAProxy" ha_psql -o /dev/null -c "SELECT 1"
    bench_log "HAProxy: PostgreSQL read-write on $BENCH_HOST:$HAPROXY_RW_PORT"
}

# ---------------------------------------------------------------------------------------------------------------
# Landlord
# ---------------------------------------------------------------------------------------------------------------

ha_app_install() {
    [[ -x "$HA_APP_SOURCE/landlord" ]] \
        || bench_die "$HA_APP_SOURCE/landlord not found: run ./mvnw -B package -DskipTests first"
    # A copy, so that a rebuild cannot change the jars under the running instances.
    cp -a -- "$HA_APP_SOURCE" "$HA_DIR/app"
    chown -R root:root "$HA_DIR/app"
    chmod -R go+rX "$HA_DIR/app"
    # shellcheck disable=SC2034 # read by bench_gen_signing_key and bench_write_environments
    BENCH_TMP="$HA_DIR"
    bench_gen_signing_key
    bench_write_environments
    chgrp landlord "$BENCH_SIGNING_KEY_FILE" && chmod 0640 "$BENCH_SIGNING_KEY_FILE"
    HA_ENVIRONMENT_ID="$BENCH_ENVIRONMENT_ID"
}

# ha_app_start INDEX: starts instance INDEX (0 or 1) of Landlord on its port; the issuer is HAProxy's frontend, so
# a token from one instance is valid on the other.
ha_app_start() {
    local i="$1" name="${HA_APPS[$1]}"
    ha_spawn "$name" landlord "$HA_DIR/log/$name.log" env \
        QUARKUS_PROFILE=prod \
        QUARKUS_HTTP_HOST="$BENCH_HOST" \
        QUARKUS_HTTP_PORT="${APP_PORTS[i]}" \
        LANDLORD_DB_HOST="$BENCH_HOST" \
        LANDLORD_DB_PORT="$HAPROXY_RW_PORT" \
        LANDLORD_DB_NAME=landlord \
        LANDLORD_DB_USER=landlord \
        LANDLORD_DB_PASSWORD="$HA_DB_PASSWORD" \
        LANDLORD_BOOTSTRAP_CLIENT_ID="$HA_CLIENT_ID" \
        LANDLORD_BOOTSTRAP_CLIENT_SECRET="$HA_CLIENT_SECRET" \
        LANDLORD_ISSUER="$HA_APP_URL" \
        LANDLORD_SIGNING_KEYS_FILE="$BENCH_SIGNING_KEY_FILE" \
        LANDLORD_ENCRYPTION_KEY="$HA_ENCRYPTION_KEY" \
        LANDLORD_ENVIRONMENTS_FILE="$BENCH_ENVIRONMENTS_FILE" \
        JAVA_HOME="$JAVA_HOME" \
        "$HA_DIR/app/landlord"
}

ha_app_ready() {
    ha_http_ok "http://$BENCH_HOST:${APP_PORTS[$1]}/q/health/ready"
}

ha_apps_start() {
    local i
    # One after the other: the first applies the migrations, and on two cores two JVMs starting at once take as long.
    for i in 0 1; do
        ha_app_start "$i"
        ha_wait_until "$HA_READY_TIMEOUT" "${HA_APPS[i]} ready" ha_app_ready "$i"
    done
    ha_wait_until 30 "Landlord behind HAProxy" ha_http_ok "$HA_APP_URL/q/health/ready"
    bench_log "Landlord: ${HA_APPS[0]} on ${APP_PORTS[0]}, ${HA_APPS[1]} on ${APP_PORTS[1]}, behind $HA_APP_URL"
}

# ---------------------------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------------------------

ha_write_env() {
    ( umask 077 && cat >"$HA_ENV" <<EOF
HA_DIR='$HA_DIR'
HA_APP_URL='$HA_APP_URL'
HA_APP_PORTS='${APP_PORTS[*]}'
HA_CLIENT_ID='$HA_CLIENT_ID'
HA_CLIENT_SECRET='$HA_CLIENT_SECRET'
HA_ENCRYPTION_KEY='$HA_ENCRYPTION_KEY'
HA_ENVIRONMENT_ID='$HA_ENVIRONMENT_ID'
HA_DB_PASSWORD='$HA_DB_PASSWORD'
HA_SUPERUSER_PASSWORD='$HA_SUPERUSER_PASSWORD'
HA_REPLICATION_PASSWORD='$HA_REPLICATION_PASSWORD'
HAPROXY_RW_PORT='$HAPROXY_RW_PORT'
HAPROXY_APP_PORT='$HAPROXY_APP_PORT'
HAPROXY_STATS_PORT='$HAPROXY_STATS_PORT'
PG_PORTS='${PG_PORTS[*]}'
PATRONI_PORTS='${PATRONI_PORTS[*]}'
ETCD_CLIENT_PORTS='${ETCD_CLIENT_PORTS[*]}'
ETCD_PEER_PORTS='${ETCD_PEER_PORTS[*]}'
ETCD_HOSTS='$ETCD_HOSTS'
BENCH_SIGNING_KEY_FILE='$BENCH_SIGNING_KEY_FILE'
BENCH_ENVIRONMENTS_FILE='$BENCH_ENVIRONMENTS_FILE'
JAVA_HOME='$JAVA_HOME'
EOF
    )
}

# Reads HA_DIR/ha.env back into this script's arrays.
ha_load_env() {
    [[ -f "$HA_ENV" ]] || bench_die "not started ($HA_ENV missing)"
    # shellcheck source=/dev/null
    source "$HA_ENV"
    read -r -a APP_PORTS <<<"$HA_APP_PORTS"
    read -r -a PG_PORTS <<<"$PG_PORTS"
    read -r -a PATRONI_PORTS <<<"$PATRONI_PORTS"
    read -r -a ETCD_CLIENT_PORTS <<<"$ETCD_CLIENT_PORTS"
    read -r -a ETCD_PEER_PORTS <<<"$ETCD_PEER_PORTS"
}

# Ports below Linux's ephemeral range (32768-60999): a port there that nobody listens on can still be taken, between
# the check and the bind, as the local end of some outgoing connection.
ha_allocate() {
    local i
    ETCD_CLIENT_PORTS=() ETCD_PEER_PORTS=() PATRONI_PORTS=() PG_PORTS=() APP_PORTS=()
    for i in 0 1 2; do
        bench_alloc_port "ETCD_CLIENT_PORTS[$i]" 22379
        bench_alloc_port "ETCD_PEER_PORTS[$i]" 22380
        bench_alloc_port "PATRONI_PORTS[$i]" 28008
        bench_alloc_port "PG_PORTS[$i]" 25433
    done
    bench_alloc_port HAPROXY_RW_PORT 25432
    bench_alloc_port HAPROXY_APP_PORT 28080
    bench_alloc_port HAPROXY_STATS_PORT 27000
    bench_alloc_port "APP_PORTS[0]" 28081
    bench_alloc_port "APP_PORTS[1]" 28081
    ETCD_HOSTS=""
    for i in 0 1 2; do
        ETCD_HOSTS+="${ETCD_HOSTS:+,}$BENCH_HOST:${ETCD_CLIENT_PORTS[i]}"
    done
    HA_APP_URL="http://$BENCH_HOST:$HAPROXY_APP_PORT"
    HA_CLIENT_ID=ha-admin
    HA_CLIENT_SECRET="$(bench_random_alnum 48)"
    HA_ENCRYPTION_KEY="$(openssl rand -base64 32)"
    HA_DB_PASSWORD="$(bench_random_alnum 32)"
    HA_SUPERUSER_PASSWORD="$(bench_random_alnum 32)"
    HA_REPLICATION_PASSWORD="$(bench_random_alnum 32)"
}

ha_start() {
    bench_require_root
    if [[ -f "$HA_ENV" ]]; then
        bench_die "already started in $HA_DIR (deploy/ha/ha.sh stop first)"
    fi
    ha_install
    bench_require_java
    rm -rf -- "$HA_DIR"
    install -d -m 0755 "$HA_DIR" "$HA_DIR/pids"
    install -d -m 0777 "$HA_DIR/log"
    chmod +t "$HA_DIR/log"
    ha_allocate
    ha_app_install
    ha_write_env
    ha_etcd_start
    ha_patroni_start
    ha_haproxy_start
    ha_database_create
    ha_apps_start
}

ha_stop() {
    [[ -d "$HA_DIR/pids" ]] || { bench_log "nothing to stop in $HA_DIR"; return 0; }
    local name node pid
    for name in "${HA_APPS[@]}"; do
        ha_stop_process "$name" 30
    done
    ha_stop_process haproxy 10
    for name in "${HA_NODES[@]}"; do
        ha_stop_process "$name" 30
    done
    # A postmaster outlives a Patroni that was killed: stop it too.
    for node in "${HA_NODES[@]}"; do
        pid="$(ha_postmaster_pid "$node")"
        if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
                && [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$PG_BIN/postgres" ]]; then
            kill -QUIT "$pid" 2>/dev/null || true
            bench_wait_pid_exit "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    for name in "${HA_ETCD_MEMBERS[@]}"; do
        ha_stop_process "$name" 10
    done
    if [[ -n "${HA_KEEP:-}" ]]; then
        rm -f "$HA_ENV"
        bench_log "stopped; kept $HA_DIR (HA_KEEP)"
    else
        rm -rf -- "$HA_DIR"
        bench_log "stopped; removed $HA_DIR"
    fi
}

ha_status() {
    local i name state
    cat <<EOF
Landlord (HAProxy, round robin)   $HA_APP_URL
  ${HA_APPS[0]}                            http://$BENCH_HOST:${APP_PORTS[0]}
  ${HA_APPS[1]}                            http://$BENCH_HOST:${APP_PORTS[1]}
  management client               $HA_CLIENT_ID (secret in $HA_ENV)
PostgreSQL read-write (HAProxy)   postgresql://landlord@$BENCH_HOST:$HAPROXY_RW_PORT/landlord
HAProxy statistics                http://$BENCH_HOST:$HAPROXY_STATS_PORT/
etcd                              $ETCD_HOSTS
Patroni nodes (REST, PostgreSQL):
EOF
    for i in 0 1 2; do
        name="${HA_NODES[i]}"
        state="$(curl -s --max-time 2 "http://$BENCH_HOST:${PATRONI_PORTS[i]}/patroni" 2>/dev/null \
            | sed -n 's/.*"role": *"\([a-z_]*\)".*/\1/p')"
        printf '  %-4s http://%s:%s  %s:%s  %s\n' "$name" "$BENCH_HOST" "${PATRONI_PORTS[i]}" "$BENCH_HOST" \
            "${PG_PORTS[i]}" "${state:-down}$(ha_http_ok "http://$BENCH_HOST:${PATRONI_PORTS[i]}/sync" && echo ' (synchronous)')"
    done
    printf 'Processes:'
    for name in "${HA_ETCD_MEMBERS[@]}" "${HA_NODES[@]}" haproxy "${HA_APPS[@]}"; do
        printf ' %s=%s' "$name" "$(ha_alive "$name" && echo up || echo down)"
    done
    echo
}

# Sourced (by the failover test) it only defines the functions; run, it does what it is asked.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case "${1:-}" in
        start)
            # A failed start leaves nothing running (and its logs in HA_DIR).
            trap 'rc=$?; if (( rc != 0 )); then bench_log "start failed, stopping"; HA_KEEP=1 ha_stop; fi' EXIT
            ha_start
            trap - EXIT
            ha_status
            ;;
        stop) bench_require_root; ha_stop ;;
        status) ha_load_env; ha_status ;;
        *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
    esac
fi
