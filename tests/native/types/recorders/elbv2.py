"""Recorders of the load balancing family (Elastic Load Balancing v2) for record.py: each
function creates its resources in moto with boto3 and sends the calls the type module makes,
yielding the `found` and `gone` cases."""
import record

ELB_ERROR = ('<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">'
             '<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>'
             '<RequestId>a1b2c3d4-example</RequestId></ErrorResponse>')

# The errors the ELBv2 API reference documents for throttling and denied access (record.edited).
record.ERRORS.setdefault("elasticloadbalancing", {
    "throttled": (400, "text/xml", ELB_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", ELB_ERROR, "AccessDenied",
               "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
               "elasticloadbalancing:DescribeLoadBalancers"),
})

SERVICE = "elasticloadbalancing"


def m(action, *contains):
    return {"service": SERVICE, "action": action, "contains": list(contains)}


def network(rec):
    """A VPC with two subnets in two zones and a security group, for the load balancer."""
    ec2 = rec.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24",
                          AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.2.0/24",
                          AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="lb", Description="load balancer",
                                   VpcId=vpc)["GroupId"]
    return vpc, [a, b], sg


def make_lb(elb, subnets, sg, name="web"):
    arn = elb.create_load_balancer(Name=name, Subnets=subnets, SecurityGroups=[sg],
                                   Type="application",
                                   Tags=[{"Key": "team", "Value": "drift"}])[
        "LoadBalancers"][0]["LoadBalancerArn"]
    elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "idle_timeout.timeout_seconds", "Value": "90"},
        {"Key": "routing.http2.enabled", "Value": "true"},
        {"Key": "routing.http.desync_mitigation_mode", "Value": "defensive"},
        {"Key": "access_logs.s3.enabled", "Value": "false"}])
    return arn


def edit(exchange, old, new, what):
    """The exchange with `old` replaced by `new` in its body, marked edited."""
    x = dict(exchange)
    x["response"] = dict(exchange["response"])
    assert old in x["response"]["body"], old
    x["response"]["body"] = x["response"]["body"].replace(old, new, 1)
    x["edited"] = f"moto does not answer {what}: added in the ELBv2 API reference's shape"
    return x


def lb_edited(found):
    describe, tags, attributes, capacity = found
    describe = edit(describe, "</LoadBalancerName>",
                    "</LoadBalancerName><Scheme>internal</Scheme><IpamPools><Ipv4IpamPoolId>"
                    "ipam-pool-0123456789abcdef0</Ipv4IpamPoolId></IpamPools>",
                    "a load balancer's Scheme or IpamPools")
    capacity = edit(capacity, "<DescribeCapacityReservationResult>",
                    "<DescribeCapacityReservationResult><MinimumLoadBalancerCapacity>"
                    "<CapacityUnits>100</CapacityUnits></MinimumLoadBalancerCapacity>",
                    "MinimumLoadBalancerCapacity")
    return [describe, tags, attributes, capacity]


def not_found(exchange):
    """The exchange answered LoadBalancerNotFound for the whole call, as ELB does when one of
    the ARNs asked no longer exists (moto answers the others)."""
    x = dict(exchange)
    x["response"] = {"status": 400, "headers": {"Content-Type": "text/xml"},
                     "body": ELB_ERROR.format(code="LoadBalancerNotFound",
                                              message="The specified load balancer does not "
                                                      "exist.")}
    x["edited"] = ("moto answers the load balancers that exist: replaced by the "
                   "LoadBalancerNotFound (HTTP 400) ELB answers when one ARN asked is gone")
    return x


def batch_case(rec, elb, arn, subnets, sg):
    """Two load balancers read in one batch after the second was deleted: ELB refuses the whole
    call, then each ARN is asked alone."""
    other = make_lb(elb, subnets, sg, name="old")
    elb.delete_load_balancer(LoadBalancerArn=other)
    both = [arn, other]
    record.write("aws_lb", "batch", "load balancer `web` of `found` and `old`, deleted, in one "
                 "batch", {"id": arn, "deleted": other}, [
                     not_found(rec.call(elb, "describe_load_balancers",
                                        m("DescribeLoadBalancers", arn, other),
                                        LoadBalancerArns=both)),
                     rec.call(elb, "describe_load_balancers", m("DescribeLoadBalancers", arn),
                              LoadBalancerArns=[arn]),
                     rec.call(elb, "describe_load_balancers", m("DescribeLoadBalancers", other),
                              LoadBalancerArns=[other]),
                     rec.call(elb, "describe_tags", m("DescribeTags", arn), ResourceArns=[arn]),
                     rec.call(elb, "describe_load_balancer_attributes",
                              m("DescribeLoadBalancerAttributes", arn), LoadBalancerArn=arn),
                     rec.call(elb, "describe_capacity_reservation",
                              m("DescribeCapacityReservation", arn), LoadBalancerArn=arn)])


def aws_lb(rec):
    elb = rec.client("elbv2")
    vpc, subnets, sg = network(rec)
    arn = make_lb(elb, subnets, sg)

    def read(found=True):
        out = [rec.call(elb, "describe_load_balancers", m("DescribeLoadBalancers", arn),
                        LoadBalancerArns=[arn])]
        if found:
            out += [rec.call(elb, "describe_tags", m("DescribeTags", arn), ResourceArns=[arn]),
                    rec.call(elb, "describe_load_balancer_attributes",
                             m("DescribeLoadBalancerAttributes", arn), LoadBalancerArn=arn),
                    rec.call(elb, "describe_capacity_reservation",
                             m("DescribeCapacityReservation", arn), LoadBalancerArn=arn)]
        return out

    res = {"id": arn, "vpc_id": vpc, "subnet_a": subnets[0], "subnet_b": subnets[1],
           "security_group": sg}
    found = read()
    batch_case(rec, elb, arn, subnets, sg)
    record.write("aws_lb", "edited", "the load balancer of `found` as an internal one in an "
                 "IPAM pool with a minimum capacity of 100 units, which moto cannot answer",
                 res, lb_edited(found))
    yield ("application load balancer `web` in two subnets with one security group, idle "
           "timeout 90 s, HTTP/2 on, desync mitigation defensive, tagged team=drift",
           res, found)
    elb.delete_load_balancer(LoadBalancerArn=arn)
    yield ("the same load balancer after DeleteLoadBalancer (LoadBalancerNotFound)", res,
           read(found=False))


def make_target_group(elb, vpc, name="web", port=80, target_type="instance"):
    arn = elb.create_target_group(Name=name, Protocol="HTTP", Port=port, VpcId=vpc,
                                  TargetType=target_type, HealthCheckPath="/health",
                                  Matcher={"HttpCode": "200-299"},
                                  Tags=[{"Key": "team", "Value": "drift"}])[
        "TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "30"},
        {"Key": "stickiness.enabled", "Value": "true"},
        {"Key": "stickiness.type", "Value": "lb_cookie"},
        {"Key": "stickiness.lb_cookie.duration_seconds", "Value": "3600"}])
    return arn


def aws_lb_target_group(rec):
    elb = rec.client("elbv2")
    vpc, subnets, sg = network(rec)
    arn = make_target_group(elb, vpc)

    def read(found=True):
        out = [rec.call(elb, "describe_target_groups", m("DescribeTargetGroups", arn),
                        TargetGroupArns=[arn])]
        if found:
            out += [rec.call(elb, "describe_tags", m("DescribeTags", arn), ResourceArns=[arn]),
                    rec.call(elb, "describe_target_group_attributes",
                             m("DescribeTargetGroupAttributes", arn), TargetGroupArn=arn)]
        return out

    res = {"id": arn, "vpc_id": vpc}
    found = read()
    tcp = elb.create_target_group(Name="tcp", Protocol="TCP", Port=443, VpcId=vpc)[
        "TargetGroups"][0]["TargetGroupArn"]
    elb.modify_target_group_attributes(TargetGroupArn=tcp, Attributes=[
        {"Key": "target_health_state.unhealthy.connection_termination.enabled", "Value": "false"},
        {"Key": "target_health_state.unhealthy.draining_interval_seconds", "Value": "120"},
        {"Key": "proxy_protocol_v2.enabled", "Value": "true"},
        {"Key": "preserve_client_ip.enabled", "Value": "true"},
        {"Key": "deregistration_delay.connection_termination.enabled", "Value": "true"},
        {"Key": "target_group_health.dns_failover.minimum_healthy_targets.count", "Value": "2"},
        {"Key": "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
         "Value": "50"}])
    record.write("aws_lb_target_group", "tcp", "TCP target group `tcp` on port 443: unhealthy "
                 "targets keep their connections and drain for 120 s, proxy protocol v2, client "
                 "IPs preserved, connections closed on deregistration, DNS failover below 2 "
                 "healthy targets, unhealthy-state routing below 50 %", {"id": tcp},
                 [rec.call(elb, "describe_target_groups", m("DescribeTargetGroups", tcp),
                           TargetGroupArns=[tcp]),
                  rec.call(elb, "describe_tags", m("DescribeTags", tcp), ResourceArns=[tcp]),
                  rec.call(elb, "describe_target_group_attributes",
                           m("DescribeTargetGroupAttributes", tcp), TargetGroupArn=tcp)])
    yield ("HTTP target group `web` on port 80 for instances, health check on /health answering "
           "200-299, deregistration delay 30 s, load-balancer cookie stickiness for 1 h, "
           "tagged team=drift", res, found)
    elb.delete_target_group(TargetGroupArn=arn)
    yield ("the same target group after DeleteTargetGroup (TargetGroupNotFound)", res,
           read(found=False))


def make_listener(elb, lb, tg, port=80):
    return elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=port,
                               DefaultActions=[{"Type": "forward", "TargetGroupArn": tg,
                                                "Order": 1}],
                               Tags=[{"Key": "team", "Value": "drift"}])["Listeners"][0]["ListenerArn"]


def listener_edited(found):
    describe, tags, attributes = found
    describe = edit(describe, "<AlpnPolicy/>",
                    "<AlpnPolicy><member>HTTP2Preferred</member></AlpnPolicy><Certificates><member>"
                    "<CertificateArn>arn:aws:acm:us-east-1:123456789012:certificate/"
                    "0123abcd-0000-4000-8000-000000000001</CertificateArn></member></Certificates>"
                    "<MutualAuthentication><Mode>verify</Mode><TrustStoreArn>"
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/trust/"
                    "0123456789abcdef</TrustStoreArn><IgnoreClientCertificateExpiry>false"
                    "</IgnoreClientCertificateExpiry><AdvertiseTrustStoreCaNames>on"
                    "</AdvertiseTrustStoreCaNames></MutualAuthentication>",
                    "a listener's AlpnPolicy, Certificates or MutualAuthentication")
    return [describe, tags, attributes]


def aws_lb_listener(rec):
    elb = rec.client("elbv2")
    vpc, subnets, sg = network(rec)
    lb = make_lb(elb, subnets, sg)
    tg = make_target_group(elb, vpc)
    arn = make_listener(elb, lb, tg)
    elb.modify_listener_attributes(ListenerArn=arn, Attributes=[
        {"Key": "routing.http.response.server.enabled", "Value": "false"}])

    def read(found=True):
        out = [rec.call(elb, "describe_listeners", m("DescribeListeners", arn),
                        ListenerArns=[arn])]
        if found:
            out += [rec.call(elb, "describe_tags", m("DescribeTags", arn), ResourceArns=[arn]),
                    rec.call(elb, "describe_listener_attributes",
                             m("DescribeListenerAttributes", arn), ListenerArn=arn)]
        return out

    res = {"id": arn, "load_balancer": lb, "target_group": tg}
    found = read()
    record.write("aws_lb_listener", "list", "the region's listings for unmanaged discovery: its "
                 "one load balancer, then that load balancer's listeners", res, [
                     rec.call(elb, "describe_load_balancers", m("DescribeLoadBalancers")),
                     rec.call(elb, "describe_listeners", m("DescribeListeners", lb),
                              LoadBalancerArn=lb)])
    record.write("aws_lb_listener", "edited", "the listener of `found` with an ALPN policy, one "
                 "certificate and mutual TLS verified against a trust store, which moto cannot "
                 "answer", res, listener_edited(found))
    yield ("HTTP listener on port 80 of load balancer `web` forwarding to target group `web`, "
           "the Server response header off, tagged team=drift", res, found)
    elb.delete_listener(ListenerArn=arn)
    yield ("the same listener after DeleteListener (ListenerNotFound)", res, read(found=False))


def aws_lb_listener_rule(rec):
    elb = rec.client("elbv2")
    vpc, subnets, sg = network(rec)
    lb = make_lb(elb, subnets, sg)
    tg = make_target_group(elb, vpc)
    api = make_target_group(elb, vpc, name="api", port=8080, target_type="ip")
    listener = make_listener(elb, lb, tg)
    arn = elb.create_rule(ListenerArn=listener, Priority=10, Conditions=[
        {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*", "/v2/*"]}},
        {"Field": "http-header", "HttpHeaderConfig": {"HttpHeaderName": "X-Team",
                                                      "Values": ["drift"]}}],
        Actions=[{"Type": "forward", "TargetGroupArn": api, "Order": 1}],
        Tags=[{"Key": "team", "Value": "drift"}])["Rules"][0]["RuleArn"]

    def read(found=True):
        out = [rec.call(elb, "describe_rules", m("DescribeRules", arn), RuleArns=[arn])]
        if found:
            out.append(rec.call(elb, "describe_tags", m("DescribeTags", arn), ResourceArns=[arn]))
        return out

    res = {"id": arn, "listener": listener, "target_group": api}
    yield ("rule of priority 10 on the HTTP listener of `web`: paths /api/* and /v2/* with the "
           "header X-Team: drift forward to target group `api`, tagged team=drift", res, read())
    elb.delete_rule(RuleArn=arn)
    yield ("the same rule after DeleteRule (RuleNotFound)", res, read(found=False))


def aws_lb_target_group_attachment(rec):
    elb = rec.client("elbv2")
    vpc, subnets, sg = network(rec)
    tg = make_target_group(elb, vpc, name="ip", port=8080, target_type="ip")
    elb.register_targets(TargetGroupArn=tg, Targets=[{"Id": "10.40.1.10", "Port": 8080},
                                                     {"Id": "10.40.1.11", "Port": 8080}])

    def read():
        return [rec.call(elb, "describe_target_health", m("DescribeTargetHealth", tg),
                         TargetGroupArn=tg)]

    res = {"id": tg + "-20261206010926368900000001", "target_group_arn": tg,
           "target_id": "10.40.1.10"}
    found = read()
    record.write("aws_lb_target_group_attachment", "edited", "10.40.1.10:8080 of `found` being "
                 "deregistered (draining), which moto never shows", res,
                 [edit(found[0], "<Id>10.40.1.10</Id><Port>8080</Port></Target><HealthCheckPort>"
                       "traffic-port</HealthCheckPort><TargetHealth><State>healthy</State>",
                       "<Id>10.40.1.10</Id><Port>8080</Port></Target><HealthCheckPort>"
                       "traffic-port</HealthCheckPort><TargetHealth><State>draining</State>"
                       "<Reason>Target.DeregistrationInProgress</Reason><Description>Target "
                       "deregistration is in progress</Description>",
                       "a draining target's TargetHealth")])
    yield ("IP target group `ip` with 10.40.1.10:8080 and 10.40.1.11:8080 registered", res,
           found)
    elb.deregister_targets(TargetGroupArn=tg, Targets=[{"Id": "10.40.1.10", "Port": 8080}])
    yield ("the same group after DeregisterTargets of 10.40.1.10:8080 (10.40.1.11 stays)", res,
           read())


TYPES = {
    "aws_lb": aws_lb,
    "aws_lb_target_group": aws_lb_target_group,
    "aws_lb_listener": aws_lb_listener,
    "aws_lb_listener_rule": aws_lb_listener_rule,
    "aws_lb_target_group_attachment": aws_lb_target_group_attachment,
}
