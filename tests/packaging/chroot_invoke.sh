#!/usr/bin/env bash
# Each zip's bootstrap answers an invocation from inside an empty chroot that holds only
# itself, /etc/hosts, /etc/resolv.conf and a CA bundle where Amazon Linux 2 keeps it: the
# harness serves the Runtime API and the bootstrap runs with a cleared environment.
# Usage: chroot_invoke.sh HARNESS DIST_DIR ECHO_BOOTSTRAP WORK_DIR
set -euo pipefail
harness="$1"; dist="$2"; echo_bootstrap="$3"; work="$4"
if [ "$(id -u)" -ne 0 ]; then echo "FAIL: chroot needs root" >&2; exit 1; fi
rm -rf "$work"; mkdir -p "$work"
ca_source=""
for c in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt; do
  [ -r "$c" ] && { ca_source="$c"; break; }
done

make_root() {  # make_root NAME BOOTSTRAP_FILE -> prints the wrapper path
  local root="$work/$1/root"
  mkdir -p "$root/etc/pki/tls/certs"
  cp "$2" "$root/bootstrap"; chmod 0755 "$root/bootstrap"
  cp /etc/hosts /etc/resolv.conf "$root/etc/"
  [ -n "$ca_source" ] && cp "$ca_source" "$root/etc/pki/tls/certs/ca-bundle.crt"
  cat > "$work/$1/launch" <<LAUNCH
#!/bin/sh
exec env -i AWS_LAMBDA_RUNTIME_API="\$AWS_LAMBDA_RUNTIME_API" AWS_LAMBDA_FUNCTION_NAME="\$AWS_LAMBDA_FUNCTION_NAME" \
  AWS_REGION=us-east-1 $(command -v chroot) "$root" /bootstrap
LAUNCH
  chmod +x "$work/$1/launch"
  echo "$work/$1/launch"
}

status=0
check() {  # check NAME BOOTSTRAP EVENT EXPECT(success|answer)
  local launch out rc
  launch=$(make_root "$1" "$2")
  echo "$3" > "$work/$1/event.json"
  set +e
  out=$("$harness" --function "$1" --bootstrap "$launch" --timeout 10 --event "$work/$1/event.json" 2>"$work/$1/harness.log")
  rc=$?
  set -e
  if [ "$4" = success ] && [ $rc -ne 0 ]; then
    echo "FAIL: $1 in chroot: exit $rc, output: $out" >&2; status=1; return
  fi
  # A function error is an answer; a crashed, hung or uninitialised bootstrap is not.
  if echo "$out" | grep -q 'Runtime\.\|Sandbox\.'; then
    echo "FAIL: $1 did not answer from the chroot: $out" >&2; sed -n '1,20p' "$work/$1/harness.log" >&2; status=1; return
  fi
  if [ -z "$out" ]; then echo "FAIL: $1: no response" >&2; status=1; return; fi
  echo "ok: $1 answered from an empty chroot: $(echo "$out" | cut -c1-120)"
}

check echo "$echo_bootstrap" '{"hello":"chroot"}' success
found=0
for zip in "$dist"/*.zip; do
  [ -e "$zip" ] || continue
  found=1
  name=$(basename "$zip" .zip)
  mkdir -p "$work/$name"
  unzip -q -o "$zip" bootstrap -d "$work/$name/unzipped"
  check "$name" "$work/$name/unzipped/bootstrap" '{}' answer
done
[ $found -eq 1 ] || { echo "FAIL: no zips in $dist" >&2; status=1; }
exit $status
