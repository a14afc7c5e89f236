#!/usr/bin/env bash
# Issue 2's numbers, each beside its baseline in the same run:
#   1. scale 0 -> 10: PATCH instances=10 until 10 distinct instances answer through the router,
#      against starting the same 10 containers with plain `docker run` (parallel and one by one)
#      until each answers HTTP.
#   2. route propagation: the server learns of a change (an instance exited; a new instance
#      runs) -> the router has applied it; measured by the router, p50/p99/max.
# Usage: bench/core.sh [ROUNDS]   (default 3). Needs root on Debian (installs Docker, Redis, MariaDB).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
ROUNDS=${1:-3}

find_jdk; ensure_docker; ensure_redis; ensure_mariadb
"$ROOT/dinp" --version >/dev/null          # builds when needed
build_hello_image
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
WORK=$(mktemp -d); RUN=bench$$
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  docker ps -aq --filter "label=bench=$RUN" | xargs -r docker rm -f >/dev/null
  docker ps -aq --filter "label=io.dinp.node=$RUN-up" | xargs -r docker rm -f >/dev/null
  docker ps -aq --filter "label=io.dinp.node=$RUN-n1" | xargs -r docker rm -f >/dev/null
  mariadb -uroot -e "DROP DATABASE IF EXISTS $RUN" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

api() { # METHOD PATH [BODY]
  curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$API$2" ${3:+-d "$3"}
}

# ---------- 1. scale 0 -> 10 ----------
API=27070; RPORT=28080
"$JAVA" -jar "$JAR" up --data-dir "$WORK/up" --api-port $API --router-port $RPORT --node-id "$RUN-up" \
  --memory 4096 --stop-timeout 1 >"$WORK/up.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$API/healthz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cat "$WORK/up/admin-token")
api POST /api/v1/apps '{"name":"bench","image":"dinp-test/hello:v1","instances":0,"memory":128}' >/dev/null

raw_parallel() {
  local t0 i jobs=(); t0=$(now_ms)
  # only wait for our own children: the platform runs in the background of this shell too
  for i in $(seq 1 10); do
    docker run -d -m 128m --memory-swap 128m -e PORT=8080 -e DINP_INSTANCE=raw$i -p 8080 --label bench=$RUN \
      dinp-test/hello:v1 >/dev/null &
    jobs+=($!)
  done
  wait "${jobs[@]}"; jobs=()
  for c in $(docker ps -q --filter label=bench=$RUN); do
    await_http "$(docker port "$c" 8080/tcp | head -1 | sed 's/.*://')" &
    jobs+=($!)
  done
  wait "${jobs[@]}"
  echo $(($(now_ms) - t0))
  docker ps -aq --filter label=bench=$RUN | xargs -r docker rm -f >/dev/null
}

raw_serial() {
  local t0 i c; t0=$(now_ms)
  for i in $(seq 1 10); do
    c=$(docker run -d -m 128m --memory-swap 128m -e PORT=8080 -e DINP_INSTANCE=raw$i -p 8080 --label bench=$RUN dinp-test/hello:v1)
    await_http "$(docker port "$c" 8080/tcp | head -1 | sed 's/.*://')"
  done
  echo $(($(now_ms) - t0))
  docker ps -aq --filter label=bench=$RUN | xargs -r docker rm -f >/dev/null
}

dinp_scale() {
  local t0 seen n=0; t0=$(now_ms)
  api PATCH /api/v1/apps/bench '{"instances":10}' >/dev/null
  declare -A seen=()
  while [ ${#seen[@]} -lt 10 ] && [ $n -lt 20000 ]; do
    id=$(curl -fs -H 'Host: bench.apps.localhost' "http://127.0.0.1:$RPORT/" | sed -n 's/^instance=\([^ ]*\).*/\1/p') || true
    [ -n "$id" ] && seen[$id]=1
    n=$((n + 1))
  done
  echo $(($(now_ms) - t0))
  api PATCH /api/v1/apps/bench '{"instances":0}' >/dev/null
  for ((i = 0; i < 600; i++)); do
    [ -z "$(docker ps -aq --filter "label=io.dinp.node=$RUN-up")" ] && break; sleep 0.1
  done
}

: >"$WORK/par"; : >"$WORK/ser"; : >"$WORK/dinp"
for r in $(seq 1 "$ROUNDS"); do
  raw_parallel >>"$WORK/par"
  raw_serial >>"$WORK/ser"
  dinp_scale >>"$WORK/dinp"
done
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()
P=$(median <"$WORK/par"); S=$(median <"$WORK/ser"); D=$(median <"$WORK/dinp")
echo "== scale 0 -> 10 instances answering (median of $ROUNDS rounds, ms)"
printf '  %-44s %6s ms   runs: %s\n' "docker run x10 in parallel, until all answer" "$P" "$(tr '\n' ' ' <"$WORK/par")"
printf '  %-44s %6s ms   runs: %s\n' "docker run x10 one by one, each until it answers" "$S" "$(tr '\n' ' ' <"$WORK/ser")"
printf '  %-44s %6s ms   runs: %s\n' "DINP PATCH instances=10, until 10 via router" "$D" "$(tr '\n' ' ' <"$WORK/dinp")"
awk -v d="$D" -v p="$P" -v s="$S" 'BEGIN { printf "  ratio DINP / parallel docker run: %.2fx   DINP / serial docker run: %.2fx   (goal <= 1.5x)\n", d/p, d/s }'

# ---------- 2. route propagation (distributed: server, agent, router; MariaDB, Redis) ----------
SPORT=27071; API=27072; RPORT=28081
mariadb -uroot -e "CREATE DATABASE $RUN"
export DINP_DB_PASSWORD=dinp
DB=(--db-url "jdbc:mariadb://127.0.0.1:3306/$RUN" --db-user dinp)
"$JAVA" -jar "$JAR" server --port $SPORT "${DINP_REDIS_OPTS[@]}" "${DB[@]}" --data-dir "$WORK/server" \
  --settle 1 --drain 1 >"$WORK/server.log" 2>&1 &
PIDS+=($!)
# the control API is HTTPS with a certificate naming a role, not a host: -k only to see it is up
for ((i = 0; i < 600; i++)); do curl -fsk "https://127.0.0.1:$SPORT/healthz" >/dev/null && break; sleep 0.1; done
"$JAVA" -jar "$JAR" router --port $RPORT "${DINP_REDIS_OPTS[@]}" >"$WORK/router.log" 2>&1 &
PIDS+=($!)
"$JAVA" -jar "$JAR" dash --bind 127.0.0.1 --port $API --server https://127.0.0.1:$SPORT "${DB[@]}" --data-dir "$WORK/dash" \
  >"$WORK/dash.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$API/healthz" >/dev/null && break; sleep 0.1; done
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$RPORT/healthz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cat "$WORK/dash/admin-token")
(umask 077; api POST /api/v1/nodes/tokens '{"role":"node"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' \
  >"$WORK/join-token")
"$JAVA" -jar "$JAR" agent --server https://127.0.0.1:$SPORT --join-token-file "$WORK/join-token" --data-dir "$WORK/agent" \
  --node-id "$RUN-n1" --memory 4096 --stop-timeout 1 >"$WORK/agent.log" 2>&1 &
PIDS+=($!)
api POST /api/v1/apps '{"name":"prop","image":"dinp-test/hello:v1","instances":5,"memory":64}' >/dev/null
running() { api GET /api/v1/apps/prop | grep -c '"status":"running: 5/5' || true; }
for ((i = 0; i < 600; i++)); do [ "$(running)" = 1 ] && break; sleep 0.1; done
KILLS=${KILLS:-30}
for k in $(seq 1 "$KILLS"); do
  c=$(docker ps -q --filter "label=io.dinp.node=$RUN-n1" --filter label=io.dinp.app=prop | head -1)
  docker kill "$c" >/dev/null
  for ((i = 0; i < 600; i++)); do [ "$(running)" = 1 ] && break; sleep 0.05; done
done
echo "== route propagation: server learns of a change -> router applied ($KILLS exits + $KILLS new instances)"
curl -fs "http://127.0.0.1:$RPORT/healthz" | python3 -c '
import json,sys
h=json.load(sys.stdin); p=h.get("propagation",{})
print("  changes: %s   p50: %.2f ms   p99: %.2f ms   max: %.2f ms   (goal p99 <= 50 ms)" % (
  p.get("count"), p.get("p50Micros",0)/1000, p.get("p99Micros",0)/1000, p.get("maxMicros",0)/1000))'
