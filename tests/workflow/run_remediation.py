#!/usr/bin/env python3
"""The remediation workflow's script (infra/workflows/remediate.sh) run locally as the demo
runs it: real Terraform against the moto fixture, the real agent-callback bootstrap under
lambda-harness answering the claim and the outcome, and a bare git repository playing the
team's repository on GitHub (`origin` of a fresh clone per run, as actions/checkout makes).
Every remediation is seeded as the orchestrator leaves it (docs/remediation-claim.md): the
remediation item (status recorded), the drift history item and the remediation lock; the
dispatch payload is {schema_version: 2, remediation_id, drift_event_ids} and nothing else.

  revert   versioning suspended in the console; the claimed remediation targets that address
           with auto_approve: the plan is one in-place update, the guard lets it through, apply
           reverts it, the callback records `remediated` and releases the lock. A second run
           for the same remediation ends with AlreadyClaimed before init, applies nothing and
           reports nothing. A version 1 payload is refused before the claim. Then a normal
           deployment of the branch head records deployment metadata with record-deployment.
  guard    encryption configuration deleted in the console: the plan re-creates that part alone,
           which the guard lets through for a drifted address; apply restores it and the
           callback records `remediated`. Then the artifacts bucket deleted in the console:
           re-creating a whole bucket is not a configuration part, so the guard stops for
           review even with auto_approve, nothing is applied, the callback records
           `awaiting_review` and the lock stays.
  failure  refusals before `terraform init` (no .terraform made), each reported as a failure
           through the callback: a commit that is not on main (pushed on another branch), a
           tfvars path outside the repository, policies on main's head without opa. Then a
           recorded configuration that does not initialise: the callback records
           `remediation_failed` with the error, the lock is released and the alert topic gets
           a notice.
  comma    tests/workflow/workspaces/keyed: the address aws_s3_bucket.b["logs,eu"] (a
           for_each key with a comma) is claimed, planned with exactly that -target and
           reverted, its sibling b["logs"] left alone; the published plan summary holds no
           value Terraform marks sensitive (the raw plan does). A claimed address missing from
           the state fails after init, before plan, naming it.

Usage: run_remediation.py revert|guard|failure|comma   (through ctest: DRIFT_* variables set)
"""
import hashlib
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
KEYED_DIR = os.path.join(SRC, "tests", "workflow", "workspaces", "keyed")
CLI_CONFIG = os.path.join(WS_DIR, "cli.tfrc")
sys.path.insert(0, WS_DIR)
import tfenv  # noqa: E402
SCRIPT = os.path.join(SRC, "infra", "workflows", "remediate.sh")
HARNESS = os.path.join(BUILD, "harness", "lambda-harness")
BOOTSTRAP = os.path.join(BUILD, "functions", "agent-callback", "bootstrap")
RECORDER = os.path.join(BUILD, "tools", "record-deployment", "record-deployment")
SUMMARY_TOOL = os.path.join(BUILD, "tools", "plan-summary", "plan-summary")
WORKSPACE = "prod"
SECRET = "owner-secret-7f3a91c2"  # the keyed configuration's sensitive tag value
CALLBACK = "agent-callback"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def run(cmd, env=None, cwd=None):
    if cmd[0] == "terraform":
        return tfenv.run_terraform(cmd, cwd=cwd, env=env)
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def must(cmd, env=None, cwd=None):
    rc, out = run(cmd, env=env, cwd=cwd)
    if rc != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed ({rc}):\n{out}")
    return out


def git(repo, *args):
    return must(["git", "-c", "user.name=test", "-c", "user.email=test@example.com",
                 "-c", "init.defaultBranch=main", "-C", repo, *args]).strip()


class Bench:
    """One moto stack, one agent-callback under lambda-harness, one bare `origin`, per process."""

    def __init__(self, case):
        self.case = case
        self.endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
        self.suffix = f"wf{case[0]}{os.getpid()}"
        self.stack = json.loads(subprocess.check_output(
            [sys.executable, os.path.join(SRC, "tests", "fixtures", "make_stack.py"), self.endpoint, self.suffix]))
        self.prefix = f"drift-{self.suffix}"
        self.base = os.path.join(BUILD, "tests", "workflow", case)
        shutil.rmtree(self.base, ignore_errors=True)
        os.makedirs(self.base)
        kw = dict(endpoint_url=self.endpoint, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
        self.ddb = boto3.client("dynamodb", **kw)
        self.s3 = boto3.client("s3", **kw)
        self.sqs = boto3.client("sqs", **kw)
        self.env = dict(os.environ)
        self.env.update({"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": "test",
                         "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                         "AWS_DEFAULT_REGION": "us-east-1"})
        for k in ("TF_WORKSPACE", "AWS_ENDPOINT_URL_LAMBDA", "DRIFT_PAYLOAD", "MODE", "DRIFT_EVENT_ID",
                  "REPO_DIR", "TF_DIR", "WORK_DIR", "RUN_ID", "PROTECTED_BRANCH", "REQUIRE_POLICY_GATE"):
            self.env.pop(k, None)
        self.origin = os.path.join(self.base, "origin.git")
        must(["git", "init", "-q", "--bare", "-b", "main", self.origin])
        self.runs = 0
        self.harness = None

    def start_harness(self):
        port_file = os.path.join(self.base, "harness.port")
        s = self.stack
        self.harness = subprocess.Popen(
            [HARNESS, "--function", CALLBACK, "--bootstrap", BOOTSTRAP, "--timeout", "30",
             "--port", "0", "--port-file", port_file, "--log-file", os.path.join(self.base, "harness.log"),
             "--env", f"HISTORY_TABLE={s['history_table']}", "--env", f"LOCKS_TABLE={s['locks_table']}",
             "--env", f"REMEDIATIONS_TABLE={s['remediations_table']}",
             "--env", f"ALERT_TOPIC_ARN={s['alert_topic_arn']}", "--env", f"EVENT_BUS_NAME={s['event_bus_name']}",
             "--env", f"METRICS_NAMESPACE={s['metrics_namespace']}"], env=self.env)
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        self.lambda_url = f"http://127.0.0.1:{open(port_file).read().strip()}"

    def stop(self):
        if self.harness:
            self.harness.terminate()
            self.harness.wait(timeout=30)

    # -- the team's repository ------------------------------------------------------------
    def seed_repo(self, workdir, tfvars_name=None, tfvars=None):
        """Commits workdir (an applied configuration) as main and pushes it to origin."""
        if tfvars_name:
            with open(os.path.join(workdir, tfvars_name), "w") as f:
                f.write(tfvars)
        with open(os.path.join(workdir, ".gitignore"), "w") as f:
            f.write(".terraform/\n*.tfstate*\n")
        git(workdir, "init", "-q", "-b", "main")
        git(workdir, "add", ".")
        git(workdir, "commit", "-q", "-m", "known good")
        git(workdir, "remote", "add", "origin", self.origin)
        git(workdir, "push", "-q", "origin", "main")
        return git(workdir, "rev-parse", "HEAD")

    def clone(self):
        """A fresh checkout of main, as the workflow's actions/checkout makes for each run."""
        self.runs += 1
        path = os.path.join(self.base, f"run{self.runs}", "code")
        must(["git", "clone", "-q", "--branch", "main", self.origin, path])
        return path

    # -- what the orchestrator leaves behind ------------------------------------------------
    def seed_remediation(self, tag, commit, addresses, *, state_key, tfvars_path, workspace=WORKSPACE,
                         resource_arn="arn:aws:s3:::somewhere", auto_approve=True):
        event_id = f"evt-{self.suffix}-{tag}"
        deployment_id = f"dep-{self.suffix}-{tag}"
        detected = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30))
        rid = "rem-" + hashlib.sha256(f"{event_id}\n{detected}".encode()).hexdigest()[:32]
        s = self.stack
        self.ddb.put_item(TableName=s["history_table"], Item={
            "drift_event_id": {"S": event_id}, "timestamp": {"S": detected},
            "status": {"S": "dispatched"}, "severity": {"S": "HIGH"}, "environment": {"S": workspace},
            "resource_arn": {"S": resource_arn}, "terraform_address": {"S": addresses[0]},
            "deployment_id": {"S": deployment_id}, "lock_id": {"S": deployment_id},
            "remediation_id": {"S": rid}})
        self.ddb.put_item(TableName=s["locks_table"], Item={
            "lock_id": {"S": deployment_id}, "owner": {"S": event_id},
            "ttl": {"N": str(int(time.time()) + 3600)}})
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.ddb.put_item(TableName=s["remediations_table"], Item={
            "remediation_id": {"S": rid}, "status": {"S": "recorded"},
            "deployment_id": {"S": deployment_id}, "drift_event_ids": {"L": [{"S": event_id}]},
            "history_timestamp": {"S": detected}, "git_commit_sha": {"S": commit},
            "git_branch": {"S": "main"}, "tfvars_path": {"S": tfvars_path},
            "workspace": {"S": workspace}, "region": {"S": "us-east-1"},
            "state": {"M": {"bucket": {"S": s["state_bucket"]}, "key": {"S": state_key},
                            "workspace_key_prefix": {"S": "env:"}, "region": {"S": "us-east-1"},
                            "lock_table": {"S": s["tf_lock_table"]}, "use_lockfile": {"BOOL": False}}},
            "addresses": {"L": [{"S": a} for a in addresses]},
            "auto_approve": {"BOOL": auto_approve}, "manual_review_required": {"BOOL": False},
            "review_reasons": {"L": []}, "severity": {"S": "HIGH"}, "environment": {"S": workspace},
            "created_at": {"S": now}, "ttl": {"N": str(int(time.time()) + 30 * 86400)}})
        return {"remediation_id": rid, "event_id": event_id, "deployment_id": deployment_id}

    def payload(self, rem):
        return {"schema_version": 2, "remediation_id": rem["remediation_id"],
                "drift_event_ids": [rem["event_id"]]}

    # -- one workflow run -------------------------------------------------------------------
    def run_workflow(self, payload, *, repo=None, tf_sub="", run_id=None, extra=None):
        """remediate.sh (run, then callback) in a fresh clone; returns (rc, output, run dir)."""
        repo = repo or self.clone()
        run_dir = os.path.dirname(repo)
        run_id = run_id or f"{self.suffix}{self.runs}"
        env = dict(self.env)
        env.update({"DRIFT_PAYLOAD": json.dumps(payload) if payload is not None else "",
                    "REPO_DIR": repo, "TF_DIR": os.path.join(repo, tf_sub) if tf_sub else repo,
                    "WORK_DIR": os.path.join(run_dir, "work"), "PROTECTED_BRANCH": "main",
                    "RUN_ID": run_id, "RUN_URL": f"https://github.example/o/r/actions/runs/{run_id}",
                    "CALLBACK_FUNCTION": CALLBACK, "LAMBDA_ENDPOINT_URL": self.lambda_url,
                    "PLAN_SUMMARY": SUMMARY_TOOL, "TF_CLI_CONFIG_FILE": CLI_CONFIG,
                    "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"})
        env.update(extra or {})
        rc, out = run(["bash", SCRIPT], env=env)
        print(f"--- run {self.runs} (exit {rc}) ---\n{out[-5000:]}", flush=True)
        return rc, out, run_dir

    def outcome(self, run_dir):
        path = os.path.join(run_dir, "work", "outcome.json")
        return json.load(open(path)) if os.path.exists(path) else {}

    def history(self, rem):
        return self.ddb.query(TableName=self.stack["history_table"], ConsistentRead=True,
                              KeyConditionExpression="drift_event_id = :id",
                              ExpressionAttributeValues={":id": {"S": rem["event_id"]}})["Items"][0]

    def lock(self, rem):
        return self.ddb.get_item(TableName=self.stack["locks_table"], ConsistentRead=True,
                                 Key={"lock_id": {"S": rem["deployment_id"]}}).get("Item")

    def remediation(self, rem):
        return self.ddb.get_item(TableName=self.stack["remediations_table"], ConsistentRead=True,
                                 Key={"remediation_id": {"S": rem["remediation_id"]}}).get("Item", {})

    def apply_sample(self, workdir):
        rc, out = run([sys.executable, os.path.join(WS_DIR, "apply.py"), "--endpoint", self.endpoint,
                       "--state-bucket", self.stack["state_bucket"], "--lock-table", self.stack["tf_lock_table"],
                       "--name-prefix", self.prefix, "--workspace", WORKSPACE, "--workdir", workdir])
        if rc != 0:
            raise SystemExit(out)
        return json.loads(out[out.index("{"):])

    def console(self, change):
        must([sys.executable, os.path.join(WS_DIR, "console_changes.py"), "--endpoint", self.endpoint,
              "--name-prefix", self.prefix, "--workspace", WORKSPACE, "--only", change])


def strings(value):
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def refused_before_init(b, run_dir, rem, fragment, what):
    """A claimed remediation refused before init: outcome failure naming why, nothing
    initialised, the failure recorded through the callback, the lock released."""
    out = b.outcome(run_dir)
    check(out.get("status") == "failure" and fragment in out.get("message", ""),
          f"{what}: outcome failure naming the reason ({out})")
    check(not os.path.exists(os.path.join(run_dir, "code", ".terraform")), f"{what}: refused before terraform init")
    check(b.remediation(rem).get("status", {}).get("S") == "claimed", f"{what}: the remediation was claimed")
    item = b.history(rem)
    check(item["status"]["S"] == "remediation_failed" and fragment in item.get("error_message", {}).get("S", ""),
          f"{what}: history remediation_failed with the reason (got {item['status']['S']})")
    check(b.lock(rem) is None, f"{what}: remediation lock released")


# ---------------------------------------------------------------------------------------------
def case_revert(b):
    seed = os.path.join(b.base, "seed")
    applied = b.apply_sample(seed)
    commit = b.seed_repo(seed, "prod.tfvars", f'name_prefix = "{b.prefix}"\n')
    data_bucket = applied["workspaces"][WORKSPACE]["data_bucket"]
    address = "aws_s3_bucket_versioning.data"
    rem = b.seed_remediation("revert", commit, [address], state_key=applied["state"]["key"],
                             tfvars_path="prod.tfvars", resource_arn=f"arn:aws:s3:::{data_bucket}")
    b.console("versioning_suspended")

    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc == 0, f"remediate.sh exited 0 (got {rc})")
    outcome = b.outcome(run_dir)
    check(outcome.get("status") == "remediated", f"outcome remediated ({outcome})")
    status = b.s3.get_bucket_versioning(Bucket=data_bucket).get("Status")
    check(status == "Enabled", f"versioning reverted to Enabled (got {status})")
    claim = json.load(open(os.path.join(run_dir, "work", "claim.json")))
    check(claim.get("git_commit_sha") == commit and claim.get("addresses") == [address],
          "the claim's answer holds the recorded facts")
    first_url = f"https://github.example/o/r/actions/runs/{b.suffix}1"
    item = b.history(rem)
    check(item["status"]["S"] == "remediated", f"history remediated (got {item['status']['S']})")
    check(item.get("workflow_run_url", {}).get("S") == first_url, "run URL recorded")
    check(b.lock(rem) is None, "remediation lock released")
    r = b.remediation(rem)
    check(r.get("status", {}).get("S") == "claimed" and r.get("claimed_by_run_id", {}).get("S") == f"{b.suffix}1",
          "the remediation is claimed by the run")
    plan = json.load(open(os.path.join(run_dir, "work", "plan.json")))
    changed = [c["address"] for c in plan.get("resource_changes", [])
               if c["change"]["actions"] not in (["no-op"], ["read"])]
    check(changed == [address], f"the plan touched only the drifted address ({changed})")
    check(os.path.exists(os.path.join(run_dir, "work", "summary", "plan-summary.json")), "the plan summary written")

    # A second run for the same remediation (a redelivered dispatch): AlreadyClaimed.
    b.console("versioning_suspended")
    rc, out, run_dir = b.run_workflow(b.payload(rem))
    check(rc == 0, f"the second run ends cleanly (exit {rc})")
    check("AlreadyClaimed" in out or "already claimed" in out, "the second run says the remediation is already claimed")
    check(b.outcome(run_dir).get("status") == "already_claimed", f"outcome already_claimed ({b.outcome(run_dir)})")
    check(not os.path.exists(os.path.join(run_dir, "code", ".terraform")), "the second run stopped before terraform init")
    check(not os.path.exists(os.path.join(run_dir, "work", "claim.json")), "the second run holds no claim")
    status = b.s3.get_bucket_versioning(Bucket=data_bucket).get("Status")
    check(status == "Suspended", f"the second run applied nothing (versioning {status})")
    item = b.history(rem)
    check(item["status"]["S"] == "remediated" and item.get("workflow_run_url", {}).get("S") == first_url,
          "the second run reported nothing (history as the first run left it)")

    # A version 1 payload (sent before the upgrade) is refused before anything is claimed.
    rem_v1 = b.seed_remediation("v1", commit, [address], state_key=applied["state"]["key"],
                                tfvars_path="prod.tfvars", resource_arn=f"arn:aws:s3:::{data_bucket}")
    v1 = {"drift_event_id": rem_v1["event_id"], "deployment_id": rem_v1["deployment_id"],
          "auto_approve": True, "manual_review_required": False,
          "deployment": {"git_commit_sha": commit, "tfvars_path": "prod.tfvars", "workspace": WORKSPACE,
                         "state": {"bucket": b.stack["state_bucket"], "key": applied["state"]["key"],
                                   "region": "us-east-1"}},
          "drift": {"terraform_addresses": [address]},
          "callback": {"function_name": CALLBACK, "schema_version": 1}}
    for what, payload in (("a v1 payload", v1),
                          ("a v1 payload naming a remediation",
                           dict(v1, schema_version=1, remediation_id=rem_v1["remediation_id"]))):
        rc, out, run_dir = b.run_workflow(payload)
        check(rc != 0, f"{what} is refused (exit {rc})")
        check("schema_version" in out and "next drift scan" in out,
              f"{what}: the message names the version and the next scan")
        check(not os.path.exists(os.path.join(run_dir, "code", ".terraform")), f"{what}: nothing initialised")
        check(not os.path.exists(os.path.join(run_dir, "work", "claim.json")), f"{what}: nothing claimed")
    check(b.remediation(rem_v1).get("status", {}).get("S") == "recorded", "the remediation a v1 payload named stays recorded")
    check(b.history(rem_v1)["status"]["S"] == "dispatched", "a refused payload reports nothing")

    # A normal deployment of the branch head: no payload, metadata recorded.
    repo = b.clone()
    rc, _, run_dir = b.run_workflow(None, repo=repo, extra={
        "MODE": "deployment", "TF_WORKSPACE_NAME": WORKSPACE, "TFVARS_PATH": "prod.tfvars",
        "DEPLOYMENT_ID": f"deploy-{b.suffix}", "RECORD_DEPLOYMENT": RECORDER,
        "METADATA_TABLE": b.stack["metadata_table"], "STATE_BUCKET": b.stack["state_bucket"],
        "STATE_KEY": applied["state"]["key"], "STATE_REGION": "us-east-1", "WORKSPACE_KEY_PREFIX": "env:",
        "LOCK_TABLE": b.stack["tf_lock_table"]})
    check(rc == 0, f"deployment run exited 0 (got {rc})")
    items = b.ddb.query(TableName=b.stack["metadata_table"], IndexName="resource-arn-index",
                        KeyConditionExpression="resource_arn = :a",
                        ExpressionAttributeValues={":a": {"S": f"arn:aws:s3:::{data_bucket}"}})["Items"]
    mine = [i for i in items if i["deployment_id"]["S"] == f"deploy-{b.suffix}"]
    check(len(mine) == 1, f"deployment metadata recorded for the data bucket ({len(mine)} items)")
    if mine:
        check(mine[0].get("git_commit_sha", {}).get("S") == commit, "with the branch head's commit")
        check(mine[0].get("git_branch", {}).get("S") == "main", "and the branch")
        check(mine[0].get("workspace", {}).get("S") == WORKSPACE, "and its workspace")
        check(mine[0].get("state_bucket", {}).get("S") == b.stack["state_bucket"], "and its state bucket")


def case_guard(b):
    seed = os.path.join(b.base, "seed")
    applied = b.apply_sample(seed)
    commit = b.seed_repo(seed, "prod.tfvars", f'name_prefix = "{b.prefix}"\n')
    data_bucket = applied["workspaces"][WORKSPACE]["data_bucket"]

    # First the run that applies nothing: a Terraform lock an apply leaves behind in moto's
    # DynamoDB (seen now and then on a loaded machine) must not fail the other case.
    # A deleted resource that is not a part (a whole bucket): re-creating it waits for review,
    # even with auto_approve; nothing is applied and the lock stays.
    artifacts = f"{b.prefix}-{WORKSPACE}-artifacts"
    address = "aws_s3_bucket.artifacts"
    rem = b.seed_remediation("guard", commit, [address], state_key=applied["state"]["key"],
                             tfvars_path="prod.tfvars", resource_arn=f"arn:aws:s3:::{artifacts}")
    b.console("artifacts_deleted")
    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc == 0, f"remediate.sh exited 0 (got {rc})")
    outcome = b.outcome(run_dir)
    check(outcome.get("status") == "awaiting_review", f"outcome awaiting_review ({outcome})")
    check("not a configuration part" in outcome.get("message", ""), "the reason names the re-creation")
    buckets = [x["Name"] for x in b.s3.list_buckets()["Buckets"]]
    check(artifacts not in buckets, "nothing was applied: the bucket is still gone")
    item = b.history(rem)
    check(item["status"]["S"] == "awaiting_review", f"history awaiting_review (got {item['status']['S']})")
    lock = b.lock(rem)
    check(lock is not None and lock["owner"]["S"] == rem["event_id"], "the lock is kept for the review")

    # A configuration part deleted out of band is re-created unattended: the plan creates the
    # part alone, which the guard allows for a drifted address.
    address = "aws_s3_bucket_server_side_encryption_configuration.data"
    rem = b.seed_remediation("part", commit, [address], state_key=applied["state"]["key"],
                             tfvars_path="prod.tfvars", resource_arn=f"arn:aws:s3:::{data_bucket}")
    b.console("encryption_removed")
    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc == 0, f"remediate.sh exited 0 (got {rc})")
    outcome = b.outcome(run_dir)
    check(outcome.get("status") == "remediated", f"a deleted encryption configuration: outcome remediated ({outcome})")
    plan = json.load(open(os.path.join(run_dir, "work", "plan.json")))
    changed = [(c["address"], c["change"]["actions"]) for c in plan.get("resource_changes", [])
               if c["change"]["actions"] not in (["no-op"], ["read"])]
    check(changed == [(address, ["create"])], f"the plan re-created the part alone ({changed})")
    try:
        rules = b.s3.get_bucket_encryption(Bucket=data_bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    except b.s3.exceptions.ClientError as e:
        rules = f"none ({e})"
    check(isinstance(rules, list) and len(rules) == 1, f"the encryption configuration is back ({rules})")
    check(b.history(rem)["status"]["S"] == "remediated", "history remediated")
    check(b.lock(rem) is None, "the lock is released")


def case_failure(b):
    # The team's repository: a configuration cut off mid-edit, committed on main.
    seed = os.path.join(b.base, "seed")
    os.makedirs(seed)
    with open(os.path.join(seed, "main.tf"), "w") as f:
        f.write('resource "aws_s3_bucket" "data" {\n  bucket = \n')
    with open(os.path.join(seed, "prod.tfvars"), "w") as f:
        f.write('name_prefix = "x"\n')
    on_main = b.seed_repo(seed)
    # A commit pushed to another branch, never merged into main.
    git(seed, "checkout", "-q", "-b", "feature")
    with open(os.path.join(seed, "extra.tf"), "w") as f:
        f.write("# not reviewed\n")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "unreviewed")
    off_main = git(seed, "rev-parse", "HEAD")
    git(seed, "push", "-q", "origin", "feature")
    git(seed, "checkout", "-q", "main")
    outside = os.path.join(b.base, "outside.tfvars")
    with open(outside, "w") as f:
        f.write('name_prefix = "outside"\n')
    key = "x/terraform.tfstate"

    rem = b.seed_remediation("offmain", off_main, ["aws_s3_bucket.data"], state_key=key, tfvars_path="none")
    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc != 0, f"a commit not on main fails the run (exit {rc})")
    refused_before_init(b, run_dir, rem, "is not on main", "a commit not on main")

    for tag, path, fragment in (("escape", "../outside.tfvars", "leaves the repository"),
                                ("absolute", outside, "is absolute")):
        rem = b.seed_remediation(tag, on_main, ["aws_s3_bucket.data"], state_key=key, tfvars_path=path)
        rc, _, run_dir = b.run_workflow(b.payload(rem))
        check(rc != 0, f"tfvars {path} fails the run (exit {rc})")
        refused_before_init(b, run_dir, rem, fragment, f"tfvars {path}")

    # The recorded configuration does not initialise.
    rem = b.seed_remediation("init", on_main, ["aws_s3_bucket.data"], state_key=key, tfvars_path="prod.tfvars")
    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc != 0, f"the run failed (exit {rc})")
    item = b.history(rem)
    check(item["status"]["S"] == "remediation_failed", f"history remediation_failed (got {item['status']['S']})")
    err = item.get("error_message", {}).get("S", "")
    check("terraform init failed" in err, f"the error is recorded ({err!r})")
    check(item.get("workflow_run_url", {}).get("S", "").endswith(f"{b.suffix}{b.runs}"), "with the run URL")
    check(b.lock(rem) is None, "remediation lock released")
    bodies = []
    for _ in range(5):
        got = b.sqs.receive_message(QueueUrl=b.stack["alerts_queue_url"], MaxNumberOfMessages=10,
                                    WaitTimeSeconds=1).get("Messages", [])
        bodies += [m["Body"] for m in got]
        if any(rem["event_id"] in x for x in bodies):
            break
    check(any(rem["event_id"] in x and "terraform init failed" in x for x in bodies),
          "the alert topic got a notice with the error")

    # Policies arrive on main's head; the claimed commit (an ancestor, without policies) is
    # still gated by them, and without opa the run fails before init.
    os.makedirs(os.path.join(seed, "policies"))
    with open(os.path.join(seed, "policies", "deny.rego"), "w") as f:
        f.write("package terraform\n\ndeny[msg] { false; msg := \"never\" }\n")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "policies")
    git(seed, "push", "-q", "origin", "main")
    if shutil.which("opa"):
        print("note: opa is installed here: the 'policies without opa' refusal is not exercised")
        return
    rem = b.seed_remediation("policy", on_main, ["aws_s3_bucket.data"], state_key=key, tfvars_path="prod.tfvars")
    rc, _, run_dir = b.run_workflow(b.payload(rem))
    check(rc != 0, f"policies on main without opa fail the run (exit {rc})")
    refused_before_init(b, run_dir, rem, "opa is not installed", "policies on main without opa")


def case_comma(b):
    seed = os.path.join(b.base, "seed")
    os.makedirs(seed)
    shutil.copy(os.path.join(KEYED_DIR, "main.tf"), seed)
    tfvars = f'name_prefix = "{b.prefix}"\nowner       = "{SECRET}"\n'
    with open(os.path.join(seed, "keyed.tfvars"), "w") as f:
        f.write(tfvars)
    env = dict(b.env, TF_CLI_CONFIG_FILE=CLI_CONFIG, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    key = "keyed/terraform.tfstate"
    tf = ["terraform", f"-chdir={seed}"]
    must(tf + ["init", "-input=false", "-no-color", f"-backend-config=bucket={b.stack['state_bucket']}",
               f"-backend-config=key={key}", "-backend-config=region=us-east-1",
               "-backend-config=workspace_key_prefix=env:", f"-backend-config=dynamodb_table={b.stack['tf_lock_table']}"],
         env=env)
    rc, out = tfenv.new_workspace(tf, {"bucket": b.stack["state_bucket"], "key": key, "workspace_key_prefix": "env:",
                                       "dynamodb_table": b.stack["tf_lock_table"]}, WORKSPACE, env)
    if rc != 0:
        raise SystemExit(f"terraform workspace new {WORKSPACE} failed ({rc}):\n{out}")
    for extra in ([], ["-refresh-only"]):
        must(tf + ["apply", "-auto-approve", "-input=false", "-no-color", "-var-file=keyed.tfvars", *extra], env=env)
    buckets = {k: v["value"] for k, v in json.loads(must(tf + ["output", "-json"], env=env)).items()}["buckets"]
    commit = b.seed_repo(seed)
    address = 'aws_s3_bucket.b["logs,eu"]'

    # Console changes to both buckets; only the comma one is claimed.
    def retag(bucket):
        tags = b.s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
        tags.append({"Key": "CostCenter", "Value": "console-edit"})
        b.s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tags})

    def tags(bucket):
        return {t["Key"]: t["Value"] for t in b.s3.get_bucket_tagging(Bucket=bucket)["TagSet"]}
    retag(buckets["logs,eu"])
    retag(buckets["logs"])

    rem = b.seed_remediation("comma", commit, [address], state_key=key, tfvars_path="keyed.tfvars",
                             resource_arn=f"arn:aws:s3:::{buckets['logs,eu']}")
    rc, out, run_dir = b.run_workflow(b.payload(rem))
    check(rc == 0, f"remediate.sh exited 0 (got {rc})")
    outcome = b.outcome(run_dir)
    check(outcome.get("status") == "remediated", f"outcome remediated ({outcome})")
    plan = json.load(open(os.path.join(run_dir, "work", "plan.json")))
    changed = [(c["address"], c["change"]["actions"]) for c in plan.get("resource_changes", [])
               if c["change"]["actions"] not in (["no-op"], ["read"])]
    check(changed == [(address, ["update"])], f"the plan targets exactly {address} ({changed})")
    check("CostCenter" not in tags(buckets["logs,eu"]), f"apply reverted {address}")
    check(tags(buckets["logs"]).get("CostCenter") == "console-edit", 'aws_s3_bucket.b["logs"] was left alone')
    check(b.history(rem)["status"]["S"] == "remediated", "history remediated")
    check(b.lock(rem) is None, "remediation lock released")

    # The published summary holds no sensitive value; the raw plan (never published) does.
    raw = open(os.path.join(run_dir, "work", "plan.json")).read()
    summary_path = os.path.join(run_dir, "work", "summary", "plan-summary.json")
    check(SECRET in raw, "the raw plan holds the sensitive tag value (so the check below means something)")
    check(os.path.exists(summary_path), "plan-summary.json written")
    if os.path.exists(summary_path):
        text = open(summary_path).read()
        check(SECRET not in text, "plan-summary.json holds no sensitive value")
        check(address in set(strings(json.loads(text))), "plan-summary.json names the address")
        check("(sensitive)" in text, "the sensitive value is shown as (sensitive)")
    artifact_dir = os.path.dirname(summary_path)
    check(os.listdir(artifact_dir) == ["plan-summary.json"], f"the artifact folder holds the summary only ({os.listdir(artifact_dir)})")

    # A claimed address the workspace's state does not hold: failure after init, before plan.
    missing = 'aws_s3_bucket.b["logs,us"]'
    rem = b.seed_remediation("missing", commit, [address, missing], state_key=key, tfvars_path="keyed.tfvars")
    rc, out, run_dir = b.run_workflow(b.payload(rem))
    check(rc != 0, f"an address not in the state fails the run (exit {rc})")
    outcome = b.outcome(run_dir)
    check(outcome.get("status") == "failure" and missing in outcome.get("message", "")
          and "not in the state" in outcome.get("message", ""), f"the failure names the address ({outcome})")
    check(not os.path.exists(os.path.join(run_dir, "work", "tfplan")), "nothing was planned")
    item = b.history(rem)
    check(item["status"]["S"] == "remediation_failed" and missing in item.get("error_message", {}).get("S", ""),
          "history remediation_failed naming the address")


CASES = {"revert": case_revert, "guard": case_guard, "failure": case_failure, "comma": case_comma}


def main(case):
    for path in (HARNESS, BOOTSTRAP, RECORDER, SUMMARY_TOOL):
        if not os.path.exists(path):
            print(f"missing {path}: build agent-callback_bootstrap, lambda-harness, record-deployment "
                  f"and plan-summary first")
            return 1
    b = Bench(case)
    try:
        b.start_harness()
        CASES[case](b)
    finally:
        b.stop()
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CASES:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
