"""What the fan-out tests share: the scanner bootstrap served by the harness as a function that
can invoke itself, a scheduled event, Terraform state shapes, and reports made comparable."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

FUNCTION = "drift-scanner"


def resource(rtype, name, attrs):
    """One managed resource of a v4 state, with one instance."""
    return {"mode": "managed", "type": rtype, "name": name,
            "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "instances": [{"schema_version": 0, "attributes": attrs, "sensitive_attributes": [],
                           "private": "bnVsbA=="}]}


def state(resources):
    return {"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": str(uuid.uuid4()),
            "outputs": {}, "check_results": None, "resources": resources}


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


def expect_same_report(expect, fanned, alone, what):
    """`what` holds when the two reports are the same but for what two scans always differ in;
    both are printed when they are not."""
    a, b = comparable(fanned), comparable(alone)
    expect(a == b, what)
    if a != b:
        print(json.dumps(a, indent=1, sort_keys=True), json.dumps(b, indent=1, sort_keys=True),
              sep="\n----\n", file=sys.stderr)


def scheduled_event():
    return json.dumps({"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
                       "source": "aws.events", "account": "123456789012",
                       "time": "2026-11-23T18:00:00Z", "region": "us-east-1", "resources": [],
                       "detail": {}}).encode()


class Function:
    """The harness serving the bootstrap as FUNCTION, its own Lambda endpoint (so that a
    scheduled scan's Event invocations come back to it). `env`: extra variables of the
    function."""

    def __init__(self, harness, bootstrap, endpoint, work, env, concurrency):
        self.log_path = os.path.join(work, "harness.log")
        port_file = os.path.join(work, "port")
        # Its port is known only once it listens, so the harness is given a fixed free port.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        cmd = [harness, "--port", str(self.port), "--port-file", port_file, "--function", FUNCTION,
               "--bootstrap", bootstrap, "--concurrency", str(concurrency), "--timeout", "60",
               "--env", f"SCANNER_FUNCTION_NAME={FUNCTION}", "--env", "SCAN_ENGINE=native",
               "--env", f"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{self.port}"]
        for k, v in env.items():
            cmd += ["--env", f"{k}={v}"]
        proc_env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
                        AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=proc_env, start_new_session=True)
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)

    def invoke(self, payload):
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/2015-03-31/functions/{FUNCTION}/invocations",
            data=payload, method="POST")
        return json.loads(urllib.request.urlopen(req, timeout=120).read())

    def log(self):
        return open(self.log_path).read()

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=10)
