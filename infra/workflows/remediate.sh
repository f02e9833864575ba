#!/usr/bin/env bash
# The steps of the drift-remediation workflow, in one script that the GitHub workflow
# (drift-remediation.yml) and a local run (the demo, the tests) both execute, so the two cannot
# drift apart. GitHub contexts reach it only as environment variables; nothing from a payload
# is ever spliced into code.
#
# What a drift-revert run applies is never taken from the dispatch: the payload only names a
# remediation that the orchestrator recorded, the run claims it from the callback function and
# uses the facts of the claim's answer alone (docs/remediation-claim.md).
#
# Usage: remediate.sh [run | callback [STATUS] | all | guard PLAN_JSON CLAIM_JSON]
#   run        drift-revert: refuses a payload that is not schema version 2, claims the
#              remediation, checks the recorded commit is on the protected branch and checks it
#              out, init, checks the addresses are in the state, plan (-target per address),
#              redacted plan summary, policy gate (policies of the protected branch's head),
#              blast-radius guard, then apply or stop for review.
#              deployment: the protected branch's head, init, plan, summary, gate, apply, then
#              record the deployment's metadata.
#              Writes the outcome to $WORK_DIR/outcome.json and, after a successful claim, the
#              claim's answer to $WORK_DIR/claim.json.
#   callback   reports the outcome (STATUS, else the outcome file, else $JOB_STATUS) to the
#              callback function once per drift event id of the claim; a run that holds no
#              claim (a deployment, a refused payload, a remediation another run claimed)
#              reports nothing.
#   all        run, then callback with what run ended in (the local demo). Default.
#   guard      the blast-radius guard alone on a `terraform show -json` plan and a claim answer:
#              prints the reasons for a review and exits 3, or exits 0 when it may apply
#              unattended.
#
# Inputs (environment).
#   DRIFT_PAYLOAD         the dispatch's client_payload JSON: {schema_version: 2,
#                         remediation_id, drift_event_ids[]}; present = drift-revert mode
#   MODE                  drift-revert | deployment (default: drift-revert with a payload)
#   RUN_ID                this run's id, the claimant (the workflow passes github.run_id)
#   RUN_URL               this run's URL (the workflow passes the Actions run URL)
#   CALLBACK_FUNCTION     the agent-callback function (the workflow's DEFAULT_CALLBACK_FUNCTION)
#   PROTECTED_BRANCH      the branch whose history alone may be applied (default main)
#   REPO_DIR              the repository checkout, with `origin` (default: the top level of
#                         the git checkout holding TF_DIR)
#   TF_DIR                the Terraform configuration inside it (default .)
# Deployment mode only (ignored in drift-revert mode, where the claim holds them):
#   DEPLOYMENT_ID, TFVARS_PATH, TF_WORKSPACE_NAME, STATE_BUCKET, STATE_KEY, STATE_REGION,
#   WORKSPACE_KEY_PREFIX, LOCK_TABLE, USE_LOCKFILE, RECORD_DEPLOYMENT (the recording tool,
#   default record-deployment on PATH)
# Tooling and places:
#   WORK_DIR              plan files, claim and outcome (default: $RUNNER_TEMP or a temporary
#                         folder); the artifact is $WORK_DIR/summary/plan-summary.json only
#   PLAN_SUMMARY          the redacting summary tool (default plan-summary on PATH)
#   POLICY_QUERY          default data.terraform.deny
#   REQUIRE_POLICY_GATE   default true when the branch head has policies (a missing opa then
#                         fails the run), false otherwise (true: fail without policies)
#   JOB_STATUS            GitHub's job.status, for `callback` without an outcome file
#   LAMBDA_ENDPOINT_URL   --endpoint-url for the invokes (else AWS_ENDPOINT_URL_LAMBDA applies)
# AWS credentials and region come from the standard environment (OIDC in the workflow).
set -euo pipefail

PAYLOAD_SCHEMA_VERSION=2

log() { printf '%s\n' "$*" >&2; }
die() {
  log "::error::$*"
  # Inside `run`, the reason becomes the outcome the callback reports.
  if [[ "${IN_RUN:-}" == 1 ]]; then write_outcome failure "$*"; fi
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------
has_payload() { [[ -n "${DRIFT_PAYLOAD:-}" && "${DRIFT_PAYLOAD}" != "null" ]]; }

load_inputs() {
  if [[ -z "${MODE:-}" ]]; then
    if has_payload; then MODE=drift-revert; else MODE=deployment; fi
  fi
  [[ "$MODE" == drift-revert || "$MODE" == deployment ]] || die "MODE must be drift-revert or deployment, not '$MODE'"
  TF_DIR="${TF_DIR:-.}"
  PROTECTED_BRANCH="${PROTECTED_BRANCH:-main}"
  WORK_DIR="${WORK_DIR:-${RUNNER_TEMP:-$(mktemp -d)}/drift-remediation}"
  mkdir -p "$WORK_DIR"
  WORK_DIR="$(cd "$WORK_DIR" && pwd)"
  export WORK_DIR # `all` runs `run` as a child process that must use the same folder
  SUMMARY_FILE="$WORK_DIR/summary/plan-summary.json"
  POLICY_QUERY="${POLICY_QUERY:-data.terraform.deny}"
  RECORD_DEPLOYMENT="${RECORD_DEPLOYMENT:-record-deployment}"
  PLAN_SUMMARY="${PLAN_SUMMARY:-plan-summary}"
  ADDRESSES_JSON='[]'
  AUTO_APPROVE=false
  MANUAL_REVIEW_REQUIRED=false
  GIT_COMMIT=""
  if [[ "$MODE" == drift-revert ]]; then
    # Every fact of a remediation comes from the claim (claim_remediation); whatever the
    # environment holds for them is dropped here.
    DEPLOYMENT_ID="" TFVARS_PATH="" TF_WORKSPACE_NAME="" STATE_BUCKET="" STATE_KEY=""
    STATE_REGION="" WORKSPACE_KEY_PREFIX="" LOCK_TABLE="" USE_LOCKFILE=""
  else
    DEPLOYMENT_ID="${DEPLOYMENT_ID:-}" TFVARS_PATH="${TFVARS_PATH:-}"
    TF_WORKSPACE_NAME="${TF_WORKSPACE_NAME:-}" STATE_BUCKET="${STATE_BUCKET:-}"
    STATE_KEY="${STATE_KEY:-}" STATE_REGION="${STATE_REGION:-}"
    WORKSPACE_KEY_PREFIX="${WORKSPACE_KEY_PREFIX:-}" LOCK_TABLE="${LOCK_TABLE:-}"
    USE_LOCKFILE="${USE_LOCKFILE:-}"
  fi
}

# The payload names a remediation and nothing else; any other version is refused before
# anything is claimed, initialised or applied.
check_payload() {
  has_payload || die "a drift-revert run needs the dispatch payload (DRIFT_PAYLOAD)"
  jq -e 'type == "object"' >/dev/null 2>&1 <<<"$DRIFT_PAYLOAD" || die "DRIFT_PAYLOAD is not a JSON object"
  if ! jq -e --argjson v "$PAYLOAD_SCHEMA_VERSION" '.schema_version == $v' >/dev/null <<<"$DRIFT_PAYLOAD"; then
    local version
    # Version 1 payloads carried no top-level schema_version.
    version="$(jq -r 'if has("schema_version") then (.schema_version | tojson) else "1 (none given)" end' <<<"$DRIFT_PAYLOAD")"
    write_outcome refused "payload schema_version $version refused"
    die "refusing a dispatch payload of schema_version $version: this workflow takes schema_version $PAYLOAD_SCHEMA_VERSION only (a payload that names a remediation recorded by the orchestrator). A version 1 payload described the remediation itself and was dispatched before the upgrade; nothing was applied, and the next drift scan dispatches the drift again."
  fi
  REMEDIATION_ID="$(jq -r '.remediation_id // empty | strings' <<<"$DRIFT_PAYLOAD")"
  [[ "$REMEDIATION_ID" =~ ^[A-Za-z0-9_.:-]{1,128}$ ]] ||
    die "the payload's remediation_id is missing or malformed"
}

# The outcome of `run`, read by `callback`: status (remediated | failure | awaiting_review |
# already_claimed | refused) and a message for people.
write_outcome() {
  jq -n --arg status "$1" --arg message "$2" --arg id "${REMEDIATION_ID:-}" \
    '{status: $status, message: $message} + (if $id != "" then {remediation_id: $id} else {} end)' \
    >"$WORK_DIR/outcome.json"
}

summary() { # Markdown for the run's summary page; the log otherwise
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    printf '%s\n' "$*" >>"$GITHUB_STEP_SUMMARY"
  else
    log "$*"
  fi
}

# One address per NUL-terminated record: an address may hold any character, a comma included.
addresses() { jq -j '.[] | (., "\u0000")' <<<"$ADDRESSES_JSON"; }
addresses_text() { jq -r 'join(" ")' <<<"$ADDRESSES_JSON"; }

# ---------------------------------------------------------------------------------------------
# The callback function (claim and outcome)
# ---------------------------------------------------------------------------------------------
# invoke_callback REQUEST_FILE RESPONSE_FILE: 0 answered; 1 a function error (its errorType in
# INVOKE_ERROR_TYPE); 2 no answer. DependencyFailure and a failed invoke are tried 3 times.
invoke_callback() {
  local request="$1" response="$2"
  INVOKE_ERROR_TYPE=""
  local args=(lambda invoke --function-name "$CALLBACK_FUNCTION" --payload "fileb://$request")
  [[ -n "${LAMBDA_ENDPOINT_URL:-}" ]] && args+=(--endpoint-url "$LAMBDA_ENDPOINT_URL")
  local attempt meta answered=0
  for attempt in 1 2 3; do
    rm -f "$response"
    if meta="$(aws "${args[@]}" "$response")"; then
      answered=1
      if [[ -z "$(jq -r '.FunctionError // empty' <<<"$meta")" ]]; then
        return 0
      fi
      INVOKE_ERROR_TYPE="$(jq -r '.errorType // "Unknown"' "$response" 2>/dev/null || echo Unknown)"
      # Only an AWS hiccup inside the callback is worth another try; a refusal is final.
      [[ "$INVOKE_ERROR_TYPE" == DependencyFailure ]] || return 1
    fi
    [[ $attempt -lt 3 ]] && sleep $((attempt * 2))
  done
  [[ $answered -eq 1 ]] && return 1
  return 2
}

# The first step of a drift-revert run: the callback marks the remediation claimed by RUN_ID
# and answers with the recorded facts; another run's claim ends this run here (exit 0).
claim_remediation() {
  [[ -n "${RUN_ID:-}" ]] || die "RUN_ID is not set (the workflow passes github.run_id)"
  [[ -n "${CALLBACK_FUNCTION:-}" ]] || die "CALLBACK_FUNCTION is not set (the workflow's DEFAULT_CALLBACK_FUNCTION)"
  local request="$WORK_DIR/claim-request.json" response="$WORK_DIR/claim-response.json"
  jq -n --arg id "$REMEDIATION_ID" --arg run "$RUN_ID" --arg url "${RUN_URL:-}" \
    '{action: "claim", remediation_id: $id, run_id: $run} + (if $url != "" then {run_url: $url} else {} end)' \
    >"$request"
  local rc=0
  invoke_callback "$request" "$response" || rc=$?
  if [[ $rc -eq 1 && "$INVOKE_ERROR_TYPE" == AlreadyClaimed ]]; then
    local message
    message="$(jq -r '.errorMessage // "claimed by another run"' "$response" 2>/dev/null || echo "claimed by another run")"
    log "remediation $REMEDIATION_ID is already claimed: $message"
    summary "Remediation $REMEDIATION_ID was claimed by another run ($message): nothing to do here."
    write_outcome already_claimed "$message"
    exit 0
  fi
  if [[ $rc -ne 0 ]]; then
    die "the claim of remediation $REMEDIATION_ID failed: $(cat "$response" 2>/dev/null || echo 'no answer from the callback function')"
  fi
  jq -e --arg id "$REMEDIATION_ID" --arg run "$RUN_ID" '
      type == "object" and .remediation_id == $id and .status == "claimed"
      and .claimed_by_run_id == $run
      and (.git_commit_sha | type == "string")
      and (.addresses | type == "array" and length > 0 and all(type == "string" and length > 0))
      and (.drift_event_ids | type == "array" and length > 0 and all(type == "string" and length > 0))
      and (.state | type == "object")' "$response" >/dev/null ||
    die "the claim's answer is not a claim of $REMEDIATION_ID by run $RUN_ID: $(head -c 2000 "$response")"
  mv "$response" "$WORK_DIR/claim.json"
  log "claimed remediation $REMEDIATION_ID for run $RUN_ID"
}

# The facts of a claim answer, and nothing else, become the run's inputs.
load_claim() {
  local claim="$1"
  fact() { jq -r "$1 // empty | tostring" "$claim"; }
  GIT_COMMIT="$(fact .git_commit_sha)"
  DEPLOYMENT_ID="$(fact .deployment_id)"
  TFVARS_PATH="$(fact .tfvars_path)"
  TF_WORKSPACE_NAME="$(fact .workspace)"
  STATE_BUCKET="$(fact .state.bucket)"
  STATE_KEY="$(fact .state.key)"
  STATE_REGION="$(fact .state.region)"
  WORKSPACE_KEY_PREFIX="$(fact .state.workspace_key_prefix)"
  LOCK_TABLE="$(fact .state.lock_table)"
  USE_LOCKFILE="$(jq -r 'if .state.use_lockfile == true then "true" else "false" end' "$claim")"
  ADDRESSES_JSON="$(jq -c '[.addresses[]? | strings]' "$claim")"
  AUTO_APPROVE="$(jq -r 'if .auto_approve == true then "true" else "false" end' "$claim")"
  MANUAL_REVIEW_REQUIRED="$(jq -r 'if .manual_review_required == false then "false" else "true" end' "$claim")"
}

# ---------------------------------------------------------------------------------------------
# The repository: only the protected branch's history is ever applied
# ---------------------------------------------------------------------------------------------
repo_git() { git -C "$REPO_DIR" "$@"; }

prepare_repository() {
  if [[ -z "${REPO_DIR:-}" ]]; then
    REPO_DIR="$(git -C "$TF_DIR" rev-parse --show-toplevel 2>/dev/null)" ||
      die "$TF_DIR is not inside a git checkout (set REPO_DIR)"
  fi
  REPO_DIR="$(cd "$REPO_DIR" && pwd -P)" || die "REPO_DIR $REPO_DIR does not exist"
  [[ "$(git -C "$REPO_DIR" rev-parse --show-toplevel 2>/dev/null)" == "$REPO_DIR" ]] ||
    die "$REPO_DIR is not the top level of a git checkout"
  git check-ref-format --branch "$PROTECTED_BRANCH" >/dev/null 2>&1 ||
    die "PROTECTED_BRANCH '$PROTECTED_BRANCH' is not a branch name"
  # The configuration's folder, relative to the repository root and inside it.
  local tf_abs
  tf_abs="$(realpath -m "$TF_DIR")"
  [[ "$tf_abs" == "$REPO_DIR" || "$tf_abs" == "$REPO_DIR"/* ]] ||
    die "the Terraform directory $TF_DIR is not inside the repository $REPO_DIR"
  TF_REL="$(realpath -m --relative-to="$REPO_DIR" "$tf_abs")"
  TF_DIR="$tf_abs"
  BRANCH_REF="refs/remotes/origin/$PROTECTED_BRANCH"
  repo_git fetch --quiet --no-tags origin "+refs/heads/$PROTECTED_BRANCH:$BRANCH_REF" >&2 ||
    die "could not fetch $PROTECTED_BRANCH from origin"
  local head
  head="$(repo_git rev-parse --verify --quiet "$BRANCH_REF^{commit}")" ||
    die "origin has no branch $PROTECTED_BRANCH"
  if [[ "$MODE" == deployment ]]; then
    # A deployment applies the head of the protected branch, nothing else.
    GIT_COMMIT="$head"
  else
    [[ "$GIT_COMMIT" =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]] ||
      die "the recorded commit '$GIT_COMMIT' is not a full commit id"
    if ! repo_git cat-file -e "$GIT_COMMIT^{commit}" 2>/dev/null; then
      die "the recorded commit $GIT_COMMIT is not on $PROTECTED_BRANCH (not in the history fetched from origin): refusing to apply it"
    fi
    local rc=0
    repo_git merge-base --is-ancestor "$GIT_COMMIT" "$BRANCH_REF" || rc=$?
    [[ $rc -eq 0 ]] ||
      die "the recorded commit $GIT_COMMIT is not on $PROTECTED_BRANCH (not an ancestor of origin/$PROTECTED_BRANCH at $head): refusing to apply it"
  fi
  repo_git -c advice.detachedHead=false checkout --quiet --detach "$GIT_COMMIT" >&2 ||
    die "could not check out $GIT_COMMIT"
  log "checked out $GIT_COMMIT (on $PROTECTED_BRANCH, head $head)"
  # Resolved again in the commit's own tree (a folder there may be a link elsewhere).
  tf_abs="$(realpath -m "$REPO_DIR/$TF_REL")"
  [[ "$tf_abs" == "$REPO_DIR" || "$tf_abs" == "$REPO_DIR"/* ]] ||
    die "the Terraform directory $TF_REL of commit $GIT_COMMIT leaves the repository"
  TF_DIR="$tf_abs"
  [[ -d "$TF_DIR" ]] || die "commit $GIT_COMMIT has no Terraform directory $TF_REL"
}

# The tfvars file is a path inside the repository: recorded relative to the configuration or
# to the repository root; absolute paths and paths that leave the repository are refused.
resolve_tfvars() {
  TFVARS_FILE=""
  [[ -z "$TFVARS_PATH" || "$TFVARS_PATH" == none ]] && return 0
  [[ "$TFVARS_PATH" != /* ]] || die "the tfvars path $TFVARS_PATH is absolute: it must be a path inside the repository"
  local candidate resolved=""
  for candidate in "$TF_DIR/$TFVARS_PATH" "$REPO_DIR/$TFVARS_PATH"; do
    resolved="$(realpath -m "$candidate")"
    [[ "$resolved" == "$REPO_DIR"/* && "$resolved" != "$REPO_DIR"/.git/* ]] ||
      die "the tfvars path $TFVARS_PATH leaves the repository"
    if [[ -f "$resolved" ]]; then
      TFVARS_FILE="$resolved"
      return 0
    fi
  done
  die "the tfvars file $TFVARS_PATH is not in commit $GIT_COMMIT"
}

# The policies of the protected branch's head, never those of the commit being applied.
fetch_branch_policies() {
  POLICY_DIR=""
  local path="policies"
  [[ "$TF_REL" != . ]] && path="$TF_REL/policies"
  if [[ -z "$(repo_git ls-tree -d --name-only "$BRANCH_REF" -- "$path")" ]]; then
    return 0
  fi
  local dest="$WORK_DIR/branch-policies"
  rm -rf "$dest"
  mkdir -p "$dest"
  repo_git archive "$BRANCH_REF" -- "$path" | tar -x -C "$dest" ||
    die "could not read the policies of $PROTECTED_BRANCH"
  POLICY_DIR="$dest/$path"
}

# ---------------------------------------------------------------------------------------------
# Terraform
# ---------------------------------------------------------------------------------------------
tf() { terraform -chdir="$TF_DIR" "$@"; }

terraform_init() {
  local args=(init -input=false -no-color -reconfigure)
  [[ -n "$STATE_BUCKET" ]] && args+=("-backend-config=bucket=$STATE_BUCKET")
  [[ -n "$STATE_KEY" ]] && args+=("-backend-config=key=$STATE_KEY")
  [[ -n "$STATE_REGION" ]] && args+=("-backend-config=region=$STATE_REGION")
  [[ -n "$WORKSPACE_KEY_PREFIX" ]] && args+=("-backend-config=workspace_key_prefix=$WORKSPACE_KEY_PREFIX")
  [[ -n "$LOCK_TABLE" ]] && args+=("-backend-config=dynamodb_table=$LOCK_TABLE")
  [[ "$USE_LOCKFILE" == true ]] && args+=("-backend-config=use_lockfile=true")
  tf "${args[@]}" >&2 || die "terraform init failed"
  if [[ -n "$TF_WORKSPACE_NAME" && "$TF_WORKSPACE_NAME" != default ]]; then
    [[ "$TF_WORKSPACE_NAME" != -* ]] || die "the workspace name $TF_WORKSPACE_NAME is malformed"
    # A remediation only ever targets a workspace that exists; never create one.
    tf workspace select "$TF_WORKSPACE_NAME" >&2 || die "workspace $TF_WORKSPACE_NAME does not exist"
  fi
}

# Every claimed address must be a resource the workspace's state holds.
check_addresses_in_state() {
  local listed missing
  listed="$(tf state list)" || die "terraform state list failed"
  missing="$(jq -r --argjson claimed "$ADDRESSES_JSON" \
    '[inputs] as $listed | $claimed - $listed | .[]' -R -n <<<"$listed")"
  if [[ -n "$missing" ]]; then
    die "not in the state of workspace ${TF_WORKSPACE_NAME:-default}: $(tr '\n' ' ' <<<"$missing" | sed 's/ $//')"
  fi
}

# Plans into $WORK_DIR/tfplan; sets PLAN_EXIT (0 no changes, 2 changes). The raw plan JSON
# stays in $WORK_DIR (it holds sensitive values); only the redacted summary is published.
terraform_plan() {
  local args=(plan -input=false -no-color -lock-timeout=120s -detailed-exitcode -out="$WORK_DIR/tfplan")
  [[ -n "$TFVARS_FILE" ]] && args+=("-var-file=$TFVARS_FILE")
  local addr
  while IFS= read -r -d '' addr; do
    args+=("-target=$addr")
  done < <(addresses)
  set +e
  tf "${args[@]}" >&2
  PLAN_EXIT=$?
  set -e
  [[ $PLAN_EXIT -eq 0 || $PLAN_EXIT -eq 2 ]] || die "terraform plan failed (exit $PLAN_EXIT)"
  tf show -json "$WORK_DIR/tfplan" >"$WORK_DIR/plan.json"
  mkdir -p "$(dirname "$SUMMARY_FILE")"
  "$PLAN_SUMMARY" "$WORK_DIR/plan.json" >"$SUMMARY_FILE" || die "the plan summary tool failed"
}

# After the apply: the targets and the resources they depend on, read again into state. A
# parent refreshed before its part was applied keeps the part's drifted value in its own
# copy (aws_s3_bucket's versioning, policy, encryption): without this, the next scan would
# report the parent as drifted from a state the apply itself left stale. Nothing is changed
# in AWS; the plan already wrote these resources' refreshed values.
refresh_after_apply() {
  local args=(apply -refresh-only -auto-approve -input=false -no-color -lock-timeout=120s)
  [[ -n "$TFVARS_FILE" ]] && args+=("-var-file=$TFVARS_FILE")
  local addr
  while IFS= read -r -d '' addr; do
    args+=("-target=$addr")
  done < <(addresses)
  tf "${args[@]}" >&2 || log "::warning::the state was not refreshed after the apply; the next scan may report the parents of what was reverted"
}

# OPA gate over the branch head's policies: any result of POLICY_QUERY is a violation.
policy_gate() {
  if [[ -z "$POLICY_DIR" ]]; then
    [[ "${REQUIRE_POLICY_GATE:-false}" == true ]] && die "no policies on $PROTECTED_BRANCH and the gate is required"
    log "policy gate: no policies on $PROTECTED_BRANCH, skipped"
    return 0
  fi
  if ! command -v opa >/dev/null 2>&1; then
    [[ "${REQUIRE_POLICY_GATE:-true}" == true ]] && die "policy gate: $PROTECTED_BRANCH has policies but opa is not installed"
    log "::warning::policy gate: opa is not installed, skipped (REQUIRE_POLICY_GATE=false)"
    return 0
  fi
  local out violations
  out="$(opa eval --format json --data "$POLICY_DIR" --input "$WORK_DIR/plan.json" "$POLICY_QUERY")" ||
    die "policy gate: opa eval failed"
  violations="$(jq -r '[.result[]?.expressions[]?.value | if type == "array" then .[] elif type == "object" then (to_entries[] | .key) else . end] | map(tostring) | .[]' <<<"$out")"
  if [[ -n "$violations" ]]; then
    summary "### Policy violations"$'\n'"$violations"
    die "policy gate: the plan violates policy: $(tr '\n' ';' <<<"$violations")"
  fi
  log "policy gate: passed"
}

# Blast-radius guard. Prints the reasons a human must look first; nothing when the plan may be
# applied unattended: auto_approve, no manual review asked for, and nothing in the plan but
# changes of the claimed addresses (compared as JSON strings), each of them either an in-place
# update or the re-creation of a configuration part (CONFIG_PART_TYPES). A part deleted out of
# band (a bucket's encryption, versioning, public access block, policy, logging or lifecycle, a
# security group's rule) is planned as a create of the part alone; whether a deleted part shows
# as a create or as an update depends on the service (S3 keeps a default encryption since
# 2023, so a deletion there reads as an update back to SSE-S3). Every other create, and every
# destroy or replacement, waits for review.
CONFIG_PART_TYPES='["aws_s3_bucket_server_side_encryption_configuration","aws_s3_bucket_versioning",
  "aws_s3_bucket_public_access_block","aws_s3_bucket_policy","aws_s3_bucket_logging",
  "aws_s3_bucket_lifecycle_configuration","aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule","aws_vpc_security_group_egress_rule"]'
guard_reasons() {
  local plan="${1:-$WORK_DIR/plan.json}"
  [[ "$AUTO_APPROVE" == true ]] || echo "auto_approve is not true"
  [[ "$MANUAL_REVIEW_REQUIRED" == true ]] && echo "manual review is required"
  [[ "$(jq length <<<"$ADDRESSES_JSON")" -gt 0 ]] || echo "no drifted addresses to target"
  jq -r --argjson allowed "$ADDRESSES_JSON" --argjson parts "$CONFIG_PART_TYPES" '
    [.resource_changes[]?
     | select((.change.actions | sort) != ["no-op"] and .change.actions != ["read"])
     | if (.change.actions == ["create"] and (.type | IN($parts[]) | not)) then
         "\(.address): create is not an in-place update, and \(.type) is not a configuration part"
       elif (.change.actions != ["update"] and .change.actions != ["create"]) then
         "\(.address): \(.change.actions | join("+")) is not an in-place update"
       elif (.address | IN($allowed[]) | not) then "\(.address): not one of the drifted addresses"
       else empty end] | .[]' "$plan"
}

# The backend settings `terraform init` ended up with (flags or the configuration's own block).
backend_setting() { jq -r ".backend.config.$1 // empty" "$TF_DIR/.terraform/terraform.tfstate" 2>/dev/null || true; }

record_deployment() {
  if ! command -v "$RECORD_DEPLOYMENT" >/dev/null 2>&1; then
    die "the recording tool ($RECORD_DEPLOYMENT) is not available: deployment metadata not recorded"
  fi
  local state="$WORK_DIR/state.tfstate"
  tf state pull >"$state"
  local args=(--state "$state" --commit "$GIT_COMMIT" --branch "$PROTECTED_BRANCH"
    --tfvars "${TFVARS_PATH:-none}"
    --state-bucket "${STATE_BUCKET:-$(backend_setting bucket)}"
    --state-key "${STATE_KEY:-$(backend_setting key)}"
    --workspace "${TF_WORKSPACE_NAME:-default}")
  [[ -n "$DEPLOYMENT_ID" ]] && args+=(--deployment-id "$DEPLOYMENT_ID")
  local prefix="${WORKSPACE_KEY_PREFIX:-$(backend_setting workspace_key_prefix)}"
  [[ -n "$prefix" ]] && args+=(--workspace-key-prefix "$prefix")
  local region="${STATE_REGION:-$(backend_setting region)}"
  [[ -n "$region" ]] && args+=(--state-region "$region")
  local lock="${LOCK_TABLE:-$(backend_setting dynamodb_table)}"
  [[ -n "$lock" ]] && args+=(--lock-table "$lock")
  [[ "$(backend_setting use_lockfile)" == true ]] && args+=(--use-lockfile)
  "$RECORD_DEPLOYMENT" "${args[@]}" >&2
}

cmd_run() {
  rm -f "$WORK_DIR/claim.json" "$WORK_DIR/outcome.json" "$SUMMARY_FILE"
  if [[ "$MODE" == drift-revert ]]; then
    check_payload
    claim_remediation
    load_claim "$WORK_DIR/claim.json"
  elif has_payload; then
    die "a dispatch payload names a remediation: it is never run in deployment mode"
  fi
  IN_RUN=1
  write_outcome failure "the run stopped before it finished"
  # Everything that can be refused without Terraform is refused before init.
  prepare_repository
  resolve_tfvars
  fetch_branch_policies
  if [[ -n "$POLICY_DIR" && "${REQUIRE_POLICY_GATE:-true}" == true ]] && ! command -v opa >/dev/null 2>&1; then
    die "policy gate: $PROTECTED_BRANCH has policies but opa is not installed"
  fi
  command -v "$PLAN_SUMMARY" >/dev/null 2>&1 ||
    die "the plan summary tool ($PLAN_SUMMARY) is not available: the plan could not be reviewed"
  terraform_init
  if [[ "$MODE" == drift-revert ]]; then
    check_addresses_in_state
  fi
  terraform_plan
  policy_gate
  if [[ "$MODE" == deployment ]]; then
    if [[ $PLAN_EXIT -eq 2 ]]; then
      tf apply -input=false -no-color -lock-timeout=120s "$WORK_DIR/tfplan" >&2 || die "terraform apply failed"
    fi
    record_deployment
    write_outcome remediated "deployment of $GIT_COMMIT applied"
    return 0
  fi
  if [[ $PLAN_EXIT -eq 0 ]]; then
    summary "No changes: the drifted resources already match the recorded configuration."
    write_outcome remediated "no changes needed"
    return 0
  fi
  local reasons
  reasons="$(guard_reasons)"
  if [[ -n "$reasons" ]]; then
    summary "### Stopped for review"$'\n'"$(sed 's/^/- /' <<<"$reasons")"
    log "::warning::stopped for review: $(tr '\n' ';' <<<"$reasons")"
    write_outcome awaiting_review "$reasons"
    return 0
  fi
  # The saved plan: exactly what the guard and the gate looked at is what gets applied.
  tf apply -input=false -no-color -lock-timeout=120s "$WORK_DIR/tfplan" >&2 || die "terraform apply failed"
  refresh_after_apply
  summary "Reverted: $(addresses_text)"
  write_outcome remediated "applied"
}

# ---------------------------------------------------------------------------------------------
# Callback
# ---------------------------------------------------------------------------------------------
cmd_callback() {
  local status="${1:-}" message=""
  local claim="$WORK_DIR/claim.json"
  if [[ ! -f "$claim" ]]; then
    log "this run holds no claim: nothing to report"
    return 0
  fi
  [[ -n "${RUN_ID:-}" ]] || die "RUN_ID is not set"
  [[ -n "${CALLBACK_FUNCTION:-}" ]] || die "CALLBACK_FUNCTION is not set"
  local remediation_id
  remediation_id="$(jq -r .remediation_id "$claim")"
  if [[ -f "$WORK_DIR/outcome.json" ]]; then
    local recorded
    recorded="$(jq -r .status "$WORK_DIR/outcome.json")"
    message="$(jq -r .message "$WORK_DIR/outcome.json")"
    # A review stop and a clean finish are facts of the run; otherwise GitHub's job status
    # (failure, cancelled) says more than a half-written outcome file.
    if [[ -z "$status" ]]; then
      if [[ "$recorded" == awaiting_review || "$recorded" == remediated ]]; then
        status="$recorded"
      fi
    fi
  fi
  status="${status:-${JOB_STATUS:-failure}}"
  [[ "$status" == remediated ]] && status=success
  local error_message=""
  [[ "$status" != success ]] && error_message="$message"
  local failed=() id
  while IFS= read -r -d '' id; do
    local request="$WORK_DIR/callback-request.json" response="$WORK_DIR/callback-response.json"
    jq -n --arg id "$id" --arg status "$status" --arg url "${RUN_URL:-}" --arg err "$error_message" \
      --arg rem "$remediation_id" --arg run "$RUN_ID" \
      '{drift_event_id: $id, remediation_status: $status, remediation_id: $rem, run_id: $run}
       + (if $url != "" then {workflow_run_url: $url} else {} end)
       + (if $err != "" then {error_message: $err} else {} end)' >"$request"
    if invoke_callback "$request" "$response"; then
      log "callback: recorded $status for $id: $(cat "$response")"
    else
      log "::error::callback for $id failed: $(cat "$response" 2>/dev/null || echo 'no response')"
      failed+=("$id")
    fi
  done < <(jq -j '.drift_event_ids[] | (., "\u0000")' "$claim")
  [[ ${#failed[@]} -eq 0 ]] || die "the outcome was not recorded for ${failed[*]}"
}

main() {
  local cmd="${1:-all}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    run)
      load_inputs
      cmd_run
      ;;
    callback)
      load_inputs
      cmd_callback "${1:-}"
      ;;
    all)
      load_inputs
      local rc=0
      # A child process, so that errexit stops `run` at its first failure.
      "$BASH" "${BASH_SOURCE[0]}" run || rc=$?
      [[ $rc -eq 0 ]] || JOB_STATUS=failure
      cmd_callback
      return $rc
      ;;
    guard)
      [[ -f "${1:-}" && -f "${2:-}" ]] || die "guard needs a plan JSON file and a claim answer file"
      load_claim "$2"
      local reasons
      reasons="$(guard_reasons "$1")"
      [[ -z "$reasons" ]] || {
        printf '%s\n' "$reasons"
        return 3
      }
      ;;
    *) die "unknown command '$cmd' (run | callback [STATUS] | all | guard PLAN_JSON CLAIM_JSON)" ;;
  esac
}

main "$@"
