#!/usr/bin/env python3
"""Console-like changes to the DynamoDB family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import argparse
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "workspaces"))
import tfenv  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--name-prefix", required=True)
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--region", default="us-east-1")
    a = ap.parse_args()
    ddb = boto3.client("dynamodb", **tfenv.boto_kwargs(a.endpoint, a.region))
    table = f"{a.name_prefix}-{a.workspace}-events"
    changes, not_drift = [], []

    # Point-in-time recovery off.
    ddb.update_continuous_backups(TableName=table,
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})
    changes.append({"name": "pitr_off", "address": "aws_dynamodb_table.events", "change": "update",
                    "attributes": ["point_in_time_recovery"]})

    # Not drift: the table's tags sent again, unchanged.
    arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
    tags = ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]
    ddb.tag_resource(ResourceArn=arn, Tags=list(reversed(tags)))
    not_drift.append({"name": "table_tags_resent", "address": "aws_dynamodb_table.events",
                      "attributes": ["tags", "tags_all"]})

    print(json.dumps({"changes": changes, "not_drift": not_drift, "unmanaged": []}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
