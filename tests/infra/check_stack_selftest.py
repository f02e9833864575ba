#!/usr/bin/env python3
"""Shows that check_stack.py rejects what it must: each case is a stack with one
flaw, which must produce exactly the expected finding, beside a clean stack
that must produce none."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_stack  # noqa: E402

SUFFIX = "st1"
ALLOW = json.load(open(sys.argv[1]))


def stack(*resources, child=None):
    root = {"resources": list(resources)}
    if child:
        root["child_modules"] = [{"resources": child}]
    return {"values": {"root_module": root}}


def role_policy(*statements, addr="aws_iam_role_policy.p"):
    return {"address": addr, "mode": "managed", "type": "aws_iam_role_policy",
            "values": {"name": f"drift-detection-x-{SUFFIX}",
                       "policy": json.dumps({"Version": "2012-10-17", "Statement": list(statements)})}}


def stmt(actions, resources, condition=None, sid="S"):
    s = {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}
    if condition:
        s["Condition"] = condition
    return s


NS = {"StringEquals": {"cloudwatch:namespace": "TerraformPipeline/Drift"}}
CASES = [
    ("clean", stack(role_policy(
        stmt("cloudwatch:PutMetricData", "*", NS),
        stmt(["ec2:DescribeInstances"], "*"),
        stmt(["s3:GetBucketTagging"], "arn:aws:s3:::*", {"StringEquals": {"s3:ResourceAccount": "123456789012"}}),
        stmt(["dynamodb:GetItem"], "arn:aws:dynamodb:us-east-1:123456789012:table/t"),
        stmt(["s3:GetObject"], "arn:aws:s3:::bucket/*"))), None),
    ("star on an action with resource-level permissions",
     stack(role_policy(stmt(["dynamodb:GetItem"], "*"))), "not on the allow-list"),
    ("allow-listed action without its condition",
     stack(role_policy(stmt("cloudwatch:PutMetricData", "*"))), "lacks the condition cloudwatch:namespace"),
    ("every bucket without the account condition",
     stack(role_policy(stmt(["s3:GetBucketTagging"], "arn:aws:s3:::*"))), "lacks the condition s3:ResourceAccount"),
    ("object reads on every bucket",
     stack(role_policy(stmt(["s3:GetObject"], "arn:aws:s3:::*"))), "not on the allow-list"),
    ("any account", stack(role_policy(stmt(["dynamodb:GetItem"], "arn:aws:dynamodb:us-east-1:*:table/t"))),
     "names any account"),
    ("service wildcard", stack(role_policy(stmt(["s3:*"], "arn:aws:s3:::b"))), "action wildcard"),
    ("name without suffix", stack({"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue",
                                   "values": {"name": "drift-detection-queue"}}), "lacks the suffix"),
    ("name without suffix in a module", stack(child=[{"address": "module.m.aws_iam_role.r", "mode": "managed",
                                                      "type": "aws_iam_role", "values": {"name": "reader"}}]),
     "lacks the suffix"),
    ("unlisted managed policy", stack({"address": "aws_iam_role_policy_attachment.a", "mode": "managed",
                                       "type": "aws_iam_role_policy_attachment",
                                       "values": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}),
     "not on the allow-list"),
    ("public resource policy", stack({"address": "aws_sns_topic_policy.t", "mode": "managed",
                                      "type": "aws_sns_topic_policy",
                                      "values": {"policy": json.dumps({"Statement": [
                                          {"Effect": "Allow", "Principal": "*", "Action": "sns:Publish",
                                           "Resource": "arn:aws:sns:us-east-1:1:t"}]})}}), "Principal *"),
    ("bucket that blocks destroy", stack({"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket",
                                          "values": {"bucket": f"b-{SUFFIX}", "force_destroy": False}}),
     "force_destroy"),
    ("table with deletion protection", stack({"address": "aws_dynamodb_table.t", "mode": "managed",
                                              "type": "aws_dynamodb_table",
                                              "values": {"name": f"t-{SUFFIX}",
                                                         "deletion_protection_enabled": True}}),
     "deletion protection"),
]

failed = 0
for title, show, expected in CASES:
    findings, _ = check_stack.check(show, SUFFIX, ALLOW)
    if expected is None:
        good = not findings
    else:
        good = len(findings) == 1 and expected in findings[0]
    print(f"{'ok  ' if good else 'FAIL'} {title}: {findings}")
    failed += not good
sys.exit(1 if failed else 0)
