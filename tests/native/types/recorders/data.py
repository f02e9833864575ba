"""Recorders of the data-store family (functions/drift-scanner/native/types/rds beyond
aws_db_instance, types/efs, types/elasticache): each creates its resources in moto with boto3
and sends the calls the type module makes."""
import record
from record import query_match


# EFS's documented throttling and access-denied errors (REST-JSON: the code in the body's
# ErrorCode and the x-amzn-ErrorType header, as the session reads them).
record.ERRORS.setdefault("elasticfilesystem", {
    "throttled": (429, "application/json", None, "ThrottlingException", "Rate exceeded"),
    "denied": (403, "application/json", None, "AccessDeniedException",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "elasticfilesystem:DescribeFileSystems"),
})


# ElastiCache's documented throttling and access-denied errors (query protocol).
record.ERRORS.setdefault("elasticache", {
    "throttled": (400, "text/xml", record.QUERY_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", record.QUERY_ERROR, "AccessDenied",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "elasticache:DescribeCacheSubnetGroups"),
})


def efs_get(path, *query):
    return {"service": "elasticfilesystem", "method": "GET", "path": path, "query": list(query)}


def rds_listing(rec, rds, op, action):
    return rec.call(rds, op, query_match("rds", action, "MaxRecords=100"), MaxRecords=100)


def two_subnets(rec):
    ec2 = rec.client("ec2")
    vpc = record.make_vpc(ec2)
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24",
                                 AvailabilityZone=f"us-east-1{az}")["Subnet"]["SubnetId"]
               for i, az in ((1, "a"), (2, "b"))]
    return vpc, subnets


def aws_db_subnet_group(rec):
    rds = rec.client("rds")
    vpc, subnets = two_subnets(rec)
    g = rds.create_db_subnet_group(DBSubnetGroupName="orders-db", DBSubnetGroupDescription="orders",
                                   SubnetIds=subnets, Tags=[{"Key": "team", "Value": "drift"}])
    arn = g["DBSubnetGroup"]["DBSubnetGroupArn"]

    def read(tags=True):
        out = [rds_listing(rec, rds, "describe_db_subnet_groups", "DescribeDBSubnetGroups")]
        if tags and "<TagList>" not in out[0]["response"]["body"]:
            out.append(rec.call(rds, "list_tags_for_resource",
                                query_match("rds", "ListTagsForResource", "subgrp"),
                                ResourceName=arn))
        return out

    res = {"id": "orders-db", "vpc_id": vpc, "subnets": subnets}
    yield ("DB subnet group `orders-db` (described `orders`) over two subnets of one VPC, "
           "tagged team=drift", res, read())
    rds.delete_db_subnet_group(DBSubnetGroupName="orders-db")
    yield ("the account's subnet groups after DeleteDBSubnetGroup (none left)", res,
           read(tags=False))


# DescribeDBParameters as RDS documents it: every parameter of the group with its Source
# (moto answers only the parameters set, without Source).
DOCUMENTED_PARAMETERS = "".join(
    "<Parameter><ParameterName>{}</ParameterName>{}<Source>{}</Source>"
    "<ApplyType>dynamic</ApplyType><DataType>integer</DataType><IsModifiable>true</IsModifiable>"
    "<ApplyMethod>{}</ApplyMethod></Parameter>".format(
        n, f"<ParameterValue>{v}</ParameterValue>" if v else "", src, m)
    for n, v, src, m in (("autocommit", "", "engine-default", "pending-reboot"),
                         ("character_set_server", "utf8mb4", "user", "pending-reboot"),
                         ("innodb_buffer_pool_size", "{DBInstanceClassMemory*3/4}", "system",
                          "pending-reboot"),
                         ("max_connections", "200", "user", "immediate")))


def configured_case(rec, rds, res):
    """The read of a group whose state holds parameters: every parameter, no Source filter."""
    x = rec.call(rds, "describe_db_parameters",
                 query_match("rds", "DescribeDBParameters", "orders-mysql"),
                 DBParameterGroupName="orders-mysql", MaxRecords=100)
    body = x["response"]["body"]
    start, end = body.index("<Parameters>") + len("<Parameters>"), body.index("</Parameters>")
    x["response"]["body"] = body[:start] + DOCUMENTED_PARAMETERS + body[end:]
    x["edited"] = ("moto answers no Source and only the parameters set: the parameters replaced "
                   "by the shape the RDS API reference documents (every parameter of the "
                   "group, each with its Source)")
    first = rds_listing(rec, rds, "describe_db_parameter_groups", "DescribeDBParameterGroups")
    tags = rec.call(rds, "list_tags_for_resource", query_match("rds", "ListTagsForResource", "pg"),
                    ResourceName="arn:aws:rds:us-east-1:123456789012:pg:orders-mysql")
    record.write("aws_db_parameter_group", "configured",
                 "the group of `found` read for a state that holds parameters: two set by the "
                 "user, one engine default (autocommit, no value) and one system parameter",
                 res, [first, x, tags])


def aws_db_parameter_group(rec):
    rds = rec.client("rds")
    g = rds.create_db_parameter_group(DBParameterGroupName="orders-mysql",
                                      DBParameterGroupFamily="mysql8.0", Description="orders",
                                      Tags=[{"Key": "team", "Value": "drift"}])
    arn = g["DBParameterGroup"]["DBParameterGroupArn"]
    rds.modify_db_parameter_group(DBParameterGroupName="orders-mysql", Parameters=[
        {"ParameterName": "max_connections", "ParameterValue": "200",
         "ApplyMethod": "immediate"},
        {"ParameterName": "character_set_server", "ParameterValue": "utf8mb4",
         "ApplyMethod": "pending-reboot"}])

    def read(full=True):
        out = [rds_listing(rec, rds, "describe_db_parameter_groups", "DescribeDBParameterGroups")]
        if full:
            # The state of the offline test holds no parameter: the provider's Source=user read.
            out.append(rec.call(rds, "describe_db_parameters",
                                query_match("rds", "DescribeDBParameters", "orders-mysql",
                                            "Source=user"),
                                DBParameterGroupName="orders-mysql", Source="user",
                                MaxRecords=100))
            if "<TagList>" not in out[0]["response"]["body"]:
                out.append(rec.call(rds, "list_tags_for_resource",
                                    query_match("rds", "ListTagsForResource", "pg"),
                                    ResourceName=arn))
        return out

    res = {"id": "orders-mysql"}
    configured_case(rec, rds, res)
    yield ("DB parameter group `orders-mysql` (mysql8.0, described `orders`) with "
           "max_connections=200 (immediate) and character_set_server=utf8mb4 "
           "(pending-reboot), tagged team=drift", res, read())
    rds.delete_db_parameter_group(DBParameterGroupName="orders-mysql")
    yield ("the account's parameter groups after DeleteDBParameterGroup", res, read(False))


def aws_rds_cluster(rec):
    ec2 = rec.client("ec2")
    rds = rec.client("rds")
    vpc, subnets = two_subnets(rec)
    sg = record.make_group(ec2, vpc, "db")
    rds.create_db_subnet_group(DBSubnetGroupName="orders-db", DBSubnetGroupDescription="orders",
                               SubnetIds=subnets)
    c = rds.create_db_cluster(
        DBClusterIdentifier="orders", Engine="aurora-mysql", EngineVersion="8.0.mysql_aurora.3.05.2",
        MasterUsername="admin", MasterUserPassword="not-a-secret-1", DatabaseName="orders",
        BackupRetentionPeriod=7, PreferredBackupWindow="03:00-04:00",
        PreferredMaintenanceWindow="sun:05:00-sun:06:00", DBSubnetGroupName="orders-db",
        VpcSecurityGroupIds=[sg], StorageEncrypted=True, DeletionProtection=False,
        CopyTagsToSnapshot=True, EnableCloudwatchLogsExports=["audit", "error"],
        ServerlessV2ScalingConfiguration={"MinCapacity": 0.5, "MaxCapacity": 4},
        Tags=[{"Key": "team", "Value": "drift"}])["DBCluster"]

    def read():
        return [rds_listing(rec, rds, "describe_db_clusters", "DescribeDBClusters"),
                rec.call(rds, "describe_global_clusters",
                         query_match("rds", "DescribeGlobalClusters", "MaxRecords=100"),
                         MaxRecords=100)]

    res = {"id": "orders", "resource_id": c["DbClusterResourceId"], "security_group": sg}
    yield ("Aurora MySQL 8.0 cluster `orders` (database `orders`, 7 days of backups, windows "
           "03:00-04:00 and sun:05:00-sun:06:00, encrypted, audit and error logs exported, "
           "Serverless v2 0.5-4 ACUs) in subnet group `orders-db` with one security group, "
           "tagged team=drift", res, read())
    rds.delete_db_cluster(DBClusterIdentifier="orders", SkipFinalSnapshot=True)
    yield ("the account's clusters after DeleteDBCluster (none left)", res, read()[:1])


def make_file_system(rec):
    efs = rec.client("efs")
    fs = efs.create_file_system(CreationToken="orders-files", PerformanceMode="generalPurpose",
                                Encrypted=True, ThroughputMode="provisioned",
                                ProvisionedThroughputInMibps=64,
                                Tags=[{"Key": "Name", "Value": "orders"},
                                      {"Key": "team", "Value": "drift"}])["FileSystemId"]
    efs.put_lifecycle_configuration(FileSystemId=fs, LifecyclePolicies=[
        {"TransitionToIA": "AFTER_30_DAYS"}, {"TransitionToPrimaryStorageClass": "AFTER_1_ACCESS"}])
    return efs, fs


def aws_efs_file_system(rec):
    efs, fs = make_file_system(rec)

    def read(full=True):
        out = [rec.call(efs, "describe_file_systems",
                        efs_get("/2015-02-01/file-systems", "FileSystemId"), FileSystemId=fs)]
        if full:
            out.append(rec.call(efs, "describe_lifecycle_configuration",
                                efs_get(f"/2015-02-01/file-systems/{fs}/lifecycle-configuration"),
                                FileSystemId=fs))
        return out

    res = {"id": fs}
    yield ("encrypted general-purpose file system `orders-files` with 64 MiB/s provisioned "
           "throughput, to IA after 30 days and back on first access, tagged Name=orders, "
           "team=drift", res, read())
    efs.delete_file_system(FileSystemId=fs)
    yield ("the same file system after DeleteFileSystem (FileSystemNotFound)", res, read(False))


def aws_efs_mount_target(rec):
    ec2 = rec.client("ec2")
    efs, fs = make_file_system(rec)
    vpc, subnets = two_subnets(rec)
    groups = [record.make_group(ec2, vpc, "nfs"), record.make_group(ec2, vpc, "nfs-admin")]
    mt = efs.create_mount_target(FileSystemId=fs, SubnetId=subnets[0], IpAddress="10.0.1.10",
                                 SecurityGroups=groups)["MountTargetId"]

    def read(full=True):
        out = [rec.call(efs, "describe_mount_targets",
                        efs_get("/2015-02-01/mount-targets", "MountTargetId"), MountTargetId=mt)]
        if full:
            out.append(rec.call(efs, "describe_mount_target_security_groups",
                                efs_get(f"/2015-02-01/mount-targets/{mt}/security-groups"),
                                MountTargetId=mt))
        return out

    res = {"id": mt, "file_system_id": fs, "subnet_id": subnets[0], "security_groups": groups}
    yield ("a mount target of file system `orders-files` at 10.0.1.10 in us-east-1a with two "
           "security groups", res, read())
    efs.delete_mount_target(MountTargetId=mt)
    yield ("the same mount target after DeleteMountTarget (MountTargetNotFound)", res,
           read(False))


def aws_elasticache_subnet_group(rec):
    ec = rec.client("elasticache")
    vpc, subnets = two_subnets(rec)

    def listing():
        return rec.call(ec, "describe_cache_subnet_groups",
                        query_match("elasticache", "DescribeCacheSubnetGroups", "MaxRecords=100"),
                        MaxRecords=100)

    # moto has no DeleteCacheSubnetGroup: the gone case is the listing before the group exists.
    before = [listing()]
    g = ec.create_cache_subnet_group(CacheSubnetGroupName="orders-cache",
                                     CacheSubnetGroupDescription="orders", SubnetIds=subnets,
                                     Tags=[{"Key": "team", "Value": "drift"}])["CacheSubnetGroup"]

    def read():
        out = [listing()]
        if "orders-cache" in out[0]["response"]["body"]:
            out.append(rec.call(ec, "list_tags_for_resource",
                                query_match("elasticache", "ListTagsForResource", "subnetgroup"),
                                ResourceName=g["ARN"]))
        return out

    res = {"id": "orders-cache", "vpc_id": vpc, "subnets": subnets}
    yield ("cache subnet group `orders-cache` (described `orders`) over two subnets of one VPC, "
           "tagged team=drift", res, read())
    yield ("the account's cache subnet groups without it (recorded before its creation: moto "
           "has no DeleteCacheSubnetGroup)", res, before)


TYPES = {
    "aws_db_subnet_group": aws_db_subnet_group,
    "aws_db_parameter_group": aws_db_parameter_group,
    "aws_rds_cluster": aws_rds_cluster,
    "aws_efs_file_system": aws_efs_file_system,
    "aws_efs_mount_target": aws_efs_mount_target,
    "aws_elasticache_subnet_group": aws_elasticache_subnet_group,
}
