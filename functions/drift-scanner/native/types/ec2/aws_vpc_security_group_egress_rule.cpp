// aws_vpc_security_group_egress_rule: see sg_rule_common.h.
#include "registry.h"
#include "sg_rule_common.h"

namespace scanner::native {
namespace {

const iam_actions permissions{{"ec2:DescribeSecurityGroupRules"}, {}};

}  // namespace

const type_module& aws_vpc_security_group_egress_rule_module() {
  static const type_module m{"aws_vpc_security_group_egress_rule",
                             [](const read_context& ctx, const instance_list& batch) {
                               return sg_rule::read(ctx, batch, /*egress=*/true);
                             },
                             &sg_rule::rules,
                             100,
                             {},
                             &sg_rule::depth,
                             &permissions};
  return m;
}

}  // namespace scanner::native
