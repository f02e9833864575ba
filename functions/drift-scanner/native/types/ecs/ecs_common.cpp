#include "ecs_common.h"

namespace scanner::native::ecs {

std::map<std::string, std::string> tags_of(const rapidjson::Value* list) {
  std::map<std::string, std::string> out;
  if (!list || !list->IsArray()) return out;
  for (const auto& t : list->GetArray()) out[str_at(t, {"key"})] = str_at(t, {"value"});
  return out;
}

std::string last_part(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

}  // namespace scanner::native::ecs
