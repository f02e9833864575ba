// The identity (ARN and tags) under which a resource is recorded, alerted and remediated.
// Split resources hold one piece of a parent's configuration and have no tags or ARN of their
// own (aws_s3_bucket_versioning and the other aws_s3_bucket_* resources; security group rule
// resources): they take the parent's. One rule, used by the scanner and the recording tool.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "terraform/state.h"

namespace drift {

struct split_parent {
  std::string parent_type;  // e.g. aws_s3_bucket
  std::string child_key;    // attribute of the split resource naming the parent: bucket
  std::string parent_key;   // attribute of the parent it must equal: bucket / id
};

// nullopt when the type is not a split resource.
std::optional<split_parent> split_parent_of(std::string_view type);

struct resource_identity {
  std::string arn;
  std::map<std::string, std::string> tags;  // tags_all if present, else tags; redacted
  std::string parent_address;               // the parent found in the state, if any
};

// For a split resource, the parent's ARN and tags (the parent looked up in `st`; for S3 the
// ARN arn:<partition>:s3:::<bucket> also without it). Otherwise the resource's own.
resource_identity identity_of(const terraform::resource_instance& r, const terraform::state& st);

// tags_all (what AWS holds, provider default tags included) if present, else tags.
std::map<std::string, std::string> tags_of(const terraform::resource_instance& r);

}  // namespace drift
