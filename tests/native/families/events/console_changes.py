#!/usr/bin/env python3
"""Console-like changes to the EventBridge family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    ev = boto3.client("events", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    bus, rule, nightly = f"{name}-orders", f"{name}-order-created", f"{name}-nightly"
    changes, not_drift = [], []

    # The pattern rule re-described; its pattern sent again with keys in another order and
    # spaces (not drift: the same pattern).
    r = ev.describe_rule(Name=rule, EventBusName=bus)
    pattern = json.loads(r["EventPattern"])
    reordered = json.dumps(dict(reversed(list(pattern.items()))), indent=1)
    ev.put_rule(Name=rule, EventBusName=bus, EventPattern=reordered, State=r["State"],
                Description="changed by hand")
    changes.append({"name": "rule_redescribed", "address": "aws_cloudwatch_event_rule.order_created",
                    "change": "update", "attributes": ["description"]})
    not_drift.append({"name": "pattern_reordered", "address": "aws_cloudwatch_event_rule.order_created",
                      "attributes": ["event_pattern"]})

    # The scheduled rule switched off.
    ev.disable_rule(Name=nightly)
    changes.append({"name": "rule_disabled", "address": "aws_cloudwatch_event_rule.nightly",
                    "change": "update", "attributes": ["is_enabled", "state"]})

    # The queue target retried longer; the audit copy removed.
    target = next(t for t in ev.list_targets_by_rule(Rule=rule, EventBusName=bus)["Targets"]
                  if t["Id"] == "queue")
    target["RetryPolicy"] = {"MaximumRetryAttempts": 10, "MaximumEventAgeInSeconds": 3600}
    ev.put_targets(Rule=rule, EventBusName=bus, Targets=[target])
    changes.append({"name": "target_retry_changed", "address": "aws_cloudwatch_event_target.queue",
                    "change": "update", "attributes": ["retry_policy"]})
    ev.remove_targets(Rule=rule, EventBusName=bus, Ids=["audit"])
    changes.append({"name": "target_removed", "address": "aws_cloudwatch_event_target.audit_copy",
                    "change": "delete", "attributes": []})

    # The orders bus tagged by hand, and the audit bus deleted.
    bus_arn = ev.describe_event_bus(Name=bus)["Arn"]
    ev.tag_resource(ResourceARN=bus_arn, Tags=[{"Key": "owner", "Value": "console"}])
    changes.append({"name": "bus_tagged", "address": "aws_cloudwatch_event_bus.orders",
                    "change": "update", "attributes": ["tags", "tags_all"]})
    ev.delete_event_bus(Name=f"{name}-audit")
    changes.append({"name": "bus_deleted", "address": "aws_cloudwatch_event_bus.audit",
                    "change": "delete", "attributes": []})

    # Not drift: the scheduled rule's tags sent again, unchanged.
    nightly_arn = ev.describe_rule(Name=nightly)["Arn"]
    tags = ev.list_tags_for_resource(ResourceARN=nightly_arn)["Tags"]
    ev.tag_resource(ResourceARN=nightly_arn, Tags=tags)
    not_drift.append({"name": "rule_tags_resent", "address": "aws_cloudwatch_event_rule.nightly",
                      "attributes": ["tags", "tags_all"]})

    # A bus made by hand, in no state.
    handmade = ev.create_event_bus(Name=f"{name}-handmade")["EventBusArn"]
    unmanaged = [{"type": "aws_cloudwatch_event_bus", "id": handmade.split("/")[-1]}]

    console.report(changes, not_drift, unmanaged)


if __name__ == "__main__":
    sys.exit(main())
