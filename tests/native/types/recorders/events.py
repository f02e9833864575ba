"""Recorders of the EventBridge family (functions/drift-scanner/native/types/events): each
creates its buses, rules and targets in moto with boto3 and sends the calls the type module
makes."""
import copy
import json

import record

ACCOUNT = "123456789012"

# EventBridge's documented throttling and access-denied errors (JSON 1.1: the code travels
# in the body's __type).
record.ERRORS["events"] = {
    "throttled": (400, "application/x-amz-json-1.1", None,
                  "com.amazonaws.events#ThrottlingException", "Rate exceeded"),
    "denied": (400, "application/x-amz-json-1.1", None,
               "com.amazon.coral.service#AccessDeniedException",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "events:DescribeRule"),
}

BUS = "orders"
RULE = "order-created"
DLQ = f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-dlq"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/events-invoke"
# Keys out of order and a numeric matcher: the read sorts keys and keeps ">" as is.
PATTERN = ('{"source":["shop.orders"],"detail-type":["Order Created"],'
           '"detail":{"amount":[{"numeric":[">",100]}]}}')


def m(action, *contains):
    return {"service": "events", "action": action, "contains": list(contains)}


def make_bus(ev):
    return ev.create_event_bus(Name=BUS, Description="order events", DeadLetterConfig={"Arn": DLQ},
                               Tags=[{"Key": "team", "Value": "drift"}])["EventBusArn"]


def make_rule(ev):
    make_bus(ev)
    return ev.put_rule(Name=RULE, EventBusName=BUS, EventPattern=PATTERN,
                       Description="orders over 100", RoleArn=ROLE, State="ENABLED",
                       Tags=[{"Key": "team", "Value": "drift"}])["RuleArn"]


def bus_updated(found):
    """The found exchanges with DescribeEventBus answering a changed description and key."""
    about, res, exchanges = found
    x = copy.deepcopy(exchanges)
    body = json.loads(x[0]["response"]["body"])
    body["Description"] = "changed by hand"
    body["KmsKeyIdentifier"] = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0000-example"
    x[0]["response"]["body"] = json.dumps(body)
    x[0]["edited"] = ("moto has no UpdateEventBus: the recorded response with Description and "
                      "KmsKeyIdentifier changed as the EventBridge API reference's "
                      "DescribeEventBus response syntax carries them")
    record.write("aws_cloudwatch_event_bus", "updated",
                 "bus `orders` after an UpdateEventBus of its description and KMS key "
                 "(edited: moto cannot make this change)", res, x)


def aws_cloudwatch_event_bus(rec):
    ev = rec.client("events")
    arn = make_bus(ev)

    def read(full=True):
        out = [rec.call(ev, "describe_event_bus", m("DescribeEventBus", BUS), Name=BUS)]
        if full:
            out.append(rec.call(ev, "list_tags_for_resource", m("ListTagsForResource", arn),
                                ResourceARN=arn))
        return out

    res = {"id": BUS, "arn": arn}
    found = ("custom bus `orders`, described, dead letters to orders-dlq, tagged team=drift",
             res, read())
    bus_updated(found)
    yield found
    ev.delete_event_bus(Name=BUS)
    yield ("the same bus after DeleteEventBus (ResourceNotFoundException)", res, read(False))


def aws_cloudwatch_event_rule(rec):
    ev = rec.client("events")
    arn = make_rule(ev)

    def read(full=True):
        out = [rec.call(ev, "describe_rule", m("DescribeRule", RULE, BUS), Name=RULE,
                        EventBusName=BUS)]
        if full:
            out.append(rec.call(ev, "list_tags_for_resource", m("ListTagsForResource", arn),
                                ResourceARN=arn))
        return out

    res = {"id": f"{BUS}/{RULE}", "arn": arn}
    yield ("rule `order-created` on bus `orders`: a pattern with keys out of order and a "
           "numeric matcher, a role, enabled, tagged team=drift", res, read())
    ev.delete_rule(Name=RULE, EventBusName=BUS)
    yield ("the same rule after DeleteRule (ResourceNotFoundException)", res, read(False))


# One target per kind of block the module flattens, all on the same rule (one listing).
TARGETS = [
    {"Id": "queue", "Arn": QUEUE, "RoleArn": ROLE,
     "InputTransformer": {"InputPathsMap": {"amount": "$.detail.amount"},
                          "InputTemplate": '{"amount": <amount>}'},
     "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
     "DeadLetterConfig": {"Arn": DLQ}, "SqsParameters": {"MessageGroupId": "orders"}},
    {"Id": "ecs", "Arn": f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/shop",
     "RoleArn": ROLE, "Input": '{"job":"invoice"}',
     "EcsParameters": {
         "TaskDefinitionArn": f"arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/invoice:3",
         "TaskCount": 2, "LaunchType": "FARGATE", "PlatformVersion": "LATEST",
         "Group": "invoices", "PropagateTags": "TASK_DEFINITION",
         "EnableECSManagedTags": True, "EnableExecuteCommand": False,
         "NetworkConfiguration": {"awsvpcConfiguration": {
             "Subnets": ["subnet-0b", "subnet-0a"], "SecurityGroups": ["sg-01"],
             "AssignPublicIp": "DISABLED"}},
         "PlacementConstraints": [{"type": "memberOf",
                                   "expression": "attribute:ecs.instance-type =~ t3.*"}],
         "PlacementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
         "Tags": [{"Key": "team", "Value": "drift"}]}},
    {"Id": "batch", "Arn": f"arn:aws:batch:us-east-1:{ACCOUNT}:job-queue/invoices",
     "RoleArn": ROLE, "InputPath": "$.detail",
     "BatchParameters": {"JobDefinition": "invoice-job", "JobName": "invoice",
                         "ArrayProperties": {"Size": 4}, "RetryStrategy": {"Attempts": 2}}},
    {"Id": "api", "Arn": f"arn:aws:events:us-east-1:{ACCOUNT}:api-destination/shop/abc",
     "RoleArn": ROLE,
     "HttpParameters": {"PathParameterValues": ["orders"],
                        "HeaderParameters": {"X-Source": "eventbridge"},
                        "QueryStringParameters": {"stage": "prod"}}},
    {"Id": "stream", "Arn": f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/orders",
     "RoleArn": ROLE, "KinesisParameters": {"PartitionKeyPath": "$.detail.id"}},
    {"Id": "run", "Arn": f"arn:aws:ssm:us-east-1:{ACCOUNT}:document/AWS-RunShellScript",
     "RoleArn": ROLE, "Input": '{"commands":["uptime"]}',
     "RunCommandParameters": {"RunCommandTargets": [
         {"Key": "tag:Role", "Values": ["web", "api"]}]}},
]


def aws_cloudwatch_event_target(rec):
    ev = rec.client("events")
    make_rule(ev)
    ev.put_targets(Rule=RULE, EventBusName=BUS, Targets=TARGETS)

    def read():
        return [rec.call(ev, "list_targets_by_rule", m("ListTargetsByRule", RULE, BUS),
                         Rule=RULE, EventBusName=BUS, Limit=100)]

    res = {"id": f"{BUS}-{RULE}-queue", "rule": RULE, "event_bus_name": BUS,
           "target_id": "queue"}
    yield ("rule `order-created` on bus `orders` with six targets: `queue` (SQS: input "
           "transformer, retry policy, dead letters, message group), `ecs`, `batch`, `api` "
           "(HTTP parameters), `stream` (Kinesis) and `run` (Run Command)", res, read())
    ev.remove_targets(Rule=RULE, EventBusName=BUS, Ids=["queue"])
    yield ("the same rule after RemoveTargets of `queue` (the others stay)", res, read())


TYPES = {
    "aws_cloudwatch_event_bus": aws_cloudwatch_event_bus,
    "aws_cloudwatch_event_rule": aws_cloudwatch_event_rule,
    "aws_cloudwatch_event_target": aws_cloudwatch_event_target,
}
