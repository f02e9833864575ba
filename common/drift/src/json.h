// rapidjson helpers for the drift domain (private).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"

namespace drift::detail {

inline constexpr int max_depth = 256;

// Parses bytes; returns an error message (nesting, syntax) or nullopt.
std::optional<std::string> parse_json(std::string_view bytes, rapidjson::Document& doc);

using core::json::member;
using core::json::string_member;
using core::json::to_text;

using writer = rapidjson::Writer<rapidjson::StringBuffer>;
void write_string(writer& w, std::string_view s);
// Embeds compact JSON text as a value; text that is not JSON is written as a string.
void write_json_text(writer& w, const std::string& text);

}  // namespace drift::detail
