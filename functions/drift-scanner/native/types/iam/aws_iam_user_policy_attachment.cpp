// aws_iam_user_policy_attachment: a managed policy attached to a user, from the users'
// authorization details (one call per batch); detached, or the user gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{{"user", "policy_arn"}, {}};

// The attachment's id is generated: located by the user and the policy's ARN.
const change_locator changes = iam::iam_changes({"AttachUserPolicy", "DetachUserPolicy"},
                                                iam::attachment_of(iam::user_kind, "userName"));

}  // namespace

const type_module& aws_iam_user_policy_attachment_module() {
  static const type_module m =
      iam::attachment_module("aws_iam_user_policy_attachment", iam::user_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
