# Shared by the benchmark scripts: the test image and small helpers. Source after scripts/lib.sh.

# Builds dinp-test/hello:v1 like dinp-testkit does (FROM scratch + static busybox httpd),
# unless it exists.
bench_hello_image() {
  docker image inspect dinp-test/hello:v1 >/dev/null 2>&1 && return 0
  local dir; dir=$(mktemp -d)
  cp "$(readlink -f /bin/busybox)" "$dir/busybox"
  cat > "$dir/start.sh" <<'SH'
#!/bin/sh
mkdir -p /www
echo "instance=$DINP_INSTANCE version=v1" > /www/index.html
exec httpd -f -p "0.0.0.0:${PORT}" -h /www
SH
  chmod +x "$dir/start.sh"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n' > "$dir/Dockerfile"
  docker build -q -t dinp-test/hello:v1 "$dir" >/dev/null
  rm -rf "$dir"
}

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
