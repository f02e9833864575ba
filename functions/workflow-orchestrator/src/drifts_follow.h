// The drifts table follows a remediation: each drift a dispatch covers becomes `remediating`
// when the dispatch goes out, and records `remediation_failed_at` when the remediation ends
// without one (so that a scan announces the standing drift again once the cool-down is over).
// Best effort, and only with DRIFTS_TABLE: the next scan and the callback correct anything
// missed, so a failure here is logged and never fails the record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/session.h"
#include "core/time.h"
#include "drift/event.h"
#include "store/history.h"

namespace orchestrator {

struct drift_ref {
  std::string target;
  std::string workspace;
  std::string drift_id;
};
// nullopt for an event that names no drift of the drifts table (the Agent's, or a scanner
// without one).
std::optional<drift_ref> drift_of(const drift::drift_event& ev);
std::optional<drift_ref> drift_of(const store::history_item& item);

void mark_remediating(aws::session& s, const std::string& drifts_table,
                      const std::vector<drift_ref>& drifts, const std::string& remediation_id,
                      core::time::time_point now);
void mark_remediation_failed(aws::session& s, const std::string& drifts_table,
                             const std::vector<drift_ref>& drifts, core::time::time_point now);

}  // namespace orchestrator
