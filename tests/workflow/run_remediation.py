#!/usr/bin/env python3
"""workflow.revert_applies / workflow.guard_stops: infra/workflows/remediate.sh run locally, as
the demo runs it, with real Terraform against the moto fixture and the real agent-callback
bootstrap under lambda-harness.

  revert  versioning suspended in the console; the payload targets that address with
          auto_approve: the plan is one in-place update, the guard lets it through, apply
          reverts it, the callback records `remediated` and releases the lock. Then a normal
          deployment of the same checkout records deployment metadata with record-deployment.
  guard   encryption configuration deleted in the console: re-creating it is not an in-place
          update, so the guard stops for review even with auto_approve, nothing is applied, the
          callback records `awaiting_review` and the lock stays.

  failure the recorded configuration does not even initialise: the run fails, the callback
          records `remediation_failed` with the error, the lock is released and the alert
          topic gets a notice.

Usage: run_remediation.py revert|guard|failure   (through ctest: DRIFT_* variables set)
"""
import json
import os
import shutil
import subprocess
import sys
import time

import boto3

SRC = os.environ["DRIFT_SOURCE_DIR"]
BUILD = os.environ["DRIFT_BUILD_DIR"]
WS_DIR = os.path.join(SRC, "tests", "workspaces")
SCRIPT = os.path.join(SRC, "infra", "workflows", "remediate.sh")
HARNESS = os.path.join(BUILD, "harness", "lambda-harness")
BOOTSTRAP = os.path.join(BUILD, "functions", "agent-callback", "bootstrap")
RECORDER = os.path.join(BUILD, "tools", "record-deployment", "record-deployment")
WORKSPACE = "prod"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def run(cmd, env=None, cwd=None):
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def main(case):
    for path in (HARNESS, BOOTSTRAP) + ((RECORDER,) if case == "revert" else ()):
        if not os.path.exists(path):
            print(f"missing {path}: build agent-callback_bootstrap, lambda-harness and record-deployment first")
            return 1
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    suffix = f"wf{case[0]}{os.getpid()}"
    stack = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(SRC, "tests", "fixtures", "make_stack.py"), endpoint, suffix]))
    prefix = f"drift-{suffix}"
    base = os.path.join(BUILD, "tests", "workflow", case)
    shutil.rmtree(base, ignore_errors=True)
    workdir = os.path.join(base, "checkout")

    if case == "failure":
        return failure_case(endpoint, stack, suffix, base)

    # The team's repository: the configuration and its tfvars, applied, committed.
    rc, out = run([sys.executable, os.path.join(WS_DIR, "apply.py"), "--endpoint", endpoint,
                   "--state-bucket", stack["state_bucket"], "--lock-table", stack["tf_lock_table"],
                   "--name-prefix", prefix, "--workspace", WORKSPACE, "--workdir", workdir])
    if rc != 0:
        print(out)
        return 1
    applied = json.loads(out[out.index("{"):])
    with open(os.path.join(workdir, "prod.tfvars"), "w") as f:
        f.write(f'name_prefix = "{prefix}"\n')
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", "-C", workdir]
    run(git + ["init", "-q"])
    with open(os.path.join(workdir, ".gitignore"), "w") as f:
        f.write(".terraform/\n")
    run(git + ["add", "."])
    run(git + ["commit", "-q", "-m", "known good"])
    commit = run(git + ["rev-parse", "HEAD"])[1].strip()

    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    ddb = boto3.client("dynamodb", **kw)
    s3 = boto3.client("s3", **kw)
    data_bucket = applied["workspaces"][WORKSPACE]["data_bucket"]

    # What the orchestrator leaves behind when it dispatches: the history item and the lock.
    event_id = f"evt-{suffix}"
    deployment_id = f"dep-{suffix}"
    detected = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30))
    address = {"revert": "aws_s3_bucket_versioning.data",
               "guard": "aws_s3_bucket_server_side_encryption_configuration.data"}[case]
    ddb.put_item(TableName=stack["history_table"], Item={
        "drift_event_id": {"S": event_id}, "timestamp": {"S": detected},
        "status": {"S": "dispatched"}, "severity": {"S": "HIGH"}, "environment": {"S": WORKSPACE},
        "resource_arn": {"S": f"arn:aws:s3:::{data_bucket}"}, "terraform_address": {"S": address},
        "deployment_id": {"S": deployment_id}, "lock_id": {"S": deployment_id}})
    ddb.put_item(TableName=stack["locks_table"], Item={
        "lock_id": {"S": deployment_id}, "owner": {"S": event_id},
        "ttl": {"N": str(int(time.time()) + 3600)}})

    # The console change.
    change = {"revert": "versioning_suspended", "guard": "encryption_removed"}[case]
    rc, out = run([sys.executable, os.path.join(WS_DIR, "console_changes.py"), "--endpoint", endpoint,
                   "--name-prefix", prefix, "--workspace", WORKSPACE, "--only", change])
    if rc != 0:
        print(out)
        return 1

    env = dict(os.environ)
    env.update({"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1"})
    for k in ("TF_WORKSPACE", "AWS_ENDPOINT_URL_LAMBDA", "DRIFT_PAYLOAD", "MODE", "DRIFT_EVENT_ID"):
        env.pop(k, None)
    port_file = os.path.join(base, "harness.port")
    harness = subprocess.Popen(
        [HARNESS, "--function", "agent-callback", "--bootstrap", BOOTSTRAP, "--timeout", "30",
         "--port", "0", "--port-file", port_file, "--log-file", os.path.join(base, "harness.log"),
         "--env", f"HISTORY_TABLE={stack['history_table']}", "--env", f"LOCKS_TABLE={stack['locks_table']}",
         "--env", f"ALERT_TOPIC_ARN={stack['alert_topic_arn']}", "--env", f"EVENT_BUS_NAME={stack['event_bus_name']}",
         "--env", f"METRICS_NAMESPACE={stack['metrics_namespace']}"], env=env)
    try:
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().strip()

        # The dispatch payload, in the orchestrator's shape (functions/workflow-orchestrator).
        payload = {
            "drift_event_id": event_id, "deployment_id": deployment_id, "severity": "HIGH",
            "priority": "P1", "auto_approve": True, "manual_review_required": False, "review_reasons": [],
            "deployment": {"git_commit_sha": commit, "git_branch": "main", "tfvars_path": "prod.tfvars",
                           "workspace": WORKSPACE, "environment": WORKSPACE,
                           "state": {"bucket": stack["state_bucket"], "key": applied["state"]["key"],
                                     "workspace_key_prefix": "env:", "region": "us-east-1",
                                     "lock_table": stack["tf_lock_table"], "use_lockfile": False}},
            "drift": {"resource_arn": f"arn:aws:s3:::{data_bucket}", "terraform_addresses": [address]},
            "callback": {"function_name": "agent-callback", "drift_event_id": event_id,
                         "timestamp": detected, "lock_id": deployment_id, "attempt": 0, "schema_version": 1}}
        run_env = dict(env)
        run_env.update({"DRIFT_PAYLOAD": json.dumps(payload), "TF_DIR": workdir,
                        "WORK_DIR": os.path.join(base, "work"),
                        "TF_CLI_CONFIG_FILE": os.path.join(WS_DIR, "cli.tfrc"), "TF_IN_AUTOMATION": "1",
                        "CHECKPOINT_DISABLE": "1",
                        "AWS_ENDPOINT_URL_LAMBDA": f"http://127.0.0.1:{port}",
                        "RUN_URL": f"https://github.example/o/r/actions/runs/{suffix}"})
        rc, out = run(["bash", SCRIPT], env=run_env)
        print(out[-6000:])
        check(rc == 0, f"remediate.sh exited 0 (got {rc})")
        outcome = json.load(open(os.path.join(base, "work", "outcome.json")))
        item = ddb.query(TableName=stack["history_table"], ConsistentRead=True,
                         KeyConditionExpression="drift_event_id = :id",
                         ExpressionAttributeValues={":id": {"S": event_id}})["Items"][0]
        lock = ddb.get_item(TableName=stack["locks_table"], ConsistentRead=True,
                            Key={"lock_id": {"S": deployment_id}}).get("Item")
        if case == "revert":
            check(outcome["status"] == "remediated", f"outcome remediated ({outcome})")
            status = s3.get_bucket_versioning(Bucket=data_bucket).get("Status")
            check(status == "Enabled", f"versioning reverted to Enabled (got {status})")
            check(item["status"]["S"] == "remediated", f"history remediated (got {item['status']['S']})")
            check(item.get("workflow_run_url", {}).get("S", "").endswith(suffix), "run URL recorded")
            check(lock is None, "remediation lock released")
            plan = json.load(open(os.path.join(base, "work", "plan.json")))
            changed = [rc_["address"] for rc_ in plan.get("resource_changes", [])
                       if rc_["change"]["actions"] not in (["no-op"], ["read"])]
            check(changed == [address], f"the plan touched only the drifted address ({changed})")

            # A normal deployment of the same checkout: no payload, metadata recorded.
            dep_env = dict(env)
            dep_env.update({"MODE": "deployment", "TF_DIR": workdir, "WORK_DIR": os.path.join(base, "deploy"),
                            "TF_WORKSPACE_NAME": WORKSPACE, "TFVARS_PATH": "prod.tfvars",
                            "DEPLOYMENT_ID": f"deploy-{suffix}", "RECORD_DEPLOYMENT": RECORDER,
                            "METADATA_TABLE": stack["metadata_table"],
                            "STATE_BUCKET": stack["state_bucket"], "STATE_KEY": applied["state"]["key"],
                            "STATE_REGION": "us-east-1", "WORKSPACE_KEY_PREFIX": "env:",
                            "LOCK_TABLE": stack["tf_lock_table"],
                            "TF_CLI_CONFIG_FILE": os.path.join(WS_DIR, "cli.tfrc"), "CHECKPOINT_DISABLE": "1"})
            rc, out = run(["bash", SCRIPT], env=dep_env)
            print(out[-4000:])
            check(rc == 0, f"deployment run exited 0 (got {rc})")
            items = ddb.query(TableName=stack["metadata_table"], IndexName="resource-arn-index",
                              KeyConditionExpression="resource_arn = :a",
                              ExpressionAttributeValues={":a": {"S": f"arn:aws:s3:::{data_bucket}"}})["Items"]
            mine = [i for i in items if i["deployment_id"]["S"] == f"deploy-{suffix}"]
            check(len(mine) == 1, f"deployment metadata recorded for the data bucket ({len(mine)} items)")
            if mine:
                check(mine[0].get("git_commit_sha", {}).get("S") == commit, "with the deployed commit")
                check(mine[0].get("workspace", {}).get("S") == WORKSPACE, "and its workspace")
                check(mine[0].get("state_bucket", {}).get("S") == stack["state_bucket"], "and its state bucket")
        else:
            check(outcome["status"] == "awaiting_review", f"outcome awaiting_review ({outcome})")
            check("not an in-place update" in outcome["message"], "the reason names the re-creation")
            try:
                s3.get_bucket_encryption(Bucket=data_bucket)
                still_drifted = False
            except s3.exceptions.ClientError:
                still_drifted = True
            check(still_drifted, "nothing was applied: the encryption configuration is still gone")
            check(item["status"]["S"] == "awaiting_review", f"history awaiting_review (got {item['status']['S']})")
            check(lock is not None and lock["owner"]["S"] == event_id, "the lock is kept for the review")
    finally:
        harness.terminate()
        harness.wait(timeout=30)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


def failure_case(endpoint, stack, suffix, base):
    workdir = os.path.join(base, "checkout")
    os.makedirs(workdir)
    with open(os.path.join(workdir, "main.tf"), "w") as f:
        f.write('resource "aws_s3_bucket" "data" {\n  bucket = \n')  # cut off mid-edit
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    ddb = boto3.client("dynamodb", **kw)
    sqs = boto3.client("sqs", **kw)
    event_id, deployment_id = f"evt-{suffix}", f"dep-{suffix}"
    detected = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30))
    ddb.put_item(TableName=stack["history_table"], Item={
        "drift_event_id": {"S": event_id}, "timestamp": {"S": detected}, "status": {"S": "dispatched"},
        "severity": {"S": "HIGH"}, "environment": {"S": "prod"}, "lock_id": {"S": deployment_id},
        "resource_arn": {"S": "arn:aws:s3:::somewhere"}})
    ddb.put_item(TableName=stack["locks_table"], Item={
        "lock_id": {"S": deployment_id}, "owner": {"S": event_id}, "ttl": {"N": str(int(time.time()) + 3600)}})
    env = dict(os.environ)
    env.update({"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1"})
    for k in ("TF_WORKSPACE", "AWS_ENDPOINT_URL_LAMBDA", "DRIFT_PAYLOAD", "MODE", "DRIFT_EVENT_ID"):
        env.pop(k, None)
    port_file = os.path.join(base, "harness.port")
    harness = subprocess.Popen(
        [HARNESS, "--function", "agent-callback", "--bootstrap", BOOTSTRAP, "--timeout", "30",
         "--port", "0", "--port-file", port_file, "--log-file", os.path.join(base, "harness.log"),
         "--env", f"HISTORY_TABLE={stack['history_table']}", "--env", f"LOCKS_TABLE={stack['locks_table']}",
         "--env", f"ALERT_TOPIC_ARN={stack['alert_topic_arn']}", "--env", f"EVENT_BUS_NAME={stack['event_bus_name']}",
         "--env", f"METRICS_NAMESPACE={stack['metrics_namespace']}"], env=env)
    try:
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().strip()
        payload = {"drift_event_id": event_id, "deployment_id": deployment_id, "auto_approve": True,
                   "manual_review_required": False,
                   "deployment": {"tfvars_path": "", "workspace": "default",
                                  "state": {"bucket": stack["state_bucket"], "key": "x/terraform.tfstate",
                                            "region": "us-east-1"}},
                   "drift": {"terraform_addresses": ["aws_s3_bucket.data"]},
                   "callback": {"function_name": "agent-callback"}}
        env.update({"DRIFT_PAYLOAD": json.dumps(payload), "TF_DIR": workdir, "WORK_DIR": os.path.join(base, "work"),
                    "TF_CLI_CONFIG_FILE": os.path.join(WS_DIR, "cli.tfrc"), "CHECKPOINT_DISABLE": "1",
                    "AWS_ENDPOINT_URL_LAMBDA": f"http://127.0.0.1:{port}",
                    "RUN_URL": f"https://github.example/o/r/actions/runs/{suffix}"})
        rc, out = run(["bash", SCRIPT], env=env)
        print(out[-4000:])
        check(rc != 0, f"the run failed (exit {rc})")
        item = ddb.query(TableName=stack["history_table"], ConsistentRead=True,
                         KeyConditionExpression="drift_event_id = :id",
                         ExpressionAttributeValues={":id": {"S": event_id}})["Items"][0]
        check(item["status"]["S"] == "remediation_failed", f"history remediation_failed (got {item['status']['S']})")
        err = item.get("error_message", {}).get("S", "")
        check("terraform init failed" in err, f"the error is recorded ({err!r})")
        check(item.get("workflow_run_url", {}).get("S", "").endswith(suffix), "with the run URL")
        lock = ddb.get_item(TableName=stack["locks_table"], ConsistentRead=True,
                            Key={"lock_id": {"S": deployment_id}}).get("Item")
        check(lock is None, "remediation lock released")
        bodies = []
        for _ in range(5):
            got = sqs.receive_message(QueueUrl=stack["alerts_queue_url"], MaxNumberOfMessages=10,
                                      WaitTimeSeconds=1).get("Messages", [])
            bodies += [m["Body"] for m in got]
            if any(event_id in b for b in bodies):
                break
        check(any(event_id in b and "terraform init failed" in b for b in bodies),
              "the alert topic got a notice with the error")
    finally:
        harness.terminate()
        harness.wait(timeout=30)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("revert", "guard", "failure"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
