#!/usr/bin/env bash
# Issue 9's memory numbers: resident memory of an idle `dinp agent` (goal <= 100 MB) and of a `dinp router`
# under load (wrk through it to a hello app).
# A private cluster on this machine: redis-server, a MariaDB database of its own, `dinp server`, `dinp dash`
# (loopback), agents joined with one-time tokens, one router. Side by side in one run, each agent with
# the JVM flags of a launcher profile: "plain" (java -jar, the JVM's defaults: a heap of up to 1/4 of the
# machine's memory, G1) and "launcher" (what ./dinp passes to agents: scripts/lib.sh dinp_java_opts and
# dinp_java_env). BENCH_TRY="FLAGS[;FLAGS...]" adds one agent per set of flags ("try1", "try2", …: the
# launcher's environment and these flags instead of its options), to weigh a flag against the others in the
# same run.
# An idle agent is one that runs apps and has nothing to do: an app "hello" with one instance per agent is
# started (spread puts one on each), then the agents idle BENCH_SETTLE_SECONDS (60) and their memory is
# read: VmRSS from /proc/PID/status, split into anonymous and file-backed pages (libjvm.so, the JDK's class
# data archive: pages every JVM on the host shares), then Private (pages no other process maps) and Pss
# (shared pages divided among their users) from /proc/PID/smaps_rollup, and /metrics' heap, classes and
# threads, and the CPU time each used to start (join, launch its instance) and while idling. The goal is on
# VmRSS, the figure top and ps show. Then BENCH_LOAD_SECONDS (20) of wrk -t2 -c50
# through the router to the hello instances; the router's memory is read at the end of the load and its
# requests/s printed.
# BENCH_NMT=1 adds Native Memory Tracking to every agent and prints its summary (where the RSS goes).
# Usage: bench/rss.sh. Needs root on Debian (installs MariaDB, Redis, wrk if missing) and the hello image
# (scripts/hello-image.sh). Takes about 3 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
SETTLE=${BENCH_SETTLE_SECONDS:-60}
LOAD=${BENCH_LOAD_SECONDS:-20}

find_jdk
for tool in wrk:wrk redis-server:redis-server; do
  command -v "${tool%%:*}" >/dev/null || apt_install "${tool#*:}"
done
ensure_docker
ensure_mariadb
docker image inspect dinp-test/hello:v1 >/dev/null 2>&1 || "$ROOT/scripts/hello-image.sh" >&2
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$JAR" -print -quit)" ]; then
  log "building DINP…"
  (cd "$ROOT" && JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -q -B -DskipTests package) >&2
fi
RUN=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
DB=dinp_bench_rss_$RUN
APP=rss$RUN   # an app of this run's own: its network (dinp-$APP) is removed with it
IFS=';' read -r -a TRIES <<<"${BENCH_TRY:-}"
PROFILES=(plain launcher)
for ((i = 1; i <= ${#TRIES[@]}; i++)); do PROFILES+=("try$i"); done
WORK=$(mktemp -d); PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  (wait_for 30 "Docker Engine" docker info) || true   # someone may be restarting it: the instances outlive that
  for profile in "${PROFILES[@]}"; do
    docker ps -aq --filter "label=io.dinp.node=rss-$RUN-$profile" | xargs -r docker rm -f >/dev/null 2>&1 || true
  done
  docker network rm "dinp-$APP" >/dev/null 2>&1 || true
  mariadb -uroot -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# VmRSS, then its anonymous and file-backed parts (libjvm.so and the JDK's class data archive are file
# pages every JVM on the host shares); then, from smaps_rollup, Private (pages this process alone maps) and
# Pss (each shared page divided among the processes that map it).
rss_mb() {
  awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2}
       END {printf "%.1f MB (anon %.1f, file %.1f)", r / 1024, a / 1024, f / 1024}' "/proc/$1/status"
  awk '/^Pss:/ {s = $2} /^Private_(Clean|Dirty):/ {p += $2}
       END {printf ", private %.1f, pss %.1f", p / 1024, s / 1024}' "/proc/$1/smaps_rollup"
}
# user + system CPU time of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15)
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
classes_threads() {
  curl -fs "http://127.0.0.1:$1/metrics" | awk '/^jvm_classes_loaded_classes / {c = $NF} /^jvm_threads_live_threads / {t = $NF}
    END {printf "%d classes, %d threads", c, t}'
}
heap_mb() {
  curl -fs "http://127.0.0.1:$1/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.1f", s / 1048576}'
}
# The environment and JVM options of an agent profile, one word a line: env words, "--", options.
profile_flags() {
  case "$1" in
    plain) echo -- ;;
    launcher) { dinp_java_env agent; echo; echo --; dinp_java_opts agent; echo; } | tr ' ' '\n' | grep -v '^$' ;;
    try*) { dinp_java_env agent; echo; echo --; echo "${TRIES[${1#try} - 1]}"; } | tr ' ' '\n' | grep -v '^$' ;;
  esac
}

mariadb -uroot -e "CREATE DATABASE $DB CHARACTER SET utf8mb4"
export DINP_DB_PASSWORD=dinp
DBARGS=(--db-url "jdbc:mariadb://127.0.0.1:3306/$DB" --db-user dinp)
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
wait_for 20 "redis-server" redis-cli -p "$REDIS_PORT" ping
SPORT=$(free_port); APORT=$(free_port); RPORT=$(free_port); RMETRICS=$(free_port)
"$JAVA" -jar "$JAR" server "${DBARGS[@]}" --redis "redis://127.0.0.1:$REDIS_PORT" --port "$SPORT" \
  --data-dir "$WORK/server" --settle 1 >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for 60 "server (log in $WORK)" test -f "$WORK/server/pki/ca/ca.pem"
"$JAVA" -jar "$JAR" dash "${DBARGS[@]}" --server "https://127.0.0.1:$SPORT" --bind 127.0.0.1 --port "$APORT" \
  --data-dir "$WORK/dash" >"$WORK/dash.log" 2>&1 &
PIDS+=($!)
wait_for 90 "dash (log in $WORK)" curl -fs -o /dev/null "http://127.0.0.1:$APORT/healthz"
TOKEN=$(cat "$WORK/dash/admin-token")
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -X "$1" "http://127.0.0.1:$APORT$2" ${3:+-d "$3"}; }

declare -A AGENT_PID AGENT_METRICS AGENT_FLAGS
for profile in "${PROFILES[@]}"; do
  node="rss-$RUN-$profile"
  api POST /api/v1/nodes/tokens '{"role":"node","ttl":"10m"}' | json_field token >"$WORK/token-$profile"
  chmod 600 "$WORK/token-$profile"
  mapfile -t words < <(profile_flags "$profile")
  jenv=(); opts=(); seen=0
  for w in "${words[@]}"; do
    if [ "$w" = -- ]; then seen=1; elif [ "$seen" = 0 ]; then jenv+=("$w"); else opts+=("$w"); fi
  done
  AGENT_FLAGS[$profile]=$(echo "${jenv[*]}" "${opts[*]}")
  [ "${BENCH_NMT:-0}" = 1 ] && opts+=(-XX:NativeMemoryTracking=summary)
  AGENT_METRICS[$profile]=$(free_port)
  env "${jenv[@]}" "$JAVA" "${opts[@]}" -jar "$JAR" agent --server "https://127.0.0.1:$SPORT" --join-token-file "$WORK/token-$profile" \
    --node-id "$node" --memory 1024 --log-port 0 --data-dir "$WORK/agent-$profile" \
    --metrics-port "${AGENT_METRICS[$profile]}" >"$WORK/agent-$profile.log" 2>&1 &
  AGENT_PID[$profile]=$!; PIDS+=($!)
done
for profile in "${PROFILES[@]}"; do
  wait_for 60 "agent $profile (log in $WORK)" curl -fs -o /dev/null "http://127.0.0.1:${AGENT_METRICS[$profile]}/healthz"
done

read -r -a ropts <<<"$(dinp_java_opts router)"
"$JAVA" "${ropts[@]}" -jar "$JAR" router --redis "redis://127.0.0.1:$REDIS_PORT" --bind 127.0.0.1 --port "$RPORT" \
  --metrics-port "$RMETRICS" >"$WORK/router.log" 2>&1 &
ROUTER=$!; PIDS+=($!)
wait_for 60 "router (log in $WORK)" curl -fs -o /dev/null "http://127.0.0.1:$RMETRICS/healthz"
# one instance per agent: placement spreads an app's instances over the nodes
api POST /api/v1/apps "{\"name\":\"$APP\",\"image\":\"dinp-test/hello:v1\",\"instances\":${#PROFILES[@]},\"memory\":64}" >/dev/null
running() { docker ps -q --filter "label=io.dinp.node=rss-$RUN-$1" --filter status=running | wc -l; }
all_running() { local p; for p in "${PROFILES[@]}"; do [ "$(running "$p")" -ge 1 ] || return 1; done; }
wait_for 120 "an instance of $APP on every agent" all_running
wait_for 60 "$APP through the router" curl -fs -o /dev/null -H "Host: $APP.apps.localhost" "http://127.0.0.1:$RPORT/"

echo "== idle agent: memory after ${SETTLE}s running one app instance, nothing to do (goal <= 100 MB RSS)"
declare -A CPU0
for profile in "${PROFILES[@]}"; do CPU0[$profile]=$(cpu_ticks "${AGENT_PID[$profile]}"); done
sleep "$SETTLE"
for profile in "${PROFILES[@]}"; do
  cpu_ms=$(( ($(cpu_ticks "${AGENT_PID[$profile]}") - CPU0[$profile]) * 1000 / $(getconf CLK_TCK) ))
  printf 'agent %-9s RSS %s   heap used %s MB, %s, %s container(s), CPU %d ms to start, %d ms idle   (%s)\n' "$profile" \
    "$(rss_mb "${AGENT_PID[$profile]}")" "$(heap_mb "${AGENT_METRICS[$profile]}")" "$(classes_threads "${AGENT_METRICS[$profile]}")" \
    "$(running "$profile")" $((CPU0[$profile] * 1000 / $(getconf CLK_TCK))) "$cpu_ms" "${AGENT_FLAGS[$profile]:-JVM defaults}"
  if [ "${BENCH_NMT:-0}" = 1 ]; then
    "$DINP_JAVA_HOME/bin/jcmd" "${AGENT_PID[$profile]}" VM.native_memory summary scale=MB \
      | grep -E '^(Total|-  *[A-Za-z ]+ \(reserved)' | sed 's/^/    /'
  fi
done

echo "== router under load: wrk -t2 -c50 -d${LOAD}s to ${#PROFILES[@]} hello instances (router flags: ${ropts[*]:-none})"
printf 'router idle     RSS %s\n' "$(rss_mb "$ROUTER")"
wrk -t2 -c50 -d"${LOAD}s" -H "Host: $APP.apps.localhost" "http://127.0.0.1:$RPORT/" >"$WORK/wrk.txt" &
WRK=$!
sleep $((LOAD - 1))
printf 'router loaded   RSS %s   heap used %s MB\n' "$(rss_mb "$ROUTER")" "$(heap_mb "$RMETRICS")"
wait "$WRK"
grep -E "Requests/sec|Non-2xx|Socket errors" "$WORK/wrk.txt" | sed 's/^ */wrk: /'
echo "note: load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
