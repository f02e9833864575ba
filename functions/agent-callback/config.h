// The function's configuration, read once per container from the environment that infra/
// sets (README.md lists every variable).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace callback {

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
};

using env_lookup = std::function<std::optional<std::string>(const char*)>;

// The process environment (core::env::get).
std::optional<std::string> process_env(const char* name);

// The refusal when claims are asked for without their table: names the unset variable.
std::string claims_unavailable(std::string_view consequence);

// A missing required variable or a malformed number: ConfigurationError naming it.
core::result<config> load_config(const env_lookup& env = process_env);

}  // namespace callback
