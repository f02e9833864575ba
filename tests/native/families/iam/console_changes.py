#!/usr/bin/env python3
"""Console-like changes to the IAM family in one workspace (see ../README.md).

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
    iam = boto3.client("iam", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    app, worker, user, group = (f"{name}-app", f"{name}-worker", f"{name}-auditor",
                                f"{name}-operators")
    policy_arn = iam.get_role(RoleName=app)["Role"]["Arn"].split(":role/")[0] + \
        f":policy/drift/{name}-queue-writer"
    changes, not_drift = [], []

    def change(label, address, kind="update", attributes=()):
        changes.append({"name": label, "address": address, "change": kind,
                        "attributes": list(attributes)})

    # The role's description edited.
    iam.update_role(RoleName=app, Description="edited in the console")
    change("role_description", "aws_iam_role.app", attributes=["description"])

    # Not drift: the same trust policy saved again with its keys in another order and the
    # action as a one-element list; the role's tags sent again, unchanged.
    iam.update_assume_role_policy(RoleName=app, PolicyDocument=json.dumps({
        "Statement": [{"Action": ["sts:AssumeRole"], "Principal": {"Service": "lambda.amazonaws.com"},
                       "Effect": "Allow"}], "Version": "2012-10-17"}))
    not_drift.append({"name": "trust_policy_reordered", "address": "aws_iam_role.app",
                      "attributes": ["assume_role_policy"]})
    tags = iam.list_role_tags(RoleName=app)["Tags"]
    iam.tag_role(RoleName=app, Tags=list(reversed(tags)))
    not_drift.append({"name": "role_tags_resent", "address": "aws_iam_role.app",
                      "attributes": ["tags", "tags_all"]})

    # The worker's inline policy widened.
    iam.put_role_policy(RoleName=worker, PolicyName="read-logs", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*",
                                                "Resource": "*"}]}))
    change("role_policy_widened", "aws_iam_role_policy.worker_logs", attributes=["policy"])

    # The managed policy detached from the worker.
    iam.detach_role_policy(RoleName=worker, PolicyArn=policy_arn)
    change("role_policy_detached", "aws_iam_role_policy_attachment.worker_queue", "delete")

    # A new default version of the managed policy.
    iam.create_policy_version(PolicyArn=policy_arn, SetAsDefault=True, PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "Send", "Effect": "Allow",
                                                "Action": ["sqs:SendMessage", "sqs:PurgeQueue"],
                                                "Resource": "arn:aws:sqs:*:*:drift-events"}]}))
    change("policy_new_version", "aws_iam_policy.queue_writer", attributes=["policy"])

    # The user moved to another path; its inline policy saved again reordered (not drift);
    # the managed policy detached from it.
    iam.update_user(UserName=user, NewPath="/moved/")
    change("user_path", "aws_iam_user.auditor", attributes=["path"])
    iam.put_user_policy(UserName=user, PolicyName="read-logs", PolicyDocument=json.dumps({
        "Statement": [{"Resource": "arn:aws:logs:*:*:log-group:/drift/*",
                       "Action": ["logs:FilterLogEvents", "logs:GetLogEvents"], "Effect": "Allow"}],
        "Version": "2012-10-17"}))
    not_drift.append({"name": "user_policy_reordered", "address": "aws_iam_user_policy.auditor_logs",
                      "attributes": ["policy"]})
    iam.detach_user_policy(UserName=user, PolicyArn=policy_arn)
    change("user_policy_detached", "aws_iam_user_policy_attachment.auditor_queue", "delete")

    # The group's inline policy deleted, the managed policy detached from it, then the group
    # renamed (moto moves a group's path only with its name): gone under its name.
    iam.delete_group_policy(GroupName=group, PolicyName="read-logs")
    change("group_policy_deleted", "aws_iam_group_policy.operators_logs", "delete")
    iam.detach_group_policy(GroupName=group, PolicyArn=policy_arn)
    change("group_policy_detached", "aws_iam_group_policy_attachment.operators_queue", "delete")
    iam.update_group(GroupName=group, NewGroupName=group + "-renamed")
    change("group_renamed", "aws_iam_group.operators", "delete")

    # The instance profile tagged; a user taken out of the readers group; the OIDC provider's
    # thumbprint replaced (moto cannot change its client ids: proved offline).
    iam.tag_instance_profile(InstanceProfileName=app, Tags=[{"Key": "owner", "Value": "console"}])
    change("profile_tagged", "aws_iam_instance_profile.app", attributes=["tags", "tags_all"])
    iam.remove_user_from_group(GroupName=f"{name}-readers", UserName=f"{name}-reader")
    change("member_removed", "aws_iam_group_membership.readers", attributes=["users"])
    oidc = policy_arn.split(":policy/")[0] + f":oidc-provider/{name}.oidc.example.com"
    iam.update_open_id_connect_provider_thumbprint(
        OpenIDConnectProviderArn=oidc, ThumbprintList=["1c58a3a8518e8759bf075b76b750d4f2df264fcd"])
    change("oidc_thumbprint", "aws_iam_openid_connect_provider.ci", attributes=["thumbprint_list"])

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
