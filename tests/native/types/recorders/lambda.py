"""Recorders of the Lambda family (functions/drift-scanner/native/types/lambda): each creates
its resources in moto with boto3 and sends the calls the type module makes."""
import io
import json
import zipfile

import record

# Lambda's documented throttling and access-denied errors (REST-JSON: the code travels in
# the body's __type as the session reads it).
record.ERRORS["lambda"] = {
    "throttled": (429, "application/json", None, "TooManyRequestsException", "Rate exceeded"),
    "denied": (403, "application/json", None, "AccessDeniedException",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "lambda:GetFunction"),
}

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]})


def code_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("index.py", date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def rest(method, path, *query):
    return {"service": "lambda", "method": method, "path": path, "query": list(query)}


def make_function(rec, name="orders-handler"):
    iam = rec.client("iam")
    role = iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    lam = rec.client("lambda")
    fn = lam.create_function(
        FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": code_zip()}, Description="order events", Timeout=30, MemorySize=256,
        Environment={"Variables": {"STAGE": "prod", "API_TOKEN": "s3cr3t"}},
        TracingConfig={"Mode": "Active"}, Tags={"team": "drift"})
    return lam, fn


def aws_lambda_function(rec):
    lam, fn = make_function(rec)
    name = fn["FunctionName"]
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=5)

    def read():
        return [rec.call(lam, "get_function", rest("GET", f"/2015-03-31/functions/{name}"),
                         FunctionName=name)]

    res = {"id": name, "arn": fn["FunctionArn"]}
    yield ("python3.12 function `orders-handler` (256 MB, 30 s, tracing Active), environment "
           "STAGE=prod and API_TOKEN=s3cr3t, reserved concurrency 5, tagged team=drift", res,
           read())
    lam.delete_function(FunctionName=name)
    yield ("the same function after DeleteFunction (ResourceNotFoundException)", res, read())


def aws_lambda_permission(rec):
    lam, fn = make_function(rec)
    name = fn["FunctionName"]
    sid = "AllowS3Invoke"
    lam.add_permission(FunctionName=name, StatementId=sid, Action="lambda:InvokeFunction",
                       Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::uploads",
                       SourceAccount="123456789012")

    def read():
        return [rec.call(lam, "get_policy", rest("GET", f"/2015-03-31/functions/{name}/policy"),
                         FunctionName=name)]

    res = {"id": sid, "function_name": name}
    yield ("statement AllowS3Invoke on `orders-handler`: lambda:InvokeFunction for "
           "s3.amazonaws.com from arn:aws:s3:::uploads in account 123456789012", res, read())
    lam.remove_permission(FunctionName=name, StatementId=sid)
    yield ("the same function's policy after RemovePermission (the statement gone)", res,
           read())


def aws_lambda_alias(rec):
    lam, fn = make_function(rec)
    name = fn["FunctionName"]
    version = lam.publish_version(FunctionName=name)["Version"]
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version,
                     Description="what production calls")

    def read():
        return [rec.call(lam, "get_alias",
                         rest("GET", f"/2015-03-31/functions/{name}/aliases/live"),
                         FunctionName=name, Name="live")]

    res = {"id": fn["FunctionArn"] + ":live", "function_name": name, "name": "live"}
    yield (f"alias `live` of `orders-handler` on version {version}, described", res, read())
    lam.delete_alias(FunctionName=name, Name="live")
    yield ("the same alias after DeleteAlias (ResourceNotFoundException)", res, read())


def aws_lambda_event_source_mapping(rec):
    lam, fn = make_function(rec)
    sqs = rec.client("sqs")
    queue = sqs.create_queue(QueueName="orders")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    m = lam.create_event_source_mapping(
        EventSourceArn=queue_arn, FunctionName=fn["FunctionName"], BatchSize=5, Enabled=True,
        MaximumBatchingWindowInSeconds=2, FunctionResponseTypes=["ReportBatchItemFailures"],
        FilterCriteria={"Filters": [{"Pattern": json.dumps({"body": {"kind": ["order"]}},
                                                           separators=(",", ":"))}]},
        ScalingConfig={"MaximumConcurrency": 5}, Tags={"team": "drift"})
    uuid, arn = m["UUID"], m["EventSourceMappingArn"]

    def read(tags=True):
        out = [rec.call(lam, "get_event_source_mapping",
                        rest("GET", f"/2015-03-31/event-source-mappings/{uuid}"), UUID=uuid)]
        if tags:
            out.append(rec.call(lam, "list_tags",
                                rest("GET", "/2017-03-31/tags/" + arn.replace(":", "%3A")),
                                Resource=arn))
        return out

    res = {"id": uuid, "function_name": fn["FunctionArn"], "queue_arn": queue_arn}
    yield ("SQS queue `orders` mapped to `orders-handler`: batch 5 within 2 s, a filter on "
           "body.kind, concurrency 5, partial batch failures reported, tagged team=drift", res,
           read())
    lam.delete_event_source_mapping(UUID=uuid)
    yield ("the same mapping after DeleteEventSourceMapping (ResourceNotFoundException)", res,
           read(tags=False))


def aws_lambda_function_url(rec):
    lam, fn = make_function(rec)
    name = fn["FunctionName"]
    lam.create_function_url_config(
        FunctionName=name, AuthType="AWS_IAM", InvokeMode="BUFFERED",
        Cors={"AllowCredentials": True, "AllowOrigins": ["https://app.example.com"],
              "AllowMethods": ["POST", "GET"], "AllowHeaders": ["content-type"], "MaxAge": 300})

    def read():
        return [rec.call(lam, "get_function_url_config",
                         rest("GET", f"/2021-10-31/functions/{name}/url"), FunctionName=name)]

    res = {"id": name}
    yield ("the IAM-authorised URL of `orders-handler` (buffered), CORS for "
           "https://app.example.com: GET and POST, content-type, credentials, 300 s", res, read())
    lam.delete_function_url_config(FunctionName=name)
    yield ("the same function after DeleteFunctionUrlConfig (ResourceNotFoundException)", res,
           read())


TYPES = {
    "aws_lambda_function": aws_lambda_function,
    "aws_lambda_permission": aws_lambda_permission,
    "aws_lambda_alias": aws_lambda_alias,
    "aws_lambda_event_source_mapping": aws_lambda_event_source_mapping,
    "aws_lambda_function_url": aws_lambda_function_url,
}
