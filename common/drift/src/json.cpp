#include "json.h"

#include <rapidjson/error/en.h>

namespace drift::detail {

std::optional<std::string> parse_json(std::string_view bytes, rapidjson::Document& doc) {
  // Refuse deep nesting before parsing: the writers and walkers here recurse.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return "JSON nested deeper than " + std::to_string(max_depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  doc.Parse<rapidjson::kParseIterativeFlag>(bytes.data(), bytes.size());
  if (doc.HasParseError()) {
    return std::string("not valid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
           rapidjson::GetParseError_En(doc.GetParseError());
  }
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
