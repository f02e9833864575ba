#!/usr/bin/env python3
"""Console-like changes to the containers family (ECR, ECS) in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    ecr = boto3.client("ecr", **kw)
    ecs = boto3.client("ecs", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    repo = f"{name}-api"
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # The repository's tags made mutable again.
    ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability="MUTABLE")
    change("repository_tags_mutable", "aws_ecr_repository.api", ["image_tag_mutability"])

    # Not drift: the repository's tags sent again unchanged.
    arn = ecr.describe_repositories(repositoryNames=[repo])["repositories"][0]["repositoryArn"]
    ecr.tag_resource(resourceArn=arn, tags=ecr.list_tags_for_resource(resourceArn=arn)["tags"])
    not_drift.append({"name": "repository_tags_resent", "address": "aws_ecr_repository.api",
                      "attributes": ["tags", "tags_all"]})

    # The lifecycle policy keeps 10 releases instead of 30.
    lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName=repo)["lifecyclePolicyText"])
    lifecycle["rules"][0]["selection"]["countNumber"] = 10
    ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=json.dumps(lifecycle))
    change("lifecycle_fewer_releases", "aws_ecr_lifecycle_policy.api", ["policy"])

    # The repository policy lets another role pull.
    policy = json.loads(ecr.get_repository_policy(repositoryName=repo)["policyText"])
    policy["Statement"][0]["Principal"] = {"AWS": "arn:aws:iam::123456789012:role/deploy"}
    ecr.set_repository_policy(repositoryName=repo, policyText=json.dumps(policy))
    change("repository_policy_other_role", "aws_ecr_repository_policy.api", ["policy"])

    # Container Insights turned off on the cluster (UpdateCluster: moto answers
    # UpdateClusterSettings with an internal error).
    ecs.update_cluster(cluster=f"{name}-main",
                       settings=[{"name": "containerInsights", "value": "disabled"}])
    change("cluster_insights_off", "aws_ecs_cluster.main", ["setting"])

    # The task definition's revision tagged by hand (a revision's settings cannot change: a
    # console edit registers a new revision, which the state does not name).
    family = f"{name}-api"
    td = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]["taskDefinitionArn"]
    ecs.tag_resource(resourceArn=td, tags=[{"key": "Owner", "value": "console"}])
    change("task_definition_tagged", "aws_ecs_task_definition.api", ["tags", "tags_all"])

    # The service scaled out by hand (an autoscaled count: reported, graded INFO by the
    # autoscaled-count rule).
    ecs.update_service(cluster=f"{name}-main", service=f"{name}-api", desiredCount=4)
    change("service_scaled_out", "aws_ecs_service.api", ["desired_count"])

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
