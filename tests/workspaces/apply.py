#!/usr/bin/env python3
"""Applies the sample configuration (config/) as Terraform workspaces into the moto fixture,
with an S3 backend (state bucket + DynamoDB lock table), the way a team would.

Usage: apply.py --endpoint URL --state-bucket B --lock-table T --name-prefix P
                [--workspace dev --workspace prod] [--workdir DIR] [--key K] [--config-dir D ...]
Prints JSON: {"terraform_dir", "state": {bucket, key, region, workspace_key_prefix,
dynamodb_table}, "workspaces": {ws: {data_bucket, artifacts_bucket, security_group_id,
instance_id}}}. The state bucket and lock table must exist (tests/fixtures/make_stack.py).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import tfenv


def run(args, cwd, env):
    rc, out = tfenv.run_terraform(["terraform", *args, "-no-color"], cwd=cwd, env=env)
    if rc != 0:
        sys.stderr.write(f"terraform {' '.join(args)} failed ({rc}):\n{out}\n")
        sys.exit(1)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--state-bucket", required=True)
    ap.add_argument("--lock-table", required=True)
    ap.add_argument("--name-prefix", required=True)
    ap.add_argument("--workspace", action="append", dest="workspaces")
    ap.add_argument("--workdir", help="where the configuration is copied and initialised (kept)")
    ap.add_argument("--key", default=tfenv.STATE_KEY)
    ap.add_argument("--config-dir", action="append", dest="config_dirs",
                    help="a .tf file, or a folder whose *.tf are copied (repeatable; default: the sample configuration)")
    ap.add_argument("--region", default="us-east-1")
    a = ap.parse_args()
    workspaces = a.workspaces or ["dev", "prod"]

    workdir = a.workdir or tempfile.mkdtemp(prefix="drift-ws-")
    os.makedirs(workdir, exist_ok=True)
    for config in a.config_dirs or [tfenv.CONFIG_DIR]:
        # Configuration and the deployment packages it names (a Lambda function's zip).
        files = [config] if os.path.isfile(config) else [
            os.path.join(config, f) for f in sorted(os.listdir(config)) if f.endswith((".tf", ".zip"))]
        for f in files:
            shutil.copy(f, workdir)
    env = tfenv.terraform_env(a.endpoint, a.region)
    backend = {"bucket": a.state_bucket, "key": a.key, "region": a.region,
               "workspace_key_prefix": tfenv.WORKSPACE_KEY_PREFIX, "dynamodb_table": a.lock_table}
    run(["init", "-input=false", "-reconfigure",
         *[f"-backend-config={k}={v}" for k, v in backend.items()]], workdir, env)

    out = {"terraform_dir": workdir, "state": backend, "workspaces": {}}
    for ws in workspaces:
        listed = run(["workspace", "list"], workdir, env)
        names = [l.strip(" *") for l in listed.splitlines() if l.strip()]
        if ws in names:
            run(["workspace", "select", ws], workdir, env)
        else:
            rc, said = tfenv.new_workspace(["terraform", f"-chdir={workdir}"], backend, ws, env)
            if rc != 0:
                sys.stderr.write(f"terraform workspace new {ws} failed ({rc}):\n{said}\n")
                sys.exit(1)
        run(["apply", "-auto-approve", "-input=false", f"-var=name_prefix={a.name_prefix}",
             f"-var=region={a.region}"], workdir, env)
        # A first refresh after creation re-reads attributes the provider filled in later
        # (the bucket's legacy copies of its split resources): settle them, so that an
        # untouched workspace shows no drift.
        run(["apply", "-refresh-only", "-auto-approve", "-input=false",
             f"-var=name_prefix={a.name_prefix}", f"-var=region={a.region}"], workdir, env)
        outputs = json.loads(run(["output", "-json"], workdir, env).replace("\x1b", ""))
        out["workspaces"][ws] = {k: v["value"] for k, v in outputs.items()}
    run(["workspace", "select", "default"], workdir, env)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
