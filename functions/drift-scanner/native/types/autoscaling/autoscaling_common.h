// What the Auto Scaling modules share: the service (query protocol, signed as `autoscaling`),
// the paginated DescribeAutoScalingGroups by name, and the names a CloudTrail call touched.
#pragma once

#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/service.h"
#include "module_util.h"

namespace scanner::native::autoscaling {

inline constexpr aws::service service{"Auto Scaling",
                                      "AUTO_SCALING",
                                      "autoscaling",
                                      "autoscaling",
                                      aws::protocol::query,
                                      "2011-01-01",
                                      ""};
inline constexpr std::string_view event_source = "autoscaling.amazonaws.com";
// DescribeAutoScalingGroups takes at most this many names per call.
inline constexpr size_t kMaxNames = 100;

// Every group named in `names` (none: every group of the region), all pages of 100: the
// <member>s of each page's <AutoScalingGroups>. A name without a group is simply absent.
core::result<std::vector<aws::xml_response>, aws::error> describe_groups(
    const read_context& ctx, const std::vector<std::string>& names);

// The <member> texts under `list` of `n` (<AvailabilityZones><member>us-east-1a</member>...),
// or the `field` of each member.
std::vector<std::string> members(const pugi::xml_node& n, const char* list,
                                 const char* field = nullptr);

// The groups a CloudTrail call names: requestParameters.autoScalingGroupName, or each tag's
// resourceId (CreateOrUpdateTags, DeleteTags).
std::vector<change_target> groups_of(const change_call& c);

}  // namespace scanner::native::autoscaling
