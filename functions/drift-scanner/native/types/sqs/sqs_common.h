// What the SQS split resources share: one queue attribute read by queue URL, where a queue
// without the attribute (or gone) is a resource gone.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "module_util.h"

namespace scanner::native::sqs {

// The queue's attributes (GetQueueAttributes, counted), asked once when the queue and a part of
// it are both read in this scan.
core::result<std::map<std::string, std::string>, aws::error> queue_attributes(
    const read_context& ctx, const std::string& url);

// Builds the live attributes from the queue's value of the attribute.
using build_fn =
    std::function<doc_ptr(const terraform::resource_instance& inst, const std::string& value)>;

// The module of a split resource holding one queue attribute (`api_name`): read queue by queue
// (SQS has no batch reads); not listed (a part of its queue). It shares the queue's read.
type_module attribute_module(std::string_view type, const char* api_name, build_fn build,
                             const std::vector<rule>* rules, const depth_claim* depth,
                             const iam_actions* permissions);

}  // namespace scanner::native::sqs
