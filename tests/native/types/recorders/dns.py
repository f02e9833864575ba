"""Recorders of the DNS and certificates family (Route 53 hosted zones and record sets, ACM
certificates) for record.py: each function creates its resources in moto with boto3 and sends
the calls the type module makes, yielding the `found` and `gone` cases (and writing the extra
cases its test reads)."""
import copy
import json

import record

ACCOUNT = "123456789012"
ZONE = "shop.example.com"

R53_ERROR = ('<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/'
             '2013-04-01/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}'
             '</Message></Error><RequestId>5bb5b2b0-example</RequestId></ErrorResponse>')

# The errors Route 53 (REST-XML, signed as `route53`) and ACM (JSON 1.1) document for
# throttling and denied access, for the throttled and denied cases.
record.ERRORS.setdefault("route53", {
    "throttled": (400, "text/xml", R53_ERROR, "Throttling", "Rate exceeded"),
    "denied": (403, "text/xml", R53_ERROR, "AccessDenied",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "route53:GetHostedZone"),
})
record.ERRORS.setdefault("acm", {
    "throttled": (400, "application/x-amz-json-1.1", None,
                  "com.amazonaws.acm#ThrottlingException", "Rate exceeded"),
    "denied": (400, "application/x-amz-json-1.1", None,
               "com.amazon.coral.service#AccessDeniedException",
               f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not authorized to perform: "
               "acm:DescribeCertificate"),
})


def r53(path, *query):
    return {"service": "route53", "method": "GET", "path": "/2013-04-01" + path,
            "query": list(query)}


def acm_match(action, *contains):
    return {"service": "acm", "action": action, "contains": list(contains)}


def bare(zone_id):
    return zone_id.rsplit("/", 1)[-1]


def change(r53c, zone_id, action, rrset):
    r53c.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
        "Changes": [{"Action": action, "ResourceRecordSet": rrset}]})


# --- aws_route53_zone -----------------------------------------------------------------------

def aws_route53_zone(rec):
    ec2 = rec.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    r53c = rec.client("route53")
    zid = bare(r53c.create_hosted_zone(
        Name=ZONE + ".", CallerReference="drift-zone",
        HostedZoneConfig={"Comment": "shop internal", "PrivateZone": True},
        VPC={"VPCRegion": record.REGION, "VPCId": vpc})["HostedZone"]["Id"])
    r53c.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zid,
                                  AddTags=[{"Key": "team", "Value": "drift"}])

    def read(full=True):
        out = [rec.call(r53c, "get_hosted_zone", r53("/hostedzone/" + zid), Id=zid)]
        if full:
            out.append(rec.call(r53c, "list_tags_for_resources",
                                {"service": "route53", "method": "POST",
                                 "path": "/2013-04-01/tags/hostedzone", "query": [],
                                 "contains": [zid]},
                                ResourceType="hostedzone", ResourceIds=[zid]))
        return out

    res = {"id": zid, "vpc_id": vpc, "name": ZONE}
    found = (f"private zone `{ZONE}` with comment `shop internal`, associated with one VPC, "
             "tagged team=drift", res, read())
    # A scan role from before ListTagsForResources: that call denied, then the zone's own
    # ListTagsForResource.
    zone_answer, batch_tags = read()
    denied = copy.deepcopy(batch_tags)
    denied["response"] = {"status": 403, "headers": {"Content-Type": "text/xml"},
                          "body": R53_ERROR.format(
                              code="AccessDenied",
                              message=f"User: arn:aws:iam::{ACCOUNT}:user/scanner is not "
                                      "authorized to perform: route53:ListTagsForResources")}
    denied["edited"] = "the batch tag call answered as Route 53 denies an action the role lacks"
    alone = rec.call(r53c, "list_tags_for_resource", r53("/tags/hostedzone/" + zid),
                     ResourceType="hostedzone", ResourceId=zid)
    record.write("aws_route53_zone", "tags_denied",
                 "the zone of `found`; ListTagsForResources denied, ListTagsForResource allowed",
                 res, [zone_answer, denied, alone])
    listing = rec.call(r53c, "list_hosted_zones", r53("/hostedzone", "maxitems"), MaxItems="100")
    record.write("aws_route53_zone", "listed", "ListHostedZones with the zone of `found`", res,
                 [listing])
    yield found
    r53c.delete_hosted_zone(Id=zid)
    yield "the same zone after DeleteHostedZone (NoSuchHostedZone)", res, read(False)


# --- aws_route53_record ---------------------------------------------------------------------

def list_at(rec, r53c, zid, name, rtype, max_items):
    return rec.call(r53c, "list_resource_record_sets",
                    r53(f"/hostedzone/{zid}/rrset", "name", "type", "maxitems"),
                    HostedZoneId=zid, StartRecordName=name, StartRecordType=rtype,
                    MaxItems=str(max_items))


def record_cidr_geoproximity(res, failover):
    """The failover record set rewritten as a CIDR-routed and a geoproximity-routed one."""
    for case, routing, about in (
            ("cidr", "<CidrRoutingConfig><CollectionId>c8c02a84-aaaa-4e9b-8a3c-0123456789ab"
                     "</CollectionId><LocationName>office</LocationName></CidrRoutingConfig>",
             "CIDR routing: collection c8c02a84-..., location office"),
            ("geoproximity", "<GeoProximityLocation><Coordinates><Latitude>49.22</Latitude>"
                             "<Longitude>-74.01</Longitude></Coordinates><Bias>10</Bias>"
                             "</GeoProximityLocation>",
             "geoproximity routing: coordinates 49.22/-74.01, bias 10")):
        x = copy.deepcopy(failover)
        body = x["response"]["body"]
        start = body.index("<Failover>")
        end = body.index("</Failover>") + len("</Failover>")
        x["response"]["body"] = body[:start] + routing + body[end:]
        x["edited"] = ("moto drops CidrRoutingConfig and GeoProximityLocation: the recorded "
                       "ResourceRecordSet with its Failover replaced by the element in the shape "
                       "the Route 53 API reference documents")
        record.write("aws_route53_record", case,
                     f"the app record set of `failover` with {about} (edited: moto cannot "
                     "store it)", res, [x])


def aws_route53_record(rec):
    r53c = rec.client("route53")
    zid = bare(r53c.create_hosted_zone(Name=ZONE + ".", CallerReference="drift-records")
               ["HostedZone"]["Id"])
    txt = "info." + ZONE
    change(r53c, zid, "CREATE", {"Name": txt + ".", "Type": "TXT", "TTL": 60, "ResourceRecords": [
        {"Value": '"v=spf1 -all"'}, {"Value": '"owner=platform"'}]})
    change(r53c, zid, "CREATE", {"Name": "www." + ZONE + ".", "Type": "A", "TTL": 300,
                                 "ResourceRecords": [{"Value": "192.0.2.10"}]})
    # The apex alias to www, and a weighted pair on api.
    change(r53c, zid, "CREATE", {"Name": ZONE + ".", "Type": "A", "AliasTarget": {
        "HostedZoneId": zid, "DNSName": "WWW." + ZONE + ".", "EvaluateTargetHealth": False}})
    for ident, weight in (("blue", 90), ("green", 10)):
        change(r53c, zid, "CREATE", {"Name": "api." + ZONE + ".", "Type": "CNAME", "TTL": 60,
                                     "SetIdentifier": ident, "Weight": weight,
                                     "ResourceRecords": [{"Value": ident + ".example.net"}]})
    # A failover primary checked by a health check.
    check = r53c.create_health_check(CallerReference="drift-check", HealthCheckConfig={
        "Type": "HTTP", "FullyQualifiedDomainName": "www." + ZONE, "Port": 80,
        "ResourcePath": "/health"})["HealthCheck"]["Id"]
    change(r53c, zid, "CREATE", {"Name": "app." + ZONE + ".", "Type": "A", "TTL": 60,
                                 "SetIdentifier": "primary", "Failover": "PRIMARY",
                                 "HealthCheckId": check,
                                 "ResourceRecords": [{"Value": "192.0.2.20"}]})
    res = {"zone_id": zid, "name": "info", "fqdn": txt, "type": "TXT", "zone_name": ZONE}
    res["health_check_id"] = check

    record.write("aws_route53_record", "alias",
                 f"the apex of `{ZONE}`: an A alias to WWW.{ZONE}. (as written: upper case, "
                 "trailing dot)", res, [list_at(rec, r53c, zid, ZONE, "A", 1)])
    record.write("aws_route53_record", "weighted",
                 "api CNAME, set identifier green (weight 10) after blue (weight 90)", res,
                 [list_at(rec, r53c, zid, "api." + ZONE, "CNAME", 100)])
    failover = list_at(rec, r53c, zid, "app." + ZONE, "A", 100)
    record.write("aws_route53_record", "failover",
                 "app A, set identifier primary: failover PRIMARY with a health check", res,
                 [failover])
    record_cidr_geoproximity(res, failover)
    listing = [rec.call(r53c, "list_hosted_zones", r53("/hostedzone", "maxitems"),
                        MaxItems="100"),
               rec.call(r53c, "list_resource_record_sets",
                        r53(f"/hostedzone/{zid}/rrset", "maxitems"), HostedZoneId=zid,
                        MaxItems="300")]
    record.write("aws_route53_record", "listed",
                 f"ListHostedZones, then every record set of `{ZONE}`", res, listing)

    found = (f"TXT `info` in `{ZONE}` (TTL 60), values \"v=spf1 -all\" and \"owner=platform\" "
             "as Route 53 keeps them (quoted)", res, [list_at(rec, r53c, zid, txt, "TXT", 1)])
    yield found
    change(r53c, zid, "DELETE", {"Name": txt + ".", "Type": "TXT", "TTL": 60, "ResourceRecords": [
        {"Value": '"v=spf1 -all"'}, {"Value": '"owner=platform"'}]})
    yield ("the zone after the TXT record set's DELETE (the listing from info/TXT starts at the "
           "next record set)", res, [list_at(rec, r53c, zid, txt, "TXT", 1)])


# --- aws_acm_certificate --------------------------------------------------------------------

def certificate_options_disabled(found):
    """found with DescribeCertificate answering certificate transparency logging DISABLED."""
    about, res, exchanges = found
    x = copy.deepcopy(exchanges)
    body = json.loads(x[0]["response"]["body"])
    body["Certificate"]["Options"] = {"CertificateTransparencyLoggingPreference": "DISABLED"}
    x[0]["response"]["body"] = json.dumps(body)
    x[0]["edited"] = ("moto fails UpdateCertificateOptions: the recorded response with Options "
                      "as the ACM API reference's CertificateDetail documents it after an "
                      "UpdateCertificateOptions to DISABLED")
    record.write("aws_acm_certificate", "options_disabled",
                 "the certificate of `found` after UpdateCertificateOptions turned certificate "
                 "transparency logging off (edited: moto cannot make this change)", res, x)


def aws_acm_certificate(rec):
    acm = rec.client("acm")
    domain = "site." + ZONE
    arn = acm.request_certificate(DomainName=domain, ValidationMethod="DNS",
                                  SubjectAlternativeNames=[domain, "www." + domain],
                                  Tags=[{"Key": "team", "Value": "drift"}])["CertificateArn"]

    def read(full=True):
        out = [rec.call(acm, "describe_certificate", acm_match("DescribeCertificate", arn),
                        CertificateArn=arn)]
        if full:
            out.append(rec.call(acm, "list_tags_for_certificate",
                                acm_match("ListTagsForCertificate", arn), CertificateArn=arn))
        return out

    res = {"id": arn, "domain_name": domain}
    found = (f"a DNS-validated certificate request for `{domain}` and www.{domain}, tagged "
             "team=drift", res, read())
    certificate_options_disabled(found)
    keys = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1",
            "EC_secp521r1"]
    record.write("aws_acm_certificate", "listed", "ListCertificates over every key algorithm",
                 res, [rec.call(acm, "list_certificates",
                                acm_match("ListCertificates", "keyTypes", "RSA_4096",
                                          "EC_secp521r1"),
                                Includes={"keyTypes": keys})])
    yield found
    acm.delete_certificate(CertificateArn=arn)
    yield ("the same certificate after DeleteCertificate (ResourceNotFoundException)", res,
           read(False))


TYPES = {
    "aws_route53_zone": aws_route53_zone,
    "aws_route53_record": aws_route53_record,
    "aws_acm_certificate": aws_acm_certificate,
}
