#!/usr/bin/env python3
"""Console-like changes to the S3 bucket parts family in one workspace (see ../README.md).

Usage: console_changes.py --endpoint URL --name-prefix P --workspace W

Terraform also shows a part's change on its bucket's computed copy (grant, cors_rule, website,
object_lock_configuration, replication_configuration); the native engine reports it once, on
the part, and native.ground_truth maps Terraform's echo to the part.
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import console  # noqa: E402


def main():
    a, kw = console.start(__doc__)
    s3 = boto3.client("s3", **kw)
    name = f"{a.name_prefix}-{a.workspace}"
    bucket = lambda n: f"{name}-{n}"  # noqa: E731
    changes, not_drift = [], []

    def change(what, address, attributes, kind="update"):
        changes.append({"name": what, "address": address, "change": kind, "attributes": attributes})

    # Object ownership switched to the writer's.
    s3.put_bucket_ownership_controls(Bucket=bucket("site"), OwnershipControls={
        "Rules": [{"ObjectOwnership": "ObjectWriter"}]})
    change("ownership_object_writer", "aws_s3_bucket_ownership_controls.site", ["rule"])

    # Read access granted to the log delivery group beside the owner's full control.
    acl = s3.get_bucket_acl(Bucket=bucket("site"))
    grants = acl["Grants"] + [{"Grantee": {
        "Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
        "Permission": "READ"}]
    s3.put_bucket_acl(Bucket=bucket("site"), AccessControlPolicy={
        "Grants": grants, "Owner": acl["Owner"]})
    change("acl_log_delivery_read", "aws_s3_bucket_acl.site", ["access_control_policy"])

    # The app's CORS rule opened to DELETE and cached for a minute only.
    cors = s3.get_bucket_cors(Bucket=bucket("site"))["CORSRules"]
    for r in cors:
        if r.get("ID") == "app":
            r["AllowedMethods"].append("DELETE")
            r["MaxAgeSeconds"] = 60
    s3.put_bucket_cors(Bucket=bucket("site"), CORSConfiguration={"CORSRules": cors})
    change("cors_delete_allowed", "aws_s3_bucket_cors_configuration.site", ["cors_rule"])

    # The website's error page renamed.
    site = s3.get_bucket_website(Bucket=bucket("site"))
    site.pop("ResponseMetadata", None)
    site["ErrorDocument"] = {"Key": "404.html"}
    s3.put_bucket_website(Bucket=bucket("site"), WebsiteConfiguration=site)
    change("website_error_page", "aws_s3_bucket_website_configuration.site", ["error_document"])

    # Default retention lengthened to a week.
    s3.put_object_lock_configuration(Bucket=bucket("locked"), ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 7}}})
    change("object_lock_week", "aws_s3_bucket_object_lock_configuration.locked", ["rule"])

    # The topic notification removed: only the queue is told. Not drift: the queue's events
    # sent again in another order (a set).
    n = s3.get_bucket_notification_configuration(Bucket=bucket("events"))
    n.pop("ResponseMetadata", None)
    n.pop("TopicConfigurations", None)
    for q in n["QueueConfigurations"]:
        q["Events"] = list(reversed(q["Events"]))
    s3.put_bucket_notification_configuration(Bucket=bucket("events"),
                                             NotificationConfiguration=n)
    change("notification_topic_removed", "aws_s3_bucket_notification.events", ["topic"])
    not_drift.append({"name": "notification_events_reordered",
                      "address": "aws_s3_bucket_notification.events", "attributes": ["queue"]})

    # The events bucket's ownership controls deleted.
    s3.delete_bucket_ownership_controls(Bucket=bucket("events"))
    change("ownership_controls_deleted", "aws_s3_bucket_ownership_controls.events", [], "delete")

    # Replication paused.
    rep = s3.get_bucket_replication(Bucket=bucket("source"))["ReplicationConfiguration"]
    rep["Rules"][0]["Status"] = "Disabled"
    s3.put_bucket_replication(Bucket=bucket("source"), ReplicationConfiguration=rep)
    change("replication_paused", "aws_s3_bucket_replication_configuration.source", ["rule"])

    console.report(changes, not_drift)


if __name__ == "__main__":
    main()
