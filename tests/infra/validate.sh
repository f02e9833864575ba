#!/usr/bin/env bash
# terraform validate of the root module, which calls both modules (the reader
# role with every input), from a copy: the source tree stays clean.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${DRIFT_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/drift-infra-validate.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TF_IN_AUTOMATION=1 TF_INPUT=0 TF_CLI_CONFIG_FILE=$work/terraform.rc
cat >"$TF_CLI_CONFIG_FILE" <<'RC'
provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC
cp -r "$src/infra" "$work/infra"
rm -rf "$work/infra/.terraform"
cd "$work/infra"
terraform init -backend=false -input=false -no-color >/dev/null
terraform validate -no-color
