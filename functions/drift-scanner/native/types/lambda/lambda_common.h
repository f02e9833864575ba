// Pieces the Lambda type modules share: JSON lookups on Lambda's answers and values in
// Terraform's shapes.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "module_util.h"

namespace scanner::native::lambda {

// The value at `path` under `v`; null when any step is missing.
const rapidjson::Value* at(const rapidjson::Value& v, std::initializer_list<const char*> path);
std::string str_at(const rapidjson::Value& v, std::initializer_list<const char*> path);
// Integers and booleans read with the fallback the provider uses for an absent value.
long long int_at(const rapidjson::Value& v, std::initializer_list<const char*> path,
                 long long absent = 0);
bool bool_at(const rapidjson::Value& v, std::initializer_list<const char*> path,
             bool absent = false);
std::vector<std::string> strings_at(const rapidjson::Value& v,
                                    std::initializer_list<const char*> path);
std::map<std::string, std::string> string_map_at(const rapidjson::Value& v,
                                                 std::initializer_list<const char*> path);

// A JSON array of strings; `sorted` for a Terraform set of strings (stored by value).
rapidjson::Value string_array(std::vector<std::string> v, bool sorted,
                              rapidjson::Document::AllocatorType& a);

// One block of a nested-block list attribute: [obj], or [] when `obj` is null.
void set_block(rapidjson::Document& d, const char* name, rapidjson::Value* obj);

// How copy_fields reads one member of an AWS object into Terraform's shape.
enum class field_kind { string, integer, boolean, string_set, string_list };
struct field {
  const char* tf;  // a literal: the name is not copied
  const char* aws;
  field_kind kind;
};

// Members `tf` of `dst` from the `aws` members of `src`; an absent one gets the zero value the
// provider's SDK stores for it ("", 0, false, []). Sets of strings are sorted (Terraform's order).
void copy_fields(rapidjson::Value& dst, const rapidjson::Value& src,
                 std::initializer_list<field> fields, rapidjson::Document::AllocatorType& a);

// set_block of one block built by copy_fields from `src`; [] when `src` is null or not an
// object (the provider stores an absent block as an empty list).
void set_block_of(rapidjson::Document& d, const char* name, const rapidjson::Value* src,
                  std::initializer_list<field> fields);

// `in_state` when it names the same function as `arn` (its name, or the ARN itself), else
// `arn`: the provider suppresses the difference between a function's name and its ARN.
std::string function_ref_as_in_state(const std::string& arn, const std::string& in_state);

// A string member of the instance's state attributes ("" when absent).
std::string state_string(const terraform::resource_instance& inst, const char* name);

// Lambda's "not found" answer, for every kind of resource it holds.
bool not_found(const aws::error& e);

}  // namespace scanner::native::lambda
