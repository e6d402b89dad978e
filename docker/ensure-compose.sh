#!/bin/sh
# Make `docker compose` (v2 plugin) and `docker buildx` available, fetching them only when missing.
#
# Debian bookworm ships neither plugin; Debian trixie's `docker-compose` and `docker-buildx` packages
# are static Go binaries that run on bookworm. We download the two .debs with a private apt state
# (the system's apt lists and dpkg database are never touched), unpack them with dpkg-deb -x, and
# copy the plugins into the user's CLI plugin directory. Nothing is installed with dpkg.
#
# Env: DOCKER_CONFIG (plugin dir is $DOCKER_CONFIG/cli-plugins, default ~/.docker/cli-plugins),
#      PROXYLAB_PLUGIN_SUITE (default trixie).
set -eu

suite=${PROXYLAB_PLUGIN_SUITE:-trixie}
plugin_dir=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins

say() { printf 'ensure-compose: %s\n' "$*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

has_compose() { docker compose version >/dev/null 2>&1; }
has_buildx() { docker buildx version >/dev/null 2>&1; }

if has_compose && has_buildx; then
  exit 0
fi

command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 ||
  fail "docker compose is missing and this is not a Debian host: install the Compose plugin (https://docs.docker.com/compose/install/)"

# The mirror the machine already uses for Debian (a local mirror or proxy on air-gapped hosts).
find_mirror() {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    # deb822 stanzas: take the URIs of the first stanza whose Suites mention bookworm.
    uri=$(awk '
      /^[[:space:]]*$/ { if (uris != "" && ok) { print uris; exit } uris = ""; ok = 0; next }
      /^URIs:/ { uris = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") ok = 1 }
      END { if (uris != "" && ok) print uris }' "$f" | head -n 1)
    if [ -n "$uri" ]; then
      echo "$uri"
      return
    fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i + 1) == "bookworm") { print $i; exit } } }' "$f")
    if [ -n "$uri" ]; then
      echo "$uri"
      return
    fi
  done
  echo http://deb.debian.org/debian
}

mirror=$(find_mirror)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || fail "missing $keyring (package debian-archive-keyring)"

work=$(mktemp -d "${TMPDIR:-/tmp}/proxylab-plugins.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/x"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$work/sources.list"

apt_private() {
  apt-get -q \
    -o Dir::Etc::SourceList="$work/sources.list" \
    -o Dir::Etc::SourceParts=/nonexistent \
    -o Dir::State::Lists="$work/lists" \
    -o Dir::Cache="$work/cache" \
    -o APT::Sandbox::User="$(id -un)" \
    "$@"
}

say "fetching docker-compose and docker-buildx from $mirror $suite (private apt state)"
apt_private update >"$work/apt.log" 2>&1 || {
  cat "$work/apt.log" >&2
  fail "apt-get update for $suite failed"
}
(cd "$work/debs" && apt_private download docker-compose docker-buildx) >>"$work/apt.log" 2>&1 || {
  cat "$work/apt.log" >&2
  fail "apt-get download docker-compose docker-buildx failed"
}

for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/x"
done

mkdir -p "$plugin_dir"
for name in docker-compose docker-buildx; do
  src=$(find "$work/x" -path '*cli-plugins*' -name "$name" -type f | head -n 1)
  [ -n "$src" ] || fail "$name plugin not found in the downloaded package"
  install -m 0755 "$src" "$plugin_dir/$name"
done

has_compose || fail "docker compose still does not run (see $plugin_dir)"
has_buildx || fail "docker buildx still does not run (see $plugin_dir)"
say "installed into $plugin_dir: $(docker compose version --short 2>/dev/null), buildx $(docker buildx version 2>/dev/null | awk '{print $2}')"
