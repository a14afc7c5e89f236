#!/usr/bin/env bash
# Issue 9's failover number: two servers over MariaDB (one leads, one stands by), one agent, dash.
# Each round kill -9s the leading server and, at the same moment, scales an app up by one; it
# measures the time from the kill to the first new placement (the new instance's container
# exists on the agent's Docker) and to that instance running, then restarts the killed server
# as the new standby. Goal: <= 5 s to the first new placement.
# Usage: bench/failover.sh [ROUNDS]   (default 5). LEASE=2s SETTLE=2 override the servers' --lease
# and --settle. Needs root on Debian (installs Docker, Redis, MariaDB).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
ROUNDS=${1:-5}
LEASE=${LEASE:-2s}
SETTLE=${SETTLE:-2}

find_jdk; ensure_docker; ensure_redis; ensure_mariadb
"$ROOT/dinp" --version >/dev/null          # builds when needed
build_hello_image
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
WORK=$(mktemp -d); RUN=bench$$
declare -A SPID=()
PIDS=()
cleanup() {
  for p in "${PIDS[@]}" "${SPID[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}" "${SPID[@]}"; do wait "$p" 2>/dev/null || true; done
  docker ps -aq --filter "label=io.dinp.node=$RUN-n1" | xargs -r docker rm -f >/dev/null
  mariadb -uroot -e "DROP DATABASE IF EXISTS $RUN" 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

S1=$(free_port); S2=$(free_port); API=$(free_port)
mariadb -uroot -e "CREATE DATABASE $RUN"
export DINP_DB_PASSWORD=dinp
DB=(--db-url "jdbc:mariadb://127.0.0.1:3306/$RUN" --db-user dinp)

start_server() { # PORT: both share one data directory, so one CA
  "$JAVA" -Xmx256m -jar "$JAR" server --port "$1" --advertise "https://127.0.0.1:$1" "${DINP_REDIS_OPTS[@]}" "${DB[@]}" \
    --data-dir "$WORK/server" --lease "$LEASE" --settle "$SETTLE" --drain 1 >>"$WORK/server-$1.log" 2>&1 &
  SPID[$1]=$!
  # the control API is HTTPS with a certificate naming a role, not a host: -k only to see it is up
  for ((i = 0; i < 600; i++)); do curl -fsk "https://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "server on $1 did not start" >&2; tail "$WORK/server-$1.log" >&2; return 1
}
role() { curl -fsk --max-time 2 "https://127.0.0.1:$1/healthz" 2>/dev/null | json_field role; }

start_server "$S1"; start_server "$S2"
SERVERS="https://127.0.0.1:$S1,https://127.0.0.1:$S2"
"$JAVA" -Xmx256m -jar "$JAR" dash --bind 127.0.0.1 --port "$API" --server "$SERVERS" "${DB[@]}" --data-dir "$WORK/dash" \
  >"$WORK/dash.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$API/healthz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cat "$WORK/dash/admin-token")
api() { curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$API$2" ${3:+-d "$3"}; }
(umask 077; api POST /api/v1/nodes/tokens '{"role":"node"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' \
  >"$WORK/join-token")
"$JAVA" -Xmx256m -jar "$JAR" agent --server "$SERVERS" --join-token-file "$WORK/join-token" --data-dir "$WORK/agent" \
  --node-id "$RUN-n1" --memory 8192 --stop-timeout 1 >"$WORK/agent.log" 2>&1 &
PIDS+=($!)

N=1
api POST /api/v1/apps '{"name":"fo","image":"dinp-test/hello:v1","instances":1,"memory":32}' >/dev/null
containers() { docker ps -q --filter "label=io.dinp.node=$RUN-n1" --filter label=io.dinp.app=fo | wc -l; }
running() { api GET /api/v1/apps/fo | grep -c "\"status\":\"running: $1/$1" || true; }
for ((i = 0; i < 1200; i++)); do [ "$(running $N)" = 1 ] && break; sleep 0.1; done

: >"$WORK/placed"; : >"$WORK/running"
for r in $(seq 1 "$ROUNDS"); do
  leader=""
  for ((i = 0; i < 300; i++)); do
    for p in "$S1" "$S2"; do [ "$(role "$p")" = leader ] && leader=$p; done
    [ -n "$leader" ] && break
    sleep 0.1
  done
  [ -n "$leader" ] || { echo "no leader" >&2; exit 1; }
  before=$(containers)
  t0=$(now_ms)
  kill -9 "${SPID[$leader]}"; wait "${SPID[$leader]}" 2>/dev/null || true
  N=$((N + 1))
  api PATCH /api/v1/apps/fo "{\"instances\":$N}" >/dev/null &   # dash waits for a leader to tell
  for ((i = 0; i < 1200; i++)); do [ "$(containers)" -gt "$before" ] && break; sleep 0.05; done
  echo $(($(now_ms) - t0)) >>"$WORK/placed"
  for ((i = 0; i < 1200; i++)); do [ "$(running $N)" = 1 ] && break; sleep 0.05; done
  echo $(($(now_ms) - t0)) >>"$WORK/running"
  wait $! 2>/dev/null || true
  start_server "$leader"                                        # back as the standby
  sleep 1
done

max() { sort -n | tail -1; }
echo "== failover: kill -9 of the leading server -> first new placement ($ROUNDS rounds, lease $LEASE, settle ${SETTLE}s)"
printf '  %-40s p50 %6s ms   max %6s ms   runs: %s\n' "kill -> new container created" \
  "$(median <"$WORK/placed")" "$(max <"$WORK/placed")" "$(tr '\n' ' ' <"$WORK/placed")"
printf '  %-40s p50 %6s ms   max %6s ms   runs: %s\n' "kill -> app running N/N" \
  "$(median <"$WORK/running")" "$(max <"$WORK/running")" "$(tr '\n' ' ' <"$WORK/running")"
echo "  goal: <= 5000 ms to the first new placement"
