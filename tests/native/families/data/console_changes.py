#!/usr/bin/env python3
"""Console-like changes to the data-store family (RDS, EFS, ElastiCache) in one workspace (see
../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

moto's ModifyDBSubnetGroup deletes the group, so the subnet group is changed by its tags only
(its description and subnets are proved by the offline test). moto's DescribeDBParameters
answers no Source: the parameter group is created without parameters (the provider then asks
for Source=user and keeps all it gets) and the console sets one. moto's UpdateFileSystem fails:
the file system's lifecycle configuration is changed instead (throughput is proved offline).
moto has no ModifyCacheSubnetGroup: the cache subnet group is changed by its tags only.
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    rds = boto3.client("rds", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    account = "123456789012"
    rds_arn = lambda kind, n: f"arn:aws:rds:{a.region}:{account}:{kind}:{name}-{n}"  # noqa: E731
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # The subnet group tagged with an owner.
    rds.add_tags_to_resource(ResourceName=rds_arn("subgrp", "orders"),
                             Tags=[{"Key": "owner", "Value": "dba"}])
    change("db_subnet_group_tagged", "aws_db_subnet_group.orders", ["tags", "tags_all"])

    # A parameter of the parameter group set from the console, its name in upper case (the
    # provider stores names in lower case).
    rds.modify_db_parameter_group(DBParameterGroupName=f"{name}-orders", Parameters=[
        {"ParameterName": "MAX_CONNECTIONS", "ParameterValue": "300", "ApplyMethod": "immediate"}])
    change("db_parameter_set", "aws_db_parameter_group.orders", ["parameter"])

    # The cluster's backups kept longer.
    rds.modify_db_cluster(DBClusterIdentifier=f"{name}-orders", BackupRetentionPeriod=14,
                          ApplyImmediately=True)
    change("cluster_backups_longer", "aws_rds_cluster.orders", ["backup_retention_period"])

    # The file system's files moved to Infrequent Access later, and no longer back on access.
    efs = boto3.client("efs", **kw)
    fs = next(f["FileSystemId"] for f in efs.describe_file_systems()["FileSystems"]
              if f["CreationToken"] == f"{name}-files")
    efs.put_lifecycle_configuration(FileSystemId=fs, LifecyclePolicies=[
        {"TransitionToIA": "AFTER_60_DAYS"}])
    change("efs_lifecycle_changed", "aws_efs_file_system.files", ["lifecycle_policy"])

    # The mount target left with the nfs group alone.
    ec2 = boto3.client("ec2", **kw)
    nfs = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [f"{name}-nfs"]}])[
        "SecurityGroups"][0]["GroupId"]
    mt = efs.describe_mount_targets(FileSystemId=fs)["MountTargets"][0]["MountTargetId"]
    efs.modify_mount_target_security_groups(MountTargetId=mt, SecurityGroups=[nfs])
    change("mount_target_groups_narrowed", "aws_efs_mount_target.files", ["security_groups"])

    # The cache subnet group tagged with an owner.
    ec = boto3.client("elasticache", **kw)
    ec.add_tags_to_resource(
        ResourceName=f"arn:aws:elasticache:{a.region}:{account}:subnetgroup:{name}-cache",
        Tags=[{"Key": "owner", "Value": "cache-team"}])
    change("cache_subnet_group_tagged", "aws_elasticache_subnet_group.cache", ["tags", "tags_all"])

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
