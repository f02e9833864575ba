// Amazon EC2 describe calls (EC2 query protocol). Each returns every page merged into one
// XML document: `result` is an element holding all <item>s of the response's list (for
// DescribeInstances, the reservations), so callers read fields with pugixml directly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/session.h"

namespace aws::ec2 {

struct filter {
  std::string name;  // e.g. "vpc-id", "tag:ManagedBy"
  std::vector<std::string> values;
};

struct describe_request {
  std::vector<std::string> ids;  // InstanceId / GroupId / VpcId / SubnetId / VolumeId...
  std::vector<filter> filters;
  int page_size = 0;  // MaxResults per page; 0: the service's default
};

// The generic form: `action` paginated by NextToken, items of `set_name` merged.
core::result<xml_response, error> describe(session& s, const std::string& action,
                                           const std::string& id_param, const std::string& set_name,
                                           const describe_request& r);

core::result<xml_response, error> describe_instances(session& s, const describe_request& r = {});
core::result<xml_response, error> describe_security_groups(session& s,
                                                           const describe_request& r = {});
core::result<xml_response, error> describe_security_group_rules(session& s,
                                                                const describe_request& r = {});
core::result<xml_response, error> describe_vpcs(session& s, const describe_request& r = {});
core::result<xml_response, error> describe_subnets(session& s, const describe_request& r = {});
core::result<xml_response, error> describe_volumes(session& s, const describe_request& r = {});
// `attribute`: "enableDnsSupport", "enableDnsHostnames" or "enableNetworkAddressUsageMetrics";
// the attribute's value.
core::result<bool, error> describe_vpc_attribute(session& s, const std::string& vpc_id,
                                                 const std::string& attribute);

// An item's <tagSet> as a map.
std::map<std::string, std::string> tags_of(const pugi::xml_node& item);

// Parses one EC2 response body and merges its list items (used by describe(), and by the
// benchmark to time parsing alone).
core::result<xml_response, error> parse_describe_page(const std::string& body,
                                                      const std::string& set_name);

}  // namespace aws::ec2
