// The concrete remediation for one drift: revert (apply the configuration again), accept
// (the code change that makes the configuration match the cloud), import (an unmanaged
// resource), or investigate.
#pragma once

#include <string>
#include <string_view>

#include "drift/report.h"

namespace drift {

struct remediation_context {
  std::string workspace;  // "default" or empty: no TF_WORKSPACE prefix
};

// update: MEDIUM and above revert, LOW accept, INFO investigate, except an INFO change a rule
// calls expected (drift_item::auto_remediate false: an autoscaled count): accept, through
// `lifecycle { ignore_changes }`. delete: revert (apply recreates it). unmanaged: import, with
// a suggested address.
remediation suggest_remediation(const drift_item& d, const remediation_context& ctx);

// Single-quotes a word for a POSIX shell.
std::string shell_quote(std::string_view s);

// A JSON value written as an HCL literal: "x", 42, true, ["a"], { k = "v" }.
std::string hcl_literal(const std::string& json);

}  // namespace drift
