// aws_vpc_security_group_ingress_rule and _egress_rule: one security group rule each, read
// by rule id (DescribeSecurityGroupRules); a rule of the other direction counts as gone.
#pragma once

#include "ec2_common.h"

namespace scanner::native::sg_rule {

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch, bool egress);
extern const std::vector<rule> rules;
extern const depth_claim depth;

}  // namespace scanner::native::sg_rule
