#!/bin/sh
# Starts `caunoi demo` on loopback in a temp dir and runs the citizen web chat's browser test
# against it. Needs /usr/bin/chromium and playwright-core (npm install --prefix build/e2e
# playwright-core, done by scripts/test.sh).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build}
tmp=$(mktemp -d)
artifacts=$build/artifacts
mkdir -p "$artifacts"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
CAUNOI_CACHE_DIR=$build/nlu-cache "$build/gateway/caunoi" demo --port 0 --data "$tmp/data" \
  > "$tmp/out" 2> "$tmp/err" &
pid=$!
url=
for _ in $(seq 1 150); do
  url=$(sed -n 's/^caunoi: listening on \(http[^ ]*\)$/\1/p' "$tmp/out")
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat "$tmp/out" "$tmp/err"; exit 1; }
# ESM resolves imports next to the script, so run a copy beside node_modules.
cp "$root/tests/web/chat_e2e.mjs" "$build/e2e/chat_e2e.mjs"
node "$build/e2e/chat_e2e.mjs" "$url" "$artifacts"
