#include "items.h"

#include <algorithm>

#include "drift/tags.h"

namespace record {
namespace {

// arn:partition:service:region:account:resource
std::string arn_field(const std::string& arn, int index) {
  std::size_t pos = 0;
  for (int i = 0; i < index; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return {};
    ++pos;
  }
  const auto end = arn.find(':', pos);
  return end == std::string::npos ? std::string() : arn.substr(pos, end - pos);
}

// The deployment's own facts, the same on every item.
store::deployment with_info(const deployment_info& info) {
  store::deployment d;
  d.deployment_id = info.deployment_id;
  d.deployed_at = info.deployed_at;
  d.deployment_status = info.deployment_status;
  d.git_commit_sha = info.git_commit_sha;
  d.git_branch = info.git_branch;
  d.tfvars_path = info.tfvars_path;
  d.policy_version = info.policy_version;
  d.terraform_version = info.terraform_version;
  d.deployed_by = info.deployed_by;
  d.workspace = info.workspace;
  d.environment = info.environment.empty() ? info.workspace : info.environment;
  d.state_bucket = info.state_bucket;
  d.state_key = info.state_key;
  d.workspace_key_prefix = info.workspace_key_prefix;
  d.state_region = info.state_region;
  d.lock_table = info.lock_table;
  d.use_lockfile = info.use_lockfile;
  return d;
}

}  // namespace

std::vector<store::deployment> items_from_state(const terraform::state& st,
                                                const deployment_info& info) {
  std::vector<store::deployment> out;
  for (const auto& r : st.resources) {
    if (r.mode != terraform::resource_mode::managed || !r.deposed.empty()) continue;
    const drift::resource_identity id = drift::identity_of(r, st);
    if (id.arn.empty()) continue;  // nothing an event could name
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const store::deployment& i) { return i.resource_arn == id.arn; });
    const bool owner = drift::split_parent_of(r.type) == std::nullopt;
    if (it == out.end()) {
      store::deployment i = with_info(info);
      i.resource_arn = id.arn;
      i.account_id = arn_field(id.arn, 4);
      if (i.account_id.empty()) i.account_id = info.account_id;
      i.region = arn_field(id.arn, 3);
      if (i.region.empty()) i.region = info.region;
      out.push_back(std::move(i));
      it = std::prev(out.end());
    }
    it->terraform_addresses.push_back(r.address);
    // The parent names the item; a split resource does until its parent turns up.
    if (owner || it->terraform_address.empty()) {
      it->terraform_address = r.address;
      it->resource_type = owner ? r.type : drift::split_parent_of(r.type)->parent_type;
      it->tags = id.tags;
    }
  }
  // The resource itself first, its split resources after it.
  for (auto& i : out) {
    std::stable_partition(i.terraform_addresses.begin(), i.terraform_addresses.end(),
                          [&](const std::string& a) { return a == i.terraform_address; });
  }
  return out;
}

}  // namespace record
