// Pieces the ECS type modules share: ECS's tag lists and the last part of its ARNs. JSON
// lookups come from lambda/lambda_common.h.
#pragma once

#include <map>
#include <string>

#include "lambda/lambda_common.h"

namespace scanner::native::ecs {

using lambda::at;
using lambda::bool_at;
using lambda::int_at;
using lambda::set_block;
using lambda::state_string;
using lambda::str_at;
using lambda::strings_at;

// ECS's [{key, value}] tag list (of a cluster, service or task definition) as a map.
std::map<std::string, std::string> tags_of(const rapidjson::Value* list);

// The state's value of `name` (null when the state has none): what the provider's read leaves
// in place for an attribute it only sets when ECS returns it.
void keep_state(rapidjson::Document& d, const terraform::resource_instance& inst, const char* name);

// What follows the last '/' of an ARN (a cluster's or family's name); the text itself when it
// has none.
std::string last_part(const std::string& arn);

// The ARN of the `kind` ("cluster", "service", "task-definition") a CloudTrail call of ECS
// touched: responseElements.<object>.<arn_field> (the answer names it even when the request
// gave a name), else a tag call's requestParameters.resourceArn of that kind; "" otherwise.
std::string changed_arn(const change_call& c, const char* object, const char* arn_field,
                        const std::string& kind);

}  // namespace scanner::native::ecs
