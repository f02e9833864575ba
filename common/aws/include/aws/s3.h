// Amazon S3 (REST-XML): objects, listings and bucket configuration reads.
// Addressing: virtual-hosted (bucket.s3.<region>.amazonaws.com) by default, path-style
// (<endpoint>/<bucket>/<key>) when an endpoint override is configured or the bucket name has dots.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/session.h"

namespace aws::s3 {

// NoSuchKey, NoSuchBucket, or a HEAD's bare 404.
bool is_not_found(const error& e);

struct object {
  std::string body;
  std::string etag;
  std::string content_type;
  std::string last_modified;
  long long size = 0;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* without the prefix, lower-case
};

core::result<object, error> get_object(session& s, const std::string& bucket,
                                       const std::string& key);
// As get_object, without the body.
core::result<object, error> head_object(session& s, const std::string& bucket,
                                        const std::string& key);
// The new object's ETag.
core::result<std::string, error> put_object(session& s, const std::string& bucket,
                                            const std::string& key, const std::string& body,
                                            const std::string& content_type = "application/json");
// put_object only when no object has the key (If-None-Match: *): true when this call wrote
// it, false when one was there already (412 PreconditionFailed), so that of several writers
// exactly one wins (a claim).
core::result<bool, error> put_object_if_absent(
    session& s, const std::string& bucket, const std::string& key, const std::string& body,
    const std::string& content_type = "application/json");
core::result<core::unit, error> delete_object(session& s, const std::string& bucket,
                                              const std::string& key);

struct object_summary {
  std::string key;
  long long size = 0;
  std::string etag;
  std::string last_modified;
};
struct listing {
  std::vector<object_summary> objects;
  std::vector<std::string> common_prefixes;  // with a delimiter
};
// Every object under `prefix`, following continuation tokens; page_size 0: S3's default (1000).
core::result<listing, error> list_objects(session& s, const std::string& bucket,
                                          const std::string& prefix = {},
                                          const std::string& delimiter = {}, int page_size = 0);

struct bucket_info {
  std::string name;
  std::string creation_date;
};
core::result<std::vector<bucket_info>, error> list_buckets(session& s);
// The bucket's region ("us-east-1" for S3's empty answer).
core::result<std::string, error> get_bucket_location(session& s, const std::string& bucket);
// Creates a bucket in the session's region (tests and tools).
core::result<core::unit, error> create_bucket(session& s, const std::string& bucket);

// Bucket configuration reads. The parsed XML document, or nullopt when the bucket has no
// such configuration (S3's NoSuch...Configuration answers). `sub` is the sub-resource:
// "versioning", "encryption", "publicAccessBlock", "tagging", "lifecycle", "logging", "acl".
// `headers`, when given, gets the answer's response headers (names in lower case): S3 answers
// some settings beside the document (the lifecycle's
// x-amz-transition-default-minimum-object-size).
core::result<std::optional<xml_response>, error> get_bucket_config(
    session& s, const std::string& bucket, const std::string& sub,
    std::map<std::string, std::string>* headers = nullptr);
// The bucket policy's JSON text, or nullopt when none is set.
core::result<std::optional<std::string>, error> get_bucket_policy(session& s,
                                                                  const std::string& bucket);
// Writes a configuration sub-resource (tests and tools): PUT ?<sub> with `body`.
core::result<core::unit, error> put_bucket_config(session& s, const std::string& bucket,
                                                  const std::string& sub, const std::string& body);

// A presigned GET URL for the object, valid for `expires` (at most 7 days; with temporary
// credentials, no longer than they live).
core::result<std::string, error> presign_get(session& s, const std::string& bucket,
                                             const std::string& key,
                                             std::chrono::seconds expires = std::chrono::hours(1));

// Bucket tags as a map (empty when the bucket has none).
core::result<std::map<std::string, std::string>, error> get_bucket_tags(session& s,
                                                                        const std::string& bucket);

}  // namespace aws::s3
