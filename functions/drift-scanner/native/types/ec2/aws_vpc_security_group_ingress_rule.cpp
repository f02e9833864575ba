// aws_vpc_security_group_ingress_rule: see sg_rule_common.h.
#include "registry.h"
#include "sg_rule_common.h"

namespace scanner::native {

const type_module& aws_vpc_security_group_ingress_rule_module() {
  static const type_module m =
      sg_rule::module("aws_vpc_security_group_ingress_rule", /*egress=*/false);
  return m;
}

}  // namespace scanner::native
