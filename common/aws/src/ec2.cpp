#include "aws/ec2.h"

#include "aws/paginate.h"

namespace aws::ec2 {
namespace {

const service& svc = services::ec2;

// A fresh document with one <set_name> element to collect items from every page into.
xml_response merged(const std::string& set_name) {
  xml_response out;
  out.doc = std::make_shared<pugi::xml_document>();
  out.result = out.doc->append_child(set_name.c_str());
  return out;
}

}  // namespace

core::result<xml_response, error> parse_describe_page(const std::string& body,
                                                      const std::string& set_name) {
  auto page = parse_xml(svc, body);
  if (!page) return page.error();
  xml_response out = merged(set_name);
  out.request_id = page->request_id;
  for (auto it : page->result.child(set_name.c_str()).children("item")) out.result.append_copy(it);
  return out;
}

core::result<xml_response, error> describe(session& s, const std::string& action,
                                           const std::string& id_param, const std::string& set_name,
                                           const describe_request& r) {
  xml_response out = merged(set_name);
  auto done = paginate(
      [&](const std::string& token) {
        query_params q;
        for (size_t i = 0; i < r.ids.size(); ++i)
          q.emplace_back(id_param + "." + std::to_string(i + 1), r.ids[i]);
        for (size_t i = 0; i < r.filters.size(); ++i) {
          std::string pre = "Filter." + std::to_string(i + 1) + ".";
          q.emplace_back(pre + "Name", r.filters[i].name);
          for (size_t j = 0; j < r.filters[i].values.size(); ++j)
            q.emplace_back(pre + "Value." + std::to_string(j + 1), r.filters[i].values[j]);
        }
        if (r.page_size > 0) q.emplace_back("MaxResults", std::to_string(r.page_size));
        if (!token.empty()) q.emplace_back("NextToken", token);
        return query_call(s, svc, action, q);
      },
      [](const xml_response& page) { return text(page.result, "nextToken"); },
      [&](xml_response& page) {
        if (out.request_id.empty()) out.request_id = page.request_id;
        for (auto it : page.result.child(set_name.c_str()).children("item"))
          out.result.append_copy(it);
      });
  if (!done) return done.error();
  return out;
}

core::result<xml_response, error> describe_instances(session& s, const describe_request& r) {
  return describe(s, "DescribeInstances", "InstanceId", "reservationSet", r);
}
core::result<xml_response, error> describe_security_groups(session& s, const describe_request& r) {
  return describe(s, "DescribeSecurityGroups", "GroupId", "securityGroupInfo", r);
}
core::result<xml_response, error> describe_security_group_rules(session& s,
                                                                const describe_request& r) {
  return describe(s, "DescribeSecurityGroupRules", "SecurityGroupRuleId", "securityGroupRuleSet",
                  r);
}
core::result<xml_response, error> describe_vpcs(session& s, const describe_request& r) {
  return describe(s, "DescribeVpcs", "VpcId", "vpcSet", r);
}
core::result<xml_response, error> describe_subnets(session& s, const describe_request& r) {
  return describe(s, "DescribeSubnets", "SubnetId", "subnetSet", r);
}
core::result<xml_response, error> describe_volumes(session& s, const describe_request& r) {
  return describe(s, "DescribeVolumes", "VolumeId", "volumeSet", r);
}

core::result<bool, error> describe_vpc_attribute(session& s, const std::string& vpc_id,
                                                 const std::string& attribute) {
  auto r =
      query_call(s, svc, "DescribeVpcAttribute", {{"VpcId", vpc_id}, {"Attribute", attribute}});
  if (!r) return r.error();
  return std::string(r->result.child(attribute.c_str()).child_value("value")) == "true";
}

std::map<std::string, std::string> tags_of(const pugi::xml_node& item) {
  std::map<std::string, std::string> tags;
  for (auto t : item.child("tagSet").children("item"))
    tags[t.child_value("key")] = t.child_value("value");
  return tags;
}

}  // namespace aws::ec2
