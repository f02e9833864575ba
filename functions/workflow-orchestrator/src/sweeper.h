// The sweeper: history items stuck in `received` (a delivery that died and was never
// delivered again) or `dispatched` (a run GitHub cancelled while pending, or one that never
// called back) are marked `stale`, their remediation locks released, one alert sent per item,
// and RemediationsStuck counted. Runs on a schedule ({"action":"sweep"}).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "aws/session.h"
#include "config.h"
#include "core/result.h"
#include "core/time.h"

namespace orchestrator {

struct sweep_result {
  int examined = 0;  // items the filter matched
  int swept = 0;     // marked stale by this run
  std::vector<std::string> drift_event_ids;
  std::vector<std::string> problems;  // what failed for one item; the others went on
};

// Whether an invocation payload asks for a sweep.
bool is_sweep_request(std::string_view payload);

core::result<sweep_result, aws::error> sweep(aws::session& s, const config& cfg,
                                             core::time::time_point now);

std::string to_json(const sweep_result& r);

}  // namespace orchestrator
