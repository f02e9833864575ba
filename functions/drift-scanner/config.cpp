#include "config.h"

#include <algorithm>
#include <cstdlib>

#include "aws_calls.h"

namespace scanner {

namespace {

std::string getenv_or(const char* name, std::string fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

bool truthy(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

}  // namespace

environment_config read_environment() {
  environment_config c;
  c.scan_targets = getenv_or("SCAN_TARGETS");
  c.scan_targets_parameter = getenv_or("SCAN_TARGETS_PARAMETER");
  c.scan_engine = getenv_or("SCAN_ENGINE", "auto");
  c.report_bucket = getenv_or("REPORT_BUCKET");
  c.alert_topic_arn = getenv_or("ALERT_TOPIC_ARN");
  c.drift_topic_arn = getenv_or("DRIFT_TOPIC_ARN");
  c.metrics_namespace = getenv_or("METRICS_NAMESPACE", "TerraformPipeline/Drift");
  c.disabled = truthy(getenv_or("DISABLE_PROCESSING"));
  if (const std::string mb = getenv_or("MAX_STATE_MB"); !mb.empty()) {
    char* end = nullptr;
    const long long v = std::strtoll(mb.c_str(), &end, 10);
    if (end && *end == '\0' && v > 0) c.max_state_bytes = v * 1024 * 1024;
  }
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
