#!/usr/bin/env python3
"""Console-like changes to the network family (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    ec2 = boto3.client("ec2", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    def group(suffix):
        return ec2.describe_security_groups(Filters=[
            {"Name": "group-name", "Values": [f"{name}-{suffix}"]}])["SecurityGroups"][0]["GroupId"]

    web = group("web")

    # The https rule described again, on both of its CIDRs.
    ec2.update_security_group_rule_descriptions_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "https (office)"},
                      {"CidrIp": "192.168.0.0/16", "Description": "https (office)"}]}])
    change("rule_described", "aws_security_group_rule.https", ["description"])

    # One of the ssh rule's two CIDRs revoked: the provider no longer finds the rule.
    ec2.revoke_security_group_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
         "IpRanges": [{"CidrIp": "10.2.0.0/16"}]}])
    change("rule_cidr_revoked", "aws_security_group_rule.ssh", [], "delete")
    # The group's own view of its rules follows every change above.
    change("group_rules_changed", "aws_security_group.web", ["ingress"])

    # Not drift for the rules: a permission no rule names added to the group.
    ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 9000, "ToPort": 9000,
         "IpRanges": [{"CidrIp": "10.9.0.0/16"}]}])
    not_drift.append({"name": "other_permission_added", "address": "aws_security_group_rule.self",
                      "attributes": ["description"]})

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
