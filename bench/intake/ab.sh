#!/usr/bin/env bash
# bench/intake/ab.sh: compares two caunoi binaries on bench/intake's load, alternating runs so
# that both see the same machine (this VM's speed drifts by 10-20% within minutes, so figures
# from runs minutes apart do not compare; see docs/PERFORMANCE.md).
# Usage: bench/intake/ab.sh BINARY_A BINARY_B [ROUNDS] [CONNECTIONS] [SECONDS]  (3 16 8)
# Per run: msg/s, p50, p99, caunoi's CPU per message and the store writer's per turn (from
# /proc, less noisy than the rate), after a 2 s warm-up with its own message ids.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
A=$1
B=$2
ROUNDS=${3:-3}
CONNS=${4:-16}
SECONDS_=${5:-8}
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT
URL_PATH=/api/v1/app/messages
TICK_US=$((1000000 / $(getconf CLK_TCK)))

run_one() {  # LABEL BINARY
  rm -rf "$T/data"
  intake_config "$T/caunoi.json" "$T/data" "$BUILD"
  "$2" serve --config "$T/caunoi.json" > "$T/caunoi.out" 2> "$T/caunoi.err" &
  local pid=$!
  local port writer t0 w0 t1 w1 n
  port=$(wait_port "$T/caunoi.out")
  wrk -t2 -c"$CONNS" -d2s -s bench/intake/post.lua "http://127.0.0.1:$port$URL_PATH" -- w > /dev/null
  writer=$(thread_id "$pid" store-writer)
  t0=$(cpu_ticks "$pid"); w0=$(cpu_ticks "$pid" "$writer")
  wrk -t2 -c"$CONNS" -d"${SECONDS_}s" --latency -s bench/intake/post.lua \
    "http://127.0.0.1:$port$URL_PATH" -- m > "$T/run.wrk"
  t1=$(cpu_ticks "$pid"); w1=$(cpu_ticks "$pid" "$writer")
  kill -TERM "$pid"; wait "$pid" || true
  n=$(awk '/requests in/ {print $1}' "$T/run.wrk")
  printf '%-3s %s   CPU %4d µs/msg   writer %4d µs/turn   errors %s\n' "$1" \
    "$(summary "$(basename "$2")" "$T/run.wrk")" $(((t1 - t0) * TICK_US / n)) \
    $(((w1 - w0) * TICK_US / n)) "$(grep -c 'level=error' "$T/caunoi.err" || true)"
}

echo "bench/intake/ab.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$CONNS -d${SECONDS_}s"
for _ in $(seq 1 "$ROUNDS"); do
  run_one A "$A"
  run_one B "$B"
done
