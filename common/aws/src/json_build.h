// Small helpers to build JSON request bodies and read response fields.
#pragma once

#include <rapidjson/document.h>

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace aws::detail {

class json_object {
 public:
  json_object() { doc_.SetObject(); }
  json_object& set(const char* key, const std::string& v);
  json_object& set(const char* key, const char* v) { return set(key, std::string(v)); }
  json_object& set(const char* key, int v);
  json_object& set(const char* key, bool v);
  json_object& set_strings(const char* key, const std::vector<std::string>& v);
  json_object& set_map(const char* key, const std::map<std::string, std::string>& v);
  // Deep-copies `v` under `key`.
  json_object& set_value(const char* key, const rapidjson::Value& v);
  rapidjson::Document& doc() { return doc_; }
  std::string str() const;

 private:
  rapidjson::Document doc_;
};

// obj[key] as a string ("" when absent or not a string).
std::string get_string(const rapidjson::Value& obj, const char* key);

}  // namespace aws::detail
