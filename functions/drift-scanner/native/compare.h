// The comparison core: one managed instance's state attributes against what its type module
// read from the cloud, through the type's normalisation rules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "drift/report.h"
#include "rules.h"
#include "terraform/state.h"
#include "type_module.h"

namespace scanner::native {

// The changed top-level attributes (expected = state, actual = cloud, both redacted exactly
// as the plan reader redacts Terraform's own values), in attribute-name order. Every
// difference a rule hid is counted in `suppressed` under rule_key(). `whole` is the
// workspace's whole state, where managed_by_part rules look for the part (null: they hide
// nothing).
std::vector<drift::report_attribute> compare(const terraform::resource_instance& inst,
                                             rapidjson::Document& live,
                                             const std::vector<rule>& rules,
                                             std::map<std::string, int>& suppressed,
                                             const terraform::state* whole = nullptr);

}  // namespace scanner::native
