#!/usr/bin/env python3
"""A scheduled scan of several targets fans out: the real scanner bootstrap, served by the
harness, invokes itself once per target with the Event invocation type, and every target's
report appears in the report bucket (observed through moto's S3, not through the scanner).

Two targets have a state that scans: `alpha` (versioning and public access block as its state
says: no drift of its own) and `beta` (versioning suspended, public access block removed in the
"console"); `gamma` has no state and gets an error report. Both of the first two succeed
through the fan-out, and their reports equal, but for scan id and times, the reports of scanning
each target alone in one invocation ({"target": name}). Unmanaged discovery stays on, scoped by
UNMANAGED_SCOPE_TAGS to a tag nothing carries, so that the rest of the shared emulator adds no
findings; only its coverage counts of what exists in the region (`found`) are left out of the
comparison, as other tests create resources meanwhile. The three targets share one account and
region, so the region is listed once: by alpha, the first (beta's event says `"unmanaged":
false`, and so does its lone scan here); scanned all in one invocation (no fan-out), the runner
lists it with alpha and not for beta.
Usage: fan_out_test.py HARNESS BOOTSTRAP (moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import json
import os
import sys
import tempfile
import time
import uuid

import boto3

from fan_out_support import Function, expect_same_report, resource, scheduled_event, state


def state_of(bucket):
    """A Terraform v4 state managing the versioning and public access block of `bucket`."""
    return state([
        resource("aws_s3_bucket_versioning", "data",
                 {"bucket": bucket, "expected_bucket_owner": "", "id": bucket, "mfa": None,
                  "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}),
        resource("aws_s3_bucket_public_access_block", "data",
                 {"block_public_acls": True, "block_public_policy": True, "bucket": bucket, "id": bucket,
                  "ignore_public_acls": True, "restrict_public_buckets": True})])


def main(harness, bootstrap):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    s3 = boto3.client("s3", **kw)
    suffix = uuid.uuid4().hex[:8]
    bucket, state_bucket = f"fanout-reports-{suffix}", f"fanout-state-{suffix}"
    s3.create_bucket(Bucket=bucket)
    s3.create_bucket(Bucket=state_bucket)
    names = [f"alpha-{suffix}", f"beta-{suffix}", f"gamma-{suffix}"]
    alpha, beta, gamma = names
    scope = f"FanOutRun={suffix}"
    # alpha and beta: one bucket each, described by a state; gamma's state does not exist and
    # still gets its own (error) report.
    for n in (alpha, beta):
        b = f"{n}-data"
        s3.create_bucket(Bucket=b)
        s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})
        s3.put_object(Bucket=state_bucket, Key=f"env:/prod/{n}/terraform.tfstate", Body=json.dumps(state_of(b)))
    s3.put_bucket_versioning(Bucket=f"{beta}-data", VersioningConfiguration={"Status": "Suspended"})
    s3.delete_public_access_block(Bucket=f"{beta}-data")
    targets = [{"name": n, "account_id": "123456789012", "region": "us-east-1",
                "state": {"bucket": state_bucket, "key": f"{n}/terraform.tfstate", "region": "us-east-1",
                          "workspaces": ["prod"]}} for n in names]
    work = tempfile.mkdtemp(prefix="fanout-")
    fn = Function(harness, bootstrap, endpoint, work, concurrency=3, env={
        "SCAN_TARGETS": json.dumps(targets), "REPORT_BUCKET": bucket, "UNMANAGED_SCOPE_TAGS": scope})
    try:
        answer = fn.invoke(scheduled_event())
        print("scheduled invocation answered:", answer)
        if sorted(answer.get("fanned_out", [])) != sorted(names):
            print(f"FAIL: expected a fan-out to {names}, got {answer}", file=sys.stderr)
            return 1
        deadline = time.time() + 120
        missing = set(names)
        while missing and time.time() < deadline:
            for n in list(missing):
                # The two that succeed are done once latest.json is written (after their report).
                prefix = f"reports/{n}/prod/latest.json" if n != gamma else f"reports/{n}/"
                if s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("KeyCount", 0) > 0:
                    missing.discard(n)
            time.sleep(0.5)
        if missing:
            print(f"FAIL: no report for {sorted(missing)}", file=sys.stderr)
            print(fn.log()[-3000:], file=sys.stderr)
            return 1
        starts = fn.log().count("START RequestId")
        print(f"reports written for {len(names)} targets by {starts} invocations")
        if starts != len(names) + 1:
            print(f"FAIL: expected {len(names) + 1} invocations, saw {starts}", file=sys.stderr)
            return 1

        failures = []

        def expect(cond, what):
            print(("ok   " if cond else "FAIL ") + what)
            if not cond:
                failures.append(what)

        def reports(n):
            """The timestamped reports of n's prod workspace, oldest first, and latest.json."""
            keys = sorted(o["Key"] for o in s3.list_objects_v2(
                Bucket=bucket, Prefix=f"reports/{n}/prod/").get("Contents", [])
                if o["Key"].endswith(".json"))  # not the HTML pages beside them
            read = lambda k: json.loads(s3.get_object(Bucket=bucket, Key=k)["Body"].read())
            latest = f"reports/{n}/prod/latest.json"
            return [read(k) for k in keys if k != latest], (read(latest) if latest in keys else None)

        def expect_listed_once(n, r, how):
            """Alpha, the first target of the account and region, lists it; beta does not again."""
            listed = {c.get("type") for c in r.get("coverage", [])}
            if n == alpha:
                expect({"aws_s3_bucket", "aws_instance"} <= listed,
                       f"{n}{how}: the first target of the account and region listed it (coverage per type)")
            else:
                expect(not listed, f"{n}{how}: the region was listed by alpha, not again ({sorted(listed)})")

        fanned = {}
        for n in (alpha, beta):
            timed, latest = reports(n)
            expect(len(timed) == 1 and latest == timed[0], f"{n}: one report through the fan-out, latest.json the same")
            fanned[n] = timed[0] if timed else {}
            r = fanned[n]
            expect(r.get("exit_code") in (0, 2) and not r.get("errors") and r.get("engine") == "native",
                   f"{n}: the fanned-out scan succeeded (exit {r.get('exit_code')}, errors {r.get('errors')})")
            expect(r.get("summary", {}).get("resources_scanned") == 2, f"{n}: both resources of its state scanned")
            unmanaged = [d["address"] for d in r.get("drifts", []) if d.get("change") == "unmanaged"]
            expect(not unmanaged, f"{n}: nothing unmanaged in this run's scope ({unmanaged})")
            expect_listed_once(n, r, "")
        managed = lambda r: {(d["address"], d["change"]) for d in r.get("drifts", []) if d["change"] != "unmanaged"}
        expect(managed(fanned[alpha]) == set(), f"alpha: no drift of its own ({managed(fanned[alpha])})")
        expect(managed(fanned[beta]) == {("aws_s3_bucket_versioning.data", "update"),
                                         ("aws_s3_bucket_public_access_block.data", "delete")},
               f"beta: versioning changed and public access block deleted ({managed(fanned[beta])})")
        timed, latest = reports(gamma)
        expect(len(timed) == 1 and timed[0].get("exit_code") == 1 and latest is None,
               "gamma: an error report, and no latest.json from a failed scan")

        # Each target alone, in one invocation of its own: the same report.
        time.sleep(1.1)  # report keys have a one-second resolution
        for n in (alpha, beta):
            alone_answer = fn.invoke(json.dumps({"target": n, **({} if n == alpha else {"unmanaged": False})}).encode())
            expect(not alone_answer.get("fanned_out"), f"{n} alone: scanned in the invocation itself")
            timed, latest = reports(n)
            expect(len(timed) == 2 and latest == timed[-1], f"{n} alone: a second report, now latest.json")
            expect_same_report(expect, fanned[n], latest or {},
                               f"{n}: the fanned-out report equals the report of scanning it alone")

        # The whole run in one invocation (no SCANNER_FUNCTION_NAME, so no fan-out): the
        # runner itself lists the account's region once, with alpha, and not again for beta.
        one = Function(harness, bootstrap, endpoint, tempfile.mkdtemp(prefix="fanout-one-"),
                       concurrency=1, env={"SCAN_TARGETS": json.dumps(targets), "REPORT_BUCKET": bucket,
                                           "UNMANAGED_SCOPE_TAGS": scope, "SCANNER_FUNCTION_NAME": ""})
        try:
            time.sleep(1.1)
            answer = one.invoke(scheduled_event())
            expect(not answer.get("fanned_out"), "one invocation: every target scanned in it, none fanned out")
            for n in (alpha, beta):
                timed, latest = reports(n)
                expect(len(timed) == 3 and latest == timed[-1], f"{n} in one invocation: a third report")
                r = latest or {}
                expect_listed_once(n, r, " in one invocation")
                expect(managed(r) == managed(fanned[n]),
                       f"{n} in one invocation: the same drift as fanned out ({managed(r)})")
        finally:
            one.stop()
        return 1 if failures else 0
    finally:
        fn.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
