#include "json.h"

#include <rapidjson/error/en.h>

#include "core/json.h"

namespace drift::detail {

std::optional<std::string> parse_json(std::string_view bytes, rapidjson::Document& doc) {
  // The writers and walkers here recurse: the guarded parser keeps the depth bounded.
  auto parsed = core::json::parse(bytes, {64u * 1024 * 1024, static_cast<unsigned>(max_depth)});
  if (!parsed) return parsed.error().message;
  doc = std::move(*parsed);
  return std::nullopt;
}

void write_string(writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_json_text(writer& w, const std::string& text) {
  rapidjson::Document doc;
  if (parse_json(text, doc)) {
    write_string(w, text);
    return;
  }
  doc.Accept(w);
}

}  // namespace drift::detail
