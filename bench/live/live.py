#!/usr/bin/env python3
"""The live path, measured on the local stack: how fast a console change becomes a finding.

Sets up what the story sets up (scripts/story.py: moto, the GitHub stand-in, the harness
serving the three real bootstraps with the change-events queue pumped into the scanner, infra/
and the sample workspace deployed with Terraform), runs one full scan (it writes the resource
index the live path reads), then:

  1. with the settle delay (the stack as deployed: the change-events queue's delay and the
     scanner's CHANGE_SETTLE_SECONDS, both infra's change_settle_seconds, default 10): CHANGES
     console-like changes to the web security group (each opens one more port to 0.0.0.0/0;
     the group is managed and not opted in, so each gives a finding and no revert), each
     followed by the CloudTrail event AWS would deliver (AuthorizeSecurityGroupIngress by an
     assumed-role session) on the change-events queue, one every SPACING seconds;
  2. without it: a second harness serves the same scanner zip with the stack's configuration
     but CHANGE_SETTLE_SECONDS=0, pumping a queue without delay; the same number of changes
     (each closes one of those ports again) and their events go there;
  3. events per second per invocation: ten changes, then one direct invocation of the second
     scanner with their ten events as one SQS batch, timed (three times); and ten events on
     eight resources of seven types the same way (three times).

The time from a change to its finding is from just before the console call to the moment the
targeted report (reports/platform/prod/changes/<time>-<event id>.json) is listed in S3; a
report names the newest event of its batch, and counts as the finding of every earlier change
still waiting. CloudTrail's own delivery delay (typically minutes: from the call to the event
on the default bus) cannot be measured here: the events are put on the queue by this script at
the time of the change, so every figure here comes on top of it.

Usage: python3 bench/live/live.py [--build-dir build] [--changes 50] [--spacing 2] [--work-dir DIR]
Leaves nothing running, also when interrupted. Takes about nine minutes.
"""
import argparse
import json
import math
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import story  # noqa: E402

ID = re.compile(r"changes/[^/]*?-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$")


def nearest_rank(values, q):
    v = sorted(values)
    return v[max(1, math.ceil(q * len(v))) - 1] if v else float("nan")


def open_rule(ec2, group, port, revoke=False):
    perm = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    (ec2.revoke_security_group_ingress if revoke else ec2.authorize_security_group_ingress)(
        GroupId=group, IpPermissions=perm)


def run_changes(st, sqs, ec2, queue, ports, revoke, spacing, seen, timeout):
    """Each change, then its event on the queue; returns the seconds from each change to the
    targeted report that covers it."""
    person = story.assumed_identity("PlatformAdmin", "bench@example.com")
    group = st.prod["security_group_id"]
    bucket = st.outputs["report_bucket"]
    sent = []  # (event id, time of the change)
    found = {}

    def poll():
        now = time.time()
        for key in story.change_reports(st.s3, bucket):
            if key in seen:
                continue
            seen.add(key)
            m = ID.search(key)
            order = [e for e, _ in sent]
            if m and m.group(1) in order:
                j = order.index(m.group(1))
                for eid, t in sent[:j + 1]:
                    found.setdefault(eid, now - t)

    for port in ports:
        t = time.time()
        open_rule(ec2, group, port, revoke)
        name = "RevokeSecurityGroupIngress" if revoke else "AuthorizeSecurityGroupIngress"
        ev = story.ingress_event(person, group, port, name, at=t)
        sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(ev))
        sent.append((ev["detail"]["eventID"], t))
        while time.time() < t + spacing:
            poll()
            time.sleep(0.2)
    end = time.time() + timeout
    while len(found) < len(sent) and time.time() < end:
        poll()
        time.sleep(0.2)
    own = sum(1 for k in seen if ID.search(k) and ID.search(k).group(1) in dict(sent))
    return [found[e] for e, _ in sent if e in found], len(sent), own


def start_second_scanner(st, build, work, queue):
    """The same scanner zip and stack configuration, CHANGE_SETTLE_SECONDS=0, pumping queue."""
    name = st.outputs["function_names"]["drift-scanner"]
    port = story.free_port()
    port_file = os.path.join(work, "harness-nosettle.port")
    cmd = [os.path.join(build, "harness", "lambda-harness"), "--port", str(port), "--port-file", port_file,
           "--log-file", os.path.join(work, "lambda-nosettle.log"),
           "--function", name, "--zip", os.path.join(build, "dist", "drift-scanner.zip"), "--from-aws", name,
           "--env", f"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{port}", "--env", "CHANGE_SETTLE_SECONDS=0",
           "--timeout", "300", "--sqs", queue, "--pass-env", "TF_CLI_CONFIG_FILE"]
    story.start(cmd, os.path.join(work, "harness-nosettle.log"), env=dict(st.env, AWS_ENDPOINT_URL=st.endpoint))
    return f"http://127.0.0.1:{story.wait_file(port_file, 'the second harness')}", name


def mixed_events(st, person, port):
    """Ten events on eight resources of seven types (the data bucket, its versioning, encryption,
    policy and public access block, the artifacts bucket, the security group, the instance):
    one real change (one more port open on the group), the rest calls that left things as they
    were, each read back all the same."""
    ec2 = story.boto3.client("ec2", **st.kw)
    group, data = st.prod["security_group_id"], st.prod["data_bucket"]
    arts = st.prod.get("artifacts_bucket") or data
    open_rule(ec2, group, port)

    def s3(name, bucket, extra=None):
        return story.change_event(person, "s3.amazonaws.com", name, {
            "bucketName": bucket, "Host": f"{bucket}.s3.amazonaws.com", **(extra or {})})
    return [s3("PutBucketTagging", data, {"tagging": ""}), s3("PutBucketVersioning", data, {"versioning": ""}),
            s3("PutBucketEncryption", data, {"encryption": ""}), s3("PutBucketPolicy", data, {"policy": ""}),
            story.pab_event(person, data, True), s3("PutBucketTagging", arts, {"tagging": ""}),
            story.ingress_event(person, group, port),
            story.change_event(person, "ec2.amazonaws.com", "ModifyInstanceAttribute",
                               {"instanceId": st.prod["instance_id"], "disableApiTermination": {"value": False}}),
            story.ingress_event(person, group, port), s3("PutBucketTagging", data, {"tagging": ""})]


def sqs_batch(bodies):
    return {"Records": [{"messageId": str(uuid.uuid4()), "receiptHandle": "h", "body": b, "attributes": {},
                         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                         "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:change-events",
                         "awsRegion": "us-east-1"} for b in bodies]}


def summary(label, values, n):
    if not values:
        return f"{label:34} no finding of {n} changes"
    return (f"{label:34} median {statistics.median(values):5.1f} s   p95 {nearest_rank(values, 0.95):5.1f} s   "
            f"max {max(values):5.1f} s   ({len(values)} of {n} changes found)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work-dir")
    ap.add_argument("--changes", type=int, default=50)
    ap.add_argument("--spacing", type=float, default=2.0, help="seconds between two changes")
    a = ap.parse_args()
    if a.changes < 1:
        ap.error("--changes must be at least 1")
    build = os.path.abspath(a.build_dir)
    work = os.path.abspath(a.work_dir or tempfile.mkdtemp(prefix="drift-live-"))
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        st = story.set_up(build, work, "native")
        sqs, ec2 = story.boto3.client("sqs", **st.kw), story.boto3.client("ec2", **st.kw)
        scanner = st.outputs["function_names"]["drift-scanner"]
        base = story.scan(st.lam, scanner, st.s3, st.outputs["report_bucket"])
        if any(d["change"] != "unmanaged" for d in base.get("drifts", [])):
            raise story.StoryError(f"the fresh workspace already drifts: {json.dumps(base)[:600]}")
        queue = story.change_queue_url(st.outputs)
        senv = story.scanner_environment(st)
        settle = int(senv.get("CHANGE_SETTLE_SECONDS", "10"))
        delay = int(sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["DelaySeconds"])
                    ["Attributes"]["DelaySeconds"])
        seen = set(story.change_reports(st.s3, st.outputs["report_bucket"]))
        ports = list(range(1000, 1000 + a.changes))

        story.step(6, f"{a.changes} changes with the settle delay (queue delay {delay}s, "
                      f"CHANGE_SETTLE_SECONDS {settle}), one every {a.spacing:g}s")
        t0 = time.time()
        with_settle, n1, own1 = run_changes(st, sqs, ec2, queue, ports, False, a.spacing, seen, settle + 120)
        story.detail(f"{len(with_settle)} of {n1} found ({own1} reports named by their own event) "
                     f"in {time.time() - t0:.0f}s")

        story.step(7, f"{a.changes} changes without it (a second scanner: CHANGE_SETTLE_SECONDS 0, "
                      f"a queue without delay)")
        fast_queue = sqs.create_queue(QueueName="bench-change-events-nodelay",
                                      Attributes={"DelaySeconds": "0", "VisibilityTimeout": "300"})["QueueUrl"]
        url, name = start_second_scanner(st, build, work, fast_queue)
        t0 = time.time()
        without, n2, own2 = run_changes(st, sqs, ec2, fast_queue, ports, True, a.spacing, seen, 120)
        story.detail(f"{len(without)} of {n2} found ({own2} reports named by their own event) "
                     f"in {time.time() - t0:.0f}s")

        story.step(8, "Events per second per invocation: ten events in one direct invocation (settle 0)")
        person = story.assumed_identity("PlatformAdmin", "bench@example.com")
        group = st.prod["security_group_id"]
        rates = []
        lam = story.boto3.client("lambda", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test",
                                 aws_secret_access_key="test",
                                 config=story.boto3.session.Config(read_timeout=300, retries={"max_attempts": 0}))
        for r in range(3):
            bodies = []
            for port in range(2000 + 10 * r, 2010 + 10 * r):
                t = time.time()
                open_rule(ec2, group, port)
                bodies.append(json.dumps(story.ingress_event(person, group, port, at=t)))
            t0 = time.time()
            resp = lam.invoke(FunctionName=name, Payload=json.dumps(sqs_batch(bodies)).encode())
            took = time.time() - t0
            answer = json.loads(resp["Payload"].read() or b"{}")
            if resp.get("FunctionError") or answer.get("batchItemFailures"):
                raise story.StoryError(f"the batch was not checked: {answer}")
            rates.append(len(bodies) / took)
            story.detail(f"batch {r + 1}: 10 events in {took:.2f}s, {len(answer.get('reports', []))} report(s)")

        mixed = []
        for r in range(3):
            bodies = [json.dumps(e) for e in mixed_events(st, person, 2100 + r)]
            t0 = time.time()
            resp = lam.invoke(FunctionName=name, Payload=json.dumps(sqs_batch(bodies)).encode())
            took = time.time() - t0
            answer = json.loads(resp["Payload"].read() or b"{}")
            if resp.get("FunctionError") or answer.get("batchItemFailures"):
                raise story.StoryError(f"the mixed batch was not checked: {answer}")
            mixed.append(len(bodies) / took)
            story.detail(f"mixed batch {r + 1}: {len(bodies)} events on 8 resources in {took:.2f}s")
        print(f"\nLive path on the local stack (moto, the harness, the real scanner bootstrap); "
              f"{a.changes} changes each, one every {a.spacing:g}s")
        print(summary(f"change to finding, settle {settle}s", with_settle, n1))
        print(summary("change to finding, settle 0", without, n2))
        print(f"{'events per second per invocation':34} median {statistics.median(rates):.1f} "
              f"(10 events on one resource, one read); {statistics.median(mixed):.1f} "
              f"(10 events on 8 resources of 7 types)")
        p95 = nearest_rank(with_settle, 0.95)
        print(f"goal: p95 < 60 s including the settle delay: {'met' if p95 < 60 else 'NOT met'} ({p95:.1f} s)")
        print("CloudTrail's own delivery delay (the call to the event on the bus) cannot be measured here: "
              "it comes on top of these figures.")
        with open(os.path.join(work, "live.json"), "w") as f:
            json.dump({"with_settle": with_settle, "without_settle": without, "rates": rates, "mixed_rates": mixed,
                       "settle": settle, "queue_delay": delay, "spacing": a.spacing}, f, indent=2)
        ok = len(with_settle) == n1 and len(without) == n2
        return 0 if ok else 1
    except story.StoryError as e:
        print(f"\nBENCH FAILED: {e}\nLogs: {work}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        story.stop_all()


if __name__ == "__main__":
    sys.exit(main())
