#!/bin/sh
# war stack: Tomcat in the foreground with its HTTP connector on $PORT (shutdown port off;
# SIGTERM stops Tomcat cleanly). The server.xml of the image is left as it is; a rewritten copy
# is passed with -config. Tomcat still unpacks the war and compiles JSPs under CATALINA_BASE, so
# this stack (unlike the others) runs with a writable root file system.
set -eu
: "${PORT:=8080}"
base=${CATALINA_BASE:-$CATALINA_HOME}
conf=$(mktemp -d)/server.xml
sed -E -e '/<Connector /s/port="8080"/port="'"$PORT"'"/' \
       -e 's/<Server port="[0-9]+"/<Server port="-1"/' "$base/conf/server.xml" > "$conf"
grep -q "port=\"$PORT\"" "$conf" || { echo "war stack: no <Connector port=\"8080\"> in $base/conf/server.xml to move to $PORT" >&2; exit 1; }
exec "$CATALINA_HOME/bin/catalina.sh" run -config "$conf"
