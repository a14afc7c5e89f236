#!/usr/bin/env bash
# Issue 4's numbers, each beside a baseline measured in the same run:
#   1. detection time, crashed instance (docker kill) and hung instance (SIGSTOP to all its
#      processes, port still open): until DINP takes it out of the routes, against HAProxy 2.6
#      with its default checks (inter 2 s, fall 3) on plain `docker run` containers of the same image.
#   2. failed requests under load (wrk through the router): during a rolling deploy of 3
#      instances, and while one of 3 instances is killed; HAProxy with default settings and
#      `option httpchk` for the instance loss.
#   3. checks per second of one health monitor (bench/hm.sh), unless SKIP_HM_BENCH=1.
# Anchors: HAProxy default fall 3 x 2 s ~ 6 s; Kubernetes readiness 3 x 10 s ~ 30 s.
# Usage: bench/health.sh [ROUNDS]  (default 5). Needs root on Debian (installs Docker, wrk, HAProxy).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
ROUNDS=${1:-5}

find_jdk; ensure_docker
for tool in wrk haproxy socat; do
  command -v $tool >/dev/null || apt_install $tool
done
"$ROOT/dinp" --version >/dev/null          # builds when needed
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
ensure_busybox_static
build_web_image dinp-test/web:v1 v1 yes; build_web_image dinp-test/web:v2 v2 yes
WORK=$(mktemp -d); RUN=hbench$$
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  docker ps -aq --filter "label=bench=$RUN" | xargs -r docker rm -f >/dev/null
  docker ps -aq --filter "label=io.dinp.node=$RUN" | xargs -r docker rm -f >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

API=$(free_port); RPORT=$(free_port); HPORT=$(free_port)
api() { curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$API$2" ${3:+-d "$3"}; }
"$JAVA" -jar "$JAR" up --data-dir "$WORK/up" --api-port "$API" --router-port "$RPORT" --node-id "$RUN" \
  --memory 4096 --stop-timeout 1 >"$WORK/up.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$API/healthz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cat "$WORK/up/admin-token")
api POST /api/v1/apps '{"name":"web","image":"dinp-test/web:v1","instances":3,"memory":64,"health":{"path":"/health","bodyContains":"ok"}}' >/dev/null
await_running() {
  for ((i = 0; i < 1200; i++)); do
    [[ "$(api GET /api/v1/apps/web)" == *'"status":"running: 3/3 instances running"'* ]] && return 0; sleep 0.05
  done
  echo "web never got back to 3/3" >&2; return 1
}
await_running

# SIGSTOP every process of a container (its init and the server): the port stays open, nothing answers
freeze() {
  local pid; pid=$(docker inspect -f '{{.State.Pid}}' "$1")
  kill -STOP "$pid" $(cat "/proc/$pid/task/$pid/children" 2>/dev/null) 2>/dev/null || true
}
# the id and container of one ready DINP instance
pick() {
  local id; id=$(api GET /api/v1/apps/web/instances | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["ready"]][0])')
  echo "$id $(docker ps -q --filter "label=io.dinp.instance=$id")"
}
# ms until the instance is out of the routes (not ready, or gone), polled every ~10 ms
until_unrouted() {
  local id=$1 t0=$2
  for ((i = 0; i < 6000; i++)); do
    api GET /api/v1/apps/web/instances | python3 -c "import json,sys; sys.exit(0 if any(i['id']=='$id' and i['ready'] for i in json.load(sys.stdin)) else 1)" \
      || { echo $(($(now_ms) - t0)); return 0; }
    sleep 0.01
  done
  echo "instance $id never left the routes" >&2; return 1
}

: >"$WORK/d-crash"; : >"$WORK/d-hang"
for r in $(seq 1 "$ROUNDS"); do
  read -r id c < <(pick); t0=$(now_ms); docker kill "$c" >/dev/null; until_unrouted "$id" "$t0" >>"$WORK/d-crash"; await_running
  read -r id c < <(pick); t0=$(now_ms); freeze "$c"; until_unrouted "$id" "$t0" >>"$WORK/d-hang"; await_running
done

# ---------- HAProxy with default checks on plain containers of the same image ----------
for n in 1 2 3; do
  docker run -d -m 64m -e PORT=8080 -e DINP_INSTANCE=raw$n -p 127.0.0.1::8080 --label bench=$RUN dinp-test/web:v1 >/dev/null
done
haproxy_cfg() {
  { echo "global"; echo "  stats socket $WORK/haproxy.sock mode 600 level admin"
    echo "defaults"; echo "  mode http"; echo "  timeout connect 5s"; echo "  timeout client 30s"; echo "  timeout server 30s"
    echo "listen web"; echo "  bind 127.0.0.1:$HPORT"; echo "  option httpchk GET /health"
    local n=0
    for c in $(docker ps -q --filter label=bench=$RUN); do
      n=$((n + 1)); echo "  server s$n $(docker port "$c" 8080/tcp | head -1) check"
    done; } >"$WORK/haproxy.cfg"
}
haproxy_start() {
  haproxy_cfg
  haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
  HAPROXY=$!; PIDS+=($HAPROXY)
  for ((i = 0; i < 300; i++)); do
    [ "$(echo "show stat" | socat stdio "$WORK/haproxy.sock" 2>/dev/null | grep -c ',UP,')" = 3 ] && return 0; sleep 0.1
  done
  echo "haproxy never saw 3 servers up" >&2; return 1
}
haproxy_stop() { kill "$HAPROXY" 2>/dev/null; wait "$HAPROXY" 2>/dev/null || true; }
# ms until HAProxy marks the server of this host port DOWN
haproxy_down() {
  local port=$1 t0=$2
  for ((i = 0; i < 6000; i++)); do
    # the whole table first: grep -q's early exit under pipefail could fail the pipeline (SIGPIPE)
    grep -q "^web,s[0-9]*,.*,DOWN" <<<"$(echo "show stat" | socat stdio "$WORK/haproxy.sock")" && { echo $(($(now_ms) - t0)); return 0; }
    sleep 0.01
  done
  echo "haproxy never marked :$port down" >&2; return 1
}
replace_raw() { # removes container $1, starts a fresh one
  docker rm -f "$1" >/dev/null
  docker run -d -m 64m -e PORT=8080 -e DINP_INSTANCE=raw -p 127.0.0.1::8080 --label bench=$RUN dinp-test/web:v1 >/dev/null
}
: >"$WORK/h-crash"; : >"$WORK/h-hang"
for r in $(seq 1 "$ROUNDS"); do
  for kind in crash hang; do
    haproxy_start
    c=$(docker ps -q --filter label=bench=$RUN | head -1); port=$(docker port "$c" 8080/tcp | head -1 | sed 's/.*://')
    t0=$(now_ms)
    if [ $kind = crash ]; then docker kill "$c" >/dev/null; else freeze "$c"; fi
    haproxy_down "$port" "$t0" >>"$WORK/h-$kind"
    haproxy_stop; replace_raw "$c"
  done
done

# ---------- failed requests under load ----------
wrk_run() { # SECONDS URL HOST -> "total non2xx connect read write timeout"
  wrk -t2 -c8 -d"$1"s -H "Host: $3" "$2" 2>&1 | awk '
    /requests in/ {total=$1}
    /Non-2xx or 3xx responses/ {n=$NF}
    /Socket errors/ {gsub(/,/,""); c=$4; r=$6; w=$8; t=$10}
    END {print total+0, n+0, c+0, r+0, w+0, t+0}'
}
LOAD=${LOAD_SECONDS:-12}
: >"$WORK/f-deploy"; : >"$WORK/f-kill"; : >"$WORK/f-hkill"
for r in $(seq 1 "$ROUNDS"); do
  v=$([ $((r % 2)) = 1 ] && echo v2 || echo v1)
  wrk_run "$LOAD" "http://127.0.0.1:$RPORT/" web.apps.localhost >"$WORK/w" &
  W=$!; sleep 2; api PATCH /api/v1/apps/web "{\"image\":\"dinp-test/web:$v\"}" >/dev/null
  wait $W; cat "$WORK/w" >>"$WORK/f-deploy"; await_running

  wrk_run "$LOAD" "http://127.0.0.1:$RPORT/" web.apps.localhost >"$WORK/w" &
  W=$!; sleep 2; read -r id c < <(pick); docker kill "$c" >/dev/null
  wait $W; cat "$WORK/w" >>"$WORK/f-kill"; await_running

  haproxy_start
  wrk_run "$LOAD" "http://127.0.0.1:$HPORT/" web >"$WORK/w" &
  W=$!; sleep 2; c=$(docker ps -q --filter label=bench=$RUN | head -1); docker kill "$c" >/dev/null
  wait $W; cat "$WORK/w" >>"$WORK/f-hkill"; haproxy_stop; replace_raw "$c"
done

row() { printf '  %-58s %7s ms   runs: %s\n' "$1" "$(median <"$2")" "$(tr '\n' ' ' <"$2")"; }
echo "== detection: failure -> out of the routes (median of $ROUNDS, ms)"
row "DINP, crashed instance (docker kill)" "$WORK/d-crash"
row "HAProxy default checks, crashed server" "$WORK/h-crash"
row "DINP, hung instance (SIGSTOP, port open)" "$WORK/d-hang"
row "HAProxy default checks, hung server" "$WORK/h-hang"
awk -v a="$(median <"$WORK/d-crash")" -v b="$(median <"$WORK/h-crash")" -v c="$(median <"$WORK/d-hang")" -v d="$(median <"$WORK/h-hang")" \
  'BEGIN { printf "  ratio DINP / HAProxy: crash %.2fx, hang %.2fx   (goals: crash <= 1000 ms, hang <= 3000 ms)\n", a/b, c/d }'
sum() {
  awk '{t+=$1; n+=$2; c+=$3; r+=$4; w+=$5; o+=$6} END {
    printf "%d failed of %d requests (non-2xx %d, connect %d, read %d, write %d, timeout %d)", n+c+r+w+o, t, n, c, r, w, o}' "$1"
}
echo "== failed requests under load (wrk -t2 -c8, ${LOAD} s per round, $ROUNDS rounds)"
echo "  DINP rolling deploy of 3 instances:           $(sum "$WORK/f-deploy")"
echo "  DINP, one of 3 instances killed:              $(sum "$WORK/f-kill")"
echo "  HAProxy defaults, one of 3 servers killed:    $(sum "$WORK/f-hkill")"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true

if [ "${SKIP_HM_BENCH:-0}" != 1 ] && [ -x "$ROOT/bench/hm.sh" ]; then
  echo "== one health monitor's throughput"
  "$ROOT/bench/hm.sh"
fi
