#!/usr/bin/env bash
# A paired before/after comparison of two commits on this machine: builds the benchmarks of
# each commit in its own worktree (static release build, sharing this tree's libcurl), then runs
# them in rounds, BEFORE AFTER AFTER BEFORE (the order alternates so that a machine that gets
# busier or quieter during a round slows both sides alike), each process pinned to one CPU when
# `taskset` is there.
#
#   bash bench/paired.sh BEFORE AFTER [ROUNDS] [work-dir]
#
# BEFORE and AFTER are commits, or build directories that already hold the benchmarks (for
# example a fresh clone's CI build).
# Benchmarks: bench_scanner (plan ingestion, grading, report; no AWS) and bench_aws (SigV4,
# EC2 XML parsing, a DynamoDB GetItem round trip against a local moto_server). Each run uses
# Google Benchmark's own repetitions and keeps their median.
# Printed per benchmark and per clock (cpu: this process's CPU time; real: wall time, which for
# the DynamoDB round trip is mostly moto's):
#   - the median of each side over all rounds and their ratio AFTER/BEFORE;
#   - the paired ratio: the median over rounds of each round's AFTER/BEFORE, which cancels the
#     machine's drift between rounds.
# The verdict line names every benchmark whose paired CPU ratio is more than 10 % slower.
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

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$(($(nproc) - 1))"); fi

run_side() {  # build-dir side round
  local bin=$1 side=$2 round=$3 t
  for t in "${targets[@]}"; do
    local exe
    exe=$(find "$bin/bench" -name "$t" -type f -perm -u+x | head -1)
    "${pin[@]}" "$exe" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
      --benchmark_format=json >"$work/$side.$t.$round.json" 2>"$work/$side.$t.$round.log"
  done
}

echo "building $before and $after (benchmarks only) in $work ..."
bin_before=$(build "$before")
bin_after=$(build "$after")
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then
    run_side "$bin_before" before "$r"
    run_side "$bin_after" after "$r"
  else
    run_side "$bin_after" after "$r"
    run_side "$bin_before" before "$r"
  fi
done

python3 - "$work" "$before" "$after" "$rounds" "${targets[@]}" <<'PY'
import json, statistics, sys
work, before, after, rounds, targets = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
def per_round(side):  # {(name, clock): {round: time}}, and each name's unit
    out, units = {}, {}
    for t in targets:
        for r in range(1, rounds + 1):
            for b in json.load(open(f"{work}/{side}.{t}.{r}.json"))["benchmarks"]:
                if b.get("aggregate_name") != "median":
                    continue
                units[b["run_name"]] = b["time_unit"]
                for clock in ("cpu", "real"):
                    out.setdefault((b["run_name"], clock), {})[r] = b[f"{clock}_time"]
    return out, units
b, units = per_round("before")
a, _ = per_round("after")
print(f"{rounds} rounds; times are medians, in each benchmark's unit")
print(f"{'benchmark':40} {'clock':5} {'before':>10} {'after':>10} {'ratio':>7} {'paired':>7}")
slower = []
for key in sorted(b):
    if key not in a:
        continue
    name, clock = key
    rs = sorted(set(b[key]) & set(a[key]))
    tb = statistics.median(b[key][r] for r in rs)
    ta = statistics.median(a[key][r] for r in rs)
    paired = statistics.median(a[key][r] / b[key][r] for r in rs if b[key][r])
    print(f"{name:40} {clock:5} {tb:7.1f} {units[name]:2} {ta:7.1f} {units[name]:2} "
          f"{ta / tb:6.2f}x {paired:6.2f}x")
    if clock == "cpu" and paired > 1.10:
        slower.append(f"{name} ({paired:.2f}x)")
print(f"before = {before}, after = {after}")
print("more than 10 % slower (paired CPU time): " + (", ".join(slower) if slower else "none"))
PY
