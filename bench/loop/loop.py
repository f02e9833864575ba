#!/usr/bin/env python3
"""The whole local loop, measured against the product's success criteria.

Sets up what the story sets up (scripts/story.py: moto, the GitHub stand-in, the harness
serving the three real bootstraps, infra/ and the sample workspace deployed with Terraform, the
deployment recorded), then runs ROUNDS rounds. Each round makes console-like changes to
opted-in resources of several types (the data bucket's public access block, versioning,
encryption configuration, policy and tags, and the instance's type: six drift changes) and
changes that are not drift (an object written to the data bucket, the artifacts bucket's and
the security group's own tags written back unchanged: three), then follows the loop:
  1. the scan (the scanner invoked as the schedule would, right after the changes);
  2. the drift events;
  3. the orchestrator's dispatch;
  4. the workflow's real `terraform apply`;
  5. the callback;
  6. the scanner's confirmation of the revert.
It prints counts, rates and a 95 % interval for each criterion: remediation success rate,
false-positive rate, MTTR p50/p95 from detection and from the change, and the end-to-end time
per change (change to confirmed revert, and change to finding).

Rates carry a Wilson score interval; percentiles carry the distribution-free interval of order
statistics (binomial ranks). The live path does not exist in this loop: the scan starts right
after the changes, so "from the change" here has no wait for a schedule, and CloudTrail's
delivery delay is not part of any figure.

Usage: python3 bench/loop/loop.py [--build-dir build] [--rounds 7] [--work-dir DIR]
Leaves nothing running, also when interrupted. Takes about two minutes per round.
"""
import argparse
import json
import math
import os
import shutil
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import story  # noqa: E402

DRIFT_CHANGES = ["public_access_block_off", "versioning_suspended", "encryption_removed",
                 "bucket_policy_replaced", "tags_changed", "instance_type_changed"]
SCOPE = "platform/prod"
FINAL = ("confirmed", "drift_remains")


def wilson(successes, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def percentile(values, q):
    """The q-quantile (nearest rank) and its 95 % interval from binomial order-statistic ranks."""
    v = sorted(values)
    n = len(v)
    if n == 0:
        return (float("nan"), float("nan"), float("nan"))
    rank = max(1, math.ceil(q * n))
    spread = 1.96 * math.sqrt(n * q * (1 - q))
    lo = max(1, math.floor(n * q - spread))
    hi = min(n, math.ceil(n * q + spread) + 1)
    return (v[rank - 1], v[lo - 1], v[hi - 1])


def non_drift_changes(st):
    """Writes that change no managed attribute: they must produce no finding."""
    s3 = st.s3
    ec2 = story.boto3.client("ec2", **st.kw)
    data, artifacts = st.prod["data_bucket"], st.prod.get("artifacts_bucket")
    s3.put_object(Bucket=data, Key=f"loop/{time.time_ns()}.txt", Body=b"data, not configuration")
    if artifacts:
        tags = s3.get_bucket_tagging(Bucket=artifacts)["TagSet"]
        s3.put_bucket_tagging(Bucket=artifacts, Tagging={"TagSet": tags})
    sg = st.prod["security_group_id"]
    tags = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0].get("Tags", [])
    ec2.create_tags(Resources=[sg], Tags=tags)
    return 3 if artifacts else 2


def drift_items(st, ids):
    ddb = st.ddb
    pages = ddb.get_paginator("query").paginate(
        TableName=st.outputs["table_names"]["drifts"], ConsistentRead=True, KeyConditionExpression="#s = :s",
        ExpressionAttributeNames={"#s": "scope"}, ExpressionAttributeValues={":s": {"S": SCOPE}})
    return {i["drift_id"]["S"]: i for page in pages for i in page["Items"] if i["drift_id"]["S"] in ids}


def history_by_drift(st, event_ids):
    out = {}
    for eid in event_ids:
        got = st.ddb.query(TableName=st.outputs["table_names"]["history"], ConsistentRead=True,
                           ScanIndexForward=False, Limit=1, KeyConditionExpression="drift_event_id = :e",
                           ExpressionAttributeValues={":e": {"S": eid}})["Items"]
        if got:
            out[got[0].get("drift_id", {}).get("S", "")] = got[0]
    return out


def dispatches(st):
    return [r for r in story.http_json(st.github + "/_stand-in/requests")
            if r.get("path", "").endswith("/dispatches") and r.get("status") == 204]


def epoch(text):
    t = story.parse_time(text)
    return t.timestamp() if t else None


def one_round(st, n, results):
    scanner = st.outputs["function_names"]["drift-scanner"]
    before = len(dispatches(st))
    t_change = time.time()
    out = story.run([sys.executable, os.path.join(ROOT, "tests", "workspaces", "console_changes.py"),
                     "--endpoint", st.endpoint, "--name-prefix", "acme", "--workspace", "prod",
                     *[x for c in DRIFT_CHANGES for x in ("--only", c)]]).stdout
    made = json.loads(out)["changes"]
    expected = {c["address"] for c in made}
    quiet = non_drift_changes(st)
    t_scan = time.time()
    report = story.scan(st.lam, scanner, st.s3, st.outputs["report_bucket"], previous=results.get("last_scan"))
    t_found = time.time()
    results["last_scan"] = report.get("scan_id")
    managed = {d["address"]: d for d in report.get("drifts", []) if d["change"] != "unmanaged"}
    unmanaged = {(d["type"], d.get("id") or d["address"]) for d in report.get("drifts", [])
                 if d["change"] == "unmanaged"}
    new_unmanaged = unmanaged - results["unmanaged_baseline"]
    false_pos = sorted(set(managed) - expected) + sorted(f"{t} {i}" for t, i in new_unmanaged)
    results["quiet_changes"] += quiet
    results["false_positives"] += len(false_pos)
    found = {a: managed[a].get("drift_id", "") for a in expected if a in managed}
    results["missed"] += len(expected) - len(found)
    story.detail(f"round {n}: {len(made)} drift changes, {quiet} quiet ones; found {len(found)}, "
                 f"false positives {false_pos or 'none'}")

    # The events of this round's dispatch, and their outcomes.
    try:
        sent = story.wait_for("this round's dispatch", lambda: dispatches(st)[before:] or None, timeout=180)
    except story.StoryError as e:
        results["failed"] += len(made)
        story.detail(f"round {n}: {e}")
        return
    event_ids = []
    for d in sent:
        body = json.loads(d["body"]) if isinstance(d["body"], str) else d["body"]
        event_ids += body["client_payload"]["drift_event_ids"]
    ids = set(found.values())

    def decided():
        items = drift_items(st, ids)
        states = [items.get(i, {}).get("status", {}).get("S") for i in ids]
        failed = [i for i in ids if "remediation_failed_at" in items.get(i, {})
                  and items[i]["status"]["S"] == "open"]
        return items if all(s in FINAL for s in states) or failed else None

    try:
        items = story.wait_for("the revert's confirmation of every drift of the round", decided, timeout=600,
                               interval=2)
    except story.StoryError as e:
        story.detail(f"round {n}: {e}")
        items = drift_items(st, ids)
    hist = history_by_drift(st, event_ids)
    for address in sorted(expected):
        did = found.get(address)
        item, h = items.get(did, {}), hist.get(did, {})
        ok = item.get("status", {}).get("S") == "confirmed"
        results["changes"].append({
            "round": n, "address": address, "confirmed": ok,
            "mttr_detection": float(h["mttr_seconds"]["N"]) if "mttr_seconds" in h else None,
            "mttr_change": (epoch(h.get("completed_at", {}).get("S")) or t_change) - t_change
            if "completed_at" in h else None,
            "to_finding": t_found - t_change,
            "to_confirmed": (epoch(item.get("confirmed_at", {}).get("S")) or t_change) - t_change
            if "confirmed_at" in item else None})
        if not ok:
            results["failed"] += 1
    story.detail(f"round {n}: confirmed {sum(1 for c in results['changes'] if c['round'] == n and c['confirmed'])}"
                 f" of {len(expected)}; scan took {t_found - t_scan:.1f}s")


def summarise(results):
    ch = results["changes"]
    n = len(ch)
    ok = sum(1 for c in ch if c["confirmed"])
    print(f"\n{n} drift changes in {results['rounds']} rounds, {results['quiet_changes']} changes that are not drift")
    lo, hi = wilson(ok, n)
    print(f"{'criterion':44} {'measured':>22} {'95 % interval':>22}  target")
    print(f"{'remediation success rate':44} {f'{ok}/{n} = {100 * ok / max(n, 1):.1f} %':>22} "
          f"{f'{100 * lo:.1f}-{100 * hi:.1f} %':>22}  > 95 %")
    q, fp = results["quiet_changes"], results["false_positives"]
    lo, hi = wilson(fp, q)
    print(f"{'false-positive rate (findings per quiet change)':44} {f'{fp}/{q} = {100 * fp / max(q, 1):.1f} %':>22} "
          f"{f'{100 * lo:.1f}-{100 * hi:.1f} %':>22}  < 5 %")
    missed = results["missed"]
    print(f"{'drift changes not found by the scan':44} {missed:>22}")
    for key, label, target in (("mttr_detection", "MTTR from detection", "< 120 s for 95 %"),
                               ("mttr_change", "MTTR from the change", "< 120 s for 95 %"),
                               ("to_confirmed", "end to end: change to confirmed revert", "< 60 s"),
                               ("to_finding", "end to end: change to finding", "< 60 s")):
        vals = [c[key] for c in ch if c[key] is not None]
        for q_, name in ((0.5, "p50"), (0.95, "p95")):
            v, lo, hi = percentile(vals, q_)
            print(f"{label + ' ' + name:44} {f'{v:.1f} s (n={len(vals)})':>22} {f'{lo:.1f}-{hi:.1f} s':>22}  "
                  f"{target if name == 'p95' else ''}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work-dir")
    ap.add_argument("--rounds", type=int, default=7)
    a = ap.parse_args()
    build = os.path.abspath(a.build_dir)
    work = os.path.abspath(a.work_dir or tempfile.mkdtemp(prefix="drift-loop-"))
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    results = {"changes": [], "rounds": a.rounds, "quiet_changes": 0, "false_positives": 0, "missed": 0,
               "failed": 0, "last_scan": None, "unmanaged_baseline": set()}
    try:
        st = story.set_up(build, work, "native")
        scanner = st.outputs["function_names"]["drift-scanner"]
        base = story.scan(st.lam, scanner, st.s3, st.outputs["report_bucket"])
        results["last_scan"] = base.get("scan_id")
        results["unmanaged_baseline"] = {(d["type"], d.get("id") or d["address"])
                                         for d in base.get("drifts", []) if d["change"] == "unmanaged"}
        if any(d["change"] != "unmanaged" for d in base.get("drifts", [])):
            raise story.StoryError(f"the fresh workspace already drifts: {json.dumps(base)[:600]}")
        for n in range(1, a.rounds + 1):
            one_round(st, n, results)
        summarise(results)
        with open(os.path.join(work, "loop.json"), "w") as f:
            json.dump({k: v for k, v in results.items() if k != "unmanaged_baseline"}, f, indent=2)
        print(f"per change: {os.path.join(work, 'loop.json')}")
        return 0
    except story.StoryError as e:
        print(f"\nLOOP FAILED: {e}\nLogs: {work}")
        if results["changes"]:
            summarise(results)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        story.stop_all()


if __name__ == "__main__":
    sys.exit(main())
