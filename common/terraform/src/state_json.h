// The `show -json` state representation, shared by the state reader and plan's prior_state.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "terraform/state.h"

namespace terraform::detail {

// Fills out from a {"format_version", "terraform_version", "values": {"root_module"}} object.
// Returns an error message naming the field.
std::optional<std::string> read_json_state(const rapidjson::Value& root, state& out);

}  // namespace terraform::detail
