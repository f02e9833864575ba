// The rapidjson lookups every module needs, in one place: a member that may be absent, a
// string member read as "" when absent or not a string, and a value written back as text.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

namespace core::json {

// The member `name` of `obj`; null when `obj` is not an object or has no such member.
inline const rapidjson::Value* member(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(name);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

// The member's string value, "" when absent or not a string.
inline std::string string_member(const rapidjson::Value& obj, const char* name) {
  const auto* v = member(obj, name);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

// Compact JSON text of `v`.
inline std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace core::json
