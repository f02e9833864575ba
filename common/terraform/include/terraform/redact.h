// Redaction of values Terraform marks sensitive: they never reach a report, alert or event.
#pragma once

#include <string>
#include <vector>

#include "terraform/types.h"

namespace terraform {

inline constexpr const char* redacted_marker = "(sensitive)";

// Returns `value` with every sub-value named by `paths` replaced by "(sensitive)". An empty
// path redacts the whole value. Paths that do not exist in the value are ignored; a value
// that is not valid JSON is returned fully redacted (fail closed).
json_text redact(const json_text& value, const std::vector<attr_path>& paths);

// Terraform marks a value sensitive at the path it was written to, but providers copy
// values into other attributes it does not mark (tags -> tags_all). So the sensitive
// strings themselves are collected and every string equal to one is redacted as well.
std::vector<std::string> sensitive_strings(const json_text& value,
                                           const std::vector<attr_path>& paths);
json_text redact(const json_text& value, const std::vector<attr_path>& paths,
                 const std::vector<std::string>& secrets);

// The paths under the top-level attribute `name`, re-rooted at that attribute's value.
std::vector<attr_path> paths_under(const std::vector<attr_path>& paths, const std::string& name);

}  // namespace terraform
