#include "json_util.h"

#include <rapidjson/error/en.h>

namespace orchestrator::json {

bool parse(std::string_view text, rapidjson::Document& doc) {
  auto parsed = core::json::parse(text);
  if (!parsed) return false;
  doc = std::move(*parsed);
  return true;
}

}  // namespace orchestrator::json
