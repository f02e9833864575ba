// aws_iam_group_policy_attachment: a managed policy attached to a group, from the groups'
// authorization details (one call per batch); detached, or the group gone: gone.
#include "iam_common.h"
#include "iam_modules.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"group", "policy_arn"}, {}};

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

}  // namespace

const type_module& aws_iam_group_policy_attachment_module() {
  static const type_module m = iam::attachment_module(
      "aws_iam_group_policy_attachment", iam::group_kind, &rules, &depth, &permissions);
  return m;
}

}  // namespace scanner::native
