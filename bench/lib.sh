# Shared by the benchmark scripts: the test image and small helpers. Source after scripts/lib.sh.

now_ms() { date +%s%3N; }

# Waits until http://127.0.0.1:PORT/ answers 200 (bounded).
await_http() {
  local port=$1 i
  for ((i = 0; i < 3000; i++)); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.01
  done
  echo "port $port never answered" >&2; return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# A TCP port nobody listens on now (bounded search in 20000-29999; 127.0.0.1 only).
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 10000))
    [ -n "$(ss -Htln "sport = :$p" 2>/dev/null)" ] || { echo "$p"; return 0; }
  done
  echo "no free port found" >&2; return 1
}

# Field of a flat JSON object: json_field NAME <<<"$json" (strings without quotes, numbers as they are).
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }
