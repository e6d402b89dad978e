#!/usr/bin/env bash
# CI Docker stage: engine, compose, base images, image builds, then `npm run test:docker` (compose up → bytes
# through the proxy service to tiny → full marks from the grader service → compose down leaves nothing;
# `--image` grading of the reference image; `--sandbox docker` parity on flawed C fixtures; Ctrl-C cleanup),
# then a C submission graded with compose's `submission` profile.
# Everything it starts carries this stage's compose project or session label and is removed on every exit path.
#
# Env: PROXYLAB_CI_PROJECT (compose project, default proxylab-ci-<pid>; the tests' project is <it>-test and
#      container grading's session label is <it>), PROXYLAB_CI_REQUIRE_GRADER=1 (a grader that cannot produce a
#      report fails instead of SKIP), PROXYLAB_CI_SKIP_SUBMISSION=1, NPM_CA_FILE (default: $NODE_EXTRA_CA_CERTS
#      when readable).
set -euo pipefail
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."

export COMPOSE_PROJECT_NAME=${PROXYLAB_CI_PROJECT:-proxylab-ci-$$}
export PROXYLAB_TEST_COMPOSE_PROJECT=$COMPOSE_PROJECT_NAME-test # compose.docker.test.ts
session=$COMPOSE_PROJECT_NAME # PROXYLAB_SESSION of everything this stage starts; labels --image's network holders
export TINY_PORT=0 PROXY_PORT=0 # published on free host ports, read back with `docker compose port`
export BUILDKIT_PROGRESS=plain
if [ -z "${NPM_CA_FILE:-}" ] && [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then
  export NPM_CA_FILE=$NODE_EXTRA_CA_CERTS
fi

summary=()
stage_start=$(date +%s%N)

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
fmt_ms() { printf '%d.%01ds' $(($1 / 1000)) $((($1 % 1000) / 100)); }
note() { printf 'ci-stage: %s\n' "$*"; }

# run_step NAME CMD...: runs one step, records its duration and outcome; a failing step ends the stage.
run_step() {
  local name=$1 t0 rc=0
  shift
  printf '\n--- docker stage: %s\n' "$name"
  t0=$(date +%s%N)
  # A subshell outside any `||`, so that `set -e` still stops the step at its first failing command;
  # in the background, so that `wait` lets a SIGTERM/SIGINT reach the traps at once.
  set +e
  (
    set -e
    "$@"
  ) &
  step_pid=$!
  wait "$step_pid"
  rc=$?
  step_pid=""
  set -e
  local ms
  ms=$(ms_since "$t0")
  if [ "$rc" -eq 0 ]; then
    summary+=("$(printf '%-34s %8s  ok' "$name" "$(fmt_ms "$ms")")")
  elif [ "$rc" -eq 77 ]; then
    summary+=("$(printf '%-34s %8s  SKIP' "$name" "$(fmt_ms "$ms")")")
  else
    summary+=("$(printf '%-34s %8s  FAILED (exit %d)' "$name" "$(fmt_ms "$ms")" "$rc")")
    note "FAILED: $name"
    exit "$rc"
  fi
}

# Pids of the processes this stage started and that still run: they all inherit PROXYLAB_SESSION (graders that
# the tests start in process groups of their own included). Call it as $(stage_pids), with no pipe: the
# directory list is read before the loop forks anything, and the command substitution's own shell is skipped.
stage_pids() {
  local p
  for p in /proc/[0-9]*; do
    case "${p#/proc/}" in "$$" | "$BASHPID") continue ;; esac
    grep -qzx "PROXYLAB_SESSION=$session" "$p/environ" 2>/dev/null && printf '%s\n' "${p#/proc/}"
  done
}

# SIGTERM first (a grader then removes its own containers), SIGKILL whatever is left after 20 s.
stop_stage_processes() {
  local pids waited=0
  pids=$(stage_pids)
  [ -z "$pids" ] && return 0
  note "stopping $(echo "$pids" | wc -l) process(es) of this stage" >&2
  kill -TERM $pids 2>/dev/null
  while [ $waited -lt 200 ] && [ -n "$(stage_pids)" ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  pids=$(stage_pids)
  [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
  return 0
}

# Stops what the stage started and removes what it created: its compose projects (by project label), and the
# containers and build layers of container grading (by session label). Prints the number of containers left.
sweep_stage() {
  local project filter holder left=0
  stop_stage_processes
  docker info >/dev/null 2>&1 || {
    echo 0
    return
  }
  for project in "$COMPOSE_PROJECT_NAME" "$PROXYLAB_TEST_COMPOSE_PROJECT"; do
    if docker compose version >/dev/null 2>&1; then
      COMPOSE_PROJECT_NAME=$project docker compose --profile submission down -v --remove-orphans --timeout 10 \
        >/dev/null 2>&1 || echo "ci-stage: docker compose down failed for $project" >&2
    fi
    # Whatever `down` missed (e.g. a `run` container racing it), found by this project's label only.
    filter="label=com.docker.compose.project=$project"
    docker ps -aq --filter "$filter" | xargs -r docker rm -f >/dev/null
    docker network ls -q --filter "$filter" | xargs -r docker network rm >/dev/null
    docker volume ls -q --filter "$filter" | xargs -r docker volume rm >/dev/null
    left=$((left + $(docker ps -aq --filter "$filter" | wc -l)))
  done
  # Container grading stopped hard (a SIGKILLed grader): its proxies, holder and build layers, by label.
  for holder in $(docker ps -aq --no-trunc --filter "label=org.proxylab.session=$session"); do
    docker ps -aq --filter "label=org.proxylab.holder=$holder" | xargs -r docker rm -f >/dev/null
    docker rm -f "$holder" >/dev/null
    docker images -aq --filter "label=org.proxylab.build=$holder" | xargs -r docker rmi -f >/dev/null 2>&1
  done
  # build layers the daemon committed after their grader was stopped (a cancelled build's last step)
  docker images -aq --filter "label=org.proxylab.session=$session" | xargs -r docker rmi -f >/dev/null 2>&1
  echo $((left + $(docker ps -aq --filter "label=org.proxylab.session=$session" | wc -l)))
}

# The reaper: a detached copy of this script that waits for the stage's shell to end and sweeps if the stage did
# not (SIGKILL, or bash dying of a signal before its trap ran). It is started without PROXYLAB_SESSION, so the
# stage's own sweep spares it.
reap_flag=${TMPDIR:-/tmp}/proxylab-ci-swept-$COMPOSE_PROJECT_NAME
if [ "${1:-}" = --reap ]; then
  while kill -0 "$2" 2>/dev/null; do sleep 1; done
  if [ -e "$reap_flag" ]; then
    rm -f "$reap_flag"
    exit 0
  fi
  note "the stage (pid $2) ended without its cleanup; sweeping project $COMPOSE_PROJECT_NAME"
  note "containers left after the sweep: $(sweep_stage)"
  case "${PROXYLAB_CI_TMP:-}" in */proxylab-ci.*) rm -rf "$PROXYLAB_CI_TMP" ;; esac
  exit 0
fi
rm -f "$reap_flag"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/proxylab-ci.XXXXXX")
setsid env -u PROXYLAB_SESSION PROXYLAB_CI_PROJECT="$COMPOSE_PROJECT_NAME" PROXYLAB_CI_TMP="$tmp" \
  bash "$script" --reap "$$" </dev/null &
export PROXYLAB_SESSION=$session
# the steps' temporary files (tests, graders, build contexts) go where the cleanup removes them, killed or not
mkdir "$tmp/tmp"
export TMPDIR=$tmp/tmp
step_pid=""
cleanup() {
  local rc=$? t0 left
  set +e
  if [ -n "$step_pid" ]; then kill "$step_pid" 2>/dev/null; fi
  t0=$(date +%s%N)
  left=$(sweep_stage)
  : >"$reap_flag"
  summary+=("$(printf '%-34s %8s  %s' "compose down, sweep" "$(fmt_ms "$(ms_since "$t0")")" \
    "$([ "$left" -eq 0 ] && echo "ok, nothing left" || echo "$left containers LEFT")")")
  rm -rf "$tmp"
  printf '\n--- docker stage summary (project %s)\n' "$COMPOSE_PROJECT_NAME"
  printf '%s\n' "${summary[@]}"
  printf '%-34s %8s  %s\n' "total" "$(fmt_ms "$(ms_since "$stage_start")")" \
    "$([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc)")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

build_service() { # service
  if ! docker compose build "$1" >"$tmp/build-$1.log" 2>&1; then
    tail -n 60 "$tmp/build-$1.log"
    return 1
  fi
  # Output lines (not the echoed commands) worth seeing even when the build succeeds.
  grep -E '^#[0-9]+ [0-9.]+ (WARNING|assemble-runtime:)' "$tmp/build-$1.log" | sed 's/^#[0-9]* [0-9.]* //' | sort -u || true
}

# The grader's Docker tests (vitest.docker.config.ts): compose stack, --image, --sandbox docker. The grader's dist
# must be current (the tests run grader/dist/cli.js): `npm run test:docker` builds it first.
test_docker() {
  if node -e 'process.exit(require("./package.json").scripts?.["test:docker"] ? 0 : 1)'; then
    npm run --silent test:docker
  else
    npx tsc -b tiny-server proxy grader
    npx vitest run --config vitest.docker.config.ts
  fi
}

# judge_report FILE LABEL: full marks → 0; a report with lost points → 1; no usable report → 77 (SKIP)
# unless PROXYLAB_CI_REQUIRE_GRADER=1.
judge_report() {
  local verdict
  verdict=$(node -e '
    const fs = require("node:fs");
    let r;
    try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("none"); process.exit(); }
    if (typeof r.score !== "number" || typeof r.maxScore !== "number") { console.log("none"); process.exit(); }
    const lost = (r.suites ?? []).flatMap((s) => s.checks ?? []).filter((c) => !c.passed && !c.skipped)
      .map((c) => `${c.id}: ${c.detail ?? ""}`);
    const skipped = (r.suites ?? []).flatMap((s) => s.checks ?? []).filter((c) => c.skipped).length;
    const full = r.maxScore > 0 && r.score === r.maxScore;
    console.log(`${full ? "full" : "lost"} ${r.score}/${r.maxScore} points, ${skipped} checks skipped (${r.target?.description ?? "?"})`);
    for (const line of lost.slice(0, 20)) console.log(`  lost ${line}`);
  ' "$1")
  case "$verdict" in
    full*)
      note "$2: ${verdict#full }"
      return 0
      ;;
    lost*)
      note "$2: ${verdict#lost }"
      return 1
      ;;
  esac
  note "$2: no JSON report; grader output:"
  tail -n 30 "$1.err" 2>/dev/null || true
  head -c 2000 "$1"
  if [ "${PROXYLAB_CI_REQUIRE_GRADER:-0}" = 1 ]; then return 1; fi
  note "SKIP: the grader is not ready yet (set PROXYLAB_CI_REQUIRE_GRADER=1 to fail instead)"
  return 77
}

# The fixture a correct C handout is modelled on shares ../_common; make it self-contained.
make_submission_copy() {
  local fixtures=grader/test/fixtures/submissions
  [ -f "$fixtures/correct/Makefile" ] && [ -d "$fixtures/_common" ] || return 1
  mkdir -p "$tmp/submission"
  cp "$fixtures/correct/Makefile" "$fixtures/correct/"*.c "$tmp/submission/"
  cp -R "$fixtures/_common" "$tmp/submission/_common"
  sed -i 's#\.\./_common#_common#g' "$tmp/submission/Makefile" "$tmp/submission/"*.c
}

grade_submission() {
  if [ "${PROXYLAB_CI_SKIP_SUBMISSION:-0}" = 1 ]; then
    note "SKIP: PROXYLAB_CI_SKIP_SUBMISSION=1"
    return 77
  fi
  if ! make_submission_copy; then
    note "SKIP: no C fixture at grader/test/fixtures/submissions/correct to grade"
    return 77
  fi
  SUBMISSION=$tmp/submission docker compose --profile submission run --rm -T grade-submission --format json \
    >"$tmp/submission.json" 2>"$tmp/submission.json.err" || {
    tail -n 20 "$tmp/submission.json.err"
    SUBMISSION=$tmp/submission docker compose --profile submission logs --no-log-prefix submission | tail -n 30
  }
  judge_report "$tmp/submission.json" "grade-submission (C fixture 'correct', sandboxed)"
}

image_sizes() {
  local base image
  base=$(docker image inspect -f '{{.Size}}' "${NODE_IMAGE:-node:26-slim}")
  printf '\n--- images (base %s: %d MB)\n' "${NODE_IMAGE:-node:26-slim}" $((base / 1000000))
  for image in proxylab/tiny-server proxylab/proxy proxylab/grader; do
    docker image inspect -f '{{.Size}}' "$image" |
      awk -v name="$image" -v base="$base" '{ printf "%-22s %6.1f MB  (%.1f MB on top of the base)\n", name, $1 / 1e6, ($1 - base) / 1e6 }'
  done
}

note "project $COMPOSE_PROJECT_NAME, CA for npm: ${NPM_CA_FILE:-none}"
run_step "engine (ensure-engine.sh)" sh docker/ensure-engine.sh
run_step "compose+buildx (ensure-compose.sh)" sh docker/ensure-compose.sh
run_step "base images (make-base-image.sh)" sh docker/make-base-image.sh all
run_step "build image tiny-server" build_service tiny
run_step "build image proxy" build_service proxy
run_step "build image grader" build_service grader
run_step "npm run test:docker" test_docker
run_step "grade C submission (compose)" grade_submission
image_sizes
