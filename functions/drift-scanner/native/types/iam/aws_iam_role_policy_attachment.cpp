// aws_iam_role_policy_attachment: a managed policy attached to a role, from the roles'
// authorization details (one call per batch); detached, or the role gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{{"role", "policy_arn"}, {}};

// The attachment's id is generated: located by the role and the policy's ARN.
const change_locator changes = iam::iam_changes({"AttachRolePolicy", "DetachRolePolicy"},
                                                iam::attachment_of(iam::role_kind, "roleName"));

}  // namespace

const type_module& aws_iam_role_policy_attachment_module() {
  static const type_module m =
      iam::attachment_module("aws_iam_role_policy_attachment", iam::role_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
