"""Recorders of the network family (EC2: security group rules of the older form, network ACLs
and their rules, DHCP options sets, network interfaces, VPC endpoints) for record.py: each
function creates its resources in moto with boto3 and sends the calls the type module makes,
yielding the `found` and `gone` cases."""
import record

m = record.query_match
f = record.ec2_filter
tags = record.tags


def describe(rec, ec2, op, action, filter_name, values):
    return rec.call(ec2, op, m("ec2", action, *values), Filters=[{"Name": filter_name,
                                                                  "Values": values}])


def aws_security_group_rule(rec):
    ec2 = rec.client("ec2")
    vpc = record.make_vpc(ec2)
    sg = record.make_group(ec2, vpc, "web")
    peer = record.make_group(ec2, vpc, "lb")
    # One permission holding two CIDRs (one state rule may cover both), the group itself and
    # a peer group; another port with its own CIDR.
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "https"},
                      {"CidrIp": "192.168.0.0/16", "Description": "https"}]},
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
         "UserIdGroupPairs": [{"GroupId": sg, "Description": "self"},
                              {"GroupId": peer, "Description": "from lb"}]},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
         "IpRanges": [{"CidrIp": "10.1.0.0/16"}]},
    ])

    def read():
        return [describe(rec, ec2, "describe_security_groups", "DescribeSecurityGroups",
                         "group-id", [sg])]

    res = {"security_group_id": sg, "peer_group_id": peer}
    yield ("group `web` in a VPC: https from 10.0.0.0/8 and 192.168.0.0/16 (described "
           "`https`), 8080 from itself (`self`) and from group `lb` (`from lb`), ssh from "
           "10.1.0.0/16 without a description, and the default egress to 0.0.0.0/0", res, read())
    ec2.revoke_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "192.168.0.0/16"}]}])
    yield ("the same group after 192.168.0.0/16 was revoked from https: a rule naming both "
           "CIDRs is gone", res, read())


def make_acl(ec2):
    """A VPC, a subnet and an ACL associated with it holding four entries of each kind the
    provider flattens: tcp ports, all protocols, ICMP type/code, IPv6."""
    vpc = record.make_vpc(ec2)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=tags("network-acl", Name="app"))[
        "NetworkAcl"]["NetworkAclId"]
    entries = [
        dict(RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
             CidrBlock="10.0.0.0/8", PortRange={"From": 443, "To": 443}),
        dict(RuleNumber=110, Protocol="1", RuleAction="allow", Egress=False,
             CidrBlock="0.0.0.0/0", IcmpTypeCode={"Type": 8, "Code": 0}),
        dict(RuleNumber=120, Protocol="-1", RuleAction="deny", Egress=False,
             Ipv6CidrBlock="::/0"),
        dict(RuleNumber=100, Protocol="-1", RuleAction="allow", Egress=True,
             CidrBlock="0.0.0.0/0"),
    ]
    for e in entries:
        ec2.create_network_acl_entry(NetworkAclId=acl, **e)
    # The subnet moves from the VPC's default ACL to this one.
    default = ec2.describe_network_acls(Filters=f("association.subnet-id", subnet))[
        "NetworkAcls"][0]
    assoc = next(a["NetworkAclAssociationId"] for a in default["Associations"]
                 if a["SubnetId"] == subnet)
    ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=acl)
    return vpc, subnet, acl


ACL_ABOUT = ("ACL `app` in a VPC, associated with one subnet, tagged Name=app: ingress 100 tcp "
             "443 from 10.0.0.0/8, 110 ICMP echo (8/0) from anywhere, 120 deny all from ::/0; "
             "egress 100 all to anywhere")


DEFAULT_DENY = ("<item><cidrBlock>0.0.0.0/0</cidrBlock><egress>{egress}</egress>"
                "<protocol>-1</protocol><ruleAction>deny</ruleAction>"
                "<ruleNumber>32767</ruleNumber></item>")


def with_aws_entries(x):
    """moto answers neither an entry's ICMP type/code nor the default deny entries (32767)
    every ACL has: added as the DescribeNetworkAcls reference shows them."""
    body = x["response"]["body"]
    icmp = "<protocol>1</protocol>"
    if icmp not in body or "<entrySet>" not in body:
        return x
    body = body.replace(icmp, icmp + "<icmpTypeCode><code>0</code><type>8</type></icmpTypeCode>")
    body = body.replace("</entrySet>", DEFAULT_DENY.format(egress="false") +
                        DEFAULT_DENY.format(egress="true") + "</entrySet>")
    x = dict(x)
    x["response"] = dict(x["response"], body=body)
    x["edited"] = ("moto omits icmpTypeCode and the default deny entries: ICMP 8/0 on entry 110 "
                   "and the ingress and egress 32767 deny entries added in the API reference's "
                   "shape")
    return x


def read_acl(rec, ec2, acl):
    return [with_aws_entries(rec.call(ec2, "describe_network_acls",
                                      m("ec2", "DescribeNetworkAcls", acl), NetworkAclIds=[acl]))]


def aws_network_acl(rec):
    ec2 = rec.client("ec2")
    vpc, subnet, acl = make_acl(ec2)
    res = {"id": acl, "vpc_id": vpc, "subnet_id": subnet}
    own_default = ec2.describe_network_acls(Filters=f("default", "true") + f("vpc-id", vpc))[
        "NetworkAcls"][0]["NetworkAclId"]
    record.write("aws_network_acl", "listed",
                 "the region's ACLs (unmanaged discovery): " + ACL_ABOUT + ", its VPC's default "
                 "ACL and the default VPC's", dict(res, default_acl=own_default),
                 [rec.call(ec2, "describe_network_acls",
                           m("ec2", "DescribeNetworkAcls", "MaxResults=1000"), MaxResults=1000)])
    missing = "acl-0123456789abcdef0"
    record.write("aws_network_acl", "batch_missing",
                 "a batch of " + ACL_ABOUT + " and an ACL that no longer exists: the batch call "
                 "fails NotFound, then each id is asked alone", dict(res, missing_id=missing),
                 [rec.call(ec2, "describe_network_acls",
                           m("ec2", "DescribeNetworkAcls", acl, missing),
                           NetworkAclIds=[acl, missing])] + read_acl(rec, ec2, acl) +
                 [rec.call(ec2, "describe_network_acls", m("ec2", "DescribeNetworkAcls", missing),
                           NetworkAclIds=[missing])])
    yield (ACL_ABOUT, res, read_acl(rec, ec2, acl))
    default = ec2.describe_network_acls(Filters=f("default", "true") + f("vpc-id", vpc))[
        "NetworkAcls"][0]["NetworkAclId"]
    assoc = ec2.describe_network_acls(NetworkAclIds=[acl])["NetworkAcls"][0][
        "Associations"][0]["NetworkAclAssociationId"]
    ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=default)
    ec2.delete_network_acl(NetworkAclId=acl)
    yield ("the same ACL after its subnet went back to the default ACL and DeleteNetworkAcl",
           res, read_acl(rec, ec2, acl))


def aws_network_acl_rule(rec):
    ec2 = rec.client("ec2")
    vpc, subnet, acl = make_acl(ec2)
    res = {"network_acl_id": acl, "vpc_id": vpc}
    yield (ACL_ABOUT, res, read_acl(rec, ec2, acl))
    ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Egress=False)
    yield ("the same ACL after DeleteNetworkAclEntry of ingress 100", res,
           read_acl(rec, ec2, acl))


def aws_vpc_dhcp_options(rec):
    ec2 = rec.client("ec2")
    dopt = ec2.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name", "Values": ["corp.example"]},
        {"Key": "domain-name-servers", "Values": ["10.0.0.2", "10.0.0.3"]},
        {"Key": "ntp-servers", "Values": ["10.0.0.4"]},
        {"Key": "netbios-name-servers", "Values": ["10.0.0.5"]},
        {"Key": "netbios-node-type", "Values": ["2"]},
    ])["DhcpOptions"]["DhcpOptionsId"]
    # moto drops the tag specifications of CreateDhcpOptions; CreateTags keeps them.
    ec2.create_tags(Resources=[dopt], Tags=[{"Key": "Name", "Value": "corp"}])

    def read():
        return [describe(rec, ec2, "describe_dhcp_options", "DescribeDhcpOptions",
                         "dhcp-options-id", [dopt])]

    yield ("DHCP options `corp.example` with two name servers, an NTP server, a NetBIOS server "
           "and node type 2, tagged Name=corp", {"id": dopt}, read())
    ec2.delete_dhcp_options(DhcpOptionsId=dopt)
    yield ("the same set after DeleteDhcpOptions", {"id": dopt}, read())


def launched_deletes_with_instance(x):
    """moto answers deleteOnTermination false for the interface an instance launched with; EC2
    answers true (the interface goes with the instance): set as EC2 answers it."""
    body = x["response"]["body"]
    flag = "<deleteOnTermination>false</deleteOnTermination><deviceIndex>0</deviceIndex>"
    if flag not in body:
        return x
    x = dict(x)
    x["response"] = dict(x["response"], body=body.replace(
        flag, "<deleteOnTermination>true</deleteOnTermination><deviceIndex>0</deviceIndex>"))
    x["edited"] = ("moto answers deleteOnTermination false for an instance's launch interface; "
                   "set to true as EC2 answers it")
    return x


def aws_network_interface(rec):
    ec2 = rec.client("ec2")
    vpc = record.make_vpc(ec2)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    sg = record.make_group(ec2, vpc, "app")
    eni = ec2.create_network_interface(
        SubnetId=subnet, Description="app", Groups=[sg],
        PrivateIpAddresses=[{"PrivateIpAddress": "10.0.1.10", "Primary": True},
                            {"PrivateIpAddress": "10.0.1.11", "Primary": False}],
        TagSpecifications=tags("network-interface", Name="app"))["NetworkInterface"][
        "NetworkInterfaceId"]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni,
                                           SourceDestCheck={"Value": False})
    # An instance's own interface, made and deleted with it: not listed.
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1,
                                 SubnetId=subnet)["Instances"][0]
    instance_eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    record.write("aws_network_interface", "listed",
                 "the region's interfaces (unmanaged discovery): `app` and the interface of an "
                 "instance launched in the same subnet", {"id": eni, "instance_eni": instance_eni},
                 [launched_deletes_with_instance(
                     rec.call(ec2, "describe_network_interfaces",
                              m("ec2", "DescribeNetworkInterfaces", "MaxResults=1000"),
                              MaxResults=1000))])

    def read():
        return [describe(rec, ec2, "describe_network_interfaces", "DescribeNetworkInterfaces",
                         "network-interface-id", [eni])]

    res = {"id": eni, "subnet_id": subnet, "security_group_id": sg}
    yield ("interface `app` in a subnet with group `app`, 10.0.1.10 and secondary 10.0.1.11, "
           "source/dest check off, tagged Name=app", res, read())
    ec2.delete_network_interface(NetworkInterfaceId=eni)
    yield ("the same interface after DeleteNetworkInterface", res, read())


ENDPOINT_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",'
                   '"Action":"sqs:SendMessage","Resource":"*"}]}')


def with_dns_options(x):
    """moto answers neither an interface endpoint's dnsOptions nor its ipAddressType: added as
    the DescribeVpcEndpoints reference shows them for an IPv4 endpoint."""
    body = x["response"]["body"]
    if "<vpcEndpointType>Interface</vpcEndpointType>" not in body:
        return x
    body = body.replace("<privateDnsEnabled>", "<ipAddressType>ipv4</ipAddressType><dnsOptions>"
                        "<dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions><privateDnsEnabled>", 1)
    x = dict(x)
    x["response"] = dict(x["response"], body=body)
    x["edited"] = ("moto omits dnsOptions and ipAddressType: an IPv4 endpoint's values added in "
                   "the API reference's shape")
    return x


def aws_vpc_endpoint(rec):
    ec2 = rec.client("ec2")
    vpc = record.make_vpc(ec2)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    sg = record.make_group(ec2, vpc, "endpoints")
    ep = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.sqs",
                                 VpcEndpointType="Interface", SubnetIds=[subnet],
                                 SecurityGroupIds=[sg], PrivateDnsEnabled=True,
                                 PolicyDocument=ENDPOINT_POLICY)["VpcEndpoint"]["VpcEndpointId"]
    ec2.create_tags(Resources=[ep], Tags=[{"Key": "Name", "Value": "sqs"}])
    enis = ec2.describe_vpc_endpoints(VpcEndpointIds=[ep])["VpcEndpoints"][0][
        "NetworkInterfaceIds"]

    def read(with_enis=True):
        out = [with_dns_options(rec.call(ec2, "describe_vpc_endpoints",
                                         m("ec2", "DescribeVpcEndpoints", ep),
                                         VpcEndpointIds=[ep]))]
        if with_enis:
            out.append(describe(rec, ec2, "describe_network_interfaces",
                                "DescribeNetworkInterfaces", "network-interface-id", enis))
        return out

    res = {"id": ep, "subnet_id": subnet, "security_group_id": sg}
    yield ("interface endpoint for SQS in one subnet with group `endpoints`, private DNS on, a "
           "policy allowing SendMessage, tagged Name=sqs; its network interface", res, read())
    ec2.delete_vpc_endpoints(VpcEndpointIds=[ep])
    yield ("the same endpoint after DeleteVpcEndpoints", res, read(with_enis=False))


TYPES = {
    "aws_vpc_endpoint": aws_vpc_endpoint,
    "aws_network_interface": aws_network_interface,
    "aws_vpc_dhcp_options": aws_vpc_dhcp_options,
    "aws_network_acl": aws_network_acl,
    "aws_network_acl_rule": aws_network_acl_rule,
    "aws_security_group_rule": aws_security_group_rule,
}
