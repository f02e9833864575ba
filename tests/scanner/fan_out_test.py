#!/usr/bin/env python3
"""A scheduled scan of several targets fans out: the real scanner bootstrap, served by the
harness, invokes itself once per target with the Event invocation type, and every target's
report appears in the report bucket (observed through moto's S3, not through the scanner).
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
    # Targets whose state does not exist: each still gets its own (error) report.
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
        req = urllib.request.Request(f"http://127.0.0.1:{port}/2015-03-31/functions/{fn}/invocations",
                                     data=scheduled, method="POST")
        answer = json.loads(urllib.request.urlopen(req, timeout=120).read())
        print("scheduled invocation answered:", answer)
        if sorted(answer.get("fanned_out", [])) != sorted(names):
            print(f"FAIL: expected a fan-out to {names}, got {answer}", file=sys.stderr)
            return 1
        deadline = time.time() + 120
        missing = set(names)
        while missing and time.time() < deadline:
            for n in list(missing):
                if s3.list_objects_v2(Bucket=bucket, Prefix=f"reports/{n}/").get("KeyCount", 0) > 0:
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
        return 0
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
