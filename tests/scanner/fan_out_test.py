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
comparison, as other tests create resources meanwhile.
Usage: fan_out_test.py HARNESS BOOTSTRAP (moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import boto3


def state_of(bucket):
    """A Terraform v4 state managing the versioning and public access block of `bucket`."""
    def res(rtype, attrs):
        return {"mode": "managed", "type": rtype, "name": "data",
                "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                "instances": [{"schema_version": 0, "attributes": attrs, "sensitive_attributes": [],
                               "private": "bnVsbA=="}]}
    return {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": str(uuid.uuid4()),
            "outputs": {}, "check_results": None, "resources": [
                res("aws_s3_bucket_versioning",
                    {"bucket": bucket, "expected_bucket_owner": "", "id": bucket, "mfa": None,
                     "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}),
                res("aws_s3_bucket_public_access_block",
                    {"block_public_acls": True, "block_public_policy": True, "bucket": bucket, "id": bucket,
                     "ignore_public_acls": True, "restrict_public_buckets": True})]}


def comparable(report):
    """A report without what differs between two scans of the same thing: its id, its times,
    and how many resources of each type the shared region holds (coverage `found`, and the
    percentages computed from it, per type and in the summary's `iac_coverage`)."""
    shared = ("found", "percent")
    out = {k: v for k, v in report.items() if k not in ("scan_id", "started_at", "finished_at")}
    out["coverage"] = [{k: v for k, v in c.items() if k not in shared} for c in out.get("coverage", [])]
    summary = dict(out.get("summary", {}))
    if isinstance(summary.get("iac_coverage"), dict):
        summary["iac_coverage"] = {k: v for k, v in summary["iac_coverage"].items() if k not in shared}
    out["summary"] = summary
    return out


def invoke(port, fn, payload):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/2015-03-31/functions/{fn}/invocations",
                                 data=payload, method="POST")
    return json.loads(urllib.request.urlopen(req, timeout=120).read())


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
    port_file = os.path.join(work, "port")
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    log = open(os.path.join(work, "harness.log"), "w")
    # The function's own Lambda endpoint is the harness: its port is known only once it
    # listens, so the harness is given a fixed free port.
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fn = "drift-scanner"
    cmd = [harness, "--port", str(port), "--port-file", port_file, "--function", fn, "--bootstrap", bootstrap,
           "--concurrency", "3", "--timeout", "60",
           "--env", f"SCAN_TARGETS={json.dumps(targets)}", "--env", f"REPORT_BUCKET={bucket}",
           "--env", f"SCANNER_FUNCTION_NAME={fn}", "--env", "SCAN_ENGINE=native",
           "--env", f"UNMANAGED_SCOPE_TAGS={scope}",
           "--env", f"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
    try:
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        scheduled = json.dumps({"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
                                "source": "aws.events", "account": "123456789012",
                                "time": "2026-11-23T18:00:00Z", "region": "us-east-1", "resources": [],
                                "detail": {}}).encode()
        answer = invoke(port, fn, scheduled)
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
            print(open(os.path.join(work, "harness.log")).read()[-3000:], file=sys.stderr)
            return 1
        starts = open(os.path.join(work, "harness.log")).read().count("START RequestId")
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
            expect({"aws_s3_bucket", "aws_instance"} <= {c.get("type") for c in r.get("coverage", [])},
                   f"{n}: unmanaged discovery ran (coverage per type)")
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
            alone_answer = invoke(port, fn, json.dumps({"target": n}).encode())
            expect(not alone_answer.get("fanned_out"), f"{n} alone: scanned in the invocation itself")
            timed, latest = reports(n)
            expect(len(timed) == 2 and latest == timed[-1], f"{n} alone: a second report, now latest.json")
            a, b = comparable(fanned[n]), comparable(latest or {})
            expect(a == b, f"{n}: the fanned-out report equals the report of scanning it alone")
            if a != b:
                print(json.dumps(a, indent=1, sort_keys=True), json.dumps(b, indent=1, sort_keys=True),
                      sep="\n----\n", file=sys.stderr)
        return 1 if failures else 0
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
