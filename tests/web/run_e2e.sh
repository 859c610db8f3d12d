#!/bin/sh
# Starts `caunoi demo` on loopback in a temp dir and runs the citizen web chat's browser test
# against it (tests/support/browser_e2e.sh has the set-up).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/support/browser_e2e.sh"
start_caunoi demo --port 0 --data "$tmp/data"
run_node "$root/tests/web/chat_e2e.mjs" "$url" "$artifacts"
