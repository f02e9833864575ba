"""Recorders of the messaging family (SNS and SQS) for record.py: each function creates its
resources in moto with boto3 and sends the calls the type module makes, yielding the `found`
and `gone` cases."""
import json

import record

SNS_ERROR = ('<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error>'
             '<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
             '<RequestId>9f9d6e0a-example</RequestId></ErrorResponse>')

# The errors SNS (query protocol) and SQS (JSON protocol) document for throttling and denied
# access, for the throttled and denied cases (record.edited).
record.ERRORS.setdefault("sns", {
    "throttled": (429, "text/xml", SNS_ERROR, "Throttled", "Rate exceeded"),
    "denied": (403, "text/xml", SNS_ERROR, "AuthorizationError",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "SNS:GetTopicAttributes"),
})
record.ERRORS.setdefault("sqs", {
    "throttled": (400, "application/x-amz-json-1.0", None, "com.amazonaws.sqs#RequestThrottled",
                  "Rate exceeded"),
    "denied": (400, "application/x-amz-json-1.0", None,
               "com.amazon.coral.service#AccessDeniedException",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "sqs:getqueueattributes"),
})

ACCOUNT = "123456789012"
REGION = record.REGION


def m(service, action, *contains):
    return {"service": service, "action": action, "contains": list(contains)}


def topic_arn(name):
    return f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"


def queue_arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def topic_policy(name, actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "OwnerPublish", "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": actions,
        "Resource": topic_arn(name)}]})


DELIVERY_POLICY = json.dumps({"http": {"defaultHealthyRetryPolicy": {
    "minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3, "numMaxDelayRetries": 0,
    "numNoDelayRetries": 0, "numMinDelayRetries": 0, "backoffFunction": "linear"},
    "disableSubscriptionOverrides": False}}, separators=(",", ":"), sort_keys=True)


def read_topic(rec, sns, arn, tags=True):
    out = [rec.call(sns, "get_topic_attributes", m("sns", "GetTopicAttributes", arn),
                    TopicArn=arn)]
    if tags:
        out.append(rec.call(sns, "list_tags_for_resource", m("sns", "ListTagsForResource", arn),
                            ResourceArn=arn))
    return out


def aws_sns_topic(rec):
    sns = rec.client("sns")
    name = "alerts"
    arn = sns.create_topic(Name=name, Attributes={
        "DisplayName": "Alerts", "KmsMasterKeyId": "alias/aws/sns",
        "Policy": topic_policy(name, ["SNS:Publish", "SNS:Subscribe"]),
        "DeliveryPolicy": DELIVERY_POLICY}, Tags=[{"Key": "team", "Value": "drift"}])["TopicArn"]
    yield ("topic `alerts` displayed as Alerts, SSE with alias/aws/sns, a policy letting the "
           "account publish and subscribe, an HTTP delivery policy, tagged team=drift",
           {"id": arn}, read_topic(rec, sns, arn))
    sns.delete_topic(TopicArn=arn)
    yield ("the same topic after DeleteTopic (NotFound)", {"id": arn},
           read_topic(rec, sns, arn, tags=False))


def make_queues(sqs):
    dlq = sqs.create_queue(QueueName="jobs-dlq", Attributes={
        "MessageRetentionPeriod": "1209600"})["QueueUrl"]
    url = sqs.create_queue(QueueName="jobs", Attributes={
        "VisibilityTimeout": "60", "MessageRetentionPeriod": "86400",
        "ReceiveMessageWaitTimeSeconds": "10", "KmsMasterKeyId": "alias/aws/sqs",
        "KmsDataKeyReusePeriodSeconds": "600",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": queue_arn("jobs-dlq"),
                                     "maxReceiveCount": 5}),
        "Policy": json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "OwnerSend", "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sqs:SendMessage",
            "Resource": queue_arn("jobs")}]})},
        tags={"team": "drift"})["QueueUrl"]
    return dlq, url


ABOUT_QUEUE = ("queue `jobs`: visibility 60 s, retention 1 day, long polling 10 s, SSE-KMS with "
               "alias/aws/sqs (reuse 600 s), redrive to `jobs-dlq` after 5 receives, a policy "
               "letting the account send, tagged team=drift")


def aws_sqs_queue(rec):
    sqs = rec.client("sqs")
    dlq, url = make_queues(sqs)

    def read(tags=True):
        out = [rec.call(sqs, "get_queue_attributes", m("sqs", "GetQueueAttributes", url, "All"),
                        QueueUrl=url, AttributeNames=["All"])]
        if tags:
            out.append(rec.call(sqs, "list_queue_tags", m("sqs", "ListQueueTags", url),
                                QueueUrl=url))
        return out

    res = {"id": url, "dead_letter_queue": dlq}
    yield (ABOUT_QUEUE, res, read())
    sqs.delete_queue(QueueUrl=url)
    yield ("the same queue after DeleteQueue (QueueDoesNotExist)", res, read(tags=False))


def aws_sns_topic_subscription(rec):
    sns = rec.client("sns")
    sqs = rec.client("sqs")
    topic = sns.create_topic(Name="events")["TopicArn"]
    sqs.create_queue(QueueName="work")
    sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn("work"),
                        Attributes={"RawMessageDelivery": "true",
                                    "FilterPolicy": json.dumps({"kind": ["job"]})},
                        ReturnSubscriptionArn=True)["SubscriptionArn"]

    def read():
        return [rec.call(sns, "get_subscription_attributes",
                         m("sns", "GetSubscriptionAttributes", sub), SubscriptionArn=sub)]

    res = {"id": sub, "topic_arn": topic}
    yield ("queue `work` subscribed to topic `events` with raw delivery and the filter policy "
           '{"kind": ["job"]}', res, read())
    sns.unsubscribe(SubscriptionArn=sub)
    yield ("the same subscription after Unsubscribe (NotFound)", res, read())


def aws_sns_topic_policy(rec):
    sns = rec.client("sns")
    name = "events"
    arn = sns.create_topic(Name=name)["TopicArn"]
    sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy",
                             AttributeValue=topic_policy(name, "SNS:Publish"))
    res = {"id": arn}
    yield ("topic `events` whose policy lets the account publish", res,
           read_topic(rec, sns, arn, tags=False))
    sns.delete_topic(TopicArn=arn)
    yield ("the same topic after DeleteTopic (NotFound)", res, read_topic(rec, sns, arn, tags=False))


def queue_part(attribute, value, about):
    def record(rec):
        sqs = rec.client("sqs")
        sqs.create_queue(QueueName="jobs-dlq")
        url = sqs.create_queue(QueueName="work", Attributes={attribute: value})["QueueUrl"]

        def read():
            return [rec.call(sqs, "get_queue_attributes",
                             m("sqs", "GetQueueAttributes", url, "All"),
                             QueueUrl=url, AttributeNames=["All"])]

        res = {"id": url}
        yield (about, res, read())
        # SQS removes an attribute set to the empty string.
        sqs.set_queue_attributes(QueueUrl=url, Attributes={attribute: ""})
        yield (f"the same queue after SetQueueAttributes {attribute}=\"\" (no {attribute} left)",
               res, read())

    return record


QUEUE_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Sid": "TopicSend", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
    "Action": "sqs:SendMessage", "Resource": queue_arn("work"),
    "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn("events")}}}]})
REDRIVE = json.dumps({"deadLetterTargetArn": queue_arn("jobs-dlq"), "maxReceiveCount": 3})


TYPES = {
    "aws_sns_topic": aws_sns_topic,
    "aws_sqs_queue": aws_sqs_queue,
    "aws_sns_topic_subscription": aws_sns_topic_subscription,
    "aws_sns_topic_policy": aws_sns_topic_policy,
    "aws_sqs_queue_policy": queue_part("Policy", QUEUE_POLICY,
                                       "queue `work` whose policy lets topic `events` send"),
    "aws_sqs_queue_redrive_policy": queue_part(
        "RedrivePolicy", REDRIVE, "queue `work` redriving to `jobs-dlq` after 3 receives"),
}
