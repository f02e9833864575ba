// rapidjson conveniences for this function (private).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"

namespace orchestrator::json {

using core::json::key;
using core::json::kv;
using core::json::str;
using core::json::writer;

// Parses text; false when it is not JSON (nesting is bounded so hostile input cannot
// exhaust the stack).
bool parse(std::string_view text, rapidjson::Document& doc);

using core::json::member;
using core::json::string_member;
using core::json::to_text;

}  // namespace orchestrator::json
