#!/bin/sh
# Run inside the Dockerfile's build stage (cwd = the built workspace, dev dependencies already pruned).
# Lays out one directory per runtime image under $1 (default /deploy), holding only what runs:
#   /deploy/tiny-server   tiny-server/{package.json,dist,www,...}
#   /deploy/proxy         proxy/{package.json,dist,...}
#   /deploy/grader        grader + proxy + tiny-server (the grader hosts Tiny origins and runs the
#                         bundled reference proxy) + the production node_modules
# From each package everything is kept except sources, tests and build metadata, so files read at run
# time (tiny-server/www with cgi-bin, grader rubrics) come along wherever a package keeps them.
# A package with no "dependencies" gets no node_modules at all; one with dependencies gets the
# production tree of the whole workspace.
set -eu

out=${1:-/deploy}

copy_package() { # target package
  dest="$out/$1/$2"
  mkdir -p "$dest"
  cp -a "$2/." "$dest/"
  rm -rf "$dest/src" "$dest/test" "$dest/tests" "$dest/node_modules/.cache"
  find "$dest" \( -name 'tsconfig*.json' -o -name '*.tsbuildinfo' -o -name '.tsbuildinfo' \
    -o -name 'vitest.config.*' -o -name '*.test.js' -o -name '*.test.d.ts' -o -name '*.test.js.map' \) \
    -exec rm -rf {} +
}

has_dependencies() { # package
  node -e '
    const deps = require(`./${process.argv[1]}/package.json`).dependencies ?? {};
    process.exit(Object.keys(deps).length > 0 ? 0 : 1);
  ' "$1"
}

assemble() { # target packages...
  target=$1
  shift
  mkdir -p "$out/$target"
  cp package.json "$out/$target/"
  needs_modules=no
  for pkg in "$@"; do
    copy_package "$target" "$pkg"
    if has_dependencies "$pkg"; then needs_modules=yes; fi
  done
  if [ "$needs_modules" = yes ]; then
    cp -a node_modules "$out/$target/"
    rm -rf "$out/$target/node_modules/.cache" "$out/$target/node_modules/.package-lock.json"
  fi
  echo "assemble-runtime: $target: $* (node_modules: $needs_modules, $(du -sh "$out/$target" | cut -f1))"
}

rm -rf "$out"
assemble tiny-server tiny-server
assemble proxy proxy
assemble grader grader proxy tiny-server
