#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, build, check the format, and run
# every test (unit tests per module and the integration tests against the real binary) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
scripts/check-format.sh
cd build
ctest --output-on-failure --timeout 600 -j 2
