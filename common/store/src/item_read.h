// Lenient readers of item fields that older writers stored in more than one shape.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/dynamodb_item.h"

namespace store::detail {

// A list of strings (L of S), or a string set (SS).
std::vector<std::string> string_list(const aws::dynamodb::item& it, const std::string& name);
// A map of strings (M of S); other members are skipped.
std::map<std::string, std::string> string_map(const aws::dynamodb::item& it,
                                              const std::string& name);
// BOOL, or the strings "true"/"false"; `fallback` otherwise.
bool flag(const aws::dynamodb::item& it, const std::string& name, bool fallback);
aws::dynamodb::value strings(const std::vector<std::string>& v);

}  // namespace store::detail
