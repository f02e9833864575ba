#!/usr/bin/env python3
"""Records, from moto, the AWS answers the native engine's type modules read, for their
offline tests (tests/native/types/*_test.cpp).

usage: record.py [--endpoint URL] [--out DIR] [TYPE ...]

Without --endpoint a moto server is started on a free loopback port and stopped at the end.
For each case moto is reset and its random generator seeded, so a resource gets the same id on
every run; the case's resources are created with boto3, then the calls the type module makes
(same operations, same filters) are sent and their responses written to
recorded/<type>/<case>.json:

  {"about": ..., "resource": {ids of what was created},
   "exchanges": [{"name", "match": {"service", "action" | "method"+"path"+"query",
                  "contains"}, "times", "response": {"status", "headers", "body"}}]}

Cases: `found` (the resource as created), `gone` (deleted, or the configuration removed),
and two that moto cannot produce -- it never throttles and does not enforce IAM here -- so
they are the first recorded response edited into the error the service documents, marked
"edited" in the file: `throttled` (answered `times` times: every attempt of the session's
retry policy) and `denied`. Recording aws_ebs_volume and aws_s3_bucket_versioning together
also writes recorded/session/ (the session's retry and clock-skew paths, for
aws.session_transport). --out writes elsewhere (to compare a new recording with this one).
"""
import argparse
import datetime
import email.utils
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "recorded")
REGION = "us-east-1"
SEED = 42
# The offline tests' retry policy makes this many attempts before giving up.
ATTEMPTS = 3


# --- moto ---------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    nodelay_server = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                  "fixtures", "run_moto.py")
    proc = subprocess.Popen([sys.executable, nodelay_server, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).read()
            return proc, endpoint
        except Exception:
            time.sleep(0.2)
    proc.kill()
    sys.exit("moto_server did not start")


def moto_api(endpoint, path):
    req = urllib.request.Request(endpoint + "/moto-api/" + path, data=b"", method="POST")
    urllib.request.urlopen(req, timeout=10).read()


# --- recording ----------------------------------------------------------------------------

class Recorder:
    """boto3 clients on moto whose responses can be captured as exchanges."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.session = boto3.session.Session(aws_access_key_id="test",
                                             aws_secret_access_key="test", region_name=REGION)
        self.cfg = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})
        self.last = None

    def client(self, name):
        c = self.session.client(name, endpoint_url=self.endpoint, config=self.cfg)
        c.meta.events.register("after-call.*", self._after_call)
        c.meta.events.register("before-send.*", self._before_send)
        return c

    def _before_send(self, request, **_):
        self.last = {"method": request.method, "url": request.url}

    def _after_call(self, http_response, **_):
        self.last["status"] = http_response.status_code
        self.last["headers"] = dict(http_response.headers)
        self.last["body"] = http_response.content.decode("utf-8")

    def call(self, client, op, match, **params):
        """Sends one call and returns it as an exchange; AWS errors are recorded too."""
        try:
            getattr(client, op)(**params)
        except client.exceptions.ClientError:
            pass
        name = client.meta.service_model.operation_model(
            client.meta.method_to_api_mapping[op]).name
        keep = {k: v for k, v in self.last["headers"].items()
                if k.lower() in ("content-type", "x-amzn-requestid", "x-amz-request-id", "date",
                                 "x-amz-transition-default-minimum-object-size")}
        return {"name": name, "match": match,
                "response": {"status": self.last["status"], "headers": keep,
                             "body": self.last["body"]}}


def query_match(service, action, *contains):
    return {"service": service, "action": action, "contains": list(contains)}


def s3_match(bucket, sub):
    return {"service": "s3", "method": "GET", "path": "/" + bucket, "query": [sub]}


# --- documented error shapes ----------------------------------------------------------------

EC2_ERROR = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{code}</Code>'
             '<Message>{message}</Message></Error></Errors>'
             '<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>')
QUERY_ERROR = ('<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error>'
               '<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
               '<RequestId>5a8d3f7a-example</RequestId></ErrorResponse>')
S3_ERROR = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            '<Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>')

# (status, content type, template, code, message) per protocol and case, as each service's
# API reference documents its throttling and access-denied errors.
ERRORS = {
    "ec2": {
        "throttled": (503, "text/xml;charset=UTF-8", EC2_ERROR, "RequestLimitExceeded",
                      "Request limit exceeded."),
        "denied": (403, "text/xml;charset=UTF-8", EC2_ERROR, "UnauthorizedOperation",
                   "You are not authorized to perform this operation."),
    },
    "rds": {
        "throttled": (400, "text/xml", QUERY_ERROR, "Throttling", "Rate exceeded"),
        "denied": (403, "text/xml", QUERY_ERROR, "AccessDenied",
                   "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
                   "rds:DescribeDBInstances"),
    },
    "s3": {
        "throttled": (503, "application/xml", S3_ERROR, "SlowDown",
                      "Please reduce your request rate."),
        "denied": (403, "application/xml", S3_ERROR, "AccessDenied", "Access Denied"),
    },
    "dynamodb": {
        "throttled": (400, "application/x-amz-json-1.0", None,
                      "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                      "Rate of requests exceeds the allowed throughput."),
        "denied": (400, "application/x-amz-json-1.0", None,
                   "com.amazon.coral.service#AccessDeniedException",
                   "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
                   "dynamodb:DescribeTable"),
    },
}


def edited(first, case):
    """The first recorded exchange with its response replaced by the documented error."""
    service = first["match"]["service"]
    status, ctype, template, code, message = ERRORS[service][case]
    if template is None:
        body = json.dumps({"__type": code, "message": message})
    else:
        body = template.format(code=code, message=message)
    x = dict(first)
    x["edited"] = ("moto never answers this: the recorded response replaced by the error the "
                   f"{service} API reference documents ({code}, HTTP {status})")
    x["times"] = ATTEMPTS if case == "throttled" else 1
    x["response"] = {"status": status, "headers": {"Content-Type": ctype}, "body": body}
    return x


def session_cases(ebs_found, versioning_found):
    """Recordings for the session's own paths through the transport (aws.session_transport)."""
    ebs_about, ebs_res, ebs_x = ebs_found
    throttle = edited(ebs_x[0], "throttled")
    throttle["times"] = ATTEMPTS - 1
    write("session", "throttled_then_found", "throttled on all but the last attempt, then "
          "the volume of aws_ebs_volume/found", ebs_res, [throttle, ebs_x[0]])
    about, res, x = versioning_found
    ok = x[0]
    date = email.utils.parsedate_to_datetime(ok["response"]["headers"]["Date"])
    behind = email.utils.format_datetime(date - datetime.timedelta(hours=1), usegmt=True)
    skew = dict(ok)
    skew["edited"] = ("moto does not check the request time: the recorded response replaced by "
                      "S3's documented RequestTimeTooSkewed (HTTP 403), from a server clock an "
                      "hour behind the recording")
    skew["response"] = {"status": 403, "headers": {"Content-Type": "application/xml",
                                                   "Date": behind},
                        "body": S3_ERROR.format(code="RequestTimeTooSkewed", message=(
                            "The difference between the request time and the current time is "
                            "too large."))}
    write("session", "clock_skew", "a request time too skewed, then the versioning of "
          "aws_s3_bucket_versioning/found", res, [skew, ok])


def write(type_name, case, about, resource, exchanges):
    os.makedirs(os.path.join(OUT, type_name), exist_ok=True)
    path = os.path.join(OUT, type_name, case + ".json")
    with open(path, "w") as f:
        json.dump({"about": about, "resource": resource, "exchanges": exchanges}, f, indent=2)
        f.write("\n")
    print("wrote", path)


FOUND = {}


def record_type(type_name, found, gone):
    """found/gone: (about, resource, exchanges); throttled and denied derive from found."""
    FOUND[type_name] = found
    write(type_name, "found", *found)
    write(type_name, "gone", *gone)
    about, resource, exchanges = found
    for case in ("throttled", "denied"):
        write(type_name, case, f"{case}: the first call of `found`, answered with an error",
              resource, [edited(exchanges[0], case)])


# --- EC2 ----------------------------------------------------------------------------------

def ec2_filter(name, value):
    return [{"Name": name, "Values": [value]}]


def tags(resource_type, **kv):
    return [{"ResourceType": resource_type,
             "Tags": [{"Key": k, "Value": v} for k, v in kv.items()]}]


def aws_ebs_volume(rec):
    ec2 = rec.client("ec2")

    def create():
        return ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                                 Iops=3000, TagSpecifications=tags("volume", Name="data",
                                                                   team="drift"))["VolumeId"]

    def read(vid):
        return [rec.call(ec2, "describe_volumes", query_match("ec2", "DescribeVolumes", vid),
                         Filters=ec2_filter("volume-id", vid))]

    vid = create()
    found = ("an 8 GiB gp3 volume (3000 IOPS) in us-east-1a tagged Name=data, team=drift",
             {"id": vid}, read(vid))
    yield found
    ec2.delete_volume(VolumeId=vid)
    yield ("the same volume after DeleteVolume", {"id": vid}, read(vid))


def make_vpc(ec2):
    return ec2.create_vpc(CidrBlock="10.0.0.0/16",
                          TagSpecifications=tags("vpc", Name="main"))["Vpc"]["VpcId"]


def aws_vpc(rec):
    ec2 = rec.client("ec2")
    vpc = make_vpc(ec2)
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableNetworkAddressUsageMetrics={"Value": True})

    def read(v, attributes=True):
        out = [rec.call(ec2, "describe_vpcs", query_match("ec2", "DescribeVpcs", v),
                        Filters=ec2_filter("vpc-id", v))]
        if attributes:
            for attr in ("enableDnsSupport", "enableDnsHostnames",
                         "enableNetworkAddressUsageMetrics"):
                out.append(rec.call(ec2, "describe_vpc_attribute",
                                    query_match("ec2", "DescribeVpcAttribute", v, attr),
                                    VpcId=v, Attribute=attr))
        return out

    yield ("a 10.0.0.0/16 VPC tagged Name=main with DNS hostnames and network address usage "
           "metrics on", {"id": vpc}, read(vpc))
    ec2.delete_vpc(VpcId=vpc)
    yield ("the same VPC after DeleteVpc", {"id": vpc}, read(vpc, attributes=False))


def aws_subnet(rec):
    ec2 = rec.client("ec2")
    vpc = make_vpc(ec2)
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1b",
                            TagSpecifications=tags("subnet", Name="public"))["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=sub, MapPublicIpOnLaunch={"Value": True})

    def read(s):
        return [rec.call(ec2, "describe_subnets", query_match("ec2", "DescribeSubnets", s),
                         Filters=ec2_filter("subnet-id", s))]

    yield ("a 10.0.1.0/24 subnet in us-east-1b mapping public IPs, tagged Name=public",
           {"id": sub, "vpc_id": vpc}, read(sub))
    ec2.delete_subnet(SubnetId=sub)
    yield ("the same subnet after DeleteSubnet", {"id": sub, "vpc_id": vpc}, read(sub))


def make_group(ec2, vpc, name):
    return ec2.create_security_group(GroupName=name, Description=name + " servers",
                                     VpcId=vpc)["GroupId"]


def aws_security_group(rec):
    ec2 = rec.client("ec2")
    vpc = make_vpc(ec2)
    sg = make_group(ec2, vpc, "web")
    ec2.create_tags(Resources=[sg], Tags=[{"Key": "Name", "Value": "web"}])
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "https"}]},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
         "IpRanges": [{"CidrIp": "10.1.0.0/16", "Description": "ssh"}]},
    ])
    ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https out"}]}])

    def read(g):
        return [rec.call(ec2, "describe_security_groups",
                         query_match("ec2", "DescribeSecurityGroups", g),
                         Filters=ec2_filter("group-id", g))]

    yield ("group `web` in a VPC: https from 10.0.0.0/8, ssh from 10.1.0.0/16, the default "
           "egress and https out, tagged Name=web", {"id": sg, "vpc_id": vpc}, read(sg))
    ec2.delete_security_group(GroupId=sg)
    yield ("the same group after DeleteSecurityGroup", {"id": sg, "vpc_id": vpc}, read(sg))


def sg_rule(rec, egress):
    ec2 = rec.client("ec2")
    vpc = make_vpc(ec2)
    sg = make_group(ec2, vpc, "api")
    perms = [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8081,
              "IpRanges": [{"CidrIp": "10.2.0.0/16", "Description": "api"}]}]
    spec = tags("security-group-rule", Name="api")
    if egress:
        r = ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=perms,
                                                TagSpecifications=spec)
    else:
        r = ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=perms,
                                                 TagSpecifications=spec)
    rule = r["SecurityGroupRules"][0]["SecurityGroupRuleId"]

    def read(x):
        return [rec.call(ec2, "describe_security_group_rules",
                         query_match("ec2", "DescribeSecurityGroupRules", x),
                         Filters=ec2_filter("security-group-rule-id", x))]

    kind = "egress" if egress else "ingress"
    yield (f"an {kind} rule of group `api`: tcp 8080-8081 with 10.2.0.0/16, described `api`, "
           "tagged Name=api", {"id": rule, "security_group_id": sg}, read(rule))
    if egress:
        ec2.revoke_security_group_egress(GroupId=sg, SecurityGroupRuleIds=[rule])
    else:
        ec2.revoke_security_group_ingress(GroupId=sg, SecurityGroupRuleIds=[rule])
    yield (f"the same rule after RevokeSecurityGroup{kind.capitalize()}",
           {"id": rule, "security_group_id": sg}, read(rule))


def aws_vpc_security_group_ingress_rule(rec):
    return sg_rule(rec, egress=False)


def aws_vpc_security_group_egress_rule(rec):
    return sg_rule(rec, egress=True)


def aws_instance(rec):
    ec2 = rec.client("ec2")
    vpc = make_vpc(ec2)
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24",
                            AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    groups = [make_group(ec2, vpc, "app"), make_group(ec2, vpc, "ops")]
    ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ec2.create_key_pair(KeyName="deploy")
    iid = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                            SubnetId=sub, SecurityGroupIds=groups, KeyName="deploy",
                            UserData="#!/bin/sh\necho drift\n",
                            MetadataOptions={"HttpTokens": "required"},
                            BlockDeviceMappings=[
                                {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 10,
                                                                    "VolumeType": "gp3"}},
                                {"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 5,
                                                                   "VolumeType": "gp2"}}],
                            TagSpecifications=tags("instance", Name="app"))[
        "Instances"][0]["InstanceId"]
    for v in ec2.describe_volumes(Filters=ec2_filter("attachment.instance-id", iid))["Volumes"]:
        root = v["Attachments"][0]["Device"] == "/dev/sda1"
        ec2.create_tags(Resources=[v["VolumeId"]],
                        Tags=[{"Key": "Name", "Value": "app-root"} if root else
                              {"Key": "disk", "Value": "data"}])

    def read(i, full=True):
        out = [rec.call(ec2, "describe_instances", query_match("ec2", "DescribeInstances", i),
                        Filters=ec2_filter("instance-id", i)),
               rec.call(ec2, "describe_volumes",
                        query_match("ec2", "DescribeVolumes", "attachment.instance-id", i),
                        Filters=ec2_filter("attachment.instance-id", i))]
        if not full:
            return out
        out.append(rec.call(ec2, "describe_instance_credit_specifications",
                            query_match("ec2", "DescribeInstanceCreditSpecifications", i),
                            InstanceIds=[i]))
        for attr in ("disableApiTermination", "disableApiStop",
                     "instanceInitiatedShutdownBehavior", "userData"):
            out.append(rec.call(ec2, "describe_instance_attribute",
                                query_match("ec2", "DescribeInstanceAttribute", i,
                                            "Attribute=" + attr),
                                InstanceId=i, Attribute=attr))
        return out

    res = {"id": iid, "ami": ami, "subnet_id": sub, "security_groups": groups}
    yield ("a running t3.micro in a VPC subnet with two security groups and key `deploy`, "
           "IMDSv2 required, user data, a 10 GiB gp3 root volume tagged Name=app-root and a "
           "5 GiB gp2 volume on /dev/sdf tagged disk=data, tagged Name=app", res, read(iid))
    ec2.terminate_instances(InstanceIds=[iid])
    yield ("the same instance after TerminateInstances (listed as terminated)", res,
           read(iid, full=False))


# --- S3 -----------------------------------------------------------------------------------

BUCKET = "drift-offline-bucket"
LOGS = "drift-offline-logs"


def policy_doc(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def configured_bucket(s3):
    s3.create_bucket(Bucket=LOGS)
    s3.put_bucket_policy(Bucket=LOGS, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{LOGS}/*"}]}))
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_tagging(Bucket=BUCKET, Tagging={"TagSet": [{"Key": "team", "Value": "drift"}]})
    s3.put_bucket_policy(Bucket=BUCKET, Policy=policy_doc(BUCKET))
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(Bucket=BUCKET, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                "KMSMasterKeyID": "alias/drift"},
         "BucketKeyEnabled": True}]})
    s3.put_bucket_logging(Bucket=BUCKET, BucketLoggingStatus={"LoggingEnabled": {
        "TargetBucket": LOGS, "TargetPrefix": "access/"}})
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": [
        {"ID": "expire-tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"},
         "Expiration": {"Days": 7}},
        {"ID": "archive", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
         "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}],
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 3}},
    ]})
    s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
        "RestrictPublicBuckets": False})


ABOUT_BUCKET = (f"bucket {BUCKET} tagged team=drift with a deny-insecure-transport policy, "
                "versioning on, SSE-KMS (alias/drift, bucket key), access logs to "
                f"{LOGS}/access/, two lifecycle rules and a public access block")

# The sub-resource each split type reads (s3::config's `sub`), and how the gone case removes it.
S3_PARTS = {
    "aws_s3_bucket_versioning": ("versioning", "get_bucket_versioning", None),
    "aws_s3_bucket_server_side_encryption_configuration": (
        "encryption", "get_bucket_encryption", "delete_bucket_encryption"),
    "aws_s3_bucket_public_access_block": ("publicAccessBlock", "get_public_access_block",
                                          "delete_public_access_block"),
    "aws_s3_bucket_policy": ("policy", "get_bucket_policy", "delete_bucket_policy"),
    "aws_s3_bucket_logging": ("logging", "get_bucket_logging", None),
    "aws_s3_bucket_lifecycle_configuration": ("lifecycle", "get_bucket_lifecycle_configuration",
                                              "delete_bucket_lifecycle"),
}


def aws_s3_bucket(rec):
    s3 = rec.client("s3")
    configured_bucket(s3)
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": [{
        "AllowedMethods": ["GET", "HEAD"], "AllowedOrigins": ["https://example.com"],
        "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 300}]})
    s3.put_bucket_website(Bucket=BUCKET, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}})
    s3.put_bucket_replication(Bucket=BUCKET, ReplicationConfiguration={
        "Role": "arn:aws:iam::123456789012:role/replication", "Rules": [{
            "ID": "to-logs", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": "data/"},
            "DeleteMarkerReplication": {"Status": "Enabled"},
            "Destination": {"Bucket": f"arn:aws:s3:::{LOGS}", "StorageClass": "STANDARD_IA",
                            "Account": "123456789012",
                            "AccessControlTranslation": {"Owner": "Destination"}}}]})

    def read():
        out = [rec.call(s3, "get_bucket_tagging", s3_match(BUCKET, "tagging"), Bucket=BUCKET)]
        for sub, op in (("policy", "get_bucket_policy"), ("versioning", "get_bucket_versioning"),
                        ("encryption", "get_bucket_encryption"),
                        ("logging", "get_bucket_logging"),
                        ("lifecycle", "get_bucket_lifecycle_configuration"),
                        ("acl", "get_bucket_acl"),
                        ("accelerate", "get_bucket_accelerate_configuration"),
                        ("requestPayment", "get_bucket_request_payment"),
                        ("cors", "get_bucket_cors"),
                        ("object-lock", "get_object_lock_configuration"),
                        ("website", "get_bucket_website"),
                        ("replication", "get_bucket_replication")):
            out.append(rec.call(s3, op, s3_match(BUCKET, sub), Bucket=BUCKET))
        return out

    yield (ABOUT_BUCKET, {"id": BUCKET}, read())
    s3.delete_bucket(Bucket=BUCKET)
    yield (f"bucket {BUCKET} after DeleteBucket (NoSuchBucket)", {"id": BUCKET}, read()[:1])


def s3_part(type_name):
    sub, op, remove = S3_PARTS[type_name]

    def record(rec):
        s3 = rec.client("s3")
        configured_bucket(s3)
        res = {"id": BUCKET, "bucket": BUCKET}
        yield (ABOUT_BUCKET, res, [rec.call(s3, op, s3_match(BUCKET, sub), Bucket=BUCKET)])
        if type_name == "aws_s3_bucket_logging":
            s3.put_bucket_logging(Bucket=BUCKET, BucketLoggingStatus={})
            about = "logging turned off (an empty BucketLoggingStatus)"
        elif remove:
            getattr(s3, remove)(Bucket=BUCKET)
            about = "the configuration removed (" + remove + ")"
        else:
            s3.delete_bucket(Bucket=BUCKET)
            s3.create_bucket(Bucket=BUCKET)
            about = "a bucket that was never versioned"
        yield (about, res, [rec.call(s3, op, s3_match(BUCKET, sub), Bucket=BUCKET)])

    return record


# --- RDS and DynamoDB ---------------------------------------------------------------------

def aws_db_instance(rec):
    ec2 = rec.client("ec2")
    rds = rec.client("rds")
    vpc = make_vpc(ec2)
    groups = [make_group(ec2, vpc, "db"), make_group(ec2, vpc, "db-admin")]
    db = rds.create_db_instance(
        DBInstanceIdentifier="orders-db", Engine="mysql", EngineVersion="8.0.35",
        DBInstanceClass="db.t3.micro", AllocatedStorage=20, MaxAllocatedStorage=100,
        StorageType="gp3",
        MasterUsername="admin", MasterUserPassword="not-a-secret-1", BackupRetentionPeriod=7,
        StorageEncrypted=True, VpcSecurityGroupIds=groups, DeletionProtection=False,
        Tags=[{"Key": "team", "Value": "drift"}])["DBInstance"]

    def read():
        return [rec.call(rds, "describe_db_instances",
                         query_match("rds", "DescribeDBInstances", "MaxRecords=100"),
                         MaxRecords=100)]

    res = {"id": db["DbiResourceId"], "identifier": "orders-db", "security_groups": groups}
    yield ("MySQL 8.0.35 db.t3.micro `orders-db`, 20 GiB gp3 (autoscaling to 100) encrypted, "
           "7 days of backups, two "
           "VPC security groups, tagged team=drift", res, read())
    rds.delete_db_instance(DBInstanceIdentifier="orders-db", SkipFinalSnapshot=True)
    yield ("the account's instances after DeleteDBInstance (none left)", res, read())


def aws_dynamodb_table(rec):
    ddb = rec.client("dynamodb")
    name = "orders"
    arn = ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                   {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "N"}],
        Tags=[{"Key": "team", "Value": "drift"}])["TableDescription"]["TableArn"]
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={
        "Enabled": True, "AttributeName": "expires_at"})
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})

    def m(action, *contains):
        return {"service": "dynamodb", "action": action, "contains": list(contains)}

    def read(full=True):
        out = [rec.call(ddb, "describe_table", m("DescribeTable", name), TableName=name)]
        if full:
            out += [
                rec.call(ddb, "describe_continuous_backups", m("DescribeContinuousBackups", name),
                         TableName=name),
                rec.call(ddb, "describe_time_to_live", m("DescribeTimeToLive", name),
                         TableName=name),
                rec.call(ddb, "list_tags_of_resource", m("ListTagsOfResource", arn),
                         ResourceArn=arn),
            ]
        return out

    res = {"id": name, "arn": arn}
    yield ("on-demand table `orders` (pk S, sk N), TTL on expires_at, point-in-time recovery "
           "on, tagged team=drift", res, read())
    ddb.delete_table(TableName=name)
    yield ("the same table after DeleteTable (ResourceNotFoundException)", res, read(False))


TYPES = {
    "aws_ebs_volume": aws_ebs_volume,
    "aws_vpc": aws_vpc,
    "aws_subnet": aws_subnet,
    "aws_security_group": aws_security_group,
    "aws_vpc_security_group_ingress_rule": aws_vpc_security_group_ingress_rule,
    "aws_vpc_security_group_egress_rule": aws_vpc_security_group_egress_rule,
    "aws_instance": aws_instance,
    "aws_s3_bucket": aws_s3_bucket,
    **{t: s3_part(t) for t in S3_PARTS},
    "aws_db_instance": aws_db_instance,
    "aws_dynamodb_table": aws_dynamodb_table,
}


def load_family_recorders():
    """Type families keep their recorders in recorders/<family>.py, each with a TYPES dict of
    the same shape as the one above; their functions may use this module's helpers through
    `import record`."""
    import importlib.util
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorders")
    sys.modules.setdefault("record", sys.modules[__name__])
    for f in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if f.endswith(".py") and not f.startswith("_"):
            spec = importlib.util.spec_from_file_location(f"recorders_{f[:-3]}", os.path.join(folder, f))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            for name, fn in module.TYPES.items():
                if name in TYPES:
                    sys.exit(f"{f}: {name} is recorded elsewhere already")
                TYPES[name] = fn


def main():
    load_family_recorders()
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint", help="a running moto server (default: start one)")
    ap.add_argument("--out", default=OUT, help="where to write (default: recorded/)")
    ap.add_argument("types", nargs="*", help="types to record (default: all)")
    args = ap.parse_args()
    OUT = args.out
    unknown = [t for t in args.types if t not in TYPES]
    if unknown:
        sys.exit("unknown types: " + ", ".join(unknown))
    proc, endpoint = (None, args.endpoint) if args.endpoint else start_moto()
    try:
        for type_name in args.types or TYPES:
            moto_api(endpoint, "reset")
            moto_api(endpoint, f"seed?a={SEED}")
            rec = Recorder(endpoint)
            cases = TYPES[type_name](rec)
            found = next(cases)
            gone = next(cases)
            record_type(type_name, found, gone)
        if "aws_ebs_volume" in FOUND and "aws_s3_bucket_versioning" in FOUND:
            session_cases(FOUND["aws_ebs_volume"], FOUND["aws_s3_bucket_versioning"])
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
