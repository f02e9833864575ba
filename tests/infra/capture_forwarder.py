#!/usr/bin/env python3
"""infra.capture_forwarder: modules/change-forwarder, applied in another region,
forwards the supported write calls to the central default bus, and only them.

On its own moto_server (the central default bus must hold no rule but ours):
`terraform apply` of the module in us-west-2, its central_event_bus_arn the
default bus of us-east-1; checked through the AWS APIs (the rule's pattern is
the change-pattern module's, its one target is the central bus through the
module's role, which may only put events on that bus). The central capture
rule is stood in for by a rule with the same pattern on the us-east-1 default
bus targeting a queue. Then an IAM CreateUser record (from
DRIFT_CLOUDTRAIL_VECTORS, default ../shared/vectors/events/aws-cloudtrail-user-guide)
put on the us-west-2 default bus arrives on that queue; its read-only copy and
a record of an unsupported service do not.

usage: capture_forwarder.py [--infra DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

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
CENTRAL_BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"
CONFIG = """provider "aws" {
  region = "us-west-2"
}

module "forwarder" {
  source                = "./modules/change-forwarder"
  central_event_bus_arn = "%s"
  name                  = "drift-detection-change-forward-test"
}

output "rule_arn" {
  value = module.forwarder.rule_arn
}
output "role_arn" {
  value = module.forwarder.role_arn
}
output "event_pattern" {
  value = module.forwarder.event_pattern
}
""" % CENTRAL_BUS

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def as_list(v):
    return v if isinstance(v, list) else [v]


def run(cmd, cwd, env, log):
    with open(log, "w") as f:
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        print(open(log).read()[-4000:])
        sys.exit(f"FAIL: {' '.join(cmd[:2])} exited {r.returncode}")


def check(endpoint, work, infra):
    cfg = os.path.join(work, "forwarder")
    os.makedirs(os.path.join(cfg, "modules"))
    for m in ("change-forwarder", "change-pattern"):
        shutil.copytree(os.path.join(infra, "modules", m), os.path.join(cfg, "modules", m),
                        ignore=shutil.ignore_patterns(".terraform*", "terraform.tfstate*"))
    open(os.path.join(cfg, "main.tf"), "w").write(CONFIG)
    open(os.path.join(work, "terraform.rc"), "w").write(MIRROR_RC)
    env = dict(os.environ, TF_CLI_CONFIG_FILE=os.path.join(work, "terraform.rc"), TF_IN_AUTOMATION="1",
               TF_INPUT="0", AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"):
        env.pop(k, None)
    start = time.time()
    run(["terraform", "init", "-input=false", "-no-color"], cfg, env, os.path.join(work, "init.log"))
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], cfg, env, os.path.join(work, "apply.log"))
    out = {k: v["value"] for k, v in json.loads(subprocess.run(
        ["terraform", "output", "-json"], cwd=cfg, env=env, capture_output=True, text=True, check=True).stdout).items()}
    print(f"modules/change-forwarder applied in us-west-2 in {time.time() - start:.1f} s")

    os.environ.update(AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
    west, east = boto3.client("events", region_name="us-west-2"), boto3.client("events", region_name="us-east-1")
    iam, sqs = boto3.client("iam", region_name="us-east-1"), boto3.client("sqs", region_name="us-east-1")
    pattern = json.loads(out["event_pattern"])
    rule_name = out["rule_arn"].rsplit("/", 1)[1]
    rule = west.describe_rule(Name=rule_name)
    expect(out["rule_arn"].startswith("arn:aws:events:us-west-2:") and json.loads(rule["EventPattern"]) == pattern
           and pattern["detail"]["readOnly"] == [False],
           "the forwarding rule on us-west-2's default bus has the capture pattern")
    targets = west.list_targets_by_rule(Rule=rule_name)["Targets"]
    expect([(t["Arn"], t.get("RoleArn")) for t in targets] == [(CENTRAL_BUS, out["role_arn"])],
           "its one target is the central default bus, through the module's role")
    role = out["role_arn"].rsplit("/", 1)[1]
    trust = iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    expect(role.endswith("-us-west-2") and
           [s["Principal"].get("Service") for s in as_list(trust["Statement"])] == ["events.amazonaws.com"],
           f"role {role} (one per region) is assumed by EventBridge only")
    sts = []
    for p in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        doc = iam.get_role_policy(RoleName=role, PolicyName=p)["PolicyDocument"]
        doc = json.loads(doc) if isinstance(doc, str) else doc
        sts += as_list(doc["Statement"])
    expect([(as_list(s["Action"]), as_list(s["Resource"])) for s in sts] == [(["events:PutEvents"], [CENTRAL_BUS])],
           "the role may only put events on the central bus")

    # The central stack's capture rule, in short: the same pattern on the central default bus.
    queue = sqs.create_queue(QueueName="central-change-events")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    east.put_rule(Name="central-change-capture", EventPattern=json.dumps(pattern))
    east.put_targets(Rule="central-change-capture", Targets=[{"Id": "queue", "Arn": qarn}])

    vectors = os.environ.get("DRIFT_CLOUDTRAIL_VECTORS") or os.path.join(
        os.environ.get("DRIFT_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "../../../shared"),
        "vectors/events/aws-cloudtrail-user-guide")
    path = os.path.join(vectors, "iam-CreateUser.json")
    if not expect(os.path.isfile(path), f"{path} exists"):
        return
    record = json.load(open(path))
    record.setdefault("readOnly", False)  # the guide's sample predates the field
    cases = [("IAM CreateUser", dict(record), "aws.iam", True),
             ("IAM CreateUser, readOnly true", dict(record, readOnly=True), "aws.iam", False),
             ("an unsupported service", dict(record, eventSource="cloudtrail.amazonaws.com"), "aws.cloudtrail", False)]
    for label, rec, source, _ in cases:
        rec["eventID"] = str(uuid.uuid4())
        r = west.put_events(Entries=[{"Source": source, "DetailType": "AWS API Call via CloudTrail",
                                      "Detail": json.dumps(rec)}])
        expect(r["FailedEntryCount"] == 0, f"PutEvents in us-west-2: {label}")
    got = {}
    deadline = time.time() + 5
    while time.time() < deadline:
        msgs = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        for m in msgs:
            body = json.loads(m["Body"])
            got[body["detail"]["eventID"]] = body
        if not msgs and got:
            break
    for label, rec, _, arrive in cases:
        body = got.pop(rec["eventID"], None)
        if arrive:
            expect(body is not None and body["detail"]["eventName"] == rec["eventName"],
                   f"forwarded to the central queue: {label}")
        else:
            expect(body is None, f"not forwarded: {label}")
    expect(not got, "nothing else arrived")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--infra", default=os.path.join(here, "../../infra"))
    args = ap.parse_args()
    fixture = os.path.join(here, "../fixtures/moto_fixture.py")
    with tempfile.TemporaryDirectory(prefix="drift-capture-forwarder-") as work:
        state = os.path.join(work, "moto")
        if subprocess.run([sys.executable, fixture, "start", state]).returncode != 0:
            return 1
        try:
            check(open(os.path.join(state, "endpoint")).read().strip(), work, os.path.abspath(args.infra))
        finally:
            subprocess.run([sys.executable, fixture, "stop", state])
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
