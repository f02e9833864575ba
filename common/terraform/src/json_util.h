// JSON helpers shared by the readers (private).
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "terraform/types.h"

namespace terraform::detail {

// Nesting beyond this is refused before parsing: the readers and the writer recurse.
inline constexpr int max_depth = 256;

// Parses bytes into doc; returns an error message on failure (depth, syntax).
std::optional<std::string> parse_json(std::string_view bytes, rapidjson::Document& doc);

json_text to_text(const rapidjson::Value& v);

// A tree of `true` leaves (before_sensitive, sensitive_values) to the list of paths it marks.
void collect_sensitive_tree(const rapidjson::Value& tree, attr_path& prefix,
                            std::vector<attr_path>& out);

// The state file's sensitive_attributes: [[{"type":"get_attr","value":"tags"},
// {"type":"index","value":{"value":"Owner","type":"string"}}], ...]. Returns an error message.
std::optional<std::string> parse_cty_paths(const rapidjson::Value& list,
                                           std::vector<attr_path>& out);

// Member lookups that tolerate a non-object.
using core::json::member;
using core::json::string_member;

// `index` / `index_key`: a number, a string or absent.
std::optional<std::string> read_index_key(const rapidjson::Value* v, index_key& out);

}  // namespace terraform::detail
