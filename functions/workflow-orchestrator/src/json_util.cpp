#include "json_util.h"

#include <rapidjson/error/en.h>

namespace orchestrator::json {

bool parse(std::string_view text, rapidjson::Document& doc) {
  // Iterative parsing: depth does not grow the C++ stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  return !doc.HasParseError();
}

}  // namespace orchestrator::json
