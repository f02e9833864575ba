// aws_iam_group_policy: an inline policy of a group, from the groups' authorization details
// (one call per batch); the group or the policy gone: gone.
#include "iam_common.h"
#include "iam_modules.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};

const depth_claim depth{
    {"name", "policy", "group"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

}  // namespace

const type_module& aws_iam_group_policy_module() {
  static const type_module m = iam::inline_policy_module("aws_iam_group_policy", iam::group_kind,
                                                         &rules, &depth, &permissions);
  return m;
}

}  // namespace scanner::native
