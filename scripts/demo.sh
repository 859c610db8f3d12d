#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, and start `caunoi demo`.
# Extra arguments go to `caunoi demo` (for example --port 8080 --data ./demo-data).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/gateway/caunoi demo "$@"
