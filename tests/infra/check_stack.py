#!/usr/bin/env python3
"""Checks an applied stack, read from `terraform show -json`, for what review
must never let through:

  * an IAM statement whose resource is a wildcard ("*", an ARN for any
    account, arn:...:s3:::*) unless every action is on the allow-list entry for
    that wildcard and the statement carries the entry's condition key;
  * an Allow with Action "*" or "<service>:*", NotAction or NotResource;
  * an AWS-managed policy attachment not on the allow-list;
  * a resource-based policy allowing Principal "*" without a condition;
  * a created name (name, bucket, function_name, ...) without the suffix;
  * anything that would stop `terraform destroy` (deletion protection, a
    bucket without force_destroy).

usage: check_stack.py SHOW_JSON --suffix S --allowlist infra/iam-wildcard-allowlist.json
Exit 0 when clean, 1 with one line per finding otherwise.
"""
import argparse
import json
import re
import sys

NAME_KEYS = ("name", "bucket", "function_name", "dashboard_name", "alarm_name")
# Attributes holding IAM identity-policy JSON, by resource type.
IDENTITY_POLICY_KEYS = {
    "aws_iam_role_policy": "policy",
    "aws_iam_policy": "policy",
    "aws_iam_user_policy": "policy",
    "aws_iam_group_policy": "policy",
}
RESOURCE_POLICY_KEYS = {
    "aws_sns_topic_policy": "policy",
    "aws_sqs_queue_policy": "policy",
    "aws_s3_bucket_policy": "policy",
}


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def walk_resources(module):
    for r in module.get("resources", []):
        yield r
    for child in module.get("child_modules", []):
        yield from walk_resources(child)


def normalise_partition(arn):
    return re.sub(r"^arn:[^:]+:", "arn:${Partition}:", arn)


def is_wildcard_resource(res):
    """'*', or an ARN that names no specific account or bucket."""
    if res == "*":
        return True
    parts = res.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return False
    _, _, service, _, account, rest = parts
    if "*" in service:
        return True
    if service == "s3" and account == "" and rest.startswith("*"):
        return True
    return False


def any_account(res):
    parts = res.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and parts[4] == "*"


def condition_keys(stmt):
    keys = set()
    for _op, kv in (stmt.get("Condition") or {}).items():
        keys.update(k.lower() for k in kv)
    return keys


def check_identity_policy(where, doc, allow, findings, counters):
    for i, stmt in enumerate(as_list(doc.get("Statement"))):
        counters["statements"] += 1
        label = f"{where} statement {stmt.get('Sid') or i}"
        if stmt.get("Effect") != "Allow":
            continue
        if "NotAction" in stmt or "NotResource" in stmt:
            findings.append(f"{label}: Allow with NotAction/NotResource")
        actions = as_list(stmt.get("Action"))
        for a in actions:
            if a == "*" or a.endswith(":*"):
                findings.append(f"{label}: action wildcard {a!r}")
        for res in as_list(stmt.get("Resource")):
            if any_account(res):
                findings.append(f"{label}: resource {res!r} names any account")
                continue
            if not is_wildcard_resource(res):
                continue
            counters["wildcards"] += 1
            entries = [e for e in allow["wildcard_resources"] if e["resource"] == normalise_partition(res)]
            have = condition_keys(stmt)
            for a in actions:
                ok = [e for e in entries if a in e["actions"]]
                if not ok:
                    findings.append(f"{label}: {a} on wildcard resource {res!r} is not on the allow-list")
                    continue
                need = ok[0].get("condition_key")
                if need and need.lower() not in have:
                    findings.append(f"{label}: {a} on {res!r} lacks the condition {need}")


def check_resource_policy(where, doc, findings):
    for i, stmt in enumerate(as_list(doc.get("Statement"))):
        if stmt.get("Effect") != "Allow":
            continue
        principal = stmt.get("Principal")
        public = principal == "*" or (isinstance(principal, dict) and "*" in as_list(principal.get("AWS")))
        if public and not stmt.get("Condition"):
            findings.append(f"{where} statement {stmt.get('Sid') or i}: allows Principal * without a condition")


def check(show, suffix, allow):
    findings = []
    counters = {"names": 0, "policies": 0, "statements": 0, "wildcards": 0}
    managed_ok = {e["arn"] for e in allow.get("managed_policies", [])}
    root = show.get("values", {}).get("root_module", {})
    for r in walk_resources(root):
        if r.get("mode") != "managed":
            continue
        addr, rtype, v = r["address"], r["type"], r.get("values") or {}

        for key in NAME_KEYS:
            val = v.get(key)
            if isinstance(val, str) and val:
                counters["names"] += 1
                if suffix not in val:
                    findings.append(f"{addr}: {key} {val!r} lacks the suffix {suffix!r}")

        if rtype in IDENTITY_POLICY_KEYS and v.get(IDENTITY_POLICY_KEYS[rtype]):
            counters["policies"] += 1
            check_identity_policy(addr, json.loads(v[IDENTITY_POLICY_KEYS[rtype]]), allow, findings, counters)
        if rtype in RESOURCE_POLICY_KEYS and v.get(RESOURCE_POLICY_KEYS[rtype]):
            check_resource_policy(addr, json.loads(v[RESOURCE_POLICY_KEYS[rtype]]), findings)
        if rtype == "aws_iam_role":
            for p in as_list(v.get("inline_policy")):
                if p.get("policy"):
                    check_identity_policy(f"{addr} inline {p.get('name')}", json.loads(p["policy"]), allow,
                                          findings, counters)
            for arn in as_list(v.get("managed_policy_arns")):
                if ":aws:policy/" in arn and normalise_partition(arn) not in managed_ok:
                    findings.append(f"{addr}: AWS-managed policy {arn} is not on the allow-list")
        if rtype == "aws_iam_role_policy_attachment":
            arn = v.get("policy_arn", "")
            if ":aws:policy/" in arn and normalise_partition(arn) not in managed_ok:
                findings.append(f"{addr}: AWS-managed policy {arn} is not on the allow-list")

        if v.get("deletion_protection_enabled") is True or v.get("deletion_protection") is True:
            findings.append(f"{addr}: deletion protection would stop terraform destroy")
        if rtype == "aws_s3_bucket" and v.get("force_destroy") is not True:
            findings.append(f"{addr}: bucket without force_destroy would stop terraform destroy")
    return findings, counters


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("show_json")
    ap.add_argument("--suffix", required=True)
    ap.add_argument("--allowlist", required=True)
    ap.add_argument("--min-names", type=int, default=1, help="fail when fewer names were checked")
    ap.add_argument("--min-policies", type=int, default=1, help="fail when fewer identity policies were checked")
    args = ap.parse_args()
    with open(args.show_json) as f:
        show = json.load(f)
    with open(args.allowlist) as f:
        allow = json.load(f)
    findings, counters = check(show, args.suffix, allow)
    if counters["names"] < args.min_names:
        findings.append(f"only {counters['names']} names checked (expected at least {args.min_names})")
    if counters["policies"] < args.min_policies:
        findings.append(f"only {counters['policies']} identity policies checked (expected at least {args.min_policies})")
    print(f"checked {counters['names']} names, {counters['policies']} identity policies, "
          f"{counters['statements']} statements, {counters['wildcards']} allow-listed wildcard resources")
    for line in findings:
        print("FINDING: " + line)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
