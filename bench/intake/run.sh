#!/usr/bin/env bash
# bench/intake: durable intake throughput and latency beside two ceilings measured in the same run.
#   1. a bare endpoint on the same HTTP edge (answers at once)
#   2. raw SQLite inserts with the same durability (WAL, synchronous=FULL, batches)
#   3. POST /api/v1/app/messages on the real caunoi binary: parse, answer, store, log, commit
# Usage: bench/intake/run.sh [DURATION_SECONDS] [CONNECTIONS]   (defaults: 10 64)
# Each server gets 2 s of the same load first (its own message ids), not measured: caunoi's
# first 2 s ran ~9% slower than the next (5,375 against 5,800-6,060 msg/s), which is start-up,
# not intake. The raw SQLite file is removed and synced before caunoi starts, so its writeback
# does not land in caunoi's fsyncs.
# Needs a build (scripts/build.sh) and wrk (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
DURATION=${1:-10}
CONNS=${2:-64}
BUILD=${BUILD:-build}  # another build dir: BUILD=/path bench/intake/run.sh
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT

echo "bench/intake on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$CONNS -d${DURATION}s"
echo

"$BUILD/bench/bench_bare_http" 128 > "$T/bare.out" 2>/dev/null &
BARE_PID=$!
PORT=$(wait_port "$T/bare.out")
wrk -t2 -c"$CONNS" -d2s -s bench/intake/post.lua "http://127.0.0.1:$PORT/bare" -- w > /dev/null
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/intake/post.lua "http://127.0.0.1:$PORT/bare" > "$T/bare.wrk"
kill $BARE_PID; wait $BARE_PID 2>/dev/null || true

"$BUILD/bench/bench_sqlite_insert" "$T/raw.db" 200000 64 > "$T/sqlite.out"
rm -f "$T"/raw.db*
sync  # its writeback must not land in the next measurement

intake_config "$T/caunoi.json" "$T/data" "$BUILD"
"$BUILD/gateway/caunoi" serve --config "$T/caunoi.json" > "$T/caunoi.out" 2> "$T/caunoi.err" &
GW_PID=$!
PORT=$(wait_port "$T/caunoi.out")
wrk -t2 -c"$CONNS" -d2s -s bench/intake/post.lua "http://127.0.0.1:$PORT/api/v1/app/messages" -- w > /dev/null
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/intake/post.lua "http://127.0.0.1:$PORT/api/v1/app/messages" > "$T/intake.wrk"
curl -s "http://127.0.0.1:$PORT/metrics" > "$T/metrics.txt"
kill -TERM $GW_PID; wait $GW_PID || true
non2xx=$(awk '/Non-2xx/ {print $5}' "$T/intake.wrk")

summary "bare endpoint (ceiling)" "$T/bare.wrk"
summary "durable intake (caunoi)" "$T/intake.wrk"
awk '{for (i=1;i<=NF;i++) if ($i ~ /^rows_per_sec=/) {split($i,a,"="); printf "%-28s %12s rows/s (batches of 64, WAL, synchronous=FULL)\n", "raw SQLite inserts (ceiling)", a[2]}}' "$T/sqlite.out"
bare=$(awk '/^Requests\/sec/ {print $2}' "$T/bare.wrk")
intake=$(awk '/^Requests\/sec/ {print $2}' "$T/intake.wrk")
awk -v a="$intake" -v b="$bare" 'BEGIN {printf "%-28s %11.1f%% of the bare endpoint\n", "intake / ceiling", 100*a/b}'
commits=$(awk '/^caunoi_store_commit_batch_size_count/ {print $2}' "$T/metrics.txt")
turns=$(awk '/^caunoi_store_commit_batch_size_sum/ {print $2}' "$T/metrics.txt")
awk -v c="$commits" -v t="$turns" 'BEGIN {if (c>0) printf "%-28s %12.1f turns per fsync (%d commits)\n", "group commit", t/c, c}'
echo "${non2xx:+non-2xx responses: $non2xx}"
if [ -n "${BENCH_VERBOSE:-}" ]; then cat "$T/bare.wrk" "$T/intake.wrk"; fi
