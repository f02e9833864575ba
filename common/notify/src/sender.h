// The sender's private parts shared by deliver.cpp (Slack, Teams, PagerDuty) and
// github_issues.cpp: the kept secrets, one HTTP exchange classified, and the bounded retry.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/client.h"
#include "notify/deliver.h"

namespace notify {

namespace detail {

// The longest Retry-After a send waits for: a Lambda is billed while it sleeps, and a channel
// that asks for longer gets the failure counted instead.
inline constexpr std::chrono::seconds max_retry_after{5};
inline constexpr const char* github_api_version = "2022-11-28";
inline constexpr const char* user_agent = "terraform-drift-remediation";
// Pages of 100 open drift issues read while looking for a marker.
inline constexpr int github_max_pages = 10;

// What one request came to.
struct exchange {
  enum class verdict {
    success,       // 2xx
    retry,         // connection failure, timeout, 5xx
    rate_limited,  // 429 (and GitHub's rate-limit 403s, decided by the GitHub code)
    unauthorized,  // 401
    permanent,     // any other refusal: retrying will not help
  };
  verdict what = verdict::retry;
  long status = 0;  // 0: no answer
  // Whether the request may have reached the server (an answer, a timeout, a reset): a
  // non-idempotent request is not simply sent again then.
  bool may_have_arrived = true;
  std::optional<std::chrono::seconds> retry_after;
  std::string message;  // short, redacted
  int attempts = 0;
  http::response response;
};

// "true"/"false" in any case; nullopt otherwise.
std::optional<bool> parse_bool(std::string_view v);
// Whether `url` may carry a secret: https, or plain http when allowed. The reason when not.
std::optional<std::string> url_problem(std::string_view url, bool allow_plain_http);
// Retry-After as whole seconds; nullopt when absent or an HTTP date.
std::optional<std::chrono::seconds> retry_after_seconds(const http::response& res);

// What a notifier keeps between sends (notifier::impl holds one).
struct sender {
  sender(settings s, notifier::secret_reader read, notifier::sleeper sleep);

  settings cfg;
  notifier::secret_reader read_secret;
  notifier::sleeper sleep;
  http::client http;
  // Secrets by parameter name: kept for the container's life (see secret()).
  std::map<std::string, std::string> secrets;

  // The secret named `parameter`, read once and kept; a failed read is not kept.
  core::result<std::string> secret(const std::string& parameter);
  // Forgets one secret (GitHub answered 401: the token may have been rotated).
  void forget(const std::string& parameter);
  // `text` with every kept secret replaced by [REDACTED].
  std::string redact(std::string text) const;

  // One request, its answer classified (2xx success, 5xx retry, 429 rate_limited, 401
  // unauthorized, other 4xx permanent).
  detail::exchange exchange_once(const http::request& req);
  // Up to cfg.max_attempts: retries connection failures, timeouts, 5xx and 429 (Retry-After up
  // to max_retry_after, else first_backoff doubled before each further attempt).
  detail::exchange exchange_retrying(const http::request& req);

  // The GitHub part of a send (github_issues.cpp).
  void send_github(const message& m, delivery_report& report);
};

}  // namespace detail

}  // namespace notify
