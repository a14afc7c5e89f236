#!/usr/bin/env bash
# Issue 3's numbers, each beside its baseline in the same run:
#   1. builder end to end: upload of a jar artifact (tar.gz, stack jar) -> image pushed to the private
#      registry and the build `succeeded`, against plain `docker build --no-cache` + `docker push` of the
#      same build context (the Dockerfile the builder renders, app/, dinp/). Goal <= 1.1x.
#   2. rebuild of an unchanged artifact (next version): should come from the build cache, near zero;
#      beside `docker build` (with cache) + `docker push` of the unchanged context.
# Also shown: `docker build` with the cache on but the app layer changed, which is what DINP's own
# cold build is (it never passes --no-cache, so its ENV step comes from the cache).
# Every round changes the artifact (app/round.txt), differently for each side, so neither hits the
# layer cache for the app layer; both use the same local base image (dinp/jre:17).
# Usage: bench/builder.sh [ROUNDS]   (default 3). Needs root on Debian (Docker, docker-registry).
# BENCH_PAYLOAD_MB=N adds N MB of random bytes (incompressible, like a fat jar) to both sides' app/.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/bench/lib.sh"
ROUNDS=${1:-3}
PAYLOAD_MB=${BENCH_PAYLOAD_MB:-0}

find_jdk; ensure_docker; ensure_registry
"$ROOT/dinp" --version >/dev/null          # builds when needed
"$ROOT/dinp" stacks build jar >/dev/null   # the jar stack's base image; reused when present
JAVA="$DINP_JAVA_HOME/bin/java"; JAR="$ROOT/dinp-dist/target/dinp.jar"
STACKS="$ROOT/dinp-builder/src/main/resources/stacks"
BASE=$(sed -n 's/^jar\.base=//p' "$STACKS/stacks.properties")
REG=$DINP_REGISTRY_ADDR; PASSWORD_FILE=$DINP_REGISTRY_DIR/password
WORK=$(mktemp -d); RUN=b$$; NODE=bench-builder-$$
PID=""; LOGGED_IN=0
export DOCKER_BUILDKIT=0   # the builder uses the Engine API's classic builder too

cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  [ "$LOGGED_IN" = 1 ] && docker logout "$REG" >/dev/null 2>&1 || true
  docker ps -aq --filter "label=io.dinp.node=$NODE" | xargs -r docker rm -f >/dev/null
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)bench-(rawc?-)?$RUN-" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------- the artifact: the jar sample ----------
mkdir -p "$WORK/classes"
"$DINP_JAVA_HOME/bin/javac" --release 17 -d "$WORK/classes" "$ROOT/dinp-testkit/samples/jar/Hello.java"
"$DINP_JAVA_HOME/bin/jar" --create --file "$WORK/hello.jar" --manifest "$ROOT/dinp-testkit/samples/jar/MANIFEST.MF" \
  -C "$WORK/classes" .
PAYLOAD=()
if [ "$PAYLOAD_MB" -gt 0 ]; then
  head -c $((PAYLOAD_MB * 1048576)) /dev/urandom >"$WORK/payload.bin"; PAYLOAD=(payload.bin)
fi
DOCKERFILE=$(<"$STACKS/jar/Dockerfile.tmpl")
DOCKERFILE=${DOCKERFILE//'{{BASE_IMAGE}}'/$BASE}
DOCKERFILE=${DOCKERFILE//'{{START}}'/./app}

# artifact R: the tar.gz DINP gets in round R (hello.jar + round.txt at its top)
make_artifact() {
  local r=$1 d="$WORK/art$1"
  mkdir -p "$d"
  cp "$WORK/hello.jar" "$d/hello.jar"
  echo "dinp $RUN round $r" > "$d/round.txt"
  [ -z "${PAYLOAD[*]}" ] || ln -f "$WORK/payload.bin" "$d/payload.bin"
  tar -C "$d" -czf "$WORK/art$r.tar.gz" hello.jar round.txt "${PAYLOAD[@]}"
}
# context R: what StackCatalog.render lays out (Dockerfile, app/ = the artifact, dinp/ = common files)
make_context() { # ROUND [NAME]
  local r=$1 c="$WORK/${2:-ctx}$1" f
  mkdir -p "$c/app" "$c/dinp"
  printf '%s\n' "$DOCKERFILE" > "$c/Dockerfile"
  cp "$WORK/hello.jar" "$c/app/hello.jar"
  echo "${2:-ctx} $RUN round $r" > "$c/app/round.txt"
  [ -z "${PAYLOAD[*]}" ] || ln -f "$WORK/payload.bin" "$c/app/payload.bin"
  for f in $(sed -n 's/^common\.files=//p' "$STACKS/stacks.properties" | tr ',' ' '); do
    install -m 755 "$STACKS/common/$f" "$c/dinp/$f"
  done
}

# ---------- DINP ----------
API=$(free_port); RPORT=$(free_port)
while [ "$RPORT" = "$API" ]; do RPORT=$(free_port); done
"$JAVA" -jar "$JAR" up --data-dir "$WORK/up" --bind 127.0.0.1 --api-port "$API" --router-port "$RPORT" \
  --node-id "$NODE" --memory 2048 --stop-timeout 1 \
  --registry "$REG" --registry-password-file "$PASSWORD_FILE" >"$WORK/up.log" 2>&1 &
PID=$!
for ((i = 0; i < 600; i++)); do curl -fs "http://127.0.0.1:$API/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$API/healthz" >/dev/null || { tail -20 "$WORK/up.log" >&2; die "dinp up did not come up"; }
TOKEN=$(cat "$WORK/up/admin-token")
URL="http://127.0.0.1:$API"
api() { # METHOD PATH [BODY]
  curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$URL$2" ${3:+-d "$3"}
}

docker login "$REG" -u dinp --password-stdin <"$PASSWORD_FILE" >/dev/null 2>&1 || die "docker login $REG failed"
LOGGED_IN=1

# ---------- one measurement each; each prints "total build push" (ms) ----------
raw() { # CONTEXT ROUND TAG [--no-cache]
  local ctx=$WORK/$1$2 tag=$REG/bench-raw$([ "$1" = ctx ] || echo c)-$RUN-r$2:$3 t0 t1 t2; shift 3
  t0=$(now_ms)
  docker build "$@" -t "$tag" "$ctx" >>"$WORK/raw.log" 2>&1 || { tail -20 "$WORK/raw.log" >&2; return 1; }
  t1=$(now_ms)
  docker push "$tag" >>"$WORK/raw.log" 2>&1 || { tail -20 "$WORK/raw.log" >&2; return 1; }
  t2=$(now_ms)
  echo "$((t2 - t0)) $((t1 - t0)) $((t2 - t1))"
}

# DINP: upload -> status succeeded (wall clock here); prints "wall durationMs upload push"
dinp() { # ROUND VERSION
  local app=bench-$RUN-r$1 v=$2 t0 t1 out id body status i push
  t0=$(now_ms)
  out=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/gzip' -H 'Expect:' \
    -T "$WORK/art$1.tar.gz" -w '\n%{time_total}' "$URL/api/v1/apps/$app/builds?version=$v&stack=jar")
  id=$(head -1 <<<"$out" | json_field id)
  [ -n "$id" ] || { echo "upload refused: $out" >&2; return 1; }
  # follow the live log: it ends when the build does (no polling delay); then read the record
  curl -fsSN --max-time 600 -H "Authorization: Bearer $TOKEN" "$URL/api/v1/builds/$id/log" >>"$WORK/dinp.log" || true
  status=""
  for ((i = 0; i < 20000; i++)); do
    body=$(api GET "/api/v1/builds/$id")
    status=$(json_field status <<<"$body")
    case $status in succeeded|failed) break ;; esac
    sleep 0.01
  done
  t1=$(now_ms)
  [ "$status" = succeeded ] || { echo "build $id of $app $v: $status" >&2; echo "$body" >&2; return 1; }
  # the pusher logs "pushed <ref> (<digest>) in N ms"
  push=$(sed -n "s|.*pushed $REG/$app:$v (.*) in \([0-9]*\) ms.*|\1|p" "$WORK/up.log" | tail -1)
  echo "$((t1 - t0)) $(json_field durationMs <<<"$body") $(tail -1 <<<"$out" | awk '{printf "%d", $1 * 1000}') ${push:-?}"
}

: >"$WORK/raw_cold"; : >"$WORK/raw_warm"; : >"$WORK/raw_same"; : >"$WORK/dinp_cold"; : >"$WORK/dinp_warm"
# round 0 warms up both sides (the JVM's JIT, the daemon); it is printed but not counted
for r in $(seq 0 "$ROUNDS"); do
  make_artifact "$r"; make_context "$r"; make_context "$r" cached
  api POST /api/v1/apps "{\"name\":\"bench-$RUN-r$r\",\"instances\":0}" >/dev/null
  # Alternate which side goes first, so neither always gets the warmer daemon. Each side's rebuild
  # follows its own cold build at once: the classic builder takes the newest cached image of a step,
  # so a --no-cache build in between (which makes a new ENV layer on the same base) would send the
  # other side's rebuild down a fresh branch and miss the cache.
  side_raw() {
    raw ctx "$r" 1 --no-cache >>"$WORK/raw_cold"
    raw ctx "$r" 2 >>"$WORK/raw_warm"    # the same context, with the cache
    raw cached "$r" 3 >>"$WORK/raw_same" # cache on, app layer changed: DINP's own conditions
  }
  side_dinp() {
    dinp "$r" 1 >>"$WORK/dinp_cold"
    dinp "$r" 2 >>"$WORK/dinp_warm"      # the same artifact bytes, the next version
  }
  if [ $((r % 2)) = 1 ]; then side_raw; side_dinp; else side_dinp; side_raw; fi
  if [ "$r" = 0 ]; then
    for f in raw_cold raw_warm raw_same dinp_cold dinp_warm; do mv "$WORK/$f" "$WORK/$f.0"; : >"$WORK/$f"; done
  fi
done

col() { awk -v c="$2" '{print $c}' "$WORK/$1"; }
runs() { col "$1" "$2" | tr '\n' ' '; }
RC=$(col raw_cold 1 | median); DC=$(col dinp_cold 1 | median)
RW=$(col raw_warm 1 | median); DW=$(col dinp_warm 1 | median); RS=$(col raw_same 1 | median)
ratio() { awk -v d="$1" -v r="$2" 'BEGIN { printf "%.2fx", d / r }'; }
echo "== builder end to end, jar sample$([ "$PAYLOAD_MB" = 0 ] || echo " + $PAYLOAD_MB MB payload") on $BASE (median of $ROUNDS rounds after a warm-up round, ms;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  docker build+push (no cache) %6s ms | DINP upload->pushed %6s ms | ratio %s (goal <= 1.1)\n' \
  "$RC" "$DC" "$(ratio "$DC" "$RC")"
printf '  docker build+push (cache on, app layer changed, as DINP builds) %6s ms | ratio DINP/it %s\n' "$RS" "$(ratio "$DC" "$RS")"
printf '  rebuild unchanged: docker build+push (cache) %6s ms | DINP %6s ms\n' "$RW" "$DW"
echo "-- per round (ms)"
printf '  %-46s %s\n' "docker build --no-cache + push, total:" "$(runs raw_cold 1)" \
  "  of which docker build:" "$(runs raw_cold 2)" \
  "  of which docker push:" "$(runs raw_cold 3)" \
  "DINP upload -> succeeded (wall), cold:" "$(runs dinp_cold 1)" \
  "  build durationMs (accepted -> finished):" "$(runs dinp_cold 2)" \
  "  upload request (curl, incl. unpacking):" "$(runs dinp_cold 3)" \
  "  push (pusher's log):" "$(runs dinp_cold 4)" \
  "docker build (cache, app changed) + push:" "$(runs raw_same 1)" \
  "  of which docker build:" "$(runs raw_same 2)" \
  "  of which docker push:" "$(runs raw_same 3)" \
  "docker build (cache) + push, total:" "$(runs raw_warm 1)" \
  "  of which docker build:" "$(runs raw_warm 2)" \
  "  of which docker push:" "$(runs raw_warm 3)" \
  "DINP rebuild unchanged (wall):" "$(runs dinp_warm 1)" \
  "  build durationMs:" "$(runs dinp_warm 2)" \
  "  upload request:" "$(runs dinp_warm 3)" \
  "  push (pusher's log):" "$(runs dinp_warm 4)"
echo "-- warm-up round, not counted (ms): docker cold $(col raw_cold.0 1), DINP cold $(col dinp_cold.0 1)," \
  "docker rebuild $(col raw_warm.0 1), DINP rebuild $(col dinp_warm.0 1)," \
  "docker cache-on cold $(col raw_same.0 1)"
