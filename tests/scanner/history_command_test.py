#!/usr/bin/env python3
"""`drift-scan history`: the fleet's trend, read back from drifts and history items this test
writes into moto's tables (made as infra/ makes them), in JSON and in text; and its errors.
Usage: history_command_test.py BOOTSTRAP (DRIFT_MOTO_DIR names the moto fixture)."""
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_STACK = os.path.join(HERE, "..", "fixtures", "make_stack.py")
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(bootstrap):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    stack = json.loads(subprocess.run([sys.executable, MAKE_STACK, endpoint, uuid.uuid4().hex[:8]],
                                      check=True, stdout=subprocess.PIPE, text=True).stdout)
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_REGION="us-east-1", DRIFTS_TABLE=stack["drifts_table"], HISTORY_TABLE=stack["history_table"])
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    now = datetime.now(timezone.utc)

    def drift(scope, address, severity, status, age_hours, recurrences, environment):
        ddb.put_item(TableName=stack["drifts_table"], Item={
            "scope": {"S": scope}, "drift_id": {"S": uuid.uuid4().hex}, "address": {"S": address},
            "severity": {"S": severity}, "status": {"S": status}, "environment": {"S": environment},
            "first_seen": {"S": stamp(now - timedelta(hours=age_hours))},
            "recurrences": {"N": str(recurrences)}})

    def outcome(status, days_ago, mttr, environment="production"):
        item = {"drift_event_id": {"S": str(uuid.uuid4())}, "timestamp": {"S": stamp(now - timedelta(days=days_ago, hours=1))},
                "status": {"S": status}, "environment": {"S": environment}}
        if mttr is not None:
            item["completed_at"] = {"S": stamp(now - timedelta(days=days_ago))}
            item["mttr_seconds"] = {"N": str(mttr)}
        ddb.put_item(TableName=stack["history_table"], Item=item)

    drift("payments/prod", "aws_s3_bucket.data", "CRITICAL", "open", 72, 2, "production")
    drift("payments/prod", "aws_security_group.web", "HIGH", "drift_remains", 24, 0, "production")
    drift("payments/prod", "aws_iam_role.app", "LOW", "confirmed", 400, 1, "production")
    drift("payments/dev", "aws_vpc.main", "MEDIUM", "open", 5, 0, "development")
    for mttr in (60, 120, 600):
        outcome("remediated", 1, mttr)
    outcome("remediation_failed", 2, 45)
    outcome("confirmed", 20, 3000)
    outcome("remediated", 40, 10)      # older than the longest window
    outcome("dispatched", 0, None)     # no outcome yet

    run = subprocess.run([bootstrap, "history", "--json"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    expect(run.returncode == 0, f"history --json exits 0 ({run.returncode}: {run.stderr.strip()})")
    doc = json.loads(run.stdout) if run.returncode == 0 else {"environments": []}
    envs = {e["environment"]: e for e in doc["environments"]}
    expect(sorted(envs) == ["development", "production"], f"one entry per environment ({sorted(envs)})")
    prod = envs.get("production", {})
    expect(prod.get("open") == 2 and prod.get("open_by_severity") == {"CRITICAL": 1, "HIGH": 1},
           f"production: open drift by severity ({prod.get('open_by_severity')})")
    oldest = prod.get("oldest_open") or {}
    expect(oldest.get("address") == "aws_s3_bucket.data" and abs(oldest.get("age_seconds", 0) - 72 * 3600) < 600,
           f"production: the oldest open drift ({oldest.get('address')}, {oldest.get('age_seconds')} s)")
    w7, w30 = prod.get("last_7_days", {}), prod.get("last_30_days", {})
    expect((w7.get("outcomes"), w7.get("successes")) == (4, 3) and w7.get("success_rate") == 0.75,
           f"7 days: 4 outcomes, 3 successes, 75 % ({w7})")
    expect((w7.get("mttr_p50_seconds"), w7.get("mttr_p95_seconds")) == (120, 600), "7 days: MTTR p50 120 s, p95 600 s")
    expect(w30.get("outcomes") == 5 and w30.get("mttr_p95_seconds") == 3000, f"30 days: 5 outcomes, p95 3000 s ({w30})")
    top = prod.get("top_recurring", [])
    expect([r["address"] for r in top] == ["aws_s3_bucket.data", "aws_iam_role.app"],
           f"production: recurring resources, most first ({top})")
    dev = envs.get("development", {})
    expect(dev.get("open") == 1 and dev.get("last_7_days", {}).get("success_rate") is None,
           "development: one open drift, no outcomes, no rate")

    text = subprocess.run([bootstrap, "history"], env=env, stdout=subprocess.PIPE, text=True).stdout
    expect("production\n  open drift: 2 (1 CRITICAL, 1 HIGH)" in text, "text: open drift by severity")
    expect("last 7 days: 4 remediations, 75 % succeeded, MTTR p50 2.0 min, p95 10.0 min" in text,
           "text: the 7-day window")

    bare = {k: v for k, v in env.items() if k not in ("DRIFTS_TABLE", "HISTORY_TABLE")}
    r = subprocess.run([bootstrap, "history"], env=bare, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    expect(r.returncode == 64 and "DRIFTS_TABLE" in r.stderr, f"without tables: exit 64 and why ({r.returncode})")
    r = subprocess.run([bootstrap, "history", "--drifts-table", "no-such-table"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    expect(r.returncode == 1 and "cannot read no-such-table" in r.stderr, f"a missing table: exit 1 and why ({r.stderr.strip()})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
