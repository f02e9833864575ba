#!/usr/bin/env python3
"""After `terraform apply` into the emulator: checks through the AWS APIs
themselves (not Terraform's view) that the stack is what the functions and the
local harness rely on.

usage: verify_live.py OUTPUTS_JSON DIST_DIR
(AWS_ENDPOINT_URL and test credentials come from the environment.)
"""
import base64
import fnmatch
import hashlib
import json
import os
import re
import sys
import time
import uuid

import boto3

outputs = {k: v["value"] for k, v in json.load(open(sys.argv[1])).items()}
dist_dir = sys.argv[2]
region = outputs["region"]
failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def client(service):
    return boto3.client(service, region_name=region)


# --- Tables: keys, indexes and TTL exactly as infra/README.md lists them ---
ddb = client("dynamodb")


def key_schema(schema):
    return {k["KeyType"]: k["AttributeName"] for k in schema}


want_tables = {
    "metadata": ({"HASH": "deployment_id", "RANGE": "resource_arn"},
                 {"resource-arn-index": {"HASH": "resource_arn", "RANGE": "deployed_at"}}, None),
    "locks": ({"HASH": "lock_id"}, {}, "ttl"),
    "history": ({"HASH": "drift_event_id", "RANGE": "timestamp"},
                {"severity-timestamp-index": {"HASH": "severity", "RANGE": "timestamp"},
                 "resource-arn-index": {"HASH": "resource_arn", "RANGE": "timestamp"}}, "ttl"),
    "policies": ({"HASH": "policy_id", "RANGE": "version"}, {}, None),
    "remediations": ({"HASH": "remediation_id"}, {}, "ttl"),
    "drifts": ({"HASH": "scope", "RANGE": "drift_id"}, {}, None),
    "terraform_lock": ({"HASH": "LockID"}, {}, None),
}
for key, (keys, indexes, ttl) in want_tables.items():
    name = outputs["table_names"][key]
    t = ddb.describe_table(TableName=name)["Table"]
    expect(key_schema(t["KeySchema"]) == keys, f"table {name} keys {keys}")
    got_idx = {g["IndexName"]: (key_schema(g["KeySchema"]), g["Projection"]["ProjectionType"])
               for g in t.get("GlobalSecondaryIndexes", [])}
    expect(set(got_idx) == set(indexes), f"table {name} indexes {sorted(indexes)}")
    for iname, ikeys in indexes.items():
        expect(got_idx.get(iname) == (ikeys, "ALL"), f"table {name} index {iname} {ikeys} projection ALL")
    if ttl:
        d = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        expect(d.get("AttributeName") == ttl and d.get("TimeToLiveStatus") in ("ENABLED", "ENABLING"),
               f"table {name} TTL on {ttl}")
for key in ("terraform_lock", "remediations", "drifts"):
    pitr = ddb.describe_continuous_backups(TableName=outputs["table_names"][key])
    expect(pitr["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
           == "ENABLED", f"{key} table has point-in-time recovery")
remediations = ddb.describe_table(TableName=outputs["remediations_table"])["Table"]
expect(remediations["TableName"] == outputs["table_names"]["remediations"]
       and remediations["TableName"].startswith("drift-detection-remediations-")
       and remediations.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
       "output remediations_table names the PAY_PER_REQUEST table drift-detection-remediations-<suffix>")

# --- Functions: runtime, the built zip, the environment contract ------------------
lam = client("lambda")
required_env = ["METADATA_TABLE", "LOCKS_TABLE", "HISTORY_TABLE", "POLICY_TABLE", "REPORT_BUCKET",
                "ALERT_TOPIC_ARN", "DRIFT_TOPIC_ARN", "RETRY_QUEUE_URL", "EVENT_BUS_NAME", "METRICS_NAMESPACE",
                "DISABLE_PROCESSING", "AWS_LAMBDA_LOG_FORMAT"]
per_function_env = {
    "workflow-orchestrator": ["GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN_PARAMETER",
                              "CALLBACK_FUNCTION_NAME", "MAX_RETRY_ATTEMPTS", "RETRY_DELAY_SECONDS",
                              "COOLDOWN_SECONDS", "LOCK_TTL_SECONDS", "REMEDIATIONS_TABLE",
                              "GITHUB_ALLOW_PLAIN_HTTP", "STUCK_RECEIVED_SECONDS", "STUCK_DISPATCHED_SECONDS"],
    "agent-callback": ["REMEDIATIONS_TABLE"],
    "drift-scanner": ["SCAN_TARGETS_PARAMETER", "SCAN_ENGINE", "SCANNER_FUNCTION_NAME", "DRIFTS_TABLE",
                      "ALERT_MIN_SEVERITY", "REANNOUNCE_HOURS"],
}
for fn, name in outputs["function_names"].items():
    c = lam.get_function_configuration(FunctionName=name)
    expect(c["Runtime"] == "provided.al2" and c["Handler"] == "bootstrap", f"{name} runs bootstrap on provided.al2")
    digest = base64.b64encode(hashlib.sha256(open(os.path.join(dist_dir, fn + ".zip"), "rb").read()).digest())
    expect(c["CodeSha256"] == digest.decode(), f"{name} runs {fn}.zip from {dist_dir}")
    env = c.get("Environment", {}).get("Variables", {})
    missing = [v for v in required_env + per_function_env[fn] if v not in env]
    expect(not missing, f"{name} environment complete (missing: {missing})")
    expect(env.get("METADATA_TABLE") == outputs["table_names"]["metadata"]
           and env.get("EVENT_BUS_NAME") == outputs["event_bus_name"]
           and env.get("RETRY_QUEUE_URL") == outputs["retry_queue_url"], f"{name} environment names the stack")
    expect(env == outputs["function_environments"][fn], f"{name} environment equals output function_environments")
    if "REMEDIATIONS_TABLE" in per_function_env[fn]:
        expect(env.get("REMEDIATIONS_TABLE") == outputs["remediations_table"], f"{name} REMEDIATIONS_TABLE names the table")
    else:
        expect("REMEDIATIONS_TABLE" not in env, f"{name} has no REMEDIATIONS_TABLE")
scanner_env = outputs["function_environments"]["drift-scanner"]
expect(scanner_env["SCANNER_FUNCTION_NAME"] == outputs["function_names"]["drift-scanner"],
       "the scanner's SCANNER_FUNCTION_NAME names itself")
expect(scanner_env["CALLBACK_FUNCTION_NAME"] == outputs["function_names"]["agent-callback"],
       "CALLBACK_FUNCTION_NAME names agent-callback")
conc = lam.get_function_concurrency(FunctionName=outputs["function_names"]["workflow-orchestrator"])
expect(conc.get("ReservedConcurrentExecutions", 0) > 0, "the orchestrator has reserved concurrency")
ours = [m for m in lam.list_event_source_mappings()["EventSourceMappings"]
        if m["FunctionArn"] in outputs["function_arns"].values()]
expect(not ours, "no event-source mapping to our functions when they are off")
ssm = client("ssm")
targets = ssm.get_parameter(Name=scanner_env["SCAN_TARGETS_PARAMETER"])["Parameter"]["Value"]
expect(json.loads(targets) == json.loads(os.environ.get("EXPECT_SCAN_TARGETS", "[]")),
       "scan targets parameter holds the configured targets")
tok = ssm.get_parameter(Name=outputs["github_token_parameter"], WithDecryption=True)["Parameter"]
expect(tok["Type"] == "SecureString", "GitHub token parameter is a SecureString")
if os.environ.get("EXPECT_GITHUB_TOKEN"):
    expect(tok["Value"] == os.environ["EXPECT_GITHUB_TOKEN"],
           "GitHub token parameter holds the token given as github_token (read with decryption)")
described = ssm.describe_parameters(
    ParameterFilters=[{"Key": "Name", "Values": [outputs["github_token_parameter"]]}])["Parameters"]
token_key = client("kms").describe_key(KeyId=outputs["github_token_kms_key_arn"])["KeyMetadata"]
expect(len(described) == 1 and described[0].get("KeyId") in (token_key["KeyId"], token_key["Arn"]),
       f"GitHub token parameter is encrypted with the stack's key {token_key['KeyId']} "
       f"(KeyId {described[0].get('KeyId') if described else None})")
expect(client("kms").get_key_rotation_status(KeyId=token_key["KeyId"])["KeyRotationEnabled"],
       "the GitHub token key rotates")
aliases = client("kms").list_aliases(KeyId=token_key["KeyId"])["Aliases"]
expect(any(a["AliasName"].startswith("alias/drift-detection-github-token-") for a in aliases),
       "the GitHub token key has the alias drift-detection-github-token-<suffix>")

# --- Report bucket ------------------------------------------------------------------
s3 = client("s3")
bucket = outputs["report_bucket"]
expect(s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled", "report bucket versioned")
pab = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
expect(all(pab.values()), "report bucket blocks public access")
enc = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
expect(bool(enc), "report bucket encrypted")
rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
expect(any(t.get("Days") == 30 for r in rules for t in r.get("Transitions", [])),
       "report bucket moves objects to a cheaper class after 30 days")
policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
expect(any(s["Effect"] == "Deny" and "aws:SecureTransport" in json.dumps(s.get("Condition", {}))
           for s in policy["Statement"]), "report bucket denies plain HTTP")

# --- EventBridge ---------------------------------------------------------------------
ev = client("events")
sched = ev.describe_rule(Name=outputs["scan_schedule_rule"])
expect(sched["ScheduleExpression"] == "rate(6 hours)", "scan schedule is rate(6 hours)")
targets = ev.list_targets_by_rule(Rule=outputs["scan_schedule_rule"])["Targets"]
expect([t["Arn"] for t in targets] == [outputs["function_arns"]["drift-scanner"]], "schedule targets the scanner")
sweep = ev.list_targets_by_rule(Rule=outputs["sweep_schedule_rule"])["Targets"]
expect([t["Arn"] for t in sweep] == [outputs["function_arns"]["workflow-orchestrator"]]
       and json.loads(sweep[0].get("Input", "{}")) == {"action": "sweep"},
       "the sweep schedule invokes the orchestrator with {\"action\":\"sweep\"}")
agent = ev.describe_rule(Name=outputs["devops_agent_rule"])
pattern = json.loads(agent["EventPattern"])
expect(pattern.get("source") == ["aws.devops-agent"]
       and pattern.get("detail-type") == ["AWS DevOps Agent - Drift Detected"]
       and pattern.get("detail", {}).get("tags") == {"ManagedBy": ["terraform"], "AutoRevert": ["true"]},
       "DevOps Agent rule matches the agent's drift events with the tag filter")
targets = ev.list_targets_by_rule(Rule=outputs["devops_agent_rule"])["Targets"]
expect([t["Arn"] for t in targets] == [outputs["drift_topic_arn"]], "DevOps Agent rule targets the drift topic")
# Our own bus takes completion events (moto fails PutEvents on a bus whose rules target SNS/Lambda).
r = ev.put_events(Entries=[{"Source": "drift-detection.callback", "DetailType": "Drift Remediation Completed",
                            "Detail": "{}", "EventBusName": outputs["event_bus_name"]}])
expect(r["FailedEntryCount"] == 0, "completion event accepted on our own bus")

# --- The local stand-in for SNS -> orchestrator: envelope kept --------------------------
sns, sqs = client("sns"), client("sqs")
queue = outputs["drift_events_queue_url"]
expect(bool(queue), "drift_events_queue_url is set when event-source mappings are off")
marker = {"id": str(uuid.uuid4()), "source": "drift-detection.scanner", "detail-type": "Drift Detected"}
sns.publish(TopicArn=outputs["drift_topic_arn"], Message=json.dumps(marker))
body = None
deadline = time.time() + 20
while body is None and time.time() < deadline:
    for m in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2).get("Messages", []):
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])
        b = json.loads(m["Body"])
        if b.get("Type") == "Notification" and json.loads(b.get("Message", "{}")).get("id") == marker["id"]:
            body = b
expect(body is not None and body["TopicArn"] == outputs["drift_topic_arn"],
       "a drift event published to the topic arrives in the local queue in its SNS envelope")
attrs = sqs.get_queue_attributes(QueueUrl=outputs["retry_queue_url"], AttributeNames=["RedrivePolicy"])
expect("orchestrator-retry-dlq" in attrs["Attributes"].get("RedrivePolicy", ""), "retry queue has its own DLQ")

# --- Alarms and dashboard --------------------------------------------------------------
cw = client("cloudwatch")
alarms = {a["AlarmName"]: a for a in cw.describe_alarms(AlarmNames=outputs["alarm_names"])["MetricAlarms"]}
expect(set(alarms) == set(outputs["alarm_names"]), "every alarm exists")
stuck = [a for n, a in alarms.items() if "remediations-stuck" in n]
expect(len(stuck) == 1 and stuck[0]["MetricName"] == "RemediationsStuck" and stuck[0]["Threshold"] == 0
       and stuck[0]["ComparisonOperator"] == "GreaterThanThreshold",
       "an alarm fires when the sweeper counts RemediationsStuck")
no_scan = [a for n, a in alarms.items() if "no-successful-scan" in n]
expect(len(no_scan) == 1 and no_scan[0]["TreatMissingData"] == "breaching"
       and no_scan[0]["MetricName"] == "ScanDuration" and not no_scan[0].get("Dimensions")
       and no_scan[0]["Period"] * no_scan[0]["EvaluationPeriods"] == 12 * 3600,
       "no-scan alarm: dimensionless ScanDuration over 12 hours, missing data breaching")
# What the functions publish, read from their C++ sources: (metric name, dimension names).
sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from published_metrics import published  # noqa: E402

published_metrics = published(os.environ.get("DRIFT_SOURCE_DIR"))
ns = outputs["metrics_namespace"]
expect(all(env.get("METRICS_NAMESPACE") == ns for env in outputs["function_environments"].values()),
       f"every function publishes into the namespace {ns}")
# AWS's own metrics the stack watches: the metric, its dimension, and the names it may take.
queue_names = {u.rsplit("/", 1)[1] for u in sqs.list_queues().get("QueueUrls", [])}
aws_metrics = {("AWS/Lambda", "Errors", "FunctionName"): set(outputs["function_names"].values()),
               ("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName"): queue_names}
watched = set()  # our (metric, dimensions) seen on the dashboard or in an alarm


def check_ours(name, dims, where):
    key = (name, frozenset(dims))
    watched.add(key)
    expect(key in published_metrics,
           f"{where}: {name} with dimensions {sorted(dims)} is published by a function")


def check_aws(namespace, name, dims, where):
    dims = dict(dims)
    key = next(((n, m, d) for (n, m, d) in aws_metrics if n == namespace and m == name and set(dims) == {d}), None)
    expect(key is not None and dims[key[2]] in aws_metrics[key],
           f"{where}: {namespace} {name} {dims} names a resource of the stack")


def search_metric(expr):
    """SEARCH('{"ns",Dim,...} MetricName="X"', ...) -> (ns, X, [Dim, ...])."""
    m = re.match(r"""SEARCH\('\{"([^"]+)"((?:,\s*\w+)*)\}\s+MetricName="(\w+)"'""", expr)
    return (m.group(1), m.group(3), [d.strip() for d in m.group(2).split(",") if d.strip()]) if m else None


def schema_metric(expr):
    """SELECT FN(X) FROM SCHEMA("ns", Dim, ...) -> (ns, X, [Dim, ...])."""
    m = re.match(r"""SELECT\s+\w+\((\w+)\)\s+FROM\s+SCHEMA\("([^"]+)"((?:,\s*\w+)*)\)\s*$""", expr)
    return (m.group(2), m.group(1), [d.strip() for d in m.group(3).split(",") if d.strip()]) if m else None


body = json.loads(cw.get_dashboard(DashboardName=outputs["dashboard_name"])["DashboardBody"])
metric_widgets = [w for w in body["widgets"] if w["type"] == "metric"]
expect(len(metric_widgets) >= 8, f"the dashboard has its metric widgets ({len(metric_widgets)})")
for w in metric_widgets:
    title = w["properties"].get("title", "?")
    rows = w["properties"].get("metrics", [])
    expect(bool(rows), f"widget '{title}' shows at least one metric")
    previous = []
    for row in rows:
        opts = [x for x in row if isinstance(x, dict)]
        plain = [x for x in row if not isinstance(x, dict)]
        if opts and "expression" in opts[0]:
            got = search_metric(opts[0]["expression"])
            expect(got is not None, f"widget '{title}': a SEARCH expression naming one metric ({opts[0]['expression']})")
            if got:
                expect(got[0] == ns, f"widget '{title}': searches the namespace {ns}")
                check_ours(got[1], got[2], f"widget '{title}'")
            continue
        # [namespace, metric, dim, value, ...]; "." repeats the row above.
        plain = [previous[i] if x == "." and i < len(previous) else x for i, x in enumerate(plain)]
        previous = plain
        namespace, name, flat = plain[0], plain[1], plain[2:]
        dims = list(zip(flat[0::2], flat[1::2]))
        if namespace == ns:
            check_ours(name, [d for d, _ in dims], f"widget '{title}'")
        else:
            check_aws(namespace, name, dims, f"widget '{title}'")
for name, a in alarms.items():
    if a.get("Metrics"):
        exprs = [q for q in a["Metrics"] if q.get("Expression")]
        expect(len(exprs) == 1 and not [q for q in a["Metrics"] if q.get("MetricStat")],
               f"alarm {name}: one metric query")
        got = schema_metric(exprs[0]["Expression"]) if exprs else None
        expect(got is not None and got[0] == ns, f"alarm {name}: a SELECT over SCHEMA(\"{ns}\", ...)")
        if got:
            check_ours(got[1], got[2], f"alarm {name}")
    elif a.get("Namespace") == ns:
        check_ours(a["MetricName"], [d["Name"] for d in a.get("Dimensions", [])], f"alarm {name}")
    else:
        check_aws(a.get("Namespace"), a.get("MetricName"),
                  [(d["Name"], d["Value"]) for d in a.get("Dimensions", [])], f"alarm {name}")
unwatched = sorted(f"{n} {sorted(d)}" for n, d in published_metrics - watched)
expect(not unwatched, f"every published metric is on the dashboard or behind an alarm (not: {unwatched})")

# --- Alert subscriptions and log retention ------------------------------------------------
applied_emails = re.search(r"""-var 'alert_emails=(\[[^']*\])'""",
                           open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "apply_destroy.sh")).read())
want_emails = sorted(json.loads(applied_emails.group(1))) if applied_emails else None
subs = sns.list_subscriptions_by_topic(TopicArn=outputs["alert_topic_arn"])["Subscriptions"]
got_emails = sorted(x["Endpoint"] for x in subs if x["Protocol"] == "email")
expect(bool(want_emails) and got_emails == want_emails,
       f"the alert topic has exactly the e-mail subscriptions given as alert_emails ({got_emails} == {want_emails})")
expect(all(x["TopicArn"] == outputs["alert_topic_arn"] for x in subs), "those subscriptions are on the alert topic")
suffix = outputs["environment_suffix"]
logs = client("logs")
groups = {}
for page in logs.get_paginator("describe_log_groups").paginate():
    for g in page["logGroups"]:
        if suffix in g["logGroupName"]:
            groups[g["logGroupName"]] = g
want_groups = {f"/aws/lambda/{n}" for n in outputs["function_names"].values()}
out_groups = outputs["log_group_names"]
out_groups = set(out_groups.values() if isinstance(out_groups, dict) else out_groups)
expect(want_groups <= set(groups) and out_groups == want_groups,
       f"a log group per function, as output log_group_names says ({sorted(groups)})")
for gname, g in sorted(groups.items()):
    expect(g.get("retentionInDays", 0) >= 7,
           f"log group {gname} keeps logs at least 7 days (retention {g.get('retentionInDays')})")

# --- Who may touch the remediation records (IAM, as AWS holds it) -----------------------
iam = client("iam")


def role_statements(role_arn):
    name = role_arn.rsplit("/", 1)[1]
    out = []
    for pname in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        doc = iam.get_role_policy(RoleName=name, PolicyName=pname)["PolicyDocument"]
        doc = json.loads(doc) if isinstance(doc, str) else doc
        sts = doc["Statement"]
        out += sts if isinstance(sts, list) else [sts]
    return out


def as_list(v):
    return v if isinstance(v, list) else [v]


def allowed(statements, action, resource):
    """Some Allow grants action on resource (exact ARN or a wildcard matching it)."""
    for st in statements:
        if st["Effect"] != "Allow":
            continue
        acts = as_list(st.get("Action", []))
        if any(fnmatch.fnmatchcase(action, a) for a in acts) and \
                any(fnmatch.fnmatchcase(resource, r) for r in as_list(st.get("Resource", []))):
            return True
    return False


def denied(statements, action, resource):
    return any(st["Effect"] == "Deny" and any(fnmatch.fnmatchcase(action, a) for a in as_list(st.get("Action", [])))
               and any(fnmatch.fnmatchcase(resource, r) for r in as_list(st.get("Resource", [])))
               for st in statements)


table_arn = {k: ddb.describe_table(TableName=outputs["table_names"][k])["Table"]["TableArn"]
             for k in ("history", "remediations", "drifts")}
data_plane = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
              "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"]
rem = role_statements(outputs["remediation_role_arn"])
for key, arn in table_arn.items():
    if key == "drifts":
        continue
    for target in (arn, arn + "/index/resource-arn-index"):
        grants = [a for a in data_plane if allowed(rem, a, target)]
        expect(not grants, f"the remediation role is allowed nothing on {target.split('/', 1)[1]} ({grants})")
    expect(all(denied(rem, a, arn) for a in data_plane), f"the remediation role is explicitly denied the {key} table")
fn_roles = outputs["function_role_arns"]
orch, cb, scan = (role_statements(fn_roles[f]) for f in ("workflow-orchestrator", "agent-callback", "drift-scanner"))
rarn = table_arn["remediations"]
expect([a for a in data_plane if allowed(orch, a, rarn)] == ["dynamodb:GetItem", "dynamodb:PutItem"],
       "the orchestrator may GetItem and PutItem on the remediations table, nothing else")
expect([a for a in data_plane if allowed(cb, a, rarn)] == ["dynamodb:GetItem", "dynamodb:UpdateItem"],
       "the callback may GetItem and UpdateItem on the remediations table, nothing else")
expect(not [a for a in data_plane if allowed(scan, a, rarn)], "the scanner may do nothing on the remediations table")
darn = table_arn["drifts"]
expect([a for a in data_plane if allowed(scan, a, darn)] == ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                                                            "dynamodb:Scan"],
       "the scanner may GetItem, PutItem, UpdateItem, Query and Scan (the fleet page) on the drifts table, nothing else")
expect([a for a in data_plane if allowed(cb, a, darn)] == ["dynamodb:GetItem", "dynamodb:UpdateItem"],
       "the callback may GetItem and UpdateItem on the drifts table (marking drifts remediated), nothing else")
hist = table_arn["history"]
expect([a for a in data_plane if allowed(scan, a, hist)] == ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query",
                                                            "dynamodb:Scan"],
       "the scanner may UpdateItem (revert checks), GetItem, Query and Scan (the fleet page) on the history table, nothing else")
expect(scanner_env.get("HISTORY_TABLE") == outputs["table_names"]["history"] and scanner_env.get("REPORT_BASE_URL") == "",
       "the scanner reads the history table (HISTORY_TABLE); REPORT_BASE_URL is empty by default (presigned links)")
fn_names = outputs["function_names"]
fn_arn = {f: lam.get_function_configuration(FunctionName=n)["FunctionArn"] for f, n in fn_names.items()}
expect(allowed(cb, "lambda:InvokeFunction", fn_arn["drift-scanner"])
       and not allowed(cb, "lambda:InvokeFunction", fn_arn["workflow-orchestrator"]),
       "the callback may invoke the scanner (revert checks) and no other function")
cb_env = outputs["function_environments"]["agent-callback"]
expect(cb_env.get("DRIFTS_TABLE") == outputs["table_names"]["drifts"]
       and cb_env.get("SCANNER_FUNCTION_NAME") == fn_names["drift-scanner"],
       "the callback's DRIFTS_TABLE and SCANNER_FUNCTION_NAME name the drifts table and the scanner")
expect(scanner_env.get("DRIFTS_TABLE") == outputs["table_names"]["drifts"]
       and scanner_env.get("ALERT_MIN_SEVERITY") == "HIGH" and scanner_env.get("REANNOUNCE_HOURS") == "0",
       "the scanner's DRIFTS_TABLE names the drifts table, ALERT_MIN_SEVERITY HIGH, REANNOUNCE_HOURS 0")
expect(allowed(orch, "kms:Decrypt", token_key["Arn"]) and not allowed(cb, "kms:Decrypt", token_key["Arn"])
       and not allowed(scan, "kms:Decrypt", token_key["Arn"]), "only the orchestrator may decrypt with the token's key")

# --- AWS Config (when created) ---------------------------------------------------------
if outputs.get("config_recorder_name"):
    cfg = client("config")
    recs = cfg.describe_configuration_recorders()["ConfigurationRecorders"]
    expect(any(r["name"] == outputs["config_recorder_name"] for r in recs), "Config recorder exists")
    names = [r["ConfigRuleName"] for r in cfg.describe_config_rules()["ConfigRules"]]
    ours = [n for n in names if n.startswith("drift-detection-") and n.endswith("-" + outputs["environment_suffix"])]
    expect(any("-ec2-" in n for n in ours) and any("-rds-" in n for n in ours) and any("-s3-" in n for n in ours),
           f"Config rules exist for EC2, RDS and S3 ({ours})")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
