// One deployment-metadata item (brief, Data): what a remediation needs to re-apply the last
// known-good commit, and where Terraform's own lock for that workspace lives.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace orchestrator {

struct deployment {
  std::string deployment_id;
  std::string resource_arn;
  std::string deployed_at;
  std::string deployment_status;
  std::string git_commit_sha;
  std::string git_branch;
  std::string tfvars_path;
  std::string account_id;
  std::string region;
  std::string policy_version;
  std::string terraform_version;
  std::string deployed_by;
  std::string workspace;
  std::string environment;
  std::string terraform_address;
  std::vector<std::string> terraform_addresses;  // every address recorded for this ARN
  std::string state_bucket;
  std::string state_key;             // the backend's `key`
  std::string workspace_key_prefix;  // empty means Terraform's default "env:"
  std::string state_region;
  std::string lock_table;     // Terraform's DynamoDB lock table, if the backend uses one
  bool use_lockfile = false;  // the backend also locks with S3 `<full key>.tflock`
  std::map<std::string, std::string> tags;

  // <workspace_key_prefix>/<workspace>/<state_key>, or <state_key> for "default".
  std::string full_state_key() const;
  // The LockID of the workspace's item in lock_table: <state_bucket>/<full state key>.
  std::string terraform_lock_id() const;
  // s3://<state_bucket>/<full state key>
  std::string state_location() const;
};

}  // namespace orchestrator
