#!/usr/bin/env bash
# A paired before/after comparison of two commits on this machine: builds the benchmarks of
# each commit in its own worktree (static release build, sharing this tree's libcurl), then runs
# them alternately, BEFORE then AFTER, ROUNDS times, so that a busy machine slows both alike.
# Prints each benchmark's median per side and the ratio AFTER/BEFORE.
#
#   bash bench/paired.sh BEFORE AFTER [ROUNDS] [work-dir]
#
# BEFORE and AFTER are commits, or build directories that already hold the benchmarks (for
# example a fresh clone's CI build).
# Benchmarks: bench_scanner (plan ingestion, grading, report; no AWS) and bench_aws (SigV4,
# EC2 XML parsing, a DynamoDB GetItem round trip against a local moto_server). Each run uses
# Google Benchmark's own repetitions; the ratio compares the medians of all rounds. Each side
# links the OpenSSL and libcurl its own commit builds (both reuse this tree's when they match).
set -euo pipefail

before=${1:?usage: paired.sh BEFORE AFTER [ROUNDS] [work-dir]}
after=${2:?usage: paired.sh BEFORE AFTER [ROUNDS] [work-dir]}
rounds=${3:-3}
src=$(git rev-parse --show-toplevel)
work=$(realpath -m "${4:-$src/build/_bench/paired}")
curl_prefix="$src/build/_deps/curl-install"
openssl_prefix="$src/build/_deps/openssl-install"
targets=(bench_scanner bench_aws)
mkdir -p "$work"

build() {  # commit -> build dir (a build directory is taken as it is)
  local rev sha tree bin
  rev=$1
  if [[ -d $rev/bench ]]; then
    echo "$(realpath "$rev")"
    return
  fi
  sha=$(git -C "$src" rev-parse --short=12 "$rev")
  tree="$work/$sha/src"
  bin="$work/$sha/build"
  if [[ ! -d $tree ]]; then
    git -C "$src" worktree add --detach -f "$tree" "$sha" >/dev/null 2>&1
  fi
  local extra=()
  [[ -f $curl_prefix/lib/libcurl.a ]] && extra+=("-DDRIFT_CURL_PREBUILT=$curl_prefix")
  # A tree whose build makes its own trimmed OpenSSL takes this tree's (the same pinned source).
  if grep -q DRIFT_OPENSSL_PREBUILT "$tree/cmake/Dependencies.cmake" && [[ -d $openssl_prefix/lib ]]; then
    extra+=("-DDRIFT_OPENSSL_PREBUILT=$openssl_prefix")
  fi
  cmake -S "$tree" -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRIFT_STATIC=ON \
    -DDRIFT_WERROR=OFF "${extra[@]}" >"$work/$sha.configure.log" 2>&1
  cmake --build "$bin" -j2 --target "${targets[@]}" >"$work/$sha.build.log" 2>&1 ||
    { echo "building $rev failed: $work/$sha.build.log" >&2; exit 1; }
  echo "$bin"
}

run_round() {  # build-dir side round
  local bin=$1 side=$2 round=$3 t
  for t in "${targets[@]}"; do
    local exe
    exe=$(find "$bin/bench" -name "$t" -type f -perm -u+x | head -1)
    "$exe" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
      --benchmark_format=json >"$work/$side.$t.$round.json" 2>"$work/$side.$t.$round.log"
  done
}

echo "building $before and $after (benchmarks only) in $work ..."
bin_before=$(build "$before")
bin_after=$(build "$after")
for ((r = 1; r <= rounds; r++)); do
  run_round "$bin_before" before "$r"
  run_round "$bin_after" after "$r"
done

python3 - "$work" "$before" "$after" "${targets[@]}" <<'PY'
import glob, json, statistics, sys
work, before, after, targets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def medians(side):
    out = {}
    for t in targets:
        for path in glob.glob(f"{work}/{side}.{t}.*.json"):
            for b in json.load(open(path))["benchmarks"]:
                if b.get("aggregate_name") == "median":
                    out.setdefault(b["run_name"], []).append((b["real_time"], b["time_unit"]))
    return {k: (statistics.median(v[0] for v in vals), vals[0][1]) for k, vals in out.items()}
b, a = medians("before"), medians("after")
print(f"{'benchmark':44} {'before':>12} {'after':>12} {'after/before':>13}")
worst = 0.0
for name in sorted(b):
    if name not in a:
        continue
    (tb, unit), (ta, _) = b[name], a[name]
    ratio = ta / tb if tb else float("nan")
    worst = max(worst, abs(ratio - 1))
    print(f"{name:44} {tb:9.1f} {unit:2} {ta:9.1f} {unit:2} {ratio:12.2f}x")
print(f"before = {before}, after = {after}; largest change {worst * 100:.0f} %")
PY
