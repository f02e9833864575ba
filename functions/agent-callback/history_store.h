// Drift history (HISTORY_TABLE, hash drift_event_id, range timestamp): reading one event's
// record and moving it along the status lifecycle with conditional updates.
#pragma once

#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "lifecycle.h"

namespace callback {

// The parts of a history item the callback reads.
struct history_record {
  std::string drift_event_id;
  std::string timestamp;  // the range key: the event's time, i.e. when the drift was detected
  std::string status;     // empty when the item has none yet
  std::string severity;
  std::string environment;
  std::string resource_arn;
  std::string terraform_address;
  std::string deployment_id;  // the remediation lock's id
  // Written by an earlier callback for this outcome:
  std::optional<double> mttr_seconds;
  std::string completed_at;
  std::string workflow_run_url;
  std::string error_message;
  bool outcome_published = true;  // false only between our update and our side effects
  // The orchestrator's lease while it works on the record (epoch seconds; 0 when none).
  std::string lease_owner;
  long long lease_until = 0;
};

struct outcome_update {
  outcome status = outcome::remediated;
  std::string reported_status;
  std::string at;  // ISO 8601 UTC
  std::optional<double> mttr_seconds;
  std::string workflow_run_url;
  std::string error_message;
};

class history_store {
 public:
  history_store(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // The event's record (the newest when several share the id); nullopt when there is none.
  core::result<std::optional<history_record>, aws::error> find(const std::string& drift_event_id);

  // Writes the outcome on condition that the record still holds `rec.status`. false when that
  // condition failed (someone else moved it first): the caller re-reads and decides again.
  core::result<bool, aws::error> record_outcome(const history_record& rec, const outcome_update& u);

  // Notes that metrics, notices and the completion event went out for the final outcome.
  core::result<core::unit, aws::error> mark_published(const history_record& rec,
                                                      std::string_view status);

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace callback
