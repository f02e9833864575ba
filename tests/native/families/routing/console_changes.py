#!/usr/bin/env python3
"""Console-like changes to the routing family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

Every change is one a person makes in the VPC console: a gateway, address or NAT gateway
renamed, a route added to a table, a route pointed at another target, a subnet's association
removed, and another table made the VPC's main one.
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

    def one(kind, tag_name, **extra):
        describe = getattr(ec2, "describe_" + kind)
        filters = [{"Name": "tag:Name", "Values": [tag_name]}]
        key = {"internet_gateways": "InternetGateways", "route_tables": "RouteTables",
               "addresses": "Addresses", "nat_gateways": "NatGateways", "vpcs": "Vpcs"}[kind]
        if kind == "nat_gateways":
            items = describe(Filter=filters)[key]
        else:
            items = describe(Filters=filters)[key]
        # moto's DescribeNatGateways ignores tag filters: every item is checked here too.
        items = [i for i in items if i.get("State") not in ("deleted", "deleting")
                 and {"Key": "Name", "Value": tag_name} in i.get("Tags", [])]
        assert len(items) == 1, f"{kind} {tag_name}: {len(items)} found"
        return items[0]

    def rename(resource_id, old, address):
        ec2.create_tags(Resources=[resource_id], Tags=[{"Key": "Name", "Value": old + "-renamed"}])
        change(f"{address}_renamed", address, ["tags", "tags_all"])

    vpc = one("vpcs", f"{name}-routing")["VpcId"]
    igw = one("internet_gateways", f"{name}-igw")["InternetGatewayId"]
    public = one("route_tables", f"{name}-public")
    private = one("route_tables", f"{name}-private")
    nat = one("nat_gateways", f"{name}-nat")["NatGatewayId"]
    spare = one("addresses", f"{name}-spare")["AllocationId"]

    # Renamed by hand: the internet gateway, the spare address and the NAT gateway.
    rename(igw, f"{name}-igw", "aws_internet_gateway.main")
    rename(spare, f"{name}-spare", "aws_eip.spare")
    rename(nat, f"{name}-nat", "aws_nat_gateway.main")

    # Not drift: the public table's tags sent again unchanged.
    ec2.create_tags(Resources=[public["RouteTableId"]],
                    Tags=list(reversed([{"Key": t["Key"], "Value": t["Value"]}
                                        for t in public["Tags"]])))
    not_drift.append({"name": "route_table_tags_resent", "address": "aws_route_table.public",
                      "attributes": ["tags", "tags_all"]})

    # A route added by hand to the public table (its routes are inline: the table's `route`).
    ec2.create_route(RouteTableId=public["RouteTableId"], DestinationCidrBlock="10.99.0.0/16",
                     GatewayId=igw)
    change("public_route_added", "aws_route_table.public", ["route"])

    # The partner route (a resource of its own) pointed at the NAT gateway instead of the
    # internet gateway; the private table's `route` follows.
    ec2.replace_route(RouteTableId=private["RouteTableId"], DestinationCidrBlock="172.16.0.0/12",
                      NatGatewayId=nat)
    change("partner_route_retargeted", "aws_route.private_partner",
           ["gateway_id", "nat_gateway_id"])
    change("partner_route_retargeted_on_table", "aws_route_table.private", ["route"])

    # The private subnet's association removed: the subnet falls back to the main table.
    assoc = next(x["RouteTableAssociationId"] for x in private["Associations"]
                 if not x["Main"] and x.get("SubnetId"))
    ec2.disassociate_route_table(AssociationId=assoc)
    change("private_association_removed", "aws_route_table_association.private", [], "delete")

    # The VPC's original table made the main one again: the managed main association is
    # replaced by a new one (a new id), so Terraform's refresh drops it.
    main_assoc = next(x["RouteTableAssociationId"] for x in private["Associations"] if x["Main"])
    original = next(t["RouteTableId"] for t in ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"]
        if t["RouteTableId"] not in (public["RouteTableId"], private["RouteTableId"]))
    ec2.replace_route_table_association(AssociationId=main_assoc, RouteTableId=original)
    change("main_table_replaced", "aws_main_route_table_association.main", [], "delete")

    console.report(changes, not_drift)


if __name__ == "__main__":
    main()
