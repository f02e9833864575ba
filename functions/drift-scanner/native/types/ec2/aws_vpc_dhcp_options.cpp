// aws_vpc_dhcp_options: the options (domain name and its servers, NetBIOS, NTP, the IPv6 lease
// time) and tags, from DescribeDhcpOptions. A set's options cannot be edited in place, so the
// options change only with the set; the provider writes each option the set holds and leaves
// the state's value of one it does not hold, and so does this reader.
#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"domain_name", "domain_name_servers", "ipv6_address_preferred_lease_time",
     "netbios_name_servers", "netbios_node_type", "ntp_servers", "tags", "tags_all"},
    {},
};

struct option {
  const char* key;   // EC2's dhcpConfiguration key
  const char* name;  // Terraform's attribute
  bool list;
};

const option kOptions[] = {
    {"domain-name", "domain_name", false},
    {"domain-name-servers", "domain_name_servers", true},
    {"ipv6-address-preferred-lease-time", "ipv6_address_preferred_lease_time", false},
    {"netbios-name-servers", "netbios_name_servers", true},
    {"netbios-node-type", "netbios_node_type", false},
    {"ntp-servers", "ntp_servers", true},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  const auto state = network::state_of(inst);
  for (const auto& o : kOptions) network::copy_from_state(*d, state, o.name);
  for (auto c : item.child("dhcpConfigurationSet").children("item")) {
    const std::string key = xtext(c, "key");
    for (const auto& o : kOptions) {
      if (key != o.key) continue;
      auto values = xitems(c, "valueSet", "value");
      if (o.list)
        set_string_list(*d, o.name, values);
      else if (!values.empty())
        set_string(*d, o.name, values.front());
    }
  }
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeDhcpOptions"}, {}};

const change_locator changes{
    ec2::event_source, {"CreateTags", "DeleteTags", "DeleteDhcpOptions"}, [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "dopt-"));
      return targets_of({ec2::request_param(c, "dhcpOptionsId")});
    }};

}  // namespace

const type_module& aws_vpc_dhcp_options_module() {
  static const type_module m{
      "aws_vpc_dhcp_options",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeDhcpOptions", "dhcpOptionsSet",
                               "dhcp-options-id", "dhcpOptionsId", build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        return ec2::list_all(ctx, "DescribeDhcpOptions", "dhcpOptionsSet", "dhcpOptionsId");
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
