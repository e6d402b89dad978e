#!/usr/bin/env bash
# Builds autograde.tar for Autolab: the grader (this repository's HEAD, built, runtime dependencies only) and the
# handin script. Upload it with autograde-Makefile as the assessment's autograder files.
# Usage: make-autograde-tar.sh [OUTPUT.tar]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
output="$(realpath -m "${1:-autograde.tar}")"
repo="$(git -C "$here" rev-parse --show-toplevel)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dest="$stage/proxylab-autolab"
mkdir -p "$dest/proxylab"
cp "$here/grade-handin.sh" "$dest/"
git -C "$repo" archive HEAD | tar -x -C "$dest/proxylab"
(cd "$dest/proxylab" && npm ci --no-audit --no-fund >/dev/null && npm prune --omit=dev --no-audit --no-fund >/dev/null)
tar -C "$stage" -cf "$output" proxylab-autolab
echo "wrote $output ($(du -h "$output" | cut -f1))"
