#include "item_read.h"

namespace store::detail {
namespace ddb = aws::dynamodb;

std::vector<std::string> string_list(const ddb::item& it, const std::string& name) {
  std::vector<std::string> out;
  const auto found = it.find(name);
  if (found == it.end()) return out;
  if (const auto* l = found->second.as_l()) {
    for (const auto& v : *l)
      if (const auto* s = v.as_s()) out.push_back(*s);
  } else if (found->second.kind() == ddb::value::type::ss) {
    out = *found->second.as_set();
  }
  return out;
}

std::map<std::string, std::string> string_map(const ddb::item& it, const std::string& name) {
  std::map<std::string, std::string> out;
  if (const auto* m = ddb::get_m(it, name))
    for (const auto& [k, v] : *m)
      if (const auto* s = v.as_s()) out[k] = *s;
  return out;
}

bool flag(const ddb::item& it, const std::string& name, bool fallback) {
  if (auto b = ddb::get_bool(it, name)) return *b;
  const std::string s = ddb::get_s(it, name);
  if (s == "true") return true;
  if (s == "false") return false;
  return fallback;
}

ddb::value strings(const std::vector<std::string>& v) {
  std::vector<ddb::value> l(v.begin(), v.end());
  return ddb::value(std::move(l));
}

}  // namespace store::detail
