# Landlord builds, tests and runs on Java 25. Sourced by mvnw and by the project's scripts (POSIX sh): when
# JAVA_HOME (or the java on PATH) is older, JAVA_HOME is pointed at a JDK 25+ found in the usual places, so that a
# machine whose default java is 17 needs no setting; where none is found it stops with one sentence.
landlord_jdk_major() { # $1: a JDK home; prints its feature version from the release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

landlord_find_jdk() {
  landlord_required=25
  if [ -n "${JAVA_HOME-}" ] && [ "$(landlord_jdk_major "$JAVA_HOME")" -ge "$landlord_required" ] 2>/dev/null; then
    return 0
  fi
  if [ -z "${JAVA_HOME-}" ] && command -v javac >/dev/null 2>&1; then
    landlord_path_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(landlord_jdk_major "$landlord_path_home")" -ge "$landlord_required" ] 2>/dev/null; then
      JAVA_HOME=$landlord_path_home && export JAVA_HOME && return 0
    fi
  fi
  case $- in *f*) landlord_noglob=1 ;; *) landlord_noglob= ;; esac
  set +f # mvnw runs with globbing off
  for landlord_candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$landlord_candidate/bin/javac" ] \
      && [ "$(landlord_jdk_major "$landlord_candidate")" -ge "$landlord_required" ] 2>/dev/null; then
      JAVA_HOME=$landlord_candidate && export JAVA_HOME
      break
    fi
  done
  [ -z "$landlord_noglob" ] || set -f
  [ "$(landlord_jdk_major "${JAVA_HOME-}")" -ge "$landlord_required" ] 2>/dev/null && return 0
  echo "Landlord needs a JDK $landlord_required or newer: install one (for example Temurin 25 or Debian's openjdk-25-jdk) or point JAVA_HOME at it." >&2
  return 1
}
