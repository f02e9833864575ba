#!/usr/bin/env bash
# How often an SDK retries a call that moto already carried out, on this machine under load,
# and which calls: N parallel `terraform apply` runs of ground-truth families into one moto
# started as the tests start it (tests/fixtures/run_moto.py). Each such retry is answered with
# its first answer by retry_replay.py and logged; without that, each retried create, delete or
# lock write would have failed its apply.
# Usage: bench/moto_retries/run.sh [N (default 5)] [families (default "compute network")]
# BENCH_TF_LOG=1 also writes each apply's Terraform debug log (the SDK's attempt numbers are in
# its request lines); the logging slows Terraform and changes the timing, and so the count.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-5}
families=${2:-compute network}
work=$(mktemp -d /tmp/moto-retries.XXXXXX)
python3 tests/fixtures/moto_fixture.py start "$work/moto" >/dev/null
trap 'python3 tests/fixtures/moto_fixture.py stop "$work/moto" >/dev/null 2>&1 || true' EXIT
endpoint=$(cat "$work/moto/endpoint")
stack=$(python3 tests/fixtures/make_stack.py "$endpoint" "mr$$")
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])" <<<"$stack"; }
state_bucket=$(field state_bucket)
lock_table=$(field tf_lock_table)
start=$(date +%s)
pids=()
for i in $(seq 1 "$n"); do
  for f in $families; do
    if [ "${BENCH_TF_LOG:-0}" = 1 ]; then export TF_LOG=DEBUG TF_LOG_PATH="$work/$f$i.tflog"; fi
    python3 tests/workspaces/apply.py --endpoint "$endpoint" --state-bucket "$state_bucket" \
      --lock-table "$lock_table" --name-prefix "mr$i-$$" --workdir "$work/$f$i" \
      --config-dir tests/native/families/frame.tf --config-dir "tests/native/families/$f" \
      --key "retries/$f$i/terraform.tfstate" >"$work/$f$i.json" 2>"$work/$f$i.err" &
    pids+=($!)
  done
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
applies=${#pids[@]}
replays=$(grep -c "retry_replay:" "$work/moto/moto.log" || true)
requests=$(grep -c '" [0-9][0-9][0-9] ' "$work/moto/moto.log" || true)
echo "applies: $applies in parallel ($families, $n each), $(( $(date +%s) - start )) s, failed: $failed"
echo "requests moto answered: $requests"
echo "retried calls answered with their first answer: $replays"
grep "retry_replay:" "$work/moto/moto.log" | sed -E 's/.*\((POST|PUT|DELETE|PATCH) ([^)]*)\).*/\1 \2/' |
  sort | uniq -c | sed 's/^/  /'
if [ "${BENCH_TF_LOG:-0}" = 1 ]; then
  echo "SDK attempts after the first, in Terraform's logs: $(cat "$work"/*.tflog | grep -c 'amz_sdk_request="attempt=[2-9]' || true)"
fi
echo "logs: $work"
