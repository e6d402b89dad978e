#!/usr/bin/env bash
# Builds autograder.zip for Gradescope from this folder. With --vendor, the zip also carries the grader's source
# (git archive of the repository's HEAD), so setup.sh needs no access to your git host.
# Usage: make-bundle.sh [--vendor] [OUTPUT.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vendor=0
if [ "${1:-}" = --vendor ]; then vendor=1; shift; fi
output="$(realpath -m "${1:-autograder.zip}")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$here/setup.sh" "$here/run_autograder" "$here/proxylab.env" "$stage/"
if [ "$vendor" = 1 ]; then
  repo="$(git -C "$here" rev-parse --show-toplevel)"
  mkdir "$stage/proxylab"
  git -C "$repo" archive HEAD | tar -x -C "$stage/proxylab"
fi
rm -f "$output"
if command -v zip >/dev/null; then
  (cd "$stage" && zip -qr "$output" .)
else
  (cd "$stage" && python3 -m zipfile -c "$output" ./*)
fi
echo "wrote $output"
