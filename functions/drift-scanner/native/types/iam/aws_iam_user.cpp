// aws_iam_user: path, permissions boundary and tags, from the users' authorization details
// (one call per batch).
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from IAM"},
};

const depth_claim depth{
    {"name", "path", "permissions_boundary", "tags", "tags_all"},
    {{"force_destroy", skip_kind::provider_only,
      "a deletion option of the provider, never read from IAM"}},
    false,
    {"permissions_boundary"},
};

live_resource read_one(const read_context&, const iam::details& d,
                       const terraform::resource_instance& inst) {
  auto it = d.users.find(inst.id);
  if (it == d.users.end()) return live_resource::gone();
  const auto& u = it->second;
  const auto state = iam::state_of(inst);
  auto live = new_object();
  set_string(*live, "name", u.child_value("UserName"));
  // Computed; it follows the path, which can change in place.
  set_string(*live, "arn", u.child_value("Arn"));
  set_string(*live, "path", u.child_value("Path"));
  iam::set_optional(*live, state, "permissions_boundary",
                    u.child("PermissionsBoundary").child_value("PermissionsBoundaryArn"));
  set_tags(*live, inst, iam::tags_of(u));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

// UpdateUser names the user by its old name (`userName`), the state's id.
const change_locator changes =
    iam::iam_changes({"CreateUser", "UpdateUser", "DeleteUser", "TagUser", "UntagUser",
                      "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary"},
                     iam::named_by("userName"));

}  // namespace

const type_module& aws_iam_user_module() {
  static const type_module m{
      "aws_iam_user",
      iam::batch_read({"User"}, read_one),
      &rules,
      1000,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        std::vector<discovered> out;
        if (!iam::is_home_region(ctx)) return out;
        auto d = iam::read_details(ctx, {"User"});
        if (!d) return d.error();
        for (const auto& [name, u] : d->users) out.push_back({name, name, iam::tags_of(u)});
        return out;
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
