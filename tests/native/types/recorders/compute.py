"""Recorders of the compute family (EC2 key pairs, launch templates, Auto Scaling groups) for
record.py: each function creates its resources in moto with boto3 and sends the calls the type
module makes, yielding the `found` and `gone` cases."""
import copy

import record

REGION = record.REGION
ACCOUNT = "123456789012"

ASG_ERROR = ('<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><Error>'
             '<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
             '<RequestId>8d3c1b8e-example</RequestId></ErrorResponse>')

# The errors Auto Scaling (query protocol) documents for throttling and denied access, for the
# throttled and denied cases.
record.ERRORS.setdefault("autoscaling", {
    "throttled": (400, "text/xml", ASG_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", ASG_ERROR, "AccessDenied",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "autoscaling:DescribeAutoScalingGroups"),
})
PUBLIC_KEY = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC3F6tyPEFEzV0LX3X8BsXdMsQz1x2cEikKDEY0aIj41qgx"
              "MCP/iteneqXSIFZBp5vizPvaoIR3Um9xK7PGoW8giupGn+EPuxIA4cDM4vzOqOkiMPhz5XK0whEjkVzTo4+"
              "S0puvDZuwIsdiW9mxhJc7tgBNL0cYlWSYVkz4G/fslNfRPW5mYAM49f4fhtxPb5ok4Q2Lg9dPKVHO/Bgeu"
              "5woMc7RY0p1ej6D4CKFE6lymSDJpW0YHX/wqE9+cfEauh7xZcG0q9t2ta6F6fmX0agvpFyZo8aFbXeUBr7o"
              "sSCJNgvavWbM/06niWrOvYX2xwWdhXmXSrbX8ZbabVohBK41 deploy@example")


# --- aws_key_pair -----------------------------------------------------------------------------

def aws_key_pair(rec):
    ec2 = rec.client("ec2")
    name = "deploy"
    ec2.import_key_pair(KeyName=name, PublicKeyMaterial=PUBLIC_KEY.encode(),
                        TagSpecifications=record.tags("key-pair", team="drift"))
    # A key whose name starts like ours: the filter must pick the exact name.
    ec2.import_key_pair(KeyName=name + "-old", PublicKeyMaterial=PUBLIC_KEY.encode())

    def read():
        return [rec.call(ec2, "describe_key_pairs",
                         record.query_match("ec2", "DescribeKeyPairs", name),
                         Filters=record.ec2_filter("key-name", name))]

    res = {"id": name}
    yield (f"RSA key pair `{name}` imported with tag team=drift, beside `{name}-old`", res, read())
    ec2.delete_key_pair(KeyName=name)
    yield ("the same key after DeleteKeyPair", res, read())


# --- aws_launch_template ----------------------------------------------------------------------

# Version 2 of the recorded template: every block the module reads, as CreateLaunchTemplateVersion
# takes them.
RICH_DATA = {
    "BlockDeviceMappings": [
        {"DeviceName": "/dev/xvda",
         "Ebs": {"VolumeSize": 20, "VolumeType": "gp3", "Iops": 3000, "Throughput": 125,
                 "DeleteOnTermination": True, "Encrypted": True}},
        {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
    ],
    "CapacityReservationSpecification": {"CapacityReservationPreference": "open"},
    "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": 1},
    "DisableApiStop": True,
    "DisableApiTermination": True,
    "EbsOptimized": False,
    "EnclaveOptions": {"Enabled": False},
    "HibernationOptions": {"Configured": True},
    "IamInstanceProfile": {"Name": "web-profile"},
    "ImageId": "ami-12c6146b",
    "InstanceInitiatedShutdownBehavior": "terminate",
    "InstanceMarketOptions": {"MarketType": "spot",
                              "SpotOptions": {"MaxPrice": "0.05",
                                              "SpotInstanceType": "one-time"}},
    "InstanceRequirements": {"VCpuCount": {"Min": 2, "Max": 4}, "MemoryMiB": {"Min": 4096},
                             "MemoryGiBPerVCpu": {"Min": 0.5, "Max": 4.0},
                             "CpuManufacturers": ["intel", "amd"],
                             "InstanceGenerations": ["current"]},
    "KeyName": "deploy",
    "LicenseSpecifications": [
        {"LicenseConfigurationArn":
         f"arn:aws:license-manager:{REGION}:{ACCOUNT}:license-configuration:lic-0123456789abcdef"}],
    "MaintenanceOptions": {"AutoRecovery": "default"},
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2,
                        "HttpEndpoint": "enabled"},
    "Monitoring": {"Enabled": True},
    "NetworkInterfaces": [
        {"DeviceIndex": 0, "AssociatePublicIpAddress": False, "DeleteOnTermination": True,
         "Description": "primary", "Groups": ["sg-0b2c3d4e5f6a7b8c9", "sg-01a2b3c4d5e6f7a8b"],
         "SubnetId": "subnet-0123456789abcdef0", "Ipv6AddressCount": 1}],
    "Placement": {"AvailabilityZone": "us-east-1a", "Tenancy": "default"},
    "PrivateDnsNameOptions": {"HostnameType": "resource-name",
                              "EnableResourceNameDnsARecord": True},
    "TagSpecifications": [{"ResourceType": "instance",
                           "Tags": [{"Key": "Role", "Value": "web"}]}],
    "UserData": "IyEvYmluL3NoCmVjaG8gaGVsbG8K",
}


def launch_template_reads(rec, ec2, lt_id, latest):
    out = [rec.call(ec2, "describe_launch_templates",
                    record.query_match("ec2", "DescribeLaunchTemplates", lt_id),
                    LaunchTemplateIds=[lt_id])]
    if latest:
        out.append(rec.call(ec2, "describe_launch_template_versions",
                            record.query_match("ec2", "DescribeLaunchTemplateVersions", lt_id,
                                               f"LaunchTemplateVersion.1={latest}"),
                            LaunchTemplateId=lt_id, Versions=[str(latest)]))
    return out


def launch_template_from_source(rec, ec2, lt_id, res):
    """moto ignores SourceVersion: a version made from version 2 with only another instance
    type answers that type alone. The recorded answer is rewritten in the shape the EC2 API
    reference documents for DescribeLaunchTemplateVersions: version 3 holds version 2's data
    with the one change."""
    import copy
    import re
    ec2.create_launch_template_version(LaunchTemplateId=lt_id, SourceVersion="2",
                                       VersionDescription="web servers",
                                       LaunchTemplateData={"InstanceType": "t3.large"})
    x = launch_template_reads(rec, ec2, lt_id, 3)
    v2 = launch_template_reads(rec, ec2, lt_id, 2)[1]["response"]["body"]
    data = re.search(r"<launchTemplateData>(.*)</launchTemplateData>", v2, re.S).group(1)
    data = data.replace("<instanceRequirements>", "<instanceType>t3.large</instanceType>"
                        "<instanceRequirements>", 1)
    data = re.sub(r"<instanceRequirements>.*</instanceRequirements>", "", data, flags=re.S)
    body = x[1]["response"]["body"]
    body = re.sub(r"<launchTemplateData>.*</launchTemplateData>",
                  lambda _: "<launchTemplateData>" + data + "</launchTemplateData>", body,
                  flags=re.S)
    x = copy.deepcopy(x)
    x[1]["response"]["body"] = body
    x[1]["edited"] = ("moto ignores SourceVersion: the recorded answer rewritten in the "
                      "documented DescribeLaunchTemplateVersions shape, version 3 holding "
                      "version 2's launchTemplateData with InstanceType t3.large in place of "
                      "the instance requirements")
    record.write("aws_launch_template", "from_source_version",
                 "the template after CreateLaunchTemplateVersion from SourceVersion 2 with "
                 "only InstanceType t3.large (edited: moto ignores SourceVersion)", res, x)


def aws_launch_template(rec):
    ec2 = rec.client("ec2")
    lt = ec2.create_launch_template(
        LaunchTemplateName="web", VersionDescription="web servers",
        LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"},
        TagSpecifications=record.tags("launch-template", team="drift"))["LaunchTemplate"]
    lt_id = lt["LaunchTemplateId"]
    # The provider refreshes the latest version, not the default one (still 1 here).
    ec2.create_launch_template_version(LaunchTemplateId=lt_id, VersionDescription="web servers",
                                       LaunchTemplateData=RICH_DATA)
    res = {"id": lt_id}
    found = ("launch template `web` tagged team=drift: version 1 (default) a t3.micro, version 2 "
             "(latest) with every block the module reads", res,
             launch_template_reads(rec, ec2, lt_id, 2))
    yield found
    launch_template_from_source(rec, ec2, lt_id, res)
    ec2.delete_launch_template(LaunchTemplateId=lt_id)
    gone = launch_template_reads(rec, ec2, lt_id, None)
    launch_template_not_found(gone, res)
    yield ("the same template after DeleteLaunchTemplate", res, gone)


def launch_template_not_found(gone, res):
    """moto leaves a deleted id out of the answer; EC2 refuses the call with
    InvalidLaunchTemplateId.NotFound, as its error codes reference documents."""
    x = copy.deepcopy(gone[0])
    x["edited"] = ("moto answers an empty list for a deleted id: the response replaced by the "
                   "error EC2 documents for an id that does not exist "
                   "(InvalidLaunchTemplateId.NotFound, HTTP 400)")
    x["response"] = {"status": 400, "headers": {"Content-Type": "text/xml;charset=UTF-8"},
                     "body": record.EC2_ERROR.format(
                         code="InvalidLaunchTemplateId.NotFound",
                         message=f"The specified launch template, with template ID {res['id']}, "
                                 "does not exist.")}
    record.write("aws_launch_template", "not_found",
                 "the deleted template as EC2 answers it: InvalidLaunchTemplateId.NotFound "
                 "(edited: moto answers an empty list)", res, [x])


# --- aws_autoscaling_group --------------------------------------------------------------------

# Two target groups in the documented TrafficSourceIdentifier shape (moto has no traffic sources).
TRAFFIC_SOURCES = [
    f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/web-b/0123456789abcdef",
    f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/web-a/fedcba9876543210",
]


def group_read(rec, asg, name):
    return [rec.call(asg, "describe_auto_scaling_groups",
                     record.query_match("autoscaling", "DescribeAutoScalingGroups", name),
                     AutoScalingGroupNames=[name], MaxRecords=100)]


def group_with_traffic_sources(found):
    """The found answer with two traffic sources, as DescribeAutoScalingGroups documents them."""
    about, res, exchanges = found
    x = copy.deepcopy(exchanges)
    members = "".join(f"<member><Identifier>{arn}</Identifier><Type>elbv2</Type></member>"
                      for arn in TRAFFIC_SOURCES)
    body = x[0]["response"]["body"]
    x[0]["response"]["body"] = body.replace(
        "<CapacityRebalance>", f"<TrafficSources>{members}</TrafficSources><CapacityRebalance>", 1)
    x[0]["edited"] = ("moto has no traffic sources (no AttachTrafficSources, no "
                      "DescribeTrafficSources): the recorded answer given a <TrafficSources> "
                      "list of two elbv2 target groups in the shape the Auto Scaling API "
                      "reference documents")
    record.write("aws_autoscaling_group", "traffic_sources",
                 "the group of `found` after AttachTrafficSources of two target groups (edited: "
                 "moto cannot make this change)", res, x)


def mixed_group(rec, asg, lt_id):
    """A group mixing on-demand and spot instances over two instance types, as a case of its
    own (`mixed`): its mixed_instances_policy read."""
    asg.create_auto_scaling_group(
        AutoScalingGroupName="spot", MinSize=0, MaxSize=2, DesiredCapacity=0,
        AvailabilityZones=["us-east-1a"],
        MixedInstancesPolicy={
            "LaunchTemplate": {
                "LaunchTemplateSpecification": {"LaunchTemplateId": lt_id, "Version": "$Latest"},
                "Overrides": [{"InstanceType": "t3.micro", "WeightedCapacity": "1"},
                              {"InstanceType": "t3.small", "WeightedCapacity": "2"}]},
            "InstancesDistribution": {"OnDemandBaseCapacity": 0,
                                      "OnDemandPercentageAboveBaseCapacity": 25,
                                      "SpotAllocationStrategy": "capacity-optimized"}})
    record.write("aws_autoscaling_group", "mixed",
                 "group `spot`: 25 % on-demand above a base of 0, capacity-optimized spot, "
                 "t3.micro (weight 1) and t3.small (weight 2) over launch template `web`",
                 {"id": "spot", "launch_template_id": lt_id}, group_read(rec, asg, "spot"))


def aws_autoscaling_group(rec):
    ec2 = rec.client("ec2")
    asg = rec.client("autoscaling")
    lt = ec2.create_launch_template(
        LaunchTemplateName="web",
        LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"})
    lt_id = lt["LaunchTemplate"]["LaunchTemplateId"]
    name = "web"
    asg.create_auto_scaling_group(
        AutoScalingGroupName=name, MinSize=1, MaxSize=4, DesiredCapacity=2,
        AvailabilityZones=["us-east-1b", "us-east-1a"], HealthCheckType="EC2",
        HealthCheckGracePeriod=120, DefaultCooldown=300,
        TerminationPolicies=["OldestInstance", "Default"],
        LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "$Latest"},
        Tags=[{"Key": "Role", "Value": "web", "PropagateAtLaunch": True},
              {"Key": "team", "Value": "drift", "PropagateAtLaunch": False}])
    asg.enable_metrics_collection(AutoScalingGroupName=name, Granularity="1Minute",
                                  Metrics=["GroupInServiceInstances", "GroupDesiredCapacity"])
    asg.suspend_processes(AutoScalingGroupName=name, ScalingProcesses=["AZRebalance"])
    # A group whose name starts like ours: the read must pick the exact name.
    asg.create_auto_scaling_group(
        AutoScalingGroupName=name + "-canary", MinSize=0, MaxSize=1,
        AvailabilityZones=["us-east-1a"],
        LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "$Latest"})
    res = {"id": name, "launch_template_id": lt_id}
    found = (f"group `{name}` (1..4, desired 2, two zones, EC2 health checks, two termination "
             "policies, two metrics, AZRebalance suspended, two tags) from launch template `web`",
             res, group_read(rec, asg, name))
    group_with_traffic_sources(found)
    mixed_group(rec, asg, lt_id)
    yield found
    asg.delete_auto_scaling_group(AutoScalingGroupName=name, ForceDelete=True)
    yield ("the same group after DeleteAutoScalingGroup", res, group_read(rec, asg, name))


TYPES = {
    "aws_key_pair": aws_key_pair,
    "aws_launch_template": aws_launch_template,
    "aws_autoscaling_group": aws_autoscaling_group,
}
