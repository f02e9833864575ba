#include "targets.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <set>

#include "core/json.h"

namespace scanner {

namespace {

std::string str(const rapidjson::Value& o, const char* k) {
  if (!o.IsObject()) return {};
  auto it = o.FindMember(k);
  if (it == o.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::string scalar(const rapidjson::Value& v) {
  if (v.IsString()) return {v.GetString(), v.GetStringLength()};
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsNumber()) return std::to_string(v.GetDouble());
  return {};
}

std::map<std::string, std::string> string_map(const rapidjson::Value& o, const char* k) {
  std::map<std::string, std::string> m;
  if (!o.IsObject()) return m;
  auto it = o.FindMember(k);
  if (it == o.MemberEnd() || !it->value.IsObject()) return m;
  for (auto& e : it->value.GetObject()) m[e.name.GetString()] = scalar(e.value);
  return m;
}

target parse_one(const rapidjson::Value& v, std::size_t index) {
  target t;
  if (!v.IsObject()) {
    t.name = "target-" + std::to_string(index);
    t.problem = "target entry " + std::to_string(index) + " is not a JSON object";
    return t;
  }
  t.name = str(v, "name");
  t.account_id = str(v, "account_id");
  t.region = str(v, "region");
  t.role_arn = str(v, "role_arn");
  t.external_id = str(v, "external_id");
  t.terraform_dir = str(v, "terraform_dir");
  t.rules_file = str(v, "rules_file");
  t.ignore_file = str(v, "ignore_file");
  t.environments = string_map(v, "environments");
  t.terraform_vars = string_map(v, "terraform_vars");
  auto st = v.FindMember("state");
  if (st != v.MemberEnd() && st->value.IsObject()) {
    const auto& s = st->value;
    t.state.bucket = str(s, "bucket");
    t.state.key = str(s, "key");
    t.state.region = str(s, "region");
    if (s.HasMember("workspace_key_prefix") && s["workspace_key_prefix"].IsString())
      t.state.workspace_key_prefix = str(s, "workspace_key_prefix");
    t.state.dynamodb_table = str(s, "dynamodb_table");
    auto ws = s.FindMember("workspaces");
    if (ws != s.MemberEnd() && ws->value.IsArray()) {
      for (auto& w : ws->value.GetArray())
        if (w.IsString() && std::string(w.GetString()) != "*")
          t.state.workspaces.emplace_back(w.GetString());
    }
  }
  if (t.state.region.empty()) t.state.region = t.region;
  if (t.name.empty()) {
    t.name = "target-" + std::to_string(index);
    t.problem = "target entry " + std::to_string(index) + " has no name";
  } else if (t.state.bucket.empty() || t.state.key.empty()) {
    t.problem = "target " + t.name + " has no state.bucket or state.key";
  }
  return t;
}

}  // namespace

std::string target::environment_of(const std::string& workspace) const {
  auto it = environments.find(workspace);
  return it != environments.end() ? it->second : workspace;
}

std::string target::discovery_scope() const {
  return account_id.empty() ? "" : account_id + "/" + region;
}

std::string target::state_key_of(const std::string& workspace) const {
  if (workspace == "default") return state.key;
  return state.workspace_key_prefix + "/" + workspace + "/" + state.key;
}

core::result<std::vector<target>> parse_targets(const std::string& json) {
  auto parsed = core::json::parse(json);
  if (!parsed)
    return core::error{"InvalidTargets",
                       "scan targets are not acceptable JSON: " + parsed.error().message};
  rapidjson::Document& d = *parsed;
  // A single object is accepted as a list of one: an easy mistake to forgive.
  std::vector<target> out;
  if (d.IsObject()) {
    out.push_back(parse_one(d, 0));
    return out;
  }
  if (!d.IsArray()) return core::error{"InvalidTargets", "scan targets must be a JSON list"};
  std::set<std::string> names;
  for (rapidjson::SizeType i = 0; i < d.Size(); ++i) {
    target t = parse_one(d[i], i);
    if (t.problem.empty() && !names.insert(t.name).second)
      t.problem = "target name " + t.name + " is used twice";
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> workspaces_in_listing(const target& t,
                                               const std::vector<std::string>& keys) {
  std::set<std::string> found;
  const std::string prefix = t.state.workspace_key_prefix + "/";
  const std::string suffix = "/" + t.state.key;
  for (const auto& k : keys) {
    if (k == t.state.key) {
      found.insert("default");
      continue;
    }
    if (k.rfind(prefix, 0) != 0 || k.size() <= prefix.size() + suffix.size()) continue;
    if (k.compare(k.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    std::string ws = k.substr(prefix.size(), k.size() - prefix.size() - suffix.size());
    // Workspace names cannot hold '/': a deeper key belongs to another configuration.
    if (!ws.empty() && ws.find('/') == std::string::npos) found.insert(ws);
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> select_workspaces(const target& t, const std::vector<std::string>& found) {
  if (!t.state.workspaces.empty()) return t.state.workspaces;
  return found;
}

}  // namespace scanner
