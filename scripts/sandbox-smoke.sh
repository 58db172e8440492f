#!/usr/bin/env bash
# The README's first commands, as a new user runs them: `npm run sandbox` on this checkout
# (after `npm install`/`npm ci`), waited for until it prints "sandbox is ready", then the
# printed admin URL fetched as a browser would (Shopify's library turns bot user agents
# away) and checked for the seeded demo store, then the whole process group stopped and
# checked gone. .ci/run calls it; it also runs on its own: `scripts/sandbox-smoke.sh`.
#
# It uses its own free port and a fresh database and sandbox state in a directory that does
# not exist yet (as prisma/data/ does not in a clone), so it never touches a developer's
# prisma/data/. SANDBOX_SMOKE_TIMEOUT (seconds, default 600) bounds the wait for "ready".
set -euo pipefail
cd "$(dirname "$0")/.."

timeout_s="${SANDBOX_SMOKE_TIMEOUT:-600}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/wafa-sandbox-smoke.XXXXXX")"
log="$scratch/sandbox.log"
port="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
# One user agent for the app and this check (app/sandbox/boot.server.ts).
user_agent="$(sed -n 's/^export const SANDBOX_BROWSER = "\(.*\)";$/\1/p' app/sandbox/boot.server.ts)"
[ -n "$user_agent" ] || { echo "sandbox-smoke: SANDBOX_BROWSER not found in app/sandbox/boot.server.ts" >&2; exit 1; }

group=""
fail() {
  printf '\nsandbox-smoke: FAILED: %s\n\n--- npm run sandbox output (%s) ---\n' "$1" "$log" >&2
  cat "$log" >&2 || true
  printf -- '--- end of output ---\n' >&2
  exit 1
}
group_alive() { [ -n "$group" ] && [ -n "$(ps -o pid= -g "$group" 2>/dev/null)" ]; }
stop_group() {
  group_alive || return 0
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 1 100); do group_alive || return 0; sleep 0.1; done
  echo "sandbox-smoke: still running 10 s after SIGTERM, sending SIGKILL:" >&2
  ps -o pid,pgid,args -g "$group" >&2 || true
  kill -KILL -- "-$group" 2>/dev/null || true
  sleep 0.5
}
cleanup() {
  stop_group
  rm -rf "$scratch"
}
trap cleanup EXIT

started=$SECONDS
echo "sandbox-smoke: npm run sandbox on 127.0.0.1:$port, database file:$scratch/prisma/data/wafa.sqlite (directory not created yet)"
# Its own session and process group (setsid), so the stop below reaches npm, tsx, the
# server and anything they started, and nothing else. Settings a user would not have are
# cleared; the sandbox's defaults apply.
setsid env -u NODE_ENV -u SHOPIFY_API_KEY -u SHOPIFY_API_SECRET -u SHOPIFY_APP_URL -u SANDBOX_SHOP -u SANDBOX_SEED -u HOST \
  PORT="$port" DATABASE_URL="file:$scratch/prisma/data/wafa.sqlite" SANDBOX_STATE_DIR="$scratch/prisma/data/sandbox" \
  npm run sandbox >"$log" 2>&1 </dev/null &
pid=$!
group="$(ps -o pgid= -p "$pid" | tr -d ' ')"
[ "$group" = "$pid" ] || fail "npm run sandbox is not in its own process group (pid $pid, group $group)"

until grep -q "sandbox is ready" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && code=0 || code=$?
    fail "npm run sandbox exited ($code) before it was ready"
  fi
  [ $((SECONDS - started)) -lt "$timeout_s" ] || fail "not ready after ${timeout_s} s"
  sleep 1
done
ready=$((SECONDS - started))
echo "sandbox-smoke: ready after ${ready} s"

admin_url="$(sed -n 's/^ *Admin (embedded app): *\(http[^ ]*\)$/\1/p' "$log" | tail -1)"
[ -n "$admin_url" ] || fail "no admin URL after \"sandbox is ready\""
seeded_customers="$(sed -n 's/^Seeded [^:]*: \([0-9][0-9]*\) customers.*/\1/p' "$log" | tail -1)"
[ -n "$seeded_customers" ] || fail "no \"Seeded …: N customers\" line: the demo store was not seeded"

page="$scratch/admin.html"
status="$(curl -sS -L --max-time 60 -A "$user_agent" -o "$page" -w '%{http_code}' "$admin_url")" || fail "GET $admin_url failed"
[ "$status" = 200 ] || fail "GET $admin_url answered $status (expected 200)"
# The admin home's text, tags dropped: the program, and the totals the seed's webhooks made.
text="$(sed -e 's/<[^>]*>/ /g' "$page" | tr -s ' \n\t' '   ')"
grep -q "Your program" <<<"$text" || fail "the admin page has no \"Your program\""
members="$(grep -oE 'Members [0-9,]+' <<<"$text" | head -1 | tr -dc '0-9')"
orders="$(grep -oE 'Orders recorded [0-9,]+' <<<"$text" | head -1 | tr -dc '0-9')"
[ "${members:-0}" = "$seeded_customers" ] || fail "the admin shows ${members:-no} members, the seed made $seeded_customers customers"
[ "${orders:-0}" -gt 0 ] || fail "the admin shows no orders recorded"
store_status="$(curl -sS --max-time 30 -o "$scratch/store.html" -w '%{http_code}' "${admin_url%/admin}")" || fail "GET the simulated store failed"
[ "$store_status" = 200 ] && grep -q "Simulated store" "$scratch/store.html" || fail "the simulated store answered $store_status"
echo "sandbox-smoke: admin answered 200 with $members members and $orders orders recorded; the simulated store answered 200"

stop_group
wait "$pid" 2>/dev/null || true
group_alive && fail "processes left running after the stop: $(ps -o pid=,args= -g "$group")"
if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/"; then fail "something still answers on port $port after the stop"; fi
echo "sandbox-smoke: stopped, nothing left running (process group $group empty, port $port closed); ready after ${ready} s, ${SECONDS} s in all"
