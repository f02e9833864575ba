// Elastic Load Balancing v2 reads for the drift scanner (query protocol, API 2015-12-01):
// the Describe* listings (Marker pages), attribute lists and tags of load balancers, target
// groups, listeners and rules, and the targets registered in a target group.
#pragma once

#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/service.h"
#include "aws/session.h"

namespace aws::elbv2 {

inline constexpr service api{"Elastic Load Balancing v2",
                             "ELASTIC_LOAD_BALANCING_V2",
                             "elasticloadbalancing",
                             "elasticloadbalancing",
                             protocol::query,
                             "2015-12-01",
                             ""};

// DescribeTags takes at most this many ARNs per call.
inline constexpr size_t kTagsPerCall = 20;

// The <member>s of every page of a Describe call; `pages` keeps their documents alive.
struct members {
  std::vector<std::shared_ptr<pugi::xml_document>> pages;
  std::vector<pugi::xml_node> items;
};

// `action` with `params`, following NextMarker; the members of each page's `list_name`.
core::result<members, error> describe(session& s, std::string_view action,
                                      const query_params& params, const char* list_name);

// `params` plus ids as the API's list parameter: `name`.member.1, .2, ...
query_params with_members(query_params params, const std::string& name,
                          const std::vector<std::string>& ids);

// Key/value attributes (DescribeLoadBalancerAttributes, DescribeTargetGroupAttributes,
// DescribeListenerAttributes) of the resource `id_param` = `id`.
core::result<std::map<std::string, std::string>, error> attributes(session& s,
                                                                   std::string_view action,
                                                                   const char* id_param,
                                                                   const std::string& id);

// Tags per ARN (at most kTagsPerCall ARNs: one DescribeTags call).
core::result<std::map<std::string, std::map<std::string, std::string>>, error> describe_tags(
    session& s, const std::vector<std::string>& arns);

// The error codes of a load balancer, target group, listener or rule that does not exist.
inline bool is_not_found(const error& e) {
  return e.code == "LoadBalancerNotFound" || e.code == "TargetGroupNotFound" ||
         e.code == "ListenerNotFound" || e.code == "RuleNotFound";
}

}  // namespace aws::elbv2
