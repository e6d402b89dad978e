#!/bin/sh
# Make a Docker engine answer `docker info`, installing and starting one only when needed.
#
# - Already answering: exit at once (the common case on a developer laptop).
# - A dockerd process exists but is still starting: wait for it; never start a second one
#   (a second daemon fights the first over docker0, iptables and /var/run/docker.sock).
# - No dockerd binary: `apt-get install docker.io` (Debian/Ubuntu hosts, as root or via sudo).
# - No init system managing it (containers, CI VMs): start dockerd detached with nohup.
#
# Env: PROXYLAB_DOCKERD_LOG (default /var/log/dockerd.log), PROXYLAB_ENGINE_WAIT_S (default 60).
set -eu

log_file=${PROXYLAB_DOCKERD_LOG:-/var/log/dockerd.log}
wait_s=${PROXYLAB_ENGINE_WAIT_S:-60}

say() { printf 'ensure-engine: %s\n' "$*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

engine_answers() { docker info >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "need root (or sudo) to run: $*"
  fi
}

dockerd_running() {
  # A live pid in dockerd's pidfile, or any process whose executable is dockerd.
  if [ -r /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    return 0
  fi
  for exe in /proc/[0-9]*/exe; do
    case "$(readlink "$exe" 2>/dev/null)" in
      */dockerd) return 0 ;;
    esac
  done
  return 1
}

wait_for_engine() {
  waited=0
  while [ "$waited" -lt "$wait_s" ]; do
    if engine_answers; then
      say "engine answers after ${waited}s"
      return 0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "ERROR: docker info still fails after ${wait_s}s; last lines of $log_file:"
  tail -n 20 "$log_file" >&2 2>/dev/null || true
  docker info >&2 || true
  exit 1
}

if engine_answers; then
  exit 0
fi

if dockerd_running; then
  say "dockerd is already running but not answering yet; waiting (not starting another)"
  wait_for_engine
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 && [ ! -x /usr/sbin/dockerd ]; then
  command -v apt-get >/dev/null 2>&1 ||
    fail "no dockerd and no apt-get: install Docker Engine yourself (https://docs.docker.com/engine/install/)"
  say "installing docker.io with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 ||
    fail "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    docker.io >&2 || fail "apt-get install docker.io failed"
fi

dockerd_bin=$(command -v dockerd 2>/dev/null || echo /usr/sbin/dockerd)

# With a working init system, let it own the daemon.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  say "starting docker with systemctl"
  as_root systemctl start docker || say "systemctl start docker failed; starting dockerd directly"
  if engine_answers; then exit 0; fi
  if dockerd_running; then
    wait_for_engine
    exit 0
  fi
fi

say "starting $dockerd_bin (log: $log_file)"
# setsid: the daemon must not die with the shell or job that started it.
as_root sh -c "setsid nohup '$dockerd_bin' >>'$log_file' 2>&1 </dev/null &"
wait_for_engine
