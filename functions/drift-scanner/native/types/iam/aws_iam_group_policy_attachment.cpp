// aws_iam_group_policy_attachment: a managed policy attached to a group, from the groups'
// authorization details (one call per batch); detached, or the group gone: gone.
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const depth_claim depth{{"group", "policy_arn"}, {}};

}  // namespace

const type_module& aws_iam_group_policy_attachment_module() {
  static const type_module m =
      iam::attachment_module("aws_iam_group_policy_attachment", iam::group_kind, &depth);
  return m;
}

}  // namespace scanner::native
