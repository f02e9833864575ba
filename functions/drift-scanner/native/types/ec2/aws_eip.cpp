// aws_eip: an Elastic IP by its allocation id: domain, what it is associated with, its pools,
// border group and tags, from DescribeAddresses (allocation-id filter).
#include <algorithm>

#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"customer_owned_ipv4_pool", "domain", "instance", "network_border_group", "network_interface",
     "public_ipv4_pool", "tags", "tags_all", "vpc"},
    {{"address", skip_kind::create_only,
      "a BYOIP address asked for at allocation; the allocated public_ip is read"},
     {"associate_with_private_ip", skip_kind::provider_only,
      "sent with the association, never read back by the provider"},
     {"ipam_pool_id", skip_kind::create_only, "the IPAM pool allocated from, never read back"}},
};

// The provider's EC2PrivateDNSNameForIP / EC2PublicDNSNameForIP: names derived from the
// address, with us-east-1's historical domains.
std::string dashed(std::string ip) {
  std::replace(ip.begin(), ip.end(), '.', '-');
  return ip;
}
std::string private_dns(const std::string& region, const std::string& ip) {
  if (region == "us-east-1") return "ip-" + dashed(ip) + ".ec2.internal";
  return "ip-" + dashed(ip) + "." + region + ".compute.internal";
}
std::string public_dns(const std::string& region, const std::string& ip) {
  if (region == "us-east-1") return "ec2-" + dashed(ip) + ".compute-1.amazonaws.com";
  return "ec2-" + dashed(ip) + "." + region + ".compute.amazonaws.com";
}

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  const std::string domain = xtext(item, "domain");
  set_string(*d, "domain", domain);
  set_bool(*d, "vpc", domain == "vpc");
  set_string(*d, "customer_owned_ipv4_pool", xtext(item, "customerOwnedIpv4Pool"));
  set_string(*d, "instance", xtext(item, "instanceId"));
  set_string(*d, "network_border_group", xtext(item, "networkBorderGroup"));
  set_string(*d, "network_interface", xtext(item, "networkInterfaceId"));
  set_string(*d, "public_ipv4_pool", xtext(item, "publicIpv4Pool"));
  // Computed-only, but refreshed: an association made or removed by hand moves them too.
  set_string(*d, "allocation_id", xtext(item, "allocationId"));
  set_string(*d, "association_id", xtext(item, "associationId"));
  set_string(*d, "carrier_ip", xtext(item, "carrierIp"));
  set_string(*d, "customer_owned_ip", xtext(item, "customerOwnedIp"));
  const std::string private_ip = xtext(item, "privateIpAddress");
  const std::string public_ip = xtext(item, "publicIp");
  set_string(*d, "private_ip", private_ip);
  set_string(*d, "public_ip", public_ip);
  // The provider sets the DNS names only for an address it has (else keeps the old value).
  if (!private_ip.empty()) set_string(*d, "private_dns", private_dns(ctx.region, private_ip));
  if (!public_ip.empty()) set_string(*d, "public_dns", public_dns(ctx.region, public_ip));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeAddresses"}, {}};

// Associations name the allocation; a disassociation or a tag change names it only by its
// association id or among the tagged resources.
const change_locator changes{
    ec2::event_source,
    {"AssociateAddress", "DisassociateAddress", "ReleaseAddress", "CreateTags", "DeleteTags"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "eipalloc-"));
      return targets_of({ec2::request_param(c, "allocationId")});
    }};

}  // namespace

const type_module& aws_eip_module() {
  static const type_module m{
      "aws_eip",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeAddresses", "addressesSet", "allocation-id",
                               "allocationId", build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        // DescribeAddresses answers every address at once (it takes no MaxResults).
        return ec2::list_paged(
            ctx, "DescribeAddresses", "addressesSet", "allocationId", 0,
            [](const pugi::xml_node& i) { return !xtext(i, "allocationId").empty(); });
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
