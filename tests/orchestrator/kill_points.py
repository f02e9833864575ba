#!/usr/bin/env python3
"""orchestrator.kill_points: the orchestrator killed (SIGKILL) at the worst moments, then the
same SNS delivery again, as Lambda's asynchronous retry sends it. The real bootstrap under
lambda-harness, moto behind tests/fixtures/fault_proxy.py (which holds one chosen DynamoDB call
so the process can be killed exactly there), and the GitHub stand-in.

  a  killed before the request reaches GitHub (the remediation record's PutItem held): nothing
     was dispatched; once the processing lease (deadline + 5 s) ends, the redelivery dispatches.
  b  killed after GitHub's 204 and before the history update (that UpdateItem held): the
     redelivery dispatches again, but both dispatches name the same remediation, which only one
     workflow run can claim (agent-callback's claim, under its own harness).
  c  GitHub hangs past the deadline: the record goes back to its queue (retry_scheduled, a
     retry message), never to `duplicate`.

Usage: kill_points.py   (through ctest: DRIFT_* and LAMBDA_HARNESS_BINARY set)
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

import boto3

SRC = os.environ["DRIFT_SOURCE_DIR"]
BUILD = os.environ["DRIFT_BUILD_DIR"]
HARNESS = os.environ["LAMBDA_HARNESS_BINARY"]
ORCHESTRATOR = os.path.join(BUILD, "functions", "workflow-orchestrator", "bootstrap")
CALLBACK = os.path.join(BUILD, "functions", "agent-callback", "bootstrap")
FIXTURES = os.path.join(SRC, "tests", "fixtures")
TIMEOUT_S = 15  # the function's timeout under the harness: the lease ends 20 s after a start

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def http(method, url, body=None):
    req = urllib.request.Request(url, data=body.encode() if isinstance(body, str) else body, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read().decode()


class Harness:
    def __init__(self, name, bootstrap, env, workdir):
        os.makedirs(workdir, exist_ok=True)
        self.port_file = os.path.join(workdir, f"{name}.port")
        self.log = os.path.join(workdir, f"{name}.log")
        args = [HARNESS, "--port", "0", "--port-file", self.port_file, "--log-file", self.log,
                "--function", name, "--bootstrap", bootstrap, "--timeout", str(TIMEOUT_S)]
        for k, v in env.items():
            args += ["--env", f"{k}={v}"]
        self.name = name
        self.proc = subprocess.Popen(args)
        for _ in range(300):
            if os.path.exists(self.port_file) and open(self.port_file).read().strip():
                break
            time.sleep(0.1)
        self.endpoint = "http://127.0.0.1:" + open(self.port_file).read().strip()

    def invoke(self, payload):
        req = urllib.request.Request(
            f"{self.endpoint}/2015-03-31/functions/{self.name}/invocations", data=payload.encode(),
            method="POST")
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.headers.get("X-Amz-Function-Error", ""), r.read().decode()

    def kill_runtime(self):
        """SIGKILLs the bootstrap the harness spawned (its child), as a crash would."""
        pids = []
        for entry in os.listdir("/proc"):  # /proc, not pgrep: nothing to install
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(entry))
        for p in pids:
            os.kill(p, signal.SIGKILL)
        return pids

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def sns_event(message, message_id):
    return json.dumps({"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "Sns": {
        "Type": "Notification", "MessageId": message_id,
        "TopicArn": "arn:aws:sns:us-east-1:123456789012:drift",
        "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "Message": message}}]})


def drift_event(event_id, arn):
    return json.dumps({
        "version": "0", "id": event_id, "detail-type": "AWS DevOps Agent - Drift Detected",
        "source": "aws.devops-agent", "time": "2025-12-05T10:30:00Z", "region": "us-east-1",
        "resources": [arn],
        "detail": {"driftType": "configuration_change", "resourceType": "AWS::S3::Bucket",
                   "resourceArn": arn, "changedProperties": ["VersioningConfiguration"],
                   "detectedBy": "cloudtrail_analysis", "changeAuthor": "user@example.com",
                   "changeTime": "2025-12-05T10:25:00Z", "severity": "HIGH",
                   "tags": {"ManagedBy": "terraform", "AutoRevert": "true"}}})


def main():
    moto_dir = os.environ["DRIFT_MOTO_DIR"]
    gh_dir = os.environ["DRIFT_GITHUB_DIR"]
    moto = open(os.path.join(moto_dir, "endpoint")).read().strip()
    gh = open(os.path.join(gh_dir, "endpoint")).read().strip()
    repo = open(os.path.join(gh_dir, "repository")).read().strip()
    token = open(os.path.join(gh_dir, "token")).read().strip()
    suffix = f"kill{os.getpid()}"
    work = os.path.join(BUILD, "tests", "orchestrator", "kill_points")
    os.makedirs(work, exist_ok=True)
    stack = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(FIXTURES, "make_stack.py"), moto, suffix]))
    kw = dict(endpoint_url=moto, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test")
    ddb = boto3.client("dynamodb", **kw)
    sqs = boto3.client("sqs", **kw)
    boto3.client("ssm", **kw).put_parameter(Name=stack["github_token_parameter"], Value=token,
                                            Type="SecureString", Overwrite=True)
    proxy_dir = os.path.join(work, "proxy")
    subprocess.check_call([sys.executable, os.path.join(FIXTURES, "fault_proxy.py"), "start", proxy_dir,
                           "--upstream", moto_dir])
    proxy = open(os.path.join(proxy_dir, "endpoint")).read().strip()

    env = {"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_ENDPOINT_URL": proxy, "METADATA_TABLE": stack["metadata_table"],
           "LOCKS_TABLE": stack["locks_table"], "HISTORY_TABLE": stack["history_table"],
           "REMEDIATIONS_TABLE": stack["remediations_table"], "RETRY_QUEUE_URL": stack["retry_queue_url"],
           "ALERT_TOPIC_ARN": stack["alert_topic_arn"], "METRICS_NAMESPACE": stack["metrics_namespace"],
           "GITHUB_API_URL": gh, "GITHUB_REPOSITORY": repo, "GITHUB_ALLOW_PLAIN_HTTP": "true",
           "GITHUB_TOKEN_PARAMETER": stack["github_token_parameter"], "AWS_LAMBDA_LOG_LEVEL": "DEBUG",
           "RETRY_DELAY_SECONDS": "1", "GATHER_SECONDS": "0"}
    orch = Harness("workflow-orchestrator", ORCHESTRATOR, env, work)
    callback = Harness("agent-callback", CALLBACK, {
        "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_ENDPOINT_URL": moto, "HISTORY_TABLE": stack["history_table"], "LOCKS_TABLE": stack["locks_table"],
        "REMEDIATIONS_TABLE": stack["remediations_table"], "ALERT_TOPIC_ARN": stack["alert_topic_arn"],
        "EVENT_BUS_NAME": stack["event_bus_name"], "METRICS_NAMESPACE": stack["metrics_namespace"]}, work)

    def deployment(arn):
        dep = "dep-" + uuid.uuid4().hex[:8]
        ddb.put_item(TableName=stack["metadata_table"], Item={
            "deployment_id": {"S": dep}, "resource_arn": {"S": arn},
            "deployed_at": {"S": "2025-12-01T08:00:00Z"}, "deployment_status": {"S": "success"},
            "git_commit_sha": {"S": "c0ffee"}, "git_branch": {"S": "main"},
            "tfvars_path": {"S": "prod.tfvars"}, "workspace": {"S": "prod"}, "environment": {"S": "production"},
            "terraform_address": {"S": "aws_s3_bucket_versioning.data"},
            "terraform_addresses": {"L": [{"S": "aws_s3_bucket_versioning.data"}]},
            "state_bucket": {"S": stack["state_bucket"]}, "state_key": {"S": "k/terraform.tfstate"},
            "state_region": {"S": "us-east-1"}, "policy_version": {"S": "v1.0.0"},
            "tags": {"M": {"ManagedBy": {"S": "terraform"}, "AutoRevert": {"S": "true"}}}})
        return dep

    def dispatches(event_id):
        out = []
        for r in json.loads(http("GET", gh + "/_stand-in/requests")):
            try:
                body = json.loads(r.get("body") or "{}")
            except ValueError:
                continue
            if event_id in body.get("client_payload", {}).get("drift_event_ids", []) and r.get("status") == 204:
                out.append(body["client_payload"])
        return out

    def item(event_id):
        got = ddb.get_item(TableName=stack["history_table"], ConsistentRead=True, Key={
            "drift_event_id": {"S": event_id}, "timestamp": {"S": "2025-12-05T10:30:00Z"}}).get("Item")
        return got or {}

    def invoke_in_background(payload):
        result = {}
        t = threading.Thread(target=lambda: result.update(
            zip(("error", "body"), orch.invoke(payload))), daemon=True)
        t.start()
        return t, result

    def kill_when_held(pattern, after=None):
        http("POST", proxy + "/__fault/hold", pattern)
        for _ in range(300):
            if int(http("GET", proxy + "/__fault/held")) > 0 and (after is None or after()):
                break
            time.sleep(0.1)
        held = int(http("GET", proxy + "/__fault/held"))
        killed = orch.kill_runtime()
        http("DELETE", proxy + "/__fault/hold?drop")  # the held call dies with the process
        return held, killed

    def wait_for_lease(event_id):
        until = int(item(event_id).get("lease_until", {}).get("N", "0"))
        check(0 < until - time.time() <= TIMEOUT_S + 6,
              f"the lease ends with the invocation's deadline + 5 s ({until - time.time():.0f} s left)")
        time.sleep(max(0, until - time.time()) + 1.5)

    try:
        http("DELETE", gh + "/_stand-in/script")
        # (a) killed before the request reaches GitHub.
        arn_a, ev_a = f"arn:aws:s3:::bucket-a-{suffix}", f"evt-a-{suffix}"
        deployment(arn_a)
        payload_a = sns_event(drift_event(ev_a, arn_a), f"sns-a-{suffix}")
        t, res = invoke_in_background(payload_a)
        held, killed = kill_when_held(stack["remediations_table"])
        t.join(60)
        check(held == 1 and killed, f"(a) killed while its remediation write was held (held {held}, pids {killed})")
        check(res.get("error") != "", f"(a) the killed invocation failed ({res})")
        check(dispatches(ev_a) == [], "(a) nothing reached GitHub")
        check(item(ev_a).get("status", {}).get("S") == "received", "(a) the item is left received")
        wait_for_lease(ev_a)
        err, body = orch.invoke(payload_a)
        outcome = json.loads(body)["records"][0]["outcome"] if not err else body
        check(outcome == "dispatched", f"(a) the redelivery dispatched ({outcome})")
        check(len(dispatches(ev_a)) == 1, f"(a) one dispatch ({len(dispatches(ev_a))})")

        # (b) killed after GitHub's 204, before the history update.
        arn_b, ev_b = f"arn:aws:s3:::bucket-b-{suffix}", f"evt-b-{suffix}"
        deployment(arn_b)
        payload_b = sns_event(drift_event(ev_b, arn_b), f"sns-b-{suffix}")
        t, res = invoke_in_background(payload_b)
        held, killed = kill_when_held("dispatched_at", after=lambda: len(dispatches(ev_b)) == 1)
        t.join(60)
        check(held == 1 and killed and len(dispatches(ev_b)) == 1,
              "(b) killed after GitHub accepted, while the history update was held")
        check(item(ev_b).get("status", {}).get("S") == "received", "(b) the item is left received")
        # The remediation lock is held by this very event: the redelivery takes it again.
        wait_for_lease(ev_b)
        err, body = orch.invoke(payload_b)
        outcome = json.loads(body)["records"][0]["outcome"] if not err else body
        check(outcome == "dispatched", f"(b) the redelivery dispatched again ({outcome})")
        sent = dispatches(ev_b)
        ids = {p["remediation_id"] for p in sent}
        check(len(sent) == 2 and len(ids) == 1, f"(b) both dispatches name one remediation ({ids})")
        rem = ids.pop() if ids else ""
        answers = []
        for run in ("run-1", "run-2"):
            err, body = callback.invoke(json.dumps({"action": "claim", "remediation_id": rem, "run_id": run}))
            answers.append(json.loads(body).get("errorType", "claimed") if err else "claimed")
        check(sorted(answers) == ["AlreadyClaimed", "claimed"],
              f"(b) one workflow run claims it, the other gets AlreadyClaimed ({answers})")

        # (c) GitHub hangs past the deadline.
        arn_c, ev_c = f"arn:aws:s3:::bucket-c-{suffix}", f"evt-c-{suffix}"
        deployment(arn_c)
        http("POST", gh + "/_stand-in/script", json.dumps([{"delay_ms": (TIMEOUT_S + 10) * 1000}]))
        started = time.time()
        err, body = orch.invoke(sns_event(drift_event(ev_c, arn_c), f"sns-c-{suffix}"))
        took = time.time() - started
        http("DELETE", gh + "/_stand-in/script")
        check(took < TIMEOUT_S, f"(c) the function answered before its deadline ({took:.1f} s)")
        try:
            rec = json.loads(json.loads(body)["errorMessage"] if err else body)["records"][0]
        except (ValueError, KeyError, IndexError):
            rec = {"outcome": body}
        check(rec["outcome"] in ("retry_scheduled", "error") and rec["outcome"] != "duplicate",
              f"(c) the record goes back to its queue ({rec['outcome']}: {rec.get('detail', '')[:160]})")
        status = item(ev_c).get("status", {}).get("S")
        queued = []
        for _ in range(5):
            got = sqs.receive_message(QueueUrl=stack["retry_queue_url"], MaxNumberOfMessages=10,
                                      WaitTimeSeconds=1).get("Messages", [])
            queued += [m["Body"] for m in got if ev_c in m["Body"]]
            if queued:
                break
        check((status == "retry_scheduled" and queued) or (rec["outcome"] == "error" and status == "received"),
              f"(c) history {status}, {len(queued)} retry message(s)")
    finally:
        orch.stop()
        callback.stop()
        subprocess.call([sys.executable, os.path.join(FIXTURES, "fault_proxy.py"), "stop", proxy_dir])
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all kill points observed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
