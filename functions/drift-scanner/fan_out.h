// Fan-out of a scheduled scan: one asynchronous invocation of this same function per work
// unit (work_plan.h: a whole target, a workspace, or a slice of one), so that each unit gets a
// whole invocation's time and memory (Lambda is the scale-out engine). Units whose invocation
// could not be queued are handed back to scan here.
#pragma once

#include <string>
#include <vector>

#include "work_plan.h"

namespace aws {
class session;
}

namespace scanner {

struct fan_out_result {
  std::vector<std::string> queued;   // units invoked asynchronously, by name
  std::vector<work_unit> scan_here;  // their invocation failed: scan them in this one
  std::vector<std::string> errors;   // why, per failed unit
};

// "platform", "platform/prod" or "platform/prod part 2 of 3".
std::string unit_name(const work_unit& u);

// The invocation event of a unit: {"target"} for a whole target; with "workspace" and
// "unmanaged" for a workspace; with "slice": {"run", "index", "count", "from", "to"} for a slice
// (parse_event reads it back).
std::string unit_event(const work_unit& u);

fan_out_result fan_out(const std::vector<work_unit>& units, const std::string& function_name,
                       aws::session& session);

}  // namespace scanner
