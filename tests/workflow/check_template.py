#!/usr/bin/env python3
"""workflow.template: the properties of the workflow template that keep remediation safe,
read from the YAML itself: the triggers, OIDC credentials, one run per deployment, the
recorded commit checked out, payload values only through env: (never spliced into a script),
and every step of substance done by the one script the local demo runs too.

Usage: check_template.py SOURCE_DIR
"""
import re
import sys

import yaml


def main(src):
    path = f"{src}/infra/workflows/drift-remediation.yml"
    with open(path) as f:
        wf = yaml.safe_load(f)
    problems = []

    def need(cond, what):
        if not cond:
            problems.append(what)

    # PyYAML reads the key `on` as True.
    on = wf.get("on", wf.get(True)) or {}
    need(on.get("repository_dispatch", {}).get("types") == ["drift-detected"],
         "repository_dispatch with types [drift-detected]")
    need("workflow_dispatch" in on, "workflow_dispatch trigger")
    need(wf.get("permissions", {}).get("id-token") == "write", "permissions id-token: write (OIDC)")
    group = str(wf.get("concurrency", {}).get("group", ""))
    need("client_payload.deployment_id" in group, "concurrency group per deployment")
    need(wf.get("concurrency", {}).get("cancel-in-progress") is False,
         "a running remediation is never cancelled by the next one")

    jobs = wf.get("jobs", {})
    need(len(jobs) >= 1, "a job")
    for name, job in jobs.items():
        steps = job.get("steps", [])
        uses = [s.get("uses", "") for s in steps]
        creds = [s for s in steps if s.get("uses", "").startswith("aws-actions/configure-aws-credentials@")]
        need(creds and "role-to-assume" in creds[0].get("with", {}), f"{name}: OIDC role-to-assume")
        need(not any("aws-access-key-id" in (s.get("with") or {}) for s in steps),
             f"{name}: no long-lived AWS keys")
        checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
        need(any("client_payload.deployment.git_commit_sha" in str((s.get("with") or {}).get("ref", ""))
                 for s in checkouts), f"{name}: checks out the recorded commit")
        for s in steps:
            run = s.get("run")
            if run is None:
                continue
            # Expressions inside a script are spliced in before the shell sees it.
            need("${{" not in run, f"{name}: step '{s.get('name')}' splices an expression into its script")
        scripts = " ".join(s.get("run", "") for s in steps)
        need(re.search(r"remediate\.sh\"? run", scripts), f"{name}: runs remediate.sh run")
        need(re.search(r"remediate\.sh\"? callback", scripts), f"{name}: runs remediate.sh callback")
        cb = [s for s in steps if "remediate.sh\" callback" in s.get("run", "")]
        need(cb and "always()" in str(cb[0].get("if", "")), f"{name}: the callback step runs always()")
        need(cb and "job.status" in str((cb[0].get("env") or {}).get("JOB_STATUS", "")),
             f"{name}: the callback gets job.status through env")
        env = job.get("env", {})
        need("client_payload" in str(env.get("DRIFT_PAYLOAD", "")), f"{name}: payload passed via env")
        # The script lets these variables override the payload: a dispatch must leave them empty.
        for var in ("CALLBACK_FUNCTION", "STATE_BUCKET", "STATE_KEY", "STATE_REGION", "LOCK_TABLE"):
            v = str(env.get(var, ""))
            need(v == "" or "workflow_dispatch" in v or "inputs." in v,
                 f"{name}: {var} is set only for manual runs (it would override the payload)")
        need(any(u.startswith("hashicorp/setup-terraform@") for u in uses), f"{name}: sets up Terraform")

    if problems:
        print("workflow template problems:\n  " + "\n  ".join(problems))
        return 1
    print("workflow template: all properties hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
