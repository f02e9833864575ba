#!/usr/bin/env python3
"""Writes what the benchmark's events need into moto: one successful deployment per resource
(bench-<prefix>-<i>) in the metadata table, and the GitHub token in SSM.

seed.py ENDPOINT STACK_JSON_FILE TOKEN PREFIX COUNT"""
import json
import sys

import boto3


def main(endpoint, stack_file, token, prefix, count):
    stack = json.load(open(stack_file))
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test")
    boto3.client("ssm", **kw).put_parameter(Name=stack["github_token_parameter"], Value=token,
                                            Type="SecureString", Overwrite=True)
    table = boto3.resource("dynamodb", **kw).Table(stack["metadata_table"])
    with table.batch_writer() as batch:
        for i in range(count):
            batch.put_item(Item={
                "deployment_id": f"dep-{prefix}-{i}",
                "resource_arn": f"arn:aws:s3:::bench-{prefix}-{i}",
                "deployed_at": "2025-12-01T08:00:00Z", "deployment_status": "success",
                "git_commit_sha": "abc", "tfvars_path": "p.tfvars", "workspace": "prod",
                "environment": "production", "state_bucket": stack["state_bucket"],
                "state_key": "k", "lock_table": stack["tf_lock_table"], "policy_version": "v1.0.0",
                "tags": {"AutoRevert": "true", "ManagedBy": "terraform"}})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
