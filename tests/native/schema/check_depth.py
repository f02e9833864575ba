#!/usr/bin/env python3
"""The provider's own schema as the yardstick of the native engine's depth.

For every type the scanner lists in `types --json`, each configurable top-level name of the
provider schema (attributes that are optional or required, and nested blocks; not `id` or
`timeouts`) must be either compared or listed in `not_compared` with a kind:
provider_only, write_only, create_only or not_read. Per type, at least 90 % of the names that
are not provider_only, write_only or create_only must be compared, and no not_read name may be
one that can open access (policies, public flags, network rules, encryption). A write_only
claim must match the schema's own write_only flag.

Usage: check_depth.py TYPES_JSON PROVIDER_SCHEMA_JSON [--min-percent 90] [--type T ...]
Prints one line per type (compared / comparable, percent) and every problem; exits 1 on any.
"""
import argparse
import json
import re
import sys

PROVIDER = "registry.terraform.io/hashicorp/aws"
KINDS = {"provider_only", "write_only", "create_only", "not_read"}
VERIFIED = {"ground-truth", "offline-only"}
# Names whose drift can open access: never left as not_read.
OPENS_ACCESS = re.compile(
    r"polic|public|ingress|egress|cidr|security_group|encrypt|kms|acl|assume_role|"
    r"permissions_boundary|principal|grant|ssl|tls|auth|sse|block_public|ip_permission")


def configurable(block):
    names = {n for n, a in block.get("attributes", {}).items()
             if (a.get("optional") or a.get("required")) and n != "id"}
    names |= {n for n in block.get("block_types", {}) if n != "timeouts"}
    return names


def write_only(block):
    return {n for n, a in block.get("attributes", {}).items() if a.get("write_only")}


def check(types_doc, schema_doc, min_percent):
    resources = schema_doc.get("provider_schemas", {}).get(PROVIDER, {}).get("resource_schemas", {})
    problems, lines = [], []
    if not resources:
        problems.append(f"the provider schema has no resource type of {PROVIDER}")
    listed = types_doc.get("types", [])
    if not listed:
        problems.append("types --json lists no type")
    for t in listed:
        name = t.get("type", "?")
        if name not in resources:
            problems.append(f"{name}: not a resource type of the provider schema")
            continue
        block = resources[name]["block"]
        names = configurable(block)
        compared = set(t.get("compared", []))
        skipped = {}
        for nc in t.get("not_compared", []):
            n, kind = nc.get("name"), nc.get("kind")
            if kind not in KINDS:
                problems.append(f"{name}.{n}: kind {kind!r} is not one of {sorted(KINDS)}")
            if not nc.get("why"):
                problems.append(f"{name}.{n}: not_compared without a why")
            if n in skipped:
                problems.append(f"{name}.{n}: listed twice in not_compared")
            skipped[n] = kind
        if t.get("verified") not in VERIFIED:
            problems.append(f"{name}: verified must be one of {sorted(VERIFIED)}")
        for n in sorted(compared & set(skipped)):
            problems.append(f"{name}.{n}: both compared and not_compared")
        for n in sorted((compared | set(skipped)) - names):
            problems.append(f"{name}.{n}: not a configurable top-level name of the provider schema")
        for n in sorted(names - compared - set(skipped)):
            problems.append(f"{name}.{n}: neither compared nor listed in not_compared")
        for n, kind in sorted(skipped.items()):
            if kind == "not_read" and OPENS_ACCESS.search(n):
                problems.append(f"{name}.{n}: can open access, so it may not be left not_read")
            if kind == "write_only" and n not in write_only(block):
                problems.append(f"{name}.{n}: claimed write_only, but the schema does not mark it so")
        comparable = names - {n for n, k in skipped.items() if k != "not_read"}
        got = len(compared & comparable)
        percent = 100.0 * got / len(comparable) if comparable else 100.0
        lines.append(f"{name:58} {got:3}/{len(comparable):<3} {percent:5.1f} %  {t.get('verified', '?')}")
        if percent < min_percent:
            problems.append(f"{name}: {percent:.1f} % of comparable names compared (target {min_percent} %)")
    return lines, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("types_json")
    ap.add_argument("schema_json")
    ap.add_argument("--min-percent", type=float, default=90.0)
    ap.add_argument("--type", action="append", dest="only", help="check only this type (repeatable)")
    a = ap.parse_args()
    types_doc = json.load(open(a.types_json))
    if a.only:
        types_doc["types"] = [t for t in types_doc.get("types", []) if t.get("type") in a.only]
    lines, problems = check(types_doc, json.load(open(a.schema_json)), a.min_percent)
    print(f"{'type':58} compared  share")
    for line in lines:
        print(line)
    for p in problems:
        print("problem:", p)
    print(f"{len(lines)} types, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
