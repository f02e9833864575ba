// aws_iam_group_membership: the group's users, from the authorization details of users and
// groups (one call per batch: each user names its groups).
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"users", rule_kind::set_order, "a Terraform set of user names"},
};

const depth_claim depth{{"group", "name", "users"}, {}};

live_resource read_one(const read_context&, const iam::details& d,
                       const terraform::resource_instance& inst) {
  const auto state = iam::state_of(inst);
  const std::string group = iam::state_string(state, "group");
  if (!d.groups.count(group)) return live_resource::gone();
  std::vector<std::string> users;
  for (const auto& [name, user] : d.users)
    for (const auto& g : iam::member_texts(user, "GroupList"))
      if (g == group) users.push_back(name);
  auto live = new_object();
  set_string(*live, "name", inst.id);
  set_string(*live, "group", group);
  iam::set_string_set(*live, "users", users);
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

// The membership's id is the configuration's own name, which no call carries: located by the
// group it lists the users of.
const change_locator changes =
    iam::iam_changes({"AddUserToGroup", "RemoveUserFromGroup", "DeleteGroup"},
                     [](const change_call& c) -> std::vector<change_target> {
                       const auto group = string_at(c.request, {"groupName"});
                       if (group.empty()) return {};
                       return {{"", {{"group", group}}}};
                     });

}  // namespace

const type_module& aws_iam_group_membership_module() {
  static const type_module m{"aws_iam_group_membership",
                             iam::batch_read({"User", "Group"}, read_one),
                             &rules,
                             1000,
                             {},
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
