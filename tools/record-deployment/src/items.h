// Deployment-metadata items (brief, Data) from a Terraform state: one item per resource ARN,
// split resources (aws_s3_bucket_versioning...) folded into their parent's ARN by the shared
// identity rule (drift/tags.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "terraform/state.h"

namespace record {

// What the caller knows about the deployment; the state supplies the rest.
struct deployment_info {
  std::string deployment_id;
  std::string deployed_at;  // ISO 8601 UTC
  std::string deployment_status = "success";
  std::string git_commit_sha;
  std::string git_branch;
  std::string tfvars_path;
  std::string account_id;  // fallback when an ARN carries none (S3)
  std::string region;      // fallback when an ARN carries none
  std::string policy_version;
  std::string terraform_version;  // default: the state's
  std::string deployed_by;
  std::string workspace = "default";
  std::string environment;  // default: the workspace
  std::string state_bucket;
  std::string state_key;
  std::string workspace_key_prefix = "env:";
  std::string state_region;
  std::string lock_table;
  bool use_lockfile = false;
};

struct item {
  std::string resource_arn;
  std::string resource_type;
  std::string terraform_address;                 // the resource the ARN belongs to
  std::vector<std::string> terraform_addresses;  // it and its split resources
  std::string account_id;
  std::string region;
  std::map<std::string, std::string> tags;
};

std::vector<item> items_from_state(const terraform::state& st, const deployment_info& info);

// The item as a DynamoDB attribute map (JSON text of the Item object).
std::string to_dynamodb_item(const item& it, const deployment_info& info);

}  // namespace record
