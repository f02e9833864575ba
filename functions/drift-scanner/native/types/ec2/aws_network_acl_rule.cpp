// aws_network_acl_rule: one entry of a network ACL, found by (network_acl_id, rule_number,
// egress) as the provider finds it; DescribeNetworkAcls by id once per batch of ACLs. Ports and
// ICMP type/code are written only when the entry has them (the provider leaves the state's values
// otherwise).
#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{
    {"cidr_block", "egress", "from_port", "icmp_code", "icmp_type", "ipv6_cidr_block",
     "network_acl_id", "protocol", "rule_action", "rule_number", "to_port"},
    {},
    false,
    // moto answers no icmpTypeCode: the ICMP entry is proved on the reference's shape.
    {"icmp_code", "icmp_type"},
};

long long state_int(const rapidjson::Value& state, const char* name) {
  const auto* v = member(state, name);
  if (v && v->IsNumber()) return v->GetInt64();
  if (v && v->IsString()) return std::strtoll(v->GetString(), nullptr, 10);
  return 0;
}

bool state_bool(const rapidjson::Value& state, const char* name) {
  const auto* v = member(state, name);
  return v && v->IsBool() && v->GetBool();
}

void string_or_absent(rapidjson::Document& d, const rapidjson::Value& state, const char* name,
                      const pugi::xml_node& e, const char* path) {
  if (e.child(path))
    set_string(d, name, xtext(e, path));
  else
    network::absent_string(d, state, name);
}

doc_ptr build(const terraform::resource_instance&, const rapidjson::Value& state,
              const pugi::xml_node& acl) {
  const bool egress = state_bool(state, "egress");
  const long long number = state_int(state, "rule_number");
  pugi::xml_node entry;
  for (auto e : acl.child("entrySet").children("item"))
    if (xbool(e, "egress") == egress && xint(e, "ruleNumber") == number) entry = e;
  if (!entry) return nullptr;
  auto d = new_object();
  set_string(*d, "network_acl_id", xtext(acl, "networkAclId"));
  set_bool(*d, "egress", egress);
  set_int(*d, "rule_number", number);
  set_string(*d, "rule_action", xtext(entry, "ruleAction"));
  string_or_absent(*d, state, "cidr_block", entry, "cidrBlock");
  string_or_absent(*d, state, "ipv6_cidr_block", entry, "ipv6CidrBlock");
  const std::string protocol = network::nacl_protocol_number(xtext(entry, "protocol"));
  if (protocol.empty())
    set_null(*d, "protocol");
  else
    set_string(*d, "protocol", protocol);
  for (const char* name : {"from_port", "to_port", "icmp_code", "icmp_type"})
    network::copy_from_state(*d, state, name);
  if (auto r = entry.child("portRange")) {
    set_int(*d, "from_port", xint(r, "from"));
    set_int(*d, "to_port", xint(r, "to"));
  }
  if (auto i = entry.child("icmpTypeCode")) {
    set_int(*d, "icmp_code", xint(i, "code"));
    set_int(*d, "icmp_type", xint(i, "type"));
  }
  return d;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  const auto acls = network::state_values(batch, "network_acl_id");
  if (acls.empty()) return std::vector<live_resource>(batch.size(), live_resource::gone());
  std::vector<aws::xml_response> keep;
  auto items = network::describe_ids(ctx, "DescribeNetworkAcls", "NetworkAclId", "networkAclSet",
                                     acls, "networkAclId", keep);
  if (!items) return all_failed(batch.size(), items.error());
  return network::by_state_key(batch, "network_acl_id", *items, build);
}

const iam_actions permissions{{"ec2:DescribeNetworkAcls"}, {}};

// A rule's id is generated ("nacl-<hash>"): the calls locate it by its ACL.
const change_locator changes{ec2::event_source,
                             {"CreateNetworkAclEntry", "ReplaceNetworkAclEntry",
                              "DeleteNetworkAclEntry", "DeleteNetworkAcl"},
                             [](const change_call& c) -> std::vector<change_target> {
                               const auto acl = ec2::request_param(c, "networkAclId");
                               if (acl.empty()) return {};
                               return {{"", {{"network_acl_id", acl}}}};
                             }};

}  // namespace

const type_module& aws_network_acl_rule_module() {
  static const type_module m{"aws_network_acl_rule", read,    &rules, 100, {}, &depth,
                             &permissions,           &changes};
  return m;
}

}  // namespace scanner::native
