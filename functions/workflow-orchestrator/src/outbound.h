// The function's side effects beyond its tables: alerts (SNS), the retry queue (SQS), metrics
// (CloudWatch, one PutMetricData per invocation), the GitHub token (SSM SecureString) and
// messages for people (notify/deliver.h).
#pragma once

#include <map>
#include <string>

#include "aws/session.h"
#include "config.h"
#include "core/result.h"
#include "notify/deliver.h"
#include "notify/message.h"

namespace orchestrator {

// Publishes to the alert topic; subject at most 100 characters (SNS's limit), trimmed here.
// With `email_text`, MessageStructure=json: `message` stays the default (what queues and every
// other subscriber receive), e-mail subscribers get `email_text`.
core::result<core::unit, aws::error> publish_alert(aws::session& s, const std::string& topic_arn,
                                                   const std::string& subject,
                                                   const std::string& message,
                                                   const std::string& email_text = {});

// delay_seconds is clamped to SQS's 0..900.
core::result<core::unit, aws::error> send_retry(aws::session& s, const std::string& queue_url,
                                                const std::string& body, long long delay_seconds);

// DispatchFailures per Environment, in one PutMetricData call.
// DriftEventsDetected: drift events received, by Source (devops-agent, scanner).
core::result<core::unit, aws::error> put_drift_events_detected(
    aws::session& s, const std::string& ns, const std::map<std::string, int>& by_source);
core::result<core::unit, aws::error> put_dispatch_failures(
    aws::session& s, const std::string& ns, const std::map<std::string, int>& by_environment);

// RemediationsStuck (Count, no dimension: one alarm watches it), sent also when 0 so that the
// alarm sees the sweeper is alive.
core::result<core::unit, aws::error> put_remediations_stuck(aws::session& s, const std::string& ns,
                                                            int count);

// Sends `m` through the container's notifier (config.h's notifier_slot, built here on first
// use, its secrets read with fetch_secure_parameter). Never fails the caller: each failure is
// logged (no secret in it) and counted as NotificationFailures (Count, dimension Channel).
notify::delivery_report deliver_message(aws::session& s, const config& cfg,
                                        const notify::message& m);

// The decrypted value of an SSM SecureString parameter.
core::result<std::string> fetch_secure_parameter(aws::session& s, const std::string& name);

}  // namespace orchestrator
