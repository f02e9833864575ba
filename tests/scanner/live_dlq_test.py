#!/usr/bin/env python3
"""The live path's bad input, observed from outside: what keeps failing reaches the DLQ, what
cannot be read is acknowledged and counted.

The real scanner bootstrap is served by the harness, which pumps a change-events queue into it
(as Lambda's event-source mapping does: it deletes only what the function did not report in
`batchItemFailures`). The queue has a DLQ, maxReceiveCount 2 and a visibility timeout of 1 s.
A workspace manages a security group and a full scan writes the resource index; the change
journal's table is gone, so checking a change to that group writes its targeted report and
then fails on the journal, which the live path retries. One batch carries that change and a
message that is not JSON. Observed through moto's own APIs: the change ends in the DLQ after
two receives, the source queue is empty, the malformed message was deleted (never in the DLQ)
and counted in ChangeEventsIgnored (Reason=malformed) in the test's own metrics namespace.
Usage: live_dlq_test.py HARNESS BOOTSTRAP (moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live_test import ACCOUNT, assumed, event, invoke, sqs_batch, state_of  # noqa: E402

MAX_RECEIVES = 2


def main(harness, bootstrap):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    suffix = "dlq" + uuid.uuid4().hex[:8]
    src = os.environ.get("DRIFT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    stack = json.loads(subprocess.run([sys.executable, os.path.join(src, "tests/fixtures/make_stack.py"),
                                       endpoint, suffix], check=True, capture_output=True, text=True).stdout)
    s3, ec2, sqs = boto3.client("s3", **kw), boto3.client("ec2", **kw), boto3.client("sqs", **kw)
    cw = boto3.client("cloudwatch", **kw)

    # What the workspace manages, as Terraform left it.
    vpc_id = ec2.create_vpc(CidrBlock="10.43.0.0/16")["Vpc"]["VpcId"]
    tags = {"ManagedBy": "terraform", "LiveRun": suffix}
    gid = ec2.create_security_group(GroupName=f"web-{suffix}", Description="web", VpcId=vpc_id,
                                    TagSpecifications=[{"ResourceType": "security-group", "Tags": [
                                        {"Key": k, "Value": v} for k, v in tags.items()]}])["GroupId"]
    group = ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]
    bucket = f"data-{suffix}"
    s3.create_bucket(Bucket=bucket)
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    name = f"platform-{suffix}"
    s3.put_object(Bucket=stack["state_bucket"], Key=f"env:/prod/{name}/terraform.tfstate",
                  Body=json.dumps(state_of(group, vpc_id, bucket, tags)))
    targets = [{"name": name, "account_id": ACCOUNT, "region": "us-east-1",
                "state": {"bucket": stack["state_bucket"], "key": f"{name}/terraform.tfstate",
                          "region": "us-east-1", "workspaces": ["prod"]}}]
    reports_bucket = stack["report_bucket"]

    # The change-events queue as infra/ gives it a DLQ, with a short visibility timeout.
    dlq = sqs.create_queue(QueueName=f"change-events-dlq-{suffix}")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue = sqs.create_queue(QueueName=f"change-events-{suffix}", Attributes={
        "VisibilityTimeout": "1",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVES)})})["QueueUrl"]

    work = tempfile.mkdtemp(prefix="live-dlq-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fn = "drift-scanner"
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    namespace = f"DriftLiveDlq/{suffix}"
    # The journal's table does not exist: each check of a managed change fails on its write.
    # No alert topic, drift topic or drifts table: the journal is the only output that fails.
    settings = {"SCAN_TARGETS": json.dumps(targets), "REPORT_BUCKET": reports_bucket, "SCAN_ENGINE": "native",
                "UNMANAGED_SCOPE_TAGS": f"LiveScope={suffix}",
                "CHANGE_JOURNAL_TABLE": f"{stack['change_journal_table']}-gone", "CHANGE_SETTLE_SECONDS": "0",
                "METRICS_NAMESPACE": namespace}
    cmd = [harness, "--port", str(port), "--port-file", os.path.join(work, "port"), "--function", fn,
           "--bootstrap", bootstrap, "--timeout", "60", "--sqs", queue, "--batch-size", "10"]
    for k, v in settings.items():
        cmd += ["--env", f"{k}={v}"]
    log = open(os.path.join(work, "harness.log"), "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
    failures = []

    def expect(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    def counts(url):
        a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        return int(a["ApproximateNumberOfMessages"]), int(a["ApproximateNumberOfMessagesNotVisible"])

    stopped = False
    try:
        for _ in range(300):
            if os.path.exists(os.path.join(work, "port")) and open(os.path.join(work, "port")).read().strip():
                break
            time.sleep(0.05)
        t0 = time.time()
        full = invoke(port, fn, {"target": name})
        expect(full.get("exit_code") == 0, f"full scan: no drift, the resource index written ({full})")

        # A change to the managed group, as EventBridge delivers it.
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
        changed = event(assumed("Admin", "jane@example.com"), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                        {"groupId": gid}, "ec2")
        body = json.dumps(changed)

        # The function's own answer: the change is asked for again, because of the journal.
        probe = sqs_batch([body])
        answer = invoke(port, fn, probe)
        expect(answer.get("batchItemFailures") == [{"itemIdentifier": probe["Records"][0]["messageId"]}]
               and any("change journal" in e for e in answer.get("errors", [])),
               f"the journal's failed write puts the change in batchItemFailures ({answer})")
        expect(len(answer.get("reports", [])) == 1 and answer["reports"][0].get("drifted", 0) >= 1,
               "the change itself was checked (its targeted report, the drift)")

        # One batch on the queue: the change and a message that is not JSON.
        sent = sqs.send_message_batch(QueueUrl=queue, Entries=[
            {"Id": "change", "MessageBody": body}, {"Id": "malformed", "MessageBody": "{not json"}])
        ids = {e["Id"]: e["MessageId"] for e in sent.get("Successful", [])}
        expect(set(ids) == {"change", "malformed"}, "both messages on the change-events queue")

        moved = False
        t1 = time.time()
        while time.time() - t1 < 30:
            if counts(dlq)[0] >= 1 and counts(queue) == (0, 0):
                moved = True
                break
            time.sleep(0.5)
        print(f"waited {time.time() - t1:.1f} s for the DLQ")
        expect(moved, f"the DLQ took a message and the source queue emptied (dlq {counts(dlq)}, queue {counts(queue)})")
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        stopped = True

        dead = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                   AttributeNames=["All"]).get("Messages", [])
        expect([m["MessageId"] for m in dead] == [ids.get("change")] and dead[0]["Body"] == body,
               f"the DLQ holds the change only, not the malformed message ({[m['MessageId'] for m in dead]})")
        # Moved on the receive after its second; this read is its third.
        got = [int(m["Attributes"]["ApproximateReceiveCount"]) for m in dead]
        expect(got == [MAX_RECEIVES + 1],
               f"the change was received {MAX_RECEIVES} times from the queue (ApproximateReceiveCount {got}, this read included)")
        left = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        expect(counts(queue) == (0, 0) and not left, "the source queue is empty (the malformed message deleted)")

        # ChangeEventsIgnored in the test's namespace: the malformed message, counted once.
        now = datetime.datetime.now(datetime.timezone.utc)
        listed = cw.list_metrics(Namespace=namespace)["Metrics"]
        reasons = sorted({d["Value"] for m in listed if m["MetricName"] == "ChangeEventsIgnored"
                          for d in m["Dimensions"] if d["Name"] == "Reason"})
        st = cw.get_metric_statistics(Namespace=namespace, MetricName="ChangeEventsIgnored",
                                      Dimensions=[{"Name": "Reason", "Value": "malformed"}],
                                      StartTime=now - datetime.timedelta(hours=1),
                                      EndTime=now + datetime.timedelta(minutes=5), Period=3600, Statistics=["Sum"])
        malformed = sum(d["Sum"] for d in st["Datapoints"])
        expect(reasons == ["malformed"] and malformed == 1,
               f"ChangeEventsIgnored counts the malformed message once, and nothing else ({reasons}, {malformed})")
        print(f"bad input observed in {time.time() - t0:.1f} s")
    finally:
        if not stopped:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
    if failures:
        print(open(os.path.join(work, "harness.log")).read()[-4000:], file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
