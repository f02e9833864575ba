#!/usr/bin/env python3
"""The native engine's type table, from what the types claim (`drift-scan types --json`).

One row per type: compared / comparable names and their share, the names not compared with
their kind, whether the type is listed for unmanaged discovery, and how it is verified (with
the compared names only the offline tests prove, when a ground-truth type has some).
Comparable names are those that are neither provider_only, write_only nor create_only. With
--schema (`terraform providers schema -json`), they are counted from the provider's own schema
(as tests/native/schema/check_depth.py does) and a name the claim leaves out is shown as
unlisted; without it, from the claim alone (compared plus not_read), which is the same number
for every claim check_depth.py passes.

Usage: make_type_table.py (TYPES_JSON | --bootstrap BOOTSTRAP) [--schema SCHEMA_JSON]
                          [--write README | --check README]
Prints the table; --write puts it between the markers of README, --check exits 1 when the
README's table differs from it.
"""
import argparse
import json
import subprocess
import sys

PROVIDER = "registry.terraform.io/hashicorp/aws"
BEGIN, END = "<!-- types:begin -->", "<!-- types:end -->"
ORDER = ["not_read", "create_only", "provider_only", "write_only"]


def configurable(block):
    names = {n for n, a in block.get("attributes", {}).items()
             if (a.get("optional") or a.get("required")) and n != "id"}
    names |= {n for n in block.get("block_types", {}) if n != "timeouts"}
    return names


def row(t, resources):
    compared = set(t.get("compared", []))
    kinds = {nc["name"]: nc["kind"] for nc in t.get("not_compared", [])}
    unlisted = []
    if resources is not None and t["type"] in resources:
        names = configurable(resources[t["type"]]["block"])
        unlisted = sorted(names - compared - set(kinds))
        comparable = names - {n for n, k in kinds.items() if k != "not_read"}
    else:
        comparable = compared | {n for n, k in kinds.items() if k == "not_read"}
    got = len(compared & comparable)
    share = f"{got}/{len(comparable)} ({100.0 * got / len(comparable):.0f} %)" if comparable \
        else "0/0"
    parts = []
    for kind in ORDER:
        names = sorted(n for n, k in kinds.items() if k == kind)
        if names:
            parts.append(f"{kind}: " + ", ".join(f"`{n}`" for n in names))
    if unlisted:
        parts.append("unlisted: " + ", ".join(f"`{n}`" for n in unlisted))
    skipped = "; ".join(parts) if parts else "none"
    listable = "yes" if t.get("listable") else "no"
    verified = t.get("verified", "?")
    if t.get("offline_only"):
        verified += "; offline only: " + ", ".join(f"`{n}`" for n in t["offline_only"])
    return f"| `{t['type']}` | {share} | {skipped} | {listable} | {verified} |"


def table(types_doc, schema_doc=None):
    resources = None
    if schema_doc is not None:
        resources = schema_doc["provider_schemas"][PROVIDER]["resource_schemas"]
    lines = ["| type | compared / comparable | not compared | listable | verified |",
             "|---|---|---|---|---|"]
    for t in sorted(types_doc.get("types", []), key=lambda t: t["type"]):
        lines.append(row(t, resources))
    return "\n".join(lines) + "\n"


def replace_between(text, body):
    if BEGIN not in text or END not in text:
        raise SystemExit(f"the README has no {BEGIN} ... {END} markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{body}{END}{tail}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("types_json", nargs="?")
    src.add_argument("--bootstrap", help="the scanner's bootstrap, to run `types --json` with")
    p.add_argument("--schema")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--write", metavar="README")
    g.add_argument("--check", metavar="README")
    args = p.parse_args()
    if args.bootstrap:
        out = subprocess.run([args.bootstrap, "types", "--json"], check=True,
                             capture_output=True, text=True).stdout
        types_doc = json.loads(out)
    else:
        with open(args.types_json, encoding="utf-8") as f:
            types_doc = json.load(f)
    schema_doc = None
    if args.schema:
        with open(args.schema, encoding="utf-8") as f:
            schema_doc = json.load(f)
    body = table(types_doc, schema_doc)
    if args.write:
        with open(args.write, encoding="utf-8") as f:
            text = f.read()
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(replace_between(text, body))
        return 0
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            text = f.read()
        if replace_between(text, body) != text:
            sys.stdout.write(f"{args.check}: the type table differs from `types --json`; "
                             f"rewrite it with scripts/make_type_table.py --write. Expected:\n")
            sys.stdout.write(body)
            return 1
        print(f"{args.check}: the type table matches `types --json`")
        return 0
    sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
