#!/usr/bin/env python3
"""The bulk workspaces of bench/native: N workspaces of about M resources each, created in moto
with boto3, and one Terraform state per workspace in an S3 backend
(env:/<ws>/estate/terraform.tfstate) naming them.

Usage: make_estate.py ENDPOINT WORKSPACES PER_WORKSPACE [--mix even|heavy]
  ->  JSON {bucket, key, mix, workspaces: [{name, resources}]} on stdout

Mixes:
  even   (default) the bench's estate is meant to mix every supported type, so each workspace
         shares its M resources as equally as possible among the EVEN_TYPES below: the types
         moto 5 creates quickly with boto3 and the native engine finds there. A bucket comes
         with its split parts (versioning, encryption, policy, ...), a VPC with its subnet,
         gateway, route table and route, a role with its policies, each part one resource,
         as a Terraform module manages them; the counts of two types differ by one at most.
  heavy  the earlier mix, weighted to the dearest types to read: 35 % instances (4 calls
         each), 18 % EBS volumes, 12 % security groups, 5 % each of SQS queues, SNS topics,
         log groups and SSM parameters, 1 % DynamoDB tables, the rest S3 buckets with their
         versioning (13 + 1 calls). Kept so that figures measured on it stay reproducible.

Speed: EC2 calls go one at a time (moto's EC2 backend fails under concurrent writes;
instances many per RunInstances call), in the main thread while every other service's
resources are created on a pool of 8 threads.

States hold the id in the provider's format, what the engine's read locates a resource by
(a route's table and destination, an attachment's role and policy ARN, a record's zone, name
and type, a bucket part's bucket), tags and a few main attributes; not every attribute
Terraform would store: the scan compares them all the same, so some attributes read as
changed (a cost the bench wants).
"""
import argparse
import io
import json
import uuid
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor

import boto3

ACCOUNT = "123456789012"
REGION = "us-east-1"
AMI = "ami-12c6146b"

# The even mix, parents before their parts: counts are handed out in this order (the first
# PER_WORKSPACE % len(EVEN_TYPES) types get one more), so no part outnumbers what it needs
# (a route its table and gateway, an S3 part its bucket, a role policy its role).
EC2_TYPES = [
    "aws_instance", "aws_ebs_volume", "aws_key_pair", "aws_launch_template",
    "aws_security_group", "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule", "aws_security_group_rule",
    "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_route_table", "aws_route",
    "aws_route_table_association", "aws_network_acl", "aws_network_interface", "aws_eip",
    "aws_nat_gateway", "aws_vpc_dhcp_options",
]
S3_TYPES = [
    "aws_s3_bucket", "aws_s3_bucket_versioning",
    "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_policy",
    "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_acl",
    "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
]
MESSAGING_TYPES = ["aws_sqs_queue", "aws_sqs_queue_policy", "aws_sns_topic",
                   "aws_sns_topic_policy", "aws_sns_topic_subscription"]
IAM_TYPES = [
    "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
    "aws_iam_user", "aws_iam_group", "aws_iam_user_policy", "aws_iam_group_policy",
    "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
    "aws_iam_instance_profile",
]
EVENTS_TYPES = ["aws_cloudwatch_event_bus", "aws_cloudwatch_event_rule",
                "aws_cloudwatch_event_target"]
LAMBDA_TYPES = ["aws_lambda_function", "aws_lambda_alias", "aws_lambda_permission",
                "aws_lambda_function_url"]
ECR_TYPES = ["aws_ecr_repository", "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy"]
EVEN_TYPES = (EC2_TYPES + S3_TYPES + ["aws_dynamodb_table"] + MESSAGING_TYPES
              + ["aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm"] + EVENTS_TYPES
              + ["aws_ssm_parameter", "aws_secretsmanager_secret"] + IAM_TYPES
              + ["aws_kms_key", "aws_kms_alias", "aws_route53_zone", "aws_route53_record"]
              + LAMBDA_TYPES + ECR_TYPES)

ASSUME_LAMBDA = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]})
READ_LOGS = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ["logs:GetLogEvents"], "Resource": "*"}]})


def state_resource(rtype, name, attrs):
    return {"mode": "managed", "type": rtype, "name": name,
            "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "instances": [{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []}]}


def hashcode(s):
    """The provider's create.StringHashcode: CRC-32 (IEEE) of the string."""
    return zlib.crc32(s.encode())


def lambda_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("index.py", date_time=(2020, 1, 1, 0, 0, 0)),
                   "def handler(event, context):\n    return event\n")
    return buf.getvalue()


class Workspace:
    """One bulk workspace being created: its AWS clients, names, tags and state resources."""

    def __init__(self, aws, run, ws):
        self.aws, self.run, self.ws = aws, run, ws
        self.tags = {"ManagedBy": "terraform", "Workspace": ws}
        self.resources = []

    def name(self, i, sep="-"):
        return sep.join(["bench", self.run, self.ws, str(i)])

    def tagged(self, attrs):
        return dict(attrs, tags=self.tags, tags_all=self.tags)

    def tagspec(self, rt):
        return [{"ResourceType": rt, "Tags": self.tag_list()}]

    def tag_list(self, key="Key", value="Value"):
        return [{key: k, value: v} for k, v in self.tags.items()]

    def add(self, rtype, name, attrs):
        self.resources.append(state_resource(rtype, name, attrs))


# --- the heavy mix (the earlier one, unchanged) ---------------------------------------------

def add_instances(w, count, name_of):
    """`count` instances, up to 200 per RunInstances; name_of(k) names the k-th in the state."""
    ec2 = w.aws["ec2"]
    made = 0
    while made < count:
        c = min(count - made, 200)
        out = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=c, MaxCount=c,
                                TagSpecifications=w.tagspec("instance"))
        for it in out["Instances"]:
            w.add("aws_instance", name_of(made), w.tagged({
                "id": it["InstanceId"], "instance_type": "t3.micro", "ami": AMI}))
            made += 1


def add_volumes(w, count, name_of):
    for i in range(count):
        v = w.aws["ec2"].create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                                       TagSpecifications=w.tagspec("volume"))["VolumeId"]
        w.add("aws_ebs_volume", name_of(i), w.tagged({
            "id": v, "size": 8, "type": "gp3", "availability_zone": "us-east-1a"}))


def heavy_workspace(w, per_ws, pool):
    aws, run, ws, tags = w.aws, w.run, w.ws, w.tags
    ec2 = aws["ec2"]
    n_inst, n_vol, n_sg = int(per_ws * 0.35), int(per_ws * 0.18), int(per_ws * 0.12)
    n_queue = n_topic = n_logs = n_param = int(per_ws * 0.05)
    n_tab = max(1, per_ws // 100)
    n_bkt = max(1, (per_ws - n_inst - n_vol - n_sg - n_tab - n_queue - n_topic - n_logs
                    - n_param) // 2)
    add_instances(w, n_inst, lambda k: f"i{len(w.resources)}")
    add_volumes(w, n_vol, lambda i: f"v{i}")
    for i in range(n_sg):
        g = ec2.create_security_group(GroupName=f"{run}-{ws}-{i}", Description="bench",
                                      TagSpecifications=w.tagspec("security-group"))["GroupId"]
        w.add("aws_security_group", f"sg{i}", w.tagged({
            "id": g, "name": f"{run}-{ws}-{i}", "description": "bench"}))

    def mk_bucket(i):
        b = f"bench-{run}-{ws}-{i}"
        aws["s3"].create_bucket(Bucket=b)
        aws["s3"].put_bucket_tagging(Bucket=b, Tagging={"TagSet": w.tag_list()})
        aws["s3"].put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        return b
    for i, b in enumerate(pool.map(mk_bucket, range(n_bkt))):
        w.add("aws_s3_bucket", f"b{i}", w.tagged({"id": b, "bucket": b}))
        w.add("aws_s3_bucket_versioning", f"b{i}", {
            "id": b, "bucket": b, "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]})

    def mk_table(i):
        t = f"bench-{run}-{ws}-{i}"
        aws["dynamodb"].create_table(
            TableName=t, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        return t
    for i, t in enumerate(pool.map(mk_table, range(n_tab))):
        w.add("aws_dynamodb_table", f"t{i}", {"id": t, "name": t, "hash_key": "pk",
                                              "billing_mode": "PAY_PER_REQUEST"})

    def mk_queue(i):
        q = f"bench-{run}-{ws}-{i}"
        return q, aws["sqs"].create_queue(QueueName=q, tags=tags)["QueueUrl"]
    for i, (q, url) in enumerate(pool.map(mk_queue, range(n_queue))):
        w.add("aws_sqs_queue", f"q{i}", w.tagged({"id": url, "name": q, "url": url}))

    def mk_topic(i):
        n = f"bench-{run}-{ws}-{i}"
        return n, aws["sns"].create_topic(Name=n, Tags=w.tag_list())["TopicArn"]
    for i, (n, arn) in enumerate(pool.map(mk_topic, range(n_topic))):
        w.add("aws_sns_topic", f"n{i}", w.tagged({"id": arn, "arn": arn, "name": n}))

    def mk_log_group(i):
        n = f"/bench/{run}/{ws}/{i}"
        aws["logs"].create_log_group(logGroupName=n, tags=tags)
        return n
    for i, n in enumerate(pool.map(mk_log_group, range(n_logs))):
        w.add("aws_cloudwatch_log_group", f"l{i}", w.tagged({"id": n, "name": n}))

    def mk_param(i):
        n = f"/bench/{run}/{ws}/{i}"
        aws["ssm"].put_parameter(Name=n, Value="v", Type="String")
        return n
    for i, n in enumerate(pool.map(mk_param, range(n_param))):
        w.add("aws_ssm_parameter", f"p{i}", {"id": n, "name": n, "type": "String", "value": "v"})


# --- the even mix -----------------------------------------------------------------------------

def even_counts(per_ws):
    k, extra = divmod(per_ws, len(EVEN_TYPES))
    return {t: k + (1 if i < extra else 0) for i, t in enumerate(EVEN_TYPES)}


def ec2_resources(w, n):
    """Every EC2 type, one call at a time: instances (batched), volumes, key pairs, launch
    templates; security groups with one rule of each form; VPCs, each with a subnet, an internet
    gateway, a route table with a default route through the gateway and the subnet associated;
    network ACLs, interfaces, Elastic IPs, NAT gateways (the i-th on the i-th address) and DHCP
    option sets."""
    ec2 = w.aws["ec2"]
    add_instances(w, n["aws_instance"], lambda k: f"r{k}")
    add_volumes(w, n["aws_ebs_volume"], lambda i: f"r{i}")
    for i in range(n["aws_key_pair"]):
        k = ec2.create_key_pair(KeyName=w.name(i), KeyType="ed25519",
                                TagSpecifications=w.tagspec("key-pair"))
        w.add("aws_key_pair", f"r{i}", w.tagged({
            "id": k["KeyName"], "key_name": k["KeyName"], "key_pair_id": k["KeyPairId"],
            "key_type": "ed25519", "fingerprint": k["KeyFingerprint"]}))
    for i in range(n["aws_launch_template"]):
        lt = ec2.create_launch_template(
            LaunchTemplateName=w.name(i), TagSpecifications=w.tagspec("launch-template"),
            LaunchTemplateData={"ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]
        w.add("aws_launch_template", f"r{i}", w.tagged({
            "id": lt["LaunchTemplateId"], "name": w.name(i), "image_id": AMI,
            "instance_type": "t3.micro", "latest_version": 1, "default_version": 1}))

    sgs = []
    for i in range(n["aws_security_group"]):
        g = ec2.create_security_group(GroupName=w.name(i), Description="bench",
                                      TagSpecifications=w.tagspec("security-group"))["GroupId"]
        sgs.append(g)
        w.add("aws_security_group", f"r{i}", w.tagged({
            "id": g, "name": w.name(i), "description": "bench"}))
    rule_kinds = (("aws_vpc_security_group_ingress_rule", ec2.authorize_security_group_ingress),
                  ("aws_vpc_security_group_egress_rule", ec2.authorize_security_group_egress))
    for rtype, authorize in rule_kinds:
        for i in range(n[rtype]):
            out = authorize(GroupId=sgs[i], TagSpecifications=w.tagspec("security-group-rule"),
                            IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                            "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
            w.add(rtype, f"r{i}", w.tagged({
                "id": out["SecurityGroupRules"][0]["SecurityGroupRuleId"],
                "security_group_id": sgs[i], "ip_protocol": "tcp", "from_port": 443,
                "to_port": 443, "cidr_ipv4": "10.0.0.0/8"}))
    for i in range(n["aws_security_group_rule"]):
        ec2.authorize_security_group_ingress(
            GroupId=sgs[i], IpPermissions=[{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                                            "IpRanges": [{"CidrIp": "10.2.0.0/16"}]}])
        # The provider's id: the hash of group, ports, protocol, type and sources.
        rule_id = f"sgrule-{hashcode(f'{sgs[i]}-8080-8080-tcp-ingress-10.2.0.0/16-')}"
        w.add("aws_security_group_rule", f"r{i}", {
            "id": rule_id, "security_group_id": sgs[i], "type": "ingress", "protocol": "tcp",
            "from_port": 8080, "to_port": 8080, "cidr_blocks": ["10.2.0.0/16"],
            "ipv6_cidr_blocks": [], "prefix_list_ids": [], "self": False, "description": ""})

    vpcs, subnets, igws, tables = [], [], [], []
    for i in range(n["aws_vpc"]):
        v = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=w.tagspec("vpc"))["Vpc"]["VpcId"]
        vpcs.append(v)
        w.add("aws_vpc", f"r{i}", w.tagged({"id": v, "cidr_block": "10.0.0.0/16"}))
    for i in range(n["aws_subnet"]):
        s = ec2.create_subnet(VpcId=vpcs[i], CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                              TagSpecifications=w.tagspec("subnet"))["Subnet"]["SubnetId"]
        subnets.append(s)
        w.add("aws_subnet", f"r{i}", w.tagged({
            "id": s, "vpc_id": vpcs[i], "cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"}))
    for i in range(n["aws_internet_gateway"]):
        g = ec2.create_internet_gateway(
            TagSpecifications=w.tagspec("internet-gateway"))["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=g, VpcId=vpcs[i])
        igws.append(g)
        w.add("aws_internet_gateway", f"r{i}", w.tagged({"id": g, "vpc_id": vpcs[i]}))
    for i in range(n["aws_route_table"]):
        t = ec2.create_route_table(VpcId=vpcs[i], TagSpecifications=w.tagspec("route-table"))[
            "RouteTable"]["RouteTableId"]
        tables.append(t)
        w.add("aws_route_table", f"r{i}", w.tagged({"id": t, "vpc_id": vpcs[i]}))
    for i in range(n["aws_route"]):
        ec2.create_route(RouteTableId=tables[i], DestinationCidrBlock="0.0.0.0/0", GatewayId=igws[i])
        w.add("aws_route", f"r{i}", {
            "id": f"r-{tables[i]}{hashcode('0.0.0.0/0')}", "route_table_id": tables[i],
            "destination_cidr_block": "0.0.0.0/0", "gateway_id": igws[i]})
    for i in range(n["aws_route_table_association"]):
        a = ec2.associate_route_table(RouteTableId=tables[i], SubnetId=subnets[i])["AssociationId"]
        w.add("aws_route_table_association", f"r{i}", {
            "id": a, "route_table_id": tables[i], "subnet_id": subnets[i], "gateway_id": ""})
    for i in range(n["aws_network_acl"]):
        a = ec2.create_network_acl(VpcId=vpcs[i % len(vpcs)], TagSpecifications=w.tagspec(
            "network-acl"))["NetworkAcl"]["NetworkAclId"]
        w.add("aws_network_acl", f"r{i}", w.tagged({"id": a, "vpc_id": vpcs[i % len(vpcs)]}))
    for i in range(n["aws_network_interface"]):
        s = subnets[i % len(subnets)]
        e = ec2.create_network_interface(SubnetId=s, TagSpecifications=w.tagspec(
            "network-interface"))["NetworkInterface"]["NetworkInterfaceId"]
        w.add("aws_network_interface", f"r{i}", w.tagged({"id": e, "subnet_id": s}))
    eips = []
    for i in range(n["aws_eip"]):
        a = ec2.allocate_address(Domain="vpc", TagSpecifications=w.tagspec("elastic-ip"))
        eips.append(a["AllocationId"])
        w.add("aws_eip", f"r{i}", w.tagged({
            "id": a["AllocationId"], "allocation_id": a["AllocationId"], "domain": "vpc",
            "public_ip": a["PublicIp"]}))
    for i in range(n["aws_nat_gateway"]):
        g = ec2.create_nat_gateway(SubnetId=subnets[i], AllocationId=eips[i], TagSpecifications=
                                   w.tagspec("natgateway"))["NatGateway"]["NatGatewayId"]
        w.add("aws_nat_gateway", f"r{i}", w.tagged({
            "id": g, "subnet_id": subnets[i], "allocation_id": eips[i], "connectivity_type": "public"}))
    for i in range(n["aws_vpc_dhcp_options"]):
        d = ec2.create_dhcp_options(
            DhcpConfigurations=[{"Key": "domain-name", "Values": [f"{w.ws}.bench.internal"]}]
        )["DhcpOptions"]["DhcpOptionsId"]
        ec2.create_tags(Resources=[d], Tags=w.tag_list())  # moto drops TagSpecifications here
        w.add("aws_vpc_dhcp_options", f"r{i}", w.tagged({
            "id": d, "domain_name": f"{w.ws}.bench.internal"}))


# Each function below creates the resources of index i of its family (a bucket and its
# parts, a role and what hangs on it, ...) and returns them as (type, attributes); the
# families' indexes run concurrently on the pool.

def s3_resources(w, n, i):
    s3, b = w.aws["s3"], w.name(i)
    out = []
    s3.create_bucket(Bucket=b)
    s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": w.tag_list()})
    out.append(("aws_s3_bucket", w.tagged({"id": b, "bucket": b})))
    part = lambda t: n[t] > i  # noqa: E731
    if part("aws_s3_bucket_versioning"):
        s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        out.append(("aws_s3_bucket_versioning", {
            "id": b, "bucket": b, "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}))
    if part("aws_s3_bucket_server_side_encryption_configuration"):
        s3.put_bucket_encryption(Bucket=b, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
        out.append(("aws_s3_bucket_server_side_encryption_configuration", {
            "id": b, "bucket": b, "rule": [{"apply_server_side_encryption_by_default": [
                {"kms_master_key_id": "", "sse_algorithm": "AES256"}], "bucket_key_enabled": None}]}))
    if part("aws_s3_bucket_policy"):
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
        s3.put_bucket_policy(Bucket=b, Policy=policy)
        out.append(("aws_s3_bucket_policy", {"id": b, "bucket": b, "policy": policy}))
    if part("aws_s3_bucket_public_access_block"):
        s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})
        out.append(("aws_s3_bucket_public_access_block", {
            "id": b, "bucket": b, "block_public_acls": True, "ignore_public_acls": True,
            "block_public_policy": True, "restrict_public_buckets": True}))
    if part("aws_s3_bucket_ownership_controls"):
        s3.put_bucket_ownership_controls(Bucket=b, OwnershipControls={
            "Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
        out.append(("aws_s3_bucket_ownership_controls", {
            "id": b, "bucket": b, "rule": [{"object_ownership": "BucketOwnerPreferred"}]}))
    if part("aws_s3_bucket_lifecycle_configuration"):
        s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [{
            "ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
            "Expiration": {"Days": 90}}]})
        out.append(("aws_s3_bucket_lifecycle_configuration", {
            "id": b, "bucket": b, "rule": [{"id": "expire-logs", "status": "Enabled",
                                            "filter": [{"prefix": "logs/"}],
                                            "expiration": [{"days": 90}]}]}))
    if part("aws_s3_bucket_acl"):
        s3.put_bucket_acl(Bucket=b, ACL="private")
        out.append(("aws_s3_bucket_acl", {"id": f"{b},private", "bucket": b, "acl": "private"}))
    if part("aws_s3_bucket_cors_configuration"):
        s3.put_bucket_cors(Bucket=b, CORSConfiguration={"CORSRules": [{
            "AllowedMethods": ["GET"], "AllowedOrigins": ["https://example.com"]}]})
        out.append(("aws_s3_bucket_cors_configuration", {
            "id": b, "bucket": b, "cors_rule": [{"allowed_methods": ["GET"],
                                                 "allowed_origins": ["https://example.com"]}]}))
    if part("aws_s3_bucket_website_configuration"):
        s3.put_bucket_website(Bucket=b, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"}})
        out.append(("aws_s3_bucket_website_configuration", {
            "id": b, "bucket": b, "index_document": [{"suffix": "index.html"}]}))
    return out


def dynamodb_resources(w, n, i):
    t = w.name(i)
    w.aws["dynamodb"].create_table(
        TableName=t, BillingMode="PAY_PER_REQUEST", Tags=w.tag_list(),
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    return [("aws_dynamodb_table", w.tagged({
        "id": t, "name": t, "hash_key": "pk", "billing_mode": "PAY_PER_REQUEST"}))]


def messaging_resources(w, n, i):
    """A queue and its policy, a topic, its policy and its subscription of the queue."""
    sqs, sns, name = w.aws["sqs"], w.aws["sns"], w.name(i)
    out = []
    queue_arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
    topic_arn = f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"
    url = sqs.create_queue(QueueName=name, tags=w.tags)["QueueUrl"]
    out.append(("aws_sqs_queue", w.tagged({"id": url, "name": name, "url": url, "arn": queue_arn})))
    if n["aws_sqs_queue_policy"] > i:
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage", "Resource": queue_arn}]})
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": policy})
        out.append(("aws_sqs_queue_policy", {"id": url, "queue_url": url, "policy": policy}))
    if n["aws_sns_topic"] > i:
        sns.create_topic(Name=name, Tags=w.tag_list())
        out.append(("aws_sns_topic", w.tagged({"id": topic_arn, "arn": topic_arn, "name": name})))
    if n["aws_sns_topic_policy"] > i:
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": "SNS:Publish", "Resource": topic_arn}]})
        sns.set_topic_attributes(TopicArn=topic_arn, AttributeName="Policy", AttributeValue=policy)
        out.append(("aws_sns_topic_policy", {"id": topic_arn, "arn": topic_arn, "policy": policy}))
    if n["aws_sns_topic_subscription"] > i:
        sub = sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn,
                            ReturnSubscriptionArn=True)["SubscriptionArn"]
        out.append(("aws_sns_topic_subscription", {
            "id": sub, "arn": sub, "topic_arn": topic_arn, "protocol": "sqs", "endpoint": queue_arn}))
    return out


def observability_resources(w, n, i):
    """A log group and a metric alarm."""
    out = []
    if n["aws_cloudwatch_log_group"] > i:
        g = f"/bench/{w.run}/{w.ws}/{i}"
        w.aws["logs"].create_log_group(logGroupName=g, tags=w.tags)
        out.append(("aws_cloudwatch_log_group", w.tagged({"id": g, "name": g})))
    if n["aws_cloudwatch_metric_alarm"] > i:
        a = w.name(i)
        w.aws["cloudwatch"].put_metric_alarm(
            AlarmName=a, Namespace="AWS/EC2", MetricName="CPUUtilization", Statistic="Average",
            Period=300, EvaluationPeriods=1, Threshold=80.0,
            ComparisonOperator="GreaterThanThreshold", Tags=w.tag_list())
        out.append(("aws_cloudwatch_metric_alarm", w.tagged({
            "id": a, "alarm_name": a, "namespace": "AWS/EC2", "metric_name": "CPUUtilization",
            "statistic": "Average", "period": 300, "evaluation_periods": 1, "threshold": 80,
            "comparison_operator": "GreaterThanThreshold"})))
    return out


def events_resources(w, n, i):
    """An event bus, a rule on it and the rule's target (the queue of the same index)."""
    ev, name = w.aws["events"], w.name(i)
    out = []
    ev.create_event_bus(Name=name, Tags=w.tag_list())
    out.append(("aws_cloudwatch_event_bus", w.tagged({
        "id": name, "name": name, "arn": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"})))
    if n["aws_cloudwatch_event_rule"] > i:
        pattern = json.dumps({"source": ["bench.orders"]})
        ev.put_rule(Name=name, EventBusName=name, EventPattern=pattern, Tags=w.tag_list())
        out.append(("aws_cloudwatch_event_rule", w.tagged({
            "id": f"{name}/{name}", "name": name, "event_bus_name": name, "event_pattern": pattern})))
    if n["aws_cloudwatch_event_target"] > i:
        arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
        ev.put_targets(Rule=name, EventBusName=name, Targets=[{"Id": "queue", "Arn": arn}])
        out.append(("aws_cloudwatch_event_target", {
            "id": f"{name}-{name}-queue", "rule": name, "event_bus_name": name,
            "target_id": "queue", "arn": arn}))
    return out


def parameter_resources(w, n, i):
    """An SSM parameter and a Secrets Manager secret."""
    out = []
    if n["aws_ssm_parameter"] > i:
        p = f"/bench/{w.run}/{w.ws}/{i}"
        w.aws["ssm"].put_parameter(Name=p, Value="v", Type="String", Tags=w.tag_list())
        out.append(("aws_ssm_parameter", w.tagged({"id": p, "name": p, "type": "String", "value": "v"})))
    if n["aws_secretsmanager_secret"] > i:
        s = f"bench/{w.run}/{w.ws}/{i}"
        arn = w.aws["secretsmanager"].create_secret(Name=s, SecretString="v", Tags=w.tag_list())["ARN"]
        out.append(("aws_secretsmanager_secret", w.tagged({"id": arn, "arn": arn, "name": s})))
    return out


def iam_resources(w, n, i):
    """A role, a managed policy, a user and a group, each with an inline policy and the managed
    one attached, and an instance profile of the role."""
    iam, name = w.aws["iam"], w.name(i)
    out = []
    has = lambda t: n[t] > i  # noqa: E731
    policy_arn = f"arn:aws:iam::{ACCOUNT}:policy/{name}"
    if has("aws_iam_role"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=ASSUME_LAMBDA, Tags=w.tag_list())
        out.append(("aws_iam_role", w.tagged({
            "id": name, "name": name, "arn": f"arn:aws:iam::{ACCOUNT}:role/{name}",
            "assume_role_policy": ASSUME_LAMBDA})))
    if has("aws_iam_policy"):
        iam.create_policy(PolicyName=name, PolicyDocument=READ_LOGS, Tags=w.tag_list())
        out.append(("aws_iam_policy", w.tagged({
            "id": policy_arn, "arn": policy_arn, "name": name, "policy": READ_LOGS})))
    if has("aws_iam_user"):
        iam.create_user(UserName=name, Tags=w.tag_list())
        out.append(("aws_iam_user", w.tagged({"id": name, "name": name})))
    if has("aws_iam_group"):
        iam.create_group(GroupName=name)
        out.append(("aws_iam_group", {"id": name, "name": name}))
    for owner in ("role", "user", "group"):
        kind = owner.capitalize()
        if has(f"aws_iam_{owner}_policy"):
            getattr(iam, f"put_{owner}_policy")(**{f"{kind}Name": name}, PolicyName="read-logs",
                                                 PolicyDocument=READ_LOGS)
            out.append((f"aws_iam_{owner}_policy", {
                "id": f"{name}:read-logs", owner: name, "name": "read-logs", "policy": READ_LOGS}))
        if has(f"aws_iam_{owner}_policy_attachment"):
            getattr(iam, f"attach_{owner}_policy")(**{f"{kind}Name": name}, PolicyArn=policy_arn)
            # The provider's id: the owner's name and a unique suffix it generates.
            out.append((f"aws_iam_{owner}_policy_attachment", {
                "id": f"{name}-20260101000000000000{i:06d}", owner: name, "policy_arn": policy_arn}))
    if has("aws_iam_instance_profile"):
        iam.create_instance_profile(InstanceProfileName=name, Tags=w.tag_list())
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
        out.append(("aws_iam_instance_profile", w.tagged({"id": name, "name": name, "role": name})))
    return out


def kms_resources(w, n, i):
    kms = w.aws["kms"]
    key = kms.create_key(Description="bench", Tags=w.tag_list("TagKey", "TagValue"))["KeyMetadata"]
    out = [("aws_kms_key", w.tagged({"id": key["KeyId"], "key_id": key["KeyId"], "arn": key["Arn"],
                                     "description": "bench"}))]
    if n["aws_kms_alias"] > i:
        alias = f"alias/{w.name(i)}"
        kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
        out.append(("aws_kms_alias", {"id": alias, "name": alias, "target_key_id": key["KeyId"]}))
    return out


def route53_resources(w, n, i):
    """A public zone and a TXT record in it."""
    r53 = w.aws["route53"]
    zone = f"{w.ws}-{i}.{w.run}.bench.example"
    zid = r53.create_hosted_zone(Name=zone + ".", CallerReference=w.name(i))["HostedZone"]["Id"]
    zid = zid.split("/")[-1]
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zid, AddTags=w.tag_list())
    out = [("aws_route53_zone", w.tagged({"id": zid, "zone_id": zid, "name": zone}))]
    if n["aws_route53_record"] > i:
        fqdn = f"info.{zone}"
        r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [{
            "Action": "CREATE", "ResourceRecordSet": {
                "Name": fqdn + ".", "Type": "TXT", "TTL": 60,
                "ResourceRecords": [{"Value": '"bench"'}]}}]})
        out.append(("aws_route53_record", {
            "id": f"{zid}_{fqdn}_TXT", "zone_id": zid, "name": fqdn, "fqdn": fqdn, "type": "TXT",
            "ttl": 60, "records": ['"bench"'], "set_identifier": ""}))
    return out


def lambda_resources(w, n, i, role_arn, code):
    """A function (of the workspace's first role), its alias, a permission and its URL."""
    lam, name = w.aws["lambda"], w.name(i)
    fn = lam.create_function(FunctionName=name, Runtime="python3.12", Role=role_arn,
                             Handler="index.handler", Code={"ZipFile": code}, Tags=w.tags)
    out = [("aws_lambda_function", w.tagged({
        "id": name, "function_name": name, "arn": fn["FunctionArn"], "role": role_arn,
        "runtime": "python3.12", "handler": "index.handler"}))]
    if n["aws_lambda_alias"] > i:
        a = lam.create_alias(FunctionName=name, Name="live", FunctionVersion="$LATEST")
        out.append(("aws_lambda_alias", {
            "id": a["AliasArn"], "arn": a["AliasArn"], "function_name": name, "name": "live",
            "function_version": "$LATEST"}))
    if n["aws_lambda_permission"] > i:
        lam.add_permission(FunctionName=name, StatementId="AllowEvents",
                           Action="lambda:InvokeFunction", Principal="events.amazonaws.com")
        out.append(("aws_lambda_permission", {
            "id": "AllowEvents", "statement_id": "AllowEvents", "function_name": name,
            "action": "lambda:InvokeFunction", "principal": "events.amazonaws.com"}))
    if n["aws_lambda_function_url"] > i:
        lam.create_function_url_config(FunctionName=name, AuthType="AWS_IAM")
        out.append(("aws_lambda_function_url", {
            "id": name, "function_name": name, "authorization_type": "AWS_IAM"}))
    return out


def ecr_resources(w, n, i):
    """A repository with a lifecycle policy and a repository policy."""
    ecr, name = w.aws["ecr"], f"bench-{w.run}/{w.ws}-{i}"
    ecr.create_repository(repositoryName=name, tags=w.tag_list())
    out = [("aws_ecr_repository", w.tagged({"id": name, "name": name}))]
    if n["aws_ecr_lifecycle_policy"] > i:
        policy = json.dumps({"rules": [{
            "rulePriority": 1, "description": "expire untagged",
            "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                          "countUnit": "days", "countNumber": 14},
            "action": {"type": "expire"}}]})
        ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=policy)
        out.append(("aws_ecr_lifecycle_policy", {"id": name, "repository": name, "policy": policy}))
    if n["aws_ecr_repository_policy"] > i:
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "Pull", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": ["ecr:BatchGetImage"]}]})
        ecr.set_repository_policy(repositoryName=name, policyText=policy)
        out.append(("aws_ecr_repository_policy", {"id": name, "repository": name, "policy": policy}))
    return out


def even_workspace(w, per_ws, pool, code):
    n = even_counts(per_ws)
    # (family, the type whose count is the family's number of indexes)
    families = [(s3_resources, "aws_s3_bucket"), (dynamodb_resources, "aws_dynamodb_table"),
                (messaging_resources, "aws_sqs_queue"),
                (observability_resources, "aws_cloudwatch_log_group"),
                (events_resources, "aws_cloudwatch_event_bus"),
                (parameter_resources, "aws_ssm_parameter"), (iam_resources, "aws_iam_role"),
                (kms_resources, "aws_kms_key"), (route53_resources, "aws_route53_zone"),
                (ecr_resources, "aws_ecr_repository")]
    # The first role first: the functions run as it.
    first_role = iam_resources(w, n, 0) if n["aws_iam_role"] else []
    futures = [pool.submit(f, w, n, i) for f, t in families for i in range(n[t])
               if (f, i) != (iam_resources, 0)]
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/{w.name(0)}"
    futures += [pool.submit(lambda_resources, w, n, i, role_arn, code)
                for i in range(n["aws_lambda_function"])]
    ec2_resources(w, n)  # meanwhile, in this thread: EC2 one call at a time
    made = first_role + [r for f in futures for r in f.result()]
    index = {}
    for rtype, attrs in made:
        w.add(rtype, f"r{index.setdefault(rtype, 0)}", attrs)
        index[rtype] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("endpoint", help="the moto endpoint (http://host:port)")
    ap.add_argument("workspaces", type=int, help="bulk workspaces to create")
    ap.add_argument("per_workspace", type=int, help="resources per workspace")
    ap.add_argument("--mix", choices=("even", "heavy"), default="even",
                    help="even: every type in EVEN_TYPES alike (default); heavy: the earlier mix")
    args = ap.parse_args()

    kw = dict(endpoint_url=args.endpoint, region_name=REGION,
              aws_access_key_id="test", aws_secret_access_key="test")
    services = ("s3", "ec2", "dynamodb", "sqs", "sns", "logs", "ssm", "cloudwatch", "events",
                "secretsmanager", "iam", "kms", "route53", "lambda", "ecr")
    aws = {s: boto3.client(s, **kw) for s in services}
    run = uuid.uuid4().hex[:6]
    bucket = f"bench-native-state-{run}"
    aws["s3"].create_bucket(Bucket=bucket)
    key = "estate/terraform.tfstate"
    pool = ThreadPoolExecutor(8)
    code = lambda_zip()
    workspaces = []
    for i in range(args.workspaces):
        w = Workspace(aws, run, f"ws{i:02d}")
        if args.mix == "heavy":
            heavy_workspace(w, args.per_workspace, pool)
        else:
            even_workspace(w, args.per_workspace, pool, code)
        state = {"version": 4, "terraform_version": "1.11.0", "serial": 1, "lineage": run,
                 "outputs": {}, "resources": w.resources}
        aws["s3"].put_object(Bucket=bucket, Key=f"env:/{w.ws}/{key}", Body=json.dumps(state).encode())
        workspaces.append({"name": w.ws, "resources": len(w.resources)})
    pool.shutdown()
    print(json.dumps({"bucket": bucket, "key": key, "mix": args.mix, "workspaces": workspaces}))


if __name__ == "__main__":
    main()
