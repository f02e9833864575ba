#!/usr/bin/env bash
# Writes `terraform providers schema -json` of the hashicorp/aws provider the product is tested
# with (5.100.0, from the filesystem mirror in tests/workspaces/cli.tfrc) to OUT.
#   provider_schema.sh OUT [WORK_DIR]
set -euo pipefail
out=$(realpath -m "$1")
work=$(realpath -m "${2:-$(dirname "$out")/provider-schema}")
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cat >"$work/main.tf" <<'TF'
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}
TF
export TF_CLI_CONFIG_FILE="$here/../../workspaces/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
(cd "$work" && terraform init -input=false -no-color >/dev/null && terraform providers schema -json >"$out.tmp")
mv "$out.tmp" "$out"
