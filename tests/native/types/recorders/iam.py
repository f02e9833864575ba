"""Recorders of the IAM family (functions/drift-scanner/native/types/iam/), loaded by record.py.

IAM is global: the modules read one paginated GetAccountAuthorizationDetails per batch (roles,
users, groups or local policies), so most recordings are that one call.
"""
import json

import record

# IAM answers errors in the query protocol's shape, as its API reference documents them.
IAM_ERROR = ('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>'
             '<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
             '<RequestId>4ab8f0c2-example</RequestId></ErrorResponse>')
record.ERRORS["iam"] = {
    "throttled": (400, "text/xml", IAM_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", IAM_ERROR, "AccessDenied",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "iam:GetAccountAuthorizationDetails on resource: *"),
}

TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]}
READ_LOGS = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"],
    "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/drift/*"}]}
WRITE_QUEUE = {"Version": "2012-10-17", "Statement": [{
    "Sid": "Send", "Effect": "Allow", "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:123456789012:drift-events"}]}
BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess"


def details(rec, iam, kind):
    return rec.call(iam, "get_account_authorization_details",
                    record.query_match("iam", "GetAccountAuthorizationDetails",
                                       "Filter.member.1=" + kind, "MaxItems=1000"),
                    Filter=[kind], MaxItems=1000)


def list_roles(rec, iam):
    return rec.call(iam, "list_roles", record.query_match("iam", "ListRoles", "MaxItems=1000"),
                    MaxItems=1000)


def managed_policy(iam, name="drift-queue-writer"):
    return iam.create_policy(PolicyName=name, Path="/drift/", PolicyDocument=json.dumps(
        WRITE_QUEUE), Description="send drift events",
        Tags=[{"Key": "team", "Value": "drift"}])["Policy"]["Arn"]


def make_role(iam):
    iam.create_role(RoleName="scanner", Path="/service/", AssumeRolePolicyDocument=json.dumps(TRUST),
                    Description="drift scanner", MaxSessionDuration=7200,
                    PermissionsBoundary=BOUNDARY, Tags=[{"Key": "team", "Value": "drift"}])
    iam.put_role_policy(RoleName="scanner", PolicyName="read-logs",
                        PolicyDocument=json.dumps(READ_LOGS))
    arn = managed_policy(iam)
    iam.attach_role_policy(RoleName="scanner", PolicyArn=arn)
    return arn


ABOUT_ROLE = ("role `scanner` under /service/ trusted by Lambda, described `drift scanner`, 2 h "
              "sessions, PowerUserAccess as boundary, inline policy `read-logs`, the managed "
              "policy drift-queue-writer attached, tagged team=drift")


def remove_role(iam, arn):
    iam.delete_role_policy(RoleName="scanner", PolicyName="read-logs")
    iam.detach_role_policy(RoleName="scanner", PolicyArn=arn)
    iam.delete_role(RoleName="scanner")


def aws_iam_role(rec):
    iam = rec.client("iam")
    arn = make_role(iam)

    def read():
        return [details(rec, iam, "Role"), list_roles(rec, iam)]

    yield (ABOUT_ROLE, {"id": "scanner", "policy_arn": arn}, read())
    remove_role(iam, arn)
    yield ("the same role after DeleteRole", {"id": "scanner", "policy_arn": arn}, read())


def aws_iam_role_policy(rec):
    iam = rec.client("iam")
    make_role(iam)
    res = {"id": "scanner:read-logs", "role": "scanner", "name": "read-logs"}
    yield (ABOUT_ROLE, res, [details(rec, iam, "Role")])
    iam.delete_role_policy(RoleName="scanner", PolicyName="read-logs")
    yield ("the role after DeleteRolePolicy", res, [details(rec, iam, "Role")])


def aws_iam_role_policy_attachment(rec):
    iam = rec.client("iam")
    arn = make_role(iam)
    res = {"id": "scanner-20260101000000000000000001", "role": "scanner", "policy_arn": arn}
    yield (ABOUT_ROLE, res, [details(rec, iam, "Role")])
    iam.detach_role_policy(RoleName="scanner", PolicyArn=arn)
    yield ("the role after DetachRolePolicy", res, [details(rec, iam, "Role")])


def aws_iam_policy(rec):
    iam = rec.client("iam")
    arn = managed_policy(iam)
    # A second default version: the module must read the default's document, not v1's.
    widened = dict(WRITE_QUEUE, Statement=[dict(WRITE_QUEUE["Statement"][0],
                                                Action=["sqs:SendMessage", "sqs:GetQueueUrl"])])
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(widened), SetAsDefault=True)

    def read(tags=True):
        out = [details(rec, iam, "LocalManagedPolicy")]
        if tags:
            out.append(rec.call(iam, "list_policy_tags",
                                record.query_match("iam", "ListPolicyTags", arn), PolicyArn=arn))
        return out

    about = ("policy drift-queue-writer under /drift/, described `send drift events`, tagged "
             "team=drift, v2 (SendMessage and GetQueueUrl) the default over v1")
    yield (about, {"id": arn}, read())
    iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    iam.delete_policy(PolicyArn=arn)
    yield ("the same policy after DeletePolicy", {"id": arn}, read(tags=False))


def make_user(iam):
    iam.create_user(UserName="auditor", Path="/people/", Tags=[{"Key": "team", "Value": "drift"}])
    iam.put_user_policy(UserName="auditor", PolicyName="read-logs",
                        PolicyDocument=json.dumps(READ_LOGS))
    arn = managed_policy(iam)
    iam.attach_user_policy(UserName="auditor", PolicyArn=arn)
    return arn


ABOUT_USER = ("user `auditor` under /people/ tagged team=drift, inline policy `read-logs`, the "
              "managed policy drift-queue-writer attached")


def aws_iam_user(rec):
    iam = rec.client("iam")
    arn = make_user(iam)
    yield (ABOUT_USER, {"id": "auditor"}, [details(rec, iam, "User")])
    iam.delete_user_policy(UserName="auditor", PolicyName="read-logs")
    iam.detach_user_policy(UserName="auditor", PolicyArn=arn)
    iam.delete_user(UserName="auditor")
    yield ("the same user after DeleteUser", {"id": "auditor"}, [details(rec, iam, "User")])


def aws_iam_user_policy(rec):
    iam = rec.client("iam")
    make_user(iam)
    res = {"id": "auditor:read-logs", "user": "auditor", "name": "read-logs"}
    yield (ABOUT_USER, res, [details(rec, iam, "User")])
    iam.delete_user_policy(UserName="auditor", PolicyName="read-logs")
    yield ("the user after DeleteUserPolicy", res, [details(rec, iam, "User")])


def aws_iam_user_policy_attachment(rec):
    iam = rec.client("iam")
    arn = make_user(iam)
    res = {"id": "auditor-20260101000000000000000001", "user": "auditor", "policy_arn": arn}
    yield (ABOUT_USER, res, [details(rec, iam, "User")])
    iam.detach_user_policy(UserName="auditor", PolicyArn=arn)
    yield ("the user after DetachUserPolicy", res, [details(rec, iam, "User")])


def make_group(iam):
    iam.create_group(GroupName="operators", Path="/teams/")
    iam.put_group_policy(GroupName="operators", PolicyName="read-logs",
                         PolicyDocument=json.dumps(READ_LOGS))
    arn = managed_policy(iam)
    iam.attach_group_policy(GroupName="operators", PolicyArn=arn)
    return arn


ABOUT_GROUP = ("group `operators` under /teams/, inline policy `read-logs`, the managed policy "
               "drift-queue-writer attached")


def aws_iam_group(rec):
    iam = rec.client("iam")
    arn = make_group(iam)
    yield (ABOUT_GROUP, {"id": "operators"}, [details(rec, iam, "Group")])
    iam.delete_group_policy(GroupName="operators", PolicyName="read-logs")
    iam.detach_group_policy(GroupName="operators", PolicyArn=arn)
    iam.delete_group(GroupName="operators")
    yield ("the same group after DeleteGroup", {"id": "operators"}, [details(rec, iam, "Group")])


def aws_iam_group_policy(rec):
    iam = rec.client("iam")
    make_group(iam)
    res = {"id": "operators:read-logs", "group": "operators", "name": "read-logs"}
    yield (ABOUT_GROUP, res, [details(rec, iam, "Group")])
    iam.delete_group_policy(GroupName="operators", PolicyName="read-logs")
    yield ("the group after DeleteGroupPolicy", res, [details(rec, iam, "Group")])


def aws_iam_group_policy_attachment(rec):
    iam = rec.client("iam")
    arn = make_group(iam)
    res = {"id": "operators-20260101000000000000000001", "group": "operators", "policy_arn": arn}
    yield (ABOUT_GROUP, res, [details(rec, iam, "Group")])
    iam.detach_group_policy(GroupName="operators", PolicyArn=arn)
    yield ("the group after DetachGroupPolicy", res, [details(rec, iam, "Group")])


TYPES = {
    "aws_iam_role": aws_iam_role,
    "aws_iam_role_policy": aws_iam_role_policy,
    "aws_iam_role_policy_attachment": aws_iam_role_policy_attachment,
    "aws_iam_policy": aws_iam_policy,
    "aws_iam_user": aws_iam_user,
    "aws_iam_user_policy": aws_iam_user_policy,
    "aws_iam_user_policy_attachment": aws_iam_user_policy_attachment,
    "aws_iam_group": aws_iam_group,
    "aws_iam_group_policy": aws_iam_group_policy,
    "aws_iam_group_policy_attachment": aws_iam_group_policy_attachment,
}


def aws_iam_instance_profile(rec):
    iam = rec.client("iam")
    iam.create_role(RoleName="scanner", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.create_instance_profile(InstanceProfileName="scanner-host", Path="/hosts/",
                                Tags=[{"Key": "team", "Value": "drift"}])
    iam.add_role_to_instance_profile(InstanceProfileName="scanner-host", RoleName="scanner")

    def read():
        return [rec.call(iam, "get_instance_profile",
                         record.query_match("iam", "GetInstanceProfile", "scanner-host"),
                         InstanceProfileName="scanner-host")]

    yield ("instance profile `scanner-host` under /hosts/ holding role `scanner`, tagged "
           "team=drift", {"id": "scanner-host"}, read())
    iam.remove_role_from_instance_profile(InstanceProfileName="scanner-host", RoleName="scanner")
    iam.delete_instance_profile(InstanceProfileName="scanner-host")
    yield ("the same profile after DeleteInstanceProfile", {"id": "scanner-host"}, read())


def aws_iam_group_membership(rec):
    iam = rec.client("iam")
    iam.create_group(GroupName="operators")
    for user in ("carol", "alice", "bob"):
        iam.create_user(UserName=user)
    for user in ("carol", "alice"):
        iam.add_user_to_group(GroupName="operators", UserName=user)

    def read():
        return [rec.call(iam, "get_account_authorization_details",
                         record.query_match("iam", "GetAccountAuthorizationDetails",
                                            "Filter.member.1=User", "Filter.member.2=Group"),
                         Filter=["User", "Group"], MaxItems=1000)]

    res = {"id": "operators-members", "group": "operators"}
    yield ("group `operators` with users carol and alice (bob outside it)", res, read())
    for user in ("carol", "alice"):
        iam.remove_user_from_group(GroupName="operators", UserName=user)
    iam.delete_group(GroupName="operators")
    yield ("the same group after DeleteGroup", res, read())


OIDC_URL = "https://token.actions.githubusercontent.com"


def aws_iam_openid_connect_provider(rec):
    iam = rec.client("iam")
    arn = iam.create_open_id_connect_provider(
        Url=OIDC_URL, ClientIDList=["sts.amazonaws.com", "drift-scanner"],
        ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"],
        Tags=[{"Key": "team", "Value": "drift"}])["OpenIDConnectProviderArn"]

    def read():
        return [rec.call(iam, "get_open_id_connect_provider",
                         record.query_match("iam", "GetOpenIDConnectProvider", arn),
                         OpenIDConnectProviderArn=arn)]

    yield ("the GitHub Actions OIDC provider with two audiences, one thumbprint, tagged "
           "team=drift", {"id": arn}, read())
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    yield ("the same provider after DeleteOpenIDConnectProvider", {"id": arn}, read())


TYPES.update({
    "aws_iam_instance_profile": aws_iam_instance_profile,
    "aws_iam_group_membership": aws_iam_group_membership,
    "aws_iam_openid_connect_provider": aws_iam_openid_connect_provider,
})
