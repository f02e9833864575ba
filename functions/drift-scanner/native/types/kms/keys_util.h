// Pieces the JSON-protocol modules of the keys/secrets and events families share: one counted
// call with string parameters, member reads and policies as the provider stores them.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

#include "aws/json_protocol.h"
#include "aws/service.h"
#include "module_util.h"

namespace scanner::native::keys {

using params = std::initializer_list<std::pair<const char*, std::string>>;

// One JSON-protocol call, counted; `extra` (an object, may be null) is merged into the body.
core::result<rapidjson::Document, aws::error> call(const read_context& ctx, const aws::service& svc,
                                                   std::string_view operation, params p,
                                                   const rapidjson::Value* extra = nullptr);

// obj[key] as a string ("" when absent or not a string), as a bool (false) or integer (0).
std::string str(const rapidjson::Value& obj, const char* key);
bool boolean(const rapidjson::Value& obj, const char* key);
long long integer(const rapidjson::Value& obj, const char* key);

// A policy as the provider stores it: Go's encoding/json of the parsed document (sorted
// keys, <>& escaped); text that is not JSON as it came.
std::string go_policy(const std::string& text);

// The state's string attribute `name` when it is JSON-equal to `live_text`, else `live_text`
// (a JSON document the provider keeps as written while it means the same).
std::string kept_if_json_equal(const terraform::resource_instance& inst, const char* name,
                               const std::string& live_text);

// name_prefix as the provider derives it from a name: the part before a Terraform-generated
// unique suffix (18 digits and 8 hex digits), or "" when the name has none.
std::string name_prefix_of(const std::string& name, const std::string& strip = "");

// The state's string attribute, "" when absent or null.
std::string state_string(const terraform::resource_instance& inst, const char* name);

// Tags in the [{Key, Value}] shape (key and value member names given).
std::map<std::string, std::string> tag_list(const rapidjson::Value* list, const char* key,
                                            const char* value);

}  // namespace scanner::native::keys
