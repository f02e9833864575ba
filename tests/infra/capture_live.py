#!/usr/bin/env python3
"""The change-capture half of infra/ on the stack infra.apply_destroy applied to
moto, seen through the AWS APIs (no extra apply), and in its plan of the
production defaults.

usage: capture_live.py plan DEFAULTS_PLAN_SHOW_JSON
       capture_live.py live OUTPUTS_JSON [MEMBER_ACCOUNT_ID]
"""
import json
import sys

import boto3

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def check_plan(path):
    plan = json.load(open(path))
    esm = [r for r in plan["resource_changes"] if r["address"] == "aws_lambda_event_source_mapping.change_events[0]"]
    after = esm[0]["change"]["after"] if esm else {}
    expect(bool(esm) and "create" in esm[0]["change"]["actions"] and after.get("batch_size") == 10
           and after.get("maximum_batching_window_in_seconds") == 5
           and after.get("function_response_types") == ["ReportBatchItemFailures"],
           "defaults plan: change-events -> drift-scanner mapping, batch 10, window 5 s, ReportBatchItemFailures")


def statements(doc):
    doc = json.loads(doc) if isinstance(doc, str) else doc
    st = doc.get("Statement", [])
    return st if isinstance(st, list) else [st]


def as_list(v):
    return v if isinstance(v, list) else [v]


def check_live(path, member):
    out = {k: v["value"] for k, v in json.load(open(path)).items()}
    region = out["region"]
    sqs, ddb = boto3.client("sqs", region_name=region), boto3.client("dynamodb", region_name=region)
    ev, lam = boto3.client("events", region_name=region), boto3.client("lambda", region_name=region)
    iam = boto3.client("iam", region_name=region)

    q = sqs.get_queue_attributes(QueueUrl=out["change_events_queue_url"], AttributeNames=["All"])["Attributes"]
    dlq = sqs.get_queue_attributes(QueueUrl=out["change_events_dlq_url"], AttributeNames=["All"])["Attributes"]
    scanner = lam.get_function_configuration(FunctionName=out["function_names"]["drift-scanner"])
    redrive = json.loads(q.get("RedrivePolicy", "{}"))
    expect(q["QueueArn"].endswith(":drift-detection-change-events-" + out["environment_suffix"])
           and dlq["QueueArn"].endswith(":drift-detection-change-events-dlq-" + out["environment_suffix"]),
           "queues change-events and change-events-dlq")
    expect(redrive.get("deadLetterTargetArn") == dlq["QueueArn"] and int(redrive.get("maxReceiveCount", 0)) == 5,
           f"change-events redrives to its DLQ after 5 receives ({redrive})")
    expect(int(q["VisibilityTimeout"]) >= 6 * scanner["Timeout"] and int(q["DelaySeconds"]) == 10,
           f"visibility {q['VisibilityTimeout']} s >= 6 x {scanner['Timeout']} s; delay {q['DelaySeconds']} s")
    rule = ev.describe_rule(Name=out["change_capture_rule"])
    expect(rule.get("EventBusName", "default") == "default"
           and json.loads(rule["EventPattern"]) == json.loads(out["change_capture_event_pattern"]),
           "the capture rule on the default bus has the change-pattern module's pattern")
    targets = ev.list_targets_by_rule(Rule=out["change_capture_rule"])["Targets"]
    expect([t["Arn"] for t in targets] == [q["QueueArn"]]
           and targets[0].get("DeadLetterConfig", {}).get("Arn") == dlq["QueueArn"],
           "its one target is the change-events queue, undeliverable events to the DLQ")
    for name, attrs in (("change-events", q), ("change-events-dlq", dlq)):
        sts = statements(attrs.get("Policy", "{}"))
        expect(any(s.get("Effect") == "Allow" and "sqs:SendMessage" in as_list(s.get("Action"))
                   and s.get("Principal", {}).get("Service") == "events.amazonaws.com"
                   and rule["Arn"] in json.dumps(s.get("Condition", {})) for s in sts),
               f"{name}: events.amazonaws.com may send, from the capture rule only")

    t = ddb.describe_table(TableName=out["change_journal_table"])["Table"]
    keys = {k["KeyType"]: k["AttributeName"] for k in t["KeySchema"]}
    types = {a["AttributeName"]: a["AttributeType"] for a in t["AttributeDefinitions"]}
    ttl = ddb.describe_time_to_live(TableName=t["TableName"])["TimeToLiveDescription"]
    pitr = ddb.describe_continuous_backups(TableName=t["TableName"])["ContinuousBackupsDescription"]
    expect(keys == {"HASH": "resource", "RANGE": "event_time"} and types == {"resource": "S", "event_time": "S"}
           and t.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
           f"change journal {t['TableName']}: resource / event_time (S), on demand")
    expect(ttl.get("AttributeName") == "expires_at" and ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
           and pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED",
           "change journal: TTL on expires_at, point-in-time recovery")

    env = scanner.get("Environment", {}).get("Variables", {})
    ignore = env.get("CHANGE_IGNORE_ROLE_ARNS", "").split(",")
    expect(env.get("CHANGE_JOURNAL_TABLE") == t["TableName"] and env.get("CHANGE_SETTLE_SECONDS") == "10"
           and ignore[:1] == [out["remediation_role_arn"]],
           f"scanner: CHANGE_JOURNAL_TABLE, CHANGE_SETTLE_SECONDS 10, CHANGE_IGNORE_ROLE_ARNS {ignore}")
    role = out["scanner_role_arn"].rsplit("/", 1)[1]
    sts = []
    for p in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        sts += statements(iam.get_role_policy(RoleName=role, PolicyName=p)["PolicyDocument"])

    def allowed(action, resource):
        return any(s.get("Effect") == "Allow" and action in as_list(s.get("Action"))
                   and resource in as_list(s.get("Resource")) for s in sts)
    for a in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"):
        expect(allowed(a, q["QueueArn"]), f"the scanner's role allows {a} on change-events")
    for a in ("dynamodb:PutItem", "dynamodb:Query"):
        expect(allowed(a, t["TableArn"]), f"the scanner's role allows {a} on the change journal")
    expect({"queue_url": out["change_events_queue_url"], "function_name": out["function_names"]["drift-scanner"],
            "record_kind": "sqs"} in out["local_event_sources"],
           "local_event_sources: the harness pumps change-events into the scanner as SQS records")
    if member:
        policy = ev.describe_event_bus(Name="default").get("Policy", "{}")
        expect(any(member in json.dumps(s.get("Principal")) and "events:PutEvents" in as_list(s.get("Action"))
                   for s in statements(policy)), f"the default bus lets member {member} put events (forwarders)")


def main():
    if sys.argv[1] == "plan":
        check_plan(sys.argv[2])
    else:
        check_live(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
