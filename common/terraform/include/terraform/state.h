// Terraform state reader: the state file itself (format version 4, as stored in the S3
// backend) and the `terraform show -json` state representation (format_version 0.x/1.x).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "terraform/types.h"

namespace terraform {

// One resource instance: a counted or for_each resource yields one per key.
struct resource_instance {
  std::string address;  // full, e.g. module.logs.aws_s3_bucket.log["beta"]
  std::string module;   // e.g. module.logs, empty at the root
  resource_mode mode = resource_mode::managed;
  std::string type;
  std::string name;
  index_key key;
  std::string provider;  // e.g. provider["registry.terraform.io/hashicorp/aws"]
  std::int64_t schema_version = 0;
  std::string status;           // "tainted" or empty
  std::string deposed;          // deposed object key, empty for the current object
  json_text attributes = "{}";  // raw values: redact() before writing them anywhere
  std::vector<attr_path> sensitive_paths;
  std::vector<std::string> dependencies;
  // Convenience copies of attributes.id / attributes.arn when they are strings.
  std::string id;
  std::string arn;

  // attributes with sensitive values replaced (see terraform/redact.h): what may be written.
  json_text redacted_attributes() const;
};

struct state {
  std::int64_t version = 4;    // 4 for a state file, 0 for the show -json representation
  std::string format_version;  // show -json only
  std::string terraform_version;
  std::int64_t serial = 0;
  std::string lineage;
  std::vector<resource_instance> resources;  // in file order

  const resource_instance* find(std::string_view address) const;
};

// Parses either form (detected by its keys). Errors: code "NotJson", "UnsupportedVersion" or
// "InvalidState" with the offending field in the message.
core::result<state> parse_state(std::string_view bytes);

}  // namespace terraform
