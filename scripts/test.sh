#!/usr/bin/env bash
# The test command: installs what is missing, builds the static release (the zips) and the
# ASan+UBSan build, and runs every test. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== static release build (build/)"
cmake --preset release >/dev/null
cmake --build --preset release

# A failed run ends with why each test failed, so a reader of the log's tail sees it.
run_tests() {
  local dir=$1
  shift
  local rc=0
  "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    python3 scripts/failure_digest.py "$dir" || true
    exit "$rc"
  fi
}

echo "== tests on the static build"
run_tests build ctest --preset release

echo "== ASan+UBSan build (build-asan/): unit and harness tests"
cmake --preset asan >/dev/null
cmake --build --preset asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests build-asan ctest --preset asan
