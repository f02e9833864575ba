"""Recorders of the Kubernetes family (functions/drift-scanner/native/types/eks): each creates
its EKS clusters and node groups in moto with boto3 and sends the calls the type module makes."""
import copy
import json

import record

ACCOUNT = "123456789012"

# EKS's documented throttling and access-denied errors (REST-JSON: the code travels in the
# body's __type as the session reads it).
record.ERRORS["eks"] = {
    "throttled": (429, "application/json", None, "ThrottlingException", "Rate exceeded"),
    "denied": (403, "application/json", None, "AccessDeniedException",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "eks:DescribeCluster"),
}

CLUSTER = "shop"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/eks-cluster"
KMS = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def rest(path):
    return {"service": "eks", "method": "GET", "path": path, "query": []}


def make_cluster(eks):
    return eks.create_cluster(
        name=CLUSTER, version="1.29", roleArn=ROLE,
        resourcesVpcConfig={"subnetIds": ["subnet-0b2", "subnet-0a1"],
                            "securityGroupIds": ["sg-0c3"], "endpointPublicAccess": True,
                            "endpointPrivateAccess": False,
                            "publicAccessCidrs": ["203.0.113.0/24"]},
        kubernetesNetworkConfig={"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
        logging={"clusterLogging": [{"types": ["audit", "api"], "enabled": True}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": KMS}}],
        tags={"team": "drift"})["cluster"]


def describe_cluster(rec, eks):
    return rec.call(eks, "describe_cluster", rest(f"/clusters/{CLUSTER}"), name=CLUSTER)


# What moto leaves out of DescribeCluster, in the shape the EKS API reference documents for
# it (accessConfig, upgradePolicy, zonalShiftConfig, computeConfig, storageConfig,
# remoteNetworkConfig, outpostConfig), with the version a console upgrade moved: moto refuses
# UpdateClusterVersion.
DOCUMENTED_CLUSTER = {
    "version": "1.30",
    "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"},
    "upgradePolicy": {"supportType": "EXTENDED"},
    "zonalShiftConfig": {"enabled": True},
    "computeConfig": {"enabled": True, "nodePools": ["system", "general-purpose"],
                      "nodeRoleArn": f"arn:aws:iam::{ACCOUNT}:role/eks-node"},
    "storageConfig": {"blockStorage": {"enabled": True}},
    "remoteNetworkConfig": {"remoteNodeNetworks": [{"cidrs": ["10.80.0.0/16"]}],
                            "remotePodNetworks": [{"cidrs": ["10.90.0.0/16"]}]},
    "outpostConfig": {"outpostArns": [f"arn:aws:outposts:us-east-1:{ACCOUNT}:outpost/op-0abc"],
                      "controlPlaneInstanceType": "m5.large",
                      "controlPlanePlacement": {"groupName": "eks-placement"}},
}


def documented(found_exchange):
    x = copy.deepcopy(found_exchange)
    body = json.loads(x["response"]["body"])
    body["cluster"].update(DOCUMENTED_CLUSTER)
    x["response"]["body"] = json.dumps(body)
    x["edited"] = ("moto returns no accessConfig, upgradePolicy, zonalShiftConfig, "
                   "computeConfig, storageConfig, remoteNetworkConfig or outpostConfig and "
                   "refuses UpdateClusterVersion: the recorded response with those members in "
                   "the shape the EKS API reference documents for DescribeCluster, version 1.30")
    return x


def aws_eks_cluster(rec):
    eks = rec.client("eks")
    c = make_cluster(eks)
    found = describe_cluster(rec, eks)
    res = {"id": CLUSTER, "arn": c["arn"]}
    record.write("aws_eks_cluster", "documented",
                 "the cluster of `found` upgraded to 1.30, with the access, upgrade-policy, "
                 "zonal-shift, compute, storage, remote-network and outpost blocks moto omits",
                 res, [documented(found)])
    yield ("cluster `shop` 1.29: two subnets, one security group, public endpoint for "
           "203.0.113.0/24, api and audit logs, secrets encrypted with a KMS key, tagged "
           "team=drift", res, [found])
    eks.delete_cluster(name=CLUSTER)
    yield ("the same cluster after DeleteCluster (ResourceNotFoundException)", res,
           [describe_cluster(rec, eks)])


NODE_ROLE = f"arn:aws:iam::{ACCOUNT}:role/eks-node"
NODE_GROUP = "web"

# What moto leaves out of DescribeNodegroup, in the shape the EKS API reference documents for
# it (updateConfig, nodeRepairConfig, launchTemplate), with the version a console upgrade
# moved.
DOCUMENTED_NODE_GROUP = {
    "version": "1.30",
    "updateConfig": {"maxUnavailablePercentage": 25},
    "nodeRepairConfig": {"enabled": True},
    "launchTemplate": {"id": "lt-0abc1234def567890", "name": "eks-web", "version": "3"},
}


def aws_eks_node_group(rec):
    eks = rec.client("eks")
    make_cluster(eks)
    ng = eks.create_nodegroup(
        clusterName=CLUSTER, nodegroupName=NODE_GROUP, nodeRole=NODE_ROLE,
        subnets=["subnet-0b2", "subnet-0a1"],
        scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 2},
        instanceTypes=["t3.medium"], labels={"role": "web"},
        taints=[{"key": "dedicated", "value": "web", "effect": "NO_SCHEDULE"}],
        capacityType="ON_DEMAND", diskSize=30, amiType="AL2_x86_64",
        tags={"team": "drift"})["nodegroup"]

    def read():
        return [rec.call(eks, "describe_nodegroup",
                         rest(f"/clusters/{CLUSTER}/node-groups/{NODE_GROUP}"),
                         clusterName=CLUSTER, nodegroupName=NODE_GROUP)]

    res = {"id": f"{CLUSTER}:{NODE_GROUP}", "arn": ng["nodegroupArn"]}
    found = read()
    x = copy.deepcopy(found[0])
    body = json.loads(x["response"]["body"])
    body["nodegroup"].update(DOCUMENTED_NODE_GROUP)
    x["response"]["body"] = json.dumps(body)
    x["edited"] = ("moto returns no updateConfig, nodeRepairConfig or launchTemplate: the "
                   "recorded response with those members in the shape the EKS API reference "
                   "documents for DescribeNodegroup, version 1.30")
    record.write("aws_eks_node_group", "documented",
                 "the node group of `found` upgraded to 1.30, with the update, repair and "
                 "launch-template blocks moto omits", res, [x])
    yield ("node group `shop:web`: 1-3 t3.medium nodes (2 desired), 30 GB disks, label "
           "role=web, taint dedicated=web NO_SCHEDULE, two subnets, tagged team=drift", res,
           found)
    eks.delete_nodegroup(clusterName=CLUSTER, nodegroupName=NODE_GROUP)
    yield ("the same node group after DeleteNodegroup (ResourceNotFoundException)", res, read())


TYPES = {
    "aws_eks_cluster": aws_eks_cluster,
    "aws_eks_node_group": aws_eks_node_group,
}
