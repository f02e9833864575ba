#!/usr/bin/env bash
# Installs what a fresh Debian 12 lacks for building and testing, with apt-get only,
# and checks the two outside tools the tests use (terraform, moto_server).
set -euo pipefail

PACKAGES=(build-essential cmake ninja-build clang libclang-rt-14-dev pkg-config zip unzip file
  dpkg-dev libssl-dev zlib1g-dev libc-ares-dev libpugixml-dev rapidjson-dev
  libcpp-httplib-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libcurl4-openssl-dev
  curl ca-certificates python3 jq git tmux openssl perl make
  chromium python3-websocket)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Debian's curl source package is the base of our static libcurl: make sure deb-src is listed.
need_update=0
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  echo "setup: adding deb-src entries for bookworm"
  $SUDO tee /etc/apt/sources.list.d/drift-detection-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_update -eq 1 ] || ! apt-cache showsrc curl >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
# npm lints the workflow template; some images ship it inside a nodejs of their own.
if ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

ok=1
if ! command -v terraform >/dev/null; then
  echo "setup: 'terraform' (1.11) is missing. Install HashiCorp's terraform 1.11 binary into /usr/local/bin" >&2
  echo "       and the hashicorp/aws provider 5.100.0 into a filesystem mirror at /opt/tf-plugins." >&2
  ok=0
elif [ ! -d /opt/tf-plugins ]; then
  echo "setup: the Terraform provider mirror /opt/tf-plugins (hashicorp/aws 5.100.0) is missing." >&2
  ok=0
fi
if ! command -v moto_server >/dev/null && ! python3 -c 'import moto.server' 2>/dev/null; then
  echo "setup: 'moto_server' is missing. Install it with: pip install 'moto[server]==5.*' boto3 awscli" >&2
  ok=0
fi
[ $ok -eq 1 ] || exit 1
echo "setup: all build and test dependencies are present"
