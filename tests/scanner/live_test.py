#!/usr/bin/env python3
"""The live path, observed from outside: the real scanner bootstrap served by the harness checks
CloudTrail change events as EventBridge delivers them (an SQS batch, or one event invoked
directly) and the outputs are read back through moto's own APIs.

A workspace manages a security group (tagged AutoRevert=true) and a bucket's public access
block; a full scan writes the resource index (and finds no drift). Then, in the "console", the
group is opened to 0.0.0.0/0 by an assumed-role session and the block is switched off by an IAM
user (the identity of the AWS-documented records in DRIFT_CLOUDTRAIL_VECTORS). Observed: the
targeted reports under changes/ with their trigger and `changed_by`, the alerts and the drift
event naming the actor, the change journal and the scheduled scan's drift naming the actor
from it; a change by the ignored remediation role produces
nothing; a malformed message is acknowledged and counted in ChangeEventsIgnored.
Usage: live_test.py HARNESS BOOTSTRAP DRIFT_SCAN (the command-line scanner; moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import boto3

ACCOUNT = "123456789012"
REMEDIATION_ROLE = f"arn:aws:iam::{ACCOUNT}:role/drift-remediation"


def instance(rtype, name, attrs):
    return {"mode": "managed", "type": rtype, "name": name,
            "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "instances": [{"schema_version": 0, "attributes": attrs, "sensitive_attributes": [],
                           "private": "bnVsbA=="}]}


def state_of(group, vpc_id, bucket, tags):
    """A Terraform v4 state managing the group (its rules as the provider flattens them) and the
    bucket's public access block, both as they are before the console changes."""
    egress = [{"cidr_blocks": ["0.0.0.0/0"], "description": "", "from_port": 0, "ipv6_cidr_blocks": [],
               "prefix_list_ids": [], "protocol": "-1", "security_groups": [], "self": False, "to_port": 0}]
    sg = {"arn": f"arn:aws:ec2:us-east-1:{ACCOUNT}:security-group/{group['GroupId']}",
          "description": group["Description"], "egress": egress, "id": group["GroupId"], "ingress": [],
          "name": group["GroupName"], "name_prefix": "", "owner_id": ACCOUNT, "revoke_rules_on_delete": False,
          "tags": tags, "tags_all": tags, "timeouts": None, "vpc_id": vpc_id}
    pab = {"block_public_acls": True, "block_public_policy": True, "bucket": bucket, "id": bucket,
           "ignore_public_acls": True, "restrict_public_buckets": True}
    return {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": str(uuid.uuid4()),
            "outputs": {}, "check_results": None,
            "resources": [instance("aws_security_group", "web", sg),
                          instance("aws_s3_bucket_public_access_block", "data", pab)]}


def vector_identity():
    """The IAMUser identity of the AWS-documented records, moved to the emulator's account."""
    folder = os.environ.get("DRIFT_CLOUDTRAIL_VECTORS", "")
    identity = {"type": "IAMUser", "principalId": "EX_PRINCIPAL_ID", "arn": "arn:aws:iam::123456789012:user/Alice",
                "accountId": "123456789012", "accessKeyId": "EXAMPLE_KEY_ID", "userName": "Alice"}
    path = os.path.join(folder, "ec2-StartInstances.json")
    if folder and os.path.exists(path):
        identity = json.load(open(path))["userIdentity"]
    return json.loads(json.dumps(identity).replace(identity.get("accountId", ACCOUNT), ACCOUNT))


def assumed(role, session):
    return {"type": "AssumedRole", "principalId": f"AROAEXAMPLE:{session}",
            "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/{session}", "accountId": ACCOUNT,
            "accessKeyId": "ASIAEXAMPLE",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE",
                                                 "arn": f"arn:aws:iam::{ACCOUNT}:role/{role}",
                                                 "accountId": ACCOUNT, "userName": role},
                               "attributes": {"creationDate": "2026-12-05T09:00:00Z", "mfaAuthenticated": "true"}}}


def event(identity, source, name, request, service):
    """The EventBridge event AWS delivers for one CloudTrail management event."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    record = {"eventVersion": "1.09", "userIdentity": identity, "eventTime": now, "eventSource": source,
              "eventName": name, "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7",
              "userAgent": "AWS Internal", "requestParameters": request, "responseElements": None,
              "requestID": str(uuid.uuid4()), "eventID": str(uuid.uuid4()), "readOnly": False,
              "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": ACCOUNT,
              "eventCategory": "Management"}
    return {"version": "0", "id": str(uuid.uuid4()), "detail-type": "AWS API Call via CloudTrail",
            "source": f"aws.{service}", "account": ACCOUNT, "time": now, "region": "us-east-1",
            "resources": [], "detail": record}


def sqs_batch(bodies):
    return {"Records": [{"messageId": str(uuid.uuid4()), "receiptHandle": "h", "body": b,
                         "attributes": {}, "messageAttributes": {}, "md5OfBody": "",
                         "eventSource": "aws:sqs",
                         "eventSourceARN": f"arn:aws:sqs:us-east-1:{ACCOUNT}:change-events",
                         "awsRegion": "us-east-1"} for b in bodies]}


def invoke(port, fn, payload):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/2015-03-31/functions/{fn}/invocations",
                                 data=json.dumps(payload).encode(), method="POST")
    return json.loads(urllib.request.urlopen(req, timeout=120).read())


def main(harness, bootstrap, cli_tool):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    suffix = "live" + uuid.uuid4().hex[:8]
    src = os.environ.get("DRIFT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    stack = json.loads(subprocess.run([sys.executable, os.path.join(src, "tests/fixtures/make_stack.py"),
                                       endpoint, suffix], check=True, capture_output=True, text=True).stdout)
    s3, ec2, sqs = boto3.client("s3", **kw), boto3.client("ec2", **kw), boto3.client("sqs", **kw)
    ddb, cw = boto3.client("dynamodb", **kw), boto3.client("cloudwatch", **kw)

    # What the workspace manages, as Terraform left it.
    vpc_id = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    tags = {"AutoRevert": "true", "ManagedBy": "terraform", "LiveRun": suffix}
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

    # People hear of a console change on Slack too (the chat stand-in, its webhook in SSM).
    chat_dir = os.environ["DRIFT_CHAT_DIR"]
    chat = open(os.path.join(chat_dir, "endpoint")).read().strip()
    slack_parameter = f"/drift-detection/{suffix}/slack-webhook"
    boto3.client("ssm", **kw).put_parameter(Name=slack_parameter, Type="SecureString",
                                            Value=open(os.path.join(chat_dir, "slack_url")).read().strip())
    urllib.request.urlopen(urllib.request.Request(chat + "/_stand-in/requests", method="DELETE")).read()

    def slack_posts():
        log = json.loads(urllib.request.urlopen(chat + "/_stand-in/requests").read())
        return [r for r in log if r.get("service") == "slack"]

    work = tempfile.mkdtemp(prefix="live-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fn = "drift-scanner"
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    settings = {"SCAN_TARGETS": json.dumps(targets), "REPORT_BUCKET": reports_bucket, "SCAN_ENGINE": "native",
                "UNMANAGED_SCOPE_TAGS": f"LiveScope={suffix}", "ALERT_TOPIC_ARN": stack["alert_topic_arn"],
                "DRIFT_TOPIC_ARN": stack["drift_topic_arn"], "DRIFTS_TABLE": stack["drifts_table"],
                "CHANGE_JOURNAL_TABLE": stack["change_journal_table"], "CHANGE_SETTLE_SECONDS": "1",
                "CHANGE_IGNORE_ROLE_ARNS": f"arn:aws:iam::{ACCOUNT}:role/pipeline, {REMEDIATION_ROLE}",
                "METRICS_NAMESPACE": stack["metrics_namespace"],
                "SLACK_WEBHOOK_PARAMETER": slack_parameter, "NOTIFY_ALLOW_PLAIN_HTTP": "true"}
    cmd = [harness, "--port", str(port), "--port-file", os.path.join(work, "port"), "--function", fn,
           "--bootstrap", bootstrap, "--timeout", "60"]
    for k, v in settings.items():
        cmd += ["--env", f"{k}={v}"]
    log = open(os.path.join(work, "harness.log"), "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
    failures = []

    def expect(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    def drain(queue_url):
        out = []
        while True:
            msgs = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            if not msgs:
                return out
            for m in msgs:
                out.append(json.loads(m["Body"]))
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])

    def changes():
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=reports_bucket,
                                                     Prefix=f"reports/{name}/prod/changes/").get("Contents", [])]
        return sorted(k for k in keys if k.endswith(".json"))

    def read(key):
        return json.loads(s3.get_object(Bucket=reports_bucket, Key=key)["Body"].read())

    try:
        for _ in range(300):
            if os.path.exists(os.path.join(work, "port")) and open(os.path.join(work, "port")).read().strip():
                break
            time.sleep(0.05)
        t0 = time.time()
        full = invoke(port, fn, {"target": name})
        expect(full.get("exit_code") == 0, f"full scan: no drift before the console changes ({full})")
        index = read(f"index/{name}/prod.json")
        expect({(r["type"], r["id"]) for r in index["resources"]} ==
               {("aws_security_group", gid), ("aws_s3_bucket_public_access_block", bucket)},
               "full scan: the resource index names both resources")
        expect(index.get("state_key") == f"env:/prod/{name}/terraform.tfstate" and index.get("state_etag"),
               "full scan: the index names the state's key and ETag")
        drain(stack["alerts_queue_url"])
        drain(stack["drift_events_queue_url"])

        # The console: an assumed-role session opens the group to the world.
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        opened = event(assumed("Admin", "jane@example.com"), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                       {"groupId": gid, "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22,
                                                                     "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}},
                       "ec2")
        batch = sqs_batch([json.dumps(opened), "{not json", json.dumps({"detail-type": "Something Else"})])
        t1 = time.time()
        answer = invoke(port, fn, batch)
        print(f"batch checked in {time.time() - t1:.1f} s:", json.dumps(answer))
        expect(answer.get("batchItemFailures") == [], "batch: nothing to retry (malformed messages acknowledged)")
        expect(answer.get("ignored", {}).get("malformed") == 2, "batch: both malformed messages counted")
        keys = changes()
        expect(len(keys) == 1 and opened["detail"]["eventID"] in keys[0],
               f"a targeted report under changes/ named by the event id ({keys})")
        report = read(keys[0]) if keys else {}
        trigger = report.get("trigger", {})
        expect(trigger.get("event_id") == opened["detail"]["eventID"] and trigger.get("eventbridge_id") == opened["id"]
               and trigger.get("event_name") == "AuthorizeSecurityGroupIngress" and trigger.get("source") == "aws.ec2",
               f"the report's trigger names the CloudTrail and EventBridge ids ({trigger})")
        drifts = {d["address"]: d for d in report.get("drifts", [])}
        sg = drifts.get("aws_security_group.web", {})
        expect(set(drifts) == {"aws_security_group.web"} and "ingress" in {a["name"] for a in sg.get("changed_attributes", [])},
               f"only the changed group was read, its ingress drifted ({list(drifts)})")
        by = sg.get("changed_by") or {}
        expect(by.get("session_name") == "jane@example.com" and by.get("identity_type") == "AssumedRole"
               and by.get("session_issuer_arn") == f"arn:aws:iam::{ACCOUNT}:role/Admin"
               and by.get("event_id") == opened["detail"]["eventID"],
               f"the drift names who changed it ({by})")
        expect(report.get("summary", {}).get("resources_scanned") == 1, "the targeted report read one resource")
        alerts = drain(stack["alerts_queue_url"])
        expect(len(alerts) == 1 and "jane@example.com" in alerts[0].get("Message", ""),
               f"one alert, naming the actor ({[a.get('Subject') for a in alerts]})")
        posts = slack_posts()
        expect(len(posts) == 1 and posts[0].get("status") == 200 and "jane@example.com" in posts[0].get("body", "")
               and "aws_security_group.web" in posts[0].get("body", ""),
               f"one Slack message, accepted, naming the group and the actor ({[p.get('status') for p in posts]})")
        events = [json.loads(e["Message"]) for e in drain(stack["drift_events_queue_url"])]
        expect(len(events) == 1 and events[0]["detail"].get("changeAuthor") == by.get("principal_arn")
               and events[0]["detail"].get("changeTime") == opened["detail"]["eventTime"],
               f"one drift event with changeAuthor and changeTime ({[e['detail'].get('changeAuthor') for e in events]})")
        journal = ddb.query(TableName=stack["change_journal_table"], KeyConditionExpression="#r = :r",
                            ExpressionAttributeNames={"#r": "resource"},
                            ExpressionAttributeValues={":r": {"S": f"arn:aws:ec2:us-east-1:{ACCOUNT}:security-group/{gid}"}})["Items"]
        expect(len(journal) == 1 and journal[0]["principal_arn"]["S"] == by.get("principal_arn")
               and "expires_at" in journal[0], "the change journal holds the call, with its TTL")

        # The same drift seen again by the schedule is standing: announced once only.
        rescan = invoke(port, fn, {"target": name})
        expect(rescan.get("exit_code") == 2 and not rescan["scans"][0]["alerted"],
               "the next scheduled scan sees the drift standing: no second alert")
        expect(len(slack_posts()) == 1, "and no second Slack message")
        latest = {d["address"]: d for d in read(f"reports/{name}/prod/latest.json").get("drifts", [])}
        expect((latest.get("aws_security_group.web", {}).get("changed_by") or {}).get("event_id")
               == opened["detail"]["eventID"], "the scheduled scan's drift names who changed it (the journal)")
        drain(stack["drift_events_queue_url"])

        # An IAM user (the documented record's identity) switches off the public access block;
        # the event is invoked directly, as an EventBridge target would.
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False})
        alice = vector_identity()
        switched = event(alice, "s3.amazonaws.com", "PutPublicAccessBlock",
                         {"publicAccessBlock": "", "bucketName": bucket, "Host": f"{bucket}.s3.amazonaws.com",
                          "PublicAccessBlockConfiguration": {"BlockPublicAcls": False}}, "s3")
        direct = invoke(port, fn, switched)
        expect(direct.get("batchItemFailures") == [] and len(direct.get("reports", [])) == 1,
               f"a direct event is checked ({direct})")
        pab_keys = [k for k in changes() if switched["detail"]["eventID"] in k]
        pab = read(pab_keys[0]) if pab_keys else {}
        pab_drift = {d["address"]: d for d in pab.get("drifts", [])}.get("aws_s3_bucket_public_access_block.data", {})
        pby = pab_drift.get("changed_by") or {}
        expect(pby.get("identity_type") == "IAMUser" and pby.get("user_name") == alice["userName"]
               and pby.get("principal_arn") == alice["arn"] and pby.get("session_name") is None,
               f"an IAMUser record is attributed to the user ({pby})")
        alerts = drain(stack["alerts_queue_url"])
        expect(len(alerts) == 1 and alice["arn"] in alerts[0].get("Message", ""),
               "the public access block's alert names the IAM user")

        # Our own remediation role's change: nothing checked, nothing written, nothing said.
        before = changes()
        ours = event(assumed("drift-remediation", "gha-run-42"), "ec2.amazonaws.com", "RevokeSecurityGroupIngress",
                     {"groupId": gid}, "ec2")
        quiet = invoke(port, fn, sqs_batch([json.dumps(ours)]))
        expect(quiet.get("ignored") == {"ignored_role": 1} and not quiet.get("reports")
               and changes() == before and not drain(stack["alerts_queue_url"]),
               f"a change by the remediation role produces nothing ({quiet})")

        # Groups no state manages: the one in the tag scope is an unmanaged finding, the other
        # is counted only.
        strays = {}
        for label, extra in (("scoped", [{"Key": "LiveScope", "Value": suffix}]), ("outside", [])):
            strays[label] = ec2.create_security_group(
                GroupName=f"{label}-{suffix}", Description=label, VpcId=vpc_id,
                TagSpecifications=[{"ResourceType": "security-group",
                                    "Tags": extra + [{"Key": "LiveRun", "Value": suffix}]}])["GroupId"]
        stray_events = [event(assumed("Admin", "jane@example.com"), "ec2.amazonaws.com",
                              "AuthorizeSecurityGroupIngress", {"groupId": g}, "ec2") for g in strays.values()]
        loose = invoke(port, fn, sqs_batch([json.dumps(e) for e in stray_events]))
        unmanaged_keys = [o["Key"] for o in s3.list_objects_v2(
            Bucket=reports_bucket, Prefix=f"reports/{name}/_unmanaged/changes/").get("Contents", [])
            if o["Key"].endswith(".json")]
        stray_report = read(unmanaged_keys[0]) if len(unmanaged_keys) == 1 else {}
        found = [(d["change"], d["id"], (d.get("changed_by") or {}).get("session_name"))
                 for d in stray_report.get("drifts", [])]
        expect(loose.get("ignored") == {"unmanaged_out_of_scope": 1}
               and found == [("unmanaged", strays["scoped"], "jane@example.com")],
               f"an unmanaged change in the tag scope is a finding, the other is counted ({loose.get('ignored')}, {found})")
        drain(stack["alerts_queue_url"])

        # By hand: `drift-scan --event FILE` prints the targeted report (nothing sent anywhere).
        saved = os.path.join(work, "event.json")
        json.dump(opened, open(saved, "w"))
        cli_env = dict(env, REPORT_BUCKET=reports_bucket, CHANGE_SETTLE_SECONDS="0", UNMANAGED_SCOPE_TAGS=f"LiveScope={suffix}")
        cli = subprocess.run([cli_tool, "--event", saved, "--targets", json.dumps(targets), "--engine", "native",
                              "--out", os.path.join(work, "out"), "--quiet"],
                             capture_output=True, text=True, env=cli_env, timeout=60)
        printed = [json.loads(line) for line in cli.stdout.splitlines() if line.startswith("{")]
        by_hand = {d["address"]: d for d in (printed[0].get("drifts", []) if printed else [])}
        expect(cli.returncode == 2 and len(printed) == 1
               and printed[0].get("trigger", {}).get("event_id") == opened["detail"]["eventID"]
               and (by_hand.get("aws_security_group.web", {}).get("changed_by") or {}).get("session_name")
               == "jane@example.com",
               f"drift-scan --event prints the targeted report (exit {cli.returncode}, {cli.stderr[-300:]})")

        # A transient failure (here: the index cannot be listed) is retried, not acknowledged.
        broken = subprocess.run([cli_tool, "--event", saved, "--targets", json.dumps(targets), "--json",
                                 "--out", os.path.join(work, "out"), "--quiet"], capture_output=True, text=True,
                                env=dict(cli_env, REPORT_BUCKET=f"missing-{suffix}"), timeout=60)
        retried = json.loads(broken.stdout or "{}").get("batchItemFailures")
        expect(broken.returncode == 1 and retried == [{"itemIdentifier": opened["id"]}],
               f"a failure to read the index asks for the event again ({retried})")

        # ChangeEventsIgnored, by reason, in CloudWatch.
        now = datetime.datetime.now(datetime.timezone.utc)
        counted = {}
        for reason in ("malformed", "ignored_role"):
            st = cw.get_metric_statistics(Namespace=stack["metrics_namespace"], MetricName="ChangeEventsIgnored",
                                          Dimensions=[{"Name": "Reason", "Value": reason}],
                                          StartTime=now - datetime.timedelta(hours=1),
                                          EndTime=now + datetime.timedelta(minutes=5), Period=3600,
                                          Statistics=["Sum"])
            counted[reason] = sum(d["Sum"] for d in st["Datapoints"])
        expect(counted == {"malformed": 2, "ignored_role": 1}, f"ChangeEventsIgnored by reason ({counted})")
        st = cw.get_metric_statistics(Namespace=stack["metrics_namespace"], MetricName="ChangeEventsIgnored",
                                      Dimensions=[{"Name": "Reason", "Value": "unmanaged_out_of_scope"}],
                                      StartTime=now - datetime.timedelta(hours=1),
                                      EndTime=now + datetime.timedelta(minutes=5), Period=3600, Statistics=["Sum"])
        expect(sum(d["Sum"] for d in st["Datapoints"]) == 1, "ChangeEventsIgnored counts the unmanaged change out of scope")
        print(f"live path observed in {time.time() - t0:.1f} s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    if failures:
        print(open(os.path.join(work, "harness.log")).read()[-4000:], file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
