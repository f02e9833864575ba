// Amazon CloudWatch alarm reads for the drift scanner (query protocol): metric alarms and
// their tags. Metrics themselves: aws/cloudwatch.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/query_protocol.h"

namespace aws::cloudwatch {

// DescribeAlarms allows this many names per call.
inline constexpr size_t kMaxAlarmNames = 100;

// The pages of DescribeAlarms (metric alarms only) for `names` (at most kMaxAlarmNames; none:
// every metric alarm of the region), NextToken pages of 100. Each page's alarms are the
// <member>s of result.child("MetricAlarms"); a name without an alarm is simply absent.
core::result<std::vector<xml_response>, error> describe_metric_alarms(
    session& s, const std::vector<std::string>& names);

// The tags of an alarm by its ARN.
core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn);

}  // namespace aws::cloudwatch
