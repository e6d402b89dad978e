#!/usr/bin/env bash
# Gradescope runs this once, as root, while building the autograder image (Ubuntu): installs Node 20, the C
# toolchain and the sandbox tools, then builds the grader.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
root="${AUTOGRADER_ROOT:-/autograder}"  # overridable to try the bundle outside Gradescope
here="$root/source"
# shellcheck source=proxylab.env
. "$here/proxylab.env"

apt-get update
apt-get install -y --no-install-recommends ca-certificates curl git build-essential iproute2 util-linux bubblewrap
if ! node --version 2>/dev/null | grep -Eq '^v(2[0-9]|[3-9][0-9])\.'; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi

if [ ! -d "$here/proxylab" ]; then
  git clone --depth 1 --branch "$PROXYLAB_REF" "$PROXYLAB_REPO" "$here/proxylab"
fi
cd "$here/proxylab"
npm ci --no-audit --no-fund
node grader/dist/cli.js --version
