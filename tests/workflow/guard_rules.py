#!/usr/bin/env python3
"""workflow.guard_rules: the blast-radius guard of remediate.sh on plan JSONs of the shape
`terraform show -json` writes and a claim answer (docs/remediation-claim.md): unattended apply
only with auto_approve, no manual review, and nothing but changes of the claimed addresses,
compared as JSON strings (an address may hold a comma), each an in-place update or the
re-creation of a configuration part deleted out of band (a bucket's encryption, a security
group's rule, ...). Variables in the
environment change nothing: the claim's facts alone decide.

Usage: guard_rules.py SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

DRIFTED = ["aws_s3_bucket_versioning.data", "aws_s3_bucket.data",
           "aws_s3_bucket_server_side_encryption_configuration.data", "aws_security_group_rule.ssh"]
ENCRYPTION = "aws_s3_bucket_server_side_encryption_configuration.data"
COMMA = 'aws_s3_bucket.b["logs,eu"]'


def change(address, *actions):
    return {"address": address, "mode": "managed", "type": address.split(".")[0],
            "name": address.split(".")[1].split("[")[0], "change": {"actions": list(actions)}}


CASES = [
    # (what, plan resource_changes, claim overrides, allowed?, reason fragment)
    ("in-place update of a drifted address", [change("aws_s3_bucket_versioning.data", "update"),
                                              change("aws_s3_bucket.data", "no-op")], {}, True, ""),
    ("data sources are reads, not changes", [change("aws_s3_bucket.data", "update"),
                                             change("aws_iam_policy_document.x", "read")], {}, True, ""),
    ("auto_approve false", [change("aws_s3_bucket_versioning.data", "update")],
     {"auto_approve": False}, False, "auto_approve"),
    ("auto_approve absent", [change("aws_s3_bucket_versioning.data", "update")],
     {"auto_approve": None}, False, "auto_approve"),
    ("auto_approve a string is not true", [change("aws_s3_bucket_versioning.data", "update")],
     {"auto_approve": "true"}, False, "auto_approve"),
    ("manual review required", [change("aws_s3_bucket_versioning.data", "update")],
     {"manual_review_required": True}, False, "manual review"),
    ("manual review absent counts as required", [change("aws_s3_bucket_versioning.data", "update")],
     {"manual_review_required": None}, False, "manual review"),
    ("re-creation", [change("aws_s3_bucket.data", "delete", "create")], {}, False,
     "aws_s3_bucket.data: delete+create is not an in-place update"),
    ("re-creation of a deleted configuration part", [change(ENCRYPTION, "create")], {}, True, ""),
    ("update of a configuration part", [change(ENCRYPTION, "update")], {}, True, ""),
    ("re-creation of a deleted security group rule", [change("aws_security_group_rule.ssh", "create")], {},
     True, ""),
    ("several deleted parts re-created", [change(ENCRYPTION, "create"),
                                          change("aws_s3_bucket_versioning.data", "create")], {}, True, ""),
    ("create of a drifted address that is not a configuration part", [change("aws_s3_bucket.data", "create")],
     {}, False, "aws_s3_bucket.data: create is not an in-place update, and aws_s3_bucket is not a configuration part"),
    ("a part re-created beside another create",
     [change(ENCRYPTION, "create"), change("aws_s3_bucket.data", "create")], {}, False,
     "aws_s3_bucket is not a configuration part"),
    ("re-creation of a part that did not drift", [change("aws_s3_bucket_policy.data", "create")], {}, False,
     "aws_s3_bucket_policy.data: not one of the drifted addresses"),
    ("replacement of a configuration part", [change(ENCRYPTION, "delete", "create")], {}, False,
     "delete+create is not an in-place update"),
    ("create+delete of a configuration part", [change(ENCRYPTION, "create", "delete")], {}, False,
     "create+delete is not an in-place update"),
    ("a part re-created beside a destroy", [change(ENCRYPTION, "create"), change("aws_s3_bucket.data", "delete")],
     {}, False, "aws_s3_bucket.data: delete is not an in-place update"),
    ("delete of a configuration part", [change("aws_s3_bucket_versioning.data", "delete")], {}, False,
     "not an in-place update"),
    ("update of a resource that did not drift (a target's dependency)",
     [change("aws_s3_bucket_versioning.data", "update"), change("aws_kms_key.main", "update")], {}, False,
     "aws_kms_key.main: not one of the drifted addresses"),
    ("no drifted addresses", [change("aws_s3_bucket.data", "update")], {"addresses": []}, False,
     "no drifted addresses"),
    ("an address with a comma is one address", [change(COMMA, "update")], {"addresses": [COMMA]}, True, ""),
    ("its halves are not addresses", [change(COMMA, "update")],
     {"addresses": ['aws_s3_bucket.b["logs', 'eu"]']}, False, "not one of the drifted addresses"),
    ("a sibling key is not the claimed address", [change(COMMA, "update"), change('aws_s3_bucket.b["logs"]', "update")],
     {"addresses": [COMMA]}, False, 'aws_s3_bucket.b["logs"]: not one of the drifted addresses'),
]


def main(src):
    script = os.path.join(src, "infra", "workflows", "remediate.sh")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, changes, overrides, allowed, fragment in CASES:
            plan = os.path.join(tmp, "plan.json")
            with open(plan, "w") as f:
                json.dump({"format_version": "1.2", "resource_changes": changes}, f)
            claim = {"remediation_id": "rem-test", "status": "claimed", "claimed_by_run_id": "1",
                     "git_commit_sha": "0" * 40, "drift_event_ids": ["evt-1"], "state": {},
                     "addresses": DRIFTED, "auto_approve": True, "manual_review_required": False}
            for k, v in overrides.items():
                if v is None:
                    claim.pop(k, None)
                else:
                    claim[k] = v
            claim_file = os.path.join(tmp, "claim.json")
            with open(claim_file, "w") as f:
                json.dump(claim, f)
            env = {k: v for k, v in os.environ.items() if k not in ("DRIFT_PAYLOAD",)}
            # The environment cannot loosen the guard: only the claim counts.
            env.update({"AUTO_APPROVE": "true", "MANUAL_REVIEW_REQUIRED": "false",
                        "TARGET_ADDRESSES": ",".join(DRIFTED + [COMMA, 'aws_s3_bucket.b["logs"]', "aws_kms_key.main"]),
                        "MODE": "drift-revert", "WORK_DIR": tmp})
            p = subprocess.run(["bash", script, "guard", plan, claim_file], env=env, capture_output=True, text=True)
            ok = (p.returncode == 0) if allowed else (p.returncode == 3 and fragment in p.stdout)
            print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": exit {p.returncode}, {p.stdout!r} {p.stderr!r}"))
            failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
