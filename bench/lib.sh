# Shell helpers shared by the bench scripts (sourced, not run). They expect `set -euo pipefail`,
# the repository root as the working directory, and $T a scratch folder.

# Prints the port a server announced on its stdout file ("listening on http://HOST:PORT").
wait_port() {
  for _ in $(seq 1 400); do
    if grep -q "listening on" "$1" 2>/dev/null; then
      sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$1" | head -1
      return 0
    fi
    sleep 0.05
  done
  echo "server did not start ($1)" >&2
  return 1
}

# The rate of a wrk run: wrk output file.
wrk_rate() {
  awk '/^Requests\/sec/ {print $2}' "$1"
}

# One line of a wrk run: name, wrk output file.
summary() {
  local rps p50 p99
  rps=$(wrk_rate "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2")
  p99=$(awk '$1=="99%" {print $2}' "$2")
  printf '%-30s %12s req/s   p50 %-9s p99 %-9s\n' "$1" "$rps" "$p50" "$p99"
}

# Writes the config the benches run caunoi with: FILE DATA_DIR BUILD_DIR [MEMBERS], where MEMBERS
# are the JSON members after the common ones (default: bench/intake's app channel).
intake_config() {
  local build=$3
  local members=${4:-'"channels": {"app": {"tokens": ["bench-app-token-0123456789"]}}'}
  [[ $build = /* ]] || build="$PWD/$build"
  cat > "$1" <<JSON
{
  "agency": {"code": "000.00.12.H29", "name": "UBND phường Bến Thành", "hotline": "1900 0000",
             "hours": "7:30–17:00", "address": "92 Nam Kỳ Khởi Nghĩa"},
  "http": {"listen": "127.0.0.1", "port": 0, "threads": 128},
  "store": {"sqlite": {"path": "$2/caunoi.db", "max_batch": 512, "readers": 32}},
  "log": {"level": "warn"},
  "nlu": {"cache_dir": "$build/nlu-cache"},
  $members
}
JSON
}

# CPU time (user + system) in clock ticks of a process, or of one thread: PID [TID].
cpu_ticks() {
  local stat="/proc/$1/stat"
  [ -n "${2:-}" ] && stat="/proc/$1/task/$2/stat"
  awk '{print $14 + $15}' "$stat"
}

# The id of a process's thread by name: PID NAME.
thread_id() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm")" = "$2" ]; then
      echo "${t##*/}"
      return 0
    fi
  done
  echo "no thread named $2 in process $1" >&2
  return 1
}
