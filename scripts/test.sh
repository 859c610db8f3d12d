#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, build, check the format, and run
# every test (unit tests per module and the integration tests against the real binary) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
scripts/check-format.sh
# playwright-core drives Debian's chromium in the inbox's browser test (no browser download).
if [ ! -d build/e2e/node_modules/playwright-core ]; then
  npm install --silent --no-audit --no-fund --prefix build/e2e playwright-core@1
fi
cd build
ctest --output-on-failure --timeout 600 -j 2
