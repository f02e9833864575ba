// aws_nat_gateway: subnet, connectivity, the primary address (allocation, private IP), the
// secondary ones and tags, from DescribeNatGateways (nat-gateway-id filter; a gateway deleted
// or being deleted is gone, as the provider has it).
#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"secondary_allocation_ids", rule_kind::set_order, "a Terraform set of allocation ids"},
    {"secondary_private_ip_addresses", rule_kind::set_order, "a Terraform set of addresses"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"allocation_id", "connectivity_type", "private_ip", "secondary_allocation_ids",
     "secondary_private_ip_address_count", "secondary_private_ip_addresses", "subnet_id", "tags",
     "tags_all"},
    {},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  const std::string state = xtext(item, "state");
  if (state == "deleted" || state == "deleting") return nullptr;
  auto d = new_object();
  // AWS always answers it; moto leaves it out, and an absent value is not read (the provider
  // then keeps the state's "public"), never reported on a guess.
  if (item.child("connectivityType"))
    set_string(*d, "connectivity_type", xtext(item, "connectivityType"));
  set_string(*d, "subnet_id", xtext(item, "subnetId"));
  // The provider's read: the primary address (or the only one) fills the top-level fields,
  // the others the secondary sets.
  const auto addresses = item.child("natGatewayAddressSet");
  const size_t count =
      std::distance(addresses.children("item").begin(), addresses.children("item").end());
  std::vector<std::string> secondary_allocations, secondary_ips;
  for (auto a : addresses.children("item")) {
    if (xbool(a, "isPrimary") || count == 1) {
      set_string(*d, "allocation_id", xtext(a, "allocationId"));
      set_string(*d, "association_id", xtext(a, "associationId"));
      set_string(*d, "network_interface_id", xtext(a, "networkInterfaceId"));
      set_string(*d, "private_ip", xtext(a, "privateIp"));
      set_string(*d, "public_ip", xtext(a, "publicIp"));
      continue;
    }
    if (auto v = xtext(a, "allocationId"); !v.empty()) secondary_allocations.push_back(v);
    if (auto v = xtext(a, "privateIp"); !v.empty()) secondary_ips.push_back(v);
  }
  set_string_list(*d, "secondary_allocation_ids", secondary_allocations);
  set_int(*d, "secondary_private_ip_address_count", static_cast<long long>(secondary_ips.size()));
  set_string_list(*d, "secondary_private_ip_addresses", secondary_ips);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeNatGateways"}, {}};

const change_locator changes{ec2::event_source,
                             {"DeleteNatGateway", "AssociateNatGatewayAddress",
                              "DisassociateNatGatewayAddress", "AssignPrivateNatGatewayAddress",
                              "UnassignPrivateNatGatewayAddress", "CreateTags", "DeleteTags"},
                             [](const change_call& c) {
                               if (ec2::is_tagging(c))
                                 return targets_of(ec2::tagged_ids(c, "nat-"));
                               return targets_of({ec2::request_param(c, "natGatewayId")});
                             }};

}  // namespace

const type_module& aws_nat_gateway_module() {
  static const type_module m{
      "aws_nat_gateway",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeNatGateways", "natGatewaySet", "nat-gateway-id",
                               "natGatewayId", build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        // Deleted gateways stay listed for about an hour.
        return ec2::list_paged(ctx, "DescribeNatGateways", "natGatewaySet", "natGatewayId", 1000,
                               [](const pugi::xml_node& i) {
                                 const auto s = xtext(i, "state");
                                 return s != "deleted" && s != "deleting";
                               });
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
