#!/bin/sh
# Starts caunoi with the inbox on loopback in a temp dir and runs the browser test against it
# (tests/support/browser_e2e.sh has the set-up). Also needs the sqlite3 shell, to seed a file.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/support/browser_e2e.sh"
cat > "$tmp/caunoi.json" <<JSON
{
  "agency": {"code": "000.00.12.H29", "name": "UBND phường Thử Nghiệm", "hotline": "1900 0000",
             "hours": "7:30–17:00", "address": "1 Đường Thử"},
  "http": {"listen": "127.0.0.1", "port": 0},
  "store": {"sqlite": {"path": "$tmp/data/caunoi.db"}},
  "nlu": {"cache_dir": "$build/nlu-cache"},
  "inbox": {"enabled": true, "totp_key": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "officers": [
    {"username": "canbo", "display_name": "Cán bộ A", "agency_code": "000.00.12.H29",
     "role": "officer", "password": "pass-canbo-1"},
    {"username": "truongphong", "display_name": "Trưởng phòng", "agency_code": "000.00.12.H29",
     "role": "supervisor", "password": "pass-truongphong"},
    {"username": "canbo13", "display_name": "Cán bộ khác", "agency_code": "000.00.13.H29",
     "role": "officer", "password": "pass-canbo-13"}]},
  "channels": {"app": {"demo_accept_bare_user_id": true, "tokens": ["e2e-app-token-0123456789"]}}
}
JSON
start_caunoi serve --config "$tmp/caunoi.json"
run_node "$root/tests/inbox/e2e.mjs" "$url" "$artifacts" "$tmp/data/caunoi.db"
