// aws_vpc_security_group_ingress_rule and _egress_rule: one security group rule each, read
// by rule id (DescribeSecurityGroupRules); a rule of the other direction counts as gone.
#pragma once

#include "ec2_common.h"

namespace scanner::native::sg_rule {

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch, bool egress);
extern const std::vector<rule> rules;
extern const depth_claim depth;

// The module of one direction's rule type: the two differ only in the direction they read.
type_module module(std::string_view type, bool egress);

}  // namespace scanner::native::sg_rule
