#!/usr/bin/env bash
# Issue 5's route propagation number: server publish -> every router applied, p50/p99, goal p99 <= 20 ms.
# Two `dinp router` processes (default JVM flags) follow a private redis-server; bench/java/RoutePropagation.java
# publishes through the server's own RedisRoutePublisher a table of 100 apps x 3 backends, then 300 warm-up and
# 2,000 measured changes 5 ms apart, and reads each router's dinp_router_route_propagation_seconds histogram
# (warm-up subtracted). Baseline in the same run: a bare Redis subscriber timing the same messages.
# A change reaches every router within 20 ms for >= 99% of changes when the routers' over-20-ms counts,
# summed, stay under 1% (a union bound; the histogram cannot pair up one change across routers).
# Usage: bench/propagation.sh. Environment: BENCH_APPS (100), BENCH_WARMUP (300), BENCH_CHANGES (2000),
# BENCH_INTERVAL_MS (5), BENCH_ROUTERS (2). Takes about 20 s. Needs root on Debian (installs Redis if missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
APPS=${BENCH_APPS:-100}; WARM=${BENCH_WARMUP:-300}; CHANGES=${BENCH_CHANGES:-2000}
INTERVAL=${BENCH_INTERVAL_MS:-5}; ROUTERS=${BENCH_ROUTERS:-2}

find_jdk
command -v redis-server >/dev/null || apt_install redis-server
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$JAR" -print -quit)" ]; then
  log "building DINP…"
  (cd "$ROOT" && JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -q -B -DskipTests package) >&2
fi
WORK=$(mktemp -d); PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
wait_for 20 "redis-server" redis-cli -p "$REDIS_PORT" ping
ADMINS=()
for i in $(seq 1 "$ROUTERS"); do
  port=$(free_port); admin=$(free_port)
  "$JAVA" -jar "$JAR" router --redis "redis://127.0.0.1:$REDIS_PORT" --bind 127.0.0.1 --port "$port" \
    --admin-port "$admin" >"$WORK/router$i.log" 2>&1 &
  PIDS+=($!); ADMINS+=("$admin")
  wait_for 60 "router $i (log in $WORK)" curl -fs -o /dev/null "http://127.0.0.1:$admin/metrics"
done
echo "== route propagation: server publish -> applied by each of $ROUTERS routers ($CHANGES changes, $INTERVAL ms apart, $APPS apps; goal p99 <= 20 ms)"
"$JAVA" -cp "$JAR" "$ROOT/bench/java/RoutePropagation.java" "redis://127.0.0.1:$REDIS_PORT" "$APPS" "$WARM" "$CHANGES" \
  "$INTERVAL" "${ADMINS[@]}"
echo "note: load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
