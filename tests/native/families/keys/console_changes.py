#!/usr/bin/env python3
"""Console-like changes to the keys family in one workspace (see ../README.md).

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
    kms = boto3.client("kms", **kw)
    sm = boto3.client("secretsmanager", **kw)
    ssm = boto3.client("ssm", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    changes, not_drift = [], []

    alias = f"alias/{name}-secrets"
    aliases = {x["AliasName"]: x.get("TargetKeyId") for x in kms.list_aliases()["Aliases"]}
    key = aliases[alias]
    spare = next(k["KeyId"] for k in kms.list_keys()["Keys"]
                 if kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"].get("Description") == f"{name} spare")

    # The key's description edited.
    kms.update_key_description(KeyId=key, Description="edited in the console")
    changes.append({"name": "key_description", "address": "aws_kms_key.secrets", "change": "update",
                    "attributes": ["description"]})

    # Not drift: the key policy written again with its keys and statement members reordered.
    policy = json.loads(kms.get_key_policy(KeyId=key, PolicyName="default")["Policy"])
    reordered = {k: policy[k] for k in reversed(list(policy))}
    reordered["Statement"] = [{k: s[k] for k in reversed(list(s))} for s in policy["Statement"]]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=json.dumps(reordered, indent=2))
    not_drift.append({"name": "key_policy_reordered", "address": "aws_kms_key.secrets",
                      "attributes": ["policy"]})

    # The alias moved to the spare key.
    kms.update_alias(AliasName=alias, TargetKeyId=spare)
    changes.append({"name": "alias_moved", "address": "aws_kms_alias.secrets", "change": "update",
                    "attributes": ["target_key_id", "target_key_arn"]})

    # The secret's description edited; its tags re-sent unchanged (not drift).
    secret = f"{name}/db"
    sm.update_secret(SecretId=secret, Description="edited in the console")
    changes.append({"name": "secret_description", "address": "aws_secretsmanager_secret.db",
                    "change": "update", "attributes": ["description"]})
    tags = sm.describe_secret(SecretId=secret).get("Tags", [])
    sm.tag_resource(SecretId=secret, Tags=list(reversed(tags)))
    not_drift.append({"name": "secret_tags_resent", "address": "aws_secretsmanager_secret.db",
                      "attributes": ["tags", "tags_all"]})

    # The SecureString overwritten with a new value: a new version, the value never read.
    ssm.put_parameter(Name=f"/{name}/db/password", Type="SecureString", Value="rotated-by-hand",
                      Overwrite=True)
    changes.append({"name": "password_overwritten", "address": "aws_ssm_parameter.password",
                    "change": "update", "attributes": ["value", "version"]})

    # The plain parameter's value edited.
    ssm.put_parameter(Name=f"/{name}/db/endpoint", Type="String", Value="db.replica:5432",
                      Overwrite=True)
    changes.append({"name": "endpoint_edited", "address": "aws_ssm_parameter.endpoint",
                    "change": "update", "attributes": ["value", "version"]})

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
