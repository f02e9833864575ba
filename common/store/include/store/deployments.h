// Deployment metadata (the metadata table): one item per managed resource per deployment,
// hash key `deployment_id`, range key `resource_arn`; GSI `resource-arn-index` (hash
// `resource_arn`, range `deployed_at`, ISO 8601 UTC) read newest first. README.md lists every
// field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/dynamodb_item.h"
#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"

namespace store {

inline constexpr const char* deployments_by_arn_index = "resource-arn-index";

struct deployment {
  std::string deployment_id;
  std::string resource_arn;
  std::string deployed_at;                    // ISO 8601 UTC
  std::string deployment_status = "success";  // success | failed | rolled_back
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
  std::string resource_type;
  std::string terraform_address;                 // the resource the ARN belongs to
  std::vector<std::string> terraform_addresses;  // it and its split resources
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

// The item exactly as the table holds it, and back (lenient: a missing field reads empty).
aws::dynamodb::item to_item(const deployment& d);
deployment deployment_from_item(const aws::dynamodb::item& it);

class deployments {
 public:
  deployments(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // Writes (or overwrites) the item of one resource of one deployment.
  core::result<core::unit, aws::error> record(const deployment& d);

  // The newest item of the ARN whose deployment_status is "success"; nullopt when none.
  core::result<std::optional<deployment>, aws::error> newest_successful(
      const std::string& resource_arn);

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace store
