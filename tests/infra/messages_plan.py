#!/usr/bin/env python3
"""infra.messages_plan: the messaging variables reach the functions, their roles read exactly
the parameters those variables name, and AWS Chatbot for Slack is planned on the alert topic.

moto has no AWS Chatbot, so the Chatbot part is validated and planned, never applied:

  * `terraform validate` of infra/ (which calls modules/chatbot-slack);
  * a plan against the moto fixture with the defaults: no module.chatbot_slack;
  * a plan with chatbot_slack = {workspace_id, channel_id}, the three parameter variables, a
    PagerDuty URL and github_issues = true: the channel configuration (team and channel ids,
    logging level, the guardrail) with sns_topic_arns = [aws_sns_topic.alerts.arn], its role
    trusting chatbot.amazonaws.com and reading CloudWatch only.

A function's environment and a role policy hold ARNs only known once their resources exist
(the plan shows both as unknown), so the three functions and their role policies are applied
(-target, with what they name) into moto with the same variables and read back through the
Lambda and IAM APIs: each function's environment holds exactly the values given
(SLACK_WEBHOOK_PARAMETER, TEAMS_WEBHOOK_PARAMETER, PAGERDUTY_ROUTING_KEY_PARAMETER,
PAGERDUTY_EVENTS_URL, GITHUB_ISSUES; GITHUB_TOKEN_PARAMETER, GITHUB_API_URL, GITHUB_REPOSITORY);
each role's MessageSecrets statement allows ssm:GetParameter on exactly the three parameters
(plus the GitHub token's for the scanner and the callback), no ssm:GetParameter anywhere on a
wildcard, and DecryptMessageSecrets allows kms:Decrypt on the token's key through SSM only.
Applied again with the defaults: no messaging variable in any environment, no such statement
in any policy. Then destroyed.

usage: messages_plan.py [--infra DIR]
Environment: DRIFT_MOTO_DIR (the moto fixture's folder with its endpoint file),
DRIFT_DIST_DIR (function zips; placeholders are made when missing).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import boto3

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
FUNCTIONS = ["workflow-orchestrator", "agent-callback", "drift-scanner"]
REPO = "acme/infrastructure"
SLACK = "/drift-detection/chat/slack-webhook"
TEAMS = "drift-detection/chat/teams-webhook"  # without the leading slash: ARN still exact
PAGER = "/drift-detection/chat/pagerduty-routing-key"
PD_URL = "https://events.eu.pagerduty.com/v2/enqueue"
WORKSPACE = "T0DRIFT01"
CHANNEL = "C0DRIFT01"
MESSAGE_KEYS = ["SLACK_WEBHOOK_PARAMETER", "TEAMS_WEBHOOK_PARAMETER", "PAGERDUTY_ROUTING_KEY_PARAMETER",
                "PAGERDUTY_EVENTS_URL", "GITHUB_ISSUES"]
ISSUE_KEYS = ["GITHUB_TOKEN_PARAMETER", "GITHUB_API_URL", "GITHUB_REPOSITORY"]

failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def run(cmd, cwd, env, log):
    with open(log, "a") as f:
        f.write(f"$ {' '.join(cmd)}\n")
        f.flush()
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        print(open(log).read()[-4000:])
        raise SystemExit(f"FAIL: {' '.join(cmd[:3])} exited {r.returncode} (log: {log})")


def show(plan, cwd, env):
    return json.loads(subprocess.run(["terraform", "show", "-json", plan], cwd=cwd, env=env,
                                     capture_output=True, text=True, check=True).stdout)


def changes(doc):
    return {r["address"]: r for r in doc.get("resource_changes", [])}


def check_defaults(doc):
    rcs = changes(doc)
    expect(not any(a.startswith("module.chatbot_slack") for a in rcs),
           "[defaults] no module.chatbot_slack in the plan")
    expect('aws_lambda_function.fn["agent-callback"]' in rcs, "[defaults] the plan creates the functions")


def check_chatbot(doc, suffix):
    rcs = changes(doc)
    addr = "module.chatbot_slack[0].aws_chatbot_slack_channel_configuration.this"
    rc = rcs.get(addr)
    if expect(rc is not None and rc["change"]["actions"] == ["create"], f"the plan creates {addr}"):
        after = rc["change"]["after"]
        expect(after.get("slack_team_id") == WORKSPACE and after.get("slack_channel_id") == CHANNEL,
               f"workspace {after.get('slack_team_id')} and channel {after.get('slack_channel_id')} as given")
        expect(after.get("configuration_name") == f"drift-detection-chatbot-{suffix}",
               f"configuration_name {after.get('configuration_name')}")
        expect(after.get("logging_level") == "ERROR", "logging_level ERROR")
        expect(after.get("guardrail_policy_arns") == ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"],
               f"guardrail CloudWatchReadOnlyAccess only ({after.get('guardrail_policy_arns')})")
        unknown = rc["change"].get("after_unknown") or {}
        expect(unknown.get("iam_role_arn") is True, "its role ARN comes from the module's role")
    # The topic's ARN is known only once it exists: the configuration shows what it is.
    call = doc["configuration"]["root_module"].get("module_calls", {}).get("chatbot_slack", {})
    refs = ((call.get("expressions") or {}).get("sns_topic_arns") or {}).get("references", [])
    expect("aws_sns_topic.alerts.arn" in refs and not any("drift_events" in r for r in refs),
           f"sns_topic_arns = [aws_sns_topic.alerts.arn] ({refs})")
    inner = [r for r in (call.get("module") or {}).get("resources", [])
             if r["address"] == "aws_chatbot_slack_channel_configuration.this"]
    inner_refs = ((inner[0]["expressions"].get("sns_topic_arns") or {}).get("references", [])
                  if inner else [])
    expect("var.sns_topic_arns" in inner_refs, "the channel configuration subscribes var.sns_topic_arns")
    role = rcs.get("module.chatbot_slack[0].aws_iam_role.chatbot")
    if expect(role is not None, "the plan creates the Chatbot role"):
        trust = json.loads(role["change"]["after"]["assume_role_policy"])
        principals = [s.get("Principal", {}).get("Service") for s in trust["Statement"]]
        expect(principals == ["chatbot.amazonaws.com"], f"the role trusts chatbot.amazonaws.com ({principals})")
    pol = rcs.get("module.chatbot_slack[0].aws_iam_role_policy.notifications")
    if expect(pol is not None, "the plan gives the Chatbot role its read-only policy"):
        doc_ = json.loads(pol["change"]["after"]["policy"])
        actions = sorted(a for s in doc_["Statement"] for a in
                         (s["Action"] if isinstance(s["Action"], list) else [s["Action"]]))
        expect(bool(actions) and all(a.startswith(("cloudwatch:Describe", "cloudwatch:Get", "cloudwatch:List"))
                                     for a in actions), f"it only reads CloudWatch ({actions})")


def function_environment(kw, f, suffix):
    cfg = boto3.client("lambda", **kw).get_function_configuration(FunctionName=f"drift-detection-{f}-{suffix}")
    return (cfg.get("Environment") or {}).get("Variables") or {}


def check_environment(kw, suffix):
    want_msg = {"SLACK_WEBHOOK_PARAMETER": SLACK, "TEAMS_WEBHOOK_PARAMETER": TEAMS,
                "PAGERDUTY_ROUTING_KEY_PARAMETER": PAGER, "PAGERDUTY_EVENTS_URL": PD_URL,
                "GITHUB_ISSUES": "true"}
    want_issue = {"GITHUB_TOKEN_PARAMETER": f"/drift-detection/{suffix}/github-token",
                  "GITHUB_API_URL": "https://api.github.com", "GITHUB_REPOSITORY": REPO}
    for f in FUNCTIONS:
        env = function_environment(kw, f, suffix)
        expect("HISTORY_TABLE" in env, f"{f}: its environment as applied ({len(env)} variables)")
        got = {k: env.get(k) for k in want_msg}
        expect(got == want_msg, f"{f}: messaging environment {got}")
        got = {k: env.get(k) for k in ISSUE_KEYS}
        expect(got == want_issue, f"{f}: GitHub issue environment {got}")


def statements(policy):
    out = []
    for s in policy["Statement"]:
        acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
        res = s.get("Resource", [])
        res = res if isinstance(res, list) else [res]
        out.append((s.get("Sid", ""), acts, res, s.get("Condition", {})))
    return out


def role_policy(kw, f, suffix):
    name = f"drift-detection-{f}-{suffix}"
    policy = boto3.client("iam", **kw).get_role_policy(RoleName=name, PolicyName=name)["PolicyDocument"]
    return json.loads(policy) if isinstance(policy, str) else policy


def check_off(kw, suffix):
    for f in FUNCTIONS:
        env = function_environment(kw, f, suffix)
        present = [k for k in MESSAGE_KEYS if k in env]
        if f != "workflow-orchestrator":  # the orchestrator always has its GitHub variables
            present += [k for k in ISSUE_KEYS if k in env]
        expect("HISTORY_TABLE" in env and not present,
               f"[defaults] {f}: no messaging variable in its environment ({present})")
        sids = [s[0] for s in statements(role_policy(kw, f, suffix))]
        expect(sids and "MessageSecrets" not in sids and "DecryptMessageSecrets" not in sids,
               f"[defaults] {f}: no MessageSecrets / DecryptMessageSecrets statement ({len(sids)} statements)")


def check_policies(kw, suffix, account):
    ssm_arn = lambda name: f"arn:aws:ssm:us-east-1:{account}:parameter/{name.lstrip('/')}"
    chat = {ssm_arn(SLACK), ssm_arn(TEAMS), ssm_arn(PAGER)}
    token = ssm_arn(f"/drift-detection/{suffix}/github-token")
    want = {"workflow-orchestrator": chat, "agent-callback": chat | {token}, "drift-scanner": chat | {token}}
    for f in FUNCTIONS:
        sts = statements(role_policy(kw, f, suffix))
        msg = [s for s in sts if s[0] == "MessageSecrets"]
        if expect(len(msg) == 1, f"{f}: one MessageSecrets statement"):
            expect(msg[0][1] == ["ssm:GetParameter"] and set(msg[0][2]) == want[f] and len(msg[0][2]) == len(want[f]),
                   f"{f}: ssm:GetParameter on exactly {sorted(want[f])} (got {sorted(msg[0][2])})")
        wild = [s[0] for s in sts if "ssm:GetParameter" in s[1] and any("*" in r for r in s[2])]
        expect(not wild, f"{f}: no ssm:GetParameter on a wildcard ({wild})")
        dec = [s for s in sts if s[0] == "DecryptMessageSecrets"]
        if expect(len(dec) == 1, f"{f}: one DecryptMessageSecrets statement"):
            via = dec[0][3].get("StringEquals", {}).get("kms:ViaService")
            expect(dec[0][1] == ["kms:Decrypt"] and len(dec[0][2]) == 1 and ":kms:" in dec[0][2][0]
                   and via in ("ssm.us-east-1.amazonaws.com", ["ssm.us-east-1.amazonaws.com"]),
                   f"{f}: kms:Decrypt on the token's key through SSM only ({dec[0][2]}, {via})")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.environ.get("DRIFT_SOURCE_DIR") or os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--infra", default=os.path.join(src, "infra"))
    args = ap.parse_args()

    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    work = tempfile.mkdtemp(prefix="drift-messages-plan.")
    infra = os.path.join(work, "infra")
    log = os.path.join(work, "terraform.log")
    shutil.copytree(args.infra, infra, ignore=shutil.ignore_patterns(".terraform", "terraform.tfstate*", "workflows"))
    rc = os.path.join(work, "terraform.rc")
    open(rc, "w").write(MIRROR_RC)
    env = dict(os.environ, TF_CLI_CONFIG_FILE=rc, TF_IN_AUTOMATION="1", TF_INPUT="0",
               AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test")

    dist = os.environ.get("DRIFT_DIST_DIR", "")
    if not all(os.path.isfile(os.path.join(dist, f + ".zip")) for f in FUNCTIONS):
        dist = os.path.join(work, "dist")
        os.makedirs(dist)
        for f in FUNCTIONS:
            with zipfile.ZipFile(os.path.join(dist, f + ".zip"), "w") as z:
                z.writestr("bootstrap", "#!/bin/sh\nexit 1\n")

    suffix = f"msg{os.getpid():x}"
    base = ["-input=false", "-no-color", "-lock=false", "-var", f"environment_suffix={suffix}",
            "-var", f"lambda_dist_dir={dist}", "-var", f"github_repository={REPO}",
            "-var", "enable_event_source_mappings=false",
            # The OIDC provider exists once per account: the applied functions name the
            # remediation role (CHANGE_IGNORE_ROLE_ARNS), which then names a provider by ARN.
            "-var", "create_github_oidc_provider=false",
            "-var", "github_oidc_provider_arn=arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    on = ["-var", f"slack_webhook_parameter={SLACK}", "-var", f"teams_webhook_parameter={TEAMS}",
          "-var", f"pagerduty_routing_key_parameter={PAGER}", "-var", f"pagerduty_events_url={PD_URL}",
          "-var", "github_issues=true",
          "-var", f'chatbot_slack={{workspace_id = "{WORKSPACE}", channel_id = "{CHANNEL}"}}']
    targets = [f'-target={kind}.fn["{f}"]' for f in FUNCTIONS
               for kind in ("aws_lambda_function", "aws_iam_role_policy")]
    ok = False
    applied = False
    start = time.time()
    try:
        run(["terraform", "init", "-input=false", "-no-color"], infra, env, log)
        run(["terraform", "validate", "-no-color"], infra, env, log)
        expect(True, "terraform validate of infra/ (modules/chatbot-slack included)")

        run(["terraform", "plan", *base, "-out=defaults.plan"], infra, env, log)
        check_defaults(show("defaults.plan", infra, env))

        run(["terraform", "plan", *base, *on, "-out=messages.plan"], infra, env, log)
        check_chatbot(show("messages.plan", infra, env), suffix)
        print(f"validate and two plans in {time.time() - start:.1f} s")

        applied = True
        run(["terraform", "apply", "-auto-approve", *base, *on, *targets], infra, env, log)
        account = boto3.client("sts", **kw).get_caller_identity()["Account"]
        check_environment(kw, suffix)
        check_policies(kw, suffix, account)
        run(["terraform", "apply", "-auto-approve", *base, *targets], infra, env, log)
        check_off(kw, suffix)
        print(f"two targeted applies in {time.time() - start:.1f} s")
        ok = not failures
    finally:
        if applied:
            try:
                run(["terraform", "destroy", "-auto-approve", *base, *targets], infra, env, log)
            except SystemExit as e:
                print(e)
                ok = False
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work folder kept: {work}")
    print(f"messages plan checks passed in {time.time() - start:.1f} s" if ok else f"{len(failures)} failure(s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
