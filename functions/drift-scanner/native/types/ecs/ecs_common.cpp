#include "ecs_common.h"

namespace scanner::native::ecs {

std::map<std::string, std::string> tags_of(const rapidjson::Value* list) {
  std::map<std::string, std::string> out;
  if (!list || !list->IsArray()) return out;
  for (const auto& t : list->GetArray()) out[str_at(t, {"key"})] = str_at(t, {"value"});
  return out;
}

void keep_state(rapidjson::Document& d, const terraform::resource_instance& inst,
                const char* name) {
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  const auto* v = state.HasParseError() ? nullptr : member(state, name);
  rapidjson::Value copy;
  if (v) copy.CopyFrom(*v, d.GetAllocator());
  set_value(d, name, copy);
}

std::string changed_arn(const change_call& c, const char* object, const char* arn_field,
                        const std::string& kind) {
  if (std::string arn = string_at(c.response, {object, arn_field}); !arn.empty()) return arn;
  const std::string arn = string_at(c.request, {"resourceArn"});
  return arn.find(":" + kind + "/") != std::string::npos ? arn : "";
}

std::string last_part(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

}  // namespace scanner::native::ecs
