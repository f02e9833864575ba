#include "keys_util.h"

#include <cctype>

namespace scanner::native::keys {

core::result<rapidjson::Document, aws::error> call(const read_context& ctx, const aws::service& svc,
                                                   std::string_view operation, params p,
                                                   const rapidjson::Value* extra) {
  rapidjson::Document body;
  body.SetObject();
  auto& a = body.GetAllocator();
  for (const auto& [k, v] : p)
    body.AddMember(rapidjson::Value(k, a), rapidjson::Value(v.c_str(), a), a);
  if (extra && extra->IsObject())
    for (auto it = extra->MemberBegin(); it != extra->MemberEnd(); ++it)
      body.AddMember(rapidjson::Value(it->name, a), rapidjson::Value(it->value, a), a);
  ctx.count();
  return aws::json_call(ctx.cloud, svc, operation, body);
}

std::string str(const rapidjson::Value& obj, const char* key) {
  const auto* v = member(obj, key);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : "";
}

bool boolean(const rapidjson::Value& obj, const char* key) {
  const auto* v = member(obj, key);
  return v && v->IsBool() && v->GetBool();
}

long long integer(const rapidjson::Value& obj, const char* key) {
  const auto* v = member(obj, key);
  return v && v->IsNumber() ? v->GetInt64() : 0;
}

std::string go_policy(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError()) return text;
  return to_go_json(d);
}

std::string kept_if_json_equal(const terraform::resource_instance& inst, const char* name,
                               const std::string& live_text) {
  const std::string old = state_string(inst, name);
  if (old.empty()) return live_text;
  rapidjson::Document a, b;
  a.Parse(old.c_str(), old.size());
  b.Parse(live_text.c_str(), live_text.size());
  if (a.HasParseError() || b.HasParseError()) return live_text;
  return to_go_json(a) == to_go_json(b) ? old : live_text;
}

std::string name_prefix_of(const std::string& name, const std::string& strip) {
  constexpr std::size_t kUnique = 26;  // 18 digits of time, 8 hex digits of a counter
  if (name.size() < strip.size() ||
      name.compare(name.size() - strip.size(), strip.size(), strip) != 0)
    return "";
  const std::string base = name.substr(0, name.size() - strip.size());
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

std::string state_string(const terraform::resource_instance& inst, const char* name) {
  rapidjson::Document d;
  d.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (d.HasParseError() || !d.IsObject()) return "";
  return str(d, name);
}

std::map<std::string, std::string> tag_list(const rapidjson::Value* list, const char* key,
                                            const char* value) {
  std::map<std::string, std::string> out;
  if (list && list->IsArray())
    for (const auto& t : list->GetArray()) out[str(t, key)] = str(t, value);
  return out;
}

}  // namespace scanner::native::keys
