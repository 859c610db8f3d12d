#!/usr/bin/env bash
# bench/nlu: accuracy on ../shared/nlu/dev.jsonl (the yardstick) and on the project's own held-out
# slice, plus one-core speed of the whole pipeline. Usage: bench/nlu/run.sh
#   BUILD=DIR       build directory holding bench/bench_nlu (default build)
#   NLU_TRAIN=FILE  train on FILE instead of the embedded train.tsv (a generate.py --seed draw)
#   NLU_SEED=N      fastText training seed of both models (default 7, the shipped one)
set -euo pipefail
cd "$(dirname "$0")/../.."
DEV=${DEV:-../shared/nlu/dev.jsonl}
BUILD=${BUILD:-build}
CACHE=${CACHE:-$BUILD/nlu-cache}
mkdir -p "$CACHE"
# taskset keeps the measurement on one core, as the target says.
taskset -c 0 "$BUILD"/bench/bench_nlu "$CACHE" "$DEV" dialogs/nlu/data/heldout.tsv
