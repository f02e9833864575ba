#!/usr/bin/env python3
"""Console-like changes to the load balancing family (ELBv2) in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    elb = boto3.client("elbv2", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    lb = elb.describe_load_balancers(Names=[f"{name}-web"])["LoadBalancers"][0]["LoadBalancerArn"]
    groups = {g["TargetGroupName"]: g["TargetGroupArn"]
              for g in elb.describe_target_groups(Names=[f"{name}-web", f"{name}-ip"])["TargetGroups"]}
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # The load balancer's idle timeout raised.
    elb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[
        {"Key": "idle_timeout.timeout_seconds", "Value": "120"}])
    change("lb_idle_timeout", "aws_lb.web", ["idle_timeout"])

    # Not drift: the load balancer's tags sent again unchanged.
    tags = elb.describe_tags(ResourceArns=[lb])["TagDescriptions"][0]["Tags"]
    elb.add_tags(ResourceArns=[lb], Tags=list(reversed(tags)))
    not_drift.append({"name": "lb_tags_resent", "address": "aws_lb.web",
                      "attributes": ["tags", "tags_all"]})

    # The web target group's health check moved to another path.
    elb.modify_target_group(TargetGroupArn=groups[f"{name}-web"], HealthCheckPath="/ready")
    change("target_group_health_path", "aws_lb_target_group.web", ["health_check"])

    # The listener moved to port 8080. moto's ModifyListener needs DefaultActions (ELB keeps
    # them when they are left out), so the unchanged default action is sent along.
    listener = elb.describe_listeners(LoadBalancerArn=lb)["Listeners"][0]
    elb.modify_listener(ListenerArn=listener["ListenerArn"], Port=8080,
                        DefaultActions=listener["DefaultActions"])
    change("listener_port", "aws_lb_listener.http", ["port"])

    # The API rule widened to a second path.
    rule = next(r for r in elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
                if not r["IsDefault"])
    elb.modify_rule(RuleArn=rule["RuleArn"], Conditions=[
        {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*", "/v2/*"]}}])
    change("rule_second_path", "aws_lb_listener_rule.api", ["condition"])

    # The IP target deregistered from its group.
    elb.deregister_targets(TargetGroupArn=groups[f"{name}-ip"],
                           Targets=[{"Id": "10.40.1.10", "Port": 8080}])
    change("target_deregistered", "aws_lb_target_group_attachment.ip", [], "delete")

    console.report(changes, not_drift)


if __name__ == "__main__":
    sys.exit(main())
