// aws_vpc_endpoint: service, type, VPC, subnets, route tables, groups, private DNS, DNS options,
// IP address type, policy, tags, from DescribeVpcEndpoints (by id, as the provider asks); the
// subnet configurations from the endpoint's network interfaces (DescribeNetworkInterfaces, one
// call per batch, only when interface endpoints have some).
#include <algorithm>
#include <cctype>

#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json, "policy documents equal as IAM reads them"},
    {"route_table_ids", rule_kind::set_order, "a Terraform set: order is not a change"},
    {"security_group_ids", rule_kind::set_order, "a Terraform set: order is not a change"},
    {"subnet_ids", rule_kind::set_order, "a Terraform set: order is not a change"},
    {"subnet_configuration", rule_kind::set_order, "a Terraform set: order is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"dns_options", "ip_address_type", "policy", "private_dns_enabled",
     "resource_configuration_arn", "route_table_ids", "security_group_ids", "service_name",
     "service_network_arn", "service_region", "subnet_configuration", "subnet_ids", "tags",
     "tags_all", "vpc_endpoint_type", "vpc_id"},
    {{"auto_accept", skip_kind::provider_only,
      "accepts the connection at creation; never read from EC2"}},
    false,
    // moto answers none of them: DNS options and address type are proved on the reference's
    // shape, the resource, service network and region only as absent.
    {"dns_options", "ip_address_type", "resource_configuration_arn", "service_network_arn",
     "service_region"},
};

using alloc_t = rapidjson::Document::AllocatorType;

// The provider stores the policy as Go's encoding/json writes it.
std::string normalised_policy(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  return d.HasParseError() ? text : to_go_json(d);
}

rapidjson::Value dns_options(const pugi::xml_node& item, alloc_t& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  auto o = item.child("dnsOptions");
  if (!o) return out;
  rapidjson::Value m(rapidjson::kObjectType);
  m.AddMember("dns_record_ip_type", string_value(xtext(o, "dnsRecordIpType"), a), a);
  m.AddMember("private_dns_only_for_inbound_resolver_endpoint",
              xbool(o, "privateDnsOnlyForInboundResolverEndpoint"), a);
  out.PushBack(m, a);
  return out;
}

// A list of plain values: <set><item>value</item>...
std::vector<std::string> items_text(const pugi::xml_node& item, const char* set) {
  std::vector<std::string> out;
  for (auto i : item.child(set).children("item")) out.emplace_back(i.child_value());
  return out;
}

rapidjson::Value subnet_configuration(const pugi::xml_node& item,
                                      const std::map<std::string, pugi::xml_node>& interfaces,
                                      alloc_t& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& id : items_text(item, "networkInterfaceIdSet")) {
    auto it = interfaces.find(id);
    if (it == interfaces.end()) continue;
    rapidjson::Value m(rapidjson::kObjectType);
    m.AddMember("ipv4", string_value(xtext(it->second, "privateIpAddress"), a), a);
    m.AddMember("ipv6", string_value(xtext(it->second, "ipv6Address"), a), a);
    m.AddMember("subnet_id", string_value(xtext(it->second, "subnetId"), a), a);
    out.PushBack(m, a);
  }
  return out;
}

void string_or_absent(rapidjson::Document& d, const rapidjson::Value& state, const char* name,
                      const pugi::xml_node& item, const char* field) {
  if (item.child(field))
    set_string(d, name, xtext(item, field));
  else
    network::absent_string(d, state, name);
}

bool deleted(const pugi::xml_node& item) {
  std::string s = xtext(item, "state");
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s == "deleted";
}

doc_ptr build(const terraform::resource_instance& inst, const pugi::xml_node& item,
              const std::map<std::string, pugi::xml_node>& interfaces) {
  if (deleted(item)) return nullptr;
  auto d = new_object();
  auto& a = d->GetAllocator();
  const auto state = network::state_of(inst);
  auto dns = dns_options(item, a);
  set_value(*d, "dns_options", dns);
  set_string(*d, "ip_address_type", xtext(item, "ipAddressType"));
  set_string(*d, "policy", normalised_policy(xtext(item, "policyDocument")));
  set_bool(*d, "private_dns_enabled", xbool(item, "privateDnsEnabled"));
  string_or_absent(*d, state, "resource_configuration_arn", item, "resourceConfigurationArn");
  set_string_list(*d, "route_table_ids", items_text(item, "routeTableIdSet"));
  set_string_list(*d, "security_group_ids", xitems(item, "groupSet", "groupId"));
  set_string(*d, "service_name", xtext(item, "serviceName"));
  string_or_absent(*d, state, "service_network_arn", item, "serviceNetworkArn");
  string_or_absent(*d, state, "service_region", item, "serviceRegion");
  auto subnets = subnet_configuration(item, interfaces, a);
  set_value(*d, "subnet_configuration", subnets);
  set_string_list(*d, "subnet_ids", items_text(item, "subnetIdSet"));
  // GovCloud answers no type: the provider's default.
  const std::string type = xtext(item, "vpcEndpointType");
  set_string(*d, "vpc_endpoint_type", type.empty() ? "Gateway" : type);
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> ids;
  for (const auto* inst : batch) ids.push_back(inst->id);
  std::vector<aws::xml_response> keep;
  auto items = network::describe_ids(ctx, "DescribeVpcEndpoints", "VpcEndpointId", "vpcEndpointSet",
                                     ids, "vpcEndpointId", keep);
  if (!items) return all_failed(batch.size(), items.error());
  std::vector<std::string> enis;
  for (const auto& [id, item] : *items)
    if (!deleted(item))
      for (auto& e : items_text(item, "networkInterfaceIdSet")) enis.push_back(std::move(e));
  std::map<std::string, pugi::xml_node> interfaces;
  aws::xml_response keep_enis;
  if (!enis.empty()) {
    auto found =
        network::describe_by(ctx, "DescribeNetworkInterfaces", "networkInterfaceSet",
                             "network-interface-id", enis, "networkInterfaceId", keep_enis);
    if (!found) return all_failed(batch.size(), found.error());
    interfaces = std::move(found).value();
  }
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto it = items->find(inst->id);
    doc_ptr d = it == items->end() ? nullptr : build(*inst, it->second, interfaces);
    out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
  }
  return out;
}

const iam_actions permissions{{"ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcEndpoints"}, {}};

const change_locator changes{
    ec2::event_source, {"ModifyVpcEndpoint", "CreateTags", "DeleteTags"}, [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "vpce-"));
      return targets_of({ec2::request_param(c, "vpcEndpointId")});
    }};

}  // namespace

const type_module& aws_vpc_endpoint_module() {
  static const type_module m{
      "aws_vpc_endpoint",
      read,
      &rules,
      100,
      [](const read_context& ctx) {
        // Endpoints other services create for themselves are theirs.
        return ec2::list_all(
            ctx, "DescribeVpcEndpoints", "vpcEndpointSet", "vpcEndpointId",
            [](const pugi::xml_node& i) { return !xbool(i, "requesterManaged") && !deleted(i); });
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/0};
  return m;
}

}  // namespace scanner::native
