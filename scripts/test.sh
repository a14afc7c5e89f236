#!/usr/bin/env bash
# ./dinp test — installs (Debian, root) and starts what the tests need, reusing whatever already
# runs: Docker Engine, the registry, MariaDB, Redis, headless Chromium; then runs the unit and the
# integration tests, and keeps the dashboard test's screenshots in test-artifacts/screenshots.
#   ./dinp test            unit + integration tests
#   ./dinp test --unit     unit tests only (no Docker, MariaDB or Redis needed)
#   ./dinp test -- ARGS    extra Maven arguments, e.g. -- -pl dinp-core
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"

unit=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --unit) unit=1 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) die "unknown option $1 (see ./dinp test --help)" ;;
  esac
  shift
done

find_jdk
if [ "$unit" = 1 ]; then
  cd "$ROOT" && exec env JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -B verify "${extra[@]}"
fi

command -v file >/dev/null || apt_install file
# the binary stack's sample is a static C program
command -v gcc >/dev/null && [ -f /usr/lib/x86_64-linux-gnu/libc.a ] || apt_install gcc libc6-dev
ensure_busybox_static
ensure_docker
ensure_registry
ensure_redis
ensure_mariadb
ensure_chromium

# the tests share the Redis ensure_redis started: TLS only, with a password
if [ -z "${DINP_TEST_REDIS_URI:-}" ]; then
  export DINP_TEST_REDIS_URI=$DINP_REDIS_URI DINP_TEST_REDIS_PASSWORD_FILE=$DINP_REDIS_PASSWORD_FILE \
    DINP_TEST_REDIS_CA_CERT=$DINP_REDIS_CA_CERT
fi
export DINP_TEST_MARIADB_URL=${DINP_TEST_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/dinp_test}
export DINP_TEST_MARIADB_USER=${DINP_TEST_MARIADB_USER:-dinp}
export DINP_TEST_MARIADB_PASSWORD=${DINP_TEST_MARIADB_PASSWORD:-dinp}
# the fault suite restarts dockerd too: the e2e tests run one at a time, after every other module's
# (it still skips that fault where dockerd is a systemd unit rather than ./dinp's own process)
export DINP_FAULTS_DOCKERD=${DINP_FAULTS_DOCKERD:-true}
cd "$ROOT"
status=0
env JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -B verify -DskipITs=false "${extra[@]}" || status=$?

# The dashboard test's screenshots, for review: kept out of target/ so a later build cannot wipe them.
shots=$ROOT/dinp-e2e/target/screenshots
keep=${DINP_TEST_ARTIFACTS:-$ROOT/test-artifacts}/screenshots
if compgen -G "$shots/*.png" >/dev/null; then
  mkdir -p "$keep" && cp "$shots"/*.png "$keep"/
  log "dashboard screenshots kept in $keep:"
  for f in "$keep"/*.png; do log "  $(basename "$f")"; done
fi
# The fault suite's and the partition test's measurements (docs/faults.md), kept the same way.
reports=${DINP_TEST_ARTIFACTS:-$ROOT/test-artifacts}
for r in fault-suite.md partition.md; do
  if [ -f "$ROOT/dinp-e2e/target/$r" ]; then
    mkdir -p "$reports" && cp "$ROOT/dinp-e2e/target/$r" "$reports/"
    log "fault measurements kept in $reports/$r"
  fi
done
exit "$status"
