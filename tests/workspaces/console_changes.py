#!/usr/bin/env python3
"""Console-like changes to one applied workspace, made with boto3 outside Terraform, as an
operator clicking in the console would. Each change is one drift the scanner must find.

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W [--only NAME ...]
Prints JSON: {"changes": [{"name", "address", "change", "attributes"}]}: the Terraform address,
"update" or "delete" as `terraform plan -refresh-only` reports it, and the top-level
attributes each change touches (an update; Terraform may list more, e.g. computed ones).
"""
import argparse
import json
import sys

import boto3

import tfenv

CHANGES = ["encryption_removed", "public_access_block_off", "versioning_suspended",
           "bucket_policy_replaced", "tags_changed", "instance_type_changed",
           "ssh_open_to_world", "artifacts_deleted"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--name-prefix", required=True)
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--only", action="append", choices=CHANGES)
    a = ap.parse_args()
    kw = tfenv.boto_kwargs(a.endpoint, a.region)
    s3 = boto3.client("s3", **kw)
    ec2 = boto3.client("ec2", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    data, artifacts = f"{name}-data", f"{name}-artifacts"
    wanted = a.only or CHANGES
    done = []

    def change(key, address, attributes, fn, kind="update"):
        if key in wanted:
            fn()
            done.append({"name": key, "address": address, "change": kind, "attributes": attributes})

    change("encryption_removed", "aws_s3_bucket_server_side_encryption_configuration.data", [],
           lambda: s3.delete_bucket_encryption(Bucket=data), "delete")
    change("public_access_block_off", "aws_s3_bucket_public_access_block.data",
           ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"],
           lambda: s3.put_public_access_block(Bucket=data, PublicAccessBlockConfiguration={
               "BlockPublicAcls": False, "BlockPublicPolicy": False,
               "IgnorePublicAcls": False, "RestrictPublicBuckets": False}))
    change("versioning_suspended", "aws_s3_bucket_versioning.data", ["versioning_configuration"],
           lambda: s3.put_bucket_versioning(Bucket=data, VersioningConfiguration={"Status": "Suspended"}))
    change("bucket_policy_replaced", "aws_s3_bucket_policy.data", ["policy"],
           lambda: s3.put_bucket_policy(Bucket=data, Policy=json.dumps({
               "Version": "2012-10-17",
               "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
                              "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{data}/*"}]})))

    def retag():
        tags = s3.get_bucket_tagging(Bucket=data)["TagSet"]
        tags = [t for t in tags if t["Key"] != "Environment"]
        tags.append({"Key": "Environment", "Value": "console-edit"})
        tags.append({"Key": "CostCenter", "Value": "1234"})
        s3.put_bucket_tagging(Bucket=data, Tagging={"TagSet": tags})
    change("tags_changed", "aws_s3_bucket.data", ["tags", "tags_all"], retag)

    def instance_id():
        r = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": [f"{name}-web"]},
                                            {"Name": "instance-state-name", "Values": ["running", "stopped"]}])
        return [i["InstanceId"] for res in r["Reservations"] for i in res["Instances"]][0]

    def resize():
        iid = instance_id()
        ec2.stop_instances(InstanceIds=[iid])
        ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "m5.large"})
        ec2.start_instances(InstanceIds=[iid])
    change("instance_type_changed", "aws_instance.web", ["instance_type"], resize)

    def open_ssh():
        sg = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [f"{name}-web"]}])
        gid = sg["SecurityGroups"][0]["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    change("ssh_open_to_world", "aws_security_group.web", ["ingress"], open_ssh)

    def delete_artifacts():
        s3.delete_bucket(Bucket=artifacts)
    change("artifacts_deleted", "aws_s3_bucket.artifacts", [], delete_artifacts, "delete")

    print(json.dumps({"changes": done}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
