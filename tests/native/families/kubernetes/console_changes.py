#!/usr/bin/env python3
"""Console-like changes to the Kubernetes family (EKS clusters and node groups) in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    eks = boto3.client("eks", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # The cluster tagged by hand (moto refuses UpdateClusterVersion, so a version upgrade is
    # proved by the offline test instead).
    cluster = f"{name}-main"
    arn = eks.describe_cluster(name=cluster)["cluster"]["arn"]
    eks.tag_resource(resourceArn=arn, tags={"Owner": "console"})
    change("cluster_tagged", "aws_eks_cluster.main", ["tags", "tags_all"])

    # The node group may grow to 5 nodes.
    eks.update_nodegroup_config(clusterName=cluster, nodegroupName="web",
                                scalingConfig={"minSize": 1, "maxSize": 5, "desiredSize": 2})
    change("node_group_max_raised", "aws_eks_node_group.web", ["scaling_config"])

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
