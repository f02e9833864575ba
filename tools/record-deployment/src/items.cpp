#include "items.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "drift/tags.h"

namespace record {
namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

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

void s(writer& w, const char* name, const std::string& v) {
  w.Key(name);
  w.StartObject();
  w.Key("S");
  w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndObject();
}

}  // namespace

std::vector<item> items_from_state(const terraform::state& st, const deployment_info& info) {
  std::vector<item> out;
  for (const auto& r : st.resources) {
    if (r.mode != terraform::resource_mode::managed || !r.deposed.empty()) continue;
    const drift::resource_identity id = drift::identity_of(r, st);
    if (id.arn.empty()) continue;  // nothing an event could name
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const item& i) { return i.resource_arn == id.arn; });
    const bool owner = drift::split_parent_of(r.type) == std::nullopt;
    if (it == out.end()) {
      item i;
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

std::string to_dynamodb_item(const item& it, const deployment_info& info) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  s(w, "deployment_id", info.deployment_id);
  s(w, "resource_arn", it.resource_arn);
  s(w, "deployed_at", info.deployed_at);
  s(w, "deployment_status", info.deployment_status);
  s(w, "git_commit_sha", info.git_commit_sha);
  s(w, "git_branch", info.git_branch);
  s(w, "tfvars_path", info.tfvars_path);
  s(w, "account_id", it.account_id);
  s(w, "region", it.region);
  s(w, "policy_version", info.policy_version);
  s(w, "terraform_version", info.terraform_version);
  s(w, "deployed_by", info.deployed_by);
  s(w, "workspace", info.workspace);
  s(w, "environment", info.environment.empty() ? info.workspace : info.environment);
  s(w, "resource_type", it.resource_type);
  s(w, "terraform_address", it.terraform_address);
  w.Key("terraform_addresses");
  w.StartObject();
  w.Key("L");
  w.StartArray();
  for (const auto& a : it.terraform_addresses) {
    w.StartObject();
    w.Key("S");
    w.String(a.c_str(), static_cast<rapidjson::SizeType>(a.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  s(w, "state_bucket", info.state_bucket);
  s(w, "state_key", info.state_key);
  s(w, "workspace_key_prefix", info.workspace_key_prefix);
  s(w, "state_region", info.state_region);
  s(w, "lock_table", info.lock_table);
  w.Key("use_lockfile");
  w.StartObject();
  w.Key("BOOL");
  w.Bool(info.use_lockfile);
  w.EndObject();
  w.Key("tags");
  w.StartObject();
  w.Key("M");
  w.StartObject();
  for (const auto& [k, v] : it.tags) s(w, k.c_str(), v);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace record
