#!/usr/bin/env python3
"""Console-like changes to the network family (see ../README.md).

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
    ec2 = boto3.client("ec2", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    def group(suffix):
        return ec2.describe_security_groups(Filters=[
            {"Name": "group-name", "Values": [f"{name}-{suffix}"]}])["SecurityGroups"][0]["GroupId"]

    web = group("net-web")

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

    # Network ACLs are found by their Environment tag and VPC.
    vpc = ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["10.20.0.0/16"]},
                                     {"Name": "tag:Environment", "Values": [a.workspace]}])[
        "Vpcs"][0]["VpcId"]
    acls = [x for x in ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])[
        "NetworkAcls"] if not x["IsDefault"]]
    app = next(x["NetworkAclId"] for x in acls if x["Associations"])
    split = next(x["NetworkAclId"] for x in acls if not x["Associations"])

    # The app ACL's https entry opened to another port.
    ec2.replace_network_acl_entry(NetworkAclId=app, RuleNumber=100, Protocol="6",
                                  RuleAction="allow", Egress=False, CidrBlock="10.0.0.0/8",
                                  PortRange={"From": 8443, "To": 8443})
    change("acl_entry_replaced", "aws_network_acl.app", ["ingress"])

    # The split ACL's https rule turned to deny, its ssh rule deleted; the ACL's own ingress
    # follows both.
    ec2.replace_network_acl_entry(NetworkAclId=split, RuleNumber=100, Protocol="6",
                                  RuleAction="deny", Egress=False, CidrBlock="10.0.0.0/8",
                                  PortRange={"From": 443, "To": 443})
    change("acl_rule_denied", "aws_network_acl_rule.https", ["rule_action"])
    ec2.delete_network_acl_entry(NetworkAclId=split, RuleNumber=110, Egress=False)
    change("acl_rule_deleted", "aws_network_acl_rule.ssh", [], "delete")
    change("acl_rules_changed", "aws_network_acl.split", ["ingress"])

    # DHCP options: the corp set retagged, the old set deleted.
    def dhcp(domain):
        return ec2.describe_dhcp_options(Filters=[
            {"Name": "key", "Values": ["domain-name"]},
            {"Name": "value", "Values": [f"{name}.{domain}.example"]}])["DhcpOptions"][0][
            "DhcpOptionsId"]
    ec2.create_tags(Resources=[dhcp("corp")],
                    Tags=[{"Key": "Owner", "Value": "network-team"}])
    change("dhcp_retagged", "aws_vpc_dhcp_options.corp", ["tags", "tags_all"])
    ec2.delete_dhcp_options(DhcpOptionsId=dhcp("old"))
    change("dhcp_deleted", "aws_vpc_dhcp_options.old", [], "delete")

    # The interface described again and moved from the web group to the lb group.
    eni = next(i["NetworkInterfaceId"] for i in ec2.describe_network_interfaces()[
        "NetworkInterfaces"] if i["VpcId"] == vpc and i.get("Description") == "app")
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni,
                                           Description={"Value": "app (moved)"})
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, Groups=[group("net-lb")])
    change("eni_described", "aws_network_interface.app", ["description"])
    change("eni_regrouped", "aws_network_interface.app", ["security_groups"])

    # The S3 endpoint's policy narrowed to reads; the SQS endpoint deleted.
    endpoints = {e["ServiceName"].rsplit(".", 1)[-1]: e["VpcEndpointId"]
                 for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                 if e["VpcId"] == vpc and e["State"].lower() != "deleted"}
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoints["s3"], PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                "Action": ["s3:GetObject"], "Resource": "*"}]}))
    change("endpoint_policy_narrowed", "aws_vpc_endpoint.s3", ["policy"])
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoints["sqs"]])
    change("endpoint_deleted", "aws_vpc_endpoint.sqs", [], "delete")

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
