"""Recorders of the keys/secrets (KMS, Secrets Manager, SSM) and events (CloudWatch Logs,
CloudWatch alarms, EventBridge) families for record.py: each function creates its resources
in moto with boto3 and sends the calls the type module makes, yielding the `found` and `gone`
cases."""
import json

import record

ACCOUNT = "123456789012"
REGION = record.REGION


def json_errors(prefix, action):
    """The errors a JSON-protocol service documents for throttling and denied access."""
    return {
        "throttled": (400, "application/x-amz-json-1.1", None, f"{prefix}#ThrottlingException",
                      "Rate exceeded"),
        "denied": (400, "application/x-amz-json-1.1", None,
                   "com.amazon.coral.service#AccessDeniedException",
                   f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
                   f"{action}"),
    }


record.ERRORS.setdefault("kms", json_errors("com.amazonaws.kms", "kms:DescribeKey"))
record.ERRORS.setdefault("secretsmanager", json_errors("com.amazonaws.secretsmanager",
                                                       "secretsmanager:DescribeSecret"))
record.ERRORS.setdefault("ssm", json_errors("com.amazonaws.ssm", "ssm:DescribeParameters"))


def m(service, action, *contains):
    return {"service": service, "action": action, "contains": list(contains)}


KEY_POLICY = {"Version": "2012-10-17", "Id": "key-default-1", "Statement": [{
    "Sid": "Enable IAM User Permissions", "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}]}


def make_key(kms):
    key = kms.create_key(Description="drift secrets", Policy=json.dumps(KEY_POLICY),
                         Tags=[{"TagKey": "team", "TagValue": "drift"}])["KeyMetadata"]["KeyId"]
    kms.enable_key_rotation(KeyId=key)
    return key


def aws_kms_key(rec):
    kms = rec.client("kms")
    key = make_key(kms)

    def read(full=True):
        out = [rec.call(kms, "describe_key", m("kms", "DescribeKey", key), KeyId=key)]
        if full:
            out += [rec.call(kms, "get_key_policy", m("kms", "GetKeyPolicy", key, "default"),
                             KeyId=key, PolicyName="default"),
                    rec.call(kms, "get_key_rotation_status",
                             m("kms", "GetKeyRotationStatus", key), KeyId=key),
                    rec.call(kms, "list_resource_tags", m("kms", "ListResourceTags", key),
                             KeyId=key)]
        return out

    yield ("symmetric key described `drift secrets`, a policy granting the account kms:*, "
           "rotation on, tagged team=drift", {"id": key}, read())
    kms.schedule_key_deletion(KeyId=key, PendingWindowInDays=7)
    yield ("the same key after ScheduleKeyDeletion (PendingDeletion)", {"id": key},
           read(full=False))


def aws_kms_alias(rec):
    kms = rec.client("kms")
    key = make_key(kms)
    kms.create_alias(AliasName="alias/drift-secrets", TargetKeyId=key)

    def read():
        return [rec.call(kms, "list_aliases", m("kms", "ListAliases"))]

    res = {"id": "alias/drift-secrets", "key": key}
    yield ("alias/drift-secrets of the key `drift secrets` (moto also lists AWS managed aliases)",
           res, read())
    kms.delete_alias(AliasName="alias/drift-secrets")
    yield ("the aliases after DeleteAlias", res, read())


SECRET_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Sid": "ReadByScanner", "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/scanner"},
    "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}


def aws_secretsmanager_secret(rec):
    sm = rec.client("secretsmanager")
    kms = rec.client("kms")
    key = make_key(kms)
    arn = sm.create_secret(Name="drift/db", Description="database password", KmsKeyId=key,
                           SecretString="not-read", Tags=[{"Key": "team", "Value": "drift"}])["ARN"]
    sm.put_resource_policy(SecretId=arn, ResourcePolicy=json.dumps(SECRET_POLICY))

    def read(full=True):
        out = [rec.call(sm, "describe_secret", m("secretsmanager", "DescribeSecret", arn),
                        SecretId=arn)]
        if full:
            out.append(rec.call(sm, "get_resource_policy",
                                m("secretsmanager", "GetResourcePolicy", arn), SecretId=arn))
        return out

    yield ("secret drift/db described `database password`, encrypted with the key `drift "
           "secrets`, a policy letting role/scanner read it, tagged team=drift (its value is "
           "never read)", {"id": arn, "key": key}, read())
    sm.delete_secret(SecretId=arn, ForceDeleteWithoutRecovery=True)
    yield ("the same secret after DeleteSecret (ResourceNotFoundException)", {"id": arn},
           read(full=False))


def aws_ssm_parameter(rec):
    ssm = rec.client("ssm")
    name = "/drift/db/password"
    ssm.put_parameter(Name=name, Description="database password", Type="SecureString",
                      Value="first-secret", Tags=[{"Key": "team", "Value": "drift"}])
    # A second version: the module must see version 2 without decrypting.
    ssm.put_parameter(Name=name, Type="SecureString", Value="second-secret", Overwrite=True)

    def read(tags=True):
        filters = [{"Key": "Name", "Option": "Equals", "Values": [name]}]
        out = [rec.call(ssm, "describe_parameters", m("ssm", "DescribeParameters", name),
                        ParameterFilters=filters, MaxResults=50),
               rec.call(ssm, "get_parameters", m("ssm", "GetParameters", name,
                                                 '"WithDecryption":false'),
                        Names=[name], WithDecryption=False)]
        if tags:
            out.append(rec.call(ssm, "list_tags_for_resource",
                                m("ssm", "ListTagsForResource", name),
                                ResourceType="Parameter", ResourceId=name))
        return out

    yield (f"SecureString {name} described `database password` with the default key, "
           "overwritten once (version 2), tagged team=drift", {"id": name}, read())
    ssm.delete_parameter(Name=name)
    yield ("the same parameter after DeleteParameter", {"id": name}, read(tags=False))


TYPES = {
    "aws_kms_key": aws_kms_key,
    "aws_kms_alias": aws_kms_alias,
    "aws_secretsmanager_secret": aws_secretsmanager_secret,
    "aws_ssm_parameter": aws_ssm_parameter,
}
