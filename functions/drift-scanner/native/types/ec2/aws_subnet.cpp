// aws_subnet: CIDRs, VPC, zone, the launch settings (public and customer-owned IPs, IPv6,
// DNS64, resource-name DNS records), Outpost and tags, all from DescribeSubnets.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"assign_ipv6_address_on_creation", "availability_zone", "availability_zone_id", "cidr_block",
     "customer_owned_ipv4_pool", "enable_dns64", "enable_lni_at_device_index",
     "enable_resource_name_dns_a_record_on_launch",
     "enable_resource_name_dns_aaaa_record_on_launch", "ipv6_cidr_block", "ipv6_native",
     "map_customer_owned_ip_on_launch", "map_public_ip_on_launch", "outpost_arn",
     "private_dns_hostname_type_on_launch", "tags", "tags_all", "vpc_id"},
    {},
};

// The associated IPv6 block, as the provider picks it: the one in state "associated".
std::string ipv6_block(const pugi::xml_node& item) {
  for (auto a : item.child("ipv6CidrBlockAssociationSet").children("item"))
    if (xtext(a, "ipv6CidrBlockState/state") == "associated") return xtext(a, "ipv6CidrBlock");
  return "";
}

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  set_string(*d, "cidr_block", xtext(item, "cidrBlock"));
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_string(*d, "availability_zone", xtext(item, "availabilityZone"));
  set_bool(*d, "map_public_ip_on_launch", xbool(item, "mapPublicIpOnLaunch"));
  set_bool(*d, "assign_ipv6_address_on_creation", xbool(item, "assignIpv6AddressOnCreation"));
  set_string(*d, "availability_zone_id", xtext(item, "availabilityZoneId"));
  // Absent pools, Outposts and blocks are "" in the provider's state, absent flags false.
  set_string(*d, "customer_owned_ipv4_pool", xtext(item, "customerOwnedIpv4Pool"));
  set_bool(*d, "enable_dns64", xbool(item, "enableDns64"));
  set_int(*d, "enable_lni_at_device_index", xint(item, "enableLniAtDeviceIndex"));
  set_string(*d, "ipv6_cidr_block", ipv6_block(item));
  set_bool(*d, "ipv6_native", xbool(item, "ipv6Native"));
  set_bool(*d, "map_customer_owned_ip_on_launch", xbool(item, "mapCustomerOwnedIpOnLaunch"));
  set_string(*d, "outpost_arn", xtext(item, "outpostArn"));
  // Old subnets may lack the options entirely: left out then, never reported on a guess.
  if (auto o = item.child("privateDnsNameOptionsOnLaunch")) {
    set_bool(*d, "enable_resource_name_dns_a_record_on_launch",
             xbool(o, "enableResourceNameDnsARecord"));
    set_bool(*d, "enable_resource_name_dns_aaaa_record_on_launch",
             xbool(o, "enableResourceNameDnsAAAARecord"));
    set_string(*d, "private_dns_hostname_type_on_launch", xtext(o, "hostnameType"));
  }
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeSubnets"}, {}};

}  // namespace

const type_module& aws_subnet_module() {
  static const type_module m{
      "aws_subnet",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeSubnets", "subnetSet", "subnet-id", "subnetId",
                               build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeSubnets", "subnetSet", "subnetId",
                             [](const pugi::xml_node& i) { return !xbool(i, "defaultForAz"); });
      },
      &depth,
      &permissions};
  return m;
}

}  // namespace scanner::native
