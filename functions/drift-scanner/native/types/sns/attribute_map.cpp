#include "attribute_map.h"

#include <cctype>
#include <cstdlib>

#include "core/json.h"

namespace scanner::native::messaging {

std::string normalised_policy(const std::string& text) {
  if (text.empty()) return text;
  auto d = core::json::parse(text);
  if (!d) return text;
  return to_go_json(*d);
}

std::string kept_if_json_equal(const terraform::resource_instance& inst, const char* name,
                               const std::string& live_text) {
  auto state = core::json::parse(inst.attributes);
  if (!state) return live_text;
  const std::string stored = string_member(*state, name);
  if (stored == live_text || stored.empty() || live_text.empty()) return live_text;
  auto a = core::json::parse(stored);
  auto b = core::json::parse(live_text);
  if (a && b && *a == *b) return stored;
  return live_text;
}

std::string name_prefix_of(const std::string& name, const std::string& suffix) {
  constexpr std::size_t kUnique = 26;  // 18 digits of time, 8 hex digits of a counter
  if (name.size() < suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  const std::string base = name.substr(0, name.size() - suffix.size());
  if (base.size() <= kUnique) return "";
  const std::string tail = base.substr(base.size() - kUnique);
  for (std::size_t i = 0; i < kUnique; ++i) {
    const auto c = static_cast<unsigned char>(tail[i]);
    const bool ok =
        i < 18 ? std::isdigit(c) != 0 : (std::isdigit(c) != 0 || (c >= 'a' && c <= 'f'));
    if (!ok) return "";
  }
  return base.substr(0, base.size() - kUnique);
}

void set_attributes(rapidjson::Document& live, const terraform::resource_instance& inst,
                    const std::map<std::string, std::string>& api,
                    const std::vector<attr_spec>& specs) {
  for (const auto& s : specs) {
    auto it = api.find(s.api);
    const bool present = it != api.end();
    const std::string v = present ? it->second : "";
    switch (s.kind) {
      case attr_kind::string:
        set_string(live, s.name, v);
        break;
      case attr_kind::integer:
        set_int(live, s.name, std::strtoll(v.c_str(), nullptr, 10));
        break;
      case attr_kind::boolean:
        set_bool(live, s.name, v == "true" || v == "True");
        break;
      case attr_kind::policy:
        set_string(live, s.name, normalised_policy(v));
        break;
      case attr_kind::json_kept_if_equal:
        set_string(live, s.name, kept_if_json_equal(inst, s.name, v));
        break;
    }
  }
}

}  // namespace scanner::native::messaging
