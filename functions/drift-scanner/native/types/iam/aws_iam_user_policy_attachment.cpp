// aws_iam_user_policy_attachment: a managed policy attached to a user, from the users'
// authorization details (one call per batch); detached, or the user gone: gone.
#include "iam_common.h"
#include "iam_modules.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"user", "policy_arn"}, {}};

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails"}, {}};

}  // namespace

const type_module& aws_iam_user_policy_attachment_module() {
  static const type_module m = iam::attachment_module("aws_iam_user_policy_attachment",
                                                      iam::user_kind, &rules, &depth, &permissions);
  return m;
}

}  // namespace scanner::native
