#include "config.h"

#include <type_traits>
#include <vector>

namespace orchestrator {

core::result<config> load_config(const env_map& env) {
  config c;
  std::vector<std::string> problems;
  auto get = [&](const char* name, std::string fallback = {}) {
    return core::env::get_or(env, name, std::move(fallback));
  };
  auto required = [&](const char* name, std::string& target) {
    target = get(name);
    if (target.empty()) problems.push_back(std::string(name) + " is not set");
  };
  auto number = [&](const char* name, long long min, long long max, auto& target) {
    using T = std::decay_t<decltype(target)>;
    long long fallback;
    if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long long>) {
      fallback = target;
    } else {
      fallback = target.count();
    }
    auto got = core::env::number(env, name, min, max, fallback);
    if (!got) {
      problems.push_back(got.error().message);
      return;
    }
    const long long n = *got;
    if constexpr (std::is_same_v<T, int>) {
      target = static_cast<int>(n);
    } else {
      target = T(n);
    }
  };

  required("METADATA_TABLE", c.metadata_table);
  required("LOCKS_TABLE", c.locks_table);
  required("HISTORY_TABLE", c.history_table);
  required("REMEDIATIONS_TABLE", c.remediations_table);
  c.drifts_table = get("DRIFTS_TABLE");
  required("RETRY_QUEUE_URL", c.retry_queue_url);
  required("GITHUB_TOKEN_PARAMETER", c.github_token_parameter);
  c.policy_table = get("POLICY_TABLE");
  c.policy_id = get("POLICY_ID", c.policy_id);
  c.alert_topic_arn = get("ALERT_TOPIC_ARN");
  c.metrics_namespace = get("METRICS_NAMESPACE", c.metrics_namespace);
  c.default_environment = get("DEFAULT_ENVIRONMENT", "unknown");
  c.disable_processing = core::env::truthy(get("DISABLE_PROCESSING"));
  number("MAX_RETRY_ATTEMPTS", 0, 1000, c.max_retry_attempts);
  // SQS delays beyond 15 minutes are carried in the message and re-queued (retry_message.h).
  number("RETRY_DELAY_SECONDS", 0, 86400, c.retry_delay);
  // The gathering's dispatch rides on an SQS delay, which stops at 15 minutes.
  number("GATHER_SECONDS", 0, 900, c.gather);
  number("COOLDOWN_SECONDS", 0, 90LL * 86400, c.cooldown);
  number("LOCK_TTL_SECONDS", 1, 7LL * 86400, c.lock_ttl);
  number("POLICY_CACHE_SECONDS", 0, 86400, c.policy_cache);
  number("STUCK_RECEIVED_SECONDS", 60, 7LL * 86400, c.stuck_received_after);
  number("STUCK_DISPATCHED_SECONDS", 60, 30LL * 86400, c.stuck_dispatched_after);
  long long ttl_days = 90;
  number("HISTORY_TTL_DAYS", 1, 3650, ttl_days);
  c.history_ttl = std::chrono::seconds(ttl_days * 86400);

  auto messaging =
      notify::settings_from_env([&env](const char* name) -> std::optional<std::string> {
        auto it = env.find(std::string_view(name));
        if (it == env.end()) return std::nullopt;
        return it->second;
      });
  if (messaging)
    c.notify = std::move(*messaging);
  else
    problems.push_back(messaging.error().message);

  if (!problems.empty()) {
    std::string msg;
    for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
    return core::error{"InvalidConfiguration", msg};
  }
  return c;
}

}  // namespace orchestrator
