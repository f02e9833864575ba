// aws_security_group: name, description, VPC, tags and the ingress/egress rule sets in the
// provider's flattened shape (one element per protocol, ports and description).
#include <tuple>

#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"ingress", rule_kind::set_order, "a Terraform set: rule order is not a change"},
    {"egress", rule_kind::set_order, "a Terraform set: rule order is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"description", "egress", "ingress", "name", "tags", "tags_all", "vpc_id"},
    {{"name_prefix", skip_kind::create_only,
      "derived into the name at creation; the name itself is compared"},
     {"revoke_rules_on_delete", skip_kind::provider_only,
      "a deletion option of the provider, never read from EC2"}},
};

using alloc_t = rapidjson::Document::AllocatorType;

struct flat_rule {
  std::vector<std::string> cidr, ipv6, prefix_lists, groups;
  bool self = false;
};

rapidjson::Value strings(const std::vector<std::string>& v, alloc_t& a) {
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : v) arr.PushBack(string_value(s, a), a);
  return arr;
}

// The provider's flattenIPPerms: permissions grouped by (protocol, from, to, description).
rapidjson::Value flatten(const pugi::xml_node& perms, const std::string& own_id, alloc_t& a) {
  using key = std::tuple<std::string, long long, long long, std::string>;
  std::map<key, flat_rule> grouped;
  for (auto p : perms.children("item")) {
    std::string proto = xtext(p, "ipProtocol");
    if (proto == "all") proto = "-1";
    const long long from = proto == "-1" ? 0 : xint(p, "fromPort");
    const long long to = proto == "-1" ? 0 : xint(p, "toPort");
    for (auto r : p.child("ipRanges").children("item"))
      grouped[{proto, from, to, xtext(r, "description")}].cidr.push_back(xtext(r, "cidrIp"));
    for (auto r : p.child("ipv6Ranges").children("item"))
      grouped[{proto, from, to, xtext(r, "description")}].ipv6.push_back(xtext(r, "cidrIpv6"));
    for (auto r : p.child("prefixListIds").children("item"))
      grouped[{proto, from, to, xtext(r, "description")}].prefix_lists.push_back(
          xtext(r, "prefixListId"));
    for (auto r : p.child("groups").children("item")) {
      auto& g = grouped[{proto, from, to, xtext(r, "description")}];
      const std::string gid = xtext(r, "groupId");
      if (gid == own_id)
        g.self = true;
      else
        g.groups.push_back(gid);
    }
  }
  rapidjson::Value out(rapidjson::kArrayType);
  for (auto& [k, g] : grouped) {
    std::sort(g.groups.begin(), g.groups.end());  // a set of strings
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("cidr_blocks", strings(g.cidr, a), a);
    o.AddMember("description", string_value(std::get<3>(k), a), a);
    o.AddMember("from_port", rapidjson::Value(static_cast<int64_t>(std::get<1>(k))), a);
    o.AddMember("ipv6_cidr_blocks", strings(g.ipv6, a), a);
    o.AddMember("prefix_list_ids", strings(g.prefix_lists, a), a);
    o.AddMember("protocol", string_value(std::get<0>(k), a), a);
    o.AddMember("security_groups", strings(g.groups, a), a);
    o.AddMember("self", g.self, a);
    o.AddMember("to_port", rapidjson::Value(static_cast<int64_t>(std::get<2>(k))), a);
    out.PushBack(o, a);
  }
  return out;
}

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "name", xtext(item, "groupName"));
  set_string(*d, "description", xtext(item, "groupDescription"));
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_string(*d, "owner_id", xtext(item, "ownerId"));
  auto ingress = flatten(item.child("ipPermissions"), inst.id, a);
  set_value(*d, "ingress", ingress);
  auto egress = flatten(item.child("ipPermissionsEgress"), inst.id, a);
  set_value(*d, "egress", egress);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeSecurityGroups"}, {}};

// The group's rules, tags and the group itself; the group's id is in `groupId` (for
// ModifySecurityGroupRules in its request wrapper), or among the tagged resources.
const change_locator changes{
    ec2::event_source,
    {"AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
     "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
     "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
     "CreateTags", "DeleteTags", "DeleteSecurityGroup"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "sg-"));
      return targets_of({ec2::request_param(c, "groupId")});
    }};

}  // namespace

const type_module& aws_security_group_module() {
  static const type_module m{
      "aws_security_group",
      [](const read_context& ctx, const instance_list& batch) {
        return ec2::read_batch(ctx, batch, "DescribeSecurityGroups", "securityGroupInfo",
                               "group-id", "groupId", build);
      },
      &rules,
      100,
      [](const read_context& ctx) {
        // Every VPC's "default" group is AWS's own.
        return ec2::list_all(
            ctx, "DescribeSecurityGroups", "securityGroupInfo", "groupId",
            [](const pugi::xml_node& i) { return xtext(i, "groupName") != "default"; });
      },
      &depth,
      &permissions,
      &changes};
  return m;
}

}  // namespace scanner::native
