// Amazon SNS (query protocol).
#pragma once

#include <map>
#include <string>

#include "aws/session.h"

namespace aws::sns {

struct publish_request {
  std::string topic_arn;
  std::string message;
  std::string subject;                            // optional
  std::map<std::string, std::string> attributes;  // String message attributes, optional
  // A different message per subscription protocol ("email", "sms", ...): when set, the
  // request is sent with MessageStructure=json, `message` as "default" (what every other
  // subscriber receives) and each entry under its protocol's key.
  std::map<std::string, std::string> by_protocol;
};

// The MessageId.
core::result<std::string, error> publish(session& s, const publish_request& r);
// The new topic's ARN (tests and tools).
core::result<std::string, error> create_topic(session& s, const std::string& name);
// The subscription ARN.
core::result<std::string, error> subscribe(session& s, const std::string& topic_arn,
                                           const std::string& protocol,
                                           const std::string& endpoint);

}  // namespace aws::sns
