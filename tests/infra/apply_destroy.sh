#!/usr/bin/env bash
# A real `terraform apply` of the whole stack into the moto fixture, checked
# through the AWS APIs (verify_live.py) and through `terraform show -json`
# (check_stack.py), then a clean `terraform destroy`. The apply passes a unique
# GitHub token (-var github_token): it must reach the SecureString, encrypted
# with the stack's own key, and appear in no plan, state or file Terraform writes.
#
# Environment (set by tests/infra/CMakeLists.txt): DRIFT_MOTO_DIR (fixture state
# folder with the endpoint file), DRIFT_SOURCE_DIR, DRIFT_DIST_DIR (the zips the
# build wrote; placeholders are made when it lacks them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=${DRIFT_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
endpoint=$(cat "${DRIFT_MOTO_DIR:?DRIFT_MOTO_DIR not set}/endpoint")

work=$(mktemp -d "${TMPDIR:-/tmp}/drift-infra-test.XXXXXX")
applied=0
cleanup() {
  status=$?
  if [[ $applied == 1 ]]; then
    echo "== cleanup: destroying what the failed run left behind"
    (cd "$work/infra" && terraform destroy -auto-approve -input=false -no-color "${vars[@]}" >"$work/cleanup.log" 2>&1) ||
      echo "cleanup destroy failed, see $work/cleanup.log"
  fi
  if [[ $status == 0 ]]; then rm -rf "$work"; else echo "work folder kept: $work"; fi
}
trap cleanup EXIT

export AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
export TF_IN_AUTOMATION=1 TF_INPUT=0
export TF_CLI_CONFIG_FILE=$work/terraform.rc
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

# The configuration is copied so the source tree stays untouched (.terraform,
# state); the state lives in the work folder.
mkdir -p "$work/infra"
cp -r "$src/infra/." "$work/infra/"
rm -rf "$work/infra/.terraform" "$work/infra"/terraform.tfstate*

dist=${DRIFT_DIST_DIR:-$src/build/dist}
functions=(workflow-orchestrator agent-callback drift-scanner)
have_all=1
for f in "${functions[@]}"; do [[ -f $dist/$f.zip ]] || have_all=0; done
if [[ $have_all == 0 ]]; then
  echo "NOTE: $dist lacks the function zips (a dynamic build makes none): deploying placeholder bootstraps"
  dist=$work/dist
  mkdir -p "$dist"
  for f in "${functions[@]}"; do
    mkdir -p "$work/zip-$f"
    printf '#!/bin/sh\necho "placeholder for %s" >&2\nexit 1\n' "$f" >"$work/zip-$f/bootstrap"
    chmod +x "$work/zip-$f/bootstrap"
    (cd "$work/zip-$f" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    i = zipfile.ZipInfo("bootstrap"); i.external_attr = 0o755 << 16; z.writestr(i, open("bootstrap").read())' "$dist/$f.zip")
  done
else
  echo "deploying the built zips from $dist"
fi

# One fixture serves the whole ctest run: a name no other run uses.
suffix="it$(printf '%04x' $$)$(date +%s | tail -c 5)"
scan_targets='[{"name":"platform","account_id":"123456789012","region":"us-east-1","state":{"bucket":"acme-tfstate","key":"platform/terraform.tfstate","region":"us-east-1","workspaces":["prod","staging"]},"environments":{"prod":"production"}}]'
export EXPECT_SCAN_TARGETS=$scan_targets
vars=(
  -var "environment_suffix=$suffix"
  -var "lambda_dist_dir=$dist"
  -var "enable_event_source_mappings=false"
  -var "create_config_recorder=true"
  -var "create_reader_role_in_this_account=true"
  -var 'state_bucket_names=["acme-tfstate"]'
  -var 'member_account_ids=["111111111111"]'
  -var 'alert_emails=["ops@example.com"]'
  -var "scan_targets=$scan_targets"
  -var 'remediation_policy_statements=[{sid="RevertBucketSettings",actions=["s3:PutBucketVersioning","s3:PutEncryptionConfiguration"],resources=["arn:aws:s3:::acme-app-bucket"]}]'
)

cd "$work/infra"
echo "== terraform init (suffix $suffix, endpoint $endpoint)"
terraform init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }

# The production shape (event-source mappings on, every other default) is
# planned, not applied: moto would consume the retry queue itself.
echo "== terraform plan with the defaults (event-source mappings on)"
if ! terraform plan -input=false -no-color -lock=false -var "environment_suffix=$suffix" -var "lambda_dist_dir=$dist" \
  -out="$work/defaults.plan" >"$work/plan-defaults.log" 2>&1; then
  tail -40 "$work/plan-defaults.log"
  exit 1
fi
terraform show -json "$work/defaults.plan" >"$work/defaults-plan.json"
python3 - "$work/defaults-plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
addrs = {r["address"] for r in plan["resource_changes"] if "create" in r["change"]["actions"]}
want = {"aws_lambda_event_source_mapping.retry[0]", "aws_sns_topic_subscription.orchestrator[0]",
        "aws_lambda_permission.drift_topic[0]"}
unwanted = {a for a in addrs if "drift_events_local" in a or a.startswith("aws_config_")}
esm = [r for r in plan["resource_changes"] if r["address"] == "aws_lambda_event_source_mapping.retry[0]"]
types = esm[0]["change"]["after"]["function_response_types"] if esm else None
print(f"defaults plan: {len(addrs)} to create; event sources {sorted(want & addrs)}; batch failures {types}")
ok = want <= addrs and not unwanted and types == ["ReportBatchItemFailures"]
if not ok:
    print("FAIL: missing", sorted(want - addrs), "unexpected", sorted(unwanted))
sys.exit(0 if ok else 1)
PY
python3 "$here/capture_live.py" plan "$work/defaults-plan.json"

# The token is an ephemeral variable: given to the plan and again to the apply
# of the saved plan (Terraform keeps no copy of it in the plan file).
token="drift-test-token-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"
echo "== terraform plan -out (with a GitHub token)"
if ! terraform plan -input=false -no-color "${vars[@]}" -var "github_token=$token" -out="$work/stack.plan" \
  >"$work/plan.log" 2>&1; then
  tail -60 "$work/plan.log"
  exit 1
fi
terraform show -json "$work/stack.plan" >"$work/stack-plan.json"
if grep -qF "$token" "$work/stack-plan.json"; then
  echo "FAIL: the GitHub token is in terraform show -json of the plan"
  exit 1
fi
echo "ok   the GitHub token is not in terraform show -json of the plan"

echo "== terraform apply (the saved plan)"
applied=1
start=$(date +%s)
if ! terraform apply -auto-approve -input=false -no-color -var "github_token=$token" "$work/stack.plan" \
  >"$work/apply.log" 2>&1; then
  tail -60 "$work/apply.log"
  exit 1
fi
echo "applied $(grep -c 'Creation complete' "$work/apply.log") resources in $(($(date +%s) - start)) s"

echo "== the GitHub token left no trace in Terraform's files"
terraform state pull >"$work/state.json"
grep -c '"aws_ssm_parameter"' "$work/state.json" >/dev/null || { echo "FAIL: state pull holds no SSM parameter"; exit 1; }
if grep -qF "$token" "$work/state.json"; then
  echo "FAIL: the GitHub token is in the state (terraform state pull)"
  exit 1
fi
# Everything Terraform wrote: state, backups, the plan file (a zip, so also
# unpacked), logs, .terraform (but the provider binaries).
mkdir -p "$work/plan-unzipped" && (cd "$work/plan-unzipped" && python3 -m zipfile -e "$work/stack.plan" .)
if leaks=$(grep -rlF --exclude-dir=providers "$token" "$work"); then
  echo "FAIL: the GitHub token is in: $leaks"
  exit 1
fi
echo "ok   the GitHub token is in no plan, state or file under the work folder"
export EXPECT_GITHUB_TOKEN=$token

echo "== the stack seen through the AWS APIs"
terraform output -json >"$work/outputs.json"
python3 "$here/verify_live.py" "$work/outputs.json" "$dist"
python3 "$here/capture_live.py" live "$work/outputs.json" 111111111111

echo "== IAM wildcards and names in terraform show -json"
terraform show -json >"$work/show.json"
python3 "$here/check_stack.py" "$work/show.json" --suffix "$suffix" \
  --allowlist "$work/infra/iam-wildcard-allowlist.json" --min-names 50 --min-policies 6

echo "== terraform destroy"
start=$(date +%s)
if ! terraform destroy -auto-approve -input=false -no-color "${vars[@]}" >"$work/destroy.log" 2>&1; then
  tail -60 "$work/destroy.log"
  exit 1
fi
applied=0
left=$(terraform state list | wc -l)
echo "destroyed in $(($(date +%s) - start)) s; $left resources left in state"
[[ $left == 0 ]]
# Nothing of ours is left in the emulator either.
python3 - "$suffix" <<'PY'
import sys, boto3
suffix = sys.argv[1]
left = [t for t in boto3.client("dynamodb").list_tables()["TableNames"] if t.endswith(suffix)]
left += [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"] if b["Name"].endswith(suffix)]
left += [f["FunctionName"] for f in boto3.client("lambda").list_functions()["Functions"] if f["FunctionName"].endswith(suffix)]
left += [r["RoleName"] for r in boto3.client("iam").list_roles()["Roles"] if r["RoleName"].endswith(suffix)]
print("left in the emulator:", left)
sys.exit(1 if left else 0)
PY
echo "apply, checks and destroy passed"
