#!/usr/bin/env bash
# The static HTTPS client, on its trimmed TLS library (OpenSSL or wolfSSL: DRIFT_TLS_BACKEND),
# against Debian's `openssl s_server` with a CA made here: each TLS 1.2 and 1.3 suite a function
# needs must connect (the s_server page names the protocol and cipher it used), and servers that
# offer only what the trim removed (TLS 1.1, Camellia, finite-field DHE) must fail as an error
# value: no crash, no hang.
# Usage: tls_handshakes.sh PROBE LIBRARY/VERSION WORK_DIR   (as curl names it: OpenSSL/3.0.20)
set -euo pipefail
probe="$1"; library="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"; cd "$work"

ossl() { openssl "$@" 2>/dev/null; }
ossl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=drift-test-ca
make_cert() {  # make_cert NAME KEYGEN-ARGS...
  local name=$1; shift
  ossl genpkey "$@" -out "$name.key"
  ossl req -new -key "$name.key" -subj /CN=127.0.0.1 -out "$name.csr"
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' > "$name.ext"
  ossl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile "$name.ext" -out "$name.crt"
}
make_cert rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
make_cert ec -algorithm EC -pkeyopt ec_paramgen_curve:P-256
ossl dhparam -dsaparam -out dh.pem 2048
export SSL_CERT_FILE="$work/ca.crt"

status=0
server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

serve() {  # serve CERT s_server-args... ; sets $port
  local cert=$1; shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  openssl s_server -accept "127.0.0.1:$port" -www -cert "$cert.crt" -key "$cert.key" "$@" \
    >"server-$port.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    grep -q ACCEPT "server-$port.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "FAIL: s_server $* did not start: $(cat "server-$port.log")" >&2
  return 1
}

expect_ok() {  # expect_ok LABEL PROTOCOL CIPHER CERT s_server-args...
  local label=$1 proto=$2 cipher=$3 cert=$4 out; shift 4
  serve "$cert" "$@" || { status=1; return; }
  if out=$(timeout 20 "$probe" "https://127.0.0.1:$port/" 2>&1) &&
     grep -q "^ok 200" <<<"$out" && grep -q "Protocol  *: $proto" <<<"$out" &&
     grep -q "Cipher  *: $cipher" <<<"$out"; then
    echo "ok: $label ($proto $cipher)"
  else
    echo "FAIL: $label: $(head -c 600 <<<"$out")" >&2; status=1
  fi
  if ! grep -q "^library: .*$library" <<<"$out"; then
    echo "FAIL: the probe does not run on $library: $(head -1 <<<"$out")" >&2; status=1
  fi
  stop_server
}

expect_refused() {  # expect_refused LABEL CERT s_server-args...
  local label=$1 cert=$2 out rc; shift 2
  serve "$cert" "$@" || { status=1; return; }
  set +e
  out=$(timeout 20 "$probe" "https://127.0.0.1:$port/" 2>&1)
  rc=$?
  set -e
  if [ $rc -eq 1 ] && grep -q "^error transport: " <<<"$out"; then
    echo "ok: $label refused: $(grep '^error' <<<"$out" | head -c 200)"
  else
    echo "FAIL: $label: exit $rc (want 1, an error value): $(head -c 600 <<<"$out")" >&2; status=1
  fi
  stop_server
}

expect_ok "TLS 1.2 ECDHE-RSA AES-GCM" TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 rsa \
  -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
expect_ok "TLS 1.2 ECDHE-RSA AES-256-GCM" TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 rsa \
  -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384
expect_ok "TLS 1.2 ECDHE-ECDSA AES-GCM" TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 ec \
  -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
expect_ok "TLS 1.3 AES-128-GCM" TLSv1.3 TLS_AES_128_GCM_SHA256 rsa \
  -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
expect_ok "TLS 1.3 AES-256-GCM" TLSv1.3 TLS_AES_256_GCM_SHA384 ec \
  -tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384
expect_ok "TLS 1.3 ChaCha20-Poly1305" TLSv1.3 TLS_CHACHA20_POLY1305_SHA256 rsa \
  -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256
expect_refused "a TLS 1.1-only server" rsa -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'
expect_refused "a Camellia-only TLS 1.2 server" rsa -tls1_2 -cipher 'CAMELLIA:@SECLEVEL=0'
expect_refused "a DHE-only TLS 1.2 server" rsa -tls1_2 -cipher 'DHE-RSA-AES128-GCM-SHA256' \
  -dhparam dh.pem
exit $status
