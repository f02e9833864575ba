#!/usr/bin/env python3
"""Console-like changes to the DNS and certificates family (Route 53, ACM) in one workspace
(see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

moto fails ACM's UpdateCertificateOptions, so the certificate's change is its tags; a change of
its `options` is proved by the offline test alone (tests/native/types/aws_acm_certificate_test.cpp).
"""
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    r53 = boto3.client("route53", **kw)
    acm = boto3.client("acm", **kw)
    zone_name = f"{a.name_prefix}-{a.workspace}.example.com"
    zone = next(z["Id"].rsplit("/", 1)[-1] for z in r53.list_hosted_zones()["HostedZones"]
                if z["Name"] == zone_name + ".")
    changes, not_drift, unmanaged = [], [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    def record_set(name, rtype, set_identifier=None):
        fqdn = name + "." + zone_name + "."
        for rs in r53.list_resource_record_sets(HostedZoneId=zone, StartRecordName=fqdn,
                                                StartRecordType=rtype)["ResourceRecordSets"]:
            if (rs["Name"], rs["Type"], rs.get("SetIdentifier")) == (fqdn, rtype, set_identifier):
                return rs
        raise SystemExit(f"no record set {fqdn} {rtype} {set_identifier}")

    def send(action, rrset):
        r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={
            "Changes": [{"Action": action, "ResourceRecordSet": rrset}]})

    # The zone's comment rewritten.
    r53.update_hosted_zone_comment(Id=zone, Comment="Edited in the console")
    change("zone_comment", "aws_route53_zone.main", ["comment"])

    # www: a third address and a shorter TTL.
    www = record_set("www", "A")
    www["TTL"] = 60
    www["ResourceRecords"].append({"Value": "192.0.2.12"})
    send("UPSERT", www)
    change("www_records_ttl", "aws_route53_record.www", ["records", "ttl"])

    # The blue/green split moved from 90/10 to 50/10.
    blue = record_set("api", "CNAME", "blue")
    blue["Weight"] = 50
    send("UPSERT", blue)
    change("api_blue_weight", "aws_route53_record.api_blue", ["weighted_routing_policy"])

    # The apex alias now evaluates its target's health.
    apex = next(rs for rs in r53.list_resource_record_sets(
        HostedZoneId=zone, StartRecordName=zone_name + ".",
        StartRecordType="A")["ResourceRecordSets"]
        if rs["Name"] == zone_name + "." and rs["Type"] == "A")
    apex["AliasTarget"]["EvaluateTargetHealth"] = True
    send("UPSERT", apex)
    change("apex_alias_health", "aws_route53_record.apex", ["alias"])

    # The failover primary made the secondary, and Europe moved to North America.
    app = record_set("app", "A", "primary")
    app["Failover"] = "SECONDARY"
    send("UPSERT", app)
    change("app_failover_secondary", "aws_route53_record.app_primary", ["failover_routing_policy"])
    eu = record_set("shop", "A", "europe")
    eu["GeoLocation"] = {"ContinentCode": "NA"}
    send("UPSERT", eu)
    change("eu_continent", "aws_route53_record.eu", ["geolocation_routing_policy"])

    # The old record set deleted.
    send("DELETE", record_set("old", "A"))
    change("old_deleted", "aws_route53_record.old", [], "delete")

    # Not drift: the TXT record set written again with its values in the other order.
    txt = record_set("info", "TXT")
    txt["ResourceRecords"] = list(reversed(txt["ResourceRecords"]))
    send("UPSERT", txt)
    not_drift.append({"name": "txt_values_reordered", "address": "aws_route53_record.txt",
                      "attributes": ["records"]})

    # The certificate tagged by hand.
    arn = next(c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]
               if c["DomainName"] == "site." + zone_name)
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "Owner", "Value": "console"}])
    change("certificate_tagged", "aws_acm_certificate.site", ["tags", "tags_all"])

    # Made by hand beside the managed ones: a record set in the managed zone, a zone and a
    # certificate.
    send("CREATE", {"Name": "handmade." + zone_name + ".", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "192.0.2.50"}]})
    unmanaged.append({"type": "aws_route53_record", "id": f"{zone}_handmade.{zone_name}_A"})
    hand_zone = r53.create_hosted_zone(Name=f"handmade-{a.name_prefix}-{a.workspace}.example.org.",
                                       CallerReference=f"handmade-{a.name_prefix}-{a.workspace}")
    unmanaged.append({"type": "aws_route53_zone",
                      "id": hand_zone["HostedZone"]["Id"].rsplit("/", 1)[-1]})
    hand_cert = acm.request_certificate(
        DomainName=f"handmade.{a.name_prefix}-{a.workspace}.example.org",
        ValidationMethod="DNS")["CertificateArn"]
    unmanaged.append({"type": "aws_acm_certificate", "id": hand_cert})

    console.report(changes, not_drift, unmanaged)


if __name__ == "__main__":
    main()
