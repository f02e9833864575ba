// aws_iam_role_policy: an inline policy of a role, from the roles' authorization details
// (one call per batch); the role or the policy gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"name", "policy", "role"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

const change_locator changes =
    iam::iam_changes({"PutRolePolicy", "DeleteRolePolicy"}, iam::inline_policy_named("roleName"));

}  // namespace

const type_module& aws_iam_role_policy_module() {
  static const type_module m =
      iam::inline_policy_module("aws_iam_role_policy", iam::role_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
