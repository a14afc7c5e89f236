#!/usr/bin/env bash
# Builds dinp-test/hello:v1, a 2 MB demo app (FROM scratch + busybox httpd) that answers
# "instance=<id> version=v1" on $PORT — for the README's quick start on a machine that cannot
# pull images.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
ensure_docker
ensure_busybox_static
build_hello_image
echo "dinp-test/hello:v1 is ready"
