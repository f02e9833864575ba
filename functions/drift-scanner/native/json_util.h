// JSON helpers of the native engine: building Terraform-shaped values, serialising them the
// way Terraform and the provider do, and Terraform's set order.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace scanner::native {

using doc_ptr = std::shared_ptr<rapidjson::Document>;
doc_ptr new_object();

// Setters on a document's root object (strings copied).
void set_string(rapidjson::Document& d, const char* name, std::string_view v);
void set_bool(rapidjson::Document& d, const char* name, bool v);
void set_int(rapidjson::Document& d, const char* name, long long v);
void set_null(rapidjson::Document& d, const char* name);
void set_value(rapidjson::Document& d, const char* name, rapidjson::Value& v);  // moves v
void set_map(rapidjson::Document& d, const char* name, const std::map<std::string, std::string>& m);
void set_string_list(rapidjson::Document& d, const char* name, const std::vector<std::string>& v);
rapidjson::Value string_value(std::string_view s, rapidjson::Document::AllocatorType& a);

// Compact JSON, members in their stored order.
using core::json::to_text;
// Compact JSON with object keys sorted and <, >, & escaped as \u003c.., as Go's
// encoding/json writes it (the provider's normalised policy strings).
std::string to_go_json(const rapidjson::Value& v);

// Reorders the elements of a Terraform set value the way Terraform stores and prints them:
// strings, numbers and bools by value, other elements by cty's set hash bytes.
void to_set_order(rapidjson::Value& set, rapidjson::Document::AllocatorType& a);

// Tag map from a state value (object of strings).
std::map<std::string, std::string> string_map(const rapidjson::Value* v);

using core::json::member;
using core::json::string_member;

}  // namespace scanner::native
