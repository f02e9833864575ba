"""Recorders of the ElastiCache replication group (functions/drift-scanner/native/types/
elasticache): the group is created in moto with boto3 and read with the calls the type module
makes. Terraform itself cannot apply a replication group in moto, so the type is verified
offline only."""
import record
from record import query_match

# ElastiCache's documented throttling and access-denied errors (query protocol); data.py sets
# the same when it is loaded first.
record.ERRORS.setdefault("elasticache", {
    "throttled": (400, "text/xml", record.QUERY_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", record.QUERY_ERROR, "AccessDenied",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "elasticache:DescribeReplicationGroups"),
})


def aws_elasticache_replication_group(rec):
    ec = rec.client("elasticache")
    g = ec.create_replication_group(
        ReplicationGroupId="orders", ReplicationGroupDescription="orders", Engine="redis",
        EngineVersion="7.1", CacheNodeType="cache.t3.micro", NumCacheClusters=1,
        AtRestEncryptionEnabled=True, SnapshotRetentionLimit=3,
        Tags=[{"Key": "team", "Value": "drift"}])["ReplicationGroup"]
    # moto's replication group names a member cluster it never creates: the member is created
    # beside it so that DescribeCacheClusters answers as AWS does.
    ec.create_cache_cluster(CacheClusterId="orders-001", ReplicationGroupId="orders",
                            Engine="redis", EngineVersion="7.1.0", CacheNodeType="cache.t3.micro",
                            NumCacheNodes=1, PreferredMaintenanceWindow="sun:05:00-sun:06:00")

    def describe():
        return rec.call(ec, "describe_replication_groups",
                        query_match("elasticache", "DescribeReplicationGroups",
                                    "ReplicationGroupId=orders"),
                        ReplicationGroupId="orders")

    found = [describe(),
             rec.call(ec, "describe_cache_clusters",
                      query_match("elasticache", "DescribeCacheClusters",
                                  "CacheClusterId=orders-001"),
                      CacheClusterId="orders-001"),
             rec.call(ec, "list_tags_for_resource",
                      query_match("elasticache", "ListTagsForResource", "replicationgroup"),
                      ResourceName=g["ARN"])]
    res = {"id": "orders", "member": "orders-001"}
    yield ("replication group `orders` (described `orders`): one redis 7.1 node cache.t3.micro, "
           "encrypted at rest, 3 days of snapshots, tagged team=drift", res, found)
    ec.delete_replication_group(ReplicationGroupId="orders")
    yield ("the same group after DeleteReplicationGroup (status deleting, which the provider "
           "drops from the state)", res, [describe()])


TYPES = {
    "aws_elasticache_replication_group": aws_elasticache_replication_group,
}
