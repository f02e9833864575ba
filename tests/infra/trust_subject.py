#!/usr/bin/env python3
"""infra.trust_subject: the remediation role trusts exactly the one job the
workflow template runs, and the template and infra/'s defaults agree on it.

From infra/workflows/drift-remediation.yml (PyYAML): the default environment of
the `remediate` job (the literal after `||` in
`${{ vars.DRIFT_REMEDIATION_ENVIRONMENT || 'production' }}`, or a plain name),
the workflow-level `env.PROTECTED_BRANCH`, and the file name (installed as
.github/workflows/<name>). From a `terraform plan` of infra/ with its defaults
(-var github_repository=acme/infrastructure) against the moto fixture,
`terraform show -json`: the role's assume_role_policy. Checks:

  * one statement, sts:AssumeRoleWithWebIdentity from the GitHub OIDC provider;
  * `aud` StringEquals exactly sts.amazonaws.com;
  * `sub` StringEquals exactly one value, no other operator on `sub`, and it is
    repo:<repo>:environment:<env>:job_workflow_ref:<repo>/<path>@refs/heads/<branch>
    built from the YAML's values;
  * with -var github_oidc_subject=ref: exactly repo:<repo>:ref:refs/heads/<branch>.

The plan targets the role (and what it depends on): no function zips needed.

usage: trust_subject.py [--workflow FILE] [--infra DIR]
Environment: DRIFT_MOTO_DIR (the moto fixture's folder with its endpoint file).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

REPO = "acme/infrastructure"
OIDC_HOST = "token.actions.githubusercontent.com"
MIRROR_RC = """provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
"""

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def default_of(expression):
    """The value a GitHub expression yields when no variable is set: a plain
    string is itself; `${{ <anything> || 'x' }}` yields 'x'."""
    if not isinstance(expression, str):
        return None
    text = expression.strip()
    if "${{" not in text:
        return text
    m = re.fullmatch(r"\$\{\{(.*)\|\|\s*'((?:[^']|'')*)'\s*\}\}", text, re.S)
    return m.group(2).replace("''", "'") if m else None


def from_workflow(path):
    doc = yaml.safe_load(open(path))
    job = (doc.get("jobs") or {}).get("remediate")
    if not expect(isinstance(job, dict), f"{path}: has the job `remediate`"):
        return None
    environment = job.get("environment")
    if isinstance(environment, dict):
        environment = environment.get("name")
    env_name = default_of(environment)
    expect(bool(env_name), f"remediate job's environment {environment!r} has a default name ({env_name!r})")
    branch = (doc.get("env") or {}).get("PROTECTED_BRANCH")
    expect(isinstance(branch, str) and bool(branch), f"workflow env PROTECTED_BRANCH is set ({branch!r})")
    if not env_name or not branch:
        return None
    return env_name, branch, ".github/workflows/" + os.path.basename(path)


def terraform(args, cwd, log):
    r = subprocess.run(["terraform", *args], cwd=cwd, capture_output=True, text=True)
    with open(log, "a") as f:
        f.write(f"$ terraform {' '.join(args)}\n{r.stdout}{r.stderr}\n")
    if r.returncode != 0:
        print(r.stdout[-3000:], r.stderr[-3000:], sep="\n")
        raise SystemExit(f"terraform {args[0]} failed (log: {log})")
    return r.stdout


def planned_trust(work, extra_vars, label):
    plan = os.path.join(work, f"{label}.plan")
    terraform(["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false",
               "-target=aws_iam_role.remediation",
               "-var", "environment_suffix=trust", "-var", f"github_repository={REPO}",
               *extra_vars, f"-out={plan}"], os.path.join(work, "infra"), os.path.join(work, "terraform.log"))
    show = json.loads(terraform(["show", "-json", plan], os.path.join(work, "infra"),
                                os.path.join(work, "terraform.log")))
    roles = [r for r in show.get("resource_changes", []) if r["address"] == "aws_iam_role.remediation"]
    if not expect(len(roles) == 1, f"[{label}] the plan creates aws_iam_role.remediation"):
        return None
    policy = roles[0]["change"]["after"].get("assume_role_policy")
    if not expect(isinstance(policy, str), f"[{label}] its assume_role_policy is known at plan time"):
        return None
    return json.loads(policy)


def subjects(policy, label):
    """The statement's sub values, after checking its shape and aud."""
    stmts = policy.get("Statement")
    stmts = stmts if isinstance(stmts, list) else [stmts]
    if not expect(len(stmts) == 1, f"[{label}] the trust policy has one statement ({len(stmts)})"):
        return []
    st = stmts[0]
    actions = st.get("Action")
    expect(st.get("Effect") == "Allow" and actions in ("sts:AssumeRoleWithWebIdentity", ["sts:AssumeRoleWithWebIdentity"]),
           f"[{label}] it allows sts:AssumeRoleWithWebIdentity only")
    fed = (st.get("Principal") or {}).get("Federated")
    expect(isinstance(fed, str) and fed.endswith(f":oidc-provider/{OIDC_HOST}"),
           f"[{label}] principal is the GitHub OIDC provider ({fed})")
    cond = st.get("Condition") or {}
    on_sub = {op: kv[f"{OIDC_HOST}:sub"] for op, kv in cond.items() if f"{OIDC_HOST}:sub" in kv}
    expect(list(on_sub) == ["StringEquals"], f"[{label}] sub is tested with StringEquals only ({sorted(on_sub)})")
    aud = (cond.get("StringEquals") or {}).get(f"{OIDC_HOST}:aud")
    expect(aud in ("sts.amazonaws.com", ["sts.amazonaws.com"]), f"[{label}] aud is exactly sts.amazonaws.com ({aud})")
    sub = on_sub.get("StringEquals")
    return sub if isinstance(sub, list) else ([sub] if sub is not None else [])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.environ.get("DRIFT_SOURCE_DIR") or os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workflow", default=os.path.join(src, "infra", "workflows", "drift-remediation.yml"))
    ap.add_argument("--infra", default=os.path.join(src, "infra"))
    args = ap.parse_args()

    got = from_workflow(args.workflow)
    if got is None:
        print(f"{len(failures)} failure(s): the workflow does not say which job the role must trust")
        return 1
    env_name, branch, workflow_path = got
    env_claim = env_name.replace(":", "%3A")
    want = f"repo:{REPO}:environment:{env_claim}:job_workflow_ref:{REPO}/{workflow_path}@refs/heads/{branch}"
    want_ref = f"repo:{REPO}:ref:refs/heads/{branch}"
    print(f"workflow: environment {env_name!r}, branch {branch!r}, installed as {workflow_path}")

    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    work = tempfile.mkdtemp(prefix="drift-trust-subject.")
    ok = False
    try:
        shutil.copytree(args.infra, os.path.join(work, "infra"),
                        ignore=shutil.ignore_patterns(".terraform", "terraform.tfstate*", "workflows"))
        with open(os.path.join(work, "terraform.rc"), "w") as f:
            f.write(MIRROR_RC)
        os.environ.update(AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                          AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", TF_IN_AUTOMATION="1",
                          TF_INPUT="0", TF_CLI_CONFIG_FILE=os.path.join(work, "terraform.rc"))
        for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            os.environ.pop(k, None)
        terraform(["init", "-input=false", "-no-color"], os.path.join(work, "infra"), os.path.join(work, "terraform.log"))

        policy = planned_trust(work, [], "defaults")
        if policy is not None:
            subs = subjects(policy, "defaults")
            expect(len(subs) == 1, f"[defaults] exactly one sub value ({len(subs)})")
            expect(subs == [want], f"[defaults] sub is the workflow's job\n       want {want}\n       got  {subs}")

        policy = planned_trust(work, ["-var", "github_oidc_subject=ref"], "ref")
        if policy is not None:
            subs = subjects(policy, "ref")
            expect(subs == [want_ref], f"[ref] sub is the branch form\n       want {want_ref}\n       got  {subs}")
        ok = not failures
    finally:
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work folder kept: {work}")
    print("trust subject checks passed" if ok else f"{len(failures)} failure(s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
