#!/usr/bin/env bash
# DINP stacks: builds the default base images of the stacks locally from Debian's packages (no
# Docker Hub needed) and lists them. See docs/stacks.md.
#
#   scripts/stacks.sh build [--rebuild] [STACK|IMAGE...]   build what is missing (default: all)
#   scripts/stacks.sh list                                  stacks, base images, present or not
#
# dinp/base-debian:12  debootstrap --variant=minbase bookworm from the host's Debian mirror, imported
# dinp/jre:17, dinp/python:3, dinp/node:18, dinp/tomcat:10
#                      docker build from stacks/base/*/Dockerfile (apt-get inside the build)
# dinp/busybox         FROM scratch + the host's static busybox
#
# Existing images are reused as they are; --rebuild (or DINP_STACKS_REBUILD=1) builds the named
# images again (all when none is named), parents only if missing.
# Environment: DINP_DEBIAN_MIRROR (default: the host's apt mirror), DINP_DEBIAN_SUITE (bookworm).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/scripts/lib.sh"
STACKS_DIR=$ROOT/dinp-builder/src/main/resources/stacks
SUITE=${DINP_DEBIAN_SUITE:-bookworm}
REBUILD=${DINP_STACKS_REBUILD:-}
export DOCKER_BUILDKIT=0

BASE_DEBIAN=dinp/base-debian:12
# image -> what it is built from (order = build order; parents first)
IMAGES=(dinp/base-debian:12 dinp/jre:17 dinp/python:3 dinp/node:18 dinp/tomcat:10 dinp/busybox:latest)
declare -A PARENT=([dinp/jre:17]=dinp/base-debian:12 [dinp/python:3]=dinp/base-debian:12
  [dinp/node:18]=dinp/base-debian:12 [dinp/tomcat:10]=dinp/jre:17)
declare -A BASEDIR=([dinp/jre:17]=jre [dinp/python:3]=python [dinp/node:18]=node
  [dinp/tomcat:10]=tomcat [dinp/busybox:latest]=busybox)

# stack -> default base image, from stacks.properties (the same file the builder reads)
declare -A STACK_BASE=()
STACK_ORDER=()
while IFS='=' read -r k v; do
  case $k in *.base) STACK_BASE[${k%.base}]=$v; STACK_ORDER+=("${k%.base}") ;; esac
done < <(grep -v '^[[:space:]]*#' "$STACKS_DIR/stacks.properties")

declare -A NAMED=()
present() { docker image inspect "$1" >/dev/null 2>&1; }
short_id() { docker image inspect -f '{{.Id}}' "$1" | cut -c8-19; }
created() { docker image inspect -f '{{.Created}}' "$1" | cut -c1-19; }

# The Debian mirror the host's apt uses (first URI serving $SUITE), deb822 or one-line format.
host_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$SUITE" '
      /^[[:space:]]*$/ { if (u != "" && ok) { print u; exit } u = ""; ok = 0; next }
      /^URIs:/ { u = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
      END { if (u != "" && ok) print u }' "$f" | head -1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$SUITE" '$1 == "deb" { o = ($2 ~ /^\[/) ? 1 : 0; if ($(3+o) == s) { print $(2+o); exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  echo http://deb.debian.org/debian
}

# The security mirror next to it (debian-security), if the host uses one.
host_security_mirror() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]*debian-security/?' | head -1 || true
}

cleanup_rootfs() {
  local dir=$1 m
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  # debootstrap may leave proc/sys mounted when it fails: unmount before deleting anything.
  for m in $(findmnt -rn -o TARGET | grep -F "$dir/" | sort -r); do umount -l "$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$dir"
}

build_base_debian() {
  command -v debootstrap >/dev/null || apt_install debootstrap
  local mirror=${DINP_DEBIAN_MIRROR:-$(host_mirror)} security; security=$(host_security_mirror)
  local work; work=$(mktemp -d /var/tmp/dinp-rootfs.XXXXXX)
  trap "cleanup_rootfs '$work'" EXIT
  local rootfs=$work/rootfs
  log "debootstrap --variant=minbase $SUITE from $mirror (log: $work/debootstrap.log)"
  if ! debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -20 "$work/debootstrap.log" >&2
    [ -f "$rootfs/debootstrap/debootstrap.log" ] && tail -20 "$rootfs/debootstrap/debootstrap.log" >&2
    die "debootstrap of $SUITE from $mirror failed (see above)"
  fi
  # apt inside derived builds uses the same mirror (plus updates and security when the host has them)
  {
    echo "deb $mirror $SUITE main"
    echo "deb $mirror $SUITE-updates main"
    [ -n "$security" ] && echo "deb ${security%/} $SUITE-security main"
  } > "$rootfs/etc/apt/sources.list"
  # like Debian's official images: no services started by postinst, no docs/man, no apt caches
  printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"; chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$rootfs/etc/apt/apt.conf.d/90dinp-norecommends"
  cat > "$rootfs/etc/apt/apt.conf.d/90dinp-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
EOF
  cat > "$rootfs/etc/dpkg/dpkg.cfg.d/90dinp-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/info/*
path-exclude /usr/share/man/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  mkdir -p "$rootfs/usr/share/man/man1" # openjdk's postinst needs it (update-alternatives slave links)
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
    "$rootfs"/var/lib/dpkg/*-old "$rootfs"/tmp/* "$rootfs"/var/tmp/* "$rootfs"/root/.bash_history \
    "$rootfs"/etc/hostname "$rootfs"/etc/resolv.conf "$rootfs"/debootstrap
  find "$rootfs/var/log" -type f -delete
  : > "$rootfs/etc/machine-id"
  mkdir -p "$rootfs/etc/dinp"
  chroot "$rootfs" dpkg-query -W -f='${Package}=${Version}\n' > "$rootfs/etc/dinp/packages.txt"
  chroot "$rootfs" groupadd -g 10001 app && chroot "$rootfs" useradd -u 10001 -g 10001 -d /app -s /usr/sbin/nologin -M app
  local built; built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  printf 'image=%s\nsuite=%s\nmirror=%s\nsecurity=%s\nbuilt=%s\n' "$BASE_DEBIAN" "$SUITE" "$mirror" "${security:-none}" "$built" > "$rootfs/etc/dinp/image.txt"
  log "importing $(du -sh --one-file-system "$rootfs" | cut -f1) root filesystem as $BASE_DEBIAN"
  tar --numeric-owner --sort=name -C "$rootfs" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
    -c 'CMD ["/bin/bash"]' \
    -c "LABEL io.dinp.image=$BASE_DEBIAN io.dinp.suite=$SUITE io.dinp.mirror=$mirror io.dinp.built=$built io.dinp.packages=/etc/dinp/packages.txt" \
    - "$BASE_DEBIAN" >/dev/null || die "docker import of $BASE_DEBIAN failed"
  cleanup_rootfs "$work"; trap - EXIT
}

build_from_dockerfile() {
  local img=$1 dir=$STACKS_DIR/base/${BASEDIR[$1]} ctx logf
  ctx=$(mktemp -d); logf=$(mktemp /tmp/dinp-stack-build.XXXXXX)
  cp "$dir/Dockerfile" "$ctx/"
  local args=()
  [ -n "$REBUILD" ] && args+=(--no-cache) # a rebuild fetches the packages again
  if [ "$img" = dinp/busybox:latest ]; then
    if ! { [ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q static; }; then apt_install busybox-static; fi
    cp "$(readlink -f /bin/busybox)" "$ctx/busybox"
    dpkg-query -W -f='${Package}=${Version}\n' busybox-static > "$ctx/packages.txt" 2>/dev/null \
      || { /bin/busybox 2>&1 || true; } | head -1 > "$ctx/packages.txt" # its help is long: head's early exit is no failure
  else
    args+=(--build-arg "BASE=${PARENT[$img]}")
  fi
  log "docker build $img (log: $logf)"
  if ! docker build --pull=false "${args[@]}" -t "$img" "$ctx" >"$logf" 2>&1; then
    tail -25 "$logf" >&2; rm -rf "$ctx"
    die "docker build of $img failed (full log: $logf)"
  fi
  rm -rf "$ctx" "$logf"
}

build_one() {
  local img=$1 t0=$SECONDS
  if present "$img" && ! { [ -n "$REBUILD" ] && { [ ${#NAMED[@]} -eq 0 ] || [ -n "${NAMED[$img]:-}" ]; }; }; then
    echo "reuse   $img  ($(short_id "$img"), created $(created "$img"))"
    return 0
  fi
  if [ "$img" = "$BASE_DEBIAN" ]; then build_base_debian; else build_from_dockerfile "$img"; fi
  local size; size=$(docker image inspect -f '{{.Size}}' "$img")
  echo "built   $img  ($(short_id "$img"), $((size / 1000000)) MB) in $((SECONDS - t0)) s"
}

# the images (with their parents) needed for the given stacks or image names
wanted_images() {
  local -A want=()
  local a img
  [ $# -eq 0 ] && set -- "${IMAGES[@]}"
  for a in "$@"; do
    case $a in
      dockerfile) continue ;;
      dinp/*) img=$a; [[ $img == *:* ]] || img=$img:latest ;;
      *) img=${STACK_BASE[$a]:-} ;;
    esac
    [ -n "$img" ] || die "unknown stack or image: $a (stacks: ${STACK_ORDER[*]} dockerfile)"
    [[ " ${IMAGES[*]} " == *" $img "* ]] || die "$img is not an image this script builds (it builds: ${IMAGES[*]})"
    while [ -n "$img" ]; do want[$img]=1; img=${PARENT[$img]:-}; done
  done
  for img in "${IMAGES[@]}"; do [ -n "${want[$img]:-}" ] && echo "$img"; done
  return 0
}

cmd_build() {
  [ "${1:-}" = --rebuild ] && { REBUILD=1; shift; }
  ensure_docker
  local img t0=$SECONDS list a
  list=$(wanted_images "$@") || exit 1
  for a in "$@"; do # --rebuild applies to the images named, not to their parents
    case $a in dinp/*) [[ $a == *:* ]] || a=$a:latest; NAMED[$a]=1 ;; *) [ -n "${STACK_BASE[$a]:-}" ] && NAMED[${STACK_BASE[$a]}]=1 ;; esac
  done
  for img in $list; do build_one "$img"; done
  echo "done in $((SECONDS - t0)) s"
}

cmd_list() {
  printf '%-11s %-22s %s\n' STACK BASE-IMAGE STATUS
  local s img st
  for s in "${STACK_ORDER[@]}"; do
    img=${STACK_BASE[$s]}
    if present "$img"; then st="present ($(short_id "$img"), created $(created "$img"))"; else st=missing; fi
    printf '%-11s %-22s %s\n' "$s" "$img" "$st"
  done
  printf '%-11s %-22s %s\n' dockerfile - "the artifact brings its own Dockerfile"
  if present "$BASE_DEBIAN"; then st="present ($(short_id "$BASE_DEBIAN"))"; else st=missing; fi
  printf '%-11s %-22s %s\n' '(root)' "$BASE_DEBIAN" "$st"
}

case ${1:-} in
  build) shift; cmd_build "$@" ;;
  list) cmd_list ;;
  *) echo "usage: $0 build [--rebuild] [STACK|IMAGE...] | list" >&2; exit 2 ;;
esac
