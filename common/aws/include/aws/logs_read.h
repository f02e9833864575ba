// Amazon CloudWatch Logs reads for the drift scanner (JSON 1.1 protocol): log groups and
// their tags.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::logs {

struct log_group {
  std::string name;
  // Without the ":*" DescribeLogGroups appends: the ARN tags and IAM policies take.
  std::string arn;
  std::string kms_key_id;
  std::string log_group_class;      // "" when the answer has none
  long long retention_in_days = 0;  // 0: never expires (DescribeLogGroups leaves it out)
};

// A log group or tagged resource that does not exist (any more).
inline bool is_not_found(const error& e) { return e.code == "ResourceNotFoundException"; }

// Every log group whose name starts with `prefix` ("" : all of the region), nextToken pages
// of up to 50. `pages` (if given) gets the number of calls made.
core::result<std::vector<log_group>, error> describe_log_groups(session& s,
                                                                const std::string& prefix,
                                                                int* pages = nullptr);
// The tags of a log group by its ARN (without ":*").
core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn);

}  // namespace aws::logs
