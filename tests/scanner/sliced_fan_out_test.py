#!/usr/bin/env python3
"""A scheduled scan sized by work: the real scanner bootstrap, served by the harness, plans one
target of three workspaces with a small configured budget (SCAN_BUDGET_SECONDS, with
SCAN_CALL_LATENCY_MS standing for real AWS): the target does not fit one invocation, so each
workspace gets its own `Event` invocation, and the large one (`beta`, 30 buckets) is cut into
slices by address range. Observed from outside, through moto's S3 and the harness's log:
  - one invocation per unit, the plan naming beta's parts and alpha and gamma whole;
  - every slice's part under slices/<target>/beta/<run>/, one `merged` claim (and its `emitted`
    mark), and exactly one report for beta: the slice that completed the set merged it;
  - unmanaged discovery ran once for the target: the loose security group (in the run's tag
    scope) is reported by alpha, the first workspace, and by no other report;
  - each workspace's report equals the report of scanning that workspace alone, unsliced, in one
    invocation (but for scan id, times and the region's shared coverage counts): beta's drift
    (versioning suspended in one slice, a public access block removed in another, a bucket
    deleted in a third) is all there, once;
  - a slice's event delivered again (Lambda retries an Event invocation) rewrites its part and
    emits no second report;
  - when the slice that claimed the merge died before emitting, Lambda's retry of that slice
    merges and emits the report, once; no other slice does.
Usage: sliced_fan_out_test.py HARNESS BOOTSTRAP (moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import json
import os
import sys
import tempfile
import time
import uuid

import boto3

from fan_out_support import Function, expect_same_report, resource, scheduled_event, state


def bucket_resources(bucket):
    """A bucket's versioning and public access block, as a state holds them."""
    name = bucket.split("-")[-1]
    return [resource("aws_s3_bucket_versioning", name, {
                "id": bucket, "bucket": bucket, "expected_bucket_owner": "", "mfa": None,
                "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}),
            resource("aws_s3_bucket_public_access_block", name, {
                "id": bucket, "bucket": bucket, "block_public_acls": True, "block_public_policy": True,
                "ignore_public_acls": True, "restrict_public_buckets": True})]


def main(harness, bootstrap):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    s3, ec2 = boto3.client("s3", **kw), boto3.client("ec2", **kw)
    suffix = uuid.uuid4().hex[:8]
    reports_bucket, state_bucket = f"sliced-reports-{suffix}", f"sliced-state-{suffix}"
    s3.create_bucket(Bucket=reports_bucket)
    s3.create_bucket(Bucket=state_bucket)
    target = f"estate-{suffix}"
    key = f"{target}/terraform.tfstate"
    scope = ("SlicedRun", suffix)
    sizes = {"alpha": 2, "beta": 30, "gamma": 2}
    buckets = {}
    for ws, n in sizes.items():
        buckets[ws] = [f"sl-{suffix}-{ws}-b{i:02d}" for i in range(n)]
        resources = []
        for b in buckets[ws]:
            s3.create_bucket(Bucket=b)
            s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
            s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True})
            resources += bucket_resources(b)
        s3.put_object(Bucket=state_bucket, Key=f"env:/{ws}/{key}", Body=json.dumps(state(resources)))
    # The "console": drift at both ends and in the middle of beta's addresses.
    beta = buckets["beta"]
    s3.put_bucket_versioning(Bucket=beta[1], VersioningConfiguration={"Status": "Suspended"})
    s3.delete_public_access_block(Bucket=beta[15])
    s3.delete_public_access_block(Bucket=beta[28])
    s3.delete_bucket(Bucket=beta[28])
    loose = ec2.create_security_group(
        GroupName=f"sl-{suffix}-loose", Description="made by hand",
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [{"Key": scope[0], "Value": scope[1]}]}])["GroupId"]

    targets = [{"name": target, "account_id": "123456789012", "region": "us-east-1",
                "state": {"bucket": state_bucket, "key": key, "region": "us-east-1",
                          "workspaces": sorted(sizes)}}]
    work = tempfile.mkdtemp(prefix="sliced-")
    # 400 ms a call over 8 workers, 2 s a unit: beta's 60 resources cannot fit one invocation,
    # alpha's and gamma's four can.
    fn = Function(harness, bootstrap, endpoint, work, concurrency=4, env={
        "SCAN_TARGETS": json.dumps(targets), "REPORT_BUCKET": reports_bucket,
        "SCAN_BUDGET_SECONDS": "2", "SCAN_CALL_LATENCY_MS": "400",
        "UNMANAGED_SCOPE_TAGS": f"{scope[0]}={scope[1]}"})
    failures = []

    def expect(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    def read(k):
        return json.loads(s3.get_object(Bucket=reports_bucket, Key=k)["Body"].read())

    def timed_reports(ws):
        keys = sorted(o["Key"] for o in s3.list_objects_v2(
            Bucket=reports_bucket, Prefix=f"reports/{target}/{ws}/").get("Contents", [])
            if o["Key"].endswith(".json") and not o["Key"].endswith("/latest.json"))
        return [read(k) for k in keys]

    def wait_for(cond, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if cond():
                return True
            time.sleep(0.5)
        return False

    try:
        answer = fn.invoke(scheduled_event())
        print("scheduled invocation answered:", answer)
        units = answer.get("fanned_out", [])
        beta_parts = [u for u in units if u.startswith(f"{target}/beta part ")]
        expect(f"{target}/alpha" in units and f"{target}/gamma" in units,
               f"alpha and gamma are one invocation each ({units})")
        expect(len(beta_parts) >= 2 and len(units) == 2 + len(beta_parts),
               f"beta is cut into slices, nothing else is ({len(beta_parts)} parts)")
        if failures:
            return 1
        done = wait_for(lambda: all(s3.list_objects_v2(Bucket=reports_bucket, Prefix=f"reports/{target}/{ws}/latest.json")
                                    .get("KeyCount", 0) for ws in sizes))
        if not done:
            print(fn.log()[-4000:], file=sys.stderr)
        expect(done, "every workspace's report arrives")
        time.sleep(2)  # a late slice would show as a second report
        starts = fn.log().count("START RequestId")
        expect(starts == 1 + len(units), f"one invocation per unit and the scheduled one ({starts})")

        parts = [o["Key"] for o in s3.list_objects_v2(Bucket=reports_bucket, Prefix=f"slices/{target}/beta/")
                 .get("Contents", [])]
        runs = {k.split("/")[3] for k in parts}
        expect(len(runs) == 1, f"one run's parts ({runs})")
        run = next(iter(runs)) if runs else ""
        expect(sorted(k.rsplit("/", 1)[1] for k in parts) ==
               sorted([f"{i}.json" for i in range(len(beta_parts))] + ["emitted", "merged"]),
               f"one part per slice, one merge claim and its emitted mark ({sorted(parts)})")

        fanned = {}
        for ws in sizes:
            got = timed_reports(ws)
            expect(len(got) == 1, f"{ws}: exactly one report from the fan-out ({len(got)})")
            fanned[ws] = got[0] if got else {}
        b = fanned["beta"]
        drifted = {(d["address"], d["change"]) for d in b.get("drifts", []) if d["change"] != "unmanaged"}
        name = lambda i: beta[i].split("-")[-1]
        expect(b.get("summary", {}).get("resources_scanned") == 2 * sizes["beta"],
               f"beta: every resource compared once ({b.get('summary', {}).get('resources_scanned')})")
        expect(drifted == {(f"aws_s3_bucket_versioning.{name(1)}", "update"),
                           (f"aws_s3_bucket_public_access_block.{name(15)}", "delete"),
                           (f"aws_s3_bucket_versioning.{name(28)}", "delete"),
                           (f"aws_s3_bucket_public_access_block.{name(28)}", "delete")},
               f"beta: the drift of every slice, once, and nothing else ({sorted(drifted)})")
        for ws in sizes:
            found = {d["id"] for d in fanned[ws].get("drifts", []) if d["change"] == "unmanaged"}
            expect(found == ({loose} if ws == "alpha" else set()),
                   f"{ws}: the loose group is reported by the first workspace only ({found})")
            expect(bool(fanned[ws].get("coverage")) == (ws == "alpha"),
                   f"{ws}: the region listed {'here' if ws == 'alpha' else 'elsewhere'}")

        # Lambda may deliver an Event invocation twice: the part is rewritten, nothing else.
        retried = {"target": target, "workspace": "beta", "unmanaged": False,
                   "slice": {"run": run, "index": 1, "count": len(beta_parts)}}
        again = fn.invoke(json.dumps(retried).encode())
        expect(not again.get("scans") and again.get("slice_parts"),
               f"a slice delivered again writes its part and no report ({again})")
        expect(len(timed_reports("beta")) == 1, "beta: still one report")

        # The slice that claimed a merge died before emitting: Lambda's retry of that slice
        # takes the merge over, once; another slice's event does not. (A run of two slices
        # split at the versioning resources; its claim written as the dead slice left it.)
        lost = f"lost-{suffix}"
        def lost_slice(i):
            return json.dumps({"target": target, "workspace": "beta", "unmanaged": False, "slice": {
                "run": lost, "index": i, "count": 2,
                **({"to": "aws_s3_bucket_versioning"} if i == 0 else {"from": "aws_s3_bucket_versioning"})}}).encode()
        before = len(timed_reports("beta"))
        time.sleep(1.1)  # report keys have a one-second resolution
        s3.put_object(Bucket=reports_bucket, Key=f"slices/{target}/beta/{lost}/merged", Body=b'{"slice":1}')
        first = fn.invoke(lost_slice(0))
        expect(not first.get("scans") and len(timed_reports("beta")) == before,
               f"a slice that finds the merge claimed by another slice emits nothing ({first})")
        retry = fn.invoke(lost_slice(1))
        taken = timed_reports("beta")
        expect(len(retry.get("scans", [])) == 1 and len(taken) == before + 1,
               f"the claimant's retry merges and emits the report ({retry})")
        expect(taken[-1].get("summary", {}).get("resources_scanned") == 2 * sizes["beta"] if taken else False,
               "the taken-over merge holds every part")
        marks = s3.list_objects_v2(Bucket=reports_bucket, Prefix=f"slices/{target}/beta/{lost}/emitted").get("KeyCount", 0)
        expect(marks == 1, "the merge is marked emitted")
        time.sleep(1.1)
        again = fn.invoke(lost_slice(1))
        expect(not again.get("scans") and len(timed_reports("beta")) == before + 1,
               f"the claimant's event once more, after the emit: no second report ({again})")

        # Each workspace alone, unsliced, in one invocation: the same report.
        time.sleep(1.1)  # report keys have a one-second resolution
        for ws in sizes:
            alone = fn.invoke(json.dumps({"target": target, "workspace": ws,
                                                 "unmanaged": ws == "alpha"}).encode())
            expect(len(alone.get("scans", [])) == 1, f"{ws} alone: scanned in one invocation")
            got = timed_reports(ws)
            expect_same_report(expect, fanned[ws], got[-1] if got else {},
                               f"{ws}: the fanned-out report equals the report of the workspace scanned alone")
        return 1 if failures else 0
    finally:
        fn.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
