#!/usr/bin/env bash
# What a trimmed OpenSSL would save: builds OpenSSL from Debian's source with the algorithms and
# features a Lambda's HTTPS client never uses turned off, rebuilds our minimal libcurl against it
# (NTLM off: it needs DES), relinks the echo bootstrap and the three functions' bootstraps with
# them, and prints stripped and zipped sizes before and after. The product's build is untouched;
# this is the measurement behind "a trimmed OpenSSL is the way down" in the README.
#
#   bash bench/runtime/trimmed_openssl.sh [build-dir] [work-dir]
#
# Needs a configured and built static release tree (cmake --preset release && cmake --build build).
# Takes ~8 min on 2 cores (OpenSSL and curl are compiled once into work-dir, then reused).
set -euo pipefail

build=$(realpath "${1:-build}")
work=$(realpath -m "${2:-$build/_bench/trimmed-openssl}")
mkdir -p "$work"

# Fewer algorithms and no engines, no legacy provider, no TLS below 1.2, no DTLS.
trim_options=(no-shared no-tests no-legacy no-engine no-dso no-comp no-ct no-cms no-ts no-srp
  no-dtls no-sctp no-ssl3 no-tls1 no-tls1_1 no-idea no-camellia no-aria no-seed no-bf no-cast
  no-rc2 no-rc4 no-rc5 no-md4 no-mdc2 no-whirlpool no-rmd160 no-sm2 no-sm3 no-sm4 no-siphash
  no-blake2 no-ocb no-ec2m no-gost no-dsa no-async no-ui-console no-autoload-config no-uplink
  no-padlockeng no-afalgeng no-capieng no-siv no-scrypt no-srtp no-nextprotoneg no-ssl-trace
  no-weak-ssl-ciphers no-cmp no-des no-multiblock no-psk)

fetch_openssl() {
  local src
  src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'openssl-*' 2>/dev/null | head -1)
  if [[ -z $src ]]; then
    mkdir -p "$work/src"
    # The newest source may sit in a pool this mirror does not serve: try each known version.
    (cd "$work/src" && { apt-get source openssl >/dev/null 2>&1 ||
      for v in $(apt-cache showsrc openssl | awk '/^Version:/{print $2}'); do
        apt-get source "openssl=$v" >/dev/null 2>&1 && break
      done; })
    src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'openssl-*' | head -1)
  fi
  [[ -n $src ]] || { echo "could not fetch Debian's openssl source (is deb-src set up? scripts/setup.sh)" >&2; exit 1; }
  echo "$src"
}

if [[ ! -f $work/openssl/lib/libcrypto.a ]]; then
  src=$(fetch_openssl)
  echo "== building $(basename "$src") trimmed (${#trim_options[@]} options off)" >&2
  rm -rf "$work/openssl-build" && mkdir -p "$work/openssl-build"
  (cd "$work/openssl-build" &&
    "$src/Configure" linux-x86_64 --prefix="$work/openssl" --libdir=lib "${trim_options[@]}" \
      -ffunction-sections -fdata-sections >configure.log 2>&1 &&
    make -j"$(nproc)" build_libs >make.log 2>&1 && make install_dev >install.log 2>&1)
fi

if [[ ! -f $work/curl/lib/libcurl.a ]]; then
  curl_src=$(find "$build/_deps/curl-source" -mindepth 1 -maxdepth 1 -type d -name 'curl-*' | head -1)
  [[ -n $curl_src ]] || { echo "no curl source in $build/_deps/curl-source: build $build first" >&2; exit 1; }
  echo "== building libcurl against it" >&2
  cmake -S "$curl_src" -B "$work/curl-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$work/curl" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    "-DCMAKE_C_FLAGS=-ffunction-sections -fdata-sections" -DBUILD_SHARED_LIBS=OFF \
    -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DHTTP_ONLY=ON -DCURL_DISABLE_LDAP=ON \
    -DCURL_DISABLE_LDAPS=ON -DCURL_DISABLE_NETRC=ON -DCURL_DISABLE_NTLM=ON -DCURL_USE_OPENSSL=ON \
    -DOPENSSL_ROOT_DIR="$work/openssl" -DOPENSSL_USE_STATIC_LIBS=ON \
    -DCURL_DISABLE_OPENSSL_AUTO_LOAD_CONFIG=ON -DCURL_ZLIB=ON -DZLIB_USE_STATIC_LIBS=ON \
    -DENABLE_ARES=ON -DCARES_LIBRARY="$(find /usr/lib -name libcares.a | head -1)" \
    -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF \
    -DCURL_USE_LIBSSH2=OFF -DCURL_USE_LIBSSH=OFF -DCURL_USE_GSSAPI=OFF -DENABLE_MANUAL=OFF \
    -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none -DCURL_CA_FALLBACK=ON >"$work/curl-configure.log" 2>&1
  cmake --build "$work/curl-build" --target install >"$work/curl-build.log" 2>&1
fi

zipped_size() {  # stripped file -> bytes of a maximally compressed zip holding it as bootstrap
  local dir
  dir=$(mktemp -d)
  cp "$1" "$dir/bootstrap"
  (cd "$dir" && zip -q -X -9 b.zip bootstrap && stat -c %s b.zip)
  rm -rf "$dir"
}

# Relinks one executable of the build tree with the trimmed archives, using ninja's own command.
relink() {
  local target=$1 out=$2 cmd
  cmd=$(cd "$build" && ninja -t commands "$target" | tail -1)
  cmd=${cmd//_deps\/curl-install\/lib\/libcurl.a/$work/curl/lib/libcurl.a}
  cmd=$(sed -E "s#[^ ]*/libssl\.a#$work/openssl/lib/libssl.a#; s#[^ ]*/libcrypto\.a#$work/openssl/lib/libcrypto.a#; s#-o $target( |\$)#-o $out\\1#" <<<"$cmd")
  (cd "$build" && eval "$cmd") 2>&1 | grep -v "statically linked applications\|in function" >&2 || true
}

printf '%-42s %12s %12s %12s %12s\n' executable stripped trimmed zip "zip trimmed"
mkdir -p "$work/out"
for target in bench/echo-bootstrap functions/workflow-orchestrator/bootstrap \
  functions/agent-callback/bootstrap functions/drift-scanner/bootstrap; do
  [[ -f $build/$target ]] || { echo "missing $build/$target: build the tree first" >&2; exit 1; }
  name=$(tr / _ <<<"$target")
  relink "$target" "$work/out/$name"
  strip -o "$work/out/$name.orig" "$build/$target"
  strip -o "$work/out/$name.trim" "$work/out/$name"
  printf '%-42s %12s %12s %12s %12s\n' "$target" \
    "$(stat -c %s "$work/out/$name.orig")" "$(stat -c %s "$work/out/$name.trim")" \
    "$(zipped_size "$work/out/$name.orig")" "$(zipped_size "$work/out/$name.trim")"
done

# The trimmed echo must still be a working Lambda: one invocation through the harness.
event=$(mktemp)
echo '{"trimmed":true}' >"$event"
if answer=$("$build/harness/lambda-harness" --bootstrap "$work/out/bench_echo-bootstrap.trim" --event "$event" 2>/dev/null); then
  echo "trimmed echo answered: $answer"
else
  echo "trimmed echo did not answer" >&2
fi
rm -f "$event"
