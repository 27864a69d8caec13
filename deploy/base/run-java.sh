#!/bin/sh
# A minimal stand-in for the UBI OpenJDK images' /opt/jboss/container/java/run/run-java.sh, installed at the same
# path in the local Debian base image (deploy/container-smoke.sh), so src/main/docker/Dockerfile.jvm runs unchanged
# on either base. It honours the variables that Dockerfile.jvm and its users set: JAVA_APP_JAR, JAVA_OPTS,
# JAVA_OPTS_APPEND and JAVA_MAX_MEM_RATIO (heap as a percentage of the container's memory limit, default 80).
# `exec` makes the JVM the container's PID 1, so it receives SIGTERM itself and shuts down gracefully.
set -eu
: "${JAVA_APP_JAR:?JAVA_APP_JAR must name the jar to run}"
# JAVA_OPTS and JAVA_OPTS_APPEND hold several flags: word splitting is intended.
# shellcheck disable=SC2086
exec java -XX:MaxRAMPercentage="${JAVA_MAX_MEM_RATIO:-80}" ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} -jar "$JAVA_APP_JAR" "$@"
