#!/usr/bin/env python3
"""Console-like changes to the messaging family (SNS, SQS) in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

moto's SetQueueAttributes without a Policy erases the queue's policy (SQS keeps it), so every
change to a queue that has a policy sends the policy along, re-sent unchanged in meaning.
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def reordered(policy):
    """The same policy document with every object's keys in reverse order."""
    def rev(v):
        if isinstance(v, dict):
            return {k: rev(v[k]) for k in reversed(list(v))}
        if isinstance(v, list):
            return [rev(x) for x in v]
        return v
    return json.dumps(rev(json.loads(policy)), indent=1)


def main():
    a, kw = console.start(__doc__)
    sns = boto3.client("sns", **kw)
    sqs = boto3.client("sqs", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    account = "123456789012"
    topic = lambda n: f"arn:aws:sns:{a.region}:{account}:{name}-{n}"  # noqa: E731
    queue = lambda n: sqs.get_queue_url(QueueName=f"{name}-{n}")["QueueUrl"]  # noqa: E731
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # The alerts topic renamed for display.
    sns.set_topic_attributes(TopicArn=topic("alerts"), AttributeName="DisplayName",
                             AttributeValue="Alerts (paged)")
    change("topic_display_name", "aws_sns_topic.alerts", ["display_name"])

    # Not drift: the alerts topic's policy written again with its keys reordered, and its tags
    # sent again unchanged.
    attrs = sns.get_topic_attributes(TopicArn=topic("alerts"))["Attributes"]
    sns.set_topic_attributes(TopicArn=topic("alerts"), AttributeName="Policy",
                             AttributeValue=reordered(attrs["Policy"]))
    not_drift.append({"name": "topic_policy_reordered", "address": "aws_sns_topic.alerts",
                      "attributes": ["policy"]})
    tags = sns.list_tags_for_resource(ResourceArn=topic("alerts"))["Tags"]
    sns.tag_resource(ResourceArn=topic("alerts"), Tags=list(reversed(tags)))
    not_drift.append({"name": "topic_tags_resent", "address": "aws_sns_topic.alerts",
                      "attributes": ["tags", "tags_all"]})

    # The events topic's policy (a resource of its own) opened to subscribing as well; the
    # topic's own policy attribute follows.
    pol = json.loads(sns.get_topic_attributes(TopicArn=topic("events"))["Attributes"]["Policy"])
    pol["Statement"][0]["Action"] = ["SNS:Publish", "SNS:Subscribe"]
    sns.set_topic_attributes(TopicArn=topic("events"), AttributeName="Policy",
                             AttributeValue=json.dumps(pol))
    change("topic_policy_widened", "aws_sns_topic_policy.events", ["policy"])
    change("topic_policy_widened_on_topic", "aws_sns_topic.events", ["policy"])

    # The audit topic deleted.
    sns.delete_topic(TopicArn=topic("audit"))
    change("topic_deleted", "aws_sns_topic.audit", [], "delete")

    # The subscription switched to wrapped (not raw) delivery.
    sub = next(s["SubscriptionArn"] for s in
               sns.list_subscriptions_by_topic(TopicArn=topic("events"))["Subscriptions"])
    sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="RawMessageDelivery",
                                    AttributeValue="false")
    change("subscription_raw_off", "aws_sns_topic_subscription.work", ["raw_message_delivery"])

    # The jobs queue's visibility timeout doubled; its policy sent along, keys reordered (not
    # drift).
    jobs = queue("jobs")
    policy = sqs.get_queue_attributes(QueueUrl=jobs, AttributeNames=["Policy"])["Attributes"]["Policy"]
    sqs.set_queue_attributes(QueueUrl=jobs, Attributes={"VisibilityTimeout": "120",
                                                        "Policy": reordered(policy)})
    change("queue_visibility", "aws_sqs_queue.jobs", ["visibility_timeout_seconds"])
    not_drift.append({"name": "queue_policy_reordered", "address": "aws_sqs_queue.jobs",
                      "attributes": ["policy"]})

    # The work queue's policy (a resource of its own) given another statement id; the queue's
    # own policy attribute follows.
    work = queue("work")
    pol = json.loads(sqs.get_queue_attributes(QueueUrl=work, AttributeNames=["Policy"])["Attributes"]["Policy"])
    pol["Statement"][0]["Sid"] = "AnyTopicSend"
    sqs.set_queue_attributes(QueueUrl=work, Attributes={"Policy": json.dumps(pol)})
    change("queue_policy_changed", "aws_sqs_queue_policy.work", ["policy"])
    change("queue_policy_changed_on_queue", "aws_sqs_queue.work", ["policy"])

    # The retry queue's redrive policy (a resource of its own) allowed more receives; the
    # queue's own redrive_policy follows. The queue has no policy for moto to erase.
    retry = queue("retry")
    sqs.set_queue_attributes(QueueUrl=retry, Attributes={"RedrivePolicy": json.dumps({
        "deadLetterTargetArn": f"arn:aws:sqs:{a.region}:{account}:{name}-dlq",
        "maxReceiveCount": 7})})
    change("redrive_more_receives", "aws_sqs_queue_redrive_policy.retry", ["redrive_policy"])
    change("redrive_more_receives_on_queue", "aws_sqs_queue.retry", ["redrive_policy"])

    # Not drift: the dead-letter queue's tags sent again unchanged.
    dlq = queue("dlq")
    sqs.tag_queue(QueueUrl=dlq, Tags=sqs.list_queue_tags(QueueUrl=dlq)["Tags"])
    not_drift.append({"name": "queue_tags_resent", "address": "aws_sqs_queue.dlq",
                      "attributes": ["tags", "tags_all"]})

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
