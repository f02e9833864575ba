#!/usr/bin/env python3
"""The native engine against Terraform's own refresh, on the same moto and the same drifted
workspaces: the ground-truth fixture (the sample workspaces and every family of
tests/native/families, applied by tests/native/setup_fixture.py).

Per family (its drifted `prod` workspace):
  - time: the native scan (build/bench/native/native_calls, best of --rounds, unmanaged
    discovery off) against `terraform plan -refresh-only` + `terraform show -json` (best of
    --rounds), with the ratio;
  - AWS calls: moto's request log counts every request of each side; Terraform's requests are
    put to their resource type by the provider's debug log (TF_LOG=DEBUG names the type of each
    request it sends; a separate, untimed run), the native engine's by scanning each type alone.
Then per type: resources, calls per resource of each side, and the ratio.

Usage: versus_terraform.py [--build DIR] [--families a,b] [--rounds N] [--json FILE]
       versus_terraform.py --moto-dir DIR --workspaces-dir DIR ...   (a fixture already applied)
       versus_terraform.py --time-refresh FAMILY --workspaces-dir DIR [--rounds N]
           (bench_native: only Terraform's refresh of that family's prod workspace, best of the
           rounds, at --endpoint URL if given; prints {"family", "seconds"})
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MOTO_FIXTURE = os.path.join(SRC, "tests", "fixtures", "moto_fixture.py")
SETUP = os.path.join(SRC, "tests", "native", "setup_fixture.py")
CLI_CONFIG = os.path.join(SRC, "tests", "workspaces", "cli.tfrc")
RECORD_START = re.compile(r"\n(?=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")


def aws_env(endpoint):
    return dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")


def moto_requests(log):
    with open(log, "rb") as f:
        return sum(1 for line in f if b'HTTP/1.1"' in line)


def terraform_env(endpoint, workspace, **extra):
    return dict(aws_env(endpoint), TF_CLI_CONFIG_FILE=CLI_CONFIG, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1",
                TF_WORKSPACE=workspace, **extra)


def terraform_refresh(tf_dir, prefix, env):
    plan = os.path.join(tf_dir, "versus.tfplan")
    subprocess.run(["terraform", "plan", "-refresh-only", "-lock=false", "-input=false", "-no-color",
                    f"-out={plan}", f"-var=name_prefix={prefix}"],
                   cwd=tf_dir, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    subprocess.run(["terraform", "show", "-json", plan], cwd=tf_dir, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def terraform_calls_by_type(log_path):
    """Requests the AWS provider sent, by the resource type it read (the S3 backend's state
    reads apart, under "(state backend)"; configuring the provider under "(provider)")."""
    counts = collections.Counter()
    with open(log_path, errors="replace") as f:
        for record in RECORD_START.split(f.read()):
            if "HTTP Request Sent" not in record:
                continue
            if "backend-s3:" in record:
                counts["(state backend)"] += 1
                continue
            t = re.search(r"tf_resource_type=([a-z0-9_]+)", record)
            counts[t.group(1) if t else "(provider)"] += 1
    return counts


def measure(fam, fixture, build, moto_log, rounds):
    endpoint, prefix = fixture["endpoint"], fixture["name_prefix"]
    tf_dir, state = fam["terraform_dir"], fam["state"]

    native_cmd = [os.path.join(build, "bench", "native", "native_calls"), "--bucket", state["bucket"],
                  "--key", state["key"], "--workspace", "prod", "--rounds", str(rounds)]
    seen = moto_requests(moto_log)
    out = subprocess.run(native_cmd, env=aws_env(endpoint), check=True, stdout=subprocess.PIPE, text=True)
    native = json.loads(out.stdout)
    native["moto_requests"] = moto_requests(moto_log) - seen
    # The state's GetObject, the timed rounds, then one scan per type.
    native["counted"] = 1 + rounds * native["calls"] + sum(v["calls"] for v in native["types"].values())

    best = None
    for _ in range(rounds):
        t0 = time.monotonic()
        terraform_refresh(tf_dir, prefix, terraform_env(endpoint, "prod"))
        took = time.monotonic() - t0
        best = took if best is None else min(best, took)
    with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as log:
        log_path = log.name
    seen = moto_requests(moto_log)
    terraform_refresh(tf_dir, prefix, terraform_env(endpoint, "prod", TF_LOG="DEBUG", TF_LOG_PATH=log_path))
    tf_moto = moto_requests(moto_log) - seen
    by_type = terraform_calls_by_type(log_path)
    os.unlink(log_path)
    return {"family": fam["name"], "native": native,
            "terraform": {"seconds": best, "moto_requests": tf_moto, "types": dict(by_type)}}


def families_of(fixture):
    out = []
    if "terraform_dir" in fixture:
        out.append({"name": "sample", "terraform_dir": fixture["terraform_dir"], "state": fixture["state"]})
    out += fixture.get("families", [])
    return out


def agrees(moto_saw, counted):
    return "yes" if moto_saw == counted else f"no ({moto_saw} seen, {counted} counted)"


def print_report(results):
    print("\nper family (drifted prod; time = best of the rounds)")
    print(f"{'family':<14}{'resources':>10}{'native s':>10}{'terraform s':>13}{'ratio':>8}"
          f"{'native calls':>14}{'terraform calls':>17}  moto's log agrees")
    total_n = total_t = 0.0
    for r in results:
        n, t = r["native"], r["terraform"]
        tf_calls = sum(v for k, v in t["types"].items() if not k.startswith("("))
        total_n += n["seconds"]
        total_t += t["seconds"]
        print(f"{r['family']:<14}{n['resources']:>10}{n['seconds']:>10.2f}{t['seconds']:>13.2f}"
              f"{t['seconds'] / n['seconds']:>7.1f}x{n['calls']:>14}{tf_calls:>17}  "
              f"{agrees(n['moto_requests'], n['counted'])} / {agrees(t['moto_requests'], sum(t['types'].values()))}")
    print(f"{'all':<14}{'':>10}{total_n:>10.2f}{total_t:>13.2f}{total_t / total_n:>7.1f}x")

    per_type = collections.defaultdict(lambda: [0, 0, 0])
    extra = collections.Counter()
    for r in results:
        for type_, v in r["native"]["types"].items():
            per_type[type_][0] += v["resources"]
            per_type[type_][1] += v["calls"]
        for type_, n in r["terraform"]["types"].items():
            if type_.startswith("("):
                extra[type_] += n
            else:
                per_type[type_][2] += n
    print("\nAWS calls per resource, by type (Terraform's from the provider's debug log)")
    print(f"{'type':<52}{'resources':>10}{'native':>9}{'terraform':>11}{'terraform/native':>18}")
    for type_ in sorted(per_type):
        res, n, t = per_type[type_]
        if res == 0:
            continue
        ratio = f"{t / n:.1f}x" if n else "-"
        print(f"{type_:<52}{res:>10}{n / res:>9.2f}{t / res:>11.2f}{ratio:>18}")
    for k, n in sorted(extra.items()):
        print(f"terraform {k}: {n} requests in all")
    print("(the native engine reads its state once per workspace, outside the counts above)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(SRC, "build"), help="build directory with bench/native/native_calls")
    ap.add_argument("--families", help="comma-separated families only (no sample workspaces)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", help="also write the measurements to this file")
    ap.add_argument("--moto-dir", help="a running moto_fixture.py server's folder (with --workspaces-dir)")
    ap.add_argument("--workspaces-dir", help="a fixture setup_fixture.py applied into that server")
    ap.add_argument("--time-refresh", metavar="FAMILY", help="only time Terraform's refresh of FAMILY")
    ap.add_argument("--endpoint", help="with --time-refresh: AWS at this URL (a delaying proxy), not the fixture's")
    a = ap.parse_args()
    if a.time_refresh:
        with open(os.path.join(a.workspaces_dir, "native_workspaces.json")) as f:
            fixture = json.load(f)
        fam = next(f for f in families_of(fixture) if f["name"] == a.time_refresh)
        env = terraform_env(a.endpoint or fixture["endpoint"], "prod")
        best = None
        for _ in range(a.rounds):
            t0 = time.monotonic()
            terraform_refresh(fam["terraform_dir"], fixture["name_prefix"], env)
            took = time.monotonic() - t0
            best = took if best is None else min(best, took)
        print(json.dumps({"family": a.time_refresh, "seconds": best}))
        return
    if not os.access(os.path.join(a.build, "bench", "native", "native_calls"), os.X_OK):
        sys.exit(f"no {a.build}/bench/native/native_calls: build the target native_calls first")

    reuse = bool(a.moto_dir and a.workspaces_dir)
    work = tempfile.mkdtemp(prefix="versus-terraform-")
    moto_dir = a.moto_dir if reuse else os.path.join(work, "moto")
    ws_dir = a.workspaces_dir if reuse else os.path.join(work, "ws")
    if not reuse:
        subprocess.run([sys.executable, MOTO_FIXTURE, "start", moto_dir], check=True, stdout=subprocess.DEVNULL)
    try:
        if not reuse:
            setup = [sys.executable, SETUP] + (["--families", a.families] if a.families else []) + [moto_dir, ws_dir]
            t0 = time.monotonic()
            subprocess.run(setup, check=True, stdout=subprocess.DEVNULL)
            print(f"fixture applied in {time.monotonic() - t0:.0f} s ({work})")
        with open(os.path.join(ws_dir, "native_workspaces.json")) as f:
            fixture = json.load(f)
        results = [measure(fam, fixture, a.build, os.path.join(moto_dir, "moto.log"), a.rounds)
                   for fam in families_of(fixture)]
        print_report(results)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(results, f, indent=1)
    finally:
        if not reuse:
            subprocess.run([sys.executable, MOTO_FIXTURE, "stop", moto_dir], stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
