// Pieces the EventBridge type modules share: the provider's form of an event pattern, the
// rule id's parts, tags by ARN, and the state's own value of a block the provider keeps when
// EventBridge does not return it. JSON lookups come from lambda/lambda_common.h.
#pragma once

#include <string>
#include <utility>

#include "lambda/lambda_common.h"

namespace scanner::native::events {

using lambda::at;
using lambda::bool_at;
using lambda::int_at;
using lambda::not_found;
using lambda::set_block;
using lambda::state_string;
using lambda::str_at;
using lambda::string_array;
using lambda::string_map_at;
using lambda::strings_at;

// An event pattern as the provider stores it: re-encoded by Go's encoding/json (keys
// sorted) with <, > and & left as they are. Text that is not JSON is kept as is.
std::string pattern_json(const std::string& text);

// {bus, rule} of a rule's id: "rule" on the default bus, "bus/rule" otherwise (a bus given
// by its ARN holds '/' itself, so the rule is what follows the last one).
std::pair<std::string, std::string> rule_key(const std::string& id);

// The id Terraform gives a rule on `bus`.
std::string rule_id(const std::string& bus, const std::string& rule);

// `tags` and `tags_all` from ListTagsForResource on `arn`; the call's error if it failed.
core::result<core::unit, aws::error> read_tags(const read_context& ctx, rapidjson::Document& d,
                                               const terraform::resource_instance& inst,
                                               const std::string& arn);

// The state's value of `name` (or an `absent` value when the state has none): what the
// provider's read leaves in place for an attribute it only sets when EventBridge returns it.
void keep_state(rapidjson::Document& d, const terraform::resource_instance& inst, const char* name,
                rapidjson::Type absent = rapidjson::kArrayType);

// A string map as a JSON object.
rapidjson::Value string_object(const std::map<std::string, std::string>& m,
                               rapidjson::Document::AllocatorType& a);

}  // namespace scanner::native::events
