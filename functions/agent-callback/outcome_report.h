// What the callback tells the rest of the world about an outcome: CloudWatch metrics, an SNS
// notice for a human, and the completion event on our own bus. Each is one AWS call.
#pragma once

#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "store/history.h"

namespace callback {

struct outcome_facts {
  store::history_item record;  // the event's history item as read before the update
  std::string status;          // the history status now recorded
  std::string reported_status;
  std::optional<double> mttr_seconds;
  std::string completed_at;
  std::string workflow_run_url;
  std::string error_message;
  // From the item's change_time (the history records it for events that carry changeTime).
  std::optional<double> mttr_from_change_seconds;
};

// The dimensions the dashboard splits by; "unknown" when the record lacks one.
std::string metric_environment(const store::history_item& r);
std::string metric_severity(const store::history_item& r);

// One PutMetricData: MTTR for remediated (when known), and beside it MTTR with From=change when
// the item has a change time; RemediationSuccess 0 for any other final outcome (a remediated
// one is counted by the revert check).
core::result<core::unit, aws::error> put_outcome_metrics(aws::session& s,
                                                         const std::string& metrics_namespace,
                                                         const outcome_facts& f);

// The alert topic notice for an outcome a human should look at (failed, cancelled, review).
core::result<core::unit, aws::error> publish_notice(aws::session& s, const std::string& topic_arn,
                                                    const outcome_facts& f);

// `Drift Remediation Completed` from drift-detection.callback on `bus`.
core::result<core::unit, aws::error> put_completion_event(aws::session& s, const std::string& bus,
                                                          const outcome_facts& f);

// The JSON both the notice and the event carry.
std::string outcome_json(const outcome_facts& f);

}  // namespace callback
