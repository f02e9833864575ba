// Amazon SNS reads for the drift scanner (query protocol): attributes of topics and
// subscriptions, their tags, and the region's listings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::sns {

// A topic or subscription that does not exist (any more).
inline bool is_not_found(const error& e) {
  return e.code == "NotFound" || e.code == "NotFoundException";
}

// Every attribute GetTopicAttributes returns (TopicArn, Policy, DisplayName, ...).
core::result<std::map<std::string, std::string>, error> get_topic_attributes(
    session& s, const std::string& topic_arn);
// Every attribute GetSubscriptionAttributes returns (TopicArn, Protocol, Endpoint, ...).
core::result<std::map<std::string, std::string>, error> get_subscription_attributes(
    session& s, const std::string& subscription_arn);
core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn);
// The ARN of every topic in the region (NextToken pages).
core::result<std::vector<std::string>, error> list_topics(session& s);

}  // namespace aws::sns
