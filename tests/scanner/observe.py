#!/usr/bin/env python3
"""What the scanner left in the emulator, read through the emulator's own APIs (boto3).

  observe.py ENDPOINT s3-get BUCKET KEY          the object's body (exit 3 when absent)
  observe.py ENDPOINT s3-list BUCKET PREFIX      JSON list of keys
  observe.py ENDPOINT s3-put BUCKET KEY FILE     uploads FILE
  observe.py ENDPOINT ssm-put NAME VALUE_FILE     a String parameter
  observe.py ENDPOINT drain QUEUE_URL            JSON list of the SNS messages delivered to the
                                                 queue ({subject, message}), deleted once read
  observe.py ENDPOINT metrics NAMESPACE          JSON list of {name, dimensions, sum, count, unit}
"""
import json
import sys

import boto3

from botocore.exceptions import ClientError


def main(argv):
    endpoint, cmd, *args = argv
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    if cmd == "s3-get":
        try:
            body = boto3.client("s3", **kw).get_object(Bucket=args[0], Key=args[1])["Body"].read()
        except ClientError:
            return 3
        sys.stdout.write(body.decode())
    elif cmd == "s3-list":
        s3 = boto3.client("s3", **kw)
        keys = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=args[0], Prefix=args[1]):
            keys += [o["Key"] for o in page.get("Contents", [])]
        print(json.dumps(keys))
    elif cmd == "s3-put":
        boto3.client("s3", **kw).put_object(Bucket=args[0], Key=args[1], Body=open(args[2], "rb").read())
    elif cmd == "ssm-put":
        boto3.client("ssm", **kw).put_parameter(Name=args[0], Type="String", Overwrite=True,
                                                Value=open(args[1]).read())
    elif cmd == "drain":
        sqs = boto3.client("sqs", **kw)
        out = []
        while True:
            r = sqs.receive_message(QueueUrl=args[0], MaxNumberOfMessages=10, WaitTimeSeconds=1)
            msgs = r.get("Messages", [])
            if not msgs:
                break
            for m in msgs:
                env = json.loads(m["Body"])
                out.append({"subject": env.get("Subject"), "message": env.get("Message")})
                sqs.delete_message(QueueUrl=args[0], ReceiptHandle=m["ReceiptHandle"])
        print(json.dumps(out))
    elif cmd == "metrics":
        import datetime
        cw = boto3.client("cloudwatch", **kw)
        now = datetime.datetime.now(datetime.timezone.utc)
        out = []
        for m in cw.list_metrics(Namespace=args[0])["Metrics"]:
            st = cw.get_metric_statistics(Namespace=args[0], MetricName=m["MetricName"],
                                          Dimensions=m.get("Dimensions", []),
                                          StartTime=now - datetime.timedelta(hours=1),
                                          EndTime=now + datetime.timedelta(minutes=5),
                                          Period=3600, Statistics=["Sum", "SampleCount"])
            dps = st["Datapoints"]
            out.append({"name": m["MetricName"],
                        "dimensions": {d["Name"]: d["Value"] for d in m.get("Dimensions", [])},
                        "sum": sum(d["Sum"] for d in dps), "count": sum(d["SampleCount"] for d in dps),
                        "unit": dps[0].get("Unit") if dps else None})
        print(json.dumps(out))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
