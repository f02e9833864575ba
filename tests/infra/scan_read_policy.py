#!/usr/bin/env python3
"""The scan-read policy grants exactly what the scan needs: the union of the IAM actions the
native engine's type modules declare (`drift-scan types --json`, "permissions") plus the
scanner's own reads beyond the engine (SCANNER_NEEDS). Fails naming every action a module
needs that the policy lacks, and every policy action nothing here explains.

The policy is read as Terraform renders it: a throwaway root module calls
infra/modules/scan-read-policy and outputs its JSON; `terraform apply` (data sources and an
output only, a fake provider configuration, no AWS call) and `terraform output` give it. The
provider comes from the local mirror, as in validate.sh.

usage: scan_read_policy.py --bootstrap BOOTSTRAP [--source-dir DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

# Reads of the scanner itself, not of a type module: why each is granted.
SCANNER_NEEDS = {
    "s3:ListBucket": "finding the state objects in the state buckets",
    "s3:GetObject": "reading Terraform state",
    "s3:GetObjectVersion": "reading a given version of a state object",
    "kms:Decrypt": "state objects encrypted with the state KMS keys (only those keys)",
}
# Never granted: they return a secret's or a parameter's value, or decrypt beyond the state.
FORBIDDEN = {"secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath",
             "ssm:GetParameterHistory"}
STATE_KEY = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"

ROOT_MODULE = """
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

module "policy" {
  source             = "%(module)s"
  account_id         = "123456789012"
  state_bucket_names = ["state-bucket"]
  state_kms_key_arns = ["%(key)s"]
}

output "policy" {
  value = module.policy.json
}
"""

CLI_CONFIG = """provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
"""


def as_list(v):
    return v if isinstance(v, list) else [v] if v is not None else []


def rendered_policy(module_dir):
    with tempfile.TemporaryDirectory(prefix="drift-scan-read-policy.") as work:
        env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0",
                   TF_CLI_CONFIG_FILE=os.path.join(work, "terraform.rc"))
        with open(env["TF_CLI_CONFIG_FILE"], "w") as f:
            f.write(CLI_CONFIG)
        with open(os.path.join(work, "main.tf"), "w") as f:
            f.write(ROOT_MODULE % {"module": module_dir, "key": STATE_KEY})
        for cmd in (["init", "-backend=false", "-no-color"],
                    ["apply", "-auto-approve", "-no-color"]):
            r = subprocess.run(["terraform", *cmd], cwd=work, env=env, capture_output=True,
                               text=True)
            if r.returncode != 0:
                sys.exit(f"terraform {cmd[0]} failed:\n{r.stdout}{r.stderr}")
        out = subprocess.run(["terraform", "output", "-raw", "policy"], cwd=work, env=env,
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--source-dir",
                    default=os.path.dirname(os.path.dirname(os.path.dirname(
                        os.path.abspath(__file__)))))
    args = ap.parse_args()

    types = json.loads(subprocess.run([args.bootstrap, "types", "--json"], check=True,
                                      capture_output=True, text=True).stdout)["types"]
    needed = {}  # action -> the types that call it
    problems = []
    for t in types:
        perms = t.get("permissions") or {}
        actions = set(perms.get("read", [])) | set(perms.get("list", []))
        if not perms.get("read"):
            problems.append(f"{t['type']} declares no read permissions")
        for a in actions:
            needed.setdefault(a, []).append(t["type"])

    policy = rendered_policy(os.path.join(args.source_dir, "infra/modules/scan-read-policy"))
    granted = {}
    for st in as_list(policy.get("Statement")):
        if st.get("Effect") != "Allow":
            continue
        for a in as_list(st.get("Action")):
            granted.setdefault(a, []).append(st)

    for a in sorted(set(needed) - set(granted)):
        problems.append(f"missing from the policy: {a} (called by {', '.join(needed[a])})")
    for a in sorted(set(granted) - set(needed) - set(SCANNER_NEEDS)):
        problems.append(f"granted but no module declares it nor does the scanner need it: {a}")
    for a in sorted(set(granted) & FORBIDDEN):
        problems.append(f"granted, but it reads a secret or parameter value: {a}")
    for st in granted.get("kms:Decrypt", []):
        if as_list(st.get("Resource")) != [STATE_KEY]:
            problems.append(f"kms:Decrypt on {st.get('Resource')}, not only the state keys")

    for p in problems:
        print(p)
    services = {}
    for a in granted:
        services.setdefault(a.split(":")[0], 0)
        services[a.split(":")[0]] += 1
    print(f"{len(types)} types need {len(needed)} actions; the policy grants {len(granted)} "
          f"({', '.join(f'{s} {n}' for s, n in sorted(services.items()))})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
