// aws_vpc: CIDR, tenancy, DHCP options, the two DNS attributes (one DescribeVpcAttribute
// call each) and tags.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  set_string(*d, "cidr_block", xtext(item, "cidrBlock"));
  set_string(*d, "instance_tenancy", xtext(item, "instanceTenancy"));
  set_string(*d, "dhcp_options_id", xtext(item, "dhcpOptionsId"));
  for (auto [attr, name] : {std::pair{"enableDnsSupport", "enable_dns_support"},
                            std::pair{"enableDnsHostnames", "enable_dns_hostnames"}}) {
    ctx.count();
    auto v = aws::ec2::describe_vpc_attribute(ctx.cloud, inst.id, attr);
    // Unreadable: left out, so never reported on a guess.
    if (v) set_bool(*d, name, *v);
  }
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

}  // namespace

const type_module& aws_vpc_module() {
  static const type_module m{
      "aws_vpc",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeVpcs", "vpcSet", "vpc-id", "vpcId", build);
      },
      &rules, 50,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeVpcs", "vpcSet", "vpcId",
                             [](const pugi::xml_node& i) { return !xbool(i, "isDefault"); });
      }};
  return m;
}

}  // namespace scanner::native
