#include "metadata.h"

#include "ddb.h"
#include "json_util.h"

namespace orchestrator {

deployment deployment_from_item(const rapidjson::Value& item) {
  deployment d;
  d.deployment_id = ddb::get_s(item, "deployment_id");
  d.resource_arn = ddb::get_s(item, "resource_arn");
  d.deployed_at = ddb::get_s(item, "deployed_at");
  d.deployment_status = ddb::get_s(item, "deployment_status");
  d.git_commit_sha = ddb::get_s(item, "git_commit_sha");
  d.git_branch = ddb::get_s(item, "git_branch");
  d.tfvars_path = ddb::get_s(item, "tfvars_path");
  d.account_id = ddb::get_s(item, "account_id");
  d.region = ddb::get_s(item, "region");
  d.policy_version = ddb::get_s(item, "policy_version");
  d.terraform_version = ddb::get_s(item, "terraform_version");
  d.deployed_by = ddb::get_s(item, "deployed_by");
  d.workspace = ddb::get_s(item, "workspace");
  d.environment = ddb::get_s(item, "environment");
  d.terraform_address = ddb::get_s(item, "terraform_address");
  d.terraform_addresses = ddb::get_string_list(item, "terraform_addresses");
  d.state_bucket = ddb::get_s(item, "state_bucket");
  d.state_key = ddb::get_s(item, "state_key");
  d.workspace_key_prefix = ddb::get_s(item, "workspace_key_prefix");
  d.state_region = ddb::get_s(item, "state_region");
  d.lock_table = ddb::get_s(item, "lock_table");
  d.use_lockfile = ddb::get_bool(item, "use_lockfile");
  d.tags = ddb::get_string_map(item, "tags");
  return d;
}

core::result<std::optional<deployment>, aws::error> latest_successful_deployment(
    aws::session& s, const std::string& table, const std::string& resource_arn) {
  ddb::query_request q;
  q.table = table;
  q.index = metadata_index;
  q.key_condition = "resource_arn = :arn";
  q.ev.values = {{":arn", ddb::S(resource_arn)}};
  q.newest_first = true;
  // Failed and rolled-back deployments are rare next to successful ones: walk pages newest
  // first and stop at the first success, rather than filtering (a filter with a limit can
  // hide the item we want behind an empty page).
  std::string start_key;
  for (int page = 0; page < 20; ++page) {
    auto r = ddb::query(s, q, start_key);
    if (!r) return r.error();
    if (const auto* items = json::member(*r, "Items"); items && items->IsArray()) {
      for (const auto& item : items->GetArray())
        if (ddb::get_s(item, "deployment_status") == "success")
          return std::optional<deployment>(deployment_from_item(item));
    }
    const auto* last = json::member(*r, "LastEvaluatedKey");
    if (!last || !last->IsObject()) break;
    start_key = json::to_text(*last);
  }
  return std::optional<deployment>();
}

}  // namespace orchestrator
