"""Recorders of the routing types (internet gateways, route tables, routes, their associations,
Elastic IPs, NAT gateways; functions/drift-scanner/native/types/ec2/), loaded by record.py.

Every module reads one filtered Describe per batch; the recorders send the same call with the
same filter (the associations are read in the tables their states name). The network: a 10.0.0.0/16 VPC with an internet gateway, a public subnet and a
private one, a public table routing 0.0.0.0/0 to the gateway, and a private table (made the
VPC's main table) routing 0.0.0.0/0 through a NAT gateway with its Elastic IP.
"""
import record
from record import ec2_filter, make_vpc, query_match, tags


def network(ec2):
    vpc = make_vpc(ec2)
    main_rt = ec2.describe_route_tables(Filters=ec2_filter("vpc-id", vpc))["RouteTables"][0]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24",
                                AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway(TagSpecifications=tags(
        "internet-gateway", Name="edge"))["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=tags(
        "elastic-ip", Name="nat"))["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=eip, TagSpecifications=tags(
        "natgateway", Name="egress"))["NatGateway"]["NatGatewayId"]
    pub_rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags(
        "route-table", Name="public"))["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=pub_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.create_route(RouteTableId=pub_rt, DestinationCidrBlock="192.168.0.0/16", GatewayId=igw)
    pub_assoc = ec2.associate_route_table(RouteTableId=pub_rt, SubnetId=public)["AssociationId"]
    priv_rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags(
        "route-table", Name="private"))["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=priv_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    main_assoc = next(a["RouteTableAssociationId"] for a in main_rt["Associations"] if a["Main"])
    main_assoc = ec2.replace_route_table_association(AssociationId=main_assoc,
                                                     RouteTableId=priv_rt)["NewAssociationId"]
    return {"vpc_id": vpc, "original_route_table_id": main_rt["RouteTableId"],
            "public_subnet": public, "private_subnet": private, "igw": igw, "eip": eip,
            "nat": nat, "public_rt": pub_rt, "public_assoc": pub_assoc, "private_rt": priv_rt,
            "main_assoc": main_assoc}


ABOUT = ("a 10.0.0.0/16 VPC with internet gateway `edge`, a public table (0.0.0.0/0 and "
         "192.168.0.0/16 to the gateway) associated with the public subnet, a private table "
         "made the main one routing 0.0.0.0/0 through NAT gateway `egress` and its Elastic IP "
         "`nat`")


def route_tables(rec, ec2, filter_name, value):
    return [rec.call(ec2, "describe_route_tables",
                     query_match("ec2", "DescribeRouteTables", filter_name, value),
                     Filters=ec2_filter(filter_name, value))]


def default_vpc(ec2):
    return ec2.describe_vpcs(Filters=ec2_filter("is-default", "true"))["Vpcs"][0]["VpcId"]


def listed_gateways(rec, ec2, n):
    """The listing's calls, with a gateway attached to the default VPC as AWS has one."""
    vpc = default_vpc(ec2)
    own = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=own, VpcId=vpc)
    record.write("aws_internet_gateway", "listed",
                 "the region's gateways (unmanaged discovery): `edge` of " + ABOUT +
                 ", and one attached to the default VPC", {"id": n["igw"], "default_igw": own},
                 [rec.call(ec2, "describe_vpcs", query_match("ec2", "DescribeVpcs", "is-default"),
                           Filters=ec2_filter("is-default", "true")),
                  rec.call(ec2, "describe_internet_gateways",
                           query_match("ec2", "DescribeInternetGateways", "MaxResults=1000"),
                           MaxResults=1000)])


def aws_internet_gateway(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)
    listed_gateways(rec, ec2, n)

    def read():
        return [rec.call(ec2, "describe_internet_gateways",
                         query_match("ec2", "DescribeInternetGateways", n["igw"]),
                         Filters=ec2_filter("internet-gateway-id", n["igw"]))]

    res = {"id": n["igw"], "vpc_id": n["vpc_id"]}
    yield ("internet gateway `edge` of " + ABOUT, res, read())
    ec2.delete_route(RouteTableId=n["public_rt"], DestinationCidrBlock="0.0.0.0/0")
    ec2.delete_route(RouteTableId=n["public_rt"], DestinationCidrBlock="192.168.0.0/16")
    ec2.detach_internet_gateway(InternetGatewayId=n["igw"], VpcId=n["vpc_id"])
    ec2.delete_internet_gateway(InternetGatewayId=n["igw"])
    yield ("the same gateway after DetachInternetGateway and DeleteInternetGateway", res, read())


# A VGW's propagated route and the table's propagating gateway, as DescribeRouteTables documents
# them: moto fails EnableVgwRoutePropagation (HTTP 500), so they are edited into a response.
PROPAGATED_ROUTE = ("<item><destinationCidrBlock>172.31.128.0/20</destinationCidrBlock>"
                    "<gatewayId>vgw-0e5d1f6c2a8b7c9d0</gatewayId>"
                    "<origin>EnableVgwRoutePropagation</origin><state>active</state></item>")
PROPAGATING_VGW = ("<propagatingVgwSet><item><gatewayId>vgw-0e5d1f6c2a8b7c9d0</gatewayId></item>"
                   "</propagatingVgwSet>")


def vgw_propagated(found):
    x = dict(found)
    body = found["response"]["body"]
    body = body.replace("</routeSet>", PROPAGATED_ROUTE + "</routeSet>", 1)
    body = body.replace("<routeSet>", PROPAGATING_VGW + "<routeSet>", 1)
    x["edited"] = ("moto fails EnableVgwRoutePropagation: the recorded table with a route its "
                   "VGW propagates and the VGW in propagatingVgwSet, in DescribeRouteTables' "
                   "documented shape")
    x["response"] = dict(found["response"], body=body)
    return x


def aws_route_table(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)
    # An S3 gateway endpoint adds its prefix-list route to the table (aws_vpc_endpoint's).
    endpoint = ec2.create_vpc_endpoint(VpcId=n["vpc_id"], VpcEndpointType="Gateway",
                                       ServiceName="com.amazonaws.us-east-1.s3",
                                       RouteTableIds=[n["public_rt"]])["VpcEndpoint"]
    res = {"id": n["public_rt"], "vpc_id": n["vpc_id"], "igw": n["igw"],
           "vpc_endpoint": endpoint["VpcEndpointId"]}
    about = ("the public table of " + ABOUT + ", with an S3 gateway endpoint's prefix-list "
             "route")
    found = route_tables(rec, ec2, "route-table-id", n["public_rt"])
    default_main = ec2.describe_route_tables(Filters=[
        {"Name": "association.main", "Values": ["true"]},
        {"Name": "vpc-id", "Values": [default_vpc(ec2)]}])["RouteTables"][0]["RouteTableId"]
    record.write("aws_route_table", "listed",
                 "the region's tables, unfiltered (unmanaged discovery): " + about +
                 ", its original main table replaced, and the default VPC's main table",
                 dict(res, private_rt=n["private_rt"],
                      original_route_table_id=n["original_route_table_id"],
                      default_main=default_main),
                 [rec.call(ec2, "describe_route_tables",
                           query_match("ec2", "DescribeRouteTables", "MaxResults=100"),
                           MaxResults=100)])
    record.write("aws_route_table", "vgw_propagated",
                 about + ", and (edited) a route propagated by a VGW", res,
                 [vgw_propagated(found[0])])
    yield (about, res, found)
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    ec2.disassociate_route_table(AssociationId=n["public_assoc"])
    ec2.delete_route_table(RouteTableId=n["public_rt"])
    yield ("the same table after DeleteRouteTable", res,
           route_tables(rec, ec2, "route-table-id", n["public_rt"]))


def aws_route(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)
    # Beside the IPv4 default route, one by IPv6 destination (through an egress-only gateway)
    # and one by prefix list, so that each way the provider finds a route is recorded.
    ec2.associate_vpc_cidr_block(VpcId=n["vpc_id"], AmazonProvidedIpv6CidrBlock=True)
    eigw = ec2.create_egress_only_internet_gateway(VpcId=n["vpc_id"])[
        "EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
    ec2.create_route(RouteTableId=n["private_rt"], DestinationIpv6CidrBlock="::/0",
                     EgressOnlyInternetGatewayId=eigw)
    pl = ec2.create_managed_prefix_list(PrefixListName="partners", MaxEntries=5,
                                        AddressFamily="IPv4")["PrefixList"]["PrefixListId"]
    ec2.create_route(RouteTableId=n["private_rt"], DestinationPrefixListId=pl,
                     GatewayId=n["igw"])
    res = {"id": "r-" + n["private_rt"] + "1080289494", "route_table_id": n["private_rt"],
           "nat": n["nat"], "egress_only_gateway": eigw, "prefix_list": pl, "igw": n["igw"]}
    yield ("the private table's 0.0.0.0/0 route through the NAT gateway, in " + ABOUT +
           "; the table also routes ::/0 through an egress-only gateway and prefix list "
           "`partners` through the internet gateway", res,
           route_tables(rec, ec2, "route-table-id", n["private_rt"]))
    ec2.delete_route(RouteTableId=n["private_rt"], DestinationCidrBlock="0.0.0.0/0")
    yield ("the private table after DeleteRoute of 0.0.0.0/0", res,
           route_tables(rec, ec2, "route-table-id", n["private_rt"]))


def aws_route_table_association(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)
    res = {"id": n["public_assoc"], "route_table_id": n["public_rt"],
           "subnet_id": n["public_subnet"]}
    yield ("the public subnet's association with the public table, in " + ABOUT, res,
           route_tables(rec, ec2, "route-table-id", n["public_rt"]))
    ec2.disassociate_route_table(AssociationId=n["public_assoc"])
    yield ("the same association after DisassociateRouteTable", res,
           route_tables(rec, ec2, "route-table-id", n["public_rt"]))


def aws_main_route_table_association(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)
    res = {"id": n["main_assoc"], "route_table_id": n["private_rt"], "vpc_id": n["vpc_id"],
           "original_route_table_id": n["original_route_table_id"]}
    yield ("the VPC's main association, with the private table, in " + ABOUT, res,
           route_tables(rec, ec2, "route-table-id", n["private_rt"]))
    ec2.replace_route_table_association(AssociationId=n["main_assoc"],
                                        RouteTableId=n["original_route_table_id"])
    yield ("the same association after ReplaceRouteTableAssociation gave the VPC's original "
           "table back its main role (under a new association id)", res,
           route_tables(rec, ec2, "route-table-id", n["private_rt"]))


def aws_eip(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)

    def read():
        return [rec.call(ec2, "describe_addresses",
                         query_match("ec2", "DescribeAddresses", n["eip"]),
                         Filters=ec2_filter("allocation-id", n["eip"]))]

    res = {"id": n["eip"], "nat": n["nat"]}
    found = read()
    spare = ec2.allocate_address(Domain="vpc")["AllocationId"]
    record.write("aws_eip", "listed", "the region's addresses (unmanaged discovery): `nat` of " +
                 ABOUT + ", and a spare one", dict(res, spare=spare),
                 [rec.call(ec2, "describe_addresses", query_match("ec2", "DescribeAddresses"))])
    yield ("Elastic IP `nat` (VPC) held by the NAT gateway, in " + ABOUT, res, found)
    ec2.delete_nat_gateway(NatGatewayId=n["nat"])
    ec2.release_address(AllocationId=n["eip"])
    yield ("the same address after DeleteNatGateway and ReleaseAddress", res, read())


def aws_nat_gateway(rec):
    ec2 = rec.client("ec2")
    n = network(ec2)

    def read():
        return [rec.call(ec2, "describe_nat_gateways",
                         query_match("ec2", "DescribeNatGateways", n["nat"]),
                         Filters=ec2_filter("nat-gateway-id", n["nat"]))]

    res = {"id": n["nat"], "allocation_id": n["eip"], "subnet_id": n["public_subnet"]}
    found = read()
    old = ec2.create_nat_gateway(SubnetId=n["private_subnet"], ConnectivityType="private")[
        "NatGateway"]["NatGatewayId"]
    ec2.delete_nat_gateway(NatGatewayId=old)
    record.write("aws_nat_gateway", "listed", "the region's NAT gateways (unmanaged discovery): "
                 "`egress` of " + ABOUT + ", and a deleted one still listed", dict(res, deleted=old),
                 [rec.call(ec2, "describe_nat_gateways",
                           query_match("ec2", "DescribeNatGateways", "MaxResults=1000"),
                           MaxResults=1000)])
    yield ("NAT gateway `egress` in the public subnet with Elastic IP `nat`, in " + ABOUT, res,
           found)
    ec2.delete_nat_gateway(NatGatewayId=n["nat"])
    yield ("the same gateway after DeleteNatGateway", res, read())


TYPES = {
    "aws_internet_gateway": aws_internet_gateway,
    "aws_route_table": aws_route_table,
    "aws_route": aws_route,
    "aws_route_table_association": aws_route_table_association,
    "aws_main_route_table_association": aws_main_route_table_association,
    "aws_eip": aws_eip,
    "aws_nat_gateway": aws_nat_gateway,
}
