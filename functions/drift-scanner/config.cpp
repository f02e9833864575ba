#include "config.h"

#include <sstream>

#include "aws_calls.h"
#include "core/env.h"

namespace scanner {

environment_config read_environment() {
  using core::env::get_or;
  environment_config c;
  c.scan_targets = get_or("SCAN_TARGETS", "");
  c.scan_targets_parameter = get_or("SCAN_TARGETS_PARAMETER", "");
  c.scan_engine = get_or("SCAN_ENGINE", "auto");
  c.report_bucket = get_or("REPORT_BUCKET", "");
  c.report_base_url = get_or("REPORT_BASE_URL", "");
  c.alert_topic_arn = get_or("ALERT_TOPIC_ARN", "");
  c.drift_topic_arn = get_or("DRIFT_TOPIC_ARN", "");
  c.metrics_namespace = get_or("METRICS_NAMESPACE", "TerraformPipeline/Drift");
  c.disabled = core::env::truthy(get_or("DISABLE_PROCESSING", ""));
  // A value that is not a whole number of MiB is refused rather than silently replaced.
  const auto mb = core::env::number(core::env::process_environment(), "MAX_STATE_MB", 1,
                                    1024 * 1024, c.max_state_bytes / (1024 * 1024));
  if (mb)
    c.max_state_bytes = mb.value() * 1024 * 1024;
  else
    c.problem = mb.error().message;
  c.lifecycle.drifts_table = get_or("DRIFTS_TABLE", "");
  c.lifecycle.history_table = get_or("HISTORY_TABLE", "");
  const std::string minimum = get_or("ALERT_MIN_SEVERITY", "");
  if (!minimum.empty()) {
    const auto level = drift::parse_severity(minimum);
    if (level && *level != drift::severity::info)
      c.lifecycle.alert_minimum = *level;
    else if (c.problem.empty())
      c.problem = "ALERT_MIN_SEVERITY must be LOW, MEDIUM, HIGH or CRITICAL, not '" + minimum + "'";
  }
  const auto hours =
      core::env::number(core::env::process_environment(), "REANNOUNCE_HOURS", 0, 24 * 366, 0);
  if (hours)
    c.lifecycle.announce.reannounce_every = std::chrono::hours(hours.value());
  else if (c.problem.empty())
    c.problem = hours.error().message;
  const auto cooldown = core::env::number(core::env::process_environment(), "COOLDOWN_SECONDS", 0,
                                          90LL * 86400, c.lifecycle.announce.cooldown.count());
  if (cooldown)
    c.lifecycle.announce.cooldown = std::chrono::seconds(cooldown.value());
  else if (c.problem.empty())
    c.problem = cooldown.error().message;
  const auto budget =
      core::env::number(core::env::process_environment(), "SCAN_BUDGET_SECONDS", 0, 900, 0);
  const auto latency =
      core::env::number(core::env::process_environment(), "SCAN_CALL_LATENCY_MS", 1, 10000, 40);
  const auto workers =
      core::env::number(core::env::process_environment(), "NATIVE_WORKERS", 1, 64, 8);
  for (const auto* n : {&budget, &latency, &workers})
    if (!*n && c.problem.empty()) c.problem = n->error().message;
  if (budget && latency && workers) {
    c.budget_seconds = budget.value();
    c.budget.call_latency_seconds = static_cast<double>(latency.value()) / 1000.0;
    c.budget.workers = static_cast<int>(workers.value());
  }
  c.live.journal_table = get_or("CHANGE_JOURNAL_TABLE", "");
  const auto settle = core::env::number(core::env::process_environment(), "CHANGE_SETTLE_SECONDS",
                                        0, 900, c.live.settle.count());
  if (settle)
    c.live.settle = std::chrono::seconds(settle.value());
  else if (c.problem.empty())
    c.problem = settle.error().message;
  // Comma-separated role ARNs; blanks around them are not part of an ARN.
  std::stringstream roles(get_or("CHANGE_IGNORE_ROLE_ARNS", ""));
  for (std::string arn; std::getline(roles, arn, ',');) {
    arn.erase(0, arn.find_first_not_of(" \t"));
    arn.erase(arn.find_last_not_of(" \t") + 1);
    if (!arn.empty()) c.live.ignore_role_arns.push_back(arn);
  }
  auto notify = notify::settings_from_env([](const char* name) { return core::env::get(name); });
  if (notify)
    c.notify = std::move(notify.value());
  else if (c.problem.empty())
    c.problem = notify.error().message;
  return c;
}

core::result<std::vector<target>> load_targets(const environment_config& env, aws::session* s) {
  if (!env.scan_targets.empty()) return parse_targets(env.scan_targets);
  if (env.scan_targets_parameter.empty())
    return core::error{"NoTargets", "neither SCAN_TARGETS nor SCAN_TARGETS_PARAMETER is set"};
  if (!s) return core::error{"NoSession", "no AWS session to read SCAN_TARGETS_PARAMETER"};
  auto v = aws_calls::ssm_get_parameter(*s, env.scan_targets_parameter);
  if (!v)
    return core::error{"TargetsParameter",
                       "cannot read " + env.scan_targets_parameter + ": " + v.error().describe()};
  return parse_targets(v.value());
}

}  // namespace scanner
