// What the callback tells the rest of the world about an outcome: CloudWatch metrics, an SNS
// notice for a human, the completion event on our own bus (each one AWS call), and the
// message for people in Slack, Teams, PagerDuty and GitHub issues (notify/deliver.h).
#pragma once

#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "config.h"
#include "core/result.h"
#include "notify/deliver.h"
#include "notify/message.h"
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

// The alert topic notice for an outcome a human should look at (failed, cancelled, review),
// with MessageStructure=json: the outcome JSON stays the default (what queues and every other
// subscriber receive, unchanged); e-mail subscribers get the plain text of `m`
// (notify::email_text). The subject is at most 100 printable ASCII characters.
core::result<core::unit, aws::error> publish_notice(aws::session& s, const std::string& topic_arn,
                                                    const outcome_facts& f,
                                                    const notify::message& m);

// Sends `m` through the container's notifier (config.h's notifier_slot, built here on first
// use, its secrets read with aws::ssm::get_parameter, decrypted). Never fails the caller: each
// failure is logged (no secret in it) and counted as NotificationFailures (Count, dimension
// Channel) in `cfg.metrics_namespace`. Nothing is sent when no channel is configured.
notify::delivery_report deliver_message(aws::session& s, const config& cfg,
                                        const notify::message& m);

// `Drift Remediation Completed` from drift-detection.callback on `bus`.
core::result<core::unit, aws::error> put_completion_event(aws::session& s, const std::string& bus,
                                                          const outcome_facts& f);

// The JSON both the notice and the event carry.
std::string outcome_json(const outcome_facts& f);

}  // namespace callback
