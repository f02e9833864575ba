#!/usr/bin/env python3
"""Console-like changes to the Lambda family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    lam = boto3.client("lambda", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    fn = f"{name}-handler"
    changes, not_drift = [], []

    # More memory, a longer timeout and a rotated token, as someone would in the console.
    cfg = lam.get_function_configuration(FunctionName=fn)
    env = dict(cfg["Environment"]["Variables"])
    env["API_TOKEN"] = "rotated-by-hand"
    lam.update_function_configuration(FunctionName=fn, MemorySize=256, Timeout=30,
                                      Environment={"Variables": env})
    changes.append({"name": "function_resized", "address": "aws_lambda_function.handler",
                    "change": "update", "attributes": ["environment", "memory_size", "timeout"]})

    # The alias re-described, and the permission for EventBridge removed.
    lam.update_alias(FunctionName=fn, Name="live", Description="changed by hand")
    changes.append({"name": "alias_redescribed", "address": "aws_lambda_alias.live",
                    "change": "update", "attributes": ["description"]})
    lam.remove_permission(FunctionName=fn, StatementId="AllowEvents")
    changes.append({"name": "permission_removed", "address": "aws_lambda_permission.events",
                    "change": "delete", "attributes": []})

    # The queue consumer slowed down and paused, and the URL opened to every origin without
    # IAM, as someone debugging would in the console.
    mapping = lam.list_event_source_mappings(FunctionName=fn)["EventSourceMappings"][0]
    lam.update_event_source_mapping(UUID=mapping["UUID"], BatchSize=8, Enabled=False)
    changes.append({"name": "mapping_paused", "address": "aws_lambda_event_source_mapping.orders",
                    "change": "update", "attributes": ["batch_size", "enabled"]})
    lam.update_function_url_config(FunctionName=fn, AuthType="NONE",
                                   Cors={"AllowOrigins": ["*"], "AllowMethods": ["*"]})
    changes.append({"name": "url_opened", "address": "aws_lambda_function_url.handler",
                    "change": "update", "attributes": ["authorization_type", "cors"]})

    # Not drift: the mapping's tags sent again, unchanged.
    mapping_arn = mapping["EventSourceMappingArn"]
    lam.tag_resource(Resource=mapping_arn, Tags=lam.list_tags(Resource=mapping_arn)["Tags"])
    not_drift.append({"name": "mapping_tags_resent",
                      "address": "aws_lambda_event_source_mapping.orders",
                      "attributes": ["tags", "tags_all"]})

    # Not drift: the function's tags sent again, unchanged.
    arn = cfg["FunctionArn"]
    tags = lam.list_tags(Resource=arn)["Tags"]
    lam.tag_resource(Resource=arn, Tags=tags)
    not_drift.append({"name": "function_tags_resent", "address": "aws_lambda_function.handler",
                      "attributes": ["tags", "tags_all"]})

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
