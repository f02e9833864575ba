#!/usr/bin/env python3
"""workflow.template: the properties of the workflow template that keep remediation safe,
read from the YAML itself: the triggers (a manual run is a deployment of the branch head, with
no commit, address or approval of its own), OIDC credentials inside a GitHub environment, every
action pinned to a full commit SHA, OPA pinned by version and checksum, one run per
remediation, the protected branch checked out (never a commit a payload names), no payload
field but the remediation's name read, payload values only through env: (never spliced into a
script), only the redacted plan summary published, and every step of substance done by the
one script the local demo runs too.

Usage: check_template.py SOURCE_DIR
"""
import re
import sys

import yaml

PAYLOAD_FIELDS = {"schema_version", "remediation_id", "drift_event_ids"}
FORBIDDEN_INPUTS = {"git_commit_sha", "addresses", "drift_event_id", "auto_approve", "mode"}


def main(src):
    path = f"{src}/infra/workflows/drift-remediation.yml"
    with open(path) as f:
        text = f.read()
    wf = yaml.safe_load(text)
    problems = []

    def need(cond, what):
        if not cond:
            problems.append(what)

    # PyYAML reads the key `on` as True.
    on = wf.get("on", wf.get(True)) or {}
    need(on.get("repository_dispatch", {}).get("types") == ["drift-detected"],
         "repository_dispatch with types [drift-detected]")
    need("workflow_dispatch" in on, "workflow_dispatch trigger")
    inputs = set(((on.get("workflow_dispatch") or {}).get("inputs") or {}).keys())
    for bad in sorted(inputs & FORBIDDEN_INPUTS):
        need(False, f"workflow_dispatch input '{bad}': a manual run deploys the branch head only")
    need(wf.get("permissions", {}).get("id-token") == "write", "permissions id-token: write (OIDC)")
    group = str(wf.get("concurrency", {}).get("group", ""))
    need("client_payload.remediation_id" in group, "concurrency group per remediation")
    need(wf.get("concurrency", {}).get("cancel-in-progress") is False,
         "a running remediation is never cancelled by the next one")

    wf_env = wf.get("env", {}) or {}
    need(wf_env.get("PROTECTED_BRANCH") == "main", "workflow env PROTECTED_BRANCH: main")
    need(bool(wf_env.get("DEFAULT_CALLBACK_FUNCTION")), "workflow env DEFAULT_CALLBACK_FUNCTION")
    need(bool(wf_env.get("DEFAULT_AWS_REGION")), "workflow env DEFAULT_AWS_REGION")
    need(re.fullmatch(r"v\d+\.\d+\.\d+", str(wf_env.get("OPA_VERSION", ""))) is not None,
         "workflow env OPA_VERSION pinned to a release")
    need(re.fullmatch(r"[0-9a-f]{64}", str(wf_env.get("OPA_SHA256", ""))) is not None,
         "workflow env OPA_SHA256 (the release binary's checksum)")
    lines = text.splitlines()
    opa_lines = [i for i, l in enumerate(lines) if re.match(r"\s*OPA_(VERSION|SHA256):", l)]
    need(len(opa_lines) == 2 and opa_lines[1] - opa_lines[0] == 1,
         "OPA_VERSION and OPA_SHA256 on two lines together")

    # Every payload field named anywhere in the template is one of the v2 payload's.
    for field in sorted(set(re.findall(r"client_payload\.([A-Za-z0-9_-]+)", text)) - PAYLOAD_FIELDS):
        need(False, f"reads client_payload.{field}: the payload only names the remediation")
    need(not re.search(r"client_payload\s*\[", text), "no client_payload[...] index access")

    # Every action pinned to a full commit SHA, its tag in a comment.
    for i, line in enumerate(lines, 1):
        m = re.match(r"\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not m:
            continue
        ref, rest = m.group(1), m.group(2)
        need(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref) is not None,
             f"line {i}: {ref} is not pinned to a full commit SHA")
        need(re.match(r"\s+#\s*v\d", rest) is not None, f"line {i}: {ref} has no '# v…' tag comment")
    need("setup-opa" not in text, "no setup-opa action (OPA is downloaded pinned and checked)")

    jobs = wf.get("jobs", {})
    need(len(jobs) >= 1, "a job")
    for name, job in jobs.items():
        need(str(job.get("environment", "")) == "${{ vars.DRIFT_REMEDIATION_ENVIRONMENT || 'production' }}",
             f"{name}: environment ${{{{ vars.DRIFT_REMEDIATION_ENVIRONMENT || 'production' }}}}")
        steps = job.get("steps", [])
        uses = [s.get("uses", "") for s in steps]
        creds = [s for s in steps if s.get("uses", "").startswith("aws-actions/configure-aws-credentials@")]
        need(creds and "role-to-assume" in creds[0].get("with", {}), f"{name}: OIDC role-to-assume")
        need(not any("aws-access-key-id" in (s.get("with") or {}) for s in steps),
             f"{name}: no long-lived AWS keys")
        checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
        code = [s for s in checkouts if (s.get("with") or {}).get("path") == "code"]
        need(len(code) == 1, f"{name}: one checkout of the code into 'code'")
        if code:
            w = code[0].get("with") or {}
            need(str(w.get("ref", "")) == "${{ env.PROTECTED_BRANCH }}",
                 f"{name}: the code checkout is of the protected branch")
            need(str(w.get("fetch-depth", "")) == "0", f"{name}: the code checkout has the full history")
        for s in checkouts:
            need("client_payload" not in str((s.get("with") or {}).get("ref", "")),
                 f"{name}: a checkout ref comes from the payload")
        opa = [s for s in steps if "OPA_SHA256" in str(s.get("run", ""))]
        need(opa and "sha256sum -c" in opa[0]["run"] and "OPA_VERSION" in opa[0]["run"],
             f"{name}: OPA downloaded at OPA_VERSION and checked with sha256sum -c")
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
        need(str(env.get("DRIFT_PAYLOAD", "")).count("toJSON(github.event.client_payload)") == 1,
             f"{name}: payload passed via env")
        need("github.run_id" in str(env.get("RUN_ID", "")), f"{name}: RUN_ID is github.run_id (the claimant)")
        need("repository_dispatch" in str(env.get("MODE", "")) and "drift-revert" in str(env.get("MODE", "")),
             f"{name}: drift-revert mode only for repository_dispatch")
        uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
        need(len(uploads) == 1, f"{name}: one artifact upload")
        for u in uploads:
            p = str((u.get("with") or {}).get("path", ""))
            need(p.strip().endswith("/summary/plan-summary.json") and "\n" not in p.strip()
                 and "*" not in p, f"{name}: the artifact is the redacted plan-summary.json only (got {p!r})")
        need(any(u.startswith("hashicorp/setup-terraform@") for u in uses), f"{name}: sets up Terraform")

    if problems:
        print("workflow template problems:\n  " + "\n  ".join(problems))
        return 1
    print("workflow template: all properties hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
