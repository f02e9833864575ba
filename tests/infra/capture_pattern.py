#!/usr/bin/env python3
"""infra.capture_pattern: the change-capture rule lets exactly the write calls
of the supported services through, and the capture half of infra/ plans as
the scanner's consumer expects it.

moto cannot turn API calls into "AWS API Call via CloudTrail" events on its
default bus, so the rule's own pattern is replayed on a custom bus in moto
with an SQS target. The pattern is not a copy: it is read from `terraform show
-json` of a plan of infra/ against the moto fixture. The events are
built from the CloudTrail records in DRIFT_CLOUDTRAIL_VECTORS (default
../shared/vectors/events/aws-cloudtrail-user-guide; fails when it holds none),
each wrapped in the envelope EventBridge gives it, plus: a readOnly copy of
each matching record, a record of a service no type declares, and a matching
record under another detail-type. Each must arrive on the queue exactly when
its eventSource is in the pattern and readOnly is false.

Before it, `terraform validate` of infra/ and of examples/change-forwarder
(which calls modules/change-forwarder). The plan (create_cloudtrail = true,
one member account, event-source mappings on: the production shape) is
checked for the contract the scanner's consumer relies on: queue and
dead-letter queue, the mapping, the journal table, the default bus's
permission, the trail. What a plan cannot know yet (the redrive policy, the
scanner's environment and rights) is checked on the applied stack by
infra.apply_destroy (capture_live.py). moto cannot start logging a trail by
its ARN, so the trail is validated and planned, never applied.

usage: capture_pattern.py [--infra DIR]
Environment: DRIFT_MOTO_DIR (the moto fixture's folder with its endpoint file),
DRIFT_DIST_DIR (function zips; placeholders are made when missing),
DRIFT_CLOUDTRAIL_VECTORS, DRIFT_SHARED_DIR.
"""
import argparse
import copy
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

import boto3

MIRROR_RC = """provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
"""
FUNCTIONS = ["workflow-orchestrator", "agent-callback", "drift-scanner"]
MEMBER = "111111111111"

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def run(cmd, cwd, env, log):
    with open(log, "w") as f:
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        print(open(log).read()[-4000:])
        sys.exit(f"FAIL: {' '.join(cmd[:3])} exited {r.returncode}")


def plan(src_infra, endpoint, work):
    """terraform validate, then plan of infra/ with create_cloudtrail against
    moto; returns `terraform show -json` of the plan."""
    infra = os.path.join(work, "infra")
    shutil.copytree(src_infra, infra, ignore=shutil.ignore_patterns(".terraform", "terraform.tfstate*"))
    rc = os.path.join(work, "terraform.rc")
    open(rc, "w").write(MIRROR_RC)
    env = dict(os.environ, TF_CLI_CONFIG_FILE=rc, TF_IN_AUTOMATION="1", TF_INPUT="0",
               AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)

    dist = os.environ.get("DRIFT_DIST_DIR", "")
    if not all(os.path.isfile(os.path.join(dist, f + ".zip")) for f in FUNCTIONS):
        dist = os.path.join(work, "dist")
        os.makedirs(dist)
        for f in FUNCTIONS:
            with zipfile.ZipFile(os.path.join(dist, f + ".zip"), "w") as z:
                z.writestr("bootstrap", "#!/bin/sh\nexit 1\n")

    start = time.time()
    run(["terraform", "init", "-input=false", "-no-color"], infra, env, os.path.join(work, "init.log"))
    run(["terraform", "validate", "-no-color"], infra, env, os.path.join(work, "validate.log"))
    expect(True, "terraform validate of infra/ (with the capture files)")
    # The forwarder module, through its example (providers for two accounts; validate calls no AWS).
    example = os.path.join(infra, "examples", "change-forwarder")
    run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], example, env,
        os.path.join(work, "init-example.log"))
    run(["terraform", "validate", "-no-color"], example, env, os.path.join(work, "validate-example.log"))
    expect(True, "terraform validate of examples/change-forwarder (modules/change-forwarder)")
    suffix = f"cap{os.getpid():x}"
    run(["terraform", "plan", "-input=false", "-no-color", "-lock=false", "-out=capture.plan",
         "-var", f"environment_suffix={suffix}", "-var", f"lambda_dist_dir={dist}",
         "-var", "create_cloudtrail=true", "-var", f'member_account_ids=["{MEMBER}"]',
         "-var", 'pipeline_role_arns=["arn:aws:iam::123456789012:role/terraform-pipeline"]'],
        infra, env, os.path.join(work, "plan.log"))
    show = subprocess.run(["terraform", "show", "-json", "capture.plan"], cwd=infra, env=env,
                          capture_output=True, text=True, check=True).stdout
    print(f"validate and plan (create_cloudtrail = true) in {time.time() - start:.1f} s")
    return json.loads(show), suffix


def planned(show):
    out = {}

    def walk(m):
        for r in m.get("resources", []):
            out[r["address"]] = r.get("values") or {}
        for c in m.get("child_modules", []):
            walk(c)
    walk(show["planned_values"]["root_module"])
    return out


def check_plan(show, suffix):
    res = planned(show)
    name = lambda c: f"drift-detection-{c}-{suffix}"
    q = res.get("aws_sqs_queue.change_events", {})
    dlq = res.get("aws_sqs_queue.change_events_dlq", {})
    expect(q.get("name") == name("change-events") and dlq.get("name") == name("change-events-dlq"),
           f"queues {name('change-events')} and {name('change-events-dlq')}")
    scanner = res['aws_lambda_function.fn["drift-scanner"]']
    expect(q.get("visibility_timeout_seconds", 0) >= 6 * scanner["timeout"],
           f"visibility timeout {q.get('visibility_timeout_seconds')} >= 6 x scanner timeout {scanner['timeout']}")
    expect(q.get("delay_seconds") == 10, "delay_seconds = change_settle_seconds (10)")
    esm = res.get("aws_lambda_event_source_mapping.change_events[0]", {})
    expect(esm.get("batch_size") == 10 and esm.get("maximum_batching_window_in_seconds") == 5
           and esm.get("function_response_types") == ["ReportBatchItemFailures"],
           "event-source mapping: batch 10, window 5 s, ReportBatchItemFailures")
    t = res.get("aws_dynamodb_table.change_journal", {})
    expect(t.get("name") == name("change-journal") and t.get("hash_key") == "resource"
           and t.get("range_key") == "event_time" and t.get("billing_mode") == "PAY_PER_REQUEST"
           and sorted((a["name"], a["type"]) for a in t.get("attribute", [])) == [("event_time", "S"), ("resource", "S")]
           and [x["attribute_name"] for x in t.get("ttl", []) if x.get("enabled")] == ["expires_at"]
           and t.get("point_in_time_recovery", [{}])[0].get("enabled") is True,
           "change journal: resource / event_time (S), TTL expires_at, on demand, PITR")
    rule = res.get("aws_cloudwatch_event_rule.change_capture", {})
    expect(rule.get("name") == name("change-capture") and rule.get("event_bus_name") == "default",
           "the capture rule is on the default bus")
    perm = res.get(f'aws_cloudwatch_event_permission.change_forwarder["{MEMBER}"]', {})
    expect(perm.get("principal") == MEMBER and perm.get("action") == "events:PutEvents",
           "the default bus lets the member account put events (forwarders)")
    trail = res.get("aws_cloudtrail.change_capture[0]", {})
    sel = (trail.get("event_selector") or [{}])[0]
    expect(trail.get("is_multi_region_trail") is True and trail.get("include_global_service_events") is True
           and sel.get("read_write_type") == "WriteOnly" and sel.get("include_management_events") is True,
           "create_cloudtrail: multi-region trail, management events, write only, global (IAM) events")
    expect("aws_s3_bucket_policy.trail[0]" in res and res.get("aws_s3_bucket.trail[0]", {}).get("force_destroy"),
           "the trail's bucket (force_destroy) and its policy")
    return json.loads(rule["event_pattern"])


def eventbridge_source(event_source):
    # How EventBridge names a CloudTrail event's source: aws.<service>.
    host = event_source.removesuffix(".amazonaws.com")
    return {"monitoring": "aws.cloudwatch"}.get(host, "aws." + host)


def replay(pattern, endpoint):
    vectors = os.environ.get("DRIFT_CLOUDTRAIL_VECTORS") or os.path.join(
        os.environ.get("DRIFT_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "../../../shared"),
        "vectors/events/aws-cloudtrail-user-guide")
    records = []
    for path in sorted(glob.glob(os.path.join(vectors, "*.json"))):
        rec = json.load(open(path))
        if isinstance(rec, dict) and rec.get("eventSource") and rec.get("eventName"):
            records.append((os.path.basename(path), rec))
    if not expect(records, f"CloudTrail records in {vectors} ({len(records)})"):
        return

    sources = pattern["detail"]["eventSource"]
    events = []  # (label, envelope, should_arrive)

    def add(label, rec, detail_type="AWS API Call via CloudTrail"):
        rec = copy.deepcopy(rec)
        # The user guide's samples predate readOnly and eventID; CloudTrail sets both on
        # every management event it delivers today.
        rec.setdefault("readOnly", False)
        rec["eventID"] = str(uuid.uuid4())
        arrive = (rec["eventSource"] in sources and rec["readOnly"] is False
                  and detail_type == "AWS API Call via CloudTrail")
        events.append((label, rec, detail_type, arrive))

    for label, rec in records:
        add(label, rec)
        if rec["eventSource"] in sources:
            add(label + " (readOnly true)", dict(rec, readOnly=True))
            add(label + " (other detail-type)", rec, "AWS Console Sign In via CloudTrail")
    unsupported = next(s for s in ("cloudtrail", "organizations", "sso", "config", "ce")
                       if f"{s}.amazonaws.com" not in sources)
    add(f"{unsupported}.amazonaws.com (no type declares it)",
        dict(records[0][1], eventSource=f"{unsupported}.amazonaws.com", eventName="UpdateSomething"))
    expect(any(e[3] for e in events) and any(not e[3] for e in events),
           f"{len(events)} events: {sum(e[3] for e in events)} should arrive, {sum(not e[3] for e in events)} not")

    ev, sqs = boto3.client("events"), boto3.client("sqs")
    tag = f"drift-capture-replay-{uuid.uuid4().hex[:8]}"
    bus = ev.create_event_bus(Name=tag)["EventBusArn"]
    queue = sqs.create_queue(QueueName=tag)["QueueUrl"]
    try:
        qarn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        ev.put_rule(Name=tag, EventBusName=tag, EventPattern=json.dumps(pattern))
        ev.put_targets(Rule=tag, EventBusName=tag, Targets=[{"Id": "queue", "Arn": qarn}])
        for label, rec, detail_type, _ in events:
            r = ev.put_events(Entries=[{
                "Source": eventbridge_source(rec["eventSource"]), "DetailType": detail_type,
                "Detail": json.dumps(rec), "EventBusName": bus, "Resources": []}])
            expect(r["FailedEntryCount"] == 0, f"PutEvents {label}")
        got = {}
        deadline = time.time() + 5
        while time.time() < deadline:
            msgs = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            for m in msgs:
                body = json.loads(m["Body"])
                got[body["detail"]["eventID"]] = body
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])
            if not msgs and len(got) >= sum(e[3] for e in events):
                break
        for label, rec, detail_type, arrive in events:
            body = got.pop(rec["eventID"], None)
            if arrive:
                expect(body is not None and body["detail-type"] == detail_type
                       and body["source"] == eventbridge_source(rec["eventSource"])
                       and body["detail"]["eventName"] == rec["eventName"],
                       f"arrives on the queue: {label} ({rec['eventSource']} {rec['eventName']})")
            else:
                expect(body is None, f"does not arrive: {label}")
        expect(not got, f"nothing else arrived ({len(got)})")
    finally:
        ev.remove_targets(Rule=tag, EventBusName=tag, Ids=["queue"])
        ev.delete_rule(Name=tag, EventBusName=tag)
        ev.delete_event_bus(Name=tag)
        sqs.delete_queue(QueueUrl=queue)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--infra", default=os.path.join(here, "../../infra"))
    args = ap.parse_args()
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    os.environ.update(AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                      AWS_DEFAULT_REGION="us-east-1")
    with tempfile.TemporaryDirectory(prefix="drift-capture-") as work:
        show, suffix = plan(args.infra, endpoint, work)
    pattern = check_plan(show, suffix)
    print("the capture rule's pattern:", json.dumps(pattern))
    expect(pattern.get("detail", {}).get("readOnly") == [False] and "anything-but" not in json.dumps(pattern),
           "the pattern keeps write calls only and filters no identity")
    replay(pattern, endpoint)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
