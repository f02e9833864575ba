#!/usr/bin/env python3
"""The product's story on one machine: drift found, graded, reverted, confirmed and recorded.

Starts moto, the GitHub stand-in and the Lambda harness; deploys infra/ into moto with
Terraform; deploys a sample workspace (tagged bucket, instance, security group) into an S3
backend, pushes its repository to a bare repository that plays GitHub's copy, and records its
deployment metadata; makes console-like changes to three parts of one bucket; then runs the
scanner (the real bootstrap under the harness), follows its three drift events through the
drift topic to the orchestrator (which gathers them, records one remediation and sends one
dispatch, payload v2, naming it and every event), GitHub, one run of the workflow script in a
fresh clone of main (claim through the callback, the recorded commit checked against main, a
real `terraform apply`) and the callback, which asks the scanner to re-read the reverted parts
and confirm the revert; and scans again. Then the live path on the same stack: console-like
changes (the data bucket's public access block off, read without its bucket, the web security group
opened on 22) and the CloudTrail events AWS would deliver on the change-events queue give a
targeted report under changes/ naming who made them, an alert naming the actor, one dispatch
(the security group is not opted in), the real revert and its history item; a call of our own
remediation role gives nothing. Every step is checked through the emulators' own
APIs; a step that does not happen stops the story with a clear message and a non-zero exit.

Usage: story.py --build-dir build [--work-dir DIR] [--engine native|terraform|auto] [--quiet]
Leaves nothing running, also when interrupted.
"""
import argparse
import datetime
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "workspaces"))
import tfenv  # noqa: E402

import boto3  # noqa: E402

SUFFIX = "demo"
REPO = "acme/infrastructure"
TOKEN = "ghs_demo_token_not_a_secret"
PROCS = []
QUIET = False


class StoryError(Exception):
    pass


def say(msg=""):
    print(msg, flush=True)


def step(n, title):
    say(f"\n== {n}. {title}")


def detail(msg):
    if not QUIET:
        say(f"   {msg}")


def run(cmd, env=None, cwd=None, check=True, capture=True):
    p = subprocess.run(cmd, env=env, cwd=cwd, text=True,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.STDOUT if capture else None)
    if check and p.returncode != 0:
        raise StoryError(f"{' '.join(cmd[:3])}... failed ({p.returncode}):\n{p.stdout}")
    return p


def start(cmd, log_path, env=None):
    log = open(log_path, "ab")
    p = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
    PROCS.append(p)
    return p


def stop_all():
    for p in reversed(PROCS):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.time() + 5
    for p in PROCS:
        try:
            p.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    PROCS.clear()


def wait_file(path, what, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if os.path.exists(path) and open(path).read().strip():
            return open(path).read().strip()
        time.sleep(0.1)
    raise StoryError(f"{what} did not start (no {path})")


def wait_for(what, fn, timeout=120, interval=1.0, show=None):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(interval)
    raise StoryError(f"timed out after {timeout}s waiting for {what}" + (f":\n{show()}" if show else ""))


def tf(args, cwd, env):
    return run(["terraform", f"-chdir={cwd}", *args, "-no-color"], env=env)


def main():
    global QUIET
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work-dir")
    ap.add_argument("--engine", default="native", choices=["native", "terraform", "auto"])
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    QUIET = a.quiet
    build = os.path.abspath(a.build_dir)
    work = os.path.abspath(a.work_dir or tempfile.mkdtemp(prefix="drift-story-"))
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        story(build, work, a.engine)
        say(f"\nThe story ran to the end. Logs and state: {work}")
        return 0
    except StoryError as e:
        say(f"\nSTORY FAILED: {e}\nLogs: {work}")
        return 1
    except KeyboardInterrupt:
        say("\ninterrupted; stopping everything")
        return 130
    finally:
        stop_all()


def set_up(build, work, engine):
    """Steps 1-5: the emulators, the sample workspace with its repository and recorded
    deployment, infra/ deployed, the harness serving the three bootstraps. What the rest of a
    story (or bench/loop) needs comes back as a namespace."""
    t_start = time.time()
    dist = os.path.join(build, "dist")
    harness_bin = os.path.join(build, "harness", "lambda-harness")
    stand_in_bin = os.path.join(build, "tests", "fixtures", "github", "github-stand-in")
    record_bin = os.path.join(build, "tools", "record-deployment", "record-deployment")
    summary_bin = os.path.join(build, "tools", "plan-summary", "plan-summary")
    for f in (harness_bin, stand_in_bin, record_bin, summary_bin, *[os.path.join(dist, fn + ".zip") for fn in
              ("workflow-orchestrator", "agent-callback", "drift-scanner")]):
        if not os.path.exists(f):
            raise StoryError(f"{f} is missing: build first (cmake --preset release && cmake --build --preset release)")

    step(1, "Local AWS (moto), GitHub stand-in")
    moto_dir = os.path.join(work, "moto")
    run([sys.executable, os.path.join(ROOT, "tests", "fixtures", "moto_fixture.py"), "start", moto_dir])
    PROCS.append(_Stopper(moto_dir))
    endpoint = open(os.path.join(moto_dir, "endpoint")).read().strip()
    detail(f"moto_server at {endpoint}")
    kw = tfenv.boto_kwargs(endpoint)
    env = tfenv.terraform_env(endpoint)

    hook = os.path.join(work, "workflow-hook.sh")
    with open(hook, "w") as f:
        f.write(WORKFLOW_HOOK)
    os.chmod(hook, 0o755)
    gh_port_file = os.path.join(work, "github.port")
    gh_env = dict(env)
    gh_env.update({"STORY_WORK": work, "STORY_ROOT": ROOT, "RECORD_DEPLOYMENT": record_bin,
                   "PLAN_SUMMARY": summary_bin})
    start([stand_in_bin, "--port", "0", "--port-file", gh_port_file, "--repository", REPO,
           "--token", TOKEN, "--workflow-hook", hook], os.path.join(work, "github.log"), env=gh_env)
    github = f"http://127.0.0.1:{wait_file(gh_port_file, 'the GitHub stand-in')}"
    detail(f"GitHub stand-in at {github} (repository {REPO})")

    step(2, "The state backend and the sample workspace (prod), as a team would have them")
    s3 = boto3.client("s3", **kw)
    ddb = boto3.client("dynamodb", **kw)
    state_bucket, lock_table = "acme-tfstate-demo", "acme-tflock-demo"
    s3.create_bucket(Bucket=state_bucket)
    ddb.create_table(TableName=lock_table, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}])
    ws_dir = os.path.join(work, "platform")
    out = run([sys.executable, os.path.join(ROOT, "tests", "workspaces", "apply.py"), "--endpoint", endpoint,
               "--state-bucket", state_bucket, "--lock-table", lock_table, "--name-prefix", "acme",
               "--workspace", "prod", "--workdir", ws_dir], env=dict(os.environ, TF_VAR_with_database="true")).stdout
    ws = json.loads(out[out.index("{"):])
    prod = ws["workspaces"]["prod"]
    with open(os.path.join(ws_dir, "prod.tfvars"), "w") as f:
        f.write('name_prefix   = "acme"\nregion        = "us-east-1"\nwith_database = true\n')
    # The team's repository, pushed to a bare repository that plays GitHub's copy: each workflow
    # run clones its main branch and applies only a commit on it.
    with open(os.path.join(ws_dir, ".gitignore"), "w") as f:
        f.write(".terraform/\n*.tfstate*\n.terraform.lock.hcl\n")
    origin = os.path.join(work, "github", "acme-infrastructure.git")
    run(["git", "init", "-q", "--bare", "-b", "main", origin])
    git = ["git", "-C", ws_dir, "-c", "user.name=demo", "-c", "user.email=demo@example.com"]
    run(git + ["init", "-q", "-b", "main"])
    run(git + ["add", "."])
    run(git + ["commit", "-q", "-m", "platform: prod"])
    run(git + ["remote", "add", "origin", origin])
    run(git + ["push", "-q", "origin", "main"])
    commit = run(git + ["rev-parse", "HEAD"]).stdout.strip()
    detail(f"applied: bucket {prod['data_bucket']}, instance {prod['instance_id']}, "
           f"security group {prod['security_group_id']}, database {prod.get('demo_db_identifier')}")
    detail(f"repository: commit {commit[:12]} pushed to main of {origin} (GitHub's copy)")

    step(3, "Deploy infra/ into moto with Terraform (event-source mappings off: the harness pumps)")
    infra_dir = os.path.join(work, "infra")
    shutil.copytree(os.path.join(ROOT, "infra"), infra_dir,
                    ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", ".terraform.lock.hcl"))
    targets = [{"name": "platform", "account_id": "123456789012", "region": "us-east-1",
                "state": {"bucket": state_bucket, "key": ws["state"]["key"], "region": "us-east-1",
                          "workspace_key_prefix": "env:", "workspaces": ["prod"], "dynamodb_table": lock_table},
                "environments": {"prod": "production"},
                "terraform_dir": ws_dir}]
    tfvars = {"environment_suffix": SUFFIX, "lambda_dist_dir": dist, "github_api_url": github,
              "github_repository": REPO, "scan_targets": targets, "scan_engine": engine,
              "state_bucket_names": [state_bucket], "retry_delay_seconds": 20}
    with open(os.path.join(infra_dir, "story.auto.tfvars.json"), "w") as f:
        json.dump(tfvars, f)
    t0 = time.time()
    tf(["init", "-input=false"], infra_dir, env)
    tf(["apply", "-auto-approve", "-input=false", "-var-file=examples/local.tfvars"], infra_dir, env)
    outputs = {k: v["value"] for k, v in json.loads(tf(["output", "-json"], infra_dir, env).stdout).items()}
    detail(f"applied in {time.time() - t0:.0f}s: functions {', '.join(outputs['function_names'].values())}")
    ssm = boto3.client("ssm", **kw)
    token_args = {"KeyId": outputs["github_token_kms_key_arn"]} if outputs.get("github_token_kms_key_arn") else {}
    ssm.put_parameter(Name=outputs["github_token_parameter"], Value=TOKEN, Type="SecureString", Overwrite=True,
                      **token_args)
    detail(f"GitHub token stored in SSM {outputs['github_token_parameter']} (SecureString)")

    step(4, "Record the deployment metadata, as the workflow does after a deployment")
    state_file = os.path.join(work, "prod.tfstate")
    with open(state_file, "w") as f:
        tf_env = dict(env, TF_WORKSPACE="prod")
        f.write(tf(["state", "pull"], ws_dir, tf_env).stdout)
    deployment_id = "prod-demo-" + commit[:12]
    rec_env = dict(env, METADATA_TABLE=outputs["table_names"]["metadata"], AWS_ACCOUNT_ID="123456789012")
    run([record_bin, "--state", state_file, "--deployment-id", deployment_id, "--commit", commit,
         "--branch", "main", "--tfvars", "prod.tfvars", "--workspace", "prod", "--environment", "production",
         "--state-bucket", state_bucket, "--state-key", ws["state"]["key"], "--lock-table", lock_table,
         "--policy-version", "1.0.0", "--deployed-by", "demo"], env=rec_env)
    items = ddb.query(TableName=outputs["table_names"]["metadata"],
                      KeyConditionExpression="deployment_id = :d",
                      ExpressionAttributeValues={":d": {"S": deployment_id}})["Items"]
    if not items:
        raise StoryError("record-deployment wrote no metadata item")
    detail(f"deployment {deployment_id}: {len(items)} resources recorded (commit {commit[:12]})")

    step(5, "The Lambda service: the harness serves the three real bootstraps")
    # The functions invoke each other (the callback asks the scanner to confirm a revert) through
    # the harness, not moto, whose Invoke runs nothing: the harness's port is chosen first and
    # given to each function as its Lambda endpoint (the harness itself reads the functions'
    # configuration from moto).
    h_port = free_port()
    h_port_file = os.path.join(work, "harness.port")
    h_cmd = [harness_bin, "--port", str(h_port), "--port-file", h_port_file,
             "--log-file", os.path.join(work, "lambda.log")]
    for fn, name in outputs["function_names"].items():
        h_cmd += ["--function", name, "--zip", os.path.join(dist, fn + ".zip"), "--from-aws", name,
                  "--env", f"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{h_port}"]
        if fn == "drift-scanner":
            h_cmd += ["--timeout", "300"]
        # Event-source mappings are off in moto: the harness pumps each queue into its function.
        for src in outputs["local_event_sources"]:
            if src["function_name"] == name:
                h_cmd += ["--sqs", src["queue_url"]] + (["--sns"] if src["record_kind"] == "sns" else [])
    h_cmd += ["--pass-env", "TF_CLI_CONFIG_FILE"]
    h_env = dict(env)
    h_env["AWS_ENDPOINT_URL"] = endpoint
    start(h_cmd, os.path.join(work, "harness.log"), env=h_env)
    lambda_url = f"http://127.0.0.1:{wait_file(h_port_file, 'the harness')}"
    detail(f"Lambda Invoke API at {lambda_url}")
    lam = boto3.client("lambda", endpoint_url=lambda_url, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    # What the workflow's env: block holds (the callback function, the region) and where the
    # stand-ins are, for the workflow hook.
    story_env = {"LAMBDA_ENDPOINT_URL": lambda_url, "AWS_ENDPOINT_URL": endpoint,
                 "CALLBACK_FUNCTION": outputs["function_names"]["agent-callback"], "AWS_REGION": "us-east-1",
                 "STORY_ORIGIN": origin}
    with open(os.path.join(work, "story.env"), "w") as f:
        f.write("".join(f"{k}={shlex.quote(v)}\n" for k, v in story_env.items()))
    return types.SimpleNamespace(
        t_start=t_start, endpoint=endpoint, kw=kw, env=env, github=github, s3=s3, ddb=ddb, prod=prod,
        commit=commit, deployment_id=deployment_id, outputs=outputs, lam=lam, lambda_url=lambda_url)


def story(build, work, engine):
    st = set_up(build, work, engine)
    t_start, endpoint, kw, github, s3, ddb = st.t_start, st.endpoint, st.kw, st.github, st.s3, st.ddb
    prod, commit, deployment_id, outputs, lam = st.prod, st.commit, st.deployment_id, st.outputs, st.lam

    step(6, "Console-like changes to three parts of the data bucket (outside Terraform)")
    # Parts whose revert is an in-place update. The bucket resource itself mirrors its
    # versioning (and policy): suspending versioning drifts it too, so its own change is its tags.
    parts = ["public_access_block_off", "versioning_suspended", "tags_changed"]
    changes = json.loads(run([sys.executable, os.path.join(ROOT, "tests", "workspaces", "console_changes.py"),
                              "--endpoint", endpoint, "--name-prefix", "acme", "--workspace", "prod",
                              *[x for part in parts for x in ("--only", part)]]).stdout)
    for c in changes["changes"]:
        detail(f"{c['name']}: {c['address']} ({', '.join(c['attributes'])})")
    opted = sorted(c["address"] for c in changes["changes"])
    if len(opted) != len(parts):
        raise StoryError(f"console_changes.py made {len(opted)} changes, not {len(parts)}: {changes}")

    sqs = boto3.client("sqs", **kw)
    sns = boto3.client("sns", **kw)
    alert_tap = sqs.create_queue(QueueName="story-alert-tap")["QueueUrl"]
    tap_arn = sqs.get_queue_attributes(QueueUrl=alert_tap, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=outputs["alert_topic_arn"], Protocol="sqs", Endpoint=tap_arn)

    scanner = outputs["function_names"]["drift-scanner"]
    step(7, f"Scan: {scanner} ({engine} engine) reads the state and compares it with live AWS")
    t_detect = time.time()
    report = scan(lam, scanner, s3, outputs["report_bucket"])
    summary = report["summary"]
    if report.get("exit_code") != 2 or not report.get("drifts"):
        raise StoryError(f"the scanner found no drift: {json.dumps(report)[:800]}")
    detail(f"exit code {report['exit_code']} (drift), {summary.get('resources_scanned')} resources scanned, "
           f"highest severity {summary.get('highest_severity')}")
    unmanaged = [d for d in report["drifts"] if d["change"] == "unmanaged"]
    for d in report["drifts"]:
        if d["change"] == "unmanaged":
            continue
        attrs = ", ".join(x["name"] for x in d.get("changed_attributes", []))
        detail(f"{d['severity']:>8}  {d['address']}  {d['change']}: {attrs}")
        detail(f"          why: {d.get('reason', '')}")
        detail(f"          fix: {d.get('remediation', {}).get('command', '')}")
    if unmanaged:
        detail(f"     and {len(unmanaged)} resources in the account that no scanned state manages "
               f"({', '.join(sorted({d['type'] for d in unmanaged}))})")
    with open(os.path.join(work, "report-1.json"), "w") as f:
        json.dump(report, f, indent=2)
    found = {d["address"]: d for d in report["drifts"] if d["change"] != "unmanaged"}
    if sorted(found) != opted:
        raise StoryError(f"the scanner should find exactly the changed parts: changed {opted}, found {sorted(found)}")
    drift_ids = {addr: d.get("drift_id", "") for addr, d in found.items()}
    if "" in drift_ids.values() or len(set(drift_ids.values())) != len(opted):
        raise StoryError(f"each changed part should have its own drift_id: {drift_ids}")
    address_of = {i: addr for addr, i in drift_ids.items()}
    critical = [d for d in report["drifts"] if d["severity"] == "CRITICAL" and d["change"] != "unmanaged"]
    if not critical:
        raise StoryError("the public access block change was not graded CRITICAL")
    alerts = wait_for("the CRITICAL-drift alert on the alert topic", lambda: sqs.receive_message(
        QueueUrl=alert_tap, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages"), timeout=30)
    alert = json.loads(alerts[0]["Body"])
    detail(f"alert: {alert.get('Subject') or alert.get('Message', '')[:100]}")

    step(8, f"{len(opted)} drift events -> drift topic -> orchestrator (gathers one deployment's events) "
            f"-> ONE repository_dispatch")

    def dispatch_requests():
        return [r for r in http_json(github + "/_stand-in/requests") if r.get("path", "").endswith("/dispatches")]

    dispatches = wait_for("a repository_dispatch at the GitHub stand-in", lambda: [
        r for r in dispatch_requests() if r.get("status") == 204], timeout=120)
    sent = dispatch_requests()
    if len(sent) != 1 or sent[0].get("status") != 204:
        raise StoryError(f"expected one repository_dispatch (204), the stand-in got {len(sent)}: "
                         f"{[(r.get('status'), r.get('body')) for r in sent]}")
    body = json.loads(dispatches[0]["body"]) if isinstance(dispatches[0]["body"], str) else dispatches[0]["body"]
    cp = body["client_payload"]
    # Payload v2 names the remediation the orchestrator recorded, and describes nothing.
    if set(cp) != {"schema_version", "remediation_id", "drift_event_ids"} or cp["schema_version"] != 2:
        raise StoryError(f"the dispatch payload is not schema version 2 (remediation_id, drift_event_ids only): "
                         f"{json.dumps(cp)}")
    event_ids = cp["drift_event_ids"]
    if len(event_ids) != len(opted) or len(set(event_ids)) != len(opted):
        raise StoryError(f"the dispatch should name {len(opted)} drift events, one per changed part: "
                         f"{json.dumps(cp)}")
    detail(f"dispatch {body['event_type']}: remediation {cp['remediation_id']}, "
           f"{len(event_ids)} drift events {', '.join(e[:8] for e in event_ids)}")
    rem_table = outputs["table_names"]["remediations"]
    rem = ddb.get_item(TableName=rem_table, ConsistentRead=True,
                       Key={"remediation_id": {"S": cp["remediation_id"]}}).get("Item")
    if not rem:
        raise StoryError(f"no remediation {cp['remediation_id']} recorded in {rem_table}")
    if rem["deployment_id"]["S"] != deployment_id or rem["git_commit_sha"]["S"] != commit:
        raise StoryError(f"the recorded remediation is not the recorded deployment {deployment_id}: {rem}")
    addresses = [x["S"] for x in rem.get("addresses", {}).get("L", [])]
    if not set(opted) <= set(addresses):
        raise StoryError(f"the recorded remediation does not target every changed part: "
                         f"addresses {addresses}, changed {opted}")
    detail(f"recorded remediation: deployment {deployment_id}, commit {commit[:12]}, "
           f"auto_approve {rem['auto_approve']['BOOL']}, severity {rem['severity']['S']}")
    detail(f"  -target {' -target '.join(addresses)}")

    step(9, "One workflow run (the workflow's own script in a clone of main): claim, terraform apply of the "
            "recorded commit, callback")
    hist_table = outputs["table_names"]["history"]
    outcomes = ("remediated", "remediation_failed", "awaiting_review", "failed", "cancelled")

    def history():
        items = {}
        for eid in event_ids:
            got = ddb.query(TableName=hist_table, ConsistentRead=True, ScanIndexForward=False, Limit=1,
                            KeyConditionExpression="drift_event_id = :e",
                            ExpressionAttributeValues={":e": {"S": eid}})["Items"]
            if got:
                items[eid] = got[0]
        return items

    def history_line(eid, item):
        did = item.get("drift_id", {}).get("S", "")
        return (f"{address_of.get(did, '?'):<40} event {eid[:8]}: {item.get('status', {}).get('S')}, "
                f"MTTR {item.get('mttr_seconds', {}).get('N', '?')} s")

    def all_outcomes():
        h = history()
        return h if len(h) == len(event_ids) and all(i.get("status", {}).get("S") in outcomes
                                                     for i in h.values()) else None

    final = wait_for("the run's outcome on every drift event's history item", all_outcomes, timeout=600,
                     interval=2, show=lambda: "\n".join(history_line(e, i) for e, i in history().items()))
    for eid in event_ids:
        detail(history_line(eid, final[eid]))
    if [final[e]["status"]["S"] for e in event_ids] != ["remediated"] * len(event_ids) or \
            any("mttr_seconds" not in final[e] for e in event_ids):
        tail = open(os.path.join(work, "workflow.log")).read()[-3000:]
        raise StoryError(f"not every drift event was remediated with its MTTR: "
                         f"{[history_line(e, final[e]) for e in event_ids]}\n{tail}")
    history_drifts = {final[e].get("drift_id", {}).get("S") for e in event_ids}
    if history_drifts != set(drift_ids.values()):
        raise StoryError(f"the history items name drifts {sorted(map(str, history_drifts))}, "
                         f"the scan found {sorted(drift_ids.values())}")
    runs = [ln.split()[-1] for ln in open(os.path.join(work, "workflow.log")) if ln.startswith("== workflow run ")]
    sent = dispatch_requests()
    if len(runs) != 1 or len(sent) != 1:
        raise StoryError(f"expected one dispatch and one workflow run: {len(sent)} dispatches, runs {runs}")
    rem = ddb.get_item(TableName=rem_table, ConsistentRead=True,
                       Key={"remediation_id": {"S": cp["remediation_id"]}})["Item"]
    if rem["status"]["S"] != "claimed" or rem.get("claimed_by_run_id", {}).get("S") != runs[0]:
        raise StoryError(f"the remediation was not claimed by the run {runs[0]}: {rem}")
    detail(f"one dispatch, one run: remediation {cp['remediation_id']} claimed by run {runs[0]}")

    step(10, "The callback asks the scanner to re-read the remediated parts: the revert is confirmed")
    drifts_table = outputs["table_names"]["drifts"]
    scope = "platform/prod"

    def drift_items():
        pages = ddb.get_paginator("query").paginate(
            TableName=drifts_table, ConsistentRead=True, KeyConditionExpression="#s = :s",
            ExpressionAttributeNames={"#s": "scope"}, ExpressionAttributeValues={":s": {"S": scope}})
        return {i["drift_id"]["S"]: i for page in pages for i in page["Items"] if i["drift_id"]["S"] in address_of}

    def revert_lines():
        h, d = history(), drift_items()
        by_drift = {i.get("drift_id", {}).get("S"): (e, i) for e, i in h.items()}
        lines = []
        for addr in opted:
            did = drift_ids[addr]
            item = d.get(did, {})
            eid, hist = by_drift.get(did, ("?", {}))
            lines.append(f"{addr:<40} drift {did[:12]}: {item.get('status', {}).get('S', 'no item')}"
                         f"{' at ' + item['confirmed_at']['S'] if 'confirmed_at' in item else ''}; "
                         f"event {eid[:8]}: revert_status {hist.get('revert_status', {}).get('S', 'none')}"
                         f"{' at ' + hist['revert_checked_at']['S'] if 'revert_checked_at' in hist else ''}")
        return lines

    def reverts_decided():
        h, d = history(), drift_items()
        checks = [h[e].get("revert_status", {}).get("S") for e in event_ids] + \
                 [d.get(i, {}).get("status", {}).get("S") for i in drift_ids.values()]
        if "drift_remains" in checks:
            raise StoryError("the scanner found drift remaining after the run:\n   " + "\n   ".join(revert_lines()))
        return checks == ["confirmed"] * len(checks)

    wait_for(f"revert_status confirmed on the {len(event_ids)} history items and status confirmed on the "
             f"{len(drift_ids)} drifts items in {drifts_table}", reverts_decided, timeout=120, interval=2,
             show=lambda: "\n".join(revert_lines()) + "\n(the scanner's confirm_revert invocation: lambda.log)")
    t_confirmed = time.time()
    for line in revert_lines():
        detail(line)
    h = history()
    completed = [parse_time(h[e].get("completed_at", {}).get("S")) for e in event_ids]
    checked = [parse_time(h[e].get("revert_checked_at", {}).get("S")) for e in event_ids]
    if None not in completed and None not in checked:
        detail(f"confirmed {max(0, (max(checked) - min(completed)).total_seconds()):.0f}s after the callback "
               f"recorded the run's outcome")

    step(11, "Scan again: the drift is gone")
    report2 = scan(lam, scanner, s3, outputs["report_bucket"], previous=report.get("scan_id"))
    with open(os.path.join(work, "report-2.json"), "w") as f:
        json.dump(report2, f, indent=2)
    managed = [d for d in report2.get("drifts", []) if d["change"] != "unmanaged"]
    remaining = [d["address"] for d in managed]
    reverted = [d["address"] for d in report["drifts"] if d["change"] != "unmanaged" and d["address"] not in remaining]
    detail(f"reverted: {', '.join(reverted) or 'nothing'}; managed drift left: {', '.join(remaining) or 'none'}")
    if any(a in remaining for a in opted):
        raise StoryError("opted-in drift still present after remediation and confirmation:\n   " + "\n   ".join(
            f"{d['address']} {d['change']} [drift {d.get('drift_id', '?')[:12]}]: " + "; ".join(
                f"{x['name']} state {json.dumps(x.get('expected'))}, live {json.dumps(x.get('actual'))}"
                for x in d.get("changed_attributes", [])) for d in managed))
    data = prod["data_bucket"]
    pab = s3.get_public_access_block(Bucket=data)["PublicAccessBlockConfiguration"]
    versioning = s3.get_bucket_versioning(Bucket=data).get("Status")
    tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=data)["TagSet"]}
    if not all(pab.values()) or versioning != "Enabled" or tags.get("Environment") != "prod" or "CostCenter" in tags:
        raise StoryError(f"{data} was not restored: public access block {pab}, versioning {versioning}, tags {tags}")
    detail(f"live AWS, {data}: public access block on ({', '.join(pab)}), versioning {versioning}, "
           f"tags {', '.join(sorted(tags))} (Environment={tags['Environment']})")

    step(12, "Metrics and alerts")
    cw = boto3.client("cloudwatch", **kw)
    names = sorted({m["MetricName"] for m in cw.list_metrics(Namespace=outputs["metrics_namespace"])["Metrics"]})
    detail(f"CloudWatch {outputs['metrics_namespace']}: {', '.join(names)}")
    missing = {"DriftDetected", "ResourcesScanned", "ScanDuration", "MTTR", "RemediationSuccess"} - set(names)
    if missing:
        raise StoryError(f"metrics missing: {sorted(missing)}")
    # RemediationSuccess counts reverts that held: the scanner publishes it when it confirms one.
    success = [0.0, 0.0]
    dimension_sets = {tuple(sorted((d["Name"], d["Value"]) for d in m["Dimensions"])) for m in cw.list_metrics(
        Namespace=outputs["metrics_namespace"], MetricName="RemediationSuccess")["Metrics"]}
    for dims in sorted(dimension_sets):
        for dp in cw.get_metric_statistics(Namespace=outputs["metrics_namespace"], MetricName="RemediationSuccess",
                                          Dimensions=[{"Name": n, "Value": v} for n, v in dims],
                                          StartTime=t_start - 60,
                                          EndTime=time.time() + 60, Period=3600,
                                          Statistics=["Sum", "SampleCount"])["Datapoints"]:
            success[0] += dp["Sum"]
            success[1] += dp["SampleCount"]
    if success != [float(len(event_ids))] * 2:
        raise StoryError(f"RemediationSuccess should be 1 for each of the {len(event_ids)} confirmed reverts: "
                         f"sum {success[0]:g} over {success[1]:g} values")
    detail(f"RemediationSuccess: {success[0]:g} of {success[1]:g} reverts held (published by the scanner's "
           f"confirmation)")
    say(f"\nReport: s3://{outputs['report_bucket']}/reports/platform/prod/latest.json "
        f"(copy in {os.path.join(work, 'report-1.json')})")
    live(st, work, alert_tap, dispatch_requests)
    say(f"Story time: {time.time() - t_start:.0f}s; detection to confirmed revert: {t_confirmed - t_detect:.0f}s")


ACCOUNT = "123456789012"


def assumed_identity(role, session, account=ACCOUNT):
    """The userIdentity CloudTrail records for a session of an assumed role."""
    return {"type": "AssumedRole", "principalId": f"AROAEXAMPLE:{session}",
            "arn": f"arn:aws:sts::{account}:assumed-role/{role}/{session}", "accountId": account,
            "accessKeyId": "ASIAEXAMPLE",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE",
                                                 "arn": f"arn:aws:iam::{account}:role/{role}",
                                                 "accountId": account, "userName": role},
                               "attributes": {"creationDate": "2026-12-05T09:00:00Z", "mfaAuthenticated": "true"}}}


def change_event(identity, source, name, request, at=None, account=ACCOUNT):
    """The EventBridge event ("AWS API Call via CloudTrail") AWS delivers for one management
    call; eventTime is the time of the call (at, epoch seconds)."""
    import uuid
    when = datetime.datetime.fromtimestamp(at if at is not None else time.time(), datetime.timezone.utc)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    record = {"eventVersion": "1.09", "userIdentity": identity, "eventTime": stamp, "eventSource": source,
              "eventName": name, "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7",
              "userAgent": "console.amazonaws.com", "requestParameters": request, "responseElements": None,
              "requestID": str(uuid.uuid4()), "eventID": str(uuid.uuid4()), "readOnly": False,
              "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": account,
              "eventCategory": "Management"}
    return {"version": "0", "id": str(uuid.uuid4()), "detail-type": "AWS API Call via CloudTrail",
            "source": "aws." + source.split(".")[0], "account": account, "time": stamp, "region": "us-east-1",
            "resources": [], "detail": record}


def pab_event(identity, bucket, on, at=None):
    flags = {k: on for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}
    return change_event(identity, "s3.amazonaws.com", "PutPublicAccessBlock",
                        {"publicAccessBlock": "", "bucketName": bucket, "Host": f"{bucket}.s3.amazonaws.com",
                         "PublicAccessBlockConfiguration": flags}, at)


def ingress_event(identity, group_id, port, name="AuthorizeSecurityGroupIngress", at=None):
    return change_event(identity, "ec2.amazonaws.com", name,
                        {"groupId": group_id, "ipPermissions": {"items": [{
                            "ipProtocol": "tcp", "fromPort": port, "toPort": port,
                            "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}}, at)


def change_queue_url(outputs):
    url = outputs.get("change_events_queue_url")
    if url:
        return url
    for src in outputs.get("local_event_sources", []):
        if "change-events" in src["queue_url"] and "dlq" not in src["queue_url"]:
            return src["queue_url"]
    raise StoryError("infra's outputs name no change-events queue")


def scanner_environment(st):
    """The scanner's environment as the stack set it (moto's GetFunctionConfiguration)."""
    lam = boto3.client("lambda", **st.kw)
    cfg = lam.get_function_configuration(FunctionName=st.outputs["function_names"]["drift-scanner"])
    return cfg.get("Environment", {}).get("Variables", {})


def change_reports(s3, bucket, target="platform", workspace="prod"):
    """The targeted reports of the live path: key -> event id in its name."""
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket,
                                                         Prefix=f"reports/{target}/{workspace}/changes/")
    return [o["Key"] for page in pages for o in page.get("Contents", []) if o["Key"].endswith(".json")]


def live(st, work, alert_tap, dispatch_requests):
    """The live path on the same stack: console-like changes, the CloudTrail events AWS would
    deliver on the change-events queue, the targeted report, the alert naming the actor, the
    dispatch, the real revert and its history item; our own role's change produces nothing."""
    kw, s3, ddb, outputs, prod = st.kw, st.s3, st.ddb, st.outputs, st.prod
    sqs, ec2 = boto3.client("sqs", **kw), boto3.client("ec2", **kw)
    bucket, group = prod["data_bucket"], prod["security_group_id"]
    queue = change_queue_url(outputs)
    senv = scanner_environment(st)
    settle = int(senv.get("CHANGE_SETTLE_SECONDS", "10"))
    ignored_roles = [r.strip() for r in senv.get("CHANGE_IGNORE_ROLE_ARNS", "").split(",") if r.strip()]
    if not ignored_roles:
        raise StoryError(f"the scanner's environment names no CHANGE_IGNORE_ROLE_ARNS: {sorted(senv)}")
    delay = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["DelaySeconds"])["Attributes"]["DelaySeconds"]
    while sqs.receive_message(QueueUrl=alert_tap, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages"):
        pass  # the tap only receives; step 7's alert is already read
    before_reports = set(change_reports(s3, outputs["report_bucket"]))
    before_dispatches = len(dispatch_requests())
    runs_before = sum(1 for ln in open(os.path.join(work, "workflow.log")) if ln.startswith("== workflow run "))

    step(13, f"Live: console-like changes, the CloudTrail events on the change-events queue "
             f"(delay {delay}s, CHANGE_SETTLE_SECONDS {settle})")
    person = assumed_identity("PlatformAdmin", "jane@example.com")
    t_change = time.time()
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
        "RestrictPublicBuckets": False})
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    switched = pab_event(person, bucket, False, at=t_change)
    opened = ingress_event(person, group, 22, at=t_change)
    # Our own remediation role revoking the rule: a call the scanner must leave alone.
    own_role = ignored_roles[0].split("/")[-1]
    ours = ingress_event(assumed_identity(own_role, "gha-run-42"), group, 22, "RevokeSecurityGroupIngress",
                         at=t_change)
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(ours))
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(switched))
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(opened))
    actor = person["arn"]
    detail(f"{bucket}: public access block off; {group}: tcp/22 open to 0.0.0.0/0; by {actor}")
    detail(f"events: PutPublicAccessBlock {switched['detail']['eventID'][:8]}, AuthorizeSecurityGroupIngress "
           f"{opened['detail']['eventID'][:8]}; and RevokeSecurityGroupIngress {ours['detail']['eventID'][:8]} "
           f"by {own_role} (CHANGE_IGNORE_ROLE_ARNS)")

    step(14, "The targeted report under changes/: only the changed resources, who changed them")
    ids = {switched["detail"]["eventID"], opened["detail"]["eventID"]}

    def new_reports():
        keys = [k for k in change_reports(s3, outputs["report_bucket"]) if k not in before_reports]
        return keys if keys and any(i in k for k in keys for i in ids) else None

    keys = wait_for("a targeted report under changes/ naming one of the events", new_reports,
                    timeout=settle + 60, interval=0.5,
                    show=lambda: open(os.path.join(work, "lambda.log")).read()[-3000:])
    t_found = time.time()
    time.sleep(1)  # a second group's report, if the events were split over two batches
    keys = new_reports()
    drifts, triggers = {}, []
    for key in keys:
        rep = json.loads(s3.get_object(Bucket=outputs["report_bucket"], Key=key)["Body"].read())
        triggers.append(rep.get("trigger", {}))
        for d in rep.get("drifts", []):
            drifts[d["address"]] = d
        detail(f"s3://{outputs['report_bucket']}/{key}: {rep.get('summary', {}).get('resources_scanned')} "
               f"resources read; trigger {rep.get('trigger', {}).get('event_name')} "
               f"{rep.get('trigger', {}).get('event_id', '')[:8]} (EventBridge {rep.get('trigger', {}).get('eventbridge_id', '')[:8]})")
    want = {"aws_s3_bucket_public_access_block.data", "aws_security_group.web"}
    if not want <= set(drifts):
        raise StoryError(f"the targeted reports should show {sorted(want)} drifted: {sorted(drifts)}")
    for addr in sorted(want):
        by = drifts[addr].get("changed_by") or {}
        if by.get("principal_arn") != actor or by.get("session_name") != "jane@example.com" or \
                by.get("event_id") not in ids:
            raise StoryError(f"{addr}: changed_by does not name the actor: {by}")
        detail(f"{drifts[addr]['severity']:>8}  {addr}: changed_by {by['principal_arn']} "
               f"(session issuer {by.get('session_issuer_arn')}, event {by['event_id'][:8]} at {by.get('event_time')})")
    if not {t.get("event_id") for t in triggers} & ids:
        raise StoryError(f"no report's trigger names the events: {triggers}")
    if any(ours["detail"]["eventID"] in k for k in keys) or \
            any(t.get("event_id") == ours["detail"]["eventID"] for t in triggers):
        raise StoryError("the remediation role's own call produced a report")
    detail(f"change to finding: {t_found - t_change:.1f}s (settle {settle}s)")

    step(15, "The alert names the actor; one dispatch, for the opted-in data bucket only")

    def actor_alert():
        for m in sqs.receive_message(QueueUrl=alert_tap, MaxNumberOfMessages=10, WaitTimeSeconds=1).get(
                "Messages", []):
            body = json.loads(m["Body"])
            if actor in body.get("Message", "") or "jane@example.com" in body.get("Message", ""):
                return body
        return None

    alert = wait_for("the alert naming the actor on the alert topic", actor_alert, timeout=30)
    detail(f"alert: {alert.get('Subject')}")
    detail("       " + alert.get("Message", "").splitlines()[0][:140])
    sent = wait_for("the live path's repository_dispatch at the GitHub stand-in",
                    lambda: [r for r in dispatch_requests()[before_dispatches:] if r.get("status") == 204],
                    timeout=90)
    body = json.loads(sent[0]["body"]) if isinstance(sent[0]["body"], str) else sent[0]["body"]
    cp = body["client_payload"]
    rem = ddb.get_item(TableName=outputs["table_names"]["remediations"], ConsistentRead=True,
                       Key={"remediation_id": {"S": cp["remediation_id"]}}).get("Item") or {}
    time.sleep(1)  # a later gathered event joins the same remediation
    rem = ddb.get_item(TableName=outputs["table_names"]["remediations"], ConsistentRead=True,
                       Key={"remediation_id": {"S": cp["remediation_id"]}}).get("Item") or {}
    addresses = [x["S"] for x in rem.get("addresses", {}).get("L", [])]
    # The public access block is read without its bucket, and still carries the bucket's
    # AutoRevert tag (the engine finds a part's parent in the workspace's whole state).
    if "aws_s3_bucket_public_access_block.data" not in addresses or "aws_security_group.web" in addresses:
        raise StoryError(f"the live dispatch should target the opted-in data bucket and not the security group: "
                         f"{addresses}")
    detail(f"dispatch: remediation {cp['remediation_id']}, -target {' -target '.join(addresses)} "
           f"(the security group is not opted in: finding and alert only)")

    step(16, "The workflow's real terraform apply reverts it; the history item records the MTTR")
    hist_table = outputs["table_names"]["history"]

    def outcome():
        items = []
        for eid in cp["drift_event_ids"]:
            got = ddb.query(TableName=hist_table, ConsistentRead=True, ScanIndexForward=False, Limit=1,
                            KeyConditionExpression="drift_event_id = :e",
                            ExpressionAttributeValues={":e": {"S": eid}})["Items"]
            if got and got[0].get("status", {}).get("S") in ("remediated", "remediation_failed", "failed"):
                items.append(got[0])
        return items if len(items) == len(cp["drift_event_ids"]) else None

    items = wait_for("the revert's outcome on the history item", outcome, timeout=240, interval=1,
                     show=lambda: open(os.path.join(work, "workflow.log")).read()[-3000:])
    t_reverted = time.time()
    runs = [ln.split()[-1] for ln in open(os.path.join(work, "workflow.log")) if ln.startswith("== workflow run ")]
    pab = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    if any(i["status"]["S"] != "remediated" or "mttr_seconds" not in i for i in items) or not all(pab.values()):
        raise StoryError(f"the live drift was not reverted: history {items}, public access block {pab}")
    if len(runs) != runs_before + 1:
        raise StoryError(f"expected one more workflow run, got {len(runs) - runs_before}")
    completed = [parse_time(i.get("completed_at", {}).get("S")) for i in items]
    to_revert = (max(c.timestamp() for c in completed) if None not in completed else t_reverted) - t_change
    detail(f"run {runs[-1]}: terraform apply -target {' -target '.join(addresses)}; {bucket}: public access "
           f"block on again")
    for it in items:
        line = (f"history {it['drift_event_id']['S'][:8]}: {it['status']['S']}, MTTR {it['mttr_seconds']['N']} s "
                f"from detection")
        if "mttr_from_change_seconds" in it:
            line += f", {it['mttr_from_change_seconds']['N']} s from the change"
        else:
            line += f"; {to_revert:.0f} s from the change to the recorded revert (completed_at)"
        detail(line)

    step(17, "Our own role's call produced nothing")
    time.sleep(2)
    later = set(change_reports(s3, outputs["report_bucket"])) - before_reports
    if any(ours["detail"]["eventID"] in k for k in later):
        raise StoryError("a report names the remediation role's call")
    extra = [r for r in dispatch_requests()[before_dispatches:]]
    if len(extra) != 1:
        raise StoryError(f"expected exactly one live dispatch, the stand-in got {len(extra)}")
    cw = boto3.client("cloudwatch", **kw)
    now = datetime.datetime.now(datetime.timezone.utc)
    ignored = sum(dp["Sum"] for dp in cw.get_metric_statistics(
        Namespace=outputs["metrics_namespace"], MetricName="ChangeEventsIgnored",
        Dimensions=[{"Name": "Reason", "Value": "ignored_role"}], StartTime=now - datetime.timedelta(hours=1),
        EndTime=now + datetime.timedelta(minutes=5), Period=3600, Statistics=["Sum"])["Datapoints"])
    if ignored < 1:
        raise StoryError("ChangeEventsIgnored{Reason=ignored_role} did not count the remediation role's call")
    detail(f"RevokeSecurityGroupIngress by {own_role}: no report, no dispatch; "
           f"ChangeEventsIgnored(ignored_role) {ignored:g}")
    ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    say(f"\nLive path: change to finding {t_found - t_change:.1f}s, change to recorded revert {to_revert:.1f}s "
        f"(settle {settle}s; CloudTrail's own delivery delay is not part of these)")


def parse_time(text):
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read() or b"[]")


def scan(lam, scanner, s3, bucket, previous=None):
    t0 = time.time()
    resp = lam.invoke(FunctionName=scanner, Payload=json.dumps({"target": "platform"}).encode())
    payload = resp["Payload"].read().decode()
    if resp.get("FunctionError"):
        raise StoryError(f"the scanner failed: {payload}")
    detail(f"scanner answered in {time.time() - t0:.1f}s")
    obj = s3.get_object(Bucket=bucket, Key="reports/platform/prod/latest.json")
    report = json.loads(obj["Body"].read())
    if previous and report.get("scan_id") == previous:
        raise StoryError("the second scan wrote no new report")
    return report


class _Stopper:
    """Stops the moto fixture like a process in PROCS."""

    def __init__(self, state_dir):
        self.state_dir = state_dir
        self.pid = None

    def poll(self):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "fixtures", "moto_fixture.py"), "stop",
                        self.state_dir])
        return 0

    def wait(self, timeout=None):
        return 0


# Plays the GitHub Actions run: the stand-in calls it after a 204 with github.event in
# GITHUB_EVENT_PATH. Like the workflow, it checks out main of the repository with its whole
# history into a fresh folder and runs the workflow's one script there; the callback function
# and the region come from the workflow's configuration (story.env), never from the payload.
WORKFLOW_HOOK = r"""#!/usr/bin/env bash
set -uo pipefail
. "$STORY_WORK/story.env"
export LAMBDA_ENDPOINT_URL AWS_ENDPOINT_URL CALLBACK_FUNCTION AWS_REGION
run_dir="$(mktemp -d "$STORY_WORK/run.XXXXXX")"
export RUN_ID="story-${run_dir##*.}" PROTECTED_BRANCH=main
export RUN_URL="local://story/runs/$RUN_ID"
{
  echo "== workflow run $RUN_ID"
  git clone -q --branch "$PROTECTED_BRANCH" "$STORY_ORIGIN" "$run_dir/code"
  export DRIFT_PAYLOAD="$(jq -c .client_payload "$GITHUB_EVENT_PATH")"
  export REPO_DIR="$run_dir/code" TF_DIR="$run_dir/code" WORK_DIR="$run_dir/work"
  export PATH="$(dirname "$RECORD_DEPLOYMENT"):$(dirname "$PLAN_SUMMARY"):$PATH"
  (cd "$run_dir/code" && bash "$STORY_ROOT/infra/workflows/remediate.sh" all)
  echo "workflow exit $?"
} >>"$STORY_WORK/workflow.log" 2>&1
"""

if __name__ == "__main__":
    sys.exit(main())
