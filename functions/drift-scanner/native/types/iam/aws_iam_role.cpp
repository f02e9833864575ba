// aws_iam_role: trust policy, description, session duration, path, boundary, tags, and the
// role's inline and attached policies as the role resource itself refreshes them. One
// GetAccountAuthorizationDetails (roles) and one ListRoles (description and session duration,
// which the details leave out) per batch.
#include <cstdlib>

#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"assume_role_policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"managed_policy_arns", rule_kind::set_order, "a Terraform set of policy ARNs"},
    {"inline_policy", rule_kind::set_order, "a Terraform set of inline policies"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from IAM"},
};

const depth_claim depth{
    {"assume_role_policy", "description", "inline_policy", "managed_policy_arns",
     "max_session_duration", "name", "path", "permissions_boundary", "tags", "tags_all"},
    {{"force_detach_policies", skip_kind::provider_only,
      "a deletion option of the provider, never read from IAM"},
     {"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

// The role's inline policies in the state's shape: the state's own value when IAM holds the
// same policies (the provider keeps it then), else IAM's, each document normalised as the
// provider stores it.
void set_inline(rapidjson::Document& live, const rapidjson::Document& state,
                const pugi::xml_node& role) {
  auto& a = live.GetAllocator();
  std::map<std::string, std::string> cloud;
  for (auto p : role.child("RolePolicyList").children("member"))
    cloud[p.child_value("PolicyName")] = iam::legacy_policy_text(p.child_value("PolicyDocument"));
  const auto* st = member(state, "inline_policy");
  if (st && st->IsArray()) {
    std::map<std::string, std::string> configured;
    for (const auto& e : st->GetArray())
      if (e.IsObject()) configured[string_member(e, "name")] = string_member(e, "policy");
    bool same = configured.size() == cloud.size();
    for (auto it = configured.begin(); same && it != configured.end(); ++it) {
      auto c = cloud.find(it->first);
      same = c != cloud.end() && iam::equivalent_policies(it->second, c->second);
    }
    if (same) {
      rapidjson::Value copy(*st, a);
      set_value(live, "inline_policy", copy);
      return;
    }
  }
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& [name, policy] : cloud) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("name", string_value(name, a), a);
    o.AddMember("policy", string_value(policy, a), a);
    list.PushBack(o, a);
  }
  to_set_order(list, a);
  set_value(live, "inline_policy", list);
}

live_resource read_one(const iam::details& d, const std::map<std::string, pugi::xml_node>& listed,
                       const terraform::resource_instance& inst) {
  auto it = d.roles.find(inst.id);
  if (it == d.roles.end()) return live_resource::gone();
  const auto& role = it->second;
  const auto state = iam::state_of(inst);
  auto live = new_object();
  set_string(*live, "name", role.child_value("RoleName"));
  set_string(*live, "path", role.child_value("Path"));
  set_string(*live, "assume_role_policy",
             iam::policy_text(role.child_value("AssumeRolePolicyDocument")));
  auto l = listed.find(inst.id);
  const pugi::xml_node summary = l == listed.end() ? pugi::xml_node() : l->second;
  iam::set_optional(*live, state, "description", summary.child_value("Description"));
  const std::string duration = summary.child_value("MaxSessionDuration");
  set_int(*live, "max_session_duration",
          duration.empty() ? 3600 : std::strtoll(duration.c_str(), nullptr, 10));
  iam::set_optional(*live, state, "permissions_boundary",
                    role.child("PermissionsBoundary").child_value("PermissionsBoundaryArn"));
  iam::set_string_set(*live, "managed_policy_arns",
                      iam::member_texts(role, "AttachedManagedPolicies", "PolicyArn"));
  set_inline(*live, state, role);
  set_tags(*live, inst, iam::tags_of(role));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails", "iam:ListRoles"}, {}};

// The role compares its inline and attached policies too, so their calls locate it as well.
const change_locator changes = iam::iam_changes(
    {"CreateRole", "DeleteRole", "UpdateRole", "UpdateRoleDescription", "UpdateAssumeRolePolicy",
     "TagRole", "UntagRole", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
     "AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy"},
    iam::named_by("roleName"));

}  // namespace

const type_module& aws_iam_role_module() {
  static const type_module m{
      "aws_iam_role",
      [](const read_context& ctx, const instance_list& batch) {
        if (ctx.past_deadline()) return all_deadline_reached(batch.size());
        auto d = iam::read_details(ctx, {"Role"});
        if (!d) return all_failed(batch.size(), d.error());
        ctx.count();
        auto roles = aws::iam::list_roles(ctx.cloud);
        if (!roles) return all_failed(batch.size(), roles.error());
        std::map<std::string, pugi::xml_node> listed;
        for (auto r : roles->result.child("Roles").children("member"))
          listed[r.child_value("RoleName")] = r;
        std::vector<live_resource> out;
        for (const auto* inst : batch) out.push_back(read_one(*d, listed, *inst));
        return out;
      },
      &rules,
      1000,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        std::vector<discovered> out;
        if (!iam::is_home_region(ctx)) return out;
        auto d = iam::read_details(ctx, {"Role"});
        if (!d) return d.error();
        for (const auto& [name, role] : d->roles)
          if (!iam::is_aws_path(role.child_value("Path")))
            out.push_back({name, name, iam::tags_of(role)});
        return out;
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/0};
  return m;
}

}  // namespace scanner::native
