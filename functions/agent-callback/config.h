// The function's configuration, read once per container from the environment that infra/
// sets (README.md lists every variable).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "notify/deliver.h"

namespace aws {
class session;
}

namespace callback {

// The notifier (notify/deliver.h) for messages to Slack, Teams, PagerDuty and GitHub issues:
// built on the first message and kept for the container's life with the secrets it read, a
// deliberate warm-container cache (as the GitHub token is). Copies of a config share it.
struct notifier_slot {
  aws::session* session = nullptr;  // the invocation's session: the secrets are read through it
  std::unique_ptr<notify::notifier> notifier;
};

struct config {
  std::string history_table;            // HISTORY_TABLE
  std::string locks_table;              // LOCKS_TABLE
  std::string remediations_table;       // REMEDIATIONS_TABLE (claims; empty: claims refused)
  std::string alert_topic_arn;          // ALERT_TOPIC_ARN
  std::string event_bus_name;           // EVENT_BUS_NAME
  std::string metrics_namespace;        // METRICS_NAMESPACE, default TerraformPipeline/Drift
  double mttr_tolerance_seconds = 120;  // MTTR_TOLERANCE_SECONDS
  long long review_lock_ttl_seconds = 7 * 24 * 3600;  // REVIEW_LOCK_TTL_SECONDS
  // After `remediated` (revert_check.h); empty: that step is skipped.
  std::string drifts_table;           // DRIFTS_TABLE: the remediated drifts are marked so
  std::string scanner_function_name;  // SCANNER_FUNCTION_NAME: asked to check the revert
  // Messages for people (notify::settings_from_env: SLACK_WEBHOOK_PARAMETER,
  // TEAMS_WEBHOOK_PARAMETER, PAGERDUTY_ROUTING_KEY_PARAMETER, PAGERDUTY_EVENTS_URL,
  // GITHUB_ISSUES, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN_PARAMETER); none set: none.
  notify::settings notify;
  std::shared_ptr<notifier_slot> notifier = std::make_shared<notifier_slot>();
};

using env_lookup = std::function<std::optional<std::string>(const char*)>;

// The process environment (core::env::get).
std::optional<std::string> process_env(const char* name);

// The refusal when claims are asked for without their table: names the unset variable.
std::string claims_unavailable(std::string_view consequence);

// A missing required variable, a malformed number or messaging variable: ConfigurationError
// naming it.
core::result<config> load_config(const env_lookup& env = process_env);

}  // namespace callback
