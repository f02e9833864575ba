#!/usr/bin/env bash
# The demo command: installs what is missing, builds the static release (build/), and runs the
# product's whole story locally (scripts/story.py): moto, the GitHub stand-in and the Lambda
# harness start, infra/ and a sample workspace are deployed with Terraform, console changes to
# three parts of one bucket are found, graded, reverted in one workflow run, recorded and
# confirmed. Nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec python3 scripts/story.py --build-dir build "$@"
