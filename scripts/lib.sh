# Shared by ./dinp and scripts/*.sh: find a JDK, install and start what DINP needs on Debian.
# Everything reuses what already runs; nothing is installed unless missing.

log() { printf 'dinp: %s\n' "$*" >&2; }
die() { printf 'dinp: %s\n' "$*" >&2; exit 1; }

is_debian_root() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }

# Sets DINP_JAVA_HOME to a JDK >= 21: $JAVA_HOME, then java on PATH, then /usr/lib/jvm/*.
find_jdk() {
  [ -n "${DINP_JAVA_HOME:-}" ] && return 0
  local c cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && cands+=("$(readlink -f "$(command -v java)")")
  for c in /usr/lib/jvm/*/bin/java; do [ -x "$c" ] && cands+=("$c"); done
  for c in "${cands[@]}"; do
    [ -x "$c" ] && [ -x "$(dirname "$c")/javac" ] || continue
    local v; v=$(java_major "$c")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      DINP_JAVA_HOME=$(cd "$(dirname "$c")/.." && pwd); DINP_JAVA_MAJOR=${v%%.*}; export DINP_JAVA_HOME DINP_JAVA_MAJOR
      return 0
    fi
  done
  die "no JDK >= 21 found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*). Install one (e.g. Temurin 21) and set JAVA_HOME."
}

# JVM flags ./dinp gives a role, then $DINP_JAVA_OPTS (later flags win). An agent runs on every Docker host
# beside the apps and mostly waits, so it is tuned for resident memory (goal <= 100 MB idle, bench/rss.sh
# measures it against the JVM's defaults; docs/metrics.md has the figures). Each flag for its measured share:
#   -XX:+UseSerialGC             G1's own structures alone commit tens of MB; an agent's pauses are short anyway
#   -Xms8m -Xmx96m -XX:Min/MaxHeapFreeRatio  a heap that starts small and gives back what it does not use
#                                (the live heap of an idle agent is about 15 MB)
#   -Xmn4m                       a young generation of 4 MB: only the eden pages the agent touches stay
#                                resident, and it allocates little while idle (-3 MB)
#   -Xss512k                     smaller thread stacks
#   -XX:TieredStopAtLevel=1      C1 only: no C2 compiler thread, arenas or its larger code
#   -XX:CompileThresholdScaling=10  compiles a method after 10 times the calls: an agent's code is mostly
#                                cold, so the code cache holds less (-5 MB); starting takes ~8% more CPU,
#                                idling the same
#   -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m  caps, not savings
# With JDK 25 or later (flags older JDKs refuse or lack):
#   -XX:+UseCompactObjectHeaders 8-byte object headers (JEP 519, a product flag since 25): a smaller heap (-2 MB)
#   -XX:TrimNativeHeapInterval=5000  gives malloc's freed memory back to the OS every 5 s (-2 MB)
# Measured and left out: AppCDS (-XX:SharedArchiveFile of a training run: the archive's pages are resident
# too, -2 MB for a 30 MB file to make and keep), -XX:ArchiveRelocationMode=0 (the class data archive's pages
# stay shared file pages instead of private ones, but resident all the same), -Xshare:off (no change), G1
# with periodic collections (+6 MB), -Xint (-5 MB more, at 1.8 times the CPU to start). The other roles keep
# the JVM's defaults: their work (routing, checks, planning) wants C2 and G1.
dinp_java_opts() {
  case "${1:-}" in
    agent)
      printf '%s' "-XX:+UseSerialGC -Xms8m -Xmx96m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k \
-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m"
      if [ "$(dinp_java_major)" -ge 25 ]; then
        printf ' %s' "-XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=5000"
      fi ;;
  esac
  if [ -n "${DINP_JAVA_OPTS:-}" ]; then printf ' %s' "$DINP_JAVA_OPTS"; fi
}

# The major version of $DINP_JAVA_HOME's java (0 when unknown), asked once.
dinp_java_major() {
  if [ -z "${DINP_JAVA_MAJOR:-}" ]; then
    DINP_JAVA_MAJOR=0
    if [ -n "${DINP_JAVA_HOME:-}" ] && [ -x "$DINP_JAVA_HOME/bin/java" ]; then
      local v; v=$(java_major "$DINP_JAVA_HOME/bin/java")
      [ "${v%%.*}" -ge 0 ] 2>/dev/null && DINP_JAVA_MAJOR=${v%%.*}
    fi
  fi
  printf '%s' "$DINP_JAVA_MAJOR"
}

# Environment ./dinp gives a role's JVM, as NAME=VALUE words for env(1); an operator's own setting wins.
dinp_java_env() {
  case "${1:-}" in
    agent) printf 'MALLOC_ARENA_MAX=%s' "${MALLOC_ARENA_MAX:-2}" ;;
  esac
}

apt_install() {
  is_debian_root || die "$1 is missing; install it (${*}) — automatic installation needs Debian and root"
  if [ -z "${DINP_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
    DINP_APT_UPDATED=1
  fi
  log "installing $* from Debian's packages…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

wait_for() { # seconds description command...
  local secs=$1 what=$2; shift 2
  local i
  for ((i = 0; i < secs * 5; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$what did not come up within ${secs}s"
}

ensure_docker() {
  # a file of an earlier ./dinp is brought up to date even while dockerd runs: it counts from its next start
  if [ "$(id -u)" = 0 ] && [ -e /etc/docker/daemon.json ]; then ensure_docker_daemon_json quiet; fi
  if docker info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null || apt_install docker.io
  command -v docker >/dev/null || apt_install docker.io
  if ! docker info >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "Docker Engine is not running and starting it needs root (start dockerd, or add yourself to the docker group)"
    ensure_docker_daemon_json
    log "starting dockerd (log: /var/log/dinp-dockerd.log)…"
    mkdir -p /var/log
    nohup dockerd >/var/log/dinp-dockerd.log 2>&1 &
    wait_for 60 "dockerd" docker info
  fi
}

# /etc/docker/daemon.json as ./dinp wants it: containers outlive a restart of the Docker daemon
# (live-restore: an upgrade or a crash of dockerd then stops no app), and published ports are served by
# iptables alone (no userland proxy: the kernel's NAT rules outlive the daemon, where docker-proxy
# processes stop with it and every request to an instance fails until it is back; docs/faults.md).
DINP_DAEMON_JSON='{
  "live-restore": true,
  "userland-proxy": false
}'
# What earlier versions of ./dinp wrote, exactly: such a file is ours and brought up to date.
DINP_DAEMON_JSON_OLD=('{
  "live-restore": true
}')

# Written where no daemon.json exists, or rewritten where it is exactly what an earlier ./dinp wrote (the
# change takes effect when dockerd next starts); an operator's own file is left alone, with a note for
# each setting it lacks (none with "quiet": dockerd runs already and was not started by us).
ensure_docker_daemon_json() {
  local conf=${DINP_DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}
  local current old
  if [ ! -e "$conf" ]; then
    mkdir -p "$(dirname "$conf")" || return 0
    printf '%s\n' "$DINP_DAEMON_JSON" > "$conf" || return 0
    log "wrote $conf: live-restore on, userland proxy off (apps keep serving while dockerd restarts)"
    return 0
  fi
  current=$(cat "$conf" 2>/dev/null) || return 0
  [ "$current" = "$DINP_DAEMON_JSON" ] && return 0
  for old in "${DINP_DAEMON_JSON_OLD[@]}"; do
    if [ "$current" = "$old" ]; then
      if [ -w "$conf" ] && printf '%s\n' "$DINP_DAEMON_JSON" > "$conf"; then
        log "updated $conf (written by an earlier ./dinp): userland proxy off; takes effect when dockerd next starts"
      fi
      return 0
    fi
  done
  [ "${1:-}" = quiet ] && return 0
  if ! grep -q '"live-restore"[[:space:]]*:[[:space:]]*true' "$conf"; then
    log "note: $conf does not turn live-restore on; apps stop whenever dockerd restarts"
  fi
  if ! grep -q '"userland-proxy"[[:space:]]*:[[:space:]]*false' "$conf"; then
    log "note: $conf keeps Docker's userland proxy; requests to apps fail while dockerd restarts (docs/faults.md)"
  fi
}

# DINP's own state on this machine: the data stores' CA and certificates, Redis's password and config.
DINP_STATE_DIR=${DINP_STATE_DIR:-/var/lib/dinp}
DINP_TLS_DIR=$DINP_STATE_DIR/tls

# A private CA for the data stores (Redis, MariaDB, the registry), made once: $DINP_TLS_DIR/ca.crt is
# what every DINP role is given (--redis-ca-cert, --db-ca-cert, --registry-ca-cert); ca.key stays here.
ensure_tls_ca() {
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$DINP_TLS_DIR" || die "cannot create $DINP_TLS_DIR (run as root or set DINP_STATE_DIR)"
  chmod 755 "$DINP_TLS_DIR"   # servers running as their own user (mysql) read their key here; keys are 600/640
  [ -s "$DINP_TLS_DIR/ca.crt" ] && [ -s "$DINP_TLS_DIR/ca.key" ] && return 0
  log "making the data stores' CA in $DINP_TLS_DIR…"
  (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -keyout "$DINP_TLS_DIR/ca.key" -out "$DINP_TLS_DIR/ca.crt" -subj "/CN=DINP data stores CA $(hostname)" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null) \
    || die "openssl could not make the CA in $DINP_TLS_DIR"
  chmod 644 "$DINP_TLS_DIR/ca.crt"
}

# tls_cert NAME SAN... — $DINP_TLS_DIR/NAME.crt and NAME.key (mode 600) signed by the CA, for the names and
# addresses given (e.g. IP:10.0.0.1 DNS:localhost); made again only when the names change.
tls_cert() {
  local name=$1; shift
  local san; san=$(IFS=,; echo "$*")
  local crt=$DINP_TLS_DIR/$name.crt key=$DINP_TLS_DIR/$name.key
  if [ -s "$crt" ] && [ -s "$key" ] && [ "$(cat "$crt.names" 2>/dev/null)" = "$san" ] \
     && openssl verify -CAfile "$DINP_TLS_DIR/ca.crt" "$crt" >/dev/null 2>&1; then
    return 0
  fi
  (umask 077; openssl req -x509 -CA "$DINP_TLS_DIR/ca.crt" -CAkey "$DINP_TLS_DIR/ca.key" -newkey ec \
    -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -keyout "$key" -out "$crt" -subj "/CN=$name" \
    -addext "subjectAltName=$san" -addext basicConstraints=critical,CA:FALSE -addext extendedKeyUsage=serverAuth 2>/dev/null) \
    || die "openssl could not make the certificate $crt"
  chmod 644 "$crt"
  echo "$san" > "$crt.names"
  DINP_TLS_CERT_CHANGED=1
}

# subjectAltName entries for a server listening on ADDRESS...: each address, loopback and this host's name.
tls_names() {
  local a names=("IP:127.0.0.1" "DNS:localhost" "DNS:$(hostname)")
  for a in "$@"; do
    case "$a" in
      127.0.0.1|localhost|0.0.0.0) ;;
      *) if [[ "$a" == *:* || "$a" =~ ^[0-9]+(\.[0-9]+){3}$ ]]; then names+=("IP:$a"); else names+=("DNS:$a"); fi ;;
    esac
  done
  printf '%s\n' "${names[@]}" | awk '!seen[$0]++'
}

# A random password in FILE (mode 600), made once.
ensure_secret_file() {
  [ -s "$1" ] && { chmod 600 "$1"; return 0; }
  (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$1") || die "cannot write $1"
}

# Redis for the route table: TLS only (no plain port), a password, nothing persisted (Redis holds only
# what the server publishes again). Listens on DINP_REDIS_BIND (127.0.0.1; a cluster adds its address)
# port DINP_REDIS_PORT (6380). Exports DINP_REDIS_URI, DINP_REDIS_PASSWORD_FILE, DINP_REDIS_CA_CERT and
# DINP_REDIS_OPTS, the options every role reaching it takes.
DINP_REDIS_PORT=${DINP_REDIS_PORT:-6380}
DINP_REDIS_BIND=${DINP_REDIS_BIND:-127.0.0.1}
DINP_REDIS_DIR=$DINP_STATE_DIR/redis

# redis-cli over TLS; the password goes through the environment, never the arguments
redis_tls_cli() {
  REDISCLI_AUTH=$(cat "$DINP_REDIS_DIR/password") redis-cli --tls --cacert "$DINP_TLS_DIR/ca.crt" \
    -h "${DINP_REDIS_BIND%% *}" -p "$DINP_REDIS_PORT" "$@"
}
redis_tls_ping() { redis_tls_cli ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  command -v redis-cli >/dev/null || apt_install redis-tools
  # Debian builds redis-server with TLS (it links libssl); a build without it refuses tls-port.
  # (Not `ldd | grep -q`: under pipefail grep's early exit can kill ldd with SIGPIPE and fail the test.)
  local libs; libs=$(ldd "$(command -v redis-server)" 2>/dev/null || true)
  [[ "$libs" == *libssl* ]] \
    || die "this redis-server is built without TLS support; DINP's Redis needs TLS (use Debian's redis-server)"
  ensure_tls_ca
  mkdir -p "$DINP_REDIS_DIR" && chmod 700 "$DINP_REDIS_DIR"
  ensure_secret_file "$DINP_REDIS_DIR/password"
  local names
  # shellcheck disable=SC2086
  mapfile -t names < <(tls_names $DINP_REDIS_BIND)
  DINP_TLS_CERT_CHANGED=
  tls_cert redis "${names[@]}"
  if redis_tls_ping; then
    # a running Redis takes a new certificate without a restart
    [ -z "$DINP_TLS_CERT_CHANGED" ] || redis_tls_cli CONFIG SET tls-cert-file "$DINP_TLS_DIR/redis.crt" \
      tls-key-file "$DINP_TLS_DIR/redis.key" >/dev/null || die "Redis did not take its new certificate"
  else
    local pid; pid=$(cat "$DINP_REDIS_DIR/redis.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ]; then
      die "DINP's Redis (pid $pid) runs but does not answer on ${DINP_REDIS_BIND%% *}:$DINP_REDIS_PORT (were its addresses changed?); stop it (kill $pid) and run again"
    fi
    if (exec 3<>"/dev/tcp/${DINP_REDIS_BIND%% *}/$DINP_REDIS_PORT") 2>/dev/null; then
      die "something on ${DINP_REDIS_BIND%% *}:$DINP_REDIS_PORT does not answer as DINP's Redis (TLS, the password in $DINP_REDIS_DIR/password); stop it or set DINP_REDIS_PORT"
    fi
    # the password is in the config file (mode 600), never on a command line
    (umask 077; cat > "$DINP_REDIS_DIR/redis.conf" <<CONF
port 0
tls-port $DINP_REDIS_PORT
bind $DINP_REDIS_BIND
tls-cert-file $DINP_TLS_DIR/redis.crt
tls-key-file $DINP_TLS_DIR/redis.key
tls-auth-clients no
requirepass "$(cat "$DINP_REDIS_DIR/password")"
save ""
appendonly no
daemonize yes
pidfile $DINP_REDIS_DIR/redis.pid
logfile $DINP_REDIS_DIR/redis.log
dir $DINP_REDIS_DIR
CONF
    )
    log "starting redis-server, TLS only, on ${DINP_REDIS_BIND// /,} port $DINP_REDIS_PORT (log: $DINP_REDIS_DIR/redis.log)…"
    redis-server "$DINP_REDIS_DIR/redis.conf" >/dev/null || die "redis-server did not start (see $DINP_REDIS_DIR/redis.log)"
    wait_for 20 "redis-server (see $DINP_REDIS_DIR/redis.log)" redis_tls_ping
  fi
  export DINP_REDIS_URI="rediss://${DINP_REDIS_BIND%% *}:$DINP_REDIS_PORT"
  export DINP_REDIS_PASSWORD_FILE=$DINP_REDIS_DIR/password
  export DINP_REDIS_CA_CERT=$DINP_TLS_DIR/ca.crt
  DINP_REDIS_OPTS=(--redis "$DINP_REDIS_URI" --redis-ca-cert "$DINP_REDIS_CA_CERT" --redis-password-file "$DINP_REDIS_PASSWORD_FILE")
}

# MariaDB TLS (DINP_MARIADB_TLS=1): a certificate from the data stores' CA for the addresses in
# DINP_MARIADB_ADDRESSES, and a config drop-in naming it (DINP_MARIADB_TLS_CNF), which also makes
# MariaDB listen on those addresses when DINP_MARIADB_BIND=1 and refuse TCP clients without TLS when
# DINP_MARIADB_REQUIRE_TLS=1. A MariaDB that is started here loads it; one already running without
# TLS is never restarted unasked: set DINP_MARIADB_RESTART=1 to restart it, or restart it yourself.
DINP_MARIADB_TLS_CNF=${DINP_MARIADB_TLS_CNF:-/etc/mysql/mariadb.conf.d/90-dinp-tls.cnf}
DINP_MARIADB_ADDRESSES=${DINP_MARIADB_ADDRESSES:-127.0.0.1}

mariadb_tls_config() {
  ensure_tls_ca
  local names
  # shellcheck disable=SC2086
  mapfile -t names < <(tls_names $DINP_MARIADB_ADDRESSES)
  tls_cert mariadb "${names[@]}"
  # mariadbd runs as mysql: it reads its key through the group, nobody else can
  chgrp mysql "$DINP_TLS_DIR/mariadb.key" 2>/dev/null && chmod 640 "$DINP_TLS_DIR/mariadb.key"
  mkdir -p "$(dirname "$DINP_MARIADB_TLS_CNF")"
  cat > "$DINP_MARIADB_TLS_CNF" <<CNF
# Written by DINP (scripts/lib.sh): TLS for clients, with a certificate from DINP's data stores CA.
[mariadbd]
ssl_cert = $DINP_TLS_DIR/mariadb.crt
ssl_key = $DINP_TLS_DIR/mariadb.key
ssl_ca = $DINP_TLS_DIR/ca.crt
CNF
  # several addresses in one bind-address need MariaDB 10.11 (Debian 12's)
  [ "${DINP_MARIADB_BIND:-}" = 1 ] && echo "bind_address = $(echo "127.0.0.1 $DINP_MARIADB_ADDRESSES" | tr ' ' '\n' | awk 'NF && !seen[$0]++' | paste -sd,)" >> "$DINP_MARIADB_TLS_CNF"
  [ "${DINP_MARIADB_REQUIRE_TLS:-}" = 1 ] && echo "require_secure_transport = ON" >> "$DINP_MARIADB_TLS_CNF"
  return 0
}

mariadb_has_tls() { [ "$(mariadb -uroot -N -e 'SELECT @@have_ssl' 2>/dev/null)" = YES ]; }

start_mariadb() {
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  nohup mysqld_safe >/var/log/dinp-mariadb.log 2>&1 &
  wait_for 60 "MariaDB" mariadb-admin ping
}

ensure_mariadb() {
  local running=0
  command -v mariadb-admin >/dev/null && mariadb-admin ping >/dev/null 2>&1 && running=1
  [ "$running" = 1 ] || command -v mariadbd >/dev/null || apt_install mariadb-server
  [ "${DINP_MARIADB_TLS:-}" = 1 ] && mariadb_tls_config
  if [ "$running" = 0 ]; then
    log "starting MariaDB…"
    start_mariadb
  elif [ "${DINP_MARIADB_TLS:-}" = 1 ] && ! mariadb_has_tls; then
    if [ "${DINP_MARIADB_RESTART:-}" = 1 ]; then
      log "restarting MariaDB to turn TLS on…"
      mariadb-admin shutdown || die "could not stop MariaDB to restart it"
      start_mariadb
    else
      log "MariaDB runs without TLS; restart it to load $DINP_MARIADB_TLS_CNF (or set DINP_MARIADB_RESTART=1)"
    fi
  fi
  if [ "${DINP_MARIADB_TLS:-}" = 1 ] && mariadb_has_tls; then
    export DINP_MARIADB_CA_CERT=$DINP_TLS_DIR/ca.crt
  fi
  [ "${DINP_MARIADB_TEST_USER:-1}" = 1 ] || return 0
  # A user for the tests; databases per test class are created with it.
  mariadb -uroot -e "CREATE USER IF NOT EXISTS 'dinp'@'localhost' IDENTIFIED BY 'dinp';
    CREATE USER IF NOT EXISTS 'dinp'@'127.0.0.1' IDENTIFIED BY 'dinp';
    GRANT ALL ON *.* TO 'dinp'@'localhost'; GRANT ALL ON *.* TO 'dinp'@'127.0.0.1';
    CREATE DATABASE IF NOT EXISTS dinp_test; FLUSH PRIVILEGES;" \
    || die "could not create the MariaDB user dinp (is root's socket login allowed?)"
}

ensure_busybox_static() {
  if [ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q static; then return 0; fi
  dpkg -s busybox-static >/dev/null 2>&1 || apt_install busybox-static
}

# Headless Chromium and its WebDriver for the dashboard's browser test (DashboardBrowserIT); the test
# drives them by path, so nothing is downloaded at test time.
ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
  apt_install chromium chromium-driver
}

# Builds the demo and benchmark image dinp-test/hello:v1 like dinp-testkit does (FROM scratch + static busybox httpd),
# unless it exists.
# A 2 MB web app image (FROM scratch + busybox httpd) answering "instance=<id> version=VERSION"
# on $PORT, and "ok" on /health when HEALTH is yes: build_web_image IMAGE VERSION HEALTH
build_web_image() {
  docker image inspect "$1" >/dev/null 2>&1 && return 0
  local dir; dir=$(mktemp -d)
  cp "$(readlink -f /bin/busybox)" "$dir/busybox"
  { echo '#!/bin/sh'; echo 'mkdir -p /www'
    echo "echo \"instance=\$DINP_INSTANCE version=$2\" > /www/index.html"
    [ "$3" = yes ] && echo 'echo ok > /www/health'
    echo 'exec httpd -f -p "0.0.0.0:${PORT:-8080}" -h /www'; } > "$dir/start.sh"
  chmod +x "$dir/start.sh"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n' > "$dir/Dockerfile"
  docker build -q -t "$1" "$dir" >/dev/null
  rm -rf "$dir"
}

build_hello_image() { build_web_image dinp-test/hello:v1 v1 no; }

# The Distribution registry for tests and multi-node set-ups: DINP_REGISTRY_ADDR (127.0.0.1:5000), htpasswd
# auth with the user dinp and a random password made once and kept in $DINP_REGISTRY_DIR/password (mode 600).
# DINP_REGISTRY_TLS=1: HTTPS with a certificate from the data stores' CA, which this machine's Docker Engine
# is told to trust (/etc/docker/certs.d/ADDR/ca.crt); give the other hosts' agents --registry-ca-cert.
# A registry on an address other than loopback needs TLS: Docker Engines refuse plain HTTP there.
DINP_REGISTRY_DIR=${DINP_REGISTRY_DIR:-/var/lib/dinp-registry}
DINP_REGISTRY_ADDR=${DINP_REGISTRY_ADDR:-127.0.0.1:5000}
DINP_REGISTRY_LOG=${DINP_REGISTRY_LOG:-/var/log/dinp-registry.log}

registry_tls() { [ "${DINP_REGISTRY_TLS:-}" = 1 ]; }
registry_url() { if registry_tls; then echo "https://$DINP_REGISTRY_ADDR/v2/"; else echo "http://$DINP_REGISTRY_ADDR/v2/"; fi; }
registry_code() {
  local tls=()
  registry_tls && tls=(--cacert "$DINP_TLS_DIR/ca.crt")
  curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$@" "$(registry_url)" 2>/dev/null || true
}
registry_asks_auth() { [ "$(registry_code)" = 401 ]; }

# Writes the registry's own config (not Debian's default, which points at an htpasswd file of its own).
write_registry_config() {
  local dir=$DINP_REGISTRY_DIR
  mkdir -p "$dir/data" || die "cannot create $dir (run as root or set DINP_REGISTRY_DIR)"
  chmod 700 "$dir"
  if [ ! -s "$dir/password" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$dir/password")
  fi
  chmod 600 "$dir/password"
  # a fixed upload secret, so an upload survives a restart of the registry
  if [ ! -s "$dir/http-secret" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/http-secret")
  fi
  # -i: the password comes from stdin, never from the command line
  (umask 077; htpasswd -niB dinp < "$dir/password" | sed '/^$/d' > "$dir/htpasswd") || die "htpasswd failed"
  local tls=""
  if registry_tls; then
    tls="  tls:
    certificate: $DINP_TLS_DIR/registry.crt
    key: $DINP_TLS_DIR/registry.key"
  fi
  cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $DINP_REGISTRY_ADDR
  secret: $(cat "$dir/http-secret")
  headers:
    X-Content-Type-Options: [nosniff]
$tls
auth:
  htpasswd:
    realm: dinp-registry
    path: $dir/htpasswd
YML
  chmod 600 "$dir/config.yml"
}

ensure_registry() {
  command -v curl >/dev/null || apt_install curl
  local dir=$DINP_REGISTRY_DIR code names
  if registry_tls; then
    ensure_tls_ca
    mapfile -t names < <(tls_names "${DINP_REGISTRY_ADDR%:*}")
    tls_cert registry "${names[@]}"
    # this machine's Docker Engine (builds, pushes, the local agent) verifies the registry with the CA
    mkdir -p "/etc/docker/certs.d/$DINP_REGISTRY_ADDR" && cp "$DINP_TLS_DIR/ca.crt" "/etc/docker/certs.d/$DINP_REGISTRY_ADDR/ca.crt" \
      || die "cannot install the CA in /etc/docker/certs.d/$DINP_REGISTRY_ADDR (run as root)"
    # a registry speaking plain HTTP asks for credentials (401); one speaking TLS answers plain HTTP with 400
    [ "$(DINP_REGISTRY_TLS= registry_code)" != 401 ] \
      || die "a registry without TLS already answers on $DINP_REGISTRY_ADDR; stop it (pid in $dir/registry.pid) so DINP can start it with TLS"
  fi
  code=$(registry_code)
  if [ "$code" = 401 ]; then
    [ -s "$dir/password" ] || die "a registry already answers on $DINP_REGISTRY_ADDR but $dir/password is missing; stop that registry or restore the file"
  elif [ "$code" != 000 ]; then
    die "something on $DINP_REGISTRY_ADDR answers /v2/ with HTTP $code instead of asking for credentials; stop it so DINP can start its registry"
  else
    command -v docker-registry >/dev/null || apt_install docker-registry
    command -v htpasswd >/dev/null || apt_install apache2-utils
    write_registry_config
    log "starting docker-registry on $DINP_REGISTRY_ADDR$(registry_tls && echo ", TLS") (data: $dir/data, log: $DINP_REGISTRY_LOG)…"
    nohup docker-registry serve "$dir/config.yml" >"$DINP_REGISTRY_LOG" 2>&1 &
    echo $! > "$dir/registry.pid"
    wait_for 30 "docker-registry (see $DINP_REGISTRY_LOG)" registry_asks_auth
  fi
  # the credentials must work too, or every push would fail later with a less clear message
  [ "$(registry_code -K - <<<"user = \"dinp:$(cat "$dir/password")\"")" = 200 ] \
    || die "the registry on $DINP_REGISTRY_ADDR rejects the user dinp with the password in $dir/password"
  export DINP_TEST_REGISTRY=$DINP_REGISTRY_ADDR
  export DINP_TEST_REGISTRY_USER=dinp
  export DINP_TEST_REGISTRY_PASSWORD_FILE=$dir/password
  registry_tls && export DINP_REGISTRY_CA_CERT=$DINP_TLS_DIR/ca.crt
  return 0
}
