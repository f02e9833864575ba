#include "config.h"

#include <algorithm>
#include <cstdlib>

#include "core/env.h"

namespace callback {

std::optional<std::string> process_env(const char* name) { return core::env::get(name); }

std::string claims_unavailable(std::string_view consequence) {
  return "REMEDIATIONS_TABLE is not set: " + std::string(consequence);
}

core::result<config> load_config(const env_lookup& env) {
  config c;
  struct required {
    const char* name;
    std::string* target;
  };
  for (auto [name, target] :
       {required{"HISTORY_TABLE", &c.history_table}, required{"LOCKS_TABLE", &c.locks_table},
        required{"ALERT_TOPIC_ARN", &c.alert_topic_arn},
        required{"EVENT_BUS_NAME", &c.event_bus_name}}) {
    auto v = env(name);
    if (!v) return core::error{"ConfigurationError", std::string(name) + " is not set"};
    *target = *v;
  }
  c.metrics_namespace = env("METRICS_NAMESPACE").value_or("TerraformPipeline/Drift");
  c.remediations_table = env("REMEDIATIONS_TABLE").value_or("");
  c.drifts_table = env("DRIFTS_TABLE").value_or("");
  c.scanner_function_name = env("SCANNER_FUNCTION_NAME").value_or("");
  if (auto t = env("MTTR_TOLERANCE_SECONDS")) {
    char* end = nullptr;
    const double v = std::strtod(t->c_str(), &end);
    if (end == t->c_str() || *end != '\0' || v < 0)
      return core::error{"ConfigurationError",
                         "MTTR_TOLERANCE_SECONDS must be a non-negative number of seconds"};
    c.mttr_tolerance_seconds = v;
  }
  if (auto t = env("REVIEW_LOCK_TTL_SECONDS")) {
    char* end = nullptr;
    const long long v = std::strtoll(t->c_str(), &end, 10);
    if (end == t->c_str() || *end != '\0' || v <= 0)
      return core::error{"ConfigurationError",
                         "REVIEW_LOCK_TTL_SECONDS must be a positive number of seconds"};
    c.review_lock_ttl_seconds = v;
  }
  auto messaging = notify::settings_from_env(env);
  if (!messaging) return core::error{"ConfigurationError", messaging.error().message};
  c.notify = std::move(*messaging);
  // The messages go out after the outcome's reports, within the invocation's timeout (30 s by
  // default): each request gets at most two attempts of 3 s, so that even channels that hang
  // leave the answer its time.
  c.notify.timeout = std::min(c.notify.timeout, std::chrono::milliseconds(3000));
  c.notify.max_attempts = std::min(c.notify.max_attempts, 2);
  return c;
}

}  // namespace callback
