#!/bin/sh
# Grades one Autolab handin with the grader packed in autograde.tar; its last stdout line is the autoresult.
# Usage: grade-handin.sh HANDIN.tar [grader options...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
handin=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/submission"
if ! tar -xf "$handin" -C "$work/submission" 2>"$work/tar.err"; then
  # graded all the same (an empty folder: make fails, 0 points), so Autolab still gets its line
  echo "The handin $handin is not a tar file this grader can open:" >&2
  cat "$work/tar.err" >&2
fi
# `make handin` tars the handout folder itself: grade inside it when it is the only thing in the tar
submission=$work/submission
if [ ! -e "$submission/Makefile" ] && [ ! -e "$submission/makefile" ]; then
  only=$(find "$submission" -mindepth 1 -maxdepth 1)
  if [ -d "$only" ] && { [ -e "$only/Makefile" ] || [ -e "$only/makefile" ]; }; then submission=$only; fi
fi
# terminal report for the student's feedback page, then the autoresult as the very last line
exec node "$here/proxylab/grader/dist/cli.js" --submission "$submission" --format terminal --format autolab "$@"
