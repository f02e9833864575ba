// rapidjson conveniences for this function (private).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"

namespace orchestrator::json {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void str(writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void key(writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
inline void kv(writer& w, std::string_view k, std::string_view v) {
  key(w, k);
  str(w, v);
}

// Parses text; false when it is not JSON (nesting is bounded so hostile input cannot
// exhaust the stack).
bool parse(std::string_view text, rapidjson::Document& doc);

using core::json::member;
using core::json::string_member;
using core::json::to_text;

}  // namespace orchestrator::json
