#!/usr/bin/env python3
"""Console-like changes to the observability family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402

# PutMetricAlarm replaces the whole alarm: these are the members DescribeAlarms returns that it
# takes back.
ALARM_ARGS = ("AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions",
              "InsufficientDataActions", "MetricName", "Namespace", "Statistic", "Dimensions",
              "Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold",
              "ComparisonOperator", "TreatMissingData")


def main():
    a, kw = console.start(__doc__)
    logs, cw = boto3.client("logs", **kw), boto3.client("cloudwatch", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift = [], []

    # The app logs kept longer; the audit group tagged by hand.
    logs.put_retention_policy(logGroupName=f"/{name}/app", retentionInDays=90)
    changes.append({"name": "retention_lengthened", "address": "aws_cloudwatch_log_group.app",
                    "change": "update", "attributes": ["retention_in_days"]})
    audit = logs.describe_log_groups(logGroupNamePrefix=f"/{name}/audit")["logGroups"][0]
    logs.tag_resource(resourceArn=audit["arn"].removesuffix(":*"), tags={"owner": "console"})
    changes.append({"name": "log_group_tagged", "address": "aws_cloudwatch_log_group.audit",
                    "change": "update", "attributes": ["tags", "tags_all"]})

    # The CPU alarm raised to 90 and re-described, its actions switched off.
    alarm = cw.describe_alarms(AlarmNames=[f"{name}-cpu-high"])["MetricAlarms"][0]
    args = {k: alarm[k] for k in ALARM_ARGS if k in alarm}
    args.update(Threshold=90.0, AlarmDescription="raised by hand", ActionsEnabled=False)
    cw.put_metric_alarm(**args)
    changes.append({"name": "alarm_raised", "address": "aws_cloudwatch_metric_alarm.cpu",
                    "change": "update",
                    "attributes": ["actions_enabled", "alarm_description", "threshold"]})

    # The error-rate alarm deleted.
    cw.delete_alarms(AlarmNames=[f"{name}-error-rate"])
    changes.append({"name": "alarm_deleted", "address": "aws_cloudwatch_metric_alarm.error_rate",
                    "change": "delete", "attributes": []})

    # Not drift: the CPU alarm's tags sent again, unchanged.
    tags = cw.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"]
    cw.tag_resource(ResourceARN=alarm["AlarmArn"], Tags=tags)
    not_drift.append({"name": "alarm_tags_resent", "address": "aws_cloudwatch_metric_alarm.cpu",
                      "attributes": ["tags", "tags_all"]})

    # A log group made by hand, in no state.
    handmade = f"/{name}/handmade"
    logs.create_log_group(logGroupName=handmade)
    unmanaged = [{"type": "aws_cloudwatch_log_group", "id": handmade}]

    console.report(changes, not_drift, unmanaged)


if __name__ == "__main__":
    sys.exit(main())
