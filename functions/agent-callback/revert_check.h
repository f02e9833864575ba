// What the drifts table learns from a run's outcome.
// After a `remediated` outcome: the drifts the remediation answered are marked remediated in
// the drifts table, and the scanner is asked (asynchronously) to re-read exactly those
// resources at once and record whether the revert held (docs/data-model.md, "Confirming a
// revert"). Best effort: nothing here fails the callback; the next scheduled scan confirms
// at the latest.
#pragma once

#include <string>
#include <vector>

#include "aws/session.h"
#include "config.h"
#include "store/history.h"

namespace callback {

// What one revert check covers: one workspace of one scan target.
struct revert_check_request {
  std::string target;
  std::string workspace;
  std::vector<std::string> addresses;
  std::vector<std::string> drift_ids;
  std::vector<std::string> drift_event_ids;
};

// {"action": "confirm_revert", "target", "workspace", "addresses", "drift_ids",
// "drift_event_ids"}: the scanner's targeted invocation event.
std::string revert_check_event(const revert_check_request& r);

// The requests for a remediation whose outcome `rec` records: its events are the remediation's
// (when `remediation_id` names a recorded one) or `rec` alone, grouped by the workspace each
// event's drift was seen in; events without a drift id (not from the scanner) have none.
struct revert_checks {
  std::vector<revert_check_request> requests;
  // Every event of the remediation holds a final outcome: the workflow reports one event at a
  // time, and a check asked for before the last report could not record its verdict on the
  // events still waiting.
  bool every_event_final = true;
};
revert_checks revert_checks_for(aws::session& s, const config& cfg, const store::history_item& rec,
                                const std::string& remediation_id);

// Marks the drifts remediated (DRIFTS_TABLE) and invokes SCANNER_FUNCTION_NAME with an `Event`
// per request; each failure is logged, none is returned.
void request_revert_checks(aws::session& s, const config& cfg, const store::history_item& rec,
                           const std::string& remediation_id);

// After a `remediation_failed` or `cancelled` outcome: the drifts the remediation covered go
// back to open (from remediating) with remediation_failed_at, from which a scan announces them
// again once the cool-down is over. Best effort, like the checks.
void record_failed_remediation(aws::session& s, const config& cfg, const store::history_item& rec,
                               const std::string& remediation_id);

}  // namespace callback
