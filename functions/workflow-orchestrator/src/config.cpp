#include "config.h"

#include <charconv>
#include <cstdlib>
#include <string_view>
#include <vector>

extern char** environ;

namespace orchestrator {
namespace {

std::string get(const env_map& env, const char* name, std::string fallback = {}) {
  auto it = env.find(name);
  return it == env.end() || it->second.empty() ? fallback : it->second;
}

bool truthy(std::string_view v) {
  return v == "true" || v == "TRUE" || v == "True" || v == "1" || v == "yes" || v == "on";
}

}  // namespace

env_map process_environment() {
  env_map out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

core::result<config> load_config(const env_map& env) {
  config c;
  std::vector<std::string> problems;
  auto required = [&](const char* name, std::string& target) {
    target = get(env, name);
    if (target.empty()) problems.push_back(std::string(name) + " is not set");
  };
  auto number = [&](const char* name, long long min, long long max, auto& target) {
    const std::string v = get(env, name);
    if (v.empty()) return;
    long long n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max) {
      problems.push_back(std::string(name) + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max));
      return;
    }
    using T = std::decay_t<decltype(target)>;
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
  required("RETRY_QUEUE_URL", c.retry_queue_url);
  required("GITHUB_TOKEN_PARAMETER", c.github_token_parameter);
  c.policy_table = get(env, "POLICY_TABLE");
  c.policy_id = get(env, "POLICY_ID", c.policy_id);
  c.alert_topic_arn = get(env, "ALERT_TOPIC_ARN");
  c.metrics_namespace = get(env, "METRICS_NAMESPACE", c.metrics_namespace);
  c.default_environment = get(env, "DEFAULT_ENVIRONMENT", "unknown");
  c.disable_processing = truthy(get(env, "DISABLE_PROCESSING"));
  number("MAX_RETRY_ATTEMPTS", 0, 1000, c.max_retry_attempts);
  // SQS delays beyond 15 minutes are carried in the message and re-queued (retry_message.h).
  number("RETRY_DELAY_SECONDS", 0, 86400, c.retry_delay);
  number("COOLDOWN_SECONDS", 0, 90LL * 86400, c.cooldown);
  number("LOCK_TTL_SECONDS", 1, 7LL * 86400, c.lock_ttl);
  number("POLICY_CACHE_SECONDS", 0, 86400, c.policy_cache);
  number("STUCK_RECEIVED_SECONDS", 60, 7LL * 86400, c.stuck_received_after);
  number("STUCK_DISPATCHED_SECONDS", 60, 30LL * 86400, c.stuck_dispatched_after);
  long long ttl_days = 90;
  number("HISTORY_TTL_DAYS", 1, 3650, ttl_days);
  c.history_ttl = std::chrono::seconds(ttl_days * 86400);

  if (!problems.empty()) {
    std::string msg;
    for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
    return core::error{"InvalidConfiguration", msg};
  }
  return c;
}

}  // namespace orchestrator
