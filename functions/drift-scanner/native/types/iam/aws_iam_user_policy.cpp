// aws_iam_user_policy: an inline policy of a user, from the users' authorization details
// (one call per batch); the user or the policy gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"name", "policy", "user"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

const change_locator changes =
    iam::iam_changes({"PutUserPolicy", "DeleteUserPolicy"}, iam::inline_policy_named("userName"));

}  // namespace

const type_module& aws_iam_user_policy_module() {
  static const type_module m =
      iam::inline_policy_module("aws_iam_user_policy", iam::user_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
