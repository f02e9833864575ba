#include "store/deployments.h"

#include "aws/dynamodb.h"
#include "item_read.h"

namespace store {
namespace ddb = aws::dynamodb;

std::string deployment::full_state_key() const {
  if (workspace.empty() || workspace == "default") return state_key;
  const std::string prefix = workspace_key_prefix.empty() ? "env:" : workspace_key_prefix;
  return prefix + "/" + workspace + "/" + state_key;
}

std::string deployment::terraform_lock_id() const { return state_bucket + "/" + full_state_key(); }

std::string deployment::state_location() const {
  return "s3://" + state_bucket + "/" + full_state_key();
}

ddb::item to_item(const deployment& d) {
  ddb::item tags;
  for (const auto& [k, v] : d.tags) tags[k] = v;
  return {
      {"deployment_id", d.deployment_id},
      {"resource_arn", d.resource_arn},
      {"deployed_at", d.deployed_at},
      {"deployment_status", d.deployment_status},
      {"git_commit_sha", d.git_commit_sha},
      {"git_branch", d.git_branch},
      {"tfvars_path", d.tfvars_path},
      {"account_id", d.account_id},
      {"region", d.region},
      {"policy_version", d.policy_version},
      {"terraform_version", d.terraform_version},
      {"deployed_by", d.deployed_by},
      {"workspace", d.workspace},
      {"environment", d.environment},
      {"resource_type", d.resource_type},
      {"terraform_address", d.terraform_address},
      {"terraform_addresses", detail::strings(d.terraform_addresses)},
      {"state_bucket", d.state_bucket},
      {"state_key", d.state_key},
      {"workspace_key_prefix", d.workspace_key_prefix},
      {"state_region", d.state_region},
      {"lock_table", d.lock_table},
      {"use_lockfile", d.use_lockfile},
      {"tags", ddb::value(std::move(tags))},
  };
}

deployment deployment_from_item(const ddb::item& it) {
  deployment d;
  d.deployment_id = ddb::get_s(it, "deployment_id");
  d.resource_arn = ddb::get_s(it, "resource_arn");
  d.deployed_at = ddb::get_s(it, "deployed_at");
  d.deployment_status = ddb::get_s(it, "deployment_status");
  d.git_commit_sha = ddb::get_s(it, "git_commit_sha");
  d.git_branch = ddb::get_s(it, "git_branch");
  d.tfvars_path = ddb::get_s(it, "tfvars_path");
  d.account_id = ddb::get_s(it, "account_id");
  d.region = ddb::get_s(it, "region");
  d.policy_version = ddb::get_s(it, "policy_version");
  d.terraform_version = ddb::get_s(it, "terraform_version");
  d.deployed_by = ddb::get_s(it, "deployed_by");
  d.workspace = ddb::get_s(it, "workspace");
  d.environment = ddb::get_s(it, "environment");
  d.resource_type = ddb::get_s(it, "resource_type");
  d.terraform_address = ddb::get_s(it, "terraform_address");
  d.terraform_addresses = detail::string_list(it, "terraform_addresses");
  d.state_bucket = ddb::get_s(it, "state_bucket");
  d.state_key = ddb::get_s(it, "state_key");
  d.workspace_key_prefix = ddb::get_s(it, "workspace_key_prefix");
  d.state_region = ddb::get_s(it, "state_region");
  d.lock_table = ddb::get_s(it, "lock_table");
  d.use_lockfile = detail::flag(it, "use_lockfile", false);
  d.tags = detail::string_map(it, "tags");
  return d;
}

core::result<core::unit, aws::error> deployments::record(const deployment& d) {
  return ddb::put_item(s_, {table_, to_item(d), "", {}});
}

core::result<std::optional<deployment>, aws::error> deployments::newest_successful(
    const std::string& resource_arn) {
  ddb::query_request q;
  q.table = table_;
  q.index = deployments_by_arn_index;
  q.key_condition = "resource_arn = :arn";
  q.args.values = {{":arn", resource_arn}};
  q.newest_first = true;
  // Failed and rolled-back deployments are rare next to successful ones: walk pages newest
  // first and stop at the first success, rather than filtering (a filter with a limit can
  // hide the item we want behind an empty page).
  q.max_pages = 20;
  std::optional<deployment> found;
  auto r = ddb::query_each(s_, q, [&](const ddb::item& it) {
    if (ddb::get_s(it, "deployment_status") != "success") return true;
    found = deployment_from_item(it);
    return false;
  });
  if (!r) return r.error();
  return found;
}

}  // namespace store
