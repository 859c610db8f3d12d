#!/usr/bin/env bash
# bench/sms: SMS delivered per second at Kannel's fake handset (fakesmsc), two paths in one run
# against the same Kannel (scripts/servers/kannel.sh, loopback):
#   1. Kannel's own rate: concurrent GET /cgi-bin/sendsms (UCS-2, one recipient each), no gateway;
#      then the same with dlr-mask 31 and a dlr-url answered by a bare in-process sink (the report
#      work Kannel also does on the gateway path)
#   2. the gateway path: signed POST /api/v1/notifications for phone recipients -> outbox ->
#      dispatcher -> sendsms (with dlr-url) -> fakesmsc, delivery reports back to the gateway
# Both are counted at fakesmsc (each "Got message" line is one SMS part), from the first request
# until the last part arrived. Target (issue 7): path 2 >= 50% of path 1.
# Usage: bench/sms/run.sh [COUNT] [CONCURRENCY]   (defaults: 3000 32)
#   BUILD=DIR (default build) takes caunoi and bench_sms_load from another build directory;
#   BATCH, SENDERS set notifications.delivery.batch / .senders (defaults 256 / CONCURRENCY: as many
#   requests in flight to Kannel on the gateway path as Kannel's own rate is measured with);
#   HTTP_THREADS, KEEP_ALIVE set http.threads / http.keep_alive_timeout (defaults 64 / 5s);
#   BENCH_VERBOSE=1 prints the gateway's delivery metrics and log tail;
#   PERF=1 records the gateway with perf during the notices phase, prints the top symbols and
#   keeps the recording in PERF_DATA (default /tmp/bench-sms.perf.data); PERF_CALLGRAPH=dwarf
#   unwinds through libraries built without frame pointers (SQLite, libc).
# Needs a build with the bench targets (caunoi, bench_sms_load) and Kannel (kannel, kannel-extras).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-3000}
CONC=${2:-32}
BUILD=$(cd "${BUILD:-build}" && pwd)
BATCH=${BATCH:-256}
SENDERS=${SENDERS:-$CONC}
KANNEL=scripts/servers/kannel.sh
LOAD="$BUILD/bench/bench_sms_load"
T=$(mktemp -d)
GW_PID=
cleanup() {
  [ -n "$GW_PID" ] && kill -TERM "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  [ -f "$T/kannel/supervisor.pid" ] && bash $KANNEL stop "$T/kannel" >/dev/null 2>&1
  rm -rf "$T"
}
trap cleanup EXIT

bash $KANNEL check >/dev/null || { echo "bench/sms: Kannel is not installed (apt-get install kannel kannel-extras)"; exit 77; }
[ -x "$LOAD" ] || { echo "bench/sms: $LOAD missing; build the bench_sms_load target"; exit 1; }

wait_for() {  # FILE PATTERN: up to 60 s
  for _ in $(seq 1 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "bench/sms: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}

read -r ADMIN BOX SENDSMS MT MO GW <<<"$("$LOAD" free-ports 6)"
SECRET=bench-sms-webhook-secret-0123
PUSH_SECRET="whsec_$(printf 'bench-sms-one-stop-secret-2026' | base64)"
GET_URL="http://127.0.0.1:$GW/webhooks/kannel/mo?secret=$SECRET&id=%I&from=%p&to=%P&smsc=%i&ts=%T&coding=%c&charset=%C&text=%b"

echo "bench/sms on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $COUNT SMS per path, $CONC concurrent requests"
echo "  $0 $COUNT $CONC   (BUILD=$BUILD BATCH=$BATCH SENDERS=$SENDERS)"
echo

bash $KANNEL start --get-url "$GET_URL" --max-messages 3 "$T/kannel" "$ADMIN" "$BOX" "$SENDSMS" "$MT" "$MO" \
  >"$T/kannel.out" 2>"$T/kannel.err" &
wait_for "$T/kannel.out" "kannel: ready"
FAKE_OUT="$T/kannel/fakesmsc-mt.out"

cat >"$T/caunoi.json" <<JSON
{
  "agency": {"code": "000.00.12.H29", "name": "UBND phường Bến Thành", "hotline": "1900 0000",
             "hours": "7:30–17:00", "address": "92 Nam Kỳ Khởi Nghĩa"},
  "http": {"listen": "127.0.0.1", "port": $GW, "threads": ${HTTP_THREADS:-64},
           "keep_alive_timeout": "${KEEP_ALIVE:-5s}"},
  "store": {"sqlite": {"path": "$T/data/caunoi.db", "max_batch": 512, "readers": 16}},
  "log": {"level": "warn"},
  "nlu": {"cache_dir": "$BUILD/nlu-cache"},
  "simulator": {"enabled": true, "tick_interval": "1h"},
  "default_backend": "simulator",
  "web_chat": false,
  "notifications": {"enabled": true, "secrets": ["$PUSH_SECRET"],
                    "delivery": {"batch": $BATCH, "senders": $SENDERS}},
  "channels": {
    "app": {"tokens": ["bench-app-token-0123456789"]},
    "sms": {"kannel": {"port": $SENDSMS, "username": "caunoi", "password": "caunoi-test",
                       "from": "8088", "smsc_id": "fake-mt", "max_messages": 3,
                       "max_connections": 64,
                       "dlr_url": "http://127.0.0.1:$GW/webhooks/kannel/dlr",
                       "webhook_secret": "$SECRET"}}
  }
}
JSON
"$BUILD/gateway/caunoi" serve --config "$T/caunoi.json" >"$T/caunoi.out" 2>"$T/caunoi.err" &
GW_PID=$!
wait_for "$T/caunoi.out" "listening on"

# The same text a result_ready notice carries is not known before composing it; a UCS-2 text of
# one part is used for Kannel's own rate, and the parts per SMS of each path are printed.
KANNEL_PIDS=$(pgrep -P "$(cat "$T/kannel/supervisor.pid")" | tr '\n' ' ')
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
ks0=$(cpu_ticks $KANNEL_PIDS)
TEXT="Hồ sơ 000.00.12.H29-241023-0001 đã có kết quả. Mời ông/bà nhận tại UBND phường."
"$LOAD" sendsms --port "$SENDSMS" --count "$COUNT" --concurrency "$CONC" --fakesmsc "$FAKE_OUT" \
  --text "$TEXT" >"$T/kannel.load"
ks1=$(cpu_ticks $KANNEL_PIDS)
sleep 1  # let bearerbox settle
kd0=$(cpu_ticks $KANNEL_PIDS)
"$LOAD" sendsms --port "$SENDSMS" --count "$COUNT" --concurrency "$CONC" --fakesmsc "$FAKE_OUT" \
  --text "$TEXT" --dlr-sink yes >"$T/kannel-dlr.load"
kd1=$(cpu_ticks $KANNEL_PIDS)
sleep 1
gw0=$(cpu_ticks $GW_PID); k0=$(cpu_ticks $KANNEL_PIDS)
if [ -n "${PERF:-}" ]; then
  perf record -F 499 --call-graph "${PERF_CALLGRAPH:-fp}" -p "$GW_PID" -o "$T/perf.data" >/dev/null 2>&1 & PERF_PID=$!
fi
"$LOAD" notices --port "$GW" --count "$COUNT" --concurrency "$CONC" --fakesmsc "$FAKE_OUT" \
  --secret "$PUSH_SECRET" --run "bench-$$" >"$T/gateway.load"
# Delivery reports of the last SMS still arrive; wait until every notice is closed.
for _ in $(seq 1 600); do
  pending=$(sqlite3 "file:$T/data/caunoi.db?mode=ro" "SELECT count(*) FROM outbox WHERE kind='notification' AND state='pending'")
  [ "$pending" = 0 ] && break
  sleep 0.1
done
gw1=$(cpu_ticks $GW_PID); k1=$(cpu_ticks $KANNEL_PIDS)
conns=$(ss -tnH state established "( sport = :$GW )" | wc -l)
[ -n "${PERF:-}" ] && { kill -INT $PERF_PID; wait $PERF_PID 2>/dev/null || true; }
curl -s "http://127.0.0.1:$GW/metrics" >"$T/metrics.txt"
states=$(sqlite3 "file:$T/data/caunoi.db?mode=ro" "SELECT group_concat(state || '=' || n, ' ') FROM (SELECT state, count(*) n FROM outbox WHERE kind='notification' GROUP BY state)")
receipts=$(sqlite3 "file:$T/data/caunoi.db?mode=ro" "SELECT group_concat(receipt || '=' || n, ' ') FROM (SELECT receipt, count(*) n FROM deliveries GROUP BY receipt)")

val() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$2"; }
line() {  # name, load output
  printf '%-34s %8s SMS/s at fakesmsc  (%s parts each, requests answered at %s/s, %s failed)\n' \
    "$1" "$(val delivered_per_s "$2")" "$(val parts_per_sms "$2")" "$(val requests_per_s "$2")" "$(val failed "$2")"
}
line "Kannel sendsms -> fakesmsc" "$T/kannel.load"
line "  same, with DLRs to a bare sink" "$T/kannel-dlr.load"
line "notices via caunoi -> fakesmsc" "$T/gateway.load"
k=$(val delivered_per_s "$T/kannel.load")
kd=$(val delivered_per_s "$T/kannel-dlr.load")
g=$(val delivered_per_s "$T/gateway.load")
awk -v a="$g" -v b="$k" 'BEGIN {printf "%-34s %7.1f%% of Kannel'"'"'s own rate (target >= 50%%)\n", "gateway / Kannel", 100*a/b}'
awk -v a="$g" -v b="$kd" 'BEGIN {printf "%-34s %7.1f%% of Kannel with DLRs\n", "gateway / Kannel with DLRs", 100*a/b}'
echo "notices: $states; receipts: $receipts"
hz=$(getconf CLK_TCK)
awk -v g=$((gw1 - gw0)) -v k=$((k1 - k0)) -v n="$COUNT" -v hz="$hz" 'BEGIN {
  printf "CPU per notice (notices phase): caunoi %.0f us, Kannel (bearerbox+smsbox+fakesmsc) %.0f us\n",
         1e6*g/hz/n, 1e6*k/hz/n }'
awk -v k=$((ks1 - ks0)) -v n="$COUNT" -v hz="$hz" 'BEGIN {
  printf "CPU per SMS (sendsms phase):    Kannel (bearerbox+smsbox+fakesmsc) %.0f us\n", 1e6*k/hz/n }'
awk -v k=$((kd1 - kd0)) -v n="$COUNT" -v hz="$hz" 'BEGIN {
  printf "CPU per SMS (sendsms + DLRs):   Kannel (bearerbox+smsbox+fakesmsc) %.0f us\n", 1e6*k/hz/n }'
if [ -n "${BENCH_VERBOSE:-}" ]; then
  echo "connections open to the gateway after the notices phase: $conns (each holds an HTTP thread)"
  grep -E '^caunoi_(deliver|store_commit_(batch_size|duration_seconds)_(sum|count)|http_requests_total)' "$T/metrics.txt" || true
  tail -20 "$T/caunoi.err"
fi
if [ -n "${PERF:-}" ]; then
  cp "$T/perf.data" "${PERF_DATA:-/tmp/bench-sms.perf.data}"
  perf report -i "$T/perf.data" --no-children --sort comm,dso,symbol --percent-limit 1.5 --stdio 2>/dev/null |
    grep -E '^ +[0-9]' | head -40
fi
