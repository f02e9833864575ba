#include "sg_rule_common.h"

namespace scanner::native::sg_rule {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"cidr_ipv4", "cidr_ipv6", "description", "from_port", "ip_protocol", "prefix_list_id",
     "referenced_security_group_id", "security_group_id", "tags", "to_port"},
    {},
};

namespace {

// The provider writes absent strings as null.
void string_or_null(rapidjson::Document& d, const char* name, const std::string& v) {
  if (v.empty())
    set_null(d, name);
  else
    set_string(d, name, v);
}

}  // namespace

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch, bool egress) {
  return ec2::read_batch(ctx, batch, "DescribeSecurityGroupRules", "securityGroupRuleSet",
                         "security-group-rule-id", "securityGroupRuleId",
                         [egress](const read_context&, const terraform::resource_instance& inst,
                                  const pugi::xml_node& item) -> doc_ptr {
                           if (xbool(item, "isEgress") != egress) return nullptr;
                           auto d = new_object();
                           string_or_null(*d, "cidr_ipv4", xtext(item, "cidrIpv4"));
                           string_or_null(*d, "cidr_ipv6", xtext(item, "cidrIpv6"));
                           string_or_null(*d, "description", xtext(item, "description"));
                           std::string proto = xtext(item, "ipProtocol");
                           set_string(*d, "ip_protocol", proto);
                           // All protocols: the provider holds no ports.
                           if (proto == "-1") {
                             set_null(*d, "from_port");
                             set_null(*d, "to_port");
                           } else {
                             set_int(*d, "from_port", xint(item, "fromPort"));
                             set_int(*d, "to_port", xint(item, "toPort"));
                           }
                           string_or_null(*d, "prefix_list_id", xtext(item, "prefixListId"));
                           string_or_null(*d, "referenced_security_group_id",
                                          xtext(item, "referencedGroupInfo/groupId"));
                           set_string(*d, "security_group_id", xtext(item, "groupId"));
                           set_tags(*d, inst, aws::ec2::tags_of(item));
                           return d;
                         });
}

namespace {

const iam_actions permissions{{"ec2:DescribeSecurityGroupRules"}, {}};

}  // namespace

type_module module(std::string_view type, bool egress) {
  return type_module{type,
                     [egress](const read_context& ctx, const instance_list& batch) {
                       return read(ctx, batch, egress);
                     },
                     &rules,
                     100,
                     {},
                     &depth,
                     &permissions};
}

}  // namespace scanner::native::sg_rule
