#!/usr/bin/env python3
"""Console-like changes to the compute family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

Only the resources main.tf declares are changed: each part looks its resource up first.
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def declares(address):
    """Whether main.tf declares the resource `type.name`."""
    kind, name = address.split(".")
    with open(os.path.join(HERE, "main.tf")) as f:
        return f'resource "{kind}" "{name}"' in f.read()


def main():
    a, kw = console.start(__doc__)
    ec2 = boto3.client("ec2", **kw)
    asg = boto3.client("autoscaling", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift, unmanaged = [], [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind,
                        "attributes": attributes})

    # The deploy key retagged (tags are set on the key's id, not its name).
    key = ec2.describe_key_pairs(KeyNames=[f"{name}-deploy"])["KeyPairs"][0]
    ec2.create_tags(Resources=[key["KeyPairId"]], Tags=[{"Key": "Owner", "Value": "ops"}])
    change("key_pair_tagged", "aws_key_pair.deploy", ["tags", "tags_all"])
    # A key pair imported by hand: unmanaged.
    hand = ec2.create_key_pair(KeyName=f"{name}-by-hand")
    unmanaged.append({"type": "aws_key_pair", "id": hand["KeyName"]})

    # The group first: moto cannot launch instances from a version the console created with
    # user data (it stores it in another form than CreateLaunchTemplate does).
    if declares("aws_autoscaling_group.web"):
        group = f"{name}-web"
        # Scaling moved the desired capacity (an expected change, graded INFO), and someone
        # raised the maximum and suspended a process.
        asg.set_desired_capacity(AutoScalingGroupName=group, DesiredCapacity=3)
        change("group_scaled", "aws_autoscaling_group.web", ["desired_capacity"])
        asg.update_auto_scaling_group(AutoScalingGroupName=group, MaxSize=6)
        change("group_max_raised", "aws_autoscaling_group.web", ["max_size"])
        asg.suspend_processes(AutoScalingGroupName=group, ScalingProcesses=["AZRebalance"])
        change("group_process_suspended", "aws_autoscaling_group.web", ["suspended_processes"])

    if declares("aws_launch_template.web"):
        lt = ec2.describe_launch_templates(LaunchTemplateNames=[f"{name}-web"])["LaunchTemplates"][0]
        data = ec2.describe_launch_template_versions(
            LaunchTemplateId=lt["LaunchTemplateId"],
            Versions=[str(lt["LatestVersionNumber"])])["LaunchTemplateVersions"][0]
        # A new version from the console: a larger instance type and IMDS tokens optional,
        # made the default. The whole data is sent (moto ignores SourceVersion).
        new = dict(data["LaunchTemplateData"])
        new["InstanceType"] = "t3.large"
        new["MetadataOptions"] = dict(new["MetadataOptions"], HttpTokens="optional")
        v = ec2.create_launch_template_version(
            LaunchTemplateId=lt["LaunchTemplateId"], VersionDescription="web servers",
            LaunchTemplateData=new)["LaunchTemplateVersion"]["VersionNumber"]
        ec2.modify_launch_template(LaunchTemplateId=lt["LaunchTemplateId"], DefaultVersion=str(v))
        change("launch_template_new_version", "aws_launch_template.web",
               ["instance_type", "metadata_options", "latest_version", "default_version"])
        # Not drift: the template's tags sent again unchanged.
        ec2.create_tags(Resources=[lt["LaunchTemplateId"]], Tags=lt["Tags"])
        not_drift.append({"name": "launch_template_tags_resent",
                          "address": "aws_launch_template.web", "attributes": ["tags"]})

    if declares("aws_launch_template.batch"):
        ec2.delete_launch_template(LaunchTemplateName=f"{name}-batch")
        change("launch_template_deleted", "aws_launch_template.batch", [], "delete")

    console.report(changes, not_drift, unmanaged)


if __name__ == "__main__":
    main()
