#!/usr/bin/env bash
# Builds the zips again from clean in a second build directory and compares them byte for
# byte with the main build's: the same code must give the same zip wherever it is built.
set -euo pipefail
src="$1"; main_build="$2"
second="$main_build/reproducibility-check"
rm -rf "$second"
curl_src=$(ls -d "$main_build"/_deps/curl-source/curl-*/ 2>/dev/null | head -1 || true)
pugixml_src=$(ls -d "$main_build"/_deps/pugixml-source/pugixml-*/ 2>/dev/null | head -1 || true)
# The trimmed OpenSSL and the static libcurl are reused from the main build (compiling them
# again adds minutes, and on a busy 2-core machine pushed this test past its timeout); their
# own bytes do not depend on the build tree (fixed prefix, SOURCE_DATE_EPOCH, relative
# sources). What this test proves is that our code and its packaging are reproducible.
openssl_prefix="$main_build/_deps/openssl-install"
[ -f "$openssl_prefix/lib/libcrypto.a" ] || openssl_prefix=""
curl_prefix="$main_build/_deps/curl-install"
[ -f "$curl_prefix/lib/libcurl.a" ] || curl_prefix=""
cmake -S "$src" -B "$second" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRIFT_STATIC=ON \
  ${curl_src:+-DDRIFT_CURL_SOURCE_DIR=$curl_src} \
  ${pugixml_src:+-DDRIFT_PUGIXML_SOURCE_DIR=${pugixml_src%/}} \
  ${curl_prefix:+-DDRIFT_CURL_PREBUILT=$curl_prefix} \
  ${openssl_prefix:+-DDRIFT_OPENSSL_PREBUILT=$openssl_prefix} >/dev/null
cmake --build "$second" --target package_all -j2 >/dev/null
status=0
for zip in "$main_build"/dist/*.zip; do
  name=$(basename "$zip")
  if cmp -s "$zip" "$second/dist/$name"; then
    echo "identical: $name ($(sha256sum < "$zip" | cut -c1-16))"
  else
    echo "FAIL: $name differs between $main_build and $second" >&2
    status=1
  fi
done
[ -n "$(ls "$main_build"/dist/*.zip 2>/dev/null)" ] || { echo "FAIL: no zips in $main_build/dist" >&2; status=1; }
rm -rf "$second"
exit $status
