// The scanner's configuration from its environment (README.md lists every variable) and
// the scan targets from SCAN_TARGETS or the SSM parameter named by SCAN_TARGETS_PARAMETER.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws/session.h"
#include "core/result.h"
#include "live_check.h"
#include "notify/deliver.h"
#include "scanner.h"
#include "targets.h"

namespace scanner {

struct environment_config {
  std::string scan_targets;                                   // SCAN_TARGETS
  std::string scan_targets_parameter;                         // SCAN_TARGETS_PARAMETER
  std::string scan_engine = "auto";                           // SCAN_ENGINE
  std::string report_bucket;                                  // REPORT_BUCKET
  std::string alert_topic_arn;                                // ALERT_TOPIC_ARN
  std::string drift_topic_arn;                                // DRIFT_TOPIC_ARN
  std::string metrics_namespace = "TerraformPipeline/Drift";  // METRICS_NAMESPACE
  bool disabled = false;                                      // DISABLE_PROCESSING=true|1
  long long max_state_bytes = 256LL * 1024 * 1024;            // MAX_STATE_MB
  std::string report_base_url;  // REPORT_BASE_URL: report links <base>/<key>, else presigned
  // DRIFTS_TABLE, ALERT_MIN_SEVERITY, REANNOUNCE_HOURS, HISTORY_TABLE
  lifecycle_settings lifecycle;
  // CHANGE_JOURNAL_TABLE, CHANGE_SETTLE_SECONDS, CHANGE_IGNORE_ROLE_ARNS (the live path)
  live_settings live;
  // SLACK_WEBHOOK_PARAMETER, TEAMS_WEBHOOK_PARAMETER, PAGERDUTY_ROUTING_KEY_PARAMETER,
  // PAGERDUTY_EVENTS_URL, GITHUB_ISSUES, GITHUB_API_URL, GITHUB_REPOSITORY,
  // GITHUB_TOKEN_PARAMETER, NOTIFY_ALLOW_PLAIN_HTTP: messages for people (none set: none sent).
  notify::settings notify;
  // SCAN_BUDGET_SECONDS (0: the scheduled invocation's remaining time less a minute),
  // SCAN_CALL_LATENCY_MS, NATIVE_WORKERS: how a scheduled scan is cut into invocations.
  long long budget_seconds = 0;
  work_budget budget;
  std::string problem;  // a variable set to a value that cannot be used; empty when none
};

environment_config read_environment();

// SCAN_TARGETS wins over SCAN_TARGETS_PARAMETER; neither set is an error.
core::result<std::vector<target>> load_targets(const environment_config& env, aws::session* s);

}  // namespace scanner
