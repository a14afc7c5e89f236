#!/usr/bin/env bash
# ./dinp datastores — sets up this machine's data stores for a DINP cluster, each with TLS and a password,
# all certificates from one CA made here (Debian 12, root):
#   Redis      TLS only on ADDRESS:6380 (and loopback), a generated password (requirepass)
#   MariaDB    TLS on ADDRESS:3306, plain TCP refused; database dinp, user dinp (REQUIRE SSL), generated password
#   registry   HTTPS on ADDRESS:5000, user dinp, generated password; this machine's Docker Engine trusts it
# then prints the options each role needs. Runs again safely: what exists is kept, certificates are
# made again only when the addresses change.
#
#   ./dinp datastores --address 10.0.0.1 [--restart-mariadb] [--no-mariadb] [--no-registry]
#
# --address         the IP address the other DINP machines reach this one at; the certificates name it
# --restart-mariadb restart a MariaDB that already runs without TLS, so it loads its certificate
# --no-mariadb      leave MariaDB out (you bring your own MySQL/MariaDB; give the roles --db-tls --db-ca-cert)
# --no-registry     leave the registry out
# Files: $DINP_STATE_DIR (/var/lib/dinp): tls/ca.crt (give it to every role), redis/password, mariadb/password;
#        $DINP_REGISTRY_DIR (/var/lib/dinp-registry)/password.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"

address="" restart=0 mariadb=1 registry=1
while [ $# -gt 0 ]; do
  case "$1" in
    --address) [ $# -ge 2 ] || die "--address needs a value, e.g. --address 10.0.0.1"; address=$2; shift ;;
    --address=*) address=${1#--address=} ;;
    --restart-mariadb) restart=1 ;;
    --no-mariadb) mariadb=0 ;;
    --no-registry) registry=0 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see ./dinp datastores --help)" ;;
  esac
  shift
done
[ -n "$address" ] || die "--address is required: the address the other DINP machines reach this one at, e.g. --address 10.0.0.1"
# an IP address: Redis and MariaDB bind to it, and the certificates name it
case "$address" in
  *[!0-9a-fA-F.:]*|"") die "--address must be an IP address of this machine, got '$address'" ;;
  127.*|0.0.0.0|::1|::) die "--address must be reachable from the other machines, not $address" ;;
esac
is_debian_root || die "./dinp datastores installs and configures services: run it as root on Debian"

# Redis: loopback for roles on this machine, the address for the others
DINP_REDIS_BIND="$address 127.0.0.1"
ensure_redis

if [ "$mariadb" = 1 ]; then
  DINP_MARIADB_TLS=1 DINP_MARIADB_ADDRESSES=$address DINP_MARIADB_BIND=1 DINP_MARIADB_REQUIRE_TLS=1 \
    DINP_MARIADB_RESTART=$restart DINP_MARIADB_TEST_USER=0 ensure_mariadb
  mariadb_has_tls || die "MariaDB runs without TLS: run again with --restart-mariadb, or restart it yourself"
  mkdir -p "$DINP_STATE_DIR/mariadb" && chmod 700 "$DINP_STATE_DIR/mariadb"
  ensure_secret_file "$DINP_STATE_DIR/mariadb/password"
  # the SQL (with the password) goes in on stdin, never on a command line
  mariadb -uroot <<SQL || die "could not create the database and user dinp"
CREATE DATABASE IF NOT EXISTS dinp CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'dinp'@'%' IDENTIFIED BY '$(cat "$DINP_STATE_DIR/mariadb/password")' REQUIRE SSL;
ALTER USER 'dinp'@'%' IDENTIFIED BY '$(cat "$DINP_STATE_DIR/mariadb/password")' REQUIRE SSL;
GRANT ALL ON dinp.* TO 'dinp'@'%';
SQL
fi

if [ "$registry" = 1 ]; then
  DINP_REGISTRY_ADDR="$address:5000" DINP_REGISTRY_TLS=1 ensure_registry
fi

ca=$DINP_TLS_DIR/ca.crt
cat <<EOF

Data stores ready on $address, each with TLS and a password. Copy to every DINP machine:
  $ca                     (the CA; below: /etc/dinp/ca.crt)
and to the machines of the roles that use them (mode 600):
  $DINP_REDIS_DIR/password   -> redis-password     (server, router, dash)
EOF
[ "$mariadb" = 1 ] && echo "  $DINP_STATE_DIR/mariadb/password -> db-password        (server, dash, builder)"
[ "$registry" = 1 ] && echo "  $DINP_REGISTRY_DIR/password -> registry-password  (builder, agents)"
echo
echo "Options:"
echo "  server, router, dash:   --redis rediss://$address:$DINP_REDIS_PORT --redis-ca-cert /etc/dinp/ca.crt --redis-password-file redis-password"
[ "$mariadb" = 1 ] && echo "  server, dash, builder:  --db-url jdbc:mariadb://$address:3306/dinp --db-tls --db-ca-cert /etc/dinp/ca.crt --db-password-file db-password"
[ "$registry" = 1 ] && echo "  builder, agents:        --registry $address:5000 --registry-ca-cert /etc/dinp/ca.crt --registry-password-file registry-password"
exit 0
