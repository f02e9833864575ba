#!/usr/bin/env bash
# What the trimmed OpenSSL of the static build (cmake/Dependencies.cmake) saves: relinks the echo
# bootstrap and the three functions' bootstraps with Debian's stock libssl.a and libcrypto.a
# (libssl-dev) in place of the trimmed archives, using ninja's own link commands, and prints the
# stripped and zipped sizes of both and their ratio, then the cold start of both (spawn to first
# /next, the harness's Init Duration; median of 15 one-shot runs each, stock and trimmed taking
# turns). Nothing is compiled; the build is untouched.
#
#   bash bench/runtime/openssl_sizes.sh [build-dir]
#
# Needs a built static release tree on the trimmed OpenSSL
# (cmake --preset release -DDRIFT_TLS_BACKEND=openssl && cmake --build build).
set -euo pipefail

build=$(realpath "${1:-build}")
work="$build/_bench/openssl-sizes"
stock_dir=/usr/lib/x86_64-linux-gnu
[[ -f $stock_dir/libcrypto.a ]] || { echo "no $stock_dir/libcrypto.a: apt-get install libssl-dev" >&2; exit 1; }
mkdir -p "$work"

zipped_size() {  # stripped file -> bytes of a zip holding it as bootstrap, as packaging/ makes it
  local dir
  dir=$(mktemp -d)
  cp "$1" "$dir/bootstrap"
  (cd "$dir" && zip -q -X -9 b.zip bootstrap && stat -c %s b.zip)
  rm -rf "$dir"
}

# Relinks one executable of the build tree with the stock archives.
relink_stock() {
  local target=$1 out=$2 cmd
  cmd=$(cd "$build" && ninja -t commands "$target" | tail -1)
  cmd=$(sed -E "s#[^ ]*/libssl\.a#$stock_dir/libssl.a#; s#[^ ]*/libcrypto\.a#$stock_dir/libcrypto.a#; s#-o $target( |\$)#-o $out\\1#" <<<"$cmd")
  (cd "$build" && eval "$cmd") 2>&1 | grep -v "statically linked applications\|in function" >&2 || true
}

printf '%-42s %10s %10s %10s %10s %10s\n' executable "stock" "trimmed" "zip stock" "zip trim" "zip ratio"
for target in bench/echo-bootstrap functions/workflow-orchestrator/bootstrap \
  functions/agent-callback/bootstrap functions/drift-scanner/bootstrap; do
  [[ -f $build/$target ]] || { echo "missing $build/$target: build the tree first" >&2; exit 1; }
  name=$(tr / _ <<<"$target")
  relink_stock "$target" "$work/$name"
  strip -o "$work/$name.stock" "$work/$name"
  strip -o "$work/$name.trim" "$build/$target"
  zs=$(zipped_size "$work/$name.stock")
  zt=$(zipped_size "$work/$name.trim")
  printf '%-42s %10s %10s %10s %10s %10.2f\n' "$target" \
    "$(stat -c %s "$work/$name.stock")" "$(stat -c %s "$work/$name.trim")" "$zs" "$zt" \
    "$(awk -v a="$zt" -v b="$zs" 'BEGIN{print a/b}')"
done

# Cold start, stock against trimmed, in the same run: the functions answer a 1 KB event they
# reject, which is enough to reach /next.
harness="$build/harness/lambda-harness"
event="$work/event.json"
printf '{"payload":"%s"}' "$(head -c 1000 /dev/zero | tr '\0' x)" >"$event"
init_ms() {  # init_ms BOOTSTRAP -> the Init Duration of one one-shot invocation
  rm -f "$work/one.log"
  "$harness" --bootstrap "$1" --event "$event" --timeout 30 --log-file "$work/one.log" >/dev/null 2>&1 || true
  grep -o 'Init Duration: [0-9.]*' "$work/one.log" | head -1 | awk '{print $3}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'; }
echo
printf '%-42s %14s %14s %8s\n' "cold start (median of 15)" "stock ms" "trimmed ms" ratio
for target in bench/echo-bootstrap functions/workflow-orchestrator/bootstrap \
  functions/agent-callback/bootstrap functions/drift-scanner/bootstrap; do
  name=$(tr / _ <<<"$target")
  : >"$work/stock.ms"; : >"$work/trim.ms"
  for _ in $(seq 15); do
    init_ms "$work/$name" >>"$work/stock.ms"
    init_ms "$build/$target" >>"$work/trim.ms"
  done
  s=$(median <"$work/stock.ms"); t=$(median <"$work/trim.ms")
  printf '%-42s %14s %14s %8.2f\n' "$target" "$s" "$t" "$(awk -v a="$t" -v b="$s" 'BEGIN{print (b > 0 ? a/b : 0)}')"
done
