#!/usr/bin/env python3
"""A synthetic estate for bench/native: N workspaces of M resources each (instances, EBS
volumes, security groups, S3 buckets with versioning, DynamoDB tables, SQS queues, SNS
topics, log groups, SSM parameters), created in moto with boto3 (everything but EC2
concurrently; EC2 one call at a time, as moto's EC2 backend fails under concurrent writes;
instances many per RunInstances call), and one Terraform state per workspace in an S3 backend
(env:/<ws>/estate/terraform.tfstate) naming them.

Usage: make_estate.py ENDPOINT WORKSPACES PER_WORKSPACE  ->  JSON {bucket, key, workspaces}
States hold ids, tags and the main attributes, not every attribute Terraform would store: the
scan compares them all the same, so some attributes read as changed (a cost the bench wants).
"""
import json
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3


def instance(rtype, name, attrs):
    return {"mode": "managed", "type": rtype, "name": name,
            "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "instances": [{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []}]}


def main(endpoint, n_ws, per_ws):
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="test", aws_secret_access_key="test")
    s3, ec2, ddb = boto3.client("s3", **kw), boto3.client("ec2", **kw), boto3.client("dynamodb", **kw)
    sqs, sns, logs, ssm = (boto3.client(s, **kw) for s in ("sqs", "sns", "logs", "ssm"))
    run = uuid.uuid4().hex[:6]
    bucket = f"bench-native-state-{run}"
    s3.create_bucket(Bucket=bucket)
    key = "estate/terraform.tfstate"
    # Mix per workspace (fractions of per_ws).
    n_inst, n_vol, n_sg = int(per_ws * 0.35), int(per_ws * 0.18), int(per_ws * 0.12)
    n_queue = n_topic = n_logs = n_param = int(per_ws * 0.05)
    n_tab = max(1, per_ws // 100)
    n_bkt = max(1, (per_ws - n_inst - n_vol - n_sg - n_tab - n_queue - n_topic - n_logs - n_param) // 2)
    pool = ThreadPoolExecutor(8)
    workspaces = []
    for w in range(n_ws):
        ws = f"ws{w:02d}"
        tags = {"ManagedBy": "terraform", "Workspace": ws}
        tagspec = lambda rt: [{"ResourceType": rt, "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]
        res = []
        left = n_inst
        while left > 0:
            c = min(left, 200)
            out = ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=c, MaxCount=c,
                                    TagSpecifications=tagspec("instance"))
            for i, it in enumerate(out["Instances"]):
                res.append(instance("aws_instance", f"i{len(res)}", {
                    "id": it["InstanceId"], "instance_type": "t3.micro", "ami": "ami-12c6146b",
                    "tags": tags, "tags_all": tags}))
            left -= c
        vols = list(map(lambda i: ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                                                          TagSpecifications=tagspec("volume"))["VolumeId"], range(n_vol)))
        res += [instance("aws_ebs_volume", f"v{i}", {"id": v, "size": 8, "type": "gp3", "availability_zone": "us-east-1a",
                                                      "tags": tags, "tags_all": tags}) for i, v in enumerate(vols)]
        sgs = list(map(lambda i: ec2.create_security_group(GroupName=f"{run}-{ws}-{i}", Description="bench",
                                                                 TagSpecifications=tagspec("security-group"))["GroupId"], range(n_sg)))
        res += [instance("aws_security_group", f"sg{i}", {"id": g, "name": f"{run}-{ws}-{i}", "description": "bench",
                                                          "tags": tags, "tags_all": tags}) for i, g in enumerate(sgs)]

        def mk_bucket(i):
            b = f"bench-{run}-{ws}-{i}"
            s3.create_bucket(Bucket=b)
            s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]})
            s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
            return b
        for i, b in enumerate(pool.map(mk_bucket, range(n_bkt))):
            res.append(instance("aws_s3_bucket", f"b{i}", {"id": b, "bucket": b, "tags": tags, "tags_all": tags}))
            res.append(instance("aws_s3_bucket_versioning", f"b{i}", {
                "id": b, "bucket": b, "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}))

        def mk_table(i):
            t = f"bench-{run}-{ws}-{i}"
            ddb.create_table(TableName=t, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
            return t
        for i, t in enumerate(pool.map(mk_table, range(n_tab))):
            res.append(instance("aws_dynamodb_table", f"t{i}", {"id": t, "name": t, "hash_key": "pk",
                                                                "billing_mode": "PAY_PER_REQUEST"}))
        def mk_queue(i):
            q = f"bench-{run}-{ws}-{i}"
            url = sqs.create_queue(QueueName=q, tags=tags)["QueueUrl"]
            return q, url
        for i, (q, url) in enumerate(pool.map(mk_queue, range(n_queue))):
            res.append(instance("aws_sqs_queue", f"q{i}", {"id": url, "name": q, "url": url,
                                                           "tags": tags, "tags_all": tags}))

        def mk_topic(i):
            n = f"bench-{run}-{ws}-{i}"
            return n, sns.create_topic(Name=n, Tags=[{"Key": k, "Value": v} for k, v in tags.items()])["TopicArn"]
        for i, (n, arn) in enumerate(pool.map(mk_topic, range(n_topic))):
            res.append(instance("aws_sns_topic", f"n{i}", {"id": arn, "arn": arn, "name": n,
                                                           "tags": tags, "tags_all": tags}))

        def mk_log_group(i):
            n = f"/bench/{run}/{ws}/{i}"
            logs.create_log_group(logGroupName=n, tags=tags)
            return n
        for i, n in enumerate(pool.map(mk_log_group, range(n_logs))):
            res.append(instance("aws_cloudwatch_log_group", f"l{i}", {"id": n, "name": n,
                                                                      "tags": tags, "tags_all": tags}))

        def mk_param(i):
            n = f"/bench/{run}/{ws}/{i}"
            ssm.put_parameter(Name=n, Value="v", Type="String")
            return n
        for i, n in enumerate(pool.map(mk_param, range(n_param))):
            res.append(instance("aws_ssm_parameter", f"p{i}", {"id": n, "name": n, "type": "String",
                                                               "value": "v"}))
        state = {"version": 4, "terraform_version": "1.11.0", "serial": 1, "lineage": run, "outputs": {},
                 "resources": res}
        s3.put_object(Bucket=bucket, Key=f"env:/{ws}/{key}", Body=json.dumps(state).encode())
        workspaces.append({"name": ws, "resources": len(res)})
    print(json.dumps({"bucket": bucket, "key": key, "workspaces": workspaces}))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
