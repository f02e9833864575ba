#!/usr/bin/env bash
# The provider-schema yardstick over the scanner's registered types: writes the provider's
# schema into WORK_DIR, then runs check_depth.py on `drift-scan types --json` (extra arguments,
# such as --type T, go to check_depth.py).
#   run_depth.sh BOOTSTRAP WORK_DIR [check_depth.py arguments ...]
set -euo pipefail
bootstrap=$1
work=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
"$here/provider_schema.sh" "$work/aws-schema.json" "$work/provider-schema"
"$bootstrap" types --json >"$work/types.json"
python3 "$here/check_depth.py" "$work/types.json" "$work/aws-schema.json" "$@"
