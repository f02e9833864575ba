// The redacted summary of a plan: what each resource change does and which attributes it
// changes, every value Terraform marks sensitive (and every copy of one) replaced by
// "(sensitive)". Safe to publish as a CI artifact.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace plan_summary {

// Errors as terraform::parse_plan gives them (NotJson, UnsupportedVersion, InvalidPlan).
core::result<std::string> summarize(std::string_view plan_json);

}  // namespace plan_summary
