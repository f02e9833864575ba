// aws_iam_group_policy_attachment: a managed policy attached to a group, from the groups'
// authorization details (one call per batch); detached, or the group gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{{"group", "policy_arn"}, {}};

// The attachment's id is generated: located by the group and the policy's ARN.
const change_locator changes = iam::iam_changes({"AttachGroupPolicy", "DetachGroupPolicy"},
                                                iam::attachment_of(iam::group_kind, "groupName"));

}  // namespace

const type_module& aws_iam_group_policy_attachment_module() {
  static const type_module m =
      iam::attachment_module("aws_iam_group_policy_attachment", iam::group_kind, &depth, &changes);
  return m;
}

}  // namespace scanner::native
