#!/usr/bin/env bash
# bench/intake: durable intake throughput and latency beside two ceilings measured in the same run.
#   1. a bare endpoint on the same HTTP edge (answers at once)
#   2. raw SQLite inserts with the same durability (WAL, synchronous=FULL, batches)
#   3. POST /api/v1/app/messages on the real caunoi binary: parse, answer, store, log, commit
# Usage: bench/intake/run.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]   (defaults: 10 24 3)
# 24 connections: where the Foundation target is measured (docs/PERFORMANCE.md, "The writer first").
# More connections raise the rate and the p99 together (bigger batches, longer queues).
# The bare endpoint and caunoi run side by side and are measured in turns, ROUNDS times each, so
# that each ratio compares two runs made seconds apart: this VM's speed drifts by 10-30% within
# minutes, and one bare run followed by one intake run gave ratios from 15% to 28% for the same
# build. The summary gives each round and the medians.
# Each server gets 2 s of the same load first (its own message ids), not measured: caunoi's
# first 2 s ran ~9% slower than the next, which is start-up, not intake. The raw SQLite file is
# removed and synced before caunoi starts, so its writeback does not land in caunoi's fsyncs.
# Needs a build (scripts/build.sh) and wrk (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
DURATION=${1:-10}
CONNS=${2:-24}
ROUNDS=${3:-3}
BUILD=${BUILD:-build}  # another build dir: BUILD=/path bench/intake/run.sh
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT
WRK=(wrk -t2 -c"$CONNS" -s bench/intake/post.lua)

echo "bench/intake on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$CONNS -d${DURATION}s, $ROUNDS rounds"
echo

"$BUILD/bench/bench_sqlite_insert" "$T/raw.db" 200000 64 > "$T/sqlite.out"
rm -f "$T"/raw.db*
sync  # its writeback must not land in the measurements

"$BUILD/bench/bench_bare_http" 128 > "$T/bare.out" 2>/dev/null &
BARE_URL="http://127.0.0.1:$(wait_port "$T/bare.out")/bare"
intake_config "$T/caunoi.json" "$T/data" "$BUILD"
"$BUILD/gateway/caunoi" serve --config "$T/caunoi.json" > "$T/caunoi.out" 2> "$T/caunoi.err" &
GW_PID=$!
GW_URL="http://127.0.0.1:$(wait_port "$T/caunoi.out")"
"${WRK[@]}" -d2s "$BARE_URL" -- w > /dev/null
"${WRK[@]}" -d2s "$GW_URL/api/v1/app/messages" -- w > /dev/null

for r in $(seq 1 "$ROUNDS"); do
  "${WRK[@]}" -d"${DURATION}s" --latency "$BARE_URL" -- "b$r" > "$T/bare$r.wrk"
  "${WRK[@]}" -d"${DURATION}s" --latency "$GW_URL/api/v1/app/messages" -- "r$r" > "$T/intake$r.wrk"
  summary "round $r: bare endpoint" "$T/bare$r.wrk"
  summary "round $r: durable intake" "$T/intake$r.wrk"
  awk -v a="$(wrk_rate "$T/intake$r.wrk")" -v b="$(wrk_rate "$T/bare$r.wrk")" \
    'BEGIN {print 100*a/b}' | tee -a "$T/ratios" |
    awk '{printf "%-30s %11.1f%% of the bare endpoint\n", "round '"$r"': intake / bare", $1}'
done
curl -s "$GW_URL/metrics" > "$T/metrics.txt"
kill -TERM $GW_PID; wait $GW_PID || true

# The median of the rounds, per column: rate, p50, p99 (wrk prints units; these are normalised).
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ms() {  # wrk's latency ("812.00us", "1.60ms", "1.02s") in ms
  awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}'
}
column() {  # NAME COLUMN(rate|50%|99%)
  for r in $(seq 1 "$ROUNDS"); do
    if [ "$2" = rate ]; then wrk_rate "$T/$1$r.wrk"; else awk -v k="$2" '$1==k {print $2}' "$T/$1$r.wrk" | ms; fi
  done | median
}
echo
echo "medians of $ROUNDS rounds:"
for name in bare intake; do
  printf '%-30s %12.0f req/s   p50 %.2fms   p99 %.2fms\n' \
    "$([ $name = bare ] && echo "bare endpoint (ceiling)" || echo "durable intake (caunoi)")" \
    "$(column $name rate)" "$(column $name 50%)" "$(column $name 99%)"
done
awk '{for (i=1;i<=NF;i++) if ($i ~ /^rows_per_sec=/) {split($i,a,"="); printf "%-28s %12s rows/s (batches of 64, WAL, synchronous=FULL)\n", "raw SQLite inserts (ceiling)", a[2]}}' "$T/sqlite.out"
median < "$T/ratios" | awk '{printf "%-30s %11.1f%% of the bare endpoint (median of the rounds)\n", "intake / bare", $1}'
commits=$(awk '/^caunoi_store_commit_batch_size_count/ {print $2}' "$T/metrics.txt")
turns=$(awk '/^caunoi_store_commit_batch_size_sum/ {print $2}' "$T/metrics.txt")
awk -v c="$commits" -v t="$turns" 'BEGIN {if (c>0) printf "%-30s %10.1f turns per fsync (%d commits)\n", "group commit", t/c, c}'
non2xx=$(cat "$T"/intake*.wrk | awk '/Non-2xx/ {n+=$5} END {print n+0}')
[ "$non2xx" = 0 ] || echo "non-2xx responses: $non2xx"
if [ -n "${BENCH_VERBOSE:-}" ]; then cat "$T"/bare*.wrk "$T"/intake*.wrk; fi
