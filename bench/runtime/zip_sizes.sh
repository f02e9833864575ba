#!/usr/bin/env bash
# The shipped size of every bootstrap (the echo and the three functions): stripped bytes and the
# bytes of its zip, made as packaging/make_zip.cmake makes it (strip --strip-all, zip -X -9), against
# the aim of 2 MB per zip. Given a second tree (BEFORE: another build directory, or a folder kept
# with --keep), prints both, the ratio, and the cold start of both (spawn to first /next, the
# harness's Init Duration; median of $RUNS one-shot runs each, default 15, the two taking turns
# and alternating which goes first, so that the machine's load falls on both alike). Nothing is
# built or linked.
#
#   bash bench/runtime/zip_sizes.sh [build-dir] [BEFORE]
#   bash bench/runtime/zip_sizes.sh --keep DIR [build-dir]   # copy the bootstraps, to compare later
#
# Needs a built static release tree (cmake --preset release && cmake --build build). The harness
# is build-dir's (or BEFORE's) harness/lambda-harness, or $HARNESS.
set -euo pipefail

targets=(bench/echo-bootstrap functions/agent-callback/bootstrap
  functions/workflow-orchestrator/bootstrap functions/drift-scanner/bootstrap)
aim=2000000
runs=${RUNS:-15}

if [[ ${1:-} == --keep ]]; then
  keep=${2:?--keep DIR}
  build=$(realpath "${3:-build}")
  for t in "${targets[@]}"; do
    [[ -f $build/$t ]] || { echo "missing $build/$t: build the tree first" >&2; exit 1; }
    mkdir -p "$keep/$(dirname "$t")"
    cp "$build/$t" "$keep/$t"
  done
  echo "kept the bootstraps of $build in $keep"
  exit 0
fi

build=$(realpath "${1:-build}")
before=${2:+$(realpath "$2")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sizes() {  # sizes FILE -> "stripped zipped"
  local dir
  dir=$(mktemp -d -p "$work")
  cp "$1" "$dir/bootstrap"
  strip --strip-all "$dir/bootstrap"
  (cd "$dir" && TZ=UTC zip -q -X -9 b.zip bootstrap)
  echo "$(stat -c %s "$dir/bootstrap") $(stat -c %s "$dir/b.zip")"
  rm -rf "$dir"
}
mb() { awk -v b="$1" 'BEGIN{printf "%.2f", b / 1e6}'; }

for t in "${targets[@]}"; do
  [[ -f $build/$t ]] || { echo "missing $build/$t: build the tree first" >&2; exit 1; }
  [[ -z $before || -f $before/$t ]] || { echo "missing $before/$t" >&2; exit 1; }
done

if [[ -z $before ]]; then
  printf '%-42s %12s %12s %8s\n' bootstrap "stripped MB" "zip MB" "<= 2 MB"
  for t in "${targets[@]}"; do
    read -r s z < <(sizes "$build/$t")
    printf '%-42s %12s %12s %8s\n' "$t" "$(mb "$s")" "$(mb "$z")" "$([[ $z -le $aim ]] && echo yes || echo no)"
  done
  exit 0
fi

printf '%-42s %10s %10s %10s %10s %7s %8s\n' bootstrap "stripped" "" "zip MB" "" "zip" "<= 2 MB"
printf '%-42s %10s %10s %10s %10s %7s %8s\n' "" before after before after ratio after
for t in "${targets[@]}"; do
  read -r sb zb < <(sizes "$before/$t")
  read -r sa za < <(sizes "$build/$t")
  printf '%-42s %10s %10s %10s %10s %7.3f %8s\n' "$t" "$(mb "$sb")" "$(mb "$sa")" "$(mb "$zb")" "$(mb "$za")" \
    "$(awk -v a="$za" -v b="$zb" 'BEGIN{print a/b}')" "$([[ $za -le $aim ]] && echo yes || echo no)"
done

harness=${HARNESS:-}
for h in "$build/harness/lambda-harness" "$before/harness/lambda-harness"; do
  [[ -n $harness || ! -x $h ]] || harness=$h
done
[[ -n $harness ]] || { echo "no harness: set HARNESS=path/to/lambda-harness for the cold start" >&2; exit 1; }
# The functions answer a 1 KB event they reject, which is enough to reach /next.
event="$work/event.json"
printf '{"payload":"%s"}' "$(head -c 1000 /dev/zero | tr '\0' x)" >"$event"
init_ms() {  # init_ms BOOTSTRAP -> the Init Duration of one one-shot invocation
  rm -f "$work/one.log"
  "$harness" --bootstrap "$1" --event "$event" --timeout 30 --log-file "$work/one.log" >/dev/null 2>&1 || true
  grep -o 'Init Duration: [0-9.]*' "$work/one.log" | head -1 | awk '{print $3}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'; }
echo
printf '%-42s %14s %14s %8s\n' "cold start (median of $runs)" "before ms" "after ms" ratio
for t in "${targets[@]}"; do
  : >"$work/before.ms"; : >"$work/after.ms"
  for i in $(seq "$runs"); do
    if ((i % 2)); then
      init_ms "$before/$t" >>"$work/before.ms"
      init_ms "$build/$t" >>"$work/after.ms"
    else
      init_ms "$build/$t" >>"$work/after.ms"
      init_ms "$before/$t" >>"$work/before.ms"
    fi
  done
  b=$(median <"$work/before.ms"); a=$(median <"$work/after.ms")
  printf '%-42s %14s %14s %8.2f\n' "$t" "$b" "$a" "$(awk -v a="$a" -v b="$b" 'BEGIN{print (b > 0 ? a/b : 0)}')"
done
