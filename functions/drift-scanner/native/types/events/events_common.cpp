#include "events_common.h"

#include "aws/events_read.h"

namespace scanner::native::events {
namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

}  // namespace

std::string pattern_json(const std::string& text) {
  if (text.empty()) return text;
  rapidjson::Document p;
  p.Parse(text.c_str(), text.size());
  if (p.HasParseError()) return text;
  std::string out = to_go_json(p);
  // The provider undoes encoding/json's HTML escaping (numeric matchers hold "<" and ">").
  replace_all(out, "\\u003c", "<");
  replace_all(out, "\\u003e", ">");
  replace_all(out, "\\u0026", "&");
  return out;
}

std::pair<std::string, std::string> rule_key(const std::string& id) {
  const auto slash = id.rfind('/');
  if (slash == std::string::npos) return {"default", id};
  return {id.substr(0, slash), id.substr(slash + 1)};
}

std::string rule_id(const std::string& bus, const std::string& rule) {
  return bus.empty() || bus == "default" ? rule : bus + "/" + rule;
}

core::result<core::unit, aws::error> read_tags(const read_context& ctx, rapidjson::Document& d,
                                               const terraform::resource_instance& inst,
                                               const std::string& arn) {
  ctx.count();
  auto tags = aws::events::list_tags(ctx.cloud, arn);
  if (!tags) return tags.error();
  set_tags(d, inst, *tags);
  return core::unit{};
}

void keep_state(rapidjson::Document& d, const terraform::resource_instance& inst, const char* name,
                rapidjson::Type absent) {
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  const auto* v = state.HasParseError() ? nullptr : member(state, name);
  rapidjson::Value copy(absent);
  if (v && !v->IsNull()) copy.CopyFrom(*v, d.GetAllocator());
  set_value(d, name, copy);
}

rapidjson::Value string_object(const std::map<std::string, std::string>& m,
                               rapidjson::Document::AllocatorType& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [k, v] : m) o.AddMember(string_value(k, a), string_value(v, a), a);
  return o;
}

}  // namespace scanner::native::events
