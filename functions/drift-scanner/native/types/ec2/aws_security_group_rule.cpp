// aws_security_group_rule, the older rule form: found the way the provider finds it, as the
// permission of its group (DescribeSecurityGroups, one call per batch of groups) whose protocol
// and ports match and which holds every source the state names (CIDRs, IPv6 CIDRs, prefix
// lists, the source group or the group itself). One state rule may cover several CIDRs of one
// permission; a rule with a source gone from its group is gone. The provider writes the
// rule's identity back from the state and only the description from the match, so a changed
// port or source reads as the rule gone, a changed description as drift.
#include <algorithm>

#include "nacl_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{
    {"cidr_blocks", "description", "from_port", "ipv6_cidr_blocks", "prefix_list_ids", "protocol",
     "security_group_id", "self", "source_security_group_id", "to_port", "type"},
    {},
};

using network::state_string;

std::vector<std::string> state_strings(const rapidjson::Value& state, const char* name) {
  std::vector<std::string> out;
  const auto* v = member(state, name);
  if (v && v->IsArray())
    for (const auto& s : v->GetArray())
      if (s.IsString()) out.emplace_back(s.GetString(), s.GetStringLength());
  return out;
}

long long state_int(const rapidjson::Value& state, const char* name) {
  const auto* v = member(state, name);
  return v && v->IsNumber() ? v->GetInt64() : 0;
}

// The provider's protocolForValue: lower case, "all" is "-1", the numbers of its named
// protocols are their names.
std::string protocol_for_value(std::string p) {
  std::transform(p.begin(), p.end(), p.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (p == "all" || p == "-1") return "-1";
  static const std::map<std::string, std::string> named = {
      {"1", "icmp"}, {"6", "tcp"}, {"17", "udp"}, {"58", "icmpv6"}};
  if (auto it = named.find(p); it != named.end()) return it->second;
  return p;
}

// The state rule as the permission the provider expands it into.
struct wanted {
  std::string protocol;
  bool ports = false;  // "-1" has none
  long long from = 0, to = 0;
  std::vector<std::string> cidrs, ipv6, prefix_lists, groups;
};

wanted expand(const rapidjson::Value& state) {
  wanted w;
  w.protocol = protocol_for_value(state_string(state, "protocol"));
  if (w.protocol != "-1") {
    w.ports = true;
    w.from = state_int(state, "from_port");
    w.to = state_int(state, "to_port");
  }
  w.cidrs = state_strings(state, "cidr_blocks");
  w.ipv6 = state_strings(state, "ipv6_cidr_blocks");
  w.prefix_lists = state_strings(state, "prefix_list_ids");
  const auto* self = member(state, "self");
  if (self && self->IsBool() && self->GetBool())
    w.groups.push_back(state_string(state, "security_group_id"));
  // "<account>/<group>" names a group of another account: the group id is what EC2 answers.
  std::string source = state_string(state, "source_security_group_id");
  if (auto slash = source.find('/'); slash != std::string::npos) source = source.substr(slash + 1);
  if (!source.empty()) w.groups.push_back(source);
  return w;
}

// Whether every wanted value is among the permission's `set`/`field` values; the first
// matching entry's description is kept when none is yet (the provider's findRuleMatch).
bool covers(const std::vector<std::string>& want, const pugi::xml_node& perm, const char* set,
            const char* field, std::string& description, bool& described) {
  size_t remaining = want.size();
  for (const auto& w : want)
    for (auto r : perm.child(set).children("item"))
      if (xtext(r, field) == w) {
        --remaining;
        if (!described && r.child("description")) {
          description = xtext(r, "description");
          described = true;
        }
      }
  return remaining == 0;
}

// The provider's findRuleMatch: the last permission that matches; nullptr when none does.
bool find_match(const wanted& w, const pugi::xml_node& perms, std::string& description,
                bool& described) {
  bool found = false;
  for (auto p : perms.children("item")) {
    std::string proto = xtext(p, "ipProtocol");
    if (w.ports && p.child("fromPort") && xint(p, "fromPort") != w.from) continue;
    if (w.ports && p.child("toPort") && xint(p, "toPort") != w.to) continue;
    if (proto != w.protocol) continue;
    if (!covers(w.cidrs, p, "ipRanges", "cidrIp", description, described)) continue;
    if (!covers(w.ipv6, p, "ipv6Ranges", "cidrIpv6", description, described)) continue;
    if (!covers(w.prefix_lists, p, "prefixListIds", "prefixListId", description, described))
      continue;
    if (!covers(w.groups, p, "groups", "groupId", description, described)) continue;
    found = true;
  }
  return found;
}

doc_ptr build(const terraform::resource_instance&, const rapidjson::Value& state,
              const pugi::xml_node& group) {
  const std::string type = state_string(state, "type");
  const auto w = expand(state);
  std::string description;
  bool described = false;
  if (!find_match(w, group.child(type == "egress" ? "ipPermissionsEgress" : "ipPermissions"),
                  description, described))
    return nullptr;
  auto d = new_object();
  for (const char* name : {"cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids",
                           "security_group_id", "self", "source_security_group_id", "type"})
    network::copy_from_state(*d, state, name);
  set_string(*d, "protocol", w.protocol);
  set_int(*d, "from_port", w.from);
  set_int(*d, "to_port", w.to);
  if (described)
    set_string(*d, "description", description);
  else
    network::absent_string(*d, state, "description");
  return d;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  const auto groups = network::state_values(batch, "security_group_id");
  if (groups.empty()) return std::vector<live_resource>(batch.size(), live_resource::gone());
  aws::xml_response keep;
  auto items = network::describe_by(ctx, "DescribeSecurityGroups", "securityGroupInfo", "group-id",
                                    groups, "groupId", keep);
  if (!items) return all_failed(batch.size(), items.error());
  return network::by_state_key(batch, "security_group_id", *items, build);
}

const iam_actions permissions{{"ec2:DescribeSecurityGroups"}, {}};

// A rule's id is generated ("sgrule-<hash>"): the calls locate it by its group.
const change_locator changes{
    ec2::event_source,
    {"AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
     "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
     "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
     "DeleteSecurityGroup"},
    [](const change_call& c) -> std::vector<change_target> {
      const auto group = ec2::request_param(c, "groupId");
      if (group.empty()) return {};
      return {{"", {{"security_group_id", group}}}};
    }};

}  // namespace

const type_module& aws_security_group_rule_module() {
  static const type_module m{
      "aws_security_group_rule", read, &rules, 100, {}, &depth, &permissions, &changes};
  return m;
}

}  // namespace scanner::native
