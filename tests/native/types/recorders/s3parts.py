"""Recorders of the S3 bucket parts (functions/drift-scanner/native/types/s3): ownership
controls, ACL, CORS, website, object lock, notification and replication, each created in moto
with boto3 on one bucket, then read with the call its module makes."""
import copy

import record
from record import BUCKET, s3_match

ACCOUNT = "123456789012"
REPLICA = "drift-offline-replica"
QUEUE = "drift-offline-uploads"
TOPIC = "drift-offline-uploads"
LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"


def read(rec, s3, sub, op, bucket=BUCKET):
    return [rec.call(s3, op, s3_match(bucket, sub), Bucket=bucket)]


def aws_s3_bucket_ownership_controls(rec):
    s3 = rec.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_ownership_controls(Bucket=BUCKET, OwnershipControls={
        "Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
    res = {"id": BUCKET, "bucket": BUCKET}
    op = ("ownershipControls", "get_bucket_ownership_controls")
    yield (f"bucket {BUCKET} with object ownership BucketOwnerPreferred", res, read(rec, s3, *op))
    s3.delete_bucket_ownership_controls(Bucket=BUCKET)
    yield ("the controls removed (DeleteBucketOwnershipControls)", res, read(rec, s3, *op))


def aws_s3_bucket_acl(rec):
    s3 = rec.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    acl = s3.get_bucket_acl(Bucket=BUCKET)
    s3.put_bucket_acl(Bucket=BUCKET, AccessControlPolicy={"Owner": acl["Owner"], "Grants": acl[
        "Grants"] + [
        {"Grantee": {"Type": "Group", "URI": LOG_DELIVERY}, "Permission": "WRITE"},
        {"Grantee": {"Type": "Group", "URI": LOG_DELIVERY}, "Permission": "READ_ACP"}]})
    res = {"id": BUCKET + ",private", "bucket": BUCKET}
    yield (f"bucket {BUCKET}: the owner's FULL_CONTROL, and WRITE and READ_ACP for the log "
           "delivery group", res, read(rec, s3, "acl", "get_bucket_acl"))
    s3.delete_bucket(Bucket=BUCKET)
    yield (f"bucket {BUCKET} after DeleteBucket (NoSuchBucket)", res,
           read(rec, s3, "acl", "get_bucket_acl"))


def aws_s3_bucket_cors_configuration(rec):
    s3 = rec.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": [
        {"ID": "app", "AllowedHeaders": ["Content-Type", "Authorization"],
         "AllowedMethods": ["PUT", "GET"], "AllowedOrigins": ["https://app.example.com"],
         "ExposeHeaders": ["ETag", "x-amz-request-id"], "MaxAgeSeconds": 3000},
        {"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]})
    res = {"id": BUCKET, "bucket": BUCKET}
    yield (f"bucket {BUCKET} with two CORS rules: `app` (PUT, GET from app.example.com, two "
           "headers, two exposed, 3000 s) and GET from anywhere", res,
           read(rec, s3, "cors", "get_bucket_cors"))
    s3.delete_bucket_cors(Bucket=BUCKET)
    yield ("the CORS configuration removed (DeleteBucketCors)", res,
           read(rec, s3, "cors", "get_bucket_cors"))


def aws_s3_bucket_website_configuration(rec):
    s3 = rec.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_website(Bucket=BUCKET, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"},
        "RoutingRules": [
            {"Condition": {"KeyPrefixEquals": "docs/"},
             "Redirect": {"ReplaceKeyPrefixWith": "documents/"}},
            {"Condition": {"HttpErrorCodeReturnedEquals": "404"},
             "Redirect": {"HostName": "example.com", "Protocol": "https",
                          "HttpRedirectCode": "301", "ReplaceKeyWith": "missing.html"}}]})
    res = {"id": BUCKET, "bucket": BUCKET}
    op = ("website", "get_bucket_website")
    found = read(rec, s3, *op)
    s3.put_bucket_website(Bucket=BUCKET, WebsiteConfiguration={
        "RedirectAllRequestsTo": {"HostName": "www.example.com", "Protocol": "https"}})
    record.write("aws_s3_bucket_website_configuration", "redirect",
                 "every request redirected to https://www.example.com", res, read(rec, s3, *op))
    yield (f"bucket {BUCKET} serving index.html and error.html, docs/ redirected to "
           "documents/, a 404 sent to https://example.com/missing.html (301)", res, found)
    s3.delete_bucket_website(Bucket=BUCKET)
    yield ("the website configuration removed (DeleteBucketWebsite)", res, read(rec, s3, *op))


def aws_s3_bucket_object_lock_configuration(rec):
    s3 = rec.client("s3")
    s3.create_bucket(Bucket=BUCKET, ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket=BUCKET, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 1}}})
    res = {"id": BUCKET, "bucket": BUCKET}
    op = ("object-lock", "get_object_lock_configuration")
    yield (f"bucket {BUCKET} created with object lock, retaining in COMPLIANCE mode for a year",
           res, read(rec, s3, *op))
    s3.delete_bucket(Bucket=BUCKET)
    s3.create_bucket(Bucket=BUCKET)
    yield (f"bucket {BUCKET} created again without object lock "
           "(ObjectLockConfigurationNotFoundError)", res, read(rec, s3, *op))


def eventbridge_told(res, found):
    """moto keeps no EventBridgeConfiguration: the found response with the element the S3 API
    reference's GetBucketNotificationConfiguration response syntax gives it."""
    x = copy.deepcopy(found)
    body = x[0]["response"]["body"]
    x[0]["response"]["body"] = body.replace(
        "</NotificationConfiguration>", "<EventBridgeConfiguration/></NotificationConfiguration>")
    x[0]["edited"] = ("moto does not keep EventBridgeConfiguration: the recorded response with "
                      "the empty <EventBridgeConfiguration/> element S3 answers when EventBridge "
                      "is told")
    record.write("aws_s3_bucket_notification", "eventbridge",
                 "the found configuration with EventBridge told (edited: moto drops it)", res, x)


def aws_s3_bucket_notification(rec):
    s3 = rec.client("s3")
    sqs = rec.client("sqs")
    sns = rec.client("sns")
    s3.create_bucket(Bucket=BUCKET)
    queue = sqs.get_queue_attributes(QueueUrl=sqs.create_queue(QueueName=QUEUE)["QueueUrl"],
                                     AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    topic = sns.create_topic(Name=TOPIC)["TopicArn"]
    s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={
        "QueueConfigurations": [{
            "Id": "images", "QueueArn": queue,
            "Events": ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"},
                                               {"Name": "suffix", "Value": ".png"}]}}}],
        "TopicConfigurations": [{"Id": "removed", "TopicArn": topic,
                                 "Events": ["s3:ObjectRemoved:*"]}],
        "LambdaFunctionConfigurations": [{
            "Id": "thumbnails",
            "LambdaFunctionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:thumbnails",
            "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".jpg"}]}}}],
        "EventBridgeConfiguration": {}})
    res = {"id": BUCKET, "bucket": BUCKET}
    op = ("notification", "get_bucket_notification_configuration")
    found = read(rec, s3, *op)
    eventbridge_told(res, found)
    yield (f"bucket {BUCKET} telling a queue of PNG uploads under images/, a topic of removals, "
           "a Lambda function of JPG uploads (EventBridge asked for too: moto does not keep it)",
           res, found)
    s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={})
    record.write("aws_s3_bucket_notification", "emptied",
                 "every notification removed (an empty configuration): the bucket still answers",
                 res, read(rec, s3, *op))
    s3.delete_bucket(Bucket=BUCKET)
    yield (f"bucket {BUCKET} after DeleteBucket (NoSuchBucket)", res, read(rec, s3, *op))


# The rules as put, in the S3 API reference's GetBucketReplication response syntax: moto
# answers each Filter as an empty Prefix and drops DeleteMarkerReplication's Enabled,
# ExistingObjectReplication and SourceSelectionCriteria.
FULL_RULES = """<Rule><ID>reports</ID><Priority>2</Priority><Filter><And><Prefix>reports/</Prefix>\
<Tag><Key>class</Key><Value>audit</Value></Tag></And></Filter><Status>Enabled</Status>\
<SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects>\
<ReplicaModifications><Status>Enabled</Status></ReplicaModifications></SourceSelectionCriteria>\
<ExistingObjectReplication><Status>Enabled</Status></ExistingObjectReplication>\
<Destination><Bucket>arn:aws:s3:::drift-offline-replica</Bucket><Account>123456789012</Account>\
<StorageClass>STANDARD_IA</StorageClass><AccessControlTranslation><Owner>Destination</Owner>\
</AccessControlTranslation><EncryptionConfiguration><ReplicaKmsKeyID>\
arn:aws:kms:us-east-1:123456789012:key/replica-example</ReplicaKmsKeyID></EncryptionConfiguration>\
<ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime>\
<Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics>\
</Destination><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication></Rule>\
<Rule><ID>logs</ID><Priority>1</Priority><Filter><Tag><Key>kind</Key><Value>log</Value></Tag>\
</Filter><Status>Disabled</Status><Destination><Bucket>arn:aws:s3:::drift-offline-replica</Bucket>\
</Destination><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule>"""


def replication_in_full(res, found):
    x = copy.deepcopy(found)
    body = x[0]["response"]["body"]
    start, end = body.index("<Rule>"), body.rindex("</Rule>") + len("</Rule>")
    x[0]["response"]["body"] = body[:start] + FULL_RULES + body[end:]
    x[0]["edited"] = ("moto keeps neither the rules' filters (And with a tag, Tag) nor "
                      "DeleteMarkerReplication Enabled, ExistingObjectReplication or "
                      "SourceSelectionCriteria: the recorded response with the rules as put, in "
                      "the GetBucketReplication response syntax of the S3 API reference")
    record.write("aws_s3_bucket_replication_configuration", "full",
                 "the found rules as they were put (edited: moto drops filters and three "
                 "settings)", res, x)


def aws_s3_bucket_replication_configuration(rec):
    s3 = rec.client("s3")
    for b in (BUCKET, REPLICA):
        s3.create_bucket(Bucket=b)
        s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
    role = f"arn:aws:iam::{ACCOUNT}:role/replication"
    s3.put_bucket_replication(Bucket=BUCKET, ReplicationConfiguration={"Role": role, "Rules": [{
        "ID": "reports", "Priority": 2, "Status": "Enabled",
        "Filter": {"And": {"Prefix": "reports/", "Tags": [{"Key": "class", "Value": "audit"}]}},
        "DeleteMarkerReplication": {"Status": "Enabled"},
        "ExistingObjectReplication": {"Status": "Enabled"},
        "SourceSelectionCriteria": {"SseKmsEncryptedObjects": {"Status": "Enabled"},
                                    "ReplicaModifications": {"Status": "Enabled"}},
        "Destination": {
            "Bucket": f"arn:aws:s3:::{REPLICA}", "Account": ACCOUNT, "StorageClass": "STANDARD_IA",
            "AccessControlTranslation": {"Owner": "Destination"},
            "EncryptionConfiguration": {
                "ReplicaKmsKeyID": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/replica-example"},
            "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": 15}},
            "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": 15}}}}, {
        "ID": "logs", "Priority": 1, "Status": "Disabled",
        "Filter": {"Tag": {"Key": "kind", "Value": "log"}},
        "DeleteMarkerReplication": {"Status": "Disabled"},
        "Destination": {"Bucket": f"arn:aws:s3:::{REPLICA}"}}]})
    res = {"id": BUCKET, "bucket": BUCKET, "replica": REPLICA}
    op = ("replication", "get_bucket_replication")
    found = read(rec, s3, *op)
    replication_in_full(res, found)
    yield (f"versioned bucket {BUCKET} replicating to {REPLICA}: rule `reports` (reports/ "
           "tagged class=audit, every option of the destination), rule `logs` (disabled, "
           "tagged kind=log); moto keeps neither filter, nor the delete marker, existing object "
           "and source selection settings", res, found)
    s3.delete_bucket_replication(Bucket=BUCKET)
    yield ("the replication configuration removed (DeleteBucketReplication)", res,
           read(rec, s3, *op))


TYPES = {
    "aws_s3_bucket_ownership_controls": aws_s3_bucket_ownership_controls,
    "aws_s3_bucket_acl": aws_s3_bucket_acl,
    "aws_s3_bucket_cors_configuration": aws_s3_bucket_cors_configuration,
    "aws_s3_bucket_website_configuration": aws_s3_bucket_website_configuration,
    "aws_s3_bucket_object_lock_configuration": aws_s3_bucket_object_lock_configuration,
    "aws_s3_bucket_notification": aws_s3_bucket_notification,
    "aws_s3_bucket_replication_configuration": aws_s3_bucket_replication_configuration,
}
