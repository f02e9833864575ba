#!/usr/bin/env bash
# What gold's identical code folding (-fuse-ld=gold -Wl,--icf=safe, drift_lambda_function in
# cmake/DriftHelpers.cmake) saves in the functions' zips: relinks each function's bootstrap
# with ninja's own link command, without the option (GNU ld, the default linker) and with lld's
# --icf=all for comparison, and prints the bytes of each zip (strip --strip-all, zip -X -9, as
# packaging/make_zip.cmake makes them). Nothing is compiled; the build is untouched.
#
#   bash bench/runtime/icf_sizes.sh [build-dir]
#
# Needs a built static release tree (cmake --preset release && cmake --build build).
set -euo pipefail

build=$(realpath "${1:-build}")
work="$build/_bench/icf-sizes"
mkdir -p "$work"

zipped_size() {  # executable -> bytes of a zip holding it stripped, as bootstrap
  local dir
  dir=$(mktemp -d)
  strip --strip-all -o "$dir/bootstrap" "$1"
  (cd "$dir" && zip -q -X -9 b.zip bootstrap && stat -c %s b.zip)
  rm -rf "$dir"
}

# relink TARGET OUT LINKER_FLAGS: the target's link command with gold's folding replaced.
relink() {
  local target=$1 out=$2 flags=$3 cmd
  cmd=$(cd "$build" && ninja -t commands "$target" | tail -1)
  grep -q -- "--icf=safe" <<<"$cmd" || { echo "$target is not linked with --icf=safe" >&2; exit 1; }
  cmd=$(sed -E "s#-fuse-ld=gold -Wl,--icf=safe#$flags#; s#-o $target( |\$)#-o $out\\1#" <<<"$cmd")
  (cd "$build" && eval "$cmd") 2>&1 | grep -v "statically linked applications\|in function" >&2 || true
}

printf '%-42s %12s %12s %12s %8s\n' "zip bytes" "GNU ld" "lld icf=all" "gold safe" "ratio"
for target in functions/agent-callback/bootstrap functions/workflow-orchestrator/bootstrap \
  functions/drift-scanner/bootstrap; do
  [[ -f $build/$target ]] || { echo "missing $build/$target: build the tree first" >&2; exit 1; }
  name=$(tr / _ <<<"$target")
  relink "$target" "$work/$name.bfd" ""
  relink "$target" "$work/$name.lld" "-fuse-ld=lld -Wl,--icf=all"
  plain=$(zipped_size "$work/$name.bfd")
  lld=$(zipped_size "$work/$name.lld")
  gold=$(zipped_size "$build/$target")
  printf '%-42s %12s %12s %12s %8.3f\n' "$target" "$plain" "$lld" "$gold" \
    "$(awk -v a="$gold" -v b="$plain" 'BEGIN{print a/b}')"
done
