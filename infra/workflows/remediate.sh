#!/usr/bin/env bash
# The steps of the drift-remediation workflow, in one script that the GitHub workflow
# (drift-remediation.yml) and a local run (the demo, the tests) both execute, so the two cannot
# drift apart. GitHub contexts reach it only as environment variables; nothing from a payload
# is ever spliced into code.
#
# Usage: remediate.sh [run | callback [STATUS] | all | guard PLAN_JSON]
#   run        init, plan (-target per drifted address), policy gate, blast-radius guard, then
#              apply or stop for review; after a normal deployment, record its metadata.
#              Writes the outcome to $WORK_DIR/outcome.json.
#   callback   invokes the callback function with the outcome (STATUS, else the outcome file,
#              else $JOB_STATUS) when the run carries a drift_event_id.
#   all        run, then callback with what run ended in (the local demo). Default.
#   guard      the blast-radius guard alone on a `terraform show -json` plan: prints the
#              reasons for a review and exits 3, or exits 0 when it may apply unattended.
#
# Inputs (environment). The dispatch payload, as the orchestrator documents it:
#   DRIFT_PAYLOAD         client_payload JSON (functions/workflow-orchestrator/README.md):
#                         drift_event_id, deployment_id, severity, priority, auto_approve,
#                         manual_review_required, deployment{git_commit_sha, tfvars_path,
#                         workspace, state{bucket, key, region, workspace_key_prefix,
#                         lock_table}}, drift{terraform_addresses[]}, callback{function_name}
# Each of these overrides the payload's value when set (manual runs set them directly):
#   MODE                  drift-revert | deployment (default: drift-revert when a payload or
#                         DRIFT_EVENT_ID is present)
#   DRIFT_EVENT_ID, DEPLOYMENT_ID, GIT_COMMIT, TFVARS_PATH, TF_WORKSPACE_NAME,
#   TARGET_ADDRESSES (comma or newline separated), AUTO_APPROVE, MANUAL_REVIEW_REQUIRED,
#   CALLBACK_FUNCTION, STATE_BUCKET, STATE_KEY, STATE_REGION, WORKSPACE_KEY_PREFIX, LOCK_TABLE,
#   USE_LOCKFILE
# Where things are:
#   TF_DIR                the checked-out Terraform configuration (default .)
#   WORK_DIR              plan files and outcome (default: $RUNNER_TEMP or a temporary folder)
#   POLICY_DIR            OPA policies (default: $TF_DIR/policies); the gate runs when it exists
#   POLICY_QUERY          default data.terraform.deny
#   REQUIRE_POLICY_GATE   true: fail when the gate cannot run (no policies or no opa)
#   RECORD_DEPLOYMENT     the recording tool (default: record-deployment on PATH)
#   RUN_URL               this run's URL (the workflow passes the Actions run URL)
#   JOB_STATUS            GitHub's job.status, for `callback` without an outcome file
#   LAMBDA_ENDPOINT_URL   --endpoint-url for the invoke (else AWS_ENDPOINT_URL_LAMBDA applies)
# AWS credentials and region come from the standard environment (OIDC in the workflow).
set -euo pipefail

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
payload_get() {  # jq filter -> value, "" when absent/null
  local p="${DRIFT_PAYLOAD:-}"
  if [[ -z "$p" || "$p" == "null" ]]; then
    return 0
  fi
  jq -r "$1 // empty | if type == \"array\" then join(\"\\n\") else tostring end" <<<"$p"
}

load_inputs() {
  if [[ -n "${DRIFT_PAYLOAD:-}" && "${DRIFT_PAYLOAD}" != "null" ]]; then
    jq -e 'type == "object"' >/dev/null <<<"$DRIFT_PAYLOAD" || die "DRIFT_PAYLOAD is not a JSON object"
  fi
  DRIFT_EVENT_ID="${DRIFT_EVENT_ID:-$(payload_get .drift_event_id)}"
  DEPLOYMENT_ID="${DEPLOYMENT_ID:-$(payload_get .deployment_id)}"
  GIT_COMMIT="${GIT_COMMIT:-$(payload_get .deployment.git_commit_sha)}"
  TFVARS_PATH="${TFVARS_PATH:-$(payload_get .deployment.tfvars_path)}"
  TF_WORKSPACE_NAME="${TF_WORKSPACE_NAME:-$(payload_get .deployment.workspace)}"
  TARGET_ADDRESSES="${TARGET_ADDRESSES:-$(payload_get .drift.terraform_addresses)}"
  AUTO_APPROVE="${AUTO_APPROVE:-$(payload_get .auto_approve)}"
  MANUAL_REVIEW_REQUIRED="${MANUAL_REVIEW_REQUIRED:-$(payload_get .manual_review_required)}"
  CALLBACK_FUNCTION="${CALLBACK_FUNCTION:-$(payload_get .callback.function_name)}"
  STATE_BUCKET="${STATE_BUCKET:-$(payload_get .deployment.state.bucket)}"
  STATE_KEY="${STATE_KEY:-$(payload_get .deployment.state.key)}"
  STATE_REGION="${STATE_REGION:-$(payload_get .deployment.state.region)}"
  WORKSPACE_KEY_PREFIX="${WORKSPACE_KEY_PREFIX:-$(payload_get .deployment.state.workspace_key_prefix)}"
  LOCK_TABLE="${LOCK_TABLE:-$(payload_get .deployment.state.lock_table)}"
  USE_LOCKFILE="${USE_LOCKFILE:-$(payload_get .deployment.state.use_lockfile)}"
  TF_DIR="${TF_DIR:-.}"
  if [[ -z "${MODE:-}" ]]; then
    if [[ -n "$DRIFT_EVENT_ID" || ( -n "${DRIFT_PAYLOAD:-}" && "${DRIFT_PAYLOAD}" != "null" ) ]]; then
      MODE=drift-revert
    else
      MODE=deployment
    fi
  fi
  [[ "$MODE" == drift-revert || "$MODE" == deployment ]] || die "MODE must be drift-revert or deployment, not '$MODE'"
  WORK_DIR="${WORK_DIR:-${RUNNER_TEMP:-$(mktemp -d)}/drift-remediation}"
  mkdir -p "$WORK_DIR"
  WORK_DIR="$(cd "$WORK_DIR" && pwd)"
  export WORK_DIR  # `all` runs `run` as a child process that must use the same folder
  POLICY_DIR="${POLICY_DIR:-$TF_DIR/policies}"
  POLICY_QUERY="${POLICY_QUERY:-data.terraform.deny}"
  RECORD_DEPLOYMENT="${RECORD_DEPLOYMENT:-record-deployment}"
}

# The outcome of `run`, read by `callback`: status (remediated | failure | awaiting_review)
# and a message for people.
write_outcome() {
  jq -n --arg status "$1" --arg message "$2" '{status: $status, message: $message}' \
    >"$WORK_DIR/outcome.json"
}

summary() {  # Markdown for the run's summary page; the log otherwise
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    printf '%s\n' "$*" >>"$GITHUB_STEP_SUMMARY"
  else
    log "$*"
  fi
}

# ---------------------------------------------------------------------------------------------
# Terraform
# ---------------------------------------------------------------------------------------------
tf() { terraform -chdir="$TF_DIR" "$@"; }

check_commit() {
  [[ -n "$GIT_COMMIT" ]] || return 0
  if git -C "$TF_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    local head
    head="$(git -C "$TF_DIR" rev-parse HEAD)"
    [[ "$head" == "$GIT_COMMIT"* ]] ||
      die "the checkout is at $head, not the recorded commit $GIT_COMMIT"
  else
    log "note: $TF_DIR is not a git checkout; trusting that it holds commit $GIT_COMMIT"
  fi
}

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
    # A remediation only ever targets a workspace that exists; never create one.
    tf workspace select "$TF_WORKSPACE_NAME" >&2 || die "workspace $TF_WORKSPACE_NAME does not exist"
  fi
}

# Plans into $WORK_DIR/tfplan; sets PLAN_EXIT (0 no changes, 2 changes).
terraform_plan() {
  local args=(plan -input=false -no-color -lock-timeout=120s -detailed-exitcode -out="$WORK_DIR/tfplan")
  if [[ -n "$TFVARS_PATH" ]]; then
    local vf="$TFVARS_PATH"
    # Recorded relative to the configuration, or to the repository root (the seeds' layout).
    if [[ "$vf" != /* ]]; then
      if [[ -f "$TF_DIR/$vf" ]]; then vf="$(cd "$TF_DIR" && pwd)/$vf"; else vf="$PWD/$vf"; fi
    fi
    [[ -f "$vf" ]] || die "the recorded tfvars file $TFVARS_PATH is not in the checkout"
    args+=("-var-file=$vf")
  fi
  if [[ -n "${TF_EXTRA_VARS_FILE:-}" ]]; then
    args+=("-var-file=$TF_EXTRA_VARS_FILE")
  fi
  local addr
  while IFS= read -r addr; do
    [[ -n "$addr" ]] && args+=("-target=$addr")
  done < <(addresses)
  set +e
  tf "${args[@]}" >&2
  PLAN_EXIT=$?
  set -e
  [[ $PLAN_EXIT -eq 0 || $PLAN_EXIT -eq 2 ]] || die "terraform plan failed (exit $PLAN_EXIT)"
  tf show -json "$WORK_DIR/tfplan" >"$WORK_DIR/plan.json"
}

addresses() { tr ',' '\n' <<<"$TARGET_ADDRESSES" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | sed '/^$/d'; }

# Optional OPA gate: any result of POLICY_QUERY is a violation and fails the run.
policy_gate() {
  if [[ ! -d "$POLICY_DIR" ]]; then
    [[ "${REQUIRE_POLICY_GATE:-false}" == true ]] && die "no policies at $POLICY_DIR and the gate is required"
    log "policy gate: no policies at $POLICY_DIR, skipped"
    return 0
  fi
  if ! command -v opa >/dev/null 2>&1; then
    [[ "${REQUIRE_POLICY_GATE:-false}" == true ]] && die "opa is not installed and the gate is required"
    log "::warning::policy gate: opa is not installed, skipped"
    return 0
  fi
  local out
  out="$(opa eval --format json --data "$POLICY_DIR" --input "$WORK_DIR/plan.json" "$POLICY_QUERY")"
  local violations
  violations="$(jq -r '[.result[]?.expressions[]?.value | if type == "array" then .[] elif type == "object" then (to_entries[] | .key) else . end] | map(tostring) | .[]' <<<"$out")"
  if [[ -n "$violations" ]]; then
    summary "### Policy violations"$'\n'"$violations"
    die "policy gate: the plan violates policy: $(tr '\n' ';' <<<"$violations")"
  fi
  log "policy gate: passed"
}

# Blast-radius guard. Prints the reasons a human must look first; nothing when the plan may be
# applied unattended: auto_approve, no manual review asked for, and nothing in the plan but
# in-place updates of the drifted addresses.
guard_reasons() {
  local plan="${1:-$WORK_DIR/plan.json}"
  [[ "$AUTO_APPROVE" == true ]] || echo "auto_approve is not true"
  [[ "$MANUAL_REVIEW_REQUIRED" == true ]] && echo "manual review is required"
  [[ -n "$(addresses)" ]] || echo "no drifted addresses to target"
  jq -r --argjson allowed "$(addresses | jq -R . | jq -s .)" '
    [.resource_changes[]?
     | select((.change.actions | sort) != ["no-op"] and .change.actions != ["read"])
     | if (.change.actions != ["update"]) then "\(.address): \(.change.actions | join("+")) is not an in-place update"
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
  local commit="${GIT_COMMIT:-$(git -C "$TF_DIR" rev-parse HEAD 2>/dev/null || true)}"
  local args=(--state "$state" --commit "${commit:-unknown}" --tfvars "${TFVARS_PATH:-none}"
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
  write_outcome failure "the run stopped before it finished"
  IN_RUN=1
  check_commit
  if [[ "$MODE" == drift-revert ]]; then
    [[ -n "$(addresses)" ]] || die "a drift-revert run needs the drifted addresses (payload drift.terraform_addresses[])"
  fi
  terraform_init
  terraform_plan
  policy_gate
  if [[ "$MODE" == deployment ]]; then
    if [[ $PLAN_EXIT -eq 2 ]]; then
      tf apply -input=false -no-color -lock-timeout=120s "$WORK_DIR/tfplan" >&2
    fi
    record_deployment
    write_outcome remediated "deployment applied"
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
  if ! tf apply -input=false -no-color -lock-timeout=120s "$WORK_DIR/tfplan" >&2; then
    write_outcome failure "terraform apply failed"
    die "terraform apply failed"
  fi
  summary "Reverted: $(addresses | paste -sd ' ' -)"
  write_outcome remediated "applied"
}

# ---------------------------------------------------------------------------------------------
# Callback
# ---------------------------------------------------------------------------------------------
cmd_callback() {
  local status="${1:-}" message=""
  if [[ -z "$DRIFT_EVENT_ID" ]]; then
    log "no drift_event_id: nothing to report (a normal deployment)"
    return 0
  fi
  [[ -n "$CALLBACK_FUNCTION" ]] || die "no callback function named (payload callback.function_name)"
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
  local payload="$WORK_DIR/callback-request.json" response="$WORK_DIR/callback-response.json"
  jq -n --arg id "$DRIFT_EVENT_ID" --arg status "$status" --arg url "${RUN_URL:-}" \
    --arg err "$error_message" \
    '{drift_event_id: $id, remediation_status: $status}
     + (if $url != "" then {workflow_run_url: $url} else {} end)
     + (if $err != "" then {error_message: $err} else {} end)' >"$payload"
  local args=(lambda invoke --function-name "$CALLBACK_FUNCTION" --payload "fileb://$payload")
  [[ -n "${LAMBDA_ENDPOINT_URL:-}" ]] && args+=(--endpoint-url "$LAMBDA_ENDPOINT_URL")
  local attempt meta function_error=""
  for attempt in 1 2 3; do
    if meta="$(aws "${args[@]}" "$response")"; then
      function_error="$(jq -r '.FunctionError // empty' <<<"$meta")"
      if [[ -z "$function_error" ]]; then
        log "callback: recorded $status for $DRIFT_EVENT_ID: $(cat "$response")"
        return 0
      fi
      local type
      type="$(jq -r '.errorType // empty' "$response" 2>/dev/null || true)"
      # Only an AWS hiccup inside the callback is worth another try; a refusal is final.
      [[ "$type" == DependencyFailure ]] || break
    fi
    sleep $((attempt * 2))
  done
  die "callback for $DRIFT_EVENT_ID failed: $(cat "$response" 2>/dev/null || echo 'no response')"
}

main() {
  local cmd="${1:-all}"
  [[ $# -gt 0 ]] && shift
  load_inputs
  case "$cmd" in
    run) cmd_run ;;
    callback) cmd_callback "${1:-}" ;;
    all)
      local rc=0
      # A child process, so that errexit stops `run` at its first failure.
      "$BASH" "${BASH_SOURCE[0]}" run || rc=$?
      [[ $rc -eq 0 ]] || JOB_STATUS=failure
      cmd_callback
      return $rc
      ;;
    guard)
      [[ -f "${1:-}" ]] || die "guard needs a plan JSON file"
      local reasons
      reasons="$(guard_reasons "$1")"
      [[ -z "$reasons" ]] || {
        printf '%s\n' "$reasons"
        return 3
      }
      ;;
    *) die "unknown command '$cmd' (run | callback [STATUS] | all | guard PLAN_JSON)" ;;
  esac
}

main "$@"
