// aws_subnet: CIDR, VPC, zone, public-IP and IPv6 launch settings, tags.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  set_string(*d, "cidr_block", xtext(item, "cidrBlock"));
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_string(*d, "availability_zone", xtext(item, "availabilityZone"));
  set_bool(*d, "map_public_ip_on_launch", xbool(item, "mapPublicIpOnLaunch"));
  set_bool(*d, "assign_ipv6_address_on_creation", xbool(item, "assignIpv6AddressOnCreation"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

}  // namespace

const type_module& aws_subnet_module() {
  static const type_module m{
      "aws_subnet",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeSubnets", "subnetSet", "subnet-id", "subnetId",
                               build);
      },
      &rules, 100,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeSubnets", "subnetSet", "subnetId",
                             [](const pugi::xml_node& i) { return !xbool(i, "defaultForAz"); });
      }};
  return m;
}

}  // namespace scanner::native
