#!/usr/bin/env bash
# bench/nlu: accuracy on ../shared/nlu/dev.jsonl (the yardstick) and on the project's own held-out
# slice, plus one-core speed of the whole pipeline. Usage: bench/nlu/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DEV=${DEV:-../shared/nlu/dev.jsonl}
CACHE=${CACHE:-build/nlu-cache}
mkdir -p "$CACHE"
# taskset keeps the measurement on one core, as the target says.
taskset -c 0 build/bench/bench_nlu "$CACHE" "$DEV" dialogs/nlu/data/heldout.tsv
