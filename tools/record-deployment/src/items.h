// Deployment-metadata items from a Terraform state: one item per resource ARN, split resources
// (aws_s3_bucket_versioning...) folded into their parent's ARN by the shared identity rule
// (drift/tags.h). The store (common/store) writes them.
#pragma once

#include <string>
#include <vector>

#include "store/deployments.h"
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

// One item per resource ARN of the state's managed resources, with `info` filled in.
std::vector<store::deployment> items_from_state(const terraform::state& st,
                                                const deployment_info& info);

}  // namespace record
