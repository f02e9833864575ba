// aws_iam_group_policy: an inline policy of a group, from the groups' authorization details
// (one call per batch); the group or the policy gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"name", "policy", "group"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

const change_locator changes = iam::iam_changes({"PutGroupPolicy", "DeleteGroupPolicy"},
                                                iam::inline_policy_named("groupName"));

}  // namespace

const type_module& aws_iam_group_policy_module() {
  static const type_module m =
      iam::inline_policy_module("aws_iam_group_policy", iam::group_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
