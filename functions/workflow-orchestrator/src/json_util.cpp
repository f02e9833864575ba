#include "json_util.h"

#include <rapidjson/error/en.h>

namespace orchestrator::json {

bool parse(std::string_view text, rapidjson::Document& doc) {
  // Iterative parsing: depth does not grow the C++ stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  return !doc.HasParseError();
}

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  v.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

const rapidjson::Value* member(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(name);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::string string_member(const rapidjson::Value& obj, const char* name) {
  const auto* m = member(obj, name);
  return m && m->IsString() ? std::string(m->GetString(), m->GetStringLength()) : std::string();
}

}  // namespace orchestrator::json
