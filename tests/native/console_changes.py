#!/usr/bin/env python3
"""Console-like changes to the native engine's extra types in one applied workspace (after
tests/workspaces/console_changes.py), changes that are not drift, and unmanaged resources.

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
Prints JSON: {"changes": [{name, address, change, attributes}], "not_drift": [{name, address, attributes}],
"unmanaged": [{type, id}]}.
"""
import argparse
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workspaces"))
import tfenv  # noqa: E402


def volumes_of(ec2, instance_name):
    """The volumes of the running instance tagged Name=instance_name, by device name."""
    r = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": [instance_name]},
                                        {"Name": "instance-state-name", "Values": ["running"]}])
    inst = r["Reservations"][0]["Instances"][0]
    return {m["DeviceName"]: m["Ebs"]["VolumeId"] for m in inst["BlockDeviceMappings"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--name-prefix", required=True)
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--region", default="us-east-1")
    a = ap.parse_args()
    kw = tfenv.boto_kwargs(a.endpoint, a.region)
    s3, ec2 = boto3.client("s3", **kw), boto3.client("ec2", **kw)
    rds = boto3.client("rds", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift, unmanaged = [], [], []

    def one(filters, key, call):
        return call(Filters=filters)[key][0]

    # DB instance class and publicly_accessible.
    rds.modify_db_instance(DBInstanceIdentifier=f"{name}-db", DBInstanceClass="db.t3.small",
                           PubliclyAccessible=True, MaxAllocatedStorage=100, ApplyImmediately=True)
    changes.append({"name": "db_resized_public", "address": "aws_db_instance.main[0]", "change": "update",
                    "attributes": ["instance_class", "publicly_accessible", "max_allocated_storage"]})
    # A subnet's map_public_ip_on_launch.
    subnet = one([{"Name": "tag:Name", "Values": [f"{name}-a"]}], "Subnets", ec2.describe_subnets)
    ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"], MapPublicIpOnLaunch={"Value": True})
    changes.append({"name": "subnet_public_ip", "address": "aws_subnet.a", "change": "update",
                    "attributes": ["map_public_ip_on_launch"]})
    # A volume resized.
    vol = one([{"Name": "tag:Name", "Values": [f"{name}-data"]}], "Volumes", ec2.describe_volumes)
    ec2.modify_volume(VolumeId=vol["VolumeId"], Size=20)
    changes.append({"name": "volume_resized", "address": "aws_ebs_volume.data", "change": "update",
                    "attributes": ["size"]})
    # VPC DNS hostnames turned off.
    vpc = one([{"Name": "tag:Name", "Values": [f"{name}-vpc"]}], "Vpcs", ec2.describe_vpcs)
    ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], EnableDnsHostnames={"Value": False})
    changes.append({"name": "vpc_dns_hostnames_off", "address": "aws_vpc.main", "change": "update",
                    "attributes": ["enable_dns_hostnames"]})
    ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], EnableNetworkAddressUsageMetrics={"Value": True})
    changes.append({"name": "vpc_usage_metrics_on", "address": "aws_vpc.main", "change": "update",
                    "attributes": ["enable_network_address_usage_metrics"]})
    # The managed ingress rule resource deleted, and an extra rule added to the same group.
    sg = one([{"Name": "group-name", "Values": [f"{name}-db"]}], "SecurityGroups", ec2.describe_security_groups)
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [sg["GroupId"]]}])
    for r in rules["SecurityGroupRules"]:
        if not r["IsEgress"] and r.get("FromPort") == 5432:
            ec2.revoke_security_group_ingress(GroupId=sg["GroupId"], SecurityGroupRuleIds=[r["SecurityGroupRuleId"]])
    changes.append({"name": "db_rule_deleted", "address": "aws_vpc_security_group_ingress_rule.db_pg",
                    "change": "delete", "attributes": []})
    ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    changes.append({"name": "db_rule_added", "address": "aws_security_group.db", "change": "update",
                    "attributes": ["ingress"]})
    # Lifecycle expiration changed.
    s3.put_bucket_lifecycle_configuration(Bucket=f"{name}-logs", LifecycleConfiguration={"Rules": [{
        "ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "old/"}, "Expiration": {"Days": 30}}]})
    changes.append({"name": "lifecycle_shortened", "address": "aws_s3_bucket_lifecycle_configuration.logs",
                    "change": "update", "attributes": ["rule"]})

    # IMDSv2 made mandatory on the instance (metadata_options.http_tokens optional -> required).
    web = ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [f"{name}-web"]},
        {"Name": "instance-state-name", "Values": ["running", "stopped"]}])
    iid = web["Reservations"][0]["Instances"][0]["InstanceId"]
    ec2.modify_instance_metadata_options(InstanceId=iid, HttpTokens="required")
    changes.append({"name": "imds_v2_required", "address": "aws_instance.web", "change": "update",
                    "attributes": ["metadata_options"]})
    # An instance's root volume grown, its data volume retagged, and a tag added to the volumes
    # of the instance whose volumes volume_tags manages.
    disks = volumes_of(ec2, f"{name}-disks")
    ec2.modify_volume(VolumeId=disks["/dev/sda1"], Size=12)
    changes.append({"name": "root_volume_grown", "address": "aws_instance.disks", "change": "update",
                    "attributes": ["root_block_device"]})
    ec2.create_tags(Resources=[disks["/dev/sdf"]], Tags=[{"Key": "Name", "Value": "renamed"}])
    changes.append({"name": "data_volume_renamed", "address": "aws_instance.disks", "change": "update",
                    "attributes": ["ebs_block_device"]})
    tagged = volumes_of(ec2, f"{name}-volume-tagged")
    ec2.create_tags(Resources=list(tagged.values()), Tags=[{"Key": "team", "Value": "ops"}])
    changes.append({"name": "volume_tag_added", "address": "aws_instance.volume_tagged", "change": "update",
                    "attributes": ["volume_tags"]})
    # The logs bucket opened to everyone by a canned ACL (a grant to AllUsers).
    s3.put_bucket_acl(Bucket=f"{name}-logs", ACL="public-read")
    changes.append({"name": "bucket_acl_public_read", "address": "aws_s3_bucket.logs", "change": "update",
                    "attributes": ["grant"]})

    # Not drift: the logs bucket's tags re-sent unchanged.
    tags = s3.get_bucket_tagging(Bucket=f"{name}-logs")["TagSet"]
    s3.put_bucket_tagging(Bucket=f"{name}-logs", Tagging={"TagSet": list(reversed(tags))})
    not_drift.append({"name": "tags_resent", "address": "aws_s3_bucket.logs", "attributes": ["tags", "tags_all"]})

    # Not drift: the logs bucket's policy rewritten with its keys and lists reordered.
    pol = json.loads(s3.get_bucket_policy(Bucket=f"{name}-logs")["Policy"])
    st = pol["Statement"][0]
    reordered = {"Statement": [{"Resource": st["Resource"], "Action": "s3:PutObject",
                                "Principal": st["Principal"], "Effect": st["Effect"], "Sid": st["Sid"]}],
                 "Version": pol["Version"]}
    s3.put_bucket_policy(Bucket=f"{name}-logs", Policy=json.dumps(reordered, indent=2))
    not_drift.append({"name": "policy_reordered", "address": "aws_s3_bucket_policy.logs", "attributes": ["policy"]})

    # Unmanaged: a bucket and an instance created by hand, a table too.
    s3.create_bucket(Bucket=f"{name}-handmade")
    unmanaged.append({"type": "aws_s3_bucket", "id": f"{name}-handmade"})
    inst = ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.nano", MinCount=1, MaxCount=1,
                             TagSpecifications=[{"ResourceType": "instance",
                                                 "Tags": [{"Key": "Name", "Value": f"{name}-handmade"}]}])
    unmanaged.append({"type": "aws_instance", "id": inst["Instances"][0]["InstanceId"]})

    print(json.dumps({"changes": changes, "not_drift": not_drift, "unmanaged": unmanaged}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
