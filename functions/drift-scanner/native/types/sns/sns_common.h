// What the SNS topic and its policy share: one GetTopicAttributes per topic.
#pragma once

#include <map>
#include <string>

#include "module_util.h"

namespace scanner::native::sns {

// The topic's attributes (GetTopicAttributes, counted), asked once when the topic and its
// policy are both read in this scan.
core::result<std::map<std::string, std::string>, aws::error> topic_attributes(
    const read_context& ctx, const std::string& arn);

}  // namespace scanner::native::sns
