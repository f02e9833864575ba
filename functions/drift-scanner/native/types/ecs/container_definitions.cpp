#include "container_definitions.h"

#include <algorithm>
#include <string_view>

#include "json_util.h"

namespace scanner::native::ecs {
namespace {

using alloc_t = rapidjson::Document::AllocatorType;

// A value ECS or the configuration may leave out as well as give: null, false, 0, "", [], {}.
bool zero(const rapidjson::Value& v) {
  return v.IsNull() || (v.IsBool() && !v.GetBool()) || (v.IsNumber() && v.GetDouble() == 0) ||
         (v.IsString() && v.GetStringLength() == 0) || (v.IsArray() && v.Empty()) ||
         (v.IsObject() && v.ObjectEmpty());
}

std::string_view text(const rapidjson::Value& v, const char* name) {
  auto it = v.IsObject() ? v.FindMember(name) : v.MemberEnd();
  if (!v.IsObject() || it == v.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

void sort_by_name(rapidjson::Value& list) {
  if (!list.IsArray()) return;
  std::stable_sort(list.Begin(), list.End(),
                   [](const rapidjson::Value& x, const rapidjson::Value& y) {
                     return text(x, "name") < text(y, "name");
                   });
}

// Drops zero members at every depth, so a default ECS adds ("cpu": 0, "mountPoints": [])
// and an absent one compare equal.
void drop_zeros(rapidjson::Value& v) {
  if (v.IsArray()) {
    for (auto& e : v.GetArray()) drop_zeros(e);
    return;
  }
  if (!v.IsObject()) return;
  for (auto it = v.MemberBegin(); it != v.MemberEnd();) {
    drop_zeros(it->value);
    if (zero(it->value))
      it = v.EraseMember(it);
    else
      ++it;
  }
}

// One container as the provider's equivalence sees it: essential true by default, tcp the
// default protocol, the host port of an awsvpc mapping its container port, environment
// variables and secrets in name order.
void canonical_container(rapidjson::Value& c, bool awsvpc, alloc_t& a) {
  if (!c.IsObject()) return;
  if (auto it = c.FindMember("essential"); it == c.MemberEnd() || it->value.IsNull()) {
    c.RemoveMember("essential");
    c.AddMember("essential", true, a);
  }
  if (auto it = c.FindMember("portMappings"); it != c.MemberEnd() && it->value.IsArray())
    for (auto& m : it->value.GetArray()) {
      if (!m.IsObject()) continue;
      if (text(m, "protocol") == "tcp") m.RemoveMember("protocol");
      auto host = m.FindMember("hostPort");
      auto port = m.FindMember("containerPort");
      if (awsvpc && port != m.MemberEnd() && host != m.MemberEnd() && host->value == port->value)
        m.RemoveMember("hostPort");
    }
  for (const char* list : {"environment", "secrets"})
    if (auto it = c.FindMember(list); it != c.MemberEnd()) sort_by_name(it->value);
  drop_zeros(c);
}

std::string canonical(const rapidjson::Value& defs, bool awsvpc) {
  rapidjson::Document d;
  d.CopyFrom(defs, d.GetAllocator());
  if (d.IsArray())
    for (auto& c : d.GetArray()) canonical_container(c, awsvpc, d.GetAllocator());
  return to_go_json(d);
}

}  // namespace

std::string container_definitions_text(const rapidjson::Value& live, const std::string& in_state,
                                       bool awsvpc) {
  rapidjson::Document state;
  state.Parse(in_state.c_str(), in_state.size());
  if (!state.HasParseError() && canonical(state, awsvpc) == canonical(live, awsvpc))
    return in_state;
  // ECS's answer, its zero values left out as the provider's encoder leaves them out.
  rapidjson::Document out;
  out.CopyFrom(live, out.GetAllocator());
  drop_zeros(out);
  return to_go_json(out);
}

}  // namespace scanner::native::ecs
