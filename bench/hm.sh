#!/usr/bin/env bash
# The health monitor's check engine: how many L7 checks per second one HealthChecker sustains on this
# machine, at what latency and CPU. N targets (default 20,000), handed over as healthy, each with its own
# keep-alive connection to a canned `200 ok` Netty server, every target checked every interval (DINP's defaults:
# 1 s, timeout 800 ms, body must contain "ok"); after a warm-up (3 s) it counts completed checks for 10 s.
# Baseline: the goal of 10,000 checks/s from one checker (one event-loop thread), printed as a ratio. For
# context it prints the time to detect a dead instance: HAProxy's defaults 3 x 2 s ~ 6 s, Kubernetes'
# 3 x 10 s ~ 30 s, and DINP's own configured bound (interval x fall + timeout).
# Usage: bench/hm.sh. Environment: BENCH_TARGETS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_INTERVAL_MS,
# BENCH_TIMEOUT_MS, BENCH_IO_THREADS, BENCH_BODY (substring to require, "" for none).
# Every connection is an open file at both ends: when the open-file limit cannot hold 2 per target, the server
# runs as a separate JVM (its CPU is then shown apart); when it cannot hold 1 per target, N is lowered.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
N=${BENCH_TARGETS:-20000}

find_jdk
JAVA="$DINP_JAVA_HOME/bin/java"
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK=$(mktemp -d); SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -o -q -B -pl dinp-hm -am install -DskipTests) >&2
(cd "$ROOT" && JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -o -q -B -pl dinp-hm dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt") >&2
CP="$ROOT/dinp-hm/target/test-classes:$ROOT/dinp-hm/target/classes:$(cat "$WORK/cp.txt")"
JOPTS=(--enable-native-access=ALL-UNNAMED -Xms1g -Xmx1g)

echo "open-file limit $(ulimit -n); $(nproc) CPUs; $("$JAVA" -version 2>&1 | head -1)"
if [ $((2 * N + 512)) -gt "$(ulimit -n)" ]; then
  # one port per 2,000 connections, as CheckerBench.portsFor does in process
  "$JAVA" "${JOPTS[@]}" -cp "$CP" io.dinp.hm.bench.BenchServer $(((N + 1999) / 2000)) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < 300; i++)); do grep -q '^listening on' "$WORK/server.log" && break; sleep 0.05; done
  PORT=$(sed -n 's/^listening on //p' "$WORK/server.log")
  [ -n "$PORT" ] || { cat "$WORK/server.log" >&2; die "the bench server did not start"; }
  export BENCH_SERVER="127.0.0.1:$PORT" BENCH_SERVER_PID=$SERVER_PID
fi
"$JAVA" "${JOPTS[@]}" -cp "$CP" io.dinp.hm.bench.CheckerBench
