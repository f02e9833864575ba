// Everything the orchestrator reads from its environment, read once per container.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/env.h"
#include "core/result.h"
#include "notify/deliver.h"

namespace aws {
class session;
}

namespace orchestrator {

// The notifier (notify/deliver.h) for the sweeper's messages to Slack and Teams: built on the
// first message and kept for the container's life with the secrets it read, a deliberate
// warm-container cache (as the GitHub token is). Copies of a config share it.
struct notifier_slot {
  aws::session* session = nullptr;  // the invocation's session: the secrets are read through it
  std::unique_ptr<notify::notifier> notifier;
};

struct config {
  std::string metadata_table;      // METADATA_TABLE
  std::string locks_table;         // LOCKS_TABLE (remediation locks)
  std::string history_table;       // HISTORY_TABLE
  std::string remediations_table;  // REMEDIATIONS_TABLE (what a dispatch names)
  std::string drifts_table;  // DRIFTS_TABLE (optional: the drifts a dispatch covers follow it)
  std::string policy_table;  // POLICY_TABLE (optional: no policy check without it)
  std::string policy_id = "current";  // POLICY_ID
  std::string alert_topic_arn;        // ALERT_TOPIC_ARN (optional: alerts are logged only)
  std::string retry_queue_url;        // RETRY_QUEUE_URL
  std::string metrics_namespace = "TerraformPipeline/Drift";  // METRICS_NAMESPACE
  std::string github_token_parameter;                         // GITHUB_TOKEN_PARAMETER
  std::string default_environment;       // DEFAULT_ENVIRONMENT: metric dimension when none is known
  bool disable_processing = false;       // DISABLE_PROCESSING (kill switch)
  int max_retry_attempts = 5;            // MAX_RETRY_ATTEMPTS
  std::chrono::seconds retry_delay{60};  // RETRY_DELAY_SECONDS
  // One scan publishes the drift of a deployment as several events within seconds: the first
  // waits this long for the others before it dispatches (0: each event on its own).
  std::chrono::seconds gather{10};      // GATHER_SECONDS
  std::chrono::seconds cooldown{3600};  // COOLDOWN_SECONDS
  // Longer than the workflow's own timeout (60 min), so a running remediation keeps its lock.
  std::chrono::seconds lock_ttl{4500};                // LOCK_TTL_SECONDS
  std::chrono::seconds stuck_received_after{900};     // STUCK_RECEIVED_SECONDS (sweeper)
  std::chrono::seconds stuck_dispatched_after{5400};  // STUCK_DISPATCHED_SECONDS (sweeper)
  std::chrono::seconds policy_cache{300};             // POLICY_CACHE_SECONDS
  std::chrono::seconds history_ttl{90 * 24 * 3600};   // HISTORY_TTL_DAYS
  // Messages for people (notify::settings_from_env: SLACK_WEBHOOK_PARAMETER,
  // TEAMS_WEBHOOK_PARAMETER, ...); none set: none.
  notify::settings notify;
  std::shared_ptr<notifier_slot> notifier = std::make_shared<notifier_slot>();
};

using env_map = core::env::map;

// The variables above from `env` (core::env::process_environment() in production, a map in
// tests). Errors name every missing required variable or malformed number.
core::result<config> load_config(const env_map& env);

}  // namespace orchestrator
