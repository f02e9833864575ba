// Fan-out of a scheduled scan: one asynchronous invocation of this same function per target,
// so that each target gets a whole invocation's time and memory (Lambda is the scale-out
// engine). Targets whose invocation could not be queued are handed back to scan here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "targets.h"

namespace aws {
class session;
}

namespace scanner {

struct fan_out_result {
  std::vector<std::string> queued;  // target names invoked asynchronously
  std::vector<target> scan_here;    // their invocation failed: scan them in this one
  std::vector<std::string> errors;  // why, per failed target
};

// Fans out when `function_name` is set and there is more than one target; otherwise every
// target is returned in scan_here.
fan_out_result fan_out(const std::vector<target>& targets, const std::string& function_name,
                       aws::session& session);

}  // namespace scanner
