#!/bin/sh
# node stack: what `npm start` does, without npm — package.json's scripts.start with
# node_modules/.bin on PATH; else package.json's main; else server.js. Run under dinp/run.sh.
set -eu
cd /app
export PATH="/app/node_modules/.bin:$PATH"
cmd=
if [ -f package.json ]; then
  cmd=$(node -e 'const p=require("/app/package.json"); process.stdout.write((p.scripts && p.scripts.start) || (p.main ? "node " + JSON.stringify(p.main) : ""))')
fi
[ -z "$cmd" ] && [ -f server.js ] && cmd="node server.js"
[ -n "$cmd" ] || { echo "node stack: package.json has no scripts.start and no main, and there is no server.js" >&2; exit 1; }
exec /bin/sh /dinp/run.sh "$cmd"
