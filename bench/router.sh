#!/usr/bin/env bash
# Issue 5's numbers: the DINP router's data path beside nginx and HAProxy, in one run on this machine,
# all in front of the SAME backend (an nginx of its own on loopback serving two static files: 13 bytes
# and 1 MiB). Four paths, each measured with wrk -t2 --latency at every connection count and size:
#   1. direct: wrk -> backend (the ceiling; no proxy);
#   2. nginx reverse proxy: proxy_pass to an upstream with keepalive 64, proxy_http_version 1.1,
#      proxy_set_header Connection "", worker_processes auto (otherwise nginx's defaults, so
#      proxy_buffering is on);
#   3. HAProxy 2.6: mode http, http-reuse always, nbthread 2;
#   4. DINP router: `java -jar dinp.jar router` as its own process (default JVM flags), its route
#      table (one app, one backend) written to a private redis-server the way the server publishes it.
# For each: requests/s, p50 and p99 latency, failed requests, and the proxy's RSS (VmRSS at the end of
# the load; nginx: its workers summed) and CPU (share of one core over the measured run, and CPU time
# per request, which a busy neighbour on the box disturbs less than requests/s).
# Baselines: nginx and HAProxy on the same box and backend; printed as DINP / nginx ratios. Goal (issue 5):
# DINP >= 1.0x nginx throughput and p99 no worse than nginx, at every point.
# Every path gets one initial warm-up (also the router's JIT warm-up), then a short warm-up at each point;
# the paths take turns at each point, so a noisy neighbour on the box hits them alike.
# Route propagation (server change -> router applied) is bench/core.sh's second part; not measured here.
# Usage: bench/router.sh. Environment: BENCH_SECONDS (10) per point, BENCH_WARMUP_SECONDS (2) per point,
# BENCH_INITIAL_WARMUP_SECONDS (5) per path, BENCH_CONNECTIONS ("50 200 1000"), BENCH_SIZES ("small 1m"),
# BENCH_PATHS ("direct nginx haproxy dinp"), BENCH_WRK_THREADS (2), BENCH_WRK_TIMEOUT (10s),
# BENCH_ROUTER_JAVA_OPTS (extra JVM flags for the router, none by default), BENCH_BEFORE_JAR (another
# build's dinp.jar, e.g. of the commit before a change: it runs as a fifth path, "before", and the report
# adds DINP / before ratios, so a change's effect is measured in the same run).
# Defaults take about 5.5 minutes. Needs root on Debian (installs nginx, HAProxy, wrk, Redis if missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
SECONDS_PER_POINT=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP_SECONDS:-2}
INITIAL_WARMUP=${BENCH_INITIAL_WARMUP_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-"50 200 1000"}
SIZES=${BENCH_SIZES:-"small 1m"}
BEFORE_JAR=${BENCH_BEFORE_JAR:-}
[ -z "$BEFORE_JAR" ] || [ -f "$BEFORE_JAR" ] || die "BENCH_BEFORE_JAR: no file $BEFORE_JAR"
PATHS=${BENCH_PATHS:-"direct nginx haproxy dinp${BEFORE_JAR:+ before}"}
[[ -n "$BEFORE_JAR" || " $PATHS " != *" before "* ]] || die "the path 'before' needs BENCH_BEFORE_JAR"
WRK_THREADS=${BENCH_WRK_THREADS:-2}
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-10s}
read -r -a ROUTER_OPTS <<<"${BENCH_ROUTER_JAVA_OPTS:-}"
HOST=bench.apps.localhost   # the app "bench" under the router's default apps domain

find_jdk
for tool in wrk:wrk nginx:nginx haproxy:haproxy redis-server:redis-server redis-cli:redis-tools; do
  command -v "${tool%%:*}" >/dev/null || apt_install "${tool#*:}"
done
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
# Build the launcher jar when missing or older than the sources (package only: nothing goes to ~/.m2).
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$JAR" -print -quit)" ]; then
  log "building DINP…"
  (cd "$ROOT" && JAVA_HOME="$DINP_JAVA_HOME" ./mvnw -q -B -DskipTests package) >&2
fi
# 1,000 client connections are 2,000+ open files in a proxy.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
max_conns=0; for c in $CONNS; do [ "$c" -gt "$max_conns" ] && max_conns=$c; done
[ $((2 * max_conns + 256)) -le "$NOFILE" ] || die "the open-file limit ($NOFILE) is too low for $max_conns connections through a proxy"

WORK=$(mktemp -d); chmod 755 "$WORK"   # nginx's workers run unprivileged and read the files
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# distinct free ports
PORTS=()
while [ ${#PORTS[@]} -lt 6 ]; do
  p=$(free_port); [[ " ${PORTS[*]} " == *" $p "* ]] || PORTS+=("$p")
done
BPORT=${PORTS[0]}; NPORT=${PORTS[1]}; HPORT=${PORTS[2]}; RPORT=${PORTS[3]}; REDIS_PORT=${PORTS[4]}; BEFORE_PORT=${PORTS[5]}

# ---------- the backend: nginx serving two static files ----------
mkdir -p "$WORK/www" "$WORK/backend" "$WORK/proxy"
printf 'hello, world\n' >"$WORK/www/small"             # 13 bytes
head -c 1048576 /dev/urandom >"$WORK/www/1m"
chmod 644 "$WORK/www/"*; chmod 755 "$WORK/www"
nginx_common() { # PREFIX -> the parts both nginx instances share
  cat <<CONF
worker_processes auto;
worker_rlimit_nofile $NOFILE;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $1/client_body;
  proxy_temp_path $1/proxy_temp;
  fastcgi_temp_path $1/fastcgi; uwsgi_temp_path $1/uwsgi; scgi_temp_path $1/scgi;
CONF
}
{ nginx_common "$WORK/backend"
  cat <<CONF
  sendfile on;
  server {
    listen 127.0.0.1:$BPORT backlog=4096;
    root $WORK/www;
  }
}
CONF
} >"$WORK/backend/nginx.conf"
{ nginx_common "$WORK/proxy"
  cat <<CONF
  upstream backend {
    server 127.0.0.1:$BPORT;
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$NPORT backlog=4096;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
} >"$WORK/proxy/nginx.conf"
HAPROXY_MAXCONN=$((NOFILE / 2 - 100)); [ "$HAPROXY_MAXCONN" -gt 20000 ] && HAPROXY_MAXCONN=20000
cat >"$WORK/haproxy.cfg" <<CONF
global
  nbthread 2
  maxconn $HAPROXY_MAXCONN
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  http-reuse always
listen bench
  bind 127.0.0.1:$HPORT
  server backend 127.0.0.1:$BPORT
CONF

start_nginx() { # DIR -> the master's pid
  nginx -e "$1/error.log" -p "$1" -c "$1/nginx.conf" -g 'daemon off;' >"$1/stdout.log" 2>&1 &
  PIDS+=($!); echo $! >"$1/master.pid"
}
start_nginx "$WORK/backend"
start_nginx "$WORK/proxy"
NGINX_MASTER=$(cat "$WORK/proxy/master.pid")
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!; PIDS+=($HAPROXY_PID)

# ---------- the DINP router, routes from a private Redis ----------
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
wait_for 20 "redis-server" redis-cli -p "$REDIS_PORT" ping
# The snapshot key as RedisRoutePublisher writes it (RedisRouteKeys.DEFAULT, Json of RouteTable): the router
# reads it when it subscribes (RedisRouteSubscriber -> RouteFeed.resync), so no change message is needed.
redis-cli -p "$REDIS_PORT" SET dinp:routes:snapshot \
  "{\"version\":1,\"apps\":{\"bench\":[{\"instanceId\":\"bench-1\",\"host\":\"127.0.0.1\",\"port\":$BPORT}]}}" >/dev/null
"$JAVA" "${ROUTER_OPTS[@]}" -jar "$JAR" router --redis "redis://127.0.0.1:$REDIS_PORT" --bind 127.0.0.1 --port "$RPORT" \
  >"$WORK/router.log" 2>&1 &
ROUTER_PID=$!; PIDS+=($ROUTER_PID)
BEFORE_PID=
if [ -n "$BEFORE_JAR" ]; then
  "$JAVA" "${ROUTER_OPTS[@]}" -jar "$BEFORE_JAR" router --redis "redis://127.0.0.1:$REDIS_PORT" --bind 127.0.0.1 \
    --port "$BEFORE_PORT" >"$WORK/router-before.log" 2>&1 &
  BEFORE_PID=$!; PIDS+=($BEFORE_PID)
fi

url() { # PATH SIZE
  case $1 in direct) echo "http://127.0.0.1:$BPORT/$2" ;; nginx) echo "http://127.0.0.1:$NPORT/$2" ;;
    haproxy) echo "http://127.0.0.1:$HPORT/$2" ;; dinp) echo "http://127.0.0.1:$RPORT/$2" ;;
    before) echo "http://127.0.0.1:$BEFORE_PORT/$2" ;; esac
}
answers() { curl -fs -o /dev/null -H "Host: $HOST" "$(url "$1" small)"; }
for p in direct nginx haproxy dinp ${BEFORE_JAR:+before}; do wait_for 60 "the $p path (logs in $WORK)" answers "$p"; done

# the proxy's processes: pids to sum RSS and CPU over (none for direct)
proxy_pids() {
  case $1 in nginx) pgrep -P "$NGINX_MASTER" | tr '\n' ' ' ;; haproxy) echo "$HAPROXY_PID" ;; dinp) echo "$ROUTER_PID" ;; before) echo "$BEFORE_PID" ;; esac
}
rss_kb() { local p t=0 v; for p in "$@"; do v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); t=$((t + ${v:-0})); done; echo $t; }
cpu_ticks() { local p t=0 v; for p in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); t=$((t + ${v:-0})); done; echo $t; }
HZ=$(getconf CLK_TCK)

# wrk output -> "req/s p50ms p99ms failed requests"
wrk_parse() {
  awk 'function ms(v) {
         if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
         if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
         if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
         if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
         return v + 0 }
       $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)} /^Requests\/sec/ {rps = $2}
       /Non-2xx or 3xx responses/ {n = $NF}
       /Socket errors/ {gsub(/,/, ""); e = $4 + $6 + $8 + $10}
       / requests in / {total = $1}
       END {printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, n + e, total}'
}
wrk_run() { # SECONDS CONNS URL
  wrk -t"$WRK_THREADS" -c"$2" -d"$1"s --timeout "$WRK_TIMEOUT" --latency -H "Host: $HOST" "$3"
}

# measure PATH SIZE CONNS -> a result line in $WORK/results
measure() {
  local path=$1 size=$2 c=$3 pids t0 c0 c1 t1 rss=0 w line
  if [ "$WARMUP" -gt 0 ]; then wrk_run "$WARMUP" "$c" "$(url "$path" "$size")" >/dev/null 2>&1 || true; fi
  read -r -a pids <<<"$(proxy_pids "$path")"
  c0=$(cpu_ticks "${pids[@]}"); t0=$(now_ms)
  wrk_run "$SECONDS_PER_POINT" "$c" "$(url "$path" "$size")" >"$WORK/wrk.out" 2>&1 &
  w=$!
  # VmRSS sampled until the load ends; the last sample is the one kept
  while kill -0 "$w" 2>/dev/null; do
    [ ${#pids[@]} -gt 0 ] && rss=$(rss_kb "${pids[@]}")
    sleep 0.5
  done
  wait "$w" || { cat "$WORK/wrk.out" >&2; die "wrk failed on $path $size $c"; }
  c1=$(cpu_ticks "${pids[@]}"); t1=$(now_ms)
  line=$(wrk_parse <"$WORK/wrk.out")
  cat "$WORK/wrk.out" >>"$WORK/wrk.all"
  # fields: size conns path req/s p50 p99 failed requests rss-kB cpu% cpu-us-per-request
  echo "$size $c $path $line $rss $(awk -v d=$((c1 - c0)) -v hz="$HZ" -v ms=$((t1 - t0)) -v n="${line##* }" \
    'BEGIN {printf "%.0f %.1f", (ms > 0 ? 100 * d / hz / (ms / 1000) : 0), (n > 0 ? 1e6 * d / hz / n : 0)}')" >>"$WORK/results"
  log "$size c=$c $path: $line (rss ${rss} kB)"
}

echo "$(nproc) CPUs, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg); open-file limit $NOFILE"
echo "$(nginx -v 2>&1 | sed 's/.*: //'), $(haproxy -v | head -1 | cut -d' ' -f1-3), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $("$JAVA" -version 2>&1 | head -1)"
echo "wrk -t$WRK_THREADS --latency --timeout $WRK_TIMEOUT -H 'Host: $HOST'; ${SECONDS_PER_POINT} s per point after ${WARMUP} s warm-up; connections: $CONNS"
: >"$WORK/results"
if [ "$INITIAL_WARMUP" -gt 0 ]; then
  for p in $PATHS; do
    for s in $SIZES; do wrk_run "$INITIAL_WARMUP" 200 "$(url "$p" "$s")" >/dev/null 2>&1 || true; done
  done
fi
for s in $SIZES; do
  for c in $CONNS; do
    for p in $PATHS; do measure "$p" "$s" "$c"; done
  done
done

# ---------- report ----------
label() { case $1 in small) echo "13 B response (GET /small)" ;; 1m) echo "1 MiB response (GET /1m)" ;; *) echo "$1" ;; esac; }
for s in $SIZES; do
  echo "== $(label "$s") — ${SECONDS_PER_POINT} s per point"
  printf '  %-8s %6s %10s %9s %9s %7s %9s %6s %10s\n' path conns "req/s" "p50 ms" "p99 ms" failed "RSS MB" "CPU%" "CPU us/req"
  for c in $CONNS; do
    for p in $PATHS; do
      awk -v s="$s" -v c="$c" -v p="$p" '$1 == s && $2 == c && $3 == p {
        printf "  %-8s %6d %10d %9.2f %9.2f %7d %9s %6s %10s\n", p, c, $4, $5, $6, $7,
          (p == "direct" ? "-" : sprintf("%.1f", $9 / 1024)), (p == "direct" ? "-" : $10), (p == "direct" ? "-" : $11) }' "$WORK/results"
    done
  done
  if [[ " $PATHS " == *" dinp "* && " $PATHS " == *" nginx "* ]]; then
    for c in $CONNS; do
      awk -v s="$s" -v c="$c" '$1 == s && $2 == c { r[$3] = $4; q[$3] = $6; u[$3] = $11 }
        END { t = r["nginx"] > 0 ? r["dinp"] / r["nginx"] : 0; l = q["nginx"] > 0 ? q["dinp"] / q["nginx"] : 0
              k = u["nginx"] > 0 ? u["dinp"] / u["nginx"] : 0
              printf "  DINP / nginx at %4d conns: throughput %.2fx (goal >= 1.0), p99 %.2fx (goal <= 1.0)  %-7s  CPU/req %.2fx\n",
                c, t, l, (t >= 1.0 && l <= 1.0) ? "met" : "NOT met", k }' "$WORK/results"
    done
  fi
  if [[ " $PATHS " == *" dinp "* && " $PATHS " == *" before "* ]]; then
    for c in $CONNS; do
      awk -v s="$s" -v c="$c" '$1 == s && $2 == c { r[$3] = $4; q[$3] = $6; u[$3] = $11 }
        END { printf "  DINP / before at %4d conns: throughput %.2fx, p99 %.2fx, CPU/req %.2fx\n", c,
                (r["before"] > 0 ? r["dinp"] / r["before"] : 0), (q["before"] > 0 ? q["dinp"] / q["before"] : 0),
                (u["before"] > 0 ? u["dinp"] / u["before"] : 0) }' "$WORK/results"
    done
  fi
done
buffered=$(grep -c 'buffered to a temporary file' "$WORK/proxy/error.log" || true)
echo "note: nginx proxy buffered $buffered upstream responses to temporary files (proxy_buffering on, nginx's default)"
echo "note: load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wrk, backend and proxy share them)"
echo "note: route propagation (server learns of a change -> router applied, p50/p99/max) is measured by bench/core.sh, part 2"
