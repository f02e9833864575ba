#include "iam_common.h"

#include <algorithm>

namespace scanner::native::iam {

namespace {

core::result<details, aws::error> fetch_details(const read_context& ctx,
                                                const std::vector<std::string>& filters) {
  ctx.count();
  auto r = aws::iam::account_authorization_details(ctx.cloud, filters);
  if (!r) return r.error();
  details d;
  d.xml = std::move(r).value();
  const auto& root = d.xml.result;
  for (auto m : root.child("RoleDetailList").children("member"))
    d.roles[m.child_value("RoleName")] = m;
  for (auto m : root.child("UserDetailList").children("member"))
    d.users[m.child_value("UserName")] = m;
  for (auto m : root.child("GroupDetailList").children("member"))
    d.groups[m.child_value("GroupName")] = m;
  for (auto m : root.child("Policies").children("member")) d.policies[m.child_value("Arn")] = m;
  return d;
}

}  // namespace

core::result<details, aws::error> read_details(const read_context& ctx,
                                               const std::vector<std::string>& filters) {
  // A role, its inline policies and its attachments are three types reading the same account
  // details: one call serves them all in a scan, kept until the scan ends (the memo's).
  std::string key = "iam:GetAccountAuthorizationDetails";
  for (const auto& f : filters) key += ":" + f;
  return *read_once<core::result<details, aws::error>>(ctx.memo, key, 0,
                                                       [&] { return fetch_details(ctx, filters); });
}

std::string policy_text(std::string_view raw) {
  const std::string decoded = aws::iam::query_unescape(raw);
  rapidjson::Document d;
  d.Parse(decoded.c_str(), decoded.size());
  if (d.HasParseError()) return decoded;
  return to_go_json(d);
}

std::string legacy_policy_text(std::string_view raw) {
  std::string text = policy_text(raw);
  static const std::string version = R"("Version":"2012-10-17")";
  const auto at = text.find(version);
  // Only a top-level Version moves: keys are sorted, so it is the last member.
  if (at == std::string::npos || text.size() < 2 || at + version.size() != text.size() - 1)
    return text;
  std::string rest = text.substr(1, at - 1);  // members before Version, with their comma
  if (!rest.empty() && rest.back() == ',') rest.pop_back();
  return "{" + version + (rest.empty() ? "" : "," + rest) + "}";
}

namespace {

using alloc_t = rapidjson::Document::AllocatorType;

void canonical(rapidjson::Value& v, alloc_t& a) {
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) canonical(it->value, a);
  } else if (v.IsArray()) {
    for (auto& e : v.GetArray()) canonical(e, a);
    if (v.Size() == 1) {
      rapidjson::Value only(v[0], a);
      v = std::move(only);
      return;
    }
    std::vector<std::string> texts;
    for (auto& e : v.GetArray()) texts.push_back(to_go_json(e));
    std::vector<size_t> order(texts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return texts[x] < texts[y]; });
    rapidjson::Value sorted(rapidjson::kArrayType);
    for (size_t i : order)
      sorted.PushBack(rapidjson::Value(v[static_cast<rapidjson::SizeType>(i)], a), a);
    v = std::move(sorted);
  }
}

std::string canonical_text(std::string_view s) {
  rapidjson::Document d;
  d.Parse(s.data(), s.size());
  if (d.HasParseError()) return std::string(s);
  canonical(d, d.GetAllocator());
  return to_go_json(d);
}

}  // namespace

bool equivalent_policies(std::string_view a, std::string_view b) {
  return canonical_text(a) == canonical_text(b);
}

rapidjson::Document state_of(const terraform::resource_instance& inst) {
  rapidjson::Document d;
  d.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (!d.IsObject()) d.SetObject();
  return d;
}

std::string state_string(const rapidjson::Document& state, const char* name) {
  return string_member(state, name);
}

void set_optional(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                  const std::string& value) {
  const auto* st = member(state, name);
  if (value.empty() && (!st || st->IsNull()))
    set_null(live, name);
  else
    set_string(live, name, value);
}

std::map<std::string, std::string> tags_of(const pugi::xml_node& entity) {
  std::map<std::string, std::string> out;
  for (auto t : entity.child("Tags").children("member"))
    out[t.child_value("Key")] = t.child_value("Value");
  return out;
}

std::vector<std::string> member_texts(const pugi::xml_node& entity, const char* list,
                                      const char* field) {
  std::vector<std::string> out;
  for (auto m : entity.child(list).children("member"))
    out.emplace_back(field ? m.child_value(field) : m.child_value());
  return out;
}

void set_string_set(rapidjson::Document& d, const char* name, std::vector<std::string> v) {
  rapidjson::Value arr(rapidjson::kArrayType);
  auto& a = d.GetAllocator();
  for (const auto& s : v) arr.PushBack(string_value(s, a), a);
  to_set_order(arr, a);
  set_value(d, name, arr);
}

std::function<std::vector<live_resource>(const read_context&, const instance_list&)> batch_read(
    std::vector<std::string> filters, read_one one) {
  return [filters = std::move(filters), one = std::move(one)](const read_context& ctx,
                                                              const instance_list& batch) {
    if (ctx.past_deadline()) return all_deadline_reached(batch.size());
    auto d = read_details(ctx, filters);
    if (!d) return all_failed(batch.size(), d.error());
    std::vector<live_resource> out;
    for (const auto* inst : batch) out.push_back(one(ctx, *d, *inst));
    return out;
  };
}

bool is_home_region(const read_context& ctx) { return ctx.region == "us-east-1"; }

bool is_aws_path(const std::string& path) {
  return path.rfind("/aws-service-role/", 0) == 0 || path.rfind("/aws-reserved/", 0) == 0;
}

bool split_id(const std::string& id, char sep, std::string& first, std::string& second) {
  const auto at = id.find(sep);
  if (at == std::string::npos) return false;
  first = id.substr(0, at);
  second = id.substr(at + 1);
  return true;
}

}  // namespace scanner::native::iam

namespace scanner::native::iam {

const entity_kind role_kind{"Role", &details::roles, "role", "RolePolicyList"};
const entity_kind user_kind{"User", &details::users, "user", "UserPolicyList"};
const entity_kind group_kind{"Group", &details::groups, "group", "GroupPolicyList"};

namespace {

const std::vector<rule> inline_policy_rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};
const std::vector<rule> attachment_rules = {};
const iam_actions details_permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

}  // namespace

type_module inline_policy_module(std::string_view type, const entity_kind& kind,
                                 const depth_claim* depth, const change_locator* changes) {
  auto one = [&kind](const read_context&, const details& d,
                     const terraform::resource_instance& inst) {
    std::string owner, name;
    if (!split_id(inst.id, ':', owner, name))
      return live_resource::unchecked("id " + inst.id + " is not <" + kind.owner + ">:<name>");
    const auto& entities = d.*kind.entities;
    auto it = entities.find(owner);
    if (it == entities.end()) return live_resource::gone();
    for (auto p : it->second.child(kind.inline_list).children("member")) {
      if (name != p.child_value("PolicyName")) continue;
      auto live = new_object();
      set_string(*live, "name", name);
      set_string(*live, kind.owner, owner);
      set_string(*live, "policy", legacy_policy_text(p.child_value("PolicyDocument")));
      return live_resource::found(live);
    }
    return live_resource::gone();
  };
  return type_module{type,
                     batch_read({kind.filter}, one),
                     &inline_policy_rules,
                     1000,
                     {},
                     depth,
                     &details_permissions,
                     changes};
}

type_module attachment_module(std::string_view type, const entity_kind& kind,
                              const depth_claim* depth, const change_locator* changes) {
  auto one = [&kind](const read_context&, const details& d,
                     const terraform::resource_instance& inst) {
    const auto state = state_of(inst);
    const std::string owner = state_string(state, kind.owner);
    const std::string arn = state_string(state, "policy_arn");
    const auto& entities = d.*kind.entities;
    auto it = entities.find(owner);
    if (it == entities.end()) return live_resource::gone();
    for (const auto& attached : member_texts(it->second, "AttachedManagedPolicies", "PolicyArn")) {
      if (attached != arn) continue;
      auto live = new_object();
      set_string(*live, kind.owner, owner);
      set_string(*live, "policy_arn", arn);
      return live_resource::found(live);
    }
    return live_resource::gone();
  };
  return type_module{type,
                     batch_read({kind.filter}, one),
                     &attachment_rules,
                     1000,
                     {},
                     depth,
                     &details_permissions,
                     changes};
}

change_locator iam_changes(std::vector<std::string_view> events, locate_fn locate) {
  return change_locator{"iam.amazonaws.com", std::move(events), std::move(locate), true};
}

locate_fn named_by(const char* param) {
  return [param](const change_call& c) { return targets_of({string_at(c.request, {param})}); };
}

locate_fn inline_policy_named(const char* owner_param) {
  return [owner_param](const change_call& c) -> std::vector<change_target> {
    const auto owner = string_at(c.request, {owner_param});
    const auto name = string_at(c.request, {"policyName"});
    if (owner.empty() || name.empty()) return {};
    return {{owner + ":" + name}};
  };
}

locate_fn attachment_of(const entity_kind& kind, const char* owner_param) {
  return [&kind, owner_param](const change_call& c) -> std::vector<change_target> {
    const auto owner = string_at(c.request, {owner_param});
    const auto arn = string_at(c.request, {"policyArn"});
    if (owner.empty() || arn.empty()) return {};
    return {{"", {{kind.owner, owner}, {"policy_arn", arn}}}};
  };
}

}  // namespace scanner::native::iam
