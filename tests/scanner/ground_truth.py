#!/usr/bin/env python3
"""Terraform as ground truth: `terraform plan -refresh-only -detailed-exitcode` and
`terraform show -json` of one workspace of the `workspaces` fixture, in a private data dir.

Usage: ground_truth.py WORKSPACES_JSON WORKSPACE
Prints JSON {"exit_code": n, "drift": [{"address", "change": "update"|"delete",
"attributes": [changed top-level attribute names, sorted]}]} sorted by address.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main(ws_json, workspace):
    fx = json.load(open(ws_json))
    src = fx["terraform_dir"]
    work = tempfile.mkdtemp(prefix="drift-gt-")
    try:
        for f in os.listdir(src):
            if f.endswith(".tf") or f == ".terraform.lock.hcl":
                shutil.copy(os.path.join(src, f), work)
        env = dict(os.environ, AWS_ENDPOINT_URL=fx["endpoint"], AWS_ACCESS_KEY_ID="test",
                   AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1",
                   TF_CLI_CONFIG_FILE=fx["cli_config"], TF_IN_AUTOMATION="1",
                   TF_DATA_DIR=os.path.join(work, "data"), CHECKPOINT_DISABLE="1")
        env["TF_WORKSPACE"] = workspace
        st = fx["state"]
        def tf(*args, check=True):
            p = subprocess.run(["terraform", *args, "-no-color"], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if check and p.returncode != 0:
                sys.stderr.write(p.stdout + p.stderr)
                sys.exit(1)
            return p
        tf("init", "-input=false", *[f"-backend-config={k}={v}" for k, v in st.items()])
        plan = tf("plan", "-refresh-only", "-detailed-exitcode", "-lock=false", "-input=false",
                  f"-var=name_prefix={fx['name_prefix']}", "-out=gt.tfplan", check=False)
        if plan.returncode not in (0, 2):
            sys.stderr.write(plan.stdout + plan.stderr)
            return 1
        shown = json.loads(tf("show", "-json", "gt.tfplan").stdout)
        drift = []
        for rc in shown.get("resource_drift", []):
            if rc.get("mode") != "managed":
                continue
            actions = rc["change"]["actions"]
            before, after = rc["change"].get("before") or {}, rc["change"].get("after") or {}
            if actions == ["delete"]:
                drift.append({"address": rc["address"], "change": "delete", "attributes": []})
            elif actions == ["update"]:
                names = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
                drift.append({"address": rc["address"], "change": "update", "attributes": names})
        drift.sort(key=lambda d: d["address"])
        print(json.dumps({"exit_code": plan.returncode, "drift": drift}))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
