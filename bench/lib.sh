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
