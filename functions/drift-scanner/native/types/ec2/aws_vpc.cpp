// aws_vpc: CIDR, tenancy, DHCP options, the IPv6 block, the two DNS attributes and
// network address usage metrics (one DescribeVpcAttribute call each) and tags.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"assign_generated_ipv6_cidr_block", "cidr_block", "enable_dns_hostnames", "enable_dns_support",
     "enable_network_address_usage_metrics", "instance_tenancy", "ipv6_cidr_block",
     "ipv6_cidr_block_network_border_group", "ipv6_ipam_pool_id", "tags", "tags_all"},
    {{"ipv4_ipam_pool_id", skip_kind::create_only,
      "the IPAM pool the CIDR came from at creation; a change forces a new VPC"},
     {"ipv4_netmask_length", skip_kind::create_only,
      "the size asked of IPAM at creation; a change forces a new VPC"},
     {"ipv6_netmask_length", skip_kind::provider_only,
      "the size asked of IPAM; the provider keeps the configured value, never EC2's"}},
};

// The provider's IPv6 attributes from the VPC's associated IPv6 block (none: false and "").
void set_ipv6(rapidjson::Document& d, const pugi::xml_node& item) {
  pugi::xml_node assoc;
  for (auto a : item.child("ipv6CidrBlockAssociationSet").children("item"))
    if (xtext(a, "ipv6CidrBlockState/state") == "associated") {
      assoc = a;
      break;
    }
  const std::string pool = xtext(assoc, "ipv6Pool");
  const bool amazon = pool == "Amazon";
  set_bool(d, "assign_generated_ipv6_cidr_block", assoc && amazon);
  set_string(d, "ipv6_cidr_block", xtext(assoc, "ipv6CidrBlock"));
  set_string(d, "ipv6_cidr_block_network_border_group", xtext(assoc, "networkBorderGroup"));
  // An IPAM-managed block does not name its pool: the provider keeps its own value then.
  if (pool != "IPAM Managed") set_string(d, "ipv6_ipam_pool_id", amazon ? "" : pool);
}

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  set_string(*d, "cidr_block", xtext(item, "cidrBlock"));
  set_string(*d, "instance_tenancy", xtext(item, "instanceTenancy"));
  set_string(*d, "dhcp_options_id", xtext(item, "dhcpOptionsId"));
  for (auto [attr, name] :
       {std::pair{"enableDnsSupport", "enable_dns_support"},
        std::pair{"enableDnsHostnames", "enable_dns_hostnames"},
        std::pair{"enableNetworkAddressUsageMetrics", "enable_network_address_usage_metrics"}}) {
    ctx.count();
    auto v = aws::ec2::describe_vpc_attribute(ctx.cloud, inst.id, attr);
    // Unreadable: left out, so never reported on a guess.
    if (v) set_bool(*d, name, *v);
  }
  set_ipv6(*d, item);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"}, {}};

}  // namespace

const type_module& aws_vpc_module() {
  static const type_module m{
      "aws_vpc",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeVpcs", "vpcSet", "vpc-id", "vpcId", build);
      },
      &rules,
      50,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeVpcs", "vpcSet", "vpcId",
                             [](const pugi::xml_node& i) { return !xbool(i, "isDefault"); });
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/1,
      /*calls_per_instance=*/3};
  return m;
}

}  // namespace scanner::native
