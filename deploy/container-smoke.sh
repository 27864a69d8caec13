#!/usr/bin/env bash
# Container smoke test: builds the JVM image from src/main/docker/Dockerfile.jvm on a local Debian base that carries
# the build's own Java 25 runtime, runs it next to a real PostgreSQL and checks readiness, that it started with its AOT
# cache, a management token and a tenant create through the container's port. Prints the image size, the container's
# start-to-ready time and its resident memory.
#
# For a Debian 12 machine where you are root, with no container engine and no reachable image registry:
# everything it needs (podman, runc, debootstrap, PostgreSQL, curl, openssl) comes from apt. Run it after
# `./mvnw -B verify`, which leaves the application with its AOT cache in target/quarkus-app and packs it as
# target/quarkus-app.tar for the image build:
#
#   deploy/container-smoke.sh
#
# The base image (debootstrap minbase + the JDK 25 that built the application, copied unchanged but for its sources,
# headers and man pages) takes 1-2 minutes to build and is kept as $SMOKE_BASE_IMAGE for the next run; everything else
# (the application image, the container, PostgreSQL, the temporary directory) is removed on exit, failed or not.
# Why the build's own runtime: the AOT cache (target/quarkus-app/app.aot) maps only on the very runtime image that
# trained it; a jlinked runtime has another lib/modules, and another JDK build another JVM, and either would start
# without the cache.
#
# Settings (environment):
#   SMOKE_BASE_IMAGE      base image (default localhost/landlord-base:bookworm-jdk<version>-<hash>); any image whose
#                         JAVA_HOME is a Java 25 runtime works (without the same JDK build, it starts without the cache)
#   SMOKE_REBUILD_BASE=1  rebuild the base image even if it exists
#   SMOKE_MIRROR          Debian mirror for debootstrap (default http://deb.debian.org/debian)
#   SMOKE_READY_TIMEOUT   seconds to wait for /q/health/ready (default 120)
set -euo pipefail

SMOKE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SMOKE_DIR/.." && pwd)"
# PostgreSQL, ports, keys, the environments file and the cleanup trap are the benchmarks' helpers.
# shellcheck source=../bench/lib.sh
source "$REPO_ROOT/bench/lib.sh"

bench_log() {
    printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# The JDK the build used (mvnw's choice, found as the benchmarks find it); the base's tag follows its release file, so
# another JDK builds another base.
bench_require_java
SMOKE_JDK="$JAVA_HOME"
SMOKE_BASE_IMAGE="${SMOKE_BASE_IMAGE:-localhost/landlord-base:bookworm-jdk$(landlord_jdk_major "$SMOKE_JDK")-$(sha256sum "$SMOKE_JDK/release" | cut -c1-12)}"
SMOKE_MIRROR="${SMOKE_MIRROR:-http://deb.debian.org/debian}"
SMOKE_READY_TIMEOUT="${SMOKE_READY_TIMEOUT:-120}"
SMOKE_APP_IMAGE="localhost/landlord:smoke-$$"
SMOKE_CONTAINER="landlord-smoke-$$"
SMOKE_CONTAINER_STARTED=""
SMOKE_IMAGE_BUILT=""

# Runs "$@" up to $1 times, waiting 5 s, 10 s, ... in between; dies naming $2 if every try fails.
smoke_retry() {
    local tries="$1" what="$2" i
    shift 2
    for (( i = 1; i <= tries; i++ )); do
        if "$@"; then
            return 0
        fi
        if (( i < tries )); then
            bench_log "$what failed (try $i of $tries); retrying in $(( i * 5 )) s"
            sleep $(( i * 5 ))
        fi
    done
    bench_die "$what failed $tries times"
}

smoke_apt() {
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -q -o Acquire::Retries=3 -o DPkg::Lock::Timeout=120 "$@" \
        >>"$BENCH_TMP/apt.log" 2>&1 && return 0
    tail -n 15 "$BENCH_TMP/apt.log" >&2
    return 1
}

smoke_install_tools() {
    local -a wanted=(
        "podman:podman" "runc:runc" "debootstrap:debootstrap" "curl:curl" "openssl:openssl" "runuser:util-linux"
        "$BENCH_PG_BIN/initdb:postgresql" "$BENCH_PG_BIN/psql:postgresql-client"
        "/usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring"
    )
    local -a missing=()
    local pair cmd pkg
    for pair in "${wanted[@]}"; do
        cmd="${pair%%:*}"
        pkg="${pair#*:}"
        if [[ "$cmd" == /* ]]; then
            [[ -e "$cmd" ]] && continue
        else
            command -v "$cmd" >/dev/null 2>&1 && continue
        fi
        missing+=("$pkg")
    done
    if (( ${#missing[@]} == 0 )); then
        bench_log "tools present: podman $(podman --version | awk '{print $3}'), PostgreSQL $BENCH_PG_VERSION"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || bench_die "missing ${missing[*]} and no apt-get (Debian 12 expected)"
    bench_log "apt-get install ${missing[*]} (log: $BENCH_TMP/apt.log)"
    smoke_retry 3 "apt-get update" smoke_apt update
    smoke_retry 3 "apt-get install ${missing[*]}" smoke_apt install -y --no-install-recommends "${missing[@]}"
}

# podman without a daemon, systemd or a network stack of its own: runc, the host's network namespace (so the
# container reaches PostgreSQL on 127.0.0.1 and is reached on its port), cgroupfs, file event log, and ulimits
# high enough for a JVM.
smoke_configure_podman() {
    export CONTAINERS_CONF="$BENCH_TMP/containers.conf"
    cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
netns = "host"
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

# The local base: Debian 12 minbase with the build's JDK at /opt/java/openjdk.
smoke_build_base() {
    if [[ -z "${SMOKE_REBUILD_BASE:-}" ]] && podman image exists "$SMOKE_BASE_IMAGE"; then
        bench_log "base image $SMOKE_BASE_IMAGE present (cached; SMOKE_REBUILD_BASE=1 rebuilds it)"
        return 0
    fi
    local rootfs="$BENCH_TMP/rootfs" started
    started="$(bench_now_ms)"
    bench_log "building $SMOKE_BASE_IMAGE: debootstrap bookworm minbase + $SMOKE_JDK (1-2 min)"
    smoke_retry 2 "debootstrap" smoke_debootstrap "$rootfs"
    mkdir -p "$rootfs/opt/java/openjdk" "$rootfs/deployments"
    # lib/modules and the JVM are copied byte for byte; what only a compiler or a debugger reads stays out.
    tar -C "$SMOKE_JDK" --exclude=./lib/src.zip --exclude=./include --exclude=./man --exclude=./jmods -c . \
        | tar -C "$rootfs/opt/java/openjdk" -x
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
        "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
    tar -C "$rootfs" --numeric-owner -c . \
        | timeout 300 podman import --quiet \
            --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV JAVA_HOME=/opt/java/openjdk' \
            --change 'ENV LANG=C.UTF-8' \
            --change 'WORKDIR /deployments' \
            - "$SMOKE_BASE_IMAGE" >/dev/null \
        || bench_die "podman import of the base image failed"
    rm -rf "$rootfs"
    bench_log "base image built in $(( ($(bench_now_ms) - started) / 1000 )) s"
}

# debootstrap mounts /proc and /sys inside the root file system; a failed run may leave them mounted.
smoke_unmount_under() {
    findmnt -rn -o TARGET | grep -F "$1/" | sort -r | xargs -r -n 1 umount -l 2>/dev/null || true
}

smoke_debootstrap() {
    local rootfs="$1"
    smoke_unmount_under "$rootfs"
    rm -rf "$rootfs"
    timeout 480 debootstrap --variant=minbase --include=ca-certificates \
        bookworm "$rootfs" "$SMOKE_MIRROR" >"$BENCH_TMP/debootstrap.log" 2>&1 && return 0
    tail -n 20 "$BENCH_TMP/debootstrap.log" >&2
    return 1
}

smoke_build_app_image() {
    [[ -f "$REPO_ROOT/target/quarkus-app.tar" ]] \
        || bench_die "target/quarkus-app.tar missing: run ./mvnw -B verify first (it packs target/quarkus-app with its AOT cache)"
    local started
    started="$(bench_now_ms)"
    SMOKE_IMAGE_BUILT=1
    timeout 600 podman build --quiet -f "$REPO_ROOT/src/main/docker/Dockerfile.jvm" --build-arg "BASE_IMAGE=$SMOKE_BASE_IMAGE" \
        -t "$SMOKE_APP_IMAGE" "$REPO_ROOT" >/dev/null \
        || bench_die "podman build -f src/main/docker/Dockerfile.jvm failed"
    bench_log "application image $SMOKE_APP_IMAGE built in $(( ($(bench_now_ms) - started) / 1000 )) s"
}

# The signing key and environments file, readable by the image's user (185) through read-only mounts.
smoke_prepare_mounts() {
    SMOKE_SECRETS="$BENCH_TMP/secrets"
    mkdir -p "$SMOKE_SECRETS"
    install -m 0400 -o 185 -g 0 "$BENCH_SIGNING_KEY_FILE" "$SMOKE_SECRETS/signing-keys.pem"
    install -m 0444 "$BENCH_ENVIRONMENTS_FILE" "$SMOKE_SECRETS/environments.json"
}

smoke_container_running() {
    [[ "$(podman inspect --format '{{.State.Running}}' "$SMOKE_CONTAINER" 2>/dev/null)" == "true" ]]
}

smoke_run_container() {
    bench_alloc_port SMOKE_PORT 18480
    BENCH_APP_URL="http://$BENCH_HOST:$SMOKE_PORT"
    BENCH_CLIENT_ID="smoke-admin"
    BENCH_CLIENT_SECRET="llsec_$(bench_random_alnum 43)"
    bench_log "starting container $SMOKE_CONTAINER on $BENCH_APP_URL"
    SMOKE_START_MS="$(bench_now_ms)"
    SMOKE_CONTAINER_STARTED=1
    # As deploy/kubernetes runs it: the image's non-root user, a read-only root file system and a writable /tmp.
    timeout 120 podman run -d --name "$SMOKE_CONTAINER" --read-only --tmpfs /tmp:rw,size=64m \
        -v "$SMOKE_SECRETS:/secrets:ro" \
        -e QUARKUS_HTTP_PORT="$SMOKE_PORT" \
        -e LANDLORD_DB_HOST="$BENCH_HOST" \
        -e LANDLORD_DB_PORT="$BENCH_PG_PORT" \
        -e LANDLORD_DB_NAME=landlord \
        -e LANDLORD_DB_USER=landlord \
        -e LANDLORD_DB_PASSWORD="$BENCH_PG_PASSWORD" \
        -e LANDLORD_BOOTSTRAP_CLIENT_ID="$BENCH_CLIENT_ID" \
        -e LANDLORD_BOOTSTRAP_CLIENT_SECRET="$BENCH_CLIENT_SECRET" \
        -e LANDLORD_ISSUER="$BENCH_APP_URL" \
        -e LANDLORD_MANAGEMENT_AUDIENCE="$BENCH_APP_URL" \
        -e LANDLORD_SIGNING_KEYS_FILE=/secrets/signing-keys.pem \
        -e LANDLORD_ENCRYPTION_KEY="$(openssl rand -base64 32)" \
        -e LANDLORD_ENVIRONMENTS_FILE=/secrets/environments.json \
        "$SMOKE_APP_IMAGE" >/dev/null \
        || bench_die "podman run failed"
}

smoke_wait_ready() {
    local deadline=$(( SMOKE_START_MS + SMOKE_READY_TIMEOUT * 1000 )) code=""
    while (( $(bench_now_ms) < deadline )); do
        if ! smoke_container_running; then
            podman logs --tail 60 "$SMOKE_CONTAINER" >&2 || true
            bench_die "the container exited during start"
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BENCH_APP_URL/q/health/ready" || true)"
        if [[ "$code" == "200" ]]; then
            SMOKE_READY_MS=$(( $(bench_now_ms) - SMOKE_START_MS ))
            sleep 1
            SMOKE_RSS_AT_READY="$(bench_rss_human "$(podman inspect --format '{{.State.Pid}}' "$SMOKE_CONTAINER")")"
            return 0
        fi
        sleep 0.1
    done
    podman logs --tail 60 "$SMOKE_CONTAINER" >&2 || true
    bench_die "not ready within ${SMOKE_READY_TIMEOUT} s (last status ${code:-none})"
}

smoke_create_tenant() {
    local token subdomain code body="$BENCH_TMP/tenant.json"
    token="$(bench_get_token)" || bench_die "no management token from POST /oauth/token"
    bench_log "management token issued"
    subdomain="smoke-$(bench_random_alnum 8 | tr 'A-Z' 'a-z')"
    code="$(curl -s -o "$body" -w '%{http_code}' --max-time 15 -X POST "$BENCH_APP_URL/v1/tenants" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data "{\"name\":\"Smoke\",\"subdomain\":\"$subdomain\",\"environmentId\":\"$BENCH_ENVIRONMENT_ID\"}" || true)"
    [[ "$code" == "201" ]] || bench_die "POST /v1/tenants answered ${code:-nothing}: $(head -c 500 "$body" 2>/dev/null)"
    grep -q '"clientSecret":"llsec_' "$body" || bench_die "the created tenant has no admin client secret: $(head -c 500 "$body")"
    bench_log "tenant $subdomain created (201)"
}

# Stops the container as Kubernetes does (SIGTERM, then SIGKILL after the grace period) and reports how it ended.
smoke_stop_container() {
    local started exit_code
    started="$(bench_now_ms)"
    timeout 60 podman stop --time 30 "$SMOKE_CONTAINER" >/dev/null || bench_die "podman stop failed"
    SMOKE_STOP_MS=$(( $(bench_now_ms) - started ))
    exit_code="$(podman inspect --format '{{.State.ExitCode}}' "$SMOKE_CONTAINER")"
    SMOKE_EXIT_CODE="$exit_code"
    podman logs "$SMOKE_CONTAINER" 2>&1 | grep -q 'stopped in' \
        || bench_die "the container did not shut down gracefully (exit $exit_code, no 'stopped in' log line)"
}

smoke_image_size() {
    podman image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MiB", $1 / 1048576 }'
}

smoke_cleanup() {
    smoke_unmount_under "$BENCH_TMP"
    if [[ -n "$SMOKE_CONTAINER_STARTED" ]]; then
        timeout 60 podman rm -f --time 5 "$SMOKE_CONTAINER" >/dev/null 2>&1 || true
    fi
    if [[ -n "$SMOKE_IMAGE_BUILT" ]]; then
        timeout 60 podman rmi -f "$SMOKE_APP_IMAGE" >/dev/null 2>&1 || true
    fi
}

main() {
    local t0
    t0="$(bench_now_ms)"
    bench_init
    BENCH_CLEANUP_HOOKS+=(smoke_cleanup)
    smoke_install_tools
    smoke_configure_podman
    smoke_build_base
    smoke_build_app_image
    bench_pg_start
    bench_gen_signing_key
    bench_write_environments
    smoke_prepare_mounts
    smoke_run_container
    smoke_wait_ready
    local logs
    logs="$(podman logs "$SMOKE_CONTAINER" 2>&1)"
    grep -q 'Started with the AOT cache' <<<"$logs" \
        || bench_die "the container did not start with its AOT cache: $(grep -m1 'AOT cache' <<<"$logs" || echo 'no line about it')"
    bench_log "started with its AOT cache"
    smoke_create_tenant

    local pid rss size base_size quarkus_started
    quarkus_started="$(podman logs "$SMOKE_CONTAINER" 2>&1 | grep -o 'started in [0-9.]*s' | head -n 1 | awk '{print $3}')"
    pid="$(podman inspect --format '{{.State.Pid}}' "$SMOKE_CONTAINER")"
    rss="$(bench_rss_human "$pid")"
    local rss_started="$SMOKE_RSS_AT_READY"
    size="$(smoke_image_size "$SMOKE_APP_IMAGE")"
    base_size="$(smoke_image_size "$SMOKE_BASE_IMAGE")"
    smoke_stop_container

    printf '\nContainer smoke test passed\n'
    printf '  image            %s (%s; its base %s is %s)\n' "$size" "$SMOKE_APP_IMAGE" "$SMOKE_BASE_IMAGE" "$base_size"
    printf '  start to ready   %d ms (podman run until /q/health/ready answered 200; Quarkus: started in %s)\n' \
        "$SMOKE_READY_MS" "${quarkus_started:-?}"
    printf '  container RSS    %s one second after ready, %s after a token and a tenant create\n' "$rss_started" "$rss"
    printf '  graceful stop    %d ms, exit code %s (SIGTERM)\n' "$SMOKE_STOP_MS" "$SMOKE_EXIT_CODE"
    printf '  total            %d s (load average now: %s)\n' $(( ($(bench_now_ms) - t0) / 1000 )) "$(cut -d' ' -f1-3 /proc/loadavg)"
}

main "$@"
