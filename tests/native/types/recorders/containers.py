"""Recorders of the container family (functions/drift-scanner/native/types/ecr, ecs):
each creates its repositories, clusters, task definitions and services in moto with boto3 and
sends the calls the type module makes."""
import copy
import json

import record

ACCOUNT = "123456789012"


def json_errors(prefix, action):
    """A JSON 1.1 service's documented throttling and access-denied errors (the code travels
    in the body's __type)."""
    return {
        "throttled": (400, "application/x-amz-json-1.1", None,
                      f"{prefix}#ThrottlingException", "Rate exceeded"),
        "denied": (400, "application/x-amz-json-1.1", None,
                   "com.amazon.coral.service#AccessDeniedException",
                   f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
                   f"{action}"),
    }


record.ERRORS["ecr"] = json_errors("com.amazonaws.ecr", "ecr:DescribeRepositories")
record.ERRORS["ecs"] = json_errors("com.amazonaws.ecs", "ecs:DescribeClusters")

REPO = "shop/api"
KMS = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
# Rules out of priority order and tag prefixes out of order: the read keeps the state's text
# when ECR's is the same policy.
LIFECYCLE = json.dumps({"rules": [
    {"rulePriority": 2, "description": "expire untagged",
     "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                   "countUnit": "days", "countNumber": 14},
     "action": {"type": "expire"}},
    {"rulePriority": 1, "description": "keep 30 releases",
     "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", "release"],
                   "countType": "imageCountMoreThan", "countNumber": 30},
     "action": {"type": "expire"}},
]})
REPO_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Sid": "CiPull", "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/ci"},
    "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]}]})


def ecr_m(action, *contains):
    return {"service": "ecr", "action": action, "contains": list(contains)}


def make_repository(ecr):
    return ecr.create_repository(
        repositoryName=REPO, imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        encryptionConfiguration={"encryptionType": "KMS", "kmsKey": KMS},
        tags=[{"Key": "team", "Value": "drift"}])["repository"]["repositoryArn"]


def aws_ecr_repository(rec):
    ecr = rec.client("ecr")
    arn = make_repository(ecr)

    def read(full=True):
        out = [rec.call(ecr, "describe_repositories", ecr_m("DescribeRepositories", REPO),
                        repositoryNames=[REPO])]
        if full:
            out.append(rec.call(ecr, "list_tags_for_resource", ecr_m("ListTagsForResource", arn),
                                resourceArn=arn))
        return out

    res = {"id": REPO, "arn": arn}
    yield ("repository `shop/api`: immutable tags, scan on push, KMS-encrypted, tagged "
           "team=drift", res, read())
    ecr.delete_repository(repositoryName=REPO, force=True)
    yield ("the same repository after DeleteRepository (RepositoryNotFoundException)", res,
           read(False))


def aws_ecr_lifecycle_policy(rec):
    ecr = rec.client("ecr")
    make_repository(ecr)
    ecr.put_lifecycle_policy(repositoryName=REPO, lifecyclePolicyText=LIFECYCLE)

    def read():
        return [rec.call(ecr, "get_lifecycle_policy", ecr_m("GetLifecyclePolicy", REPO),
                         repositoryName=REPO)]

    res = {"id": REPO, "policy": LIFECYCLE}
    yield ("lifecycle policy of `shop/api`: two expiry rules, listed out of priority order",
           res, read())
    ecr.delete_lifecycle_policy(repositoryName=REPO)
    yield ("the same repository after DeleteLifecyclePolicy (LifecyclePolicyNotFoundException)",
           res, read())


def aws_ecr_repository_policy(rec):
    ecr = rec.client("ecr")
    make_repository(ecr)
    ecr.set_repository_policy(repositoryName=REPO, policyText=REPO_POLICY)

    def read():
        return [rec.call(ecr, "get_repository_policy", ecr_m("GetRepositoryPolicy", REPO),
                         repositoryName=REPO)]

    res = {"id": REPO, "policy": REPO_POLICY}
    yield ("repository policy of `shop/api`: the CI role may pull", res, read())
    ecr.delete_repository_policy(repositoryName=REPO)
    yield ("the same repository after DeleteRepositoryPolicy "
           "(RepositoryPolicyNotFoundException)", res, read())


CLUSTER = "shop"
NAMESPACE = f"arn:aws:servicediscovery:us-east-1:{ACCOUNT}:namespace/ns-shop"


def ecs_m(action, *contains):
    return {"service": "ecs", "action": action, "contains": list(contains)}


def make_cluster(ecs):
    return ecs.create_cluster(
        clusterName=CLUSTER, tags=[{"key": "team", "value": "drift"}],
        settings=[{"name": "containerInsights", "value": "enabled"}],
        configuration={"executeCommandConfiguration": {
            "kmsKeyId": KMS, "logging": "OVERRIDE",
            "logConfiguration": {"cloudWatchLogGroupName": "/ecs/exec",
                                 "cloudWatchEncryptionEnabled": True}}},
        serviceConnectDefaults={"namespace": NAMESPACE})["cluster"]["clusterArn"]


def describe_clusters(rec, ecs, arn):
    return rec.call(ecs, "describe_clusters", ecs_m("DescribeClusters", arn), clusters=[arn],
                    include=["CONFIGURATIONS", "SETTINGS", "TAGS"])


def aws_ecs_cluster(rec):
    ecs = rec.client("ecs")
    arn = make_cluster(ecs)
    res = {"id": arn, "name": CLUSTER}
    yield ("cluster `shop`: Container Insights on, execute-command logging to /ecs/exec with "
           "a KMS key, a Service Connect namespace, tagged team=drift", res,
           [describe_clusters(rec, ecs, arn)])
    ecs.delete_cluster(cluster=arn)
    yield ("the same cluster after DeleteCluster (a failure MISSING, or INACTIVE)", res,
           [describe_clusters(rec, ecs, arn)])


FAMILY = "shop-api"
CONTAINERS = [{
    "name": "api", "image": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop/api:v1",
    "essential": True, "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
    "environment": [{"name": "PORT", "value": "8080"}, {"name": "MODE", "value": "prod"}],
}]


def aws_ecs_task_definition(rec):
    ecs = rec.client("ecs")
    arn = ecs.register_task_definition(
        family=FAMILY, containerDefinitions=CONTAINERS, networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ecs-exec",
        volumes=[{"name": "scratch"},
                 {"name": "shared", "efsVolumeConfiguration": {
                     "fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/shop",
                     "transitEncryption": "ENABLED"}}],
        placementConstraints=[{"type": "memberOf",
                               "expression": "attribute:ecs.os-type == linux"}],
        runtimePlatform={"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
        tags=[{"key": "team", "value": "drift"}])["taskDefinition"]["taskDefinitionArn"]

    def read():
        return [rec.call(ecs, "describe_task_definition", ecs_m("DescribeTaskDefinition", arn),
                         taskDefinition=arn, include=["TAGS"])]

    res = {"id": FAMILY, "arn": arn, "container_definitions": json.dumps(CONTAINERS)}
    yield ("task definition `shop-api:1`: one Fargate container on awsvpc, two volumes (one "
           "EFS), a placement constraint, ARM64, tagged team=drift", res, read())
    ecs.deregister_task_definition(taskDefinition=arn)
    yield ("the same revision after DeregisterTaskDefinition (INACTIVE)", res, read())


SERVICE = "shop-api"


def service_updated(found):
    """The found exchange with a deploymentConfiguration as the ECS API reference's
    DescribeServices response carries it (moto returns none), after a console edit of the
    deployment settings."""
    about, res, exchanges = found
    x = copy.deepcopy(exchanges)
    body = json.loads(x[0]["response"]["body"])
    body["services"][0]["deploymentConfiguration"] = {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False},
        "maximumPercent": 150, "minimumHealthyPercent": 50,
        "alarms": {"alarmNames": ["shop-5xx", "shop-latency"], "enable": True,
                   "rollback": True}}
    x[0]["response"]["body"] = json.dumps(body)
    x[0]["edited"] = ("moto's services have no deploymentConfiguration: the recorded response "
                      "with one added as the ECS API reference's DescribeServices response "
                      "syntax carries it")
    record.write("aws_ecs_service", "updated",
                 "service `shop-api` after a console edit of its deployment settings (edited: "
                 "moto returns no deployment configuration)", res, x)


def aws_ecs_service(rec):
    ecs = rec.client("ecs")
    ec2 = rec.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="shop-api", Description="api",
                                   VpcId=vpc)["GroupId"]
    cluster = make_cluster(ecs)
    td = ecs.register_task_definition(
        family=FAMILY, containerDefinitions=CONTAINERS, networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"], cpu="256",
        memory="512")["taskDefinition"]["taskDefinitionArn"]
    arn = ecs.create_service(
        cluster=cluster, serviceName=SERVICE, taskDefinition=td, desiredCount=2,
        launchType="FARGATE", propagateTags="SERVICE", enableECSManagedTags=True,
        networkConfiguration={"awsvpcConfiguration": {
            "subnets": [subnet], "securityGroups": [sg], "assignPublicIp": "DISABLED"}},
        placementConstraints=[{"type": "distinctInstance"}],
        tags=[{"key": "team", "value": "drift"}])["service"]["serviceArn"]

    def read():
        return [rec.call(ecs, "describe_services", ecs_m("DescribeServices", arn, cluster),
                         cluster=cluster, services=[arn], include=["TAGS"])]

    res = {"id": arn, "cluster": cluster, "task_definition": td}
    found = ("service `shop-api` on cluster `shop`: 2 Fargate tasks of shop-api:1 in one subnet "
             "and security group, tags propagated from the service, tagged team=drift", res,
             read())
    service_updated(found)
    yield found
    ecs.update_service(cluster=cluster, service=arn, desiredCount=0)
    ecs.delete_service(cluster=cluster, service=arn)
    yield ("the same service after DeleteService (INACTIVE, or a failure MISSING)", res, read())


TYPES = {
    "aws_ecr_repository": aws_ecr_repository,
    "aws_ecr_lifecycle_policy": aws_ecr_lifecycle_policy,
    "aws_ecr_repository_policy": aws_ecr_repository_policy,
    "aws_ecs_cluster": aws_ecs_cluster,
    "aws_ecs_task_definition": aws_ecs_task_definition,
    "aws_ecs_service": aws_ecs_service,
}
