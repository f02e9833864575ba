// Sends messages (message.h) where people are: Slack and Teams webhooks, PagerDuty Events API
// v2, GitHub issues. Webhook URLs and the routing key are SSM SecureStrings named by
// variables, read once per container and kept (a deliberate warm-container cache, as the
// GitHub token is). A failure is retried a bounded number of times, then counted and returned:
// it never throws and never fails the caller's run.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "notify/message.h"

namespace notify {

struct settings {
  std::string slack_webhook_param;          // SLACK_WEBHOOK_PARAMETER; empty: no Slack
  std::string teams_webhook_param;          // TEAMS_WEBHOOK_PARAMETER; empty: no Teams
  std::string pagerduty_routing_key_param;  // PAGERDUTY_ROUTING_KEY_PARAMETER; empty: no paging
  std::string pagerduty_events_url =
      "https://events.pagerduty.com/v2/enqueue";          // PAGERDUTY_EVENTS_URL
  bool github_issues = false;                             // GITHUB_ISSUES=true
  std::string github_api_url = "https://api.github.com";  // GITHUB_API_URL
  std::string github_repository;                          // GITHUB_REPOSITORY (owner/repo)
  std::string github_token_param;                         // GITHUB_TOKEN_PARAMETER
  // Local tests only (NOTIFY_ALLOW_PLAIN_HTTP=true): secrets travel in URLs and headers.
  bool allow_plain_http = false;
  int max_attempts = 3;
  std::chrono::milliseconds first_backoff{200};  // doubled before each further attempt
  std::chrono::milliseconds timeout{5000};       // per request

  bool any() const {
    return !slack_webhook_param.empty() || !teams_webhook_param.empty() ||
           !pagerduty_routing_key_param.empty() || github_issues;
  }
};

using env_lookup = std::function<std::optional<std::string>(const char*)>;
// From the variables named above; a malformed value is a ConfigurationError naming it.
core::result<settings> settings_from_env(const env_lookup& env);

// What one send did, per channel ("slack", "teams", "pagerduty", "github"): requests that
// succeeded, and failures after their retries, with a message each (no secret in it).
struct delivery_report {
  std::map<std::string, int> sent;
  std::map<std::string, int> failed;
  std::vector<std::string> errors;
  int total_failed() const;
};

class notifier {
 public:
  // Reads an SSM SecureString by name (decrypted). Called at most once per name while it
  // succeeds; a failure is not cached.
  using secret_reader = std::function<core::result<std::string>(const std::string& name)>;
  using sleeper = std::function<void(std::chrono::milliseconds)>;

  notifier(settings s, secret_reader read_secret, sleeper sleep = {});
  ~notifier();
  notifier(const notifier&) = delete;
  notifier& operator=(const notifier&) = delete;

  // Routes one message:
  // - Slack and Teams: every message.
  // - PagerDuty: kind drift: a trigger per CRITICAL finding; remediation_outcome "failed": a
  //   trigger per finding; drift_resolved: a resolve per finding. dedup_key = drift id.
  // - GitHub issues: remediation_outcome "awaiting_review" or "failed": per finding, the open
  //   issue carrying its marker is updated, else one is opened; drift_resolved: that issue
  //   gets a comment and is closed.
  // Findings without a drift id are not paged and get no issue (nothing would deduplicate them).
  delivery_report send(const message& m);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace notify
