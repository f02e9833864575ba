#include "json_build.h"

#include "aws/json_protocol.h"

namespace aws::detail {

json_object& json_object::set(const char* key, const std::string& v) {
  auto& a = doc_.GetAllocator();
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), rapidjson::Value(v.c_str(), v.size(), a), a);
  return *this;
}
json_object& json_object::set(const char* key, int v) {
  auto& a = doc_.GetAllocator();
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), rapidjson::Value(v), a);
  return *this;
}
json_object& json_object::set(const char* key, bool v) {
  auto& a = doc_.GetAllocator();
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), rapidjson::Value(v), a);
  return *this;
}
json_object& json_object::set_strings(const char* key, const std::vector<std::string>& v) {
  auto& a = doc_.GetAllocator();
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : v) arr.PushBack(rapidjson::Value(s.c_str(), s.size(), a), a);
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), arr, a);
  return *this;
}
json_object& json_object::set_map(const char* key, const std::map<std::string, std::string>& v) {
  auto& a = doc_.GetAllocator();
  rapidjson::Value obj(rapidjson::kObjectType);
  for (const auto& [k, s] : v)
    obj.AddMember(rapidjson::Value(k.c_str(), k.size(), a),
                  rapidjson::Value(s.c_str(), s.size(), a), a);
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), obj, a);
  return *this;
}
json_object& json_object::set_value(const char* key, const rapidjson::Value& v) {
  auto& a = doc_.GetAllocator();
  doc_.RemoveMember(key);
  doc_.AddMember(rapidjson::Value(key, a), rapidjson::Value(v, a), a);
  return *this;
}
std::string json_object::str() const { return to_json(doc_); }

std::string get_string(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

}  // namespace aws::detail
