"""The orchestrator's happy path as a Python Lambda would do it: boto3 clients made once per
process, then per drift event the same AWS calls, in the same order and with the same item
shapes and conditions, as functions/workflow-orchestrator (src/processor.cpp):

  1. PutItem history (attribute_not_exists): the item that claims the event
  2. Query metadata (resource-arn-index, newest first): the deployment to re-apply
  3. Query history (resource-arn-index, newest first, filter): the cool-down check
  4. GetItem Terraform lock table (consistent): Terraform's own lock
  5. PutItem remediation lock (attribute_not_exists, expired or ours)
  6. PutItem remediation record (attribute_not_exists)
  7. POST repository_dispatch to GitHub
  8. UpdateItem history to dispatched (lease_owner = :owner)

The policy version and the GitHub token are read once and cached, as ours does. Only the
happy path is written out: the benchmark compares warm events that dispatch.
"""
import datetime
import hashlib
import json
import os
import time

import boto3
import botocore.config
import urllib3

ENV = os.environ
CONFIG = botocore.config.Config(retries={"max_attempts": 3, "mode": "standard"},
                                connect_timeout=3, read_timeout=30)
ENDPOINT = ENV.get("AWS_ENDPOINT_URL") or None
DDB = boto3.client("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)
SSM = boto3.client("ssm", endpoint_url=ENDPOINT, config=CONFIG)
HTTP = urllib3.PoolManager(timeout=urllib3.Timeout(connect=3, read=10), retries=False)

METADATA_TABLE = ENV["METADATA_TABLE"]
LOCKS_TABLE = ENV["LOCKS_TABLE"]
HISTORY_TABLE = ENV["HISTORY_TABLE"]
REMEDIATIONS_TABLE = ENV["REMEDIATIONS_TABLE"]
POLICY_TABLE = ENV.get("POLICY_TABLE", "")
POLICY_ID = ENV.get("POLICY_ID", "current")
GITHUB_API = ENV["GITHUB_API_URL"].rstrip("/")
GITHUB_REPOSITORY = ENV["GITHUB_REPOSITORY"]
TOKEN_PARAMETER = ENV["GITHUB_TOKEN_PARAMETER"]
COOLDOWN = int(ENV.get("COOLDOWN_SECONDS", "3600"))
LOCK_TTL = int(ENV.get("LOCK_TTL_SECONDS", "4500"))
HISTORY_TTL = int(ENV.get("HISTORY_TTL_DAYS", "90")) * 86400
POLICY_CACHE = int(ENV.get("POLICY_CACHE_SECONDS", "300"))

_token = None
_policy = {"at": None, "version": None}  # cached, even when no version is published


def iso(t, millis=False):
    d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    if millis:
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


def L(values):
    return {"L": [S(v) for v in values]}


def s_of(item, name):
    return item.get(name, {}).get("S", "")


def github_token():
    global _token
    if _token is None:
        _token = SSM.get_parameter(Name=TOKEN_PARAMETER, WithDecryption=True)["Parameter"]["Value"]
    return _token


def current_policy(now):
    if not POLICY_TABLE:
        return None
    if _policy["at"] is not None and now - _policy["at"] < POLICY_CACHE:
        return _policy["version"]
    best, best_v = None, None
    for item in DDB.query(TableName=POLICY_TABLE, KeyConditionExpression="policy_id = :id",
                          ExpressionAttributeValues={":id": S(POLICY_ID)},
                          ScanIndexForward=True)["Items"]:
        v = s_of(item, "version")
        try:
            parsed = tuple(int(x) for x in v.lstrip("v").split("."))
        except ValueError:
            continue
        if best_v is None or parsed > best_v:
            best, best_v = v, parsed
    _policy.update(at=now, version=best)
    return best


def priority(severity, environment):
    production = environment.lower() in ("", "production", "prod", "prd", "live")
    return {"CRITICAL": "P0" if production else "P1", "HIGH": "P1", "MEDIUM": "P2"}.get(severity,
                                                                                        "P3")


def decide(ev, dep, policy):
    detail = ev["detail"]
    environment = (detail.get("tags", {}).get("Environment") or dep.get("environment") or "")
    severity = detail.get("severity", "MEDIUM").upper()
    reasons = []
    deployed = dep.get("policy_version") or "v1.0.0"
    if policy and policy.split(".")[0] != deployed.split(".")[0]:
        reasons.append(f"policy version {deployed} deployed, {policy} current")
    tags = {k.lower(): v for k, v in dep.get("tags", {}).items()}
    if tags.get("criticality", "").lower() == "critical":
        reasons.append("resource recorded as Criticality=critical")
    if tags.get("autorevert", "").lower() != "true":
        reasons.append("resource not recorded with AutoRevert=true")
    return {"environment": environment, "severity": severity,
            "priority": priority(severity, environment), "review_reasons": reasons,
            "policy": deployed, "current_policy": policy or ""}


def handle_record(record, request_id):
    now = time.time()
    ev = json.loads(record["Sns"]["Message"])
    detail = ev["detail"]
    arn = detail["resourceArn"]
    key = {"drift_event_id": S(ev["id"]), "timestamp": S(ev["time"])}
    owner = request_id + "/" + record["Sns"]["MessageId"]

    # 1. The history item claims the event.
    DDB.put_item(TableName=HISTORY_TABLE, ConditionExpression="attribute_not_exists(drift_event_id)",
                 Item={**key, "status": S("received"), "resource_arn": S(arn),
                       "resource_type": S(detail.get("resourceType", "")),
                       "drift_type": S(detail.get("driftType", "")),
                       "changed_properties": L(detail.get("changedProperties", [])),
                       "change_author": S(detail.get("changeAuthor", "")),
                       "change_time": S(detail.get("changeTime", "")),
                       "source": S(ev.get("source", "")),
                       "detail_type": S(ev.get("detail-type", "")),
                       "event_severity": S(detail.get("severity", "")),
                       "message_id": S(record["Sns"]["MessageId"]),
                       "received_at": S(iso(now, True)), "updated_at": S(iso(now, True)),
                       "attempts": N(0), "remediation_triggered": {"BOOL": False},
                       "lease_owner": S(owner), "lease_until": N(int(now) + 905),
                       "ttl": N(int(now) + HISTORY_TTL)})

    # 2. The newest successful deployment of the resource.
    dep_item = None
    for item in DDB.query(TableName=METADATA_TABLE, IndexName="resource-arn-index",
                          KeyConditionExpression="resource_arn = :arn",
                          ExpressionAttributeValues={":arn": S(arn)},
                          ScanIndexForward=False)["Items"]:
        if s_of(item, "deployment_status") == "success":
            dep_item = item
            break
    if dep_item is None:
        raise RuntimeError("no deployment for " + arn + " (the benchmark records one per event)")
    dep = {k: v.get("S", "") for k, v in dep_item.items() if "S" in v}
    dep["tags"] = {k: v.get("S", "") for k, v in dep_item.get("tags", {}).get("M", {}).items()}

    # 3. Cool-down: a failed remediation of this resource within the window.
    since = iso(now - COOLDOWN)
    failed = DDB.query(TableName=HISTORY_TABLE, IndexName="resource-arn-index",
                       KeyConditionExpression="resource_arn = :arn",
                       FilterExpression="#status = :failed AND (completed_at >= :since OR "
                       "(attribute_not_exists(completed_at) AND #ts >= :since))",
                       ExpressionAttributeNames={"#status": "status", "#ts": "timestamp"},
                       ExpressionAttributeValues={":arn": S(arn), ":failed": S("remediation_failed"),
                                                  ":since": S(since)},
                       ScanIndexForward=False)["Items"]
    if failed:
        raise RuntimeError("cool-down (the benchmark's resources have no failures)")

    # 4. Terraform's lock, read only.
    workspace = dep.get("workspace", "")
    state_key = dep["state_key"]
    if workspace and workspace != "default":
        state_key = (dep.get("workspace_key_prefix") or "env:") + "/" + workspace + "/" + state_key
    held = DDB.get_item(TableName=dep["lock_table"], ConsistentRead=True,
                        Key={"LockID": S(dep["state_bucket"] + "/" + state_key)})
    if "Item" in held:
        raise RuntimeError("terraform lock held")

    # 5. Our remediation lock for the deployment.
    DDB.put_item(TableName=LOCKS_TABLE,
                 Item={"lock_id": S(dep["deployment_id"]), "owner": S(ev["id"]),
                       "locked_by": S("workflow-orchestrator"), "locked_at": S(iso(now)),
                       "resource_arn": S(arn), "ttl": N(int(now) + LOCK_TTL)},
                 ConditionExpression="attribute_not_exists(lock_id) OR #ttl < :now OR #owner = :owner",
                 ExpressionAttributeNames={"#ttl": "ttl", "#owner": "owner"},
                 ExpressionAttributeValues={":now": N(int(now)), ":owner": S(ev["id"])})

    d = decide(ev, dep, current_policy(now))
    token = github_token()

    # 6. The remediation the workflow will apply.
    rem_id = "rem-" + hashlib.sha256((ev["id"] + "\n" + ev["time"]).encode()).hexdigest()[:32]
    review = bool(d["review_reasons"])
    DDB.put_item(TableName=REMEDIATIONS_TABLE,
                 ConditionExpression="attribute_not_exists(remediation_id)",
                 Item={"remediation_id": S(rem_id), "status": S("recorded"),
                       "deployment_id": S(dep["deployment_id"]), "drift_event_ids": L([ev["id"]]),
                       "history_timestamp": S(ev["time"]),
                       "git_commit_sha": S(dep.get("git_commit_sha", "")),
                       "git_branch": S(dep.get("git_branch", "")),
                       "tfvars_path": S(dep.get("tfvars_path", "")),
                       "workspace": S(workspace or "default"), "region": S(dep.get("region", "")),
                       "state": {"M": {"bucket": S(dep["state_bucket"]), "key": S(dep["state_key"]),
                                       "workspace_key_prefix": S(dep.get("workspace_key_prefix") or "env:"),
                                       "region": S(dep.get("state_region", "")),
                                       "lock_table": S(dep["lock_table"]),
                                       "use_lockfile": {"BOOL": False}}},
                       "addresses": L([]), "auto_approve": {"BOOL": not review},
                       "manual_review_required": {"BOOL": review},
                       "review_reasons": L(d["review_reasons"]), "severity": S(d["severity"]),
                       "environment": S(d["environment"]), "created_at": S(iso(now)),
                       "ttl": N(int(now) + 30 * 86400)})

    # 7. repository_dispatch.
    body = json.dumps({"event_type": "drift-detected",
                       "client_payload": {"schema_version": 2, "remediation_id": rem_id,
                                          "drift_event_ids": [ev["id"]]}})
    gh = HTTP.request("POST", f"{GITHUB_API}/repos/{GITHUB_REPOSITORY}/dispatches", body=body,
                      headers={"Authorization": "Bearer " + token,
                               "Accept": "application/vnd.github+json",
                               "X-GitHub-Api-Version": "2022-11-28",
                               "User-Agent": "terraform-drift-remediation",
                               "Content-Type": "application/json"})
    if gh.status != 204:
        raise RuntimeError(f"GitHub answered {gh.status}")

    # 8. History to dispatched; the lease goes.
    status = "awaiting_review" if review else "dispatched"
    fields = {"deployment_id": S(dep["deployment_id"]),
              "git_commit_sha": S(dep.get("git_commit_sha", "")), "severity": S(d["severity"]),
              "priority": S(d["priority"]), "environment": S(d["environment"]),
              "workflow_trigger_response": {"M": {"status_code": N(gh.status),
                                                  "outcome": S("success"), "requests": N(1)}},
              "remediation_triggered": {"BOOL": True}, "dispatched_at": S(iso(now, True)),
              "auto_approve": {"BOOL": not review}, "manual_review_required": {"BOOL": review},
              "review_reasons": L(d["review_reasons"]), "policy_version": S(d["policy"]),
              "current_policy_version": S(d["current_policy"]),
              "lock_id": S(dep["deployment_id"]), "remediation_id": S(rem_id)}
    names = {"#status": "status"}
    values = {":status": S(status), ":at": S(iso(now, True)), ":owner": S(owner)}
    sets = ["#status = :status", "updated_at = :at"]
    for i, (name, value) in enumerate(fields.items()):
        names[f"#f{i}"] = name
        values[f":f{i}"] = value
        sets.append(f"#f{i} = :f{i}")
    DDB.update_item(TableName=HISTORY_TABLE, Key=key,
                    UpdateExpression="SET " + ", ".join(sets) + " REMOVE lease_owner, lease_until",
                    ConditionExpression="lease_owner = :owner", ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values)
    return {"message_id": record["Sns"]["MessageId"], "drift_event_id": ev["id"],
            "resource_arn": arn, "outcome": status, "status": status,
            "detail": f"dispatched deployment {dep['deployment_id']} at {dep.get('git_commit_sha', '')}"}


def handler(event, request_id):
    return {"records": [handle_record(r, request_id) for r in event["Records"]],
            "batchItemFailures": []}
