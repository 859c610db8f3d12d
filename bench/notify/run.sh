#!/usr/bin/env bash
# bench/notify: signed status pushes -> outbox -> SMS notices delivered over HTTP to a local
# brandname provider (the generic HTTP SMS adapter, libcurl with reused connections), counted at
# the provider, beside the Foundation ceilings measured in the same run:
#   1. a bare endpoint on the same HTTP edge (answers at once)
#   2. raw SQLite inserts with the same durability (WAL, synchronous=FULL, batches)
#   3. bench/intake's durable intake (app messages), the Foundation path, for comparison
#   4. POST /api/v1/notifications on the real caunoi binary, delivered to bench_notify_sink
# Usage: bench/notify/run.sh [DURATION_SECONDS] [CONNECTIONS]   (defaults: 10 32)
# Env: BUILD (build dir, default build), BATCH, SENDERS, MAX_CONNECTIONS (the tuned delivery
# config below), PERF=1 (perf record -g on caunoi while wrk runs; the report goes to
# bench/notify/perf-report.txt).
# Needs a build with bench_bare_http, bench_sqlite_insert and bench_notify_sink, wrk and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
DURATION=${1:-10}
CONNS=${2:-32}
BUILD=${BUILD:-build}
BATCH=${BATCH:-256}
SENDERS=${SENDERS:-32}
MAX_CONNECTIONS=${MAX_CONNECTIONS:-32}
SECRET="whsec_$(printf 'bench-notify-backend-secret-2026' | base64 -w0)"
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT

sink_count() {  # field of the sink's /count
  curl -s "http://127.0.0.1:$SINK_PORT/count" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
}

echo "bench/notify on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$CONNS -d${DURATION}s;" \
     "delivery batch $BATCH, senders $SENDERS, sms.http max_connections $MAX_CONNECTIONS"
echo

# 1. The bare HTTP ceiling (the same request shape as bench/intake).
"$BUILD/bench/bench_bare_http" 128 > "$T/bare.out" 2>/dev/null &
BARE_PID=$!
PORT=$(wait_port "$T/bare.out")
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/intake/post.lua "http://127.0.0.1:$PORT/bare" > "$T/bare.wrk"
kill $BARE_PID; wait $BARE_PID 2>/dev/null || true

# 2. The storage ceiling.
"$BUILD/bench/bench_sqlite_insert" "$T/raw.db" 200000 64 > "$T/sqlite.out"

# 3. The Foundation's durable intake (bench/intake's third measurement), as a yardstick of what
#    this machine gives a stored-before-answered request right now.
intake_config "$T/intake.json" "$T/intake" "$BUILD"
"$BUILD/gateway/caunoi" serve --config "$T/intake.json" > "$T/intake.out" 2> "$T/intake.err" &
INTAKE_PID=$!
PORT=$(wait_port "$T/intake.out")
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/intake/post.lua "http://127.0.0.1:$PORT/api/v1/app/messages" > "$T/intake.wrk"
kill -TERM $INTAKE_PID; wait $INTAKE_PID || true

# 4. Pushes and deliveries.
"$BUILD/bench/bench_notify_sink" 128 > "$T/sink.out" 2>/dev/null &
SINK_PID=$!
SINK_PORT=$(wait_port "$T/sink.out")
intake_config "$T/caunoi.json" "$T/data" "$BUILD" "$(cat <<JSON
"notifications": {"enabled": true, "secrets": ["$SECRET"],
                  "delivery": {"batch": $BATCH, "senders": $SENDERS}},
"channels": {"sms": {"http": {
  "brandname": "UBND BTHANH", "max_connections": $MAX_CONNECTIONS,
  "request": {"method": "POST", "url": "http://127.0.0.1:$SINK_PORT/sms/send",
              "body": "{\"to\":\"{to}\",\"text\":\"{text}\",\"brandname\":\"{brandname}\",\"requestId\":\"{id}\"}"},
  "response": {"status": "/code", "accepted": ["0"], "message_id": "/data/msgId"}}}}
JSON
)"
"$BUILD/gateway/caunoi" serve --config "$T/caunoi.json" > "$T/caunoi.out" 2> "$T/caunoi.err" &
GW_PID=$!
PORT=$(wait_port "$T/caunoi.out")
python3 bench/notify/sign.py "$SECRET" $((DURATION * 20000)) "$T/signed.tsv"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system, 1/100 s
GW_CPU0=$(cpu_ticks $GW_PID); SINK_CPU0=$(cpu_ticks $SINK_PID)
if [ -n "${PERF:-}" ]; then
  perf record -g -F 499 -p $GW_PID -o "$T/perf.data" -- sleep "$DURATION" > /dev/null 2>&1 &
  PERF_PID=$!
fi
/usr/bin/time -f "%U %S" -o "$T/wrk.cpu" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/notify/push.lua \
    "http://127.0.0.1:$PORT/api/v1/notifications" -- "$T/signed.tsv" 2 > "$T/push.wrk"
at_end=$(sink_count requests)
curl -s "http://127.0.0.1:$PORT/metrics" > "$T/metrics-at-end.txt"
# Drain: wait until the sink stops counting (every accepted push delivered, or stuck).
total=$(awk '/requests in/ {print $1}' "$T/push.wrk")
non2xx=$(awk '/Non-2xx/ {print $5}' "$T/push.wrk")
accepted=$((total - ${non2xx:-0}))
last=-1
for _ in $(seq 1 600); do
  n=$(sink_count distinct)
  [ "$n" -ge "$accepted" ] && break
  if [ "$n" = "$last" ]; then stalls=$((${stalls:-0} + 1)); [ "$stalls" -ge 30 ] && break; else stalls=0; fi
  last=$n
  sleep 0.1
done
curl -s "http://127.0.0.1:$PORT/metrics" > "$T/metrics.txt"
curl -s "http://127.0.0.1:$SINK_PORT/count" > "$T/count.json"
GW_CPU=$(( $(cpu_ticks $GW_PID) - GW_CPU0 )); SINK_CPU=$(( $(cpu_ticks $SINK_PID) - SINK_CPU0 ))
if [ -n "${PERF:-}" ]; then
  wait $PERF_PID || true
  perf report -i "$T/perf.data" --no-children --percent-limit 0.7 --stdio 2>/dev/null \
    > bench/notify/perf-report.txt || true
fi
kill -TERM $GW_PID; wait $GW_PID || true
kill -TERM $SINK_PID; wait $SINK_PID 2>/dev/null || true

summary "bare endpoint (ceiling)" "$T/bare.wrk"
awk '{for (i=1;i<=NF;i++) if ($i ~ /^rows_per_sec=/) {split($i,a,"="); printf "%-30s %12s rows/s (batches of 64, WAL, synchronous=FULL)\n", "raw SQLite inserts (ceiling)", a[2]}}' "$T/sqlite.out"
summary "durable intake (Foundation)" "$T/intake.wrk"
summary "signed pushes (caunoi)" "$T/push.wrk"
python3 - "$T/count.json" "$accepted" "$at_end" "$DURATION" "$GW_CPU" "$SINK_CPU" "$(cat "$T/wrk.cpu")" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
accepted, at_end, duration = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
gw_cpu, sink_cpu = int(sys.argv[5]) / 100, int(sys.argv[6]) / 100
wrk_cpu = sum(float(x) for x in sys.argv[7].split())
span = max(1, c["last_ms"] - c["first_ms"]) / 1000
print("%-30s %12.0f notices/s (%d distinct of %d requests over %.2f s, first to last send)"
      % ("notices delivered (sink)", c["distinct"] / span, c["distinct"], c["requests"], span))
print("%-30s %12.0f notices/s (%d at the sink when wrk stopped)"
      % ("  during the push window", at_end / duration, at_end))
print("%-30s %12d pushes answered 202, %d delivered, %d duplicate sends"
      % ("accounting", accepted, c["distinct"], c["requests"] - c["distinct"]))
n = max(1, c["distinct"])
print("%-30s %12.0f us caunoi + %.0f us sink + %.0f us wrk = %.0f us per notice (%.1f + %.1f + %.1f CPU s)"
      % ("CPU per notice", 1e6 * gw_cpu / n, 1e6 * sink_cpu / n, 1e6 * wrk_cpu / n,
         1e6 * (gw_cpu + sink_cpu + wrk_cpu) / n, gw_cpu, sink_cpu, wrk_cpu))
PY
bare=$(wrk_rate "$T/bare.wrk")
push=$(wrk_rate "$T/push.wrk")
awk -v a="$push" -v b="$bare" 'BEGIN {printf "%-30s %11.1f%% of the bare endpoint\n", "pushes / ceiling", 100*a/b}'
commits=$(awk '/^caunoi_store_commit_batch_size_count/ {print $2}' "$T/metrics.txt")
jobs=$(awk '/^caunoi_store_commit_batch_size_sum/ {print $2}' "$T/metrics.txt")
awk -v c="$commits" -v t="$jobs" 'BEGIN {if (c>0) printf "%-30s %12.1f writer jobs per fsync (%d commits)\n", "group commit", t/c, c}'
echo "${non2xx:+non-2xx responses: $non2xx}"
if [ -n "${BENCH_VERBOSE:-}" ]; then
  cat "$T/bare.wrk" "$T/push.wrk"
  grep -E '^caunoi_(delivery|store_commit|store_write_queue)' "$T/metrics.txt" || true
fi
