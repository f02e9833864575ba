"""Recorders of the observability family (CloudWatch Logs log groups, CloudWatch metric alarms)
for record.py: each function creates its resources in moto with boto3 and sends the calls the
type module makes, yielding the `found` and `gone` cases.

boto3 speaks CloudWatch in its CBOR protocol, the scanner in the query protocol: the alarm
reads are sent here as query-protocol requests, so the recorded answers are the XML the
scanner gets."""
import copy
import json
import urllib.parse
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

import record

ACCOUNT = "123456789012"
REGION = record.REGION
CW_VERSION = "2010-08-01"

CW_ERROR = ('<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error>'
            '<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
            '<RequestId>4f1c7a2e-example</RequestId></ErrorResponse>')

# The errors CloudWatch (query protocol, signed as `monitoring`) and CloudWatch Logs (JSON 1.1)
# document for throttling and denied access, for the throttled and denied cases.
record.ERRORS.setdefault("monitoring", {
    "throttled": (400, "text/xml", CW_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", CW_ERROR, "AccessDenied",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "cloudwatch:DescribeAlarms"),
})
record.ERRORS.setdefault("logs", {
    "throttled": (400, "application/x-amz-json-1.1", None,
                  "com.amazonaws.logs#ThrottlingException", "Rate exceeded"),
    "denied": (400, "application/x-amz-json-1.1", None,
               "com.amazon.coral.service#AccessDeniedException",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "logs:DescribeLogGroups"),
})

LOG_GROUP = "/app/orders"
ALARM = "orders-cpu-high"
MATH_ALARM = "orders-error-rate"
# The key ARN of the CloudWatch Logs API reference's AssociateKmsKey example.
DOC_KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def m(service, action, *contains):
    return {"service": service, "action": action, "contains": list(contains)}


def keep_headers(headers):
    return {k: v for k, v in headers.items()
            if k.lower() in ("content-type", "x-amzn-requestid", "x-amz-request-id", "date")}


def cw_query(rec, action, params, match):
    """One CloudWatch query-protocol call, signed as the scanner signs it, as an exchange."""
    body = urllib.parse.urlencode({"Action": action, "Version": CW_VERSION, **params})
    req = AWSRequest(method="POST", url=rec.endpoint + "/", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(rec.session.get_credentials(), "monitoring", REGION).add_auth(req)
    http = urllib.request.Request(req.url, data=body.encode(), headers=dict(req.headers),
                                  method="POST")
    try:
        with urllib.request.urlopen(http, timeout=30) as r:
            status, headers, text = r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        status, headers, text = e.code, dict(e.headers), e.read().decode()
    return {"name": action, "match": match,
            "response": {"status": status, "headers": keep_headers(headers), "body": text}}


# --- aws_cloudwatch_log_group ---------------------------------------------------------------

def log_group_kms_changed(found):
    """The found exchanges with DescribeLogGroups answering another KMS key."""
    about, res, exchanges = found
    x = copy.deepcopy(exchanges)
    body = json.loads(x[0]["response"]["body"])
    group = body["logGroups"][0]
    body["logGroups"] = [{"storedBytes": 0, "metricFilterCount": 0,
                          "creationTime": group["creationTime"],
                          "logGroupName": group["logGroupName"],
                          "retentionInDays": group["retentionInDays"],
                          "kmsKeyId": DOC_KEY, "arn": group["arn"]}]
    x[0]["response"]["body"] = json.dumps(body)
    x[0]["edited"] = ("moto has no AssociateKmsKey: the recorded response rewritten in the shape "
                      "of the CloudWatch Logs API reference's DescribeLogGroups example, with "
                      "kmsKeyId the key of its AssociateKmsKey example")
    record.write("aws_cloudwatch_log_group", "kms_changed",
                 f"log group `{LOG_GROUP}` after an AssociateKmsKey of another key (edited: "
                 "moto cannot make this change)", res, x)


def aws_cloudwatch_log_group(rec):
    kms = rec.client("kms")
    key = kms.create_key(Description="log encryption")["KeyMetadata"]["Arn"]
    logs = rec.client("logs")
    logs.create_log_group(logGroupName=LOG_GROUP, kmsKeyId=key, tags={"team": "drift"})
    logs.put_retention_policy(logGroupName=LOG_GROUP, retentionInDays=30)
    # A group sharing the name as a prefix: the read must pick the exact name.
    logs.create_log_group(logGroupName=LOG_GROUP + "/audit")
    arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{LOG_GROUP}"

    def read(full=True):
        out = [rec.call(logs, "describe_log_groups", m("logs", "DescribeLogGroups", LOG_GROUP),
                        logGroupNamePrefix=LOG_GROUP)]
        if full:
            out.append(rec.call(logs, "list_tags_for_resource",
                                m("logs", "ListTagsForResource", arn), resourceArn=arn))
        return out

    res = {"id": LOG_GROUP, "arn": arn, "kms_key_id": key}
    found = (f"log group `{LOG_GROUP}` (30 days, encrypted with a KMS key, tagged team=drift) "
             f"beside `{LOG_GROUP}/audit`", res, read())
    log_group_kms_changed(found)
    yield found
    logs.delete_log_group(logGroupName=LOG_GROUP)
    yield (f"the same group after DeleteLogGroup (only `{LOG_GROUP}/audit` answers the prefix)",
           res, read(False))


# --- aws_cloudwatch_metric_alarm ------------------------------------------------------------

def describe_alarms(rec, name):
    return cw_query(rec, "DescribeAlarms", {"AlarmTypes.member.1": "MetricAlarm",
                                            "MaxRecords": "100", "AlarmNames.member.1": name},
                    m("monitoring", "DescribeAlarms", name))


def list_alarm_tags(rec, arn):
    return cw_query(rec, "ListTagsForResource", {"ResourceARN": arn},
                    m("monitoring", "ListTagsForResource", arn))


def alarm_arn(name):
    return f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}"


def topic(name):
    return f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"


def metric_query_case(rec, cw):
    """An alarm on a metric math expression: its metric_query read, as a case of its own."""
    cw.put_metric_alarm(
        AlarmName=MATH_ALARM, ComparisonOperator="GreaterThanThreshold", EvaluationPeriods=1,
        Threshold=5.5, AlarmActions=[topic("pager")],
        Metrics=[
            {"Id": "rate", "Expression": "100 * errors / requests", "Label": "error rate",
             "ReturnData": True},
            {"Id": "errors", "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_ELB_5XX_Count",
                           "Dimensions": [{"Name": "LoadBalancer", "Value": "app/orders/1"}]},
                "Period": 60, "Stat": "Sum", "Unit": "Count"}},
            {"Id": "requests", "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount",
                           "Dimensions": [{"Name": "LoadBalancer", "Value": "app/orders/1"}]},
                "Period": 60, "Stat": "Sum"}},
        ])
    arn = alarm_arn(MATH_ALARM)
    record.write("aws_cloudwatch_metric_alarm", "metric_query",
                 f"alarm `{MATH_ALARM}`: 100 * errors / requests over two ELB metrics, above "
                 "5.5", {"id": MATH_ALARM, "arn": arn},
                 [describe_alarms(rec, MATH_ALARM), list_alarm_tags(rec, arn)])


def aws_cloudwatch_metric_alarm(rec):
    cw = rec.client("cloudwatch")
    cw.put_metric_alarm(
        AlarmName=ALARM, AlarmDescription="orders CPU above 80 %", ActionsEnabled=True,
        AlarmActions=[topic("pager"), topic("ops")], OKActions=[topic("ops")],
        InsufficientDataActions=[topic("ops")], MetricName="CPUUtilization",
        Namespace="AWS/EC2", Statistic="Average", Period=300, Unit="Percent",
        EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=80,
        ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="breaching",
        Dimensions=[{"Name": "AutoScalingGroupName", "Value": "orders"}],
        Tags=[{"Key": "team", "Value": "drift"}])
    metric_query_case(rec, cw)
    arn = alarm_arn(ALARM)
    res = {"id": ALARM, "arn": arn}
    yield (f"alarm `{ALARM}`: average CPUUtilization of ASG orders >= 80 for 2 of 3 periods of "
           "300 s, two alarm actions, missing data breaching, tagged team=drift", res,
           [describe_alarms(rec, ALARM), list_alarm_tags(rec, arn)])
    cw.delete_alarms(AlarmNames=[ALARM])
    yield ("the same alarm after DeleteAlarms (absent from DescribeAlarms)", res,
           [describe_alarms(rec, ALARM)])


TYPES = {
    "aws_cloudwatch_log_group": aws_cloudwatch_log_group,
    "aws_cloudwatch_metric_alarm": aws_cloudwatch_metric_alarm,
}
