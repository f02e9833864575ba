#!/usr/bin/env python3
"""One scheduled scan covers two accounts and three regions: the real scanner bootstrap,
served by the harness, fans out to three targets:

  central   account 123456789012, us-east-1, the function's own credentials;
  west      a member account (a new id each run), us-west-2, through the member reader role;
  frankfurt the member account, eu-central-1, through the same role.

The member account is served by moto through AssumeRole (moto gives an assumed role's
credentials the account of the role ARN). The reader role is applied there with real Terraform
(infra/modules/member-reader-role, the provider from the local mirror, credentials assumed into
the member account), with an external id and the scanner's role in the central account; its
trust policy is read back through the member account's IAM.

Each target's state is where the scanner reads it with that target's credentials: the central
target's in a central bucket, the member targets' in a bucket of the member account (as the
operator's guide says: the state buckets the reader role may read are in its account). Each
state describes one thing of its account and region, changed "in the console" in its own way:
  central   a bucket whose versioning was suspended        (aws_s3_bucket_versioning: update)
  west      a bucket whose public access block was removed (aws_s3_bucket_public_access_block: delete)
  frankfurt a security group that got an extra ingress rule (aws_security_group: update)
and each account+region scanned holds one security group no state manages, tagged with this
run's UNMANAGED_SCOPE_TAGS. Two more tagged groups sit where no target looks (the member
account's us-east-1, the central account's eu-central-1): nobody may report them. In the member
account, whose content is this run's alone, the coverage counts of buckets and security groups
are exactly what the run made in that region.

Checked from outside, through moto's APIs: every report in the central report bucket under
reports/<target>/prod/, naming its account and region; its drift is exactly its own; its
unmanaged findings list exactly the resource of its own account and region; its metrics
(ResourcesScanned, ScanErrors, DriftDetected per severity, dimension Environment = the
target's environment) are in the central account's CloudWatch in the function's region and in
no CloudWatch of the member account. moto enforces neither trust policies nor external ids:
the test shows where the data lands and what the applied trust policy says, not that AWS would
refuse a caller without the external id. Nor does moto's S3 keep accounts apart for objects and
bucket settings (any account's credentials read them): the member targets' findings in EC2 and
their bucket listing (ListBuckets answers per account) are what show the assumed credentials.
Usage: accounts_regions_test.py HARNESS BOOTSTRAP (moto endpoint from $DRIFT_MOTO_DIR/endpoint)."""
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

import boto3

from fan_out_support import resource, state
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
MODULE = os.path.join(SOURCE, "infra", "modules", "member-reader-role")
CLI_CONFIG = os.path.join(SOURCE, "tests", "workspaces", "cli.tfrc")  # the provider mirror
# The member account is new in every run, so that what it holds is this run's alone.
CENTRAL, MEMBER = "123456789012", "2%011d" % (uuid.uuid4().int % 10**11)
NAMESPACE = "TerraformPipeline/Drift"  # the scanner's default METRICS_NAMESPACE

# The root module applied in the member account: the product's module, nothing else. The
# provider reaches moto through AWS_ENDPOINT_URL and the member account's assumed credentials.
ROOT_MODULE = """
provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_metadata_api_check     = true
}

variable "role_name" { type = string }
variable "scanner_role_arn" { type = string }
variable "external_id" {
  type      = string
  sensitive = true
}
variable "state_bucket_names" { type = list(string) }

module "drift_reader" {
  source             = "%(module)s"
  role_name          = var.role_name
  scanner_role_arn   = var.scanner_role_arn
  external_id        = var.external_id
  state_bucket_names = var.state_bucket_names
}

output "role_arn" {
  value = module.drift_reader.role_arn
}
"""


def bucket_state(bucket):
    """The versioning and public access block of `bucket`, both as they were applied."""
    return state([
        resource("aws_s3_bucket_versioning", "data",
                 {"bucket": bucket, "expected_bucket_owner": "", "id": bucket, "mfa": None,
                  "versioning_configuration": [{"mfa_delete": "", "status": "Enabled"}]}),
        resource("aws_s3_bucket_public_access_block", "data",
                 {"block_public_acls": True, "block_public_policy": True, "bucket": bucket, "id": bucket,
                  "ignore_public_acls": True, "restrict_public_buckets": True})])


def sg_rule(protocol, port, cidr, description):
    return {"cidr_blocks": [cidr], "description": description, "from_port": port, "ipv6_cidr_blocks": [],
            "prefix_list_ids": [], "protocol": protocol, "security_groups": [], "self": False, "to_port": port}


def group_state(group_id, name, description, vpc_id, account, tags):
    """A security group with one HTTPS ingress rule and the default egress, as applied."""
    return state([resource("aws_security_group", "web", {
        "id": group_id, "arn": f"arn:aws:ec2:eu-central-1:{account}:security-group/{group_id}",
        "name": name, "name_prefix": "", "description": description, "vpc_id": vpc_id, "owner_id": account,
        "ingress": [sg_rule("tcp", 443, "10.0.0.0/8", "https")],
        "egress": [sg_rule("-1", 0, "0.0.0.0/0", "")],
        "revoke_rules_on_delete": False, "tags": tags, "tags_all": tags, "timeouts": None})])


def invoke(port, fn, payload):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/2015-03-31/functions/{fn}/invocations",
                                 data=payload, method="POST")
    return json.loads(urllib.request.urlopen(req, timeout=120).read())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def apply_reader_role(work, endpoint, creds, variables):
    """`terraform init` + `apply` of the member-reader-role module in the member account;
    returns (role ARN or None, seconds, output)."""
    tf_dir = os.path.join(work, "member-reader")
    os.makedirs(tf_dir)
    with open(os.path.join(tf_dir, "main.tf"), "w") as f:
        # A relative source: the module's own "../scan-read-policy" must stay a local path.
        f.write(ROOT_MODULE % {"module": os.path.relpath(MODULE, tf_dir)})
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID=creds["AccessKeyId"],
               AWS_SECRET_ACCESS_KEY=creds["SecretAccessKey"], AWS_SESSION_TOKEN=creds["SessionToken"],
               AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", TF_CLI_CONFIG_FILE=CLI_CONFIG,
               TF_IN_AUTOMATION="1", TF_INPUT="0", CHECKPOINT_DISABLE="1")
    env.pop("TF_WORKSPACE", None)
    with open(os.path.join(tf_dir, "terraform.tfvars.json"), "w") as f:
        json.dump(variables, f)
    t0, out = time.time(), ""
    for cmd in (["terraform", "init", "-no-color"], ["terraform", "apply", "-auto-approve", "-no-color"],
                ["terraform", "output", "-raw", "role_arn"]):
        p = subprocess.run(cmd, cwd=tf_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out += p.stdout
        if p.returncode != 0:
            return None, time.time() - t0, out
    return p.stdout.strip(), time.time() - t0, out


def main(harness, bootstrap):
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    suffix = uuid.uuid4().hex[:8]
    run_t0 = time.time()

    def central(service, region="us-east-1"):
        return boto3.client(service, endpoint_url=endpoint, region_name=region,
                            aws_access_key_id="test", aws_secret_access_key="test")

    # The member account's administrator (who applies the reader role there, and plays the
    # console): credentials assumed into the member account.
    admin = central("sts").assume_role(RoleArn=f"arn:aws:iam::{MEMBER}:role/OrganizationAccountAccessRole",
                                       RoleSessionName=f"admin-{suffix}")["Credentials"]

    def member(service, region="us-east-1"):
        return boto3.client(service, endpoint_url=endpoint, region_name=region,
                            aws_access_key_id=admin["AccessKeyId"], aws_secret_access_key=admin["SecretAccessKey"],
                            aws_session_token=admin["SessionToken"])

    failures = []

    def expect(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)
        return cond

    expect(member("sts").get_caller_identity()["Account"] == MEMBER,
           f"the assumed credentials act in the member account {MEMBER}")

    # The scanner's execution role in the central account, the one principal the reader trusts.
    scanner_role = central("iam").create_role(
        RoleName=f"drift-scanner-ar-{suffix}", AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                    "Principal": {"Service": "lambda.amazonaws.com"}}]}))["Role"]["Arn"]
    external_id = f"drift-ar-{uuid.uuid4().hex}"
    reader_name = f"drift-reader-ar-{suffix}"
    member_state_bucket = f"ar-{suffix}-member-tfstate"

    # The reader role, applied with Terraform while the rest is set up.
    work = tempfile.mkdtemp(prefix="accounts-regions-")
    applied = {}

    def apply():
        applied["arn"], applied["seconds"], applied["output"] = apply_reader_role(
            work, endpoint, admin, {"role_name": reader_name, "scanner_role_arn": scanner_role,
                                    "external_id": external_id, "state_bucket_names": [member_state_bucket]})
    applier = threading.Thread(target=apply)
    applier.start()

    scope_key, scope_value = "AccountsRegionsRun", suffix
    scope_tags = [{"Key": scope_key, "Value": scope_value}]
    names = {"central": f"ar-{suffix}-central", "west": f"ar-{suffix}-west", "frankfurt": f"ar-{suffix}-frankfurt"}
    where = {"central": (CENTRAL, "us-east-1"), "west": (MEMBER, "us-west-2"), "frankfurt": (MEMBER, "eu-central-1")}
    envs = {k: f"ar-{suffix}-{k}" for k in names}

    # Central: the report bucket, the central state bucket, the scanned bucket, a loose bucket.
    s3c = central("s3")
    report_bucket, central_state_bucket = f"ar-{suffix}-reports", f"ar-{suffix}-central-tfstate"
    for b in (report_bucket, central_state_bucket):
        s3c.create_bucket(Bucket=b)

    def protected_bucket(s3, name, region):
        if region == "us-east-1":
            s3.create_bucket(Bucket=name)
        else:
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})

    central_data = f"ar-{suffix}-central-data"
    protected_bucket(s3c, central_data, "us-east-1")
    s3c.put_object(Bucket=central_state_bucket, Key=f"env:/prod/{names['central']}/terraform.tfstate",
                   Body=json.dumps(bucket_state(central_data)))
    # The console: versioning suspended.
    s3c.put_bucket_versioning(Bucket=central_data, VersioningConfiguration={"Status": "Suspended"})

    # Member, us-west-2: the member state bucket (both member targets' states), the scanned
    # bucket, a loose bucket.
    s3w = member("s3", "us-west-2")
    s3w.create_bucket(Bucket=member_state_bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    west_data = f"ar-{suffix}-west-data"
    protected_bucket(s3w, west_data, "us-west-2")
    s3w.put_object(Bucket=member_state_bucket, Key=f"env:/prod/{names['west']}/terraform.tfstate",
                   Body=json.dumps(bucket_state(west_data)))
    # The console: public access block removed.
    s3w.delete_public_access_block(Bucket=west_data)

    # Member, eu-central-1: a security group in the default VPC; the console adds SSH from anywhere.
    ec2f = member("ec2", "eu-central-1")
    vpc_id = next(v["VpcId"] for v in ec2f.describe_vpcs()["Vpcs"] if v.get("IsDefault"))
    sg_name, sg_desc = f"ar-{suffix}-web", "web servers"
    sg_tags = {"Name": sg_name}
    group = ec2f.create_security_group(GroupName=sg_name, Description=sg_desc, VpcId=vpc_id,
                                       TagSpecifications=[{"ResourceType": "security-group", "Tags": [
                                           {"Key": k, "Value": v} for k, v in sg_tags.items()]}])["GroupId"]
    ec2f.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
        "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "https"}]}])
    s3w.put_object(Bucket=member_state_bucket, Key=f"env:/prod/{names['frankfurt']}/terraform.tfstate",
                   Body=json.dumps(group_state(group, sg_name, sg_desc, vpc_id, MEMBER, sg_tags)))
    ec2f.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])

    def loose_group(ec2, name):
        return ec2.create_security_group(
            GroupName=name, Description="made by hand",
            TagSpecifications=[{"ResourceType": "security-group", "Tags": scope_tags}])["GroupId"]

    # One resource no state manages in each scanned account+region, and two where no target
    # looks. Security groups: a listed bucket carries no tags, so UNMANAGED_SCOPE_TAGS never
    # selects a bucket (see the README).
    loose = {"central": ("aws_security_group", loose_group(central("ec2"), f"ar-{suffix}-central-loose")),
             "west": ("aws_security_group", loose_group(member("ec2", "us-west-2"), f"ar-{suffix}-west-loose")),
             "frankfurt": ("aws_security_group", loose_group(ec2f, f"ar-{suffix}-frankfurt-loose"))}
    elsewhere = {("aws_security_group", loose_group(member("ec2"), f"ar-{suffix}-member-use1-loose")),
                 ("aws_security_group", loose_group(central("ec2", "eu-central-1"), f"ar-{suffix}-central-euc1-loose"))}
    # A bucket in the member account's us-east-1: counted by neither member target.
    member("s3").create_bucket(Bucket=f"ar-{suffix}-member-use1")

    applier.join()
    reader_arn = applied.get("arn")
    print(f"terraform init + apply of member-reader-role: {applied.get('seconds', 0):.1f} s")
    if not expect(bool(reader_arn), "member-reader-role applied in the member account"):
        print(applied.get("output", "")[-4000:], file=sys.stderr)
        return 1

    # The applied reader role, read back through the member account's IAM.
    expect(reader_arn == f"arn:aws:iam::{MEMBER}:role/{reader_name}", f"the reader role is in the member account ({reader_arn})")
    role = member("iam").get_role(RoleName=reader_name)["Role"]
    trust = role["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    statements = trust.get("Statement", [])
    expect(len(statements) == 1, f"the trust policy has one statement ({len(statements)})")
    st = statements[0] if statements else {}
    principals = st.get("Principal", {}).get("AWS")
    expect(st.get("Effect") == "Allow" and st.get("Action") in ("sts:AssumeRole", ["sts:AssumeRole"]),
           "the statement allows sts:AssumeRole")
    expect(principals in (scanner_role, [scanner_role]),
           f"it trusts exactly the scanner role {scanner_role} ({principals})")
    external = st.get("Condition", {}).get("StringEquals", {}).get("sts:ExternalId")
    expect(external in (external_id, [external_id]),
           f"it requires the external id with StringEquals sts:ExternalId ({external})")
    policy_names = member("iam").list_role_policies(RoleName=reader_name)["PolicyNames"]
    policies = [member("iam").get_role_policy(RoleName=reader_name, PolicyName=p)["PolicyDocument"]
                for p in policy_names]
    expect(any(f"arn:aws:s3:::{member_state_bucket}" in json.dumps(p) for p in policies),
           "the reader's policy names the member account's state bucket")
    try:
        central("iam").get_role(RoleName=reader_name)
        expect(False, "the reader role is not in the central account")
    except ClientError as e:
        expect(e.response["Error"]["Code"] == "NoSuchEntity", "the reader role is not in the central account")

    # Where the data lives, per account (ListBuckets answers per account in moto).
    listed = lambda s3: {b["Name"] for b in s3.list_buckets()["Buckets"]}
    in_central, in_member = listed(s3c), listed(s3w)
    expect({report_bucket, central_state_bucket, central_data} <= in_central - in_member,
           "the report bucket and the central state are in the central account only")
    expect({member_state_bucket, west_data} <= in_member - in_central,
           "the member state and the west bucket are in the member account only")

    def target(key, state_bucket, state_region, role=True):
        account, region = where[key]
        t = {"name": names[key], "account_id": account, "region": region,
             "state": {"bucket": state_bucket, "key": f"{names[key]}/terraform.tfstate", "region": state_region,
                       "workspaces": ["prod"]},
             "environments": {"prod": envs[key]}}
        if role:
            t.update(role_arn=reader_arn, external_id=external_id)
        return t

    targets = [target("central", central_state_bucket, "us-east-1", role=False),
               target("west", member_state_bucket, "us-west-2"),
               target("frankfurt", member_state_bucket, "us-west-2")]

    port_file = os.path.join(work, "port")
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    env.pop("AWS_SESSION_TOKEN", None)
    log_path = os.path.join(work, "harness.log")
    log = open(log_path, "w")
    port, fn = free_port(), "drift-scanner"
    cmd = [harness, "--port", str(port), "--port-file", port_file, "--function", fn, "--bootstrap", bootstrap,
           "--concurrency", "3", "--timeout", "60",
           "--env", f"SCAN_TARGETS={json.dumps(targets)}", "--env", f"REPORT_BUCKET={report_bucket}",
           "--env", f"SCANNER_FUNCTION_NAME={fn}", "--env", "SCAN_ENGINE=native",
           "--env", f"UNMANAGED_SCOPE_TAGS={scope_key}={scope_value}",
           "--env", f"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
    try:
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        scheduled = json.dumps({"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
                                "source": "aws.events", "account": CENTRAL,
                                "time": "2026-11-23T18:00:00Z", "region": "us-east-1", "resources": [],
                                "detail": {}}).encode()
        scan_t0 = time.time()
        answer = invoke(port, fn, scheduled)
        print("scheduled invocation answered:", answer)
        if not expect(sorted(answer.get("fanned_out", [])) == sorted(names.values()),
                      "the schedule fans out to the three targets"):
            return 1
        deadline = time.time() + 90
        missing = set(names.values())
        while missing and time.time() < deadline:
            for n in list(missing):
                if s3c.list_objects_v2(Bucket=report_bucket, Prefix=f"reports/{n}/prod/latest.json").get("KeyCount"):
                    missing.discard(n)
            time.sleep(0.3)
        if not expect(not missing, f"every target's report arrived ({sorted(missing)} missing)"):
            print(open(log_path).read()[-4000:], file=sys.stderr)
            return 1
        print(f"reports of the three targets {time.time() - scan_t0:.1f} s after the schedule")

        # Per target: the report, its drift, its unmanaged finding.
        reports = {}
        for key, n in names.items():
            account, region = where[key]
            keys = [o["Key"] for o in s3c.list_objects_v2(Bucket=report_bucket, Prefix=f"reports/{n}/").get("Contents", [])
                    if o["Key"].endswith(".json")]
            expect(len(keys) == 2 and all(k.startswith(f"reports/{n}/prod/") for k in keys),
                   f"{key}: one report and latest.json under reports/{n}/prod/ in the central bucket ({keys})")
            r = json.loads(s3c.get_object(Bucket=report_bucket, Key=f"reports/{n}/prod/latest.json")["Body"].read())
            reports[key] = r
            t = r.get("target", {})
            expect((t.get("account"), t.get("region"), t.get("environment")) == (account, region, envs[key]),
                   f"{key}: the report names account {account}, region {region}, environment {envs[key]} "
                   f"({t.get('account')}, {t.get('region')}, {t.get('environment')})")
            expect(r.get("exit_code") == 2 and not r.get("errors") and r.get("engine") == "native",
                   f"{key}: the scan found drift without errors (exit {r.get('exit_code')}, errors {r.get('errors')})")
        managed = lambda r: {(d["address"], d["change"]) for d in r.get("drifts", []) if d["change"] != "unmanaged"}
        expected_drift = {
            "central": {("aws_s3_bucket_versioning.data", "update")},
            "west": {("aws_s3_bucket_public_access_block.data", "delete")},
            "frankfurt": {("aws_security_group.web", "update")}}
        for key, want in expected_drift.items():
            got = managed(reports[key])
            expect(got == want, f"{key}: exactly its own drift {sorted(want)} ({sorted(got)})")
        frankfurt_change = next((d for d in reports["frankfurt"].get("drifts", [])
                                 if d.get("address") == "aws_security_group.web"), {})
        expect("22" in json.dumps(frankfurt_change) and "0.0.0.0/0" in json.dumps(frankfurt_change),
               "frankfurt: the drift is the SSH rule added in eu-central-1")
        for key in names:
            r = reports[key]
            got = {(d.get("type"), d.get("id")) for d in r.get("drifts", []) if d.get("change") == "unmanaged"}
            expect(got == {loose[key]}, f"{key}: unmanaged lists exactly the resource of its account and region "
                                        f"{loose[key]} ({sorted(got)})")
            expect(not got & elsewhere, f"{key}: nothing of an account+region no target scans")
            types = {c.get("type") for c in r.get("coverage", [])}
            expect({"aws_s3_bucket", "aws_security_group"} <= types, f"{key}: unmanaged discovery ran per type")

        made = {"west": {"aws_s3_bucket": ({member_state_bucket, west_data}, 0),
                         "aws_security_group": ({loose["west"][1]}, 0)},
                "frankfurt": {"aws_s3_bucket": (set(), 0),
                              "aws_security_group": ({group, loose["frankfurt"][1]}, 1)}}
        for key, per_type in made.items():
            coverage = {c.get("type"): c for c in reports[key].get("coverage", [])}
            for rtype, (ids, managed_count) in per_type.items():
                c = coverage.get(rtype, {})
                expect((c.get("found"), c.get("managed")) == (len(ids), managed_count),
                       f"{key}: {rtype} found {len(ids)}, managed {managed_count}: what this run made in "
                       f"{where[key][1]} of the member account ({c.get('found')}, {c.get('managed')})")

        # Metrics: the central account's CloudWatch in the function's region, one Environment
        # each; published once per invocation, so a moment after the report.
        cw = central("cloudwatch")
        now = datetime.datetime.now(datetime.timezone.utc)

        def value(client, name, dims):
            points = client.get_metric_statistics(
                Namespace=NAMESPACE, MetricName=name, Dimensions=[{"Name": k, "Value": v} for k, v in dims],
                StartTime=now - datetime.timedelta(hours=1), EndTime=now + datetime.timedelta(hours=1),
                Period=7200, Statistics=["Sum", "SampleCount"])["Datapoints"]
            return (sum(p["Sum"] for p in points), sum(p["SampleCount"] for p in points)) if points else None

        for key in names:
            env_dim = ("Environment", envs[key])
            deadline = time.time() + 20
            while value(cw, "ResourcesScanned", [env_dim]) is None and time.time() < deadline:
                time.sleep(0.3)
            r = reports[key]
            scanned = value(cw, "ResourcesScanned", [env_dim])
            expect(scanned == (r["summary"]["resources_scanned"], 1),
                   f"{key}: ResourcesScanned {r['summary']['resources_scanned']} once for Environment={envs[key]} ({scanned})")
            errors = value(cw, "ScanErrors", [env_dim])
            expect(errors == (0, 1), f"{key}: ScanErrors 0 once ({errors})")
            by_severity = r["summary"].get("by_severity", {})
            for sev in ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"):
                got = value(cw, "DriftDetected", [env_dim, ("Severity", sev)])
                expect(got == (by_severity.get(sev, 0), 1),
                       f"{key}: DriftDetected {sev} {by_severity.get(sev, 0)} as in its report ({got})")
        for region in ("us-east-1", "us-west-2", "eu-central-1"):
            mcw = member("cloudwatch", region)
            leaked = [m for key in names for m in mcw.list_metrics(
                Namespace=NAMESPACE, Dimensions=[{"Name": "Environment", "Value": envs[key]}])["Metrics"]]
            expect(not leaked, f"no scan metric in the member account's CloudWatch in {region}")
        for region in ("us-west-2", "eu-central-1"):
            leaked = [m for key in names for m in central("cloudwatch", region).list_metrics(
                Namespace=NAMESPACE, Dimensions=[{"Name": "Environment", "Value": envs[key]}])["Metrics"]]
            expect(not leaked, f"no scan metric in the central account's {region}: they go to the function's region")
        print(f"total {time.time() - run_t0:.1f} s")
        return 1 if failures else 0
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        if failures:
            print(f"kept for a look: {work} (harness.log, the reader role's Terraform directory)", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
