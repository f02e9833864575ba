// aws_iam_instance_profile: path, role and tags. One GetInstanceProfile per profile: the
// listing leaves tags out, and IAM has no batch read of instance profiles.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from IAM"},
};

const depth_claim depth{
    {"name", "path", "role", "tags", "tags_all"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::iam::call(ctx.cloud, "GetInstanceProfile", {{"InstanceProfileName", inst.id}});
  if (!r) return gone_or_failed(r.error(), aws::iam::is_no_such_entity);
  const auto p = r->result.child("InstanceProfile");
  const auto state = iam::state_of(inst);
  auto live = new_object();
  set_string(*live, "name", p.child_value("InstanceProfileName"));
  set_string(*live, "path", p.child_value("Path"));
  // The provider sets the role only when the profile has one; without, the state's stays.
  const auto roles = iam::member_texts(p, "Roles", "RoleName");
  iam::set_optional(*live, state, "role",
                    roles.empty() ? iam::state_string(state, "role") : roles.front());
  set_tags(*live, inst, iam::tags_of(p));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetInstanceProfile"}, {"iam:ListInstanceProfiles"}};

const change_locator changes = iam::iam_changes(
    {"CreateInstanceProfile", "DeleteInstanceProfile", "AddRoleToInstanceProfile",
     "RemoveRoleFromInstanceProfile", "TagInstanceProfile", "UntagInstanceProfile"},
    iam::named_by("instanceProfileName"));

}  // namespace

const type_module& aws_iam_instance_profile_module() {
  static const type_module m{
      "aws_iam_instance_profile",
      one_by_one(read_one),
      &rules,
      20,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        std::vector<discovered> out;
        if (!iam::is_home_region(ctx)) return out;
        ctx.count();
        auto r = aws::iam::list_instance_profiles(ctx.cloud);
        if (!r) return r.error();
        for (auto p : r->result.child("InstanceProfiles").children("member")) {
          const std::string name = p.child_value("InstanceProfileName");
          out.push_back({name, name, {}});
        }
        return out;
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
