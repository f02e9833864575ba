// aws_network_interface: subnet, description, type, private IPv4 addresses (primary, set, list,
// count), IPv6 addresses, prefixes, security groups, source/dest check, attachment and tags,
// all from DescribeNetworkInterfaces, as the provider's refresh writes them.
#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"attachment", rule_kind::set_order, "a Terraform set"},
    {"ipv4_prefixes", rule_kind::set_order, "a Terraform set: prefix order is not a change"},
    {"ipv6_addresses", rule_kind::set_order, "a Terraform set: address order is not a change"},
    {"ipv6_prefixes", rule_kind::set_order, "a Terraform set: prefix order is not a change"},
    {"private_ips", rule_kind::set_order, "a Terraform set: address order is not a change"},
    {"security_groups", rule_kind::set_order, "a Terraform set: group order is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"attachment", "description", "interface_type", "ipv4_prefix_count", "ipv4_prefixes",
     "ipv6_address_count", "ipv6_address_list", "ipv6_addresses", "ipv6_prefix_count",
     "ipv6_prefixes", "private_ip", "private_ip_list", "private_ips", "private_ips_count",
     "security_groups", "source_dest_check", "subnet_id", "tags", "tags_all"},
    {{"enable_primary_ipv6", skip_kind::provider_only,
      "applied at creation; the provider's refresh never reads it back"},
     {"ipv6_address_list_enabled", skip_kind::provider_only,
      "chooses which of the provider's IPv6 arguments the configuration uses; never read"},
     {"private_ip_list_enabled", skip_kind::provider_only,
      "chooses which of the provider's IPv4 arguments the configuration uses; never read"}},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value attachment(rapidjson::kArrayType);
  if (auto at = item.child("attachment"); at && at.child("attachmentId")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("attachment_id", string_value(xtext(at, "attachmentId"), a), a);
    o.AddMember("device_index", rapidjson::Value(static_cast<int64_t>(xint(at, "deviceIndex"))), a);
    o.AddMember("instance", string_value(xtext(at, "instanceId"), a), a);
    attachment.PushBack(o, a);
  }
  set_value(*d, "attachment", attachment);
  set_string(*d, "description", xtext(item, "description"));
  set_string(*d, "interface_type", xtext(item, "interfaceType"));
  const auto ipv4_prefixes = xitems(item, "ipv4PrefixSet", "ipv4Prefix");
  set_string_list(*d, "ipv4_prefixes", ipv4_prefixes);
  set_int(*d, "ipv4_prefix_count", static_cast<long long>(ipv4_prefixes.size()));
  const auto ipv6 = xitems(item, "ipv6AddressesSet", "ipv6Address");
  set_int(*d, "ipv6_address_count", static_cast<long long>(ipv6.size()));
  set_string_list(*d, "ipv6_address_list", ipv6);
  set_string_list(*d, "ipv6_addresses", ipv6);
  const auto ipv6_prefixes = xitems(item, "ipv6PrefixSet", "ipv6Prefix");
  set_string_list(*d, "ipv6_prefixes", ipv6_prefixes);
  set_int(*d, "ipv6_prefix_count", static_cast<long long>(ipv6_prefixes.size()));
  set_string(*d, "private_ip", xtext(item, "privateIpAddress"));
  // The primary address first, as EC2 answers them.
  const auto ips = xitems(item, "privateIpAddressesSet", "privateIpAddress");
  set_string_list(*d, "private_ips", ips);
  set_int(*d, "private_ips_count", static_cast<long long>(ips.size()) - 1);
  set_string_list(*d, "private_ip_list", ips);
  set_string_list(*d, "security_groups", xitems(item, "groupSet", "groupId"));
  set_bool(*d, "source_dest_check", xbool(item, "sourceDestCheck"));
  set_string(*d, "subnet_id", xtext(item, "subnetId"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeNetworkInterfaces"}, {}};

const change_locator changes{
    ec2::event_source,
    {"ModifyNetworkInterfaceAttribute", "AssignPrivateIpAddresses", "UnassignPrivateIpAddresses",
     "AssignIpv6Addresses", "UnassignIpv6Addresses", "AttachNetworkInterface",
     "DeleteNetworkInterface", "CreateTags", "DeleteTags"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "eni-"));
      return targets_of({ec2::request_param(c, "networkInterfaceId")});
    }};

// Interfaces AWS services create and manage for themselves (load balancers, NAT gateways,
// endpoints, Lambda) and an instance's own interfaces, made and deleted with it, are nobody's
// to import.
bool user_made(const pugi::xml_node& i) {
  if (xbool(i, "requesterManaged")) return false;
  const auto at = i.child("attachment");
  return !(at && xbool(at, "deleteOnTermination"));
}

}  // namespace

const type_module& aws_network_interface_module() {
  static const type_module m{
      "aws_network_interface",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeNetworkInterfaces", "networkInterfaceSet",
                               "network-interface-id", "networkInterfaceId", build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeNetworkInterfaces", "networkInterfaceSet",
                             "networkInterfaceId", user_made);
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
