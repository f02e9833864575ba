#!/usr/bin/env python3
"""infra.capture_sources: the change-capture pattern (infra/modules/change-pattern,
used by the central rule and every forwarder) covers every CloudTrail event
source a native type declares in `drift-scan types --json` (`changes.source`),
and names no service no type declares. The module's list is read through
Terraform itself (a resource-less module: `terraform apply` of its outputs
needs no provider and no AWS).

usage: capture_sources.py --bootstrap PATH --infra DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--infra", required=True)
    args = ap.parse_args()

    types = json.loads(subprocess.run([args.bootstrap, "types", "--json"], capture_output=True, text=True,
                                      check=True).stdout)["types"]
    declared = {}
    for t in types:
        src = (t.get("changes") or {}).get("source")
        if src:
            declared.setdefault(src, []).append(t["type"])

    with tempfile.TemporaryDirectory(prefix="drift-capture-sources-") as work:
        mod = os.path.join(work, "change-pattern")
        shutil.copytree(os.path.join(args.infra, "modules", "change-pattern"), mod,
                        ignore=shutil.ignore_patterns(".terraform", "terraform.tfstate*"))
        env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0")
        for cmd in (["terraform", "init", "-input=false", "-no-color"],
                    ["terraform", "apply", "-auto-approve", "-input=false", "-no-color"]):
            r = subprocess.run(cmd, cwd=mod, env=env, capture_output=True, text=True)
            if r.returncode:
                print(r.stdout[-3000:], r.stderr[-3000:])
                return 1
        out = json.loads(subprocess.run(["terraform", "output", "-json"], cwd=mod, env=env, capture_output=True,
                                        text=True, check=True).stdout)
    listed = set(out["event_sources"]["value"])
    pattern = json.loads(out["event_pattern"]["value"])

    failures = []
    print(f"types --json declares {len(declared)} event source(s) over "
          f"{sum(len(v) for v in declared.values())} type(s): {sorted(declared)}")
    print(f"the capture pattern lists {sorted(listed)}")
    if not declared:
        failures.append("no type declares a changes.source: `types --json` changed shape?")
    for src in sorted(set(declared) - listed):
        failures.append(f"{src} (types {', '.join(declared[src])}) is missing from "
                        "infra/modules/change-pattern's event_sources")
    for src in sorted(listed - set(declared)):
        failures.append(f"{src} is in the capture pattern, but no type declares it")
    if sorted(pattern["detail"]["eventSource"]) != sorted(listed):
        failures.append("the pattern's detail.eventSource differs from event_sources")
    want_sources = sorted({("aws.cloudwatch" if s == "monitoring.amazonaws.com"
                            else "aws." + s.removesuffix(".amazonaws.com")) for s in listed})
    if pattern["source"] != want_sources:
        failures.append(f"the pattern's source {pattern['source']} is not {want_sources}")
    if pattern["detail"].get("readOnly") != [False] or pattern.get("detail-type") != ["AWS API Call via CloudTrail"]:
        failures.append("the pattern must match write calls (readOnly false) of CloudTrail API events only")
    for f in failures:
        print("FAIL " + f)
    if not failures:
        print("ok   the capture pattern covers exactly the declared event sources")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
