// aws_iam_group: name and path, from the groups' authorization details (one call per batch).
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{
    {"name", "path"},
    {},
    false,
    {"path"},
};

live_resource read_one(const read_context&, const iam::details& d,
                       const terraform::resource_instance& inst) {
  auto it = d.groups.find(inst.id);
  if (it == d.groups.end()) return live_resource::gone();
  auto live = new_object();
  set_string(*live, "name", it->second.child_value("GroupName"));
  // Computed; it follows the path, which can change in place.
  set_string(*live, "arn", it->second.child_value("Arn"));
  set_string(*live, "path", it->second.child_value("Path"));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

// The group itself (its name and path); membership and policies are their own types.
const change_locator changes =
    iam::iam_changes({"CreateGroup", "UpdateGroup", "DeleteGroup"}, iam::named_by("groupName"));

}  // namespace

const type_module& aws_iam_group_module() {
  static const type_module m{
      "aws_iam_group",
      iam::batch_read({"Group"}, read_one),
      &rules,
      1000,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        std::vector<discovered> out;
        if (!iam::is_home_region(ctx)) return out;
        auto d = iam::read_details(ctx, {"Group"});
        if (!d) return d.error();
        for (const auto& [name, g] : d->groups) out.push_back({name, name, {}});
        return out;
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
